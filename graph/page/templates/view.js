/* footback page, the drawing: vis-network with the anatomy layout, the
 * highlight drawn on a canvas of its own, filters, the camera (fit, zoom,
 * moves) and the force layout. lib.view(app) makes the network and adds its
 * functions to app (see app.js). */
(function (lib) {
  "use strict";

  // ------------------------------------------------- geometry (pure: tested alone)
  /* Zoomed in at most this far: labels three times their size. */
  var MAX_SCALE = 3;
  // Smallest label, in screen pixels, that a class can read off a projector.
  var READABLE_PX = 14;
  /* Zoom limits: out to half the whole drawing (minScale, set once it is first
   * fitted) or half the last fit (a fit always fits), in to MAX_SCALE. */
  function clampScale(s, minScale, lastFit) { return Math.max(Math.min(minScale, lastFit / 2), Math.min(MAX_SCALE, s)); }
  /* A label's size on screen: vis-network draws it fontSize canvas px high. */
  function labelPx(scale, fontSize) { return scale * fontSize; }
  /* The scale at which labels of fontSize are READABLE_PX on screen. */
  function readableScale(fontSize) { return READABLE_PX / fontSize; }
  /* The part of a drawing nothing covers, in px from its top left, given the
   * drawing's box on the page (c) and inner size ({width, height}), and the boxes of
   * what may lie over it (null when hidden): the note over its top, the toolbar,
   * the details panel (at the right, or a phone's sheet below). */
  function freeRectOf(c, size, note, bar, panel) {
    var margin = 12;
    var free = { left: margin, top: margin, right: size.width - margin, bottom: size.height - margin };
    if (note) { free.top = Math.max(free.top, note.bottom - c.top + 6); }
    if (bar && bar.height && bar.top < c.bottom && bar.bottom > c.top) { free.bottom = Math.min(free.bottom, bar.top - c.top - 6); }
    if (panel && panel.top < c.bottom && panel.bottom > c.top && panel.left < c.right && panel.right > c.left) {
      if (panel.top > c.top + 20) { free.bottom = Math.min(free.bottom, panel.top - c.top - 6); }  // a phone's sheet
      else { free.right = Math.min(free.right, panel.left - c.left - margin); }  // the panel at the right
    }
    return free;
  }
  /* A little slack at the sides: vis-network measures a label again at each
   * drawing (wider once drawn bold or re-wrapped), and a node fitted to the very
   * edge would then reach under the panel. */
  function withSlack(free) {
    var slack = Math.min(16, (free.right - free.left) / 20);
    return { left: free.left + slack, top: free.top, right: free.right - slack, bottom: free.bottom };
  }
  /* The scale that fits box (canvas coordinates) into free (screen px), at most
   * maxScale (default 1) and MAX_SCALE; null when there is no room or no box. */
  function fitScale(box, free, maxScale) {
    var w = free.right - free.left, h = free.bottom - free.top;
    if (!(box.right > box.left) || w <= 0 || h <= 0) { return null; }
    return Math.min(MAX_SCALE, maxScale || 1, w / (box.right - box.left), h / (box.bottom - box.top + 1e-9));
  }
  /* Where the view's centre goes (canvas coordinates) so that box's centre
   * lands on free's centre at scale, in a drawing of size. */
  function fitCentre(box, free, size, scale) {
    var dx = (size.width / 2 - (free.left + free.right) / 2) / scale;
    var dy = (size.height / 2 - (free.top + free.bottom) / 2) / scale;
    return { x: (box.left + box.right) / 2 + dx, y: (box.top + box.bottom) / 2 + dy };
  }

  lib.view = function (app) {
    var data = app.data, G = app.G, state = app.state, nodeById = app.nodeById, outEdges = app.outEdges, inEdges = app.inEdges;
    var $ = lib.dom.$;
    var visEdgeBase = Object.create(null);
    data.vis.edges.forEach(function (e) { visEdgeBase[e.id] = e; });
    var home = Object.create(null);  // anatomy-layout positions
    data.vis.nodes.forEach(function (n) { home[n.id] = { x: n.x, y: n.y }; });

    // Dashed lines cost much more to draw than solid ones: a large graph draws them
    // only when zoomed in far enough to see the dashes (edgeStyle).
    var DASH_SCALE = 0.6, DASH_ALWAYS = 1500;
    var dashesShown = data.vis.edges.length <= DASH_ALWAYS;
    var visNodes = new vis.DataSet(data.vis.nodes);
    var visEdges = new vis.DataSet(data.vis.edges.map(function (e) {
      return Object.assign({}, e, edgeStyle(e.id, false));
    }));
    var container = $("fb-network");
    var network = new vis.Network(container, { nodes: visNodes, edges: visEdges }, data.vis.options);
    // vis-network's frame is focusable (its arrow keys pan, + and - zoom): the one tab stop of the drawing.
    var frame = container.querySelector(".vis-network");
    if (frame) {
      frame.setAttribute("role", "application");
      frame.setAttribute("aria-label", "Graph drawing: arrow keys move it, + and − zoom. " +
        "Use the search box, path finder and details panel to explore it with the keyboard");
    }

    // ------------------------------------------------------ the drawing, kept
    /* A hover or a click changes only the highlight, and the highlight is drawn on a
     * canvas of its own laid over vis-network's (drawOverlay). The drawing under it
     * (bands, every edge and node, drawn as if nothing were hovered or selected: the
     * highlight shows those) is left as it is while the view, the canvas and the data
     * stay as they were: a redraw asked for then only draws the highlight again,
     * instead of every node and edge (most of what a click cost on a large graph). */
    var overlay = document.createElement("canvas");
    overlay.className = "fb-overlay";
    overlay.setAttribute("aria-hidden", "true");
    network.canvas.frame.appendChild(overlay);
    var drawn = { key: "", version: 0 }, unmarked = [];
    function drawingKey() {
      var v = network.body.view, c = network.canvas.frame.canvas;
      return [v.translation.x, v.translation.y, v.scale, c.width, c.height, drawn.version, state.layout].join(" ");
    }
    function forgetDrawing() { drawn.version += 1; }
    visNodes.on("*", forgetDrawing);
    visEdges.on("*", forgetDrawing);
    network.on("dragging", forgetDrawing);  // a dragged node moves without a change to the data
    network.on("dragEnd", forgetDrawing);
    (function () {
      var renderer = network.renderer, redraw = renderer._redraw;
      /* Only the edges that can show: vis-network strokes every edge at every redraw,
       * though zoomed in on a large graph most of them lie outside the view. An edge is
       * a straight line (no smooth curves), so the box of its two ends says. */
      function visibleEdges(draw) {
        return function (ctx) {
          var body = this.body, edges = body.edges, ids = body.edgeIndices, pad = 40 / body.view.scale;
          var a = this.canvas.DOMtoCanvas({ x: 0, y: 0 });
          var b = this.canvas.DOMtoCanvas({ x: this.canvas.frame.canvas.clientWidth, y: this.canvas.frame.canvas.clientHeight });
          var left = a.x - pad, top = a.y - pad, right = b.x + pad, bottom = b.y + pad;
          for (var i = 0; i < ids.length; i++) {
            var e = edges[ids[i]], f = e.from, t = e.to;
            if (e.connected !== true) { continue; }
            if (f && t && (Math.max(f.x, t.x) < left || Math.min(f.x, t.x) > right || Math.max(f.y, t.y) < top || Math.min(f.y, t.y) > bottom)) { continue; }
            draw(e, ctx);
          }
        };
      }
      renderer._drawEdges = visibleEdges(function (e, ctx) { e.draw(ctx); });
      renderer._drawArrows = visibleEdges(function (e, ctx) { e.drawArrows(ctx); });
      renderer._redraw = function (hidden) {
        var key = drawingKey();
        var still = hidden !== true && !this.renderingActive && !this.dragging && moving === false &&
          network.physics.options.enabled === false && this.allowRedraw === true;
        if (still && key === drawn.key) {
          this.redrawRequested = false;
          drawOverlay();
          return;
        }
        redraw.apply(this, arguments);
        // A hidden redraw (vis-network measuring labels) is wiped: never kept.
        drawn.key = still ? key : "";
      };
    })();
    // Drawn as if nothing were hovered or selected; marks put back once drawn.
    network.on("beforeDrawing", function () {
      var body = network.body;
      [[body.nodes, body.nodeIndices], [body.edges, body.edgeIndices]].forEach(function (pair) {
        pair[1].forEach(function (id) {
          var item = pair[0][id];
          if (item.hover || item.selected) { unmarked.push([item, item.hover, item.selected]); item.hover = false; item.selected = false; }
        });
      });
    });
    network.on("afterDrawing", function () {
      unmarked.forEach(function (u) { u[0].hover = u[1]; u[0].selected = u[2]; });
      unmarked = [];
      drawOverlay();
    });
    /* The highlight (drawHighlight) on the overlay, at the drawing's view. */
    function drawOverlay() {
      var c = network.canvas.frame.canvas;
      if (overlay.width !== c.width || overlay.height !== c.height) {
        overlay.width = c.width;
        overlay.height = c.height;
      }
      var ctx = overlay.getContext("2d");
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, overlay.width, overlay.height);
      if (!lit) { return; }
      var pr = network.canvas.pixelRatio || 1, v = network.body.view;
      ctx.setTransform(pr * v.scale, 0, 0, pr * v.scale, pr * v.translation.x, pr * v.translation.y);
      drawHighlight(ctx);
    }

    function pathSets() {
      if (!state.path || !state.path.paths.length) { return null; }
      var nodes = Object.create(null), edges = Object.create(null);
      state.path.paths.forEach(function (p, i) {
        if (state.path.active >= 0 && state.path.active !== i) { return; }
        p.nodes.forEach(function (n) { nodes[n] = true; });
        p.edges.forEach(function (e) { edges[e.id] = true; });
      });
      return { nodes: nodes, edges: edges };
    }

    /* The look of edge `id`: its relation's colour, width and dash pattern (from
     * the page data), or the path highlight. Every change of an edge's look goes
     * through here. */
    function edgeStyle(id, onPath) {
      var base = visEdgeBase[id];
      var colour = onPath ? "#e08a00" : base.color.color;
      return { width: onPath ? 6 : base.width, dashes: !onPath && dashesShown ? base.dashes : false,
               color: { color: colour, highlight: colour, hover: colour, inherit: false } };
    }
    var PATH_SHADOW = { enabled: true, color: "rgba(255,176,0,0.95)", size: 22, x: 0, y: 0 };
    var NO_SHADOW = { enabled: false };

    /* What filters hide and which nodes and edges glow as a path: set on the data
     * only for the nodes and edges whose look changes (a filter or a path touches
     * few; hover and selection never come here, see drawHighlight). */
    var shown = { nodes: Object.create(null), edges: Object.create(null) };  // id -> visible
    var styled = { nodes: Object.create(null), edges: Object.create(null) }; // id -> key of the look set
    var firstEdgeKey = 1 + (dashesShown ? 4 : 0);  // visible, not on a path, dashes as first drawn
    function restyle() {
      var onPath = pathSets();
      var nodeUpdates = [], edgeUpdates = [];
      G.nodes.forEach(function (n) {
        var visible = !state.hiddenTypes[n.type] || !!(onPath && onPath.nodes[n.id]);
        var glow = !!(onPath && onPath.nodes[n.id]);
        shown.nodes[n.id] = visible;
        var key = (visible ? 1 : 0) + (glow ? 2 : 0);
        if ((n.id in styled.nodes ? styled.nodes[n.id] : 1) === key) { return; }  // 1: as first drawn
        styled.nodes[n.id] = key;
        nodeUpdates.push({ id: n.id, hidden: !visible, shadow: glow ? PATH_SHADOW : NO_SHADOW });
      });
      G.edges.forEach(function (e) {
        var strong = !!(onPath && onPath.edges[e.id]);
        var visible = strong || (!state.hiddenRelations[e.relation] && app.evidenceOk(e) && shown.nodes[e.source] && shown.nodes[e.target]);
        shown.edges[e.id] = visible;
        var key = (visible ? 1 : 0) + (strong ? 2 : 0) + (dashesShown ? 4 : 0);
        if ((e.id in styled.edges ? styled.edges[e.id] : firstEdgeKey) === key) { return; }
        styled.edges[e.id] = key;
        edgeUpdates.push(Object.assign({ id: e.id, hidden: !visible }, edgeStyle(e.id, strong)));
      });
      if (nodeUpdates.length) { visNodes.update(nodeUpdates); }
      if (edgeUpdates.length) { visEdges.update(edgeUpdates); }
      highlight();
    }
    /* Dashes appear once zoomed in far enough to see them (a large graph only). */
    function updateDashes() {
      var want = G.edges.length <= DASH_ALWAYS || network.getScale() >= DASH_SCALE;
      if (want !== dashesShown) { dashesShown = want; restyle(); }
    }

    /* The highlighted nodes and edges: the hovered or selected node with its
     * neighbours, or else the shown paths. Everything else is drawn faded, by one
     * veil painted over the drawing with these drawn again on top of it, so a
     * hover or click redraws the canvas once and changes no node's data. */
    var lit = null;  // {nodes: [ids], edges: [ids]} or null
    function highlight() {
      var focus = state.hover || state.selected;
      var next = null;
      if (focus && nodeById[focus] && shown.nodes[focus] !== false) {
        var nodes = [focus], edges = [], seen = Object.create(null);
        seen[focus] = true;
        outEdges[focus].concat(inEdges[focus]).forEach(function (e) {
          if (shown.edges[e.id] === false) { return; }
          edges.push(e.id);
          [e.source, e.target].forEach(function (n) { if (!seen[n]) { seen[n] = true; nodes.push(n); } });
        });
        next = { nodes: nodes, edges: edges };
      } else {
        var onPath = pathSets();
        if (onPath) { next = { nodes: Object.keys(onPath.nodes), edges: Object.keys(onPath.edges) }; }
      }
      lit = next;
      // One redraw at the next frame, shared with vis-network's own (a hover asks for both).
      network.body.emitter.emit("_requestRedraw");
    }
    function drawHighlight(ctx) {
      if (!lit) { return; }
      var body = network.body;
      var a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
      ctx.save();
      ctx.fillStyle = "rgba(255,255,255,0.8)";
      ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
      ctx.restore();
      var edges = lit.edges.map(function (id) { return body.edges[id]; })
        .filter(function (e) { return e && e.connected && !e.options.hidden; });
      edges.forEach(function (e) { e.draw(ctx); });
      edges.forEach(function (e) { e.drawArrows(ctx); });
      var labels = [];
      lit.nodes.forEach(function (id) {
        var n = body.nodes[id];
        if (!n || n.options.hidden) { return; }
        var r = n.draw(ctx);
        if (r && r.drawExternalLabel) { labels.push(r.drawExternalLabel); }
      });
      labels.forEach(function (f) { f(); });
    }
    /* The highlighted node ids, sorted (for tests and the console). */
    function litNodes() { return lit ? lit.nodes.slice().sort() : []; }
    function focusNode(id, options) {
      if (!nodeById[id]) { return false; }
      options = options || {};
      state.selected = id;
      if (state.hiddenTypes[nodeById[id].type]) { setTypeVisible(nodeById[id].type, true); }
      network.selectNodes([id]);
      app.showDetails(id);
      highlight();
      // The node and its neighbours in the part of the drawing nothing covers: moved
      // to always (a search, a link), or only when some are out of it (a click).
      var ids = lit ? lit.nodes : [id];
      var animate = options.animate !== false;
      if (options.move !== false) { fitView(ids, animate ? ANIMATE : false, 1.2, id); }
      else if (options.later) {
        // A click: the highlight and details are painted at once, over the drawing as
        // it is; bringing the neighbours into view (drawing everything anew at the new
        // view) waits for the frame after.
        // On a graph of thousands the drawing is an overview whose neighbours of a node
        // lie anywhere (the panel lists them, each a link): the view moves only to keep
        // the clicked node itself clear of the panel, since a move redraws everything.
        var chosen = state.selected, large = G.nodes.length + G.edges.length > ANIMATE_MAX;
        requestAnimationFrame(function () {
          if (state.selected !== chosen) { return; }
          if (large) { showNodes([chosen], animate, chosen, true); } else { showNodes(lit ? lit.nodes : [chosen], animate, chosen); }
        });
      } else { showNodes(ids, animate, id); }
      app.updateHash();
      return true;
    }
    function unselect() {
      state.selected = null;
      network.unselectAll();
      app.hideDetails();
      highlight();
      app.updateHash();
    }

    function setTypeVisible(t, visible) {
      if (visible) { delete state.hiddenTypes[t]; } else { state.hiddenTypes[t] = true; }
      var box = document.querySelector('#fb-type-filters input[data-type="' + CSS.escape(t) + '"]');
      if (box) { box.checked = visible; }
      restyle();
      app.updateHash();
    }
    function setMinEvidence(level) {
      state.minEvidence = level;
      var box = $("fb-evidence-filter");
      if (box) { box.checked = !!level; }
      if (state.path && nodeById[state.path.source] && nodeById[state.path.target]) {
        app.showPaths(state.path.source, state.path.target, { move: false });  // the same question, under the new filter
      }
      if (state.selected) { app.showDetails(state.selected); }
      restyle();
      app.updateHash();
    }
    function setRelationVisible(r, visible) {
      if (visible) { delete state.hiddenRelations[r]; } else { state.hiddenRelations[r] = true; }
      var box = document.querySelector('#fb-rel-filters input[data-relation="' + CSS.escape(r) + '"]');
      if (box) { box.checked = visible; }
      restyle();
      app.updateHash();
    }

    // ------------------------------------------------------------ path finder
    /* Bring nodes into view, moving only when some are off screen (or, unless
     * keepZoom, too small to read). */
    function showNodes(ids, animate, centre, keepZoom) {
      if (!ids.length) { return; }
      var free = freeRect();
      // While a move runs the view is not where it will end: move anew.
      var inView = moving === false && ids.every(function (id) {
        var box = nodeBox(id);
        if (!box) { return true; }
        var a = network.canvasToDOM({ x: box.left, y: box.top }), b = network.canvasToDOM({ x: box.right, y: box.bottom });
        return a.x >= free.left && a.y >= free.top && b.x <= free.right && b.y <= free.bottom;
      });
      // All in view but small: moved when that makes them a good deal larger (nodes
      // spread over all of a large graph are not: the view stays, and nothing is redrawn).
      var now = network.getScale();
      var fit = inView && now < 0.45 && !keepZoom ? fitView(ids, false, 1.2, centre, true) : null;
      if (inView && (now >= 0.45 || keepZoom || !fit || fit.scale < 1.25 * now)) { return; }
      fitView(ids, animate ? { duration: 450, easingFunction: "easeInOutQuad" } : false, 1.2, centre);
    }
    var ANIMATE = { duration: 300, easingFunction: "easeInOutQuad" };
    var ANIMATE_MAX = 2000;  // nodes and edges together
    /* A node's box with its label: vis-network's own box stops short of a label
     * drawn below the shape (a symptom's or a region's). */
    var labelSeen = Object.create(null);  // id -> widest and tallest label box measured
    function nodeBox(id) {
      var node = network.body.nodes[id];
      var box = network.getBoundingBox(id);
      var size = node && node.labelModule && node.labelModule.size;
      // A label not drawn yet (an address opened at load) has no place: the node's own box then.
      if (!box || !size || !(size.width > 0) || Math.abs(size.left + size.width / 2 - node.x) > 2) { return box; }
      // vis-network measures a label anew at each drawing, wrapped differently when it is
      // selected: keep the largest box seen, centred where the label is drawn.
      var seen = labelSeen[id] || (labelSeen[id] = { w: 0, h: 0 });
      seen.w = Math.max(seen.w, size.width);
      seen.h = Math.max(seen.h, size.height);
      var mid = size.left + size.width / 2;
      return { left: Math.min(box.left, mid - seen.w / 2), top: Math.min(box.top, size.top),
               right: Math.max(box.right, mid + seen.w / 2), bottom: Math.max(box.bottom, size.top + seen.h) };
    }
    /* The canvas follows its box at once (vis-network notices a resize only later),
     * so a fit right after the details panel opens or closes measures the new size. */
    function syncSize() { network.setSize(); }
    function drawingSize() { return { width: container.clientWidth, height: container.clientHeight }; }
    /* The part of the drawing nothing covers, in px from the drawing's top left:
     * below the note over it (what was left out), above the toolbar, left of the
     * details panel (above it: a phone's sheet). */
    function freeRect() {
      var note = $("fb-note"), panel = $("fb-details");
      return freeRectOf(container.getBoundingClientRect(), drawingSize(),
        !note.hidden && getComputedStyle(note).position !== "static" ? note.getBoundingClientRect() : null,
        $("fb-toolbar").getBoundingClientRect(),
        panel.hidden ? null : panel.getBoundingClientRect());
    }
    /* Fit the drawing, or the nodes `ids`, into the free part of the canvas
     * (freeRect), labels and, in the body layout, the band and lane headings
     * included (vis-network's own fit counts only the nodes and lets the toolbar
     * cover the bottom row). Zoomed in at most to maxScale (default 1). With a
     * `centre` node on a phone (the layout with the details sheet), never zoomed out so far that
     * labels cannot be read: then that node is centred at a readable zoom. With
     * `plan`, only returns the view it would move to ({position, scale}, or null). */
    function fitView(ids, animation, maxScale, centre, plan) {
      var all = !ids;
      ids = ids || network.body.nodeIndices;
      var l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
      ids.forEach(function (id) {
        var box = nodeBox(id);
        if (!box) { return; }
        l = Math.min(l, box.left); t = Math.min(t, box.top); r = Math.max(r, box.right); b = Math.max(b, box.bottom);
      });
      var lanes = data.layout.lanes, bands = data.layout.bands;
      if (all && state.layout === "anatomy" && lanes.length && bands.length) {
        l = Math.min(l, lanes[0].x0 - 40); r = Math.max(r, lanes[lanes.length - 1].x1 + 20);
        t = Math.min(t, bands[0].y0 - 40); b = Math.max(b, bands[bands.length - 1].y1);
      } else if (state.layout === "anatomy" && lanes.length && bands.length && t < bands[0].y0 + 160) {
        t = bands[0].y0 - 40;  // nodes at the top: their lane headings too, not half cut off
      }
      var fitted = { left: l, top: t, right: r, bottom: b };
      var free = all ? freeRect() : withSlack(freeRect());
      var scale = fitScale(fitted, free, maxScale);
      if (scale === null) { return null; }
      var readable = readableScale(data.vis.options.nodes.font.size);
      if (centre && scale < readable && network.body.nodes[centre] && window.matchMedia("(max-width: 900px)").matches) {
        fitted = nodeBox(centre);
        scale = readable;
      }
      // Each frame of an animated move redraws everything: a large graph jumps instead.
      if (G.nodes.length + G.edges.length > ANIMATE_MAX) { animation = false; }
      var target = { position: fitCentre(fitted, free, drawingSize(), scale), scale: scale };
      if (plan) { return target; }
      if (moving !== false && network.view && network.view._transitionRedraw) {
        // vis-network lets a move that has not drawn its first frame yet run on after a
        // new one and end where it meant to: end it now (its end is not reported to us).
        moving = false;
        network.view._transitionRedraw(true);
      }
      moving = animation ? target : false;
      lastFit = scale;
      wholeShown();
      network.moveTo(Object.assign({ animation: animation || false }, target));
    }
    // vis-network's animations advance a step per frame, so a slow screen takes longer: tests wait for the end.
    // `moving` is the view being moved to: an earlier move, cut short by this one, may
    // report its end; the last frame stops a little short, so the view is set exactly.
    var moving = false;
    network.on("animationFinished", function () {
      if (moving !== false && Math.abs(network.getScale() - moving.scale) < 0.01 * moving.scale) {
        var target = moving;
        moving = false;
        network.moveTo(target);
      }
    });
    /* Zoom limits (clampScale above): MIN_SCALE is set once the drawing is first fitted. */
    var MIN_SCALE = 0, lastFit = Infinity;
    function clampViewScale(s) { return clampScale(s, MIN_SCALE, lastFit); }
    // ----------------------------------------------------------------- layout
    function setLayout(mode) {
      state.layout = mode;
      var button = $("fb-layout");
      button.setAttribute("aria-pressed", String(mode === "force"));
      button.textContent = mode === "force" ? "Body layout" : "Force layout";
      if (mode === "force") {
        network.setOptions({ physics: { enabled: true, solver: "forceAtlas2Based",
          forceAtlas2Based: { gravitationalConstant: -80, springLength: 110, avoidOverlap: 0.6 },
          stabilization: { enabled: true, iterations: 400, fit: true } } });
        network.stabilize(400);
      } else {
        network.setOptions({ physics: { enabled: false } });
        visNodes.update(G.nodes.map(function (n) { return { id: n.id, x: home[n.id].x, y: home[n.id].y }; }));
        fitView();
      }
      app.updateHash();
    }
    // Freeze the force layout once it has settled, so the drawing stops moving, and fit it.
    function freeze() {
      if (state.layout !== "force" || network.physics.options.enabled === false) { return; }
      network.setOptions({ physics: { enabled: false } });
      fitView(null, ANIMATE);
    }
    network.on("stabilizationIterationsDone", freeze);
    network.on("stabilized", freeze);

    // Body bands and lane headings behind the anatomy layout.
    network.on("beforeDrawing", function (ctx) {
      if (state.layout !== "anatomy") { return; }
      var lanes = data.layout.lanes, bands = data.layout.bands;
      if (!lanes.length) { return; }
      var x0 = lanes[0].x0 - 40, x1 = lanes[lanes.length - 1].x1 + 20;
      ctx.save();
      bands.forEach(function (b, i) {
        ctx.fillStyle = i % 2 ? "rgba(235,240,246,0.55)" : "rgba(246,243,236,0.6)";
        ctx.fillRect(x0, b.y0, x1 - x0, b.y1 - b.y0);
        ctx.save();
        ctx.translate(x0 + 14, (b.y0 + b.y1) / 2);
        ctx.rotate(-Math.PI / 2);
        ctx.fillStyle = "rgba(70,80,95,0.75)";
        ctx.font = "600 20px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
        ctx.textAlign = "center";
        ctx.textBaseline = "middle";
        ctx.fillText(b.label, 0, 0);
        ctx.restore();
      });
      ctx.fillStyle = "rgba(40,48,60,0.85)";
      ctx.font = "700 21px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
      ctx.textAlign = "center";
      ctx.textBaseline = "bottom";
      lanes.forEach(function (l) { ctx.fillText(l.label, (l.x0 + l.x1) / 2, bands[0].y0 - 12); });
      ctx.restore();
    });

    /* Hide the side panel (wide = true), giving the drawing the whole width. */
    function setWide(wide) {
      document.body.classList.toggle("fb-wide", wide);
      var button = $("fb-panel");
      button.setAttribute("aria-pressed", String(wide));
      button.textContent = wide ? "Show panel" : "Hide panel";
      syncSize();
    }
    // Wider than this (a laptop or desktop window, not a 1024-wide projector) keeps its side panel open.
    var WIDE_WINDOW = 1280;
    function viewLabelPx() { return labelPx(network.getScale(), data.vis.options.nodes.font.size); }
    /* The first view. The whole graph when its labels can be read that way; else
     * (the curated graph's 92 nodes fit at about 8.5 px on a 1024x768 projector)
     * the story at a readable size: from the conditions lane rightwards (the body
     * regions lane, the anatomy's reference list, is the part left of it) and from
     * the feet up, with the Fit button saying the rest is there. The story starts
     * at the feet: the foot problems sit at the bottom of the body layout and
     * their chains climb to the back, so the view ends at the bottom of the drawing
     * and shows as much above it as fits (on a 1400x900 window, into the back
     * band: the back's problems and the feet's never fit together at 14 px). On a
     * small screen (a 1024x768 projector) the side panel starts hidden when that makes the drawing
     * larger by enough to count; not when a path is shown, whose steps the panel
     * lists, nor in a window wide enough for both. */
    function firstFit() {
      fitView();
      var params = app.readHash(location.hash).params;
      var pathShown = data.initial.path || params.path || params.lesson !== undefined;
      if (viewLabelPx() >= READABLE_PX) { return; }
      var lanes = data.layout.lanes, bands = data.layout.bands;
      var phone = window.matchMedia("(max-width: 900px)").matches;
      if (!phone && !pathShown && window.innerWidth <= WIDE_WINDOW) {
        // A projector's narrow window: the drawing takes the whole width (the panel is a
        // click away) when that makes it nearer readable. At best the panel's width
        // makes the drawing that much larger: no use trying when that is not enough.
        var wider = (container.clientWidth + $("fb-side").offsetWidth) / container.clientWidth;
        if (viewLabelPx() * wider >= READABLE_PX / 2) {
          setWide(true);
          fitView();
          if (viewLabelPx() < READABLE_PX / 2) {  // too large a graph for that to help: keep the panel
            setWide(false);
            fitView();
          }
        }
      }
      // A focused or capped page says what it left out, over the drawing, and shows the whole of what it holds.
      if (viewLabelPx() >= READABLE_PX || state.layout !== "anatomy" || !lanes.length || !bands.length || !$("fb-note").hidden) { return; }
      // Readable labels rather than the whole graph; the drawing pans with a drag or a
      // finger, and Fit (or the wheel) shows it all.
      var whole = network.getScale();
      var scale = readableScale(data.vis.options.nodes.font.size);
      var story = lanes.filter(function (lane) { return lane.type !== "body_region"; });
      var free = freeRect(), w = (free.right - free.left) / scale, h = (free.bottom - free.top) / scale;
      var left = (story.length ? story[0].x0 : lanes[0].x0) - 40;
      var top = bands[0].y0 - 40, bottom = bands[bands.length - 1].y1;
      var cx = left + w / 2 - (free.left + free.right - container.clientWidth) / 2 / scale;
      var cy = (bottom - top <= h ? (top + bottom) / 2 : bottom - h / 2) - (free.top + free.bottom - container.clientHeight) / 2 / scale;
      network.moveTo({ position: { x: cx, y: cy }, scale: scale });
      lastFit = whole;  // zooming out reaches the whole graph, as Fit does
      state.partialView = true;
      var fit = $("fb-fit");
      fit.textContent = "Fit: show all";
      fit.classList.add("fb-more");
    }
    // vis-network rescales the view after it reports a resize (here: the canvas growing
    // shorter once the lessons are listed), so the scale is put back just after.
    network.on("resize", function () {
      if (!state.partialView) { return; }
      setTimeout(function () {
        if (state.partialView && viewLabelPx() < READABLE_PX) { network.moveTo({ scale: readableScale(data.vis.options.nodes.font.size) }); }
      }, 0);
    });
    /* Once the view is fitted or zoomed, Fit is Fit again and the scale is the reader's. */
    function wholeShown() {
      if (!state.partialView) { return; }
      state.partialView = false;
      $("fb-fit").textContent = "Fit";
      $("fb-fit").classList.remove("fb-more");
    }

    // Zoom limits for the mouse wheel and pinch too; dashes appear when zoomed in.
    network.on("zoom", function () {
      wholeShown();
      var s = network.getScale();
      if (s !== clampViewScale(s)) { network.moveTo({ scale: clampViewScale(s) }); }
      updateDashes();
    });

    /* The first view, and the zoom limit it sets (half of it). */
    function firstView() {
      firstFit();
      MIN_SCALE = network.getScale() / 2;
    }
    Object.assign(app, {
      network: network, visNodes: visNodes, visEdges: visEdges, container: container, frame: frame,
      ANIMATE: ANIMATE, pathSets: pathSets, restyle: restyle, updateDashes: updateDashes, highlight: highlight,
      litNodes: litNodes, focusNode: focusNode, unselect: unselect, setTypeVisible: setTypeVisible,
      setMinEvidence: setMinEvidence, setRelationVisible: setRelationVisible, showNodes: showNodes,
      syncSize: syncSize, freeRect: freeRect, fitView: fitView, clampScale: clampViewScale, setLayout: setLayout,
      setWide: setWide, wholeShown: wholeShown, firstView: firstView,
      moving: function () { return moving !== false; }
    });
  };
  // Pure: unit-tested in the browser (tests/test_golden.py).
  lib.view.clampScale = clampScale;
  lib.view.labelPx = labelPx;
  lib.view.readableScale = readableScale;
  lib.view.freeRectOf = freeRectOf;
  lib.view.withSlack = withSlack;
  lib.view.fitScale = fitScale;
  lib.view.fitCentre = fitCentre;
})(window.footbackLib = window.footbackLib || {});
