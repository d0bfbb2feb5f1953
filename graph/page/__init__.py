"""The explorer page: one offline HTML file (:mod:`graph.page.html`), its
anatomical layout (:mod:`graph.page.layout`) and its templates."""
