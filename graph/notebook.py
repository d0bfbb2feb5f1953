"""The explorer page inline in a Jupyter notebook.

:class:`Explorer` holds a graph (and, optionally, a path to highlight or a node to
focus on) and renders as the same offline page ``footback export html`` writes,
embedded in an ``<iframe srcdoc="...">``. The page is escaped as one attribute
value and the frame is sandboxed: its scripts run, but it has an origin of its own,
so it cannot read the notebook, its cookies or its kernel, whatever the graph holds.
"""

from __future__ import annotations

import html
from typing import Any

#: What the frame may do: run the page's own scripts, nothing else (no same-origin
#: access to the notebook, no forms, no pop-ups, no top-level navigation).
SANDBOX = "allow-scripts"


class Explorer:
    """The explorer page for a graph, shown inline by Jupyter.

    Parameters
    ----------
    G : networkx.MultiDiGraph
        A graph from :func:`graph.load_graph` (the curated graph or any ``--graph`` path).
    path : (str, str), optional
        Open with the causal paths from the first node to the second highlighted, as
        ``footback export html --path SOURCE TARGET`` does. Names are read as the
        command line reads them (an id, a label or a synonym).
    focus : str, optional
        Draw only the neighbourhood of this node, as ``--focus NODE`` does.
    radius : int
        With ``focus``: how many hops around it (any relation, either direction).
    max_nodes : int, optional
        Most nodes drawn (default: the page's own cap of 500); the page says what it
        left out.
    height : int
        Height of the frame in the notebook, in CSS pixels.

    Raises
    ------
    ValueError
        ``path`` is not two names.
    NameNotFound, AmbiguousName
        A name in ``path`` or ``focus`` names no node, or more than one.
    NoPath
        ``path`` names two nodes with no causal path between them within the page's
        bounds (6 hops); the message says why, as ``footback export html --path`` does.
    ExportError
        With ``focus``: an end of ``path`` lies outside the neighbourhood drawn.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Flat feet <b>", type="condition")
    >>> G.add_node("b", label="Back pain", type="symptom")
    >>> _ = G.add_edge("a", "b", key="causes", relation="causes", note="", section="", cites="")
    >>> frame = Explorer(G, path=("flat feet <b>", "back pain"))._repr_html_()
    >>> frame.startswith('<iframe sandbox="allow-scripts" srcdoc="&lt;!DOCTYPE html&gt;')
    True
    >>> "<b>" in frame  # the page, and the label in it, travel escaped
    False
    """

    def __init__(
        self,
        G: Any,
        *,
        path: tuple[str, str] | None = None,
        focus: str | None = None,
        radius: int = 2,
        max_nodes: int | None = None,
        height: int = 640,
    ) -> None:
        from .answers import export_view
        from .language.names import resolve, resolve_all

        self.graph = G
        self.path: tuple[str, str] | None = None
        if path is not None:
            if isinstance(path, str) or len(path) != 2:
                raise ValueError(f"path must be two names, where the paths start and where they end: got {path!r}")
            source, target = resolve_all(G, path)
            self.path = (source, target)
        self.focus = resolve(G, focus) if focus is not None else None
        self.radius = radius
        self.max_nodes = max_nodes
        self.height = height
        # The graph the page draws, cut as ``footback export html --focus`` cuts it:
        # nearest first, then the most linked.
        self._view, _ = export_view(G, "html", path=self.path, focus=self.focus, radius=radius, max_nodes=max_nodes)
        if self.path is not None:
            self._check_path()

    def _check_path(self) -> None:
        """Find the paths the page highlights now, so that a graph without one fails here,
        saying why as ``footback export html --path`` does, and not when shown."""
        from .errors import NoPath
        from .page.html import path_nodes
        from .questions.whynot import no_path_message

        assert self.path is not None
        try:
            path_nodes(self._view, self.path)  # the page's own search, with its bounds
        except NoPath:
            raise NoPath(no_path_message(self._view, *self.path)) from None

    def page(self) -> str:
        """The whole explorer page as HTML text: the file ``footback export html`` writes."""
        from .page.html import DEFAULT_MAX_NODES, render

        return render(self._view, path=self.path, max_nodes=self.max_nodes if self.max_nodes is not None else DEFAULT_MAX_NODES)

    def _repr_html_(self) -> str:
        """The page in a sandboxed ``<iframe srcdoc>``, for Jupyter's rich display."""
        return (
            f'<iframe sandbox="{SANDBOX}" srcdoc="{html.escape(self.page(), quote=True)}" title="footback explorer" style="width: 100%; height: {int(self.height)}px; border: 1px solid #ccc"></iframe>'
        )

    def __repr__(self) -> str:
        what = f"path={self.path!r}" if self.path else f"focus={self.focus!r}" if self.focus else "whole graph"
        return f"<footback Explorer of {self.graph.number_of_nodes()} nodes, {what}>"
