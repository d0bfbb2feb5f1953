/* footback page, the side panel and controls: the details of a node, the
 * path finder and its list of paths, the legend, the filters, the search box
 * and the tooltip. lib.panels(app) adds its functions to app (see app.js). */
(function (lib) {
  "use strict";

  /* The page data's sources as two tables by id: the title a citation names and
   * the reference an evidence list shows (the title when it has none). */
  function sourceTables(sources) {
    var title = Object.create(null), reference = Object.create(null);
    sources.forEach(function (s) { title[s.id] = s.title; reference[s.id] = s.reference || s.title; });
    return { title: title, reference: reference };
  }
  function own(table, key) { return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined; }
  /* The source sections a link rests on, as a list (graph.model.records.sections_of). */
  function sectionsOf(e) {
    var value = e.section;
    if (Array.isArray(value)) { return value.filter(function (s) { return s !== null && s !== undefined && s !== ""; }).map(String); }
    return value ? [String(value)] : [];
  }
  /* Where a link comes from, worded as graph.teaching.wording.citation words it:
   * `Title, section "Heading"`, `Title, sections "A", "B"`, the title or the
   * sections alone, else "no source given". `sourceTitle` maps a source id to
   * its title (an unknown id, or one without a title, is shown as it is). */
  function citationText(e, sourceTitle) {
    var title = e.cites ? own(sourceTitle, e.cites) || e.cites : "";
    var secs = sectionsOf(e);
    var where = secs.length ? (secs.length === 1 ? "section " : "sections ") + secs.map(function (s) { return "\"" + s + "\""; }).join(", ") : "";
    return title && where ? title + ", " + where : title || where || "no source given";
  }
  /* The "Source: ..." line under a link, as the CLI's explain prints it; "" for a
   * link that names neither a source nor a section (an imported graph's). */
  function sourceLine(e, sourceTitle) {
    return e.cites || sectionsOf(e).length ? "Source: " + citationText(e, sourceTitle) : "";
  }
  /* How sure research is of a link, as [before, level, after]: the three read
   * `How sure: supported. <note>` (graph.teaching.wording.evidence_text); the
   * page shows the level as a coloured badge. null for a link without evidence. */
  function howSureParts(ev) {
    return ev ? ["How sure: ", ev.level, "." + (ev.note ? " " + ev.note : "")] : null;
  }
  /* The references of a link's evidence, each as its formatted reference (an unknown id as it is). */
  function referenceList(ev, referenceText) {
    return ev && ev.refs ? ev.refs.map(function (r) { return own(referenceText, r) || r; }) : [];
  }

  lib.panels = function (app) {
    var data = app.data, G = app.G, state = app.state, nodeById = app.nodeById, outEdges = app.outEdges, inEdges = app.inEdges;
    var typeInfo = app.typeInfo, relInfo = app.relInfo, sourceTitle = app.sourceTitle, referenceText = app.referenceText;
    var label = app.label, typeLabel = app.typeLabel, byLabel = app.byLabel, EVIDENCE = data.evidence;
    var network = app.network, container = app.container, frame = app.frame, causal = app.causal;
    var el = lib.dom.el, clear = lib.dom.clear, $ = lib.dom.$, svg = lib.dom.svg, short = lib.dom.short;
    var SHORT = lib.dom.SHORT, SEP = lib.paths.SEP, ANIMATE = app.ANIMATE;

    function typeSwatch(t) {
      var info = typeInfo[t] || { color: "#999", border: "#555", shape: "square" };
      var s = svg("svg", { width: 22, height: 18, viewBox: "0 0 22 18", "aria-hidden": "true" });
      var common = { fill: info.color, stroke: info.border, "stroke-width": 1.5 };
      var shape;
      if (info.shape === "box") { shape = svg("rect", Object.assign({ x: 2, y: 3, width: 18, height: 12, rx: 1.5 }, common)); }
      else if (info.shape === "pill") { shape = svg("rect", Object.assign({ x: 1.5, y: 3, width: 19, height: 12, rx: 6 }, common)); }
      else if (info.shape === "ellipse") { shape = svg("ellipse", Object.assign({ cx: 11, cy: 9, rx: 9.5, ry: 6 }, common)); }
      else if (info.shape === "diamond") { shape = svg("polygon", Object.assign({ points: "11,1 19,9 11,17 3,9" }, common)); }
      else if (info.shape === "dot") { shape = svg("circle", Object.assign({ cx: 11, cy: 9, r: 6.5 }, common)); }
      else if (info.shape === "hexagon") { shape = svg("polygon", Object.assign({ points: "7,2 15,2 19,9 15,16 7,16 3,9" }, common)); }
      else { shape = svg("rect", Object.assign({ x: 4, y: 2, width: 14, height: 14 }, common)); }
      s.appendChild(shape);
      return s;
    }
    function evidenceSwatch(level) {
      var s = EVIDENCE.style[level] || {};
      var box = svg("svg", { width: 34, height: 12, viewBox: "0 0 34 12", "aria-hidden": "true", class: "fb-swatch" });
      box.appendChild(svg("line", { x1: 2, y1: 6, x2: 32, y2: 6, stroke: s.color || "#3d3d5c", "stroke-width": s.width || 2 }));
      return box;
    }
    function relSwatch(r) {
      var info = relInfo[r] || { color: "#aaa", width: 1, dashes: [4, 4] };
      var s = svg("svg", { width: 34, height: 14, viewBox: "0 0 34 14", "aria-hidden": "true" });
      var line = { x1: 1, y1: 7, x2: 25, y2: 7, stroke: info.color, "stroke-width": Math.max(1.5, info.width) };
      if (info.dashes) { line["stroke-dasharray"] = info.dashes.join(" "); }
      s.appendChild(svg("line", line));
      s.appendChild(svg("polygon", { points: "24,2 33,7 24,12", fill: info.color }));
      return s;
    }
    function shortLabel(id) { return short(label(id)); }
    /* The details panel shows texts whole up to PANEL_CHARS characters: laying out
     * 100,000 characters of mixed-direction text takes Chromium seconds, a
     * million a minute. Longer ones are cut, saying how long they are. */
    var PANEL_CHARS = 10000;
    function panelText(text) {
      text = String(text);
      return text.length > PANEL_CHARS
        ? text.slice(0, PANEL_CHARS) + "\u2026 [cut short: " + text.length.toLocaleString("en") + " characters in all; footback show prints it whole]"
        : text;
    }
    /* A label inside a sentence, isolated so that right-to-left text in it cannot reorder the sentence. */
    function bdi(id) { return el("bdi", { text: shortLabel(id) }); }
    function nodeButton(id) {
      var b = el("button", { type: "button", className: "fb-node-link", dir: "auto", text: shortLabel(id) });
      b.addEventListener("click", function () {
        var inPanel = !!b.closest("#fb-details");
        app.focusNode(id);
        // The clicked link is gone with the panel's old content: go on from the new heading.
        if (inPanel) { $("fb-details-h").focus(); }
      });
      return b;
    }
    function citation(e) {
      var line = sourceLine(e, sourceTitle);
      return line ? panelText(line) : "";
    }
    /* How sure research is of a link: its level (a badge) in the CLI's words and the note. */
    function howSure(e) {
      var parts = howSureParts(e.evidence);
      if (!parts) { return null; }
      return el("div", { className: "fb-evidence" }, [
        parts[0],
        el("span", { className: "fb-level fb-level-" + parts[1], text: parts[1], title: EVIDENCE.meaning[parts[1]] || "" }),
        parts[2]
      ]);
    }
    /* ... and the references (DOI and PMID as text: nothing is fetched). */
    function evidenceBlock(e) {
      var div = howSure(e);
      if (!div) { return null; }
      var refs = referenceList(e.evidence, referenceText);
      if (refs.length) {
        div.appendChild(el("ul", { className: "fb-refs" }, refs.map(function (r) { return el("li", { text: r }); })));
      }
      return div;
    }
    function linkItem(e, outgoing) {
      var verb = relInfo[e.relation] ? relInfo[e.relation].verb : e.relation;
      var head = outgoing
        ? el("div", {}, [el("span", { className: "fb-rel", text: "This " + verb + " " }), nodeButton(e.target)])
        : el("div", {}, [nodeButton(e.source), el("span", { className: "fb-rel", text: " " + verb + " this" })]);
      var li = el("li", { "data-edge": e.id }, [head]);
      if (e.note) { li.appendChild(el("div", { className: "fb-why", dir: "auto", text: panelText(e.note) })); }
      var c = citation(e);
      if (c) { li.appendChild(el("div", { className: "fb-cite", text: c })); }
      var ev = evidenceBlock(e);
      if (ev) { li.appendChild(ev); }
      if (!app.evidenceOk(e)) {
        li.className = "fb-filtered";
        li.appendChild(el("div", { className: "fb-muted", text: "Hidden in the drawing by the evidence filter." }));
      }
      return li;
    }
    function showDetails(id) {
      var panel = $("fb-details"), body = $("fb-details-body");
      var n = nodeById[id];
      if (!n) { hideDetails(); return; }
      $("fb-details-h").textContent = short(lib.dom.visible(n.label), 200);
      $("fb-details-h").setAttribute("dir", "auto");
      clear(body);
      body.appendChild(el("p", { className: "fb-type" }, [typeSwatch(n.type), typeLabel(n.type)]));
      if (n.label.length > 200) { body.appendChild(el("p", { className: "fb-full-label", dir: "auto", text: "Full name: " + panelText(n.label) })); }
      if (n.description) { body.appendChild(el("p", { className: "fb-description", dir: "auto", text: panelText(n.description) })); }
      var dl = el("dl");
      if (n.synonyms.length) { dl.appendChild(el("dt", { text: "Also called" })); dl.appendChild(el("dd", { dir: "auto", text: panelText(n.synonyms.join(", ")) })); }
      if (n.codes.length) { dl.appendChild(el("dt", { text: "Codes" })); dl.appendChild(el("dd", { text: panelText(n.codes.join(", ")) })); }
      var regions = outEdges[id].filter(function (e) { return e.relation === "located_in"; });
      if (regions.length) {
        var dd = el("dd");
        regions.forEach(function (e, i) { if (i) { dd.appendChild(document.createTextNode(", ")); } dd.appendChild(nodeButton(e.target)); });
        dl.appendChild(el("dt", { text: "Body regions" })); dl.appendChild(dd);
      }
      if (dl.firstChild) { body.appendChild(dl); }
      var outs = outEdges[id], ins = inEdges[id];
      body.appendChild(el("h3", { text: "Links out (" + outs.length + ")" }));
      body.appendChild(outs.length ? el("ul", { className: "fb-links fb-out" }, outs.map(function (e) { return linkItem(e, true); }))
                                   : el("p", { className: "fb-muted", text: "None." }));
      body.appendChild(el("h3", { text: "Links in (" + ins.length + ")" }));
      body.appendChild(ins.length ? el("ul", { className: "fb-links fb-in" }, ins.map(function (e) { return linkItem(e, false); }))
                                  : el("p", { className: "fb-muted", text: "None." }));
      if (panel.hidden) {
        panel.hidden = false;
        document.body.classList.add("fb-details-open");
        $("fb-skip-details").hidden = false;
        // On a phone the sheet moves the toolbar, and so the drawing's box: a fit made
        // now must measure the new box (vis-network would notice it only later).
        if (container.clientWidth !== network.canvas.frame.canvas.clientWidth || container.clientHeight !== network.canvas.frame.canvas.clientHeight) { app.syncSize(); }
      }
    }
    function hideDetails() {
      var panel = $("fb-details");
      if (panel.hidden) { return; }
      // Focus inside the panel would be lost with it: give it back to the drawing.
      var hadFocus = panel.contains(document.activeElement);
      panel.hidden = true;
      document.body.classList.remove("fb-details-open");
      $("fb-skip-details").hidden = true;
      if (hadFocus && frame) { frame.focus(); }
    }

    function renderPaths() {
      var box = $("fb-paths");
      clear(box);
      var p = state.path;
      $("fb-share").hidden = !p;
      if (!p) { return; }
      if (!p.paths.length) {
        box.appendChild(p.message ? el("p", { className: "fb-message", text: short(p.message) })
          : el("p", { className: "fb-message" }, ["No causal path from ", bdi(p.source), " to ", bdi(p.target), " within " + data.query.max_hops + " steps" +
            (p.paths.truncated  // as the CLI says: the search stopped before it could tell
              ? (state.minEvidence ? " with every link at least " + state.minEvidence : "") + " found before the search was cut short (its work budget is spent): a path may exist."
              : state.minEvidence ? " with every link at least " + state.minEvidence + " (the evidence filter is on: untick it to see the links research rates lower)." : ".")]));
        return;
      }
      var n = p.paths.length;
      box.appendChild(el("p", { className: "fb-message" }, [n + (n === 1 ? " path" : " paths") + " from ", bdi(p.source), " to ", bdi(p.target),
        (n >= data.query.limit ? " (the " + n + " shortest)" : "") + ". Click a path to show it alone." +
        (p.paths.truncated ? " The search was cut short (its work budget is spent): more paths may exist." : "")]));
      var list = el("ol", { className: "fb-path-list" });
      p.paths.forEach(function (path, i) {
        var head = el("button", { type: "button", className: "fb-path-head", "aria-pressed": String(p.active === i),
                                  text: "Path " + (i + 1) + " · " + path.hops + (path.hops === 1 ? " step" : " steps") });
        head.addEventListener("click", function () {
          showPathIndex(p.active === i ? -1 : i);
          // The list is drawn anew: keep the focus on this path's new heading.
          var again = document.querySelector('#fb-paths li[data-index="' + i + '"] .fb-path-head');
          if (again) { again.focus(); }
        });
        var steps = el("ol", { className: "fb-steps" });
        path.edges.forEach(function (e) {
          var li = el("li", {}, [nodeButton(e.source), el("span", { className: "fb-rel", text: " " + relInfo[e.relation].verb + " " }), nodeButton(e.target)]);
          if (e.note) { li.appendChild(el("div", { className: "fb-why", dir: "auto", text: panelText(e.note) })); }
          var c = citation(e);
          if (c) { li.appendChild(el("div", { className: "fb-cite", text: c })); }
          var ev = evidenceBlock(e);
          if (ev) { li.appendChild(ev); }
          steps.appendChild(li);
        });
        list.appendChild(el("li", { className: "fb-path" + (p.active === i ? " fb-active" : ""), "data-index": String(i) }, [head, steps]));
      });
      box.appendChild(list);
    }
    function showPathIndex(i) {
      if (!state.path) { return; }
      state.path.active = i;
      renderPaths();
      app.restyle();
      app.updateHash();
    }
    /* Find and highlight the causal paths from source to target (ids or names). */
    function showPaths(source, target, options) {
      options = options || {};
      var s = app.resolveName(source).id, t = app.resolveName(target).id;
      if (!s || !t) {
        state.path = { source: s || String(source), target: t || String(target), paths: [], active: -1,
                       message: "Unknown node: " + (!s ? source : target) + "." };
      } else if (s === t) {
        state.path = { source: s, target: t, paths: [], active: -1, message: "Pick two different nodes." };
      } else {
        state.path = { source: s, target: t, paths: app.findPaths(s, t), active: -1 };
        $("fb-source").value = s;
        $("fb-target").value = t;
      }
      state.hover = null;
      renderPaths();
      app.restyle();
      if (state.path.paths.length && options.move !== false) {
        var ids = Object.keys(app.pathSets().nodes);
        app.showNodes(ids, options.animate !== false);
      }
      app.updateHash();
      return state.path.paths;
    }
    /* Highlight a given list of node ids as one path (for lessons). */
    function highlightPath(nodes) {
      var edges = [];
      for (var i = 0; i + 1 < nodes.length; i++) {
        var e = causal.edge[nodes[i] + SEP + nodes[i + 1]] || outEdges[nodes[i]].filter(function (x) { return x.target === nodes[i + 1]; })[0];
        if (e) { edges.push(e); }
      }
      state.path = { source: nodes[0], target: nodes[nodes.length - 1], active: -1,
                     paths: [{ hops: nodes.length - 1, nodes: nodes.slice(), edges: edges }] };
      renderPaths();
      app.restyle();
      app.showNodes(nodes.filter(function (n) { return nodeById[n]; }), true);
      app.updateHash();
    }
    function clearPath() {
      state.path = null;
      renderPaths();
      app.restyle();
      app.updateHash();
    }
    function highlighted() {
      var sets = app.pathSets();
      return sets ? Object.keys(sets.nodes).sort() : [];
    }

    // ------------------------------------------------------------------- wire
    function buildControls() {
      var names = $("fb-names");
      var seen = Object.create(null);
      G.nodes.slice().sort(function (a, b) { return byLabel(a.id, b.id); }).forEach(function (n) {
        [n.label].concat(n.synonyms).forEach(function (name) {
          if (seen[name] || name.length > SHORT) { return; }  // a very long name is still found when typed
          seen[name] = true;
          var o = document.createElement("option");
          o.value = name;
          names.appendChild(o);
        });
      });

      var causalTypes = Object.create(null);
      G.edges.forEach(function (e) { if (e.relation === data.query.relation) { causalTypes[e.source] = true; causalTypes[e.target] = true; } });
      var pickable = G.nodes.filter(function (n) { return causalTypes[n.id]; }).map(function (n) { return n.id; });
      ["fb-source", "fb-target"].forEach(function (sid, k) {
        var sel = $(sid);
        sel.appendChild(el("option", { value: "", text: k ? "(pick where it ends)" : "(pick where it starts)" }));
        data.types.forEach(function (t) {
          var ids = pickable.filter(function (id) { return nodeById[id].type === t.name; }).sort(byLabel);
          if (!ids.length) { return; }
          var group = el("optgroup", { label: t.label });
          ids.forEach(function (id) { group.appendChild(el("option", { value: id, text: shortLabel(id) })); });
          sel.appendChild(group);
        });
      });

      var tf = $("fb-type-filters");
      data.types.forEach(function (t) {
        var box = el("input", { type: "checkbox", "data-type": t.name });
        box.checked = true;
        box.addEventListener("change", function () { app.setTypeVisible(t.name, box.checked); });
        tf.appendChild(el("label", { className: "fb-filter" }, [box, typeSwatch(t.name), t.label, el("span", { className: "fb-count", text: String(t.count) })]));
      });
      var rf = $("fb-rel-filters");
      data.relations.forEach(function (r) {
        var box = el("input", { type: "checkbox", "data-relation": r.name });
        box.checked = true;
        box.addEventListener("change", function () { app.setRelationVisible(r.name, box.checked); });
        rf.appendChild(el("label", { className: "fb-filter" }, [box, relSwatch(r.name), r.verb, el("span", { className: "fb-count", text: String(r.count) })]));
      });
      // How sure: a legend of line thickness by evidence level, and a filter.
      if (EVIDENCE.counts && Object.keys(EVIDENCE.counts).length) {
        var ef = el("fieldset", { id: "fb-evidence-filters" }, [el("legend", { text: "How sure research is (line thickness)" })]);
        EVIDENCE.levels.forEach(function (lv) {
          if (!EVIDENCE.counts[lv]) { return; }
          ef.appendChild(el("div", { className: "fb-filter fb-evidence-key", title: EVIDENCE.meaning[lv] }, [
            evidenceSwatch(lv), el("span", { className: "fb-level fb-level-" + lv, text: lv }),
            el("span", { className: "fb-muted", text: " " + EVIDENCE.meaning[lv] }),
            el("span", { className: "fb-count", text: String(EVIDENCE.counts[lv]) })]));
        });
        var only = el("input", { type: "checkbox", id: "fb-evidence-filter" });
        only.addEventListener("change", function () { app.setMinEvidence(only.checked ? EVIDENCE.supported : null); });
        ef.appendChild(el("label", { className: "fb-filter" }, [only, "Only links research supports (" + EVIDENCE.supported + " or stronger)"]));
        $("fb-filters").appendChild(ef);
      }

      $("fb-search-form").addEventListener("submit", function (ev) {
        ev.preventDefault();
        var out = $("fb-search-result");
        clear(out);
        var q = $("fb-search").value;
        var r = app.resolveName(q);
        if (r.id) { app.focusNode(r.id); out.appendChild(el("span", { className: "fb-muted" }, ["Showing ", bdi(r.id), "."])); return; }
        var options = r.ambiguous || r.candidates;
        if (!options.length) { out.appendChild(el("span", { text: q.trim() ? "Nothing is called “" + short(q.trim()) + "”." : "Type a name first." })); return; }
        var lead = r.note ? r.note + " Nearest in this graph, not the same thing: "
          : r.related ? "“" + short(q.trim()) + "” is a related term of " + short(r.related) + ", not the same thing: "
            : r.ambiguous ? "Which one? " : "Did you mean: ";
        out.appendChild(el("span", { text: lead }));
        options.forEach(function (id) {
          var b = el("button", { type: "button", dir: "auto", text: shortLabel(id) });
          b.addEventListener("click", function () { app.focusNode(id); });
          out.appendChild(b);
        });
      });
      $("fb-path-form").addEventListener("submit", function (ev) {
        ev.preventDefault();
        var s = $("fb-source").value, t = $("fb-target").value;
        app.endLesson();  // the finder's paths replace the lesson's
        if (!s || !t) {
          state.path = null; renderPaths();
          $("fb-paths").appendChild(el("p", { className: "fb-message", text: "Pick where the path starts and where it ends." }));
          return;
        }
        showPaths(s, t);
      });
      // Enter on a picker finds, as it does in the search box (selects do not submit forms).
      ["fb-source", "fb-target"].forEach(function (sid) {
        $(sid).addEventListener("keydown", function (ev) {
          if (ev.key === "Enter") { ev.preventDefault(); $("fb-path-form").requestSubmit(); }
        });
      });
      $("fb-clear").addEventListener("click", function () { $("fb-source").value = ""; $("fb-target").value = ""; clearPath(); });
      $("fb-details-close").addEventListener("click", app.unselect);
      // Skip links move the focus without touching the address (which names the view).
      $("fb-skip-drawing").addEventListener("click", function (ev) { ev.preventDefault(); if (frame) { frame.focus(); } });
      $("fb-skip-details").addEventListener("click", function (ev) { ev.preventDefault(); $("fb-details-h").focus(); });
      $("fb-panel").addEventListener("click", function () {
        app.setWide(!document.body.classList.contains("fb-wide"));
        app.fitView(null, ANIMATE);
      });
      $("fb-layout").addEventListener("click", function () { app.setLayout(state.layout === "force" ? "anatomy" : "force"); });
      $("fb-zoom-in").addEventListener("click", function () { app.wholeShown(); network.moveTo({ scale: app.clampScale(network.getScale() * 1.25) }); app.updateDashes(); });
      $("fb-zoom-out").addEventListener("click", function () { app.wholeShown(); network.moveTo({ scale: app.clampScale(network.getScale() / 1.25) }); app.updateDashes(); });
      $("fb-fit").addEventListener("click", function () { app.fitView(null, ANIMATE); });
      document.addEventListener("keydown", function (ev) {
        if (ev.key === "Escape") {
          if (state.lesson) { app.endLesson(); } else if (state.selected) { app.unselect(); } else if (state.path) { clearPath(); }
        }
      });
      window.addEventListener("hashchange", function () {
        if (location.hash.replace(/^#/, "") !== app.currentHash()) { app.applyHash(location.hash); }
      });

      var legend = $("fb-legend");
      data.types.forEach(function (t) { legend.appendChild(el("span", {}, [typeSwatch(t.name), t.label])); });
      legend.appendChild(el("span", { className: "fb-legend-gap" }));
      data.relations.forEach(function (r) { legend.appendChild(el("span", {}, [relSwatch(r.name), r.verb])); });

      $("fb-note-close").addEventListener("click", function () {
        $("fb-note-omitted").hidden = true;
        $("fb-note-address").hidden = true;
        app.refreshNote();
      });
      if (data.omitted) {
        $("fb-note-omitted").textContent = lib.dom.visible(data.omitted.text);
        $("fb-note-omitted").hidden = false;
      }
      app.refreshNote();
    }

    var tooltip = $("fb-tooltip");
    network.on("hoverNode", function (params) {
      state.hover = params.node;
      app.highlight();
      var n = nodeById[params.node];
      clear(tooltip);
      tooltip.appendChild(el("strong", { dir: "auto", text: short(n.label) }));
      tooltip.appendChild(el("span", { className: "fb-muted", text: typeLabel(n.type) + " · click for details" }));
      var p = params.pointer.DOM;
      tooltip.style.left = (container.offsetLeft + Math.min(p.x + 14, container.clientWidth - 260)) + "px";
      tooltip.style.top = (container.offsetTop + p.y + 14) + "px";
      tooltip.hidden = false;
    });
    network.on("blurNode", function () { state.hover = null; tooltip.hidden = true; app.highlight(); });
    container.addEventListener("mouseleave", function () {
      if (state.hover) { state.hover = null; tooltip.hidden = true; app.highlight(); }
    });
    network.on("dragStart", function () { tooltip.hidden = true; });
    network.on("click", function (params) {
      if (params.nodes.length) { app.focusNode(params.nodes[0], { move: false, later: true }); }
      else if (!params.edges.length) { app.unselect(); }
    });

    Object.assign(app, {
      shortLabel: shortLabel, showDetails: showDetails, hideDetails: hideDetails, renderPaths: renderPaths,
      showPathIndex: showPathIndex, showPaths: showPaths, highlightPath: highlightPath, clearPath: clearPath,
      highlighted: highlighted, buildControls: buildControls, citation: citation, howSure: howSure
    });
  };
  // Pure: unit-tested in the browser against tests/data/golden/panels.json.
  lib.panels.sourceTables = sourceTables;
  lib.panels.citationText = citationText;
  lib.panels.sourceLine = sourceLine;
  lib.panels.howSureParts = howSureParts;
  lib.panels.referenceList = referenceList;
})(window.footbackLib = window.footbackLib || {});
