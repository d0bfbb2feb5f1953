/* footback page, path finding: the same semantics as graph.questions.query.paths (the
 * golden cases in tests/data/golden/paths.json are run through both). Pure:
 * every function takes the graph it searches as an argument. */
(function (lib) {
  "use strict";

  var SEP = "\u0000";

  /* The simple directed view of one relation's edges (graph.questions.query.relation_view):
   * {ids, succ, pred, edge}, edge keyed by source SEP target (the first such edge,
   * in the graph's edge order). nodes: [{id}], edges: [{source, target, relation}]. */
  function relationIndex(nodes, edges, relation) {
    var succ = Object.create(null), pred = Object.create(null), seen = Object.create(null);
    nodes.forEach(function (n) { succ[n.id] = []; pred[n.id] = []; });
    edges.forEach(function (e) {
      if (e.relation !== relation) { return; }
      var k = e.source + SEP + e.target;
      if (seen[k]) { return; }
      seen[k] = e;
      succ[e.source].push(e.target);
    });
    // networkx keeps predecessors in the order edges were added: by source node order.
    nodes.forEach(function (n) { succ[n.id].forEach(function (v) { pred[v].push(n.id); }); });
    return { ids: nodes.map(function (n) { return n.id; }), succ: succ, pred: pred, edge: seen };
  }

  /* Distances from start along adj, at most cutoff steps. */
  function bfs(adj, start, cutoff) {
    var dist = Object.create(null), level = [start], d = 0;
    dist[start] = 0;
    while (level.length && d < cutoff) {
      d += 1;
      var next = [];
      level.forEach(function (v) {
        adj[v].forEach(function (w) {
          if (!(w in dist)) { dist[w] = d; next.push(w); }
        });
      });
      level = next;
    }
    return dist;
  }

  /* networkx's _bidirectional_pred_succ, step for step. meter (optional):
     {left: steps}; each neighbour looked at spends one, and an empty meter
     throws BUDGET_SPENT (as graph.questions.query's work budget). */
  var BUDGET_SPENT = { budget: true };
  function bidirectional(succ, pred, source, target, ignoreNodes, ignoreEdges, meter) {
    if (ignoreNodes[source] || ignoreNodes[target]) { return null; }
    if (source === target) { return [source]; }
    var predMap = new Map([[source, null]]), succMap = new Map([[target, null]]);
    var forward = [source], reverse = [target], meet = null, i, j, level, v, w, nbrs;
    search:
    while (forward.length && reverse.length) {
      if (forward.length <= reverse.length) {
        level = forward; forward = [];
        for (i = 0; i < level.length; i++) {
          v = level[i]; nbrs = succ[v];
          for (j = 0; j < nbrs.length; j++) {
            w = nbrs[j];
            if (meter && --meter.left < 0) { throw BUDGET_SPENT; }
            if (ignoreNodes[w] || ignoreEdges[v + SEP + w]) { continue; }
            if (!predMap.has(w)) { forward.push(w); predMap.set(w, v); }
            if (succMap.has(w)) { meet = w; break search; }
          }
        }
      } else {
        level = reverse; reverse = [];
        for (i = 0; i < level.length; i++) {
          v = level[i]; nbrs = pred[v];
          for (j = 0; j < nbrs.length; j++) {
            w = nbrs[j];
            if (meter && --meter.left < 0) { throw BUDGET_SPENT; }
            if (ignoreNodes[w] || ignoreEdges[w + SEP + v]) { continue; }
            if (!succMap.has(w)) { succMap.set(w, v); reverse.push(w); }
            if (predMap.has(w)) { meet = w; break search; }
          }
        }
      }
    }
    if (meet === null) { return null; }
    var path = [];
    for (w = meet; w !== null; w = succMap.get(w)) { path.push(w); }
    for (w = predMap.get(path[0]); w !== null; w = predMap.get(w)) { path.unshift(w); }
    return path;
  }

  /* Yen's algorithm exactly as networkx's shortest_simple_paths runs it, so ties come out in the same order. */
  function* shortestSimplePaths(succ, pred, source, target, meter) {
    var listA = [], buffer = [], buffered = new Set(), counter = 0, prev = null;
    function push(cost, path) {
      var key = path.join(SEP);
      if (!buffered.has(key)) { buffer.push({ cost: cost, n: counter++, path: path }); buffered.add(key); }
    }
    function pop() {
      var best = 0;
      for (var i = 1; i < buffer.length; i++) {
        if (buffer[i].cost < buffer[best].cost || (buffer[i].cost === buffer[best].cost && buffer[i].n < buffer[best].n)) { best = i; }
      }
      var item = buffer.splice(best, 1)[0];
      buffered.delete(item.path.join(SEP));
      return item.path;
    }
    for (;;) {
      if (!prev) {
        var first = bidirectional(succ, pred, source, target, Object.create(null), Object.create(null), meter);
        if (!first) { return; }
        push(first.length, first);
      } else {
        var ignoreNodes = Object.create(null), ignoreEdges = Object.create(null);
        for (var i = 1; i < prev.length; i++) {
          var root = prev.slice(0, i), rootKey = root.join(SEP);
          listA.forEach(function (p) {
            if (p.slice(0, i).join(SEP) === rootKey) { ignoreEdges[p[i - 1] + SEP + p[i]] = true; }
          });
          var spur = bidirectional(succ, pred, root[i - 1], target, ignoreNodes, ignoreEdges, meter);
          if (spur) { push(root.length + spur.length, root.slice(0, -1).concat(spur)); }
          ignoreNodes[root[i - 1]] = true;
        }
      }
      if (!buffer.length) { return; }
      var path = pop();
      yield path;
      listA.push(path);
      prev = path;
      if (meter) { meter.left -= listA.length * (path.length - 1); if (meter.left < 0) { throw BUDGET_SPENT; } }
    }
  }

  /* Paths from source to target over index (relationIndex), shortest first:
   * [{hops, nodes, edges}], with .truncated when the work budget was spent (the
   * paths found by then are kept). As graph.questions.query.paths, the graph is first
   * pruned to the nodes within maxHops of both ends. options: maxHops, limit,
   * budget (steps of work), edgeOk (a link filter: the evidence filter). No path,
   * or an end not in the graph: []. */
  function findPaths(index, source, target, options) {
    var maxHops = options.maxHops, limit = options.limit, edgeOk = options.edgeOk;
    if (!(source in index.succ) || !(target in index.succ) || source === target) { return []; }
    var adjS = index.succ, adjP = index.pred;
    if (edgeOk) {
      adjS = Object.create(null); adjP = Object.create(null);
      index.ids.forEach(function (id) {
        adjS[id] = index.succ[id].filter(function (v) { return edgeOk(index.edge[id + SEP + v]); });
        adjP[id] = index.pred[id].filter(function (u) { return edgeOk(index.edge[u + SEP + id]); });
      });
    }
    var fwd = bfs(adjS, source, maxHops), back = bfs(adjP, target, maxHops);
    var keep = Object.create(null);
    Object.keys(fwd).forEach(function (n) { if (n in back && fwd[n] + back[n] <= maxHops) { keep[n] = true; } });
    if (!keep[target]) { return []; }
    var succ = Object.create(null), pred = Object.create(null);
    index.ids.forEach(function (id) {
      if (!keep[id]) { return; }
      succ[id] = adjS[id].filter(function (v) { return keep[v]; });
      pred[id] = adjP[id].filter(function (u) { return keep[u]; });
    });
    var found = [], meter = { left: options.budget }, truncated = false;
    try {
      for (var nodes of shortestSimplePaths(succ, pred, source, target, meter)) {
        if (nodes.length - 1 > maxHops) { break; }
        found.push(nodes);
        if (found.length >= limit) { break; }
      }
    } catch (e) {
      if (e !== BUDGET_SPENT) { throw e; }
      truncated = true;  // the work budget is spent: keep what was found, and say so
    }
    var result = found.map(function (nodes) {
      var edges = [];
      for (var i = 0; i + 1 < nodes.length; i++) { edges.push(index.edge[nodes[i] + SEP + nodes[i + 1]]); }
      return { hops: nodes.length - 1, nodes: nodes, edges: edges };
    });
    result.truncated = truncated;
    return result;
  }

  /* As graph.model.evidence.meets: a claim needs evidence at least minLevel (levels:
   * strongest first); where things sit (located_in, part_of) always shows. */
  function evidenceMeets(e, minLevel, levels) {
    if (!minLevel) { return true; }
    if (!e.evidence) { return e.relation === "located_in" || e.relation === "part_of"; }
    return levels.indexOf(e.evidence.level) <= levels.indexOf(minLevel);
  }

  lib.paths = { SEP: SEP, relationIndex: relationIndex, bfs: bfs, bidirectional: bidirectional,
                shortestSimplePaths: shortestSimplePaths, findPaths: findPaths, evidenceMeets: evidenceMeets };
})(window.footbackLib = window.footbackLib || {});
