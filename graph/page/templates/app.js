/* footback explorer: reads the page data, makes the shared state and wires the
 * page's parts together. Text from the data is only ever set with textContent,
 * attributes with setAttribute/properties; never innerHTML.
 *
 * The page's code is plain scripts inlined in this order (graph/page/html.py,
 * SCRIPTS): dom.js, names.js, paths.js (pure: shared helpers, name matching
 * and path finding, each taking its data as arguments, unit-tested in the
 * browser against tests/data/golden), then view.js, panels.js, address.js
 * (each lib.X(app) adds its functions to the one `app` object made here), this
 * file, lessons.js and quiz.js. No modules, no build step: one offline file.
 * The public API is window.footback (focusNode, highlightPath, findPaths, ...),
 * so other panels (lessons) can drive the view. */
(function (lib) {
  "use strict";

  var data = JSON.parse(document.getElementById("fb-data").textContent);
  var G = data.graph;
  // No lookup by a name from the data may fall through to Object.prototype
  // (a node named "constructor"): JSON.parse gives ordinary objects.
  data.names = Object.assign(Object.create(null), data.names);

  // ---------------------------------------------------------------- indexes
  var nodeById = Object.create(null);
  var outEdges = Object.create(null);
  var inEdges = Object.create(null);
  var typeInfo = Object.create(null);
  var relInfo = Object.create(null);
  var sources = lib.panels.sourceTables(data.sources);
  var sourceTitle = sources.title;
  var referenceText = sources.reference;
  G.nodes.forEach(function (n) { nodeById[n.id] = n; outEdges[n.id] = []; inEdges[n.id] = []; });
  G.edges.forEach(function (e) {
    outEdges[e.source].push(e);
    inEdges[e.target].push(e);
  });
  data.types.forEach(function (t) { typeInfo[t.name] = t; });
  data.relations.forEach(function (r) { relInfo[r.name] = r; });

  function label(id) { return nodeById[id] ? nodeById[id].label : id; }
  function typeLabel(t) { return typeInfo[t] ? typeInfo[t].label : t; }
  function byLabel(a, b) {
    var x = label(a).toLowerCase(), y = label(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : (a < b ? -1 : a > b ? 1 : 0);
  }

  var state = {
    hiddenTypes: Object.create(null),
    hiddenRelations: Object.create(null),
    minEvidence: null,  // an evidence level: links below it are hidden
    selected: null,
    partialView: false,  // the first view shows part of the graph (readable labels), Fit shows all
    hover: null,
    path: null,        // {source, target, paths, active (index or -1 for all)}
    layout: "anatomy",
    lesson: null       // {name, step (1-based)} while a lesson runs (lessons.js)
  };

  // ------------------------------------------------------- names and paths
  var names = lib.names.resolver({ ids: G.nodes.map(function (n) { return n.id; }), names: data.names, words: data.words, related: data.related });
  var causal = lib.paths.relationIndex(G.nodes, G.edges, data.query.relation);
  /* As graph.model.evidence.meets, under the evidence filter: where things sit always shows. */
  function evidenceOk(e) { return lib.paths.evidenceMeets(e, state.minEvidence, data.evidence.levels); }
  /* Causal paths from source to target: [{hops, nodes, edges}], shortest first;
   * with the evidence filter on, only along links at least that sure (as --min-evidence). */
  function findPaths(source, target, options) {
    options = options || {};
    return lib.paths.findPaths(causal, source, target, {
      maxHops: options.maxHops || data.query.max_hops,
      limit: options.limit || data.query.limit,
      budget: data.query.work_budget || 2000000,
      edgeOk: state.minEvidence ? evidenceOk : null
    });
  }

  var app = {
    data: data, G: G, state: state, nodeById: nodeById, outEdges: outEdges, inEdges: inEdges,
    typeInfo: typeInfo, relInfo: relInfo, sourceTitle: sourceTitle, referenceText: referenceText,
    label: label, typeLabel: typeLabel, byLabel: byLabel, causal: causal,
    resolveName: names.resolve, evidenceOk: evidenceOk, findPaths: findPaths
  };
  lib.view(app);     // the network first: the panels hold on to it
  lib.panels(app);
  lib.address(app);
  app.buildControls();
  var network = app.network;

  /* Ready = the drawing painted and the main thread free to answer a click: the
   * first drawing, then a frame, then an idle callback (which runs only once no
   * other work is queued). footbackPaintedAt is the first paint alone. */
  network.once("afterDrawing", function () {
    window.footbackPaintedAt = performance.now();  // ms since navigation started
    requestAnimationFrame(function () {
      var done = function () {
        window.footbackReadyAt = performance.now();
        window.footbackReady = true;
        document.documentElement.setAttribute("data-footback-ready", "true");
      };
      if (window.requestIdleCallback) { requestIdleCallback(done, { timeout: 10000 }); } else { setTimeout(done, 0); }
    });
  });


  /* Public API (for tests, lessons and the console). */
  window.footback = {
    data: data,
    network: network,
    nodes: app.visNodes,
    edges: app.visEdges,
    state: state,
    normalize: lib.names.normalize,
    resolveName: names.resolve,
    phraseKey: names.phraseKey,
    findPaths: findPaths,
    showPaths: app.showPaths,
    showPathIndex: app.showPathIndex,
    highlightPath: app.highlightPath,
    clearPath: app.clearPath,
    highlighted: app.highlighted,
    focusNode: app.focusNode,
    unselect: app.unselect,
    showDetails: app.showDetails,
    setTypeVisible: app.setTypeVisible,
    setRelationVisible: app.setRelationVisible,
    setLayout: app.setLayout,
    applyHash: app.applyHash,
    currentHash: app.currentHash,
    registerLessons: app.registerLessons,
    setLesson: app.setLesson,
    fitView: app.fitView,
    freeRect: app.freeRect,
    lit: app.litNodes,
    moving: app.moving,
    // How the lessons and quiz panels word a link, as the explorer does.
    relationVerb: function (r) { return relInfo[r] ? relInfo[r].verb : r; },
    citation: app.citation,  // the "Source: ..." line under a link ("" when it names none)
    howSure: app.howSure,    // how sure research is of a link, its level as a badge (null: not rated)
    drawnCounts: function () {
      return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
    }
  };
  // The exported view (--path), with what the address names.
  app.firstView();
  app.applyHash(location.hash);
})(window.footbackLib = window.footbackLib || {});
