/* footback explorer. Text from the data is only ever set with textContent,
 * attributes with setAttribute/properties; never innerHTML. The public API is
 * window.footback (focusNode, highlightPath, findPaths, ...), so other panels
 * (lessons) can drive the view. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("fb-data").textContent);
  var G = data.graph;
  var SEP = "\u0000";
  // No lookup by a name from the data may fall through to Object.prototype
  // (a node named "constructor"): JSON.parse gives ordinary objects.
  data.names = Object.assign(Object.create(null), data.names);

  // ---------------------------------------------------------------- indexes
  var nodeById = Object.create(null);
  var edgeById = Object.create(null);
  var outEdges = Object.create(null);
  var inEdges = Object.create(null);
  var typeInfo = Object.create(null);
  var relInfo = Object.create(null);
  var sourceTitle = Object.create(null);
  G.nodes.forEach(function (n) { nodeById[n.id] = n; outEdges[n.id] = []; inEdges[n.id] = []; });
  G.edges.forEach(function (e) {
    edgeById[e.id] = e;
    outEdges[e.source].push(e);
    inEdges[e.target].push(e);
  });
  data.types.forEach(function (t) { typeInfo[t.name] = t; });
  data.relations.forEach(function (r) { relInfo[r.name] = r; });
  var referenceText = Object.create(null);
  data.sources.forEach(function (s) { sourceTitle[s.id] = s.title; referenceText[s.id] = s.reference || s.title; });
  var EVIDENCE = data.evidence;
  var visEdgeBase = Object.create(null);
  data.vis.edges.forEach(function (e) { visEdgeBase[e.id] = e; });
  var home = Object.create(null);  // anatomy-layout positions
  data.vis.nodes.forEach(function (n) { home[n.id] = { x: n.x, y: n.y }; });

  function label(id) { return nodeById[id] ? nodeById[id].label : id; }
  function typeLabel(t) { return typeInfo[t] ? typeInfo[t].label : t; }
  function byLabel(a, b) {
    var x = label(a).toLowerCase(), y = label(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : (a < b ? -1 : a > b ? 1 : 0);
  }

  // ------------------------------------------------------------ DOM helpers
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") { node.textContent = attrs[k]; }
        else if (k === "className") { node.className = attrs[k]; }
        else { node.setAttribute(k, attrs[k]); }
      });
    }
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }
  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }
  function $(id) { return document.getElementById(id); }

  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    return node;
  }
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

  // ----------------------------------------------------------------- names
  // A faithful port of graph.names.normalize (case, accents, punctuation, plurals).
  var IRREGULAR = { feet: "foot", teeth: "tooth", vertebrae: "vertebra", calves: "calf", halves: "half",
                    men: "man", women: "woman", children: "child" };
  var KEEP_S = ["ss", "us", "is", "ys", "as"];
  function singular(w) {
    if (Object.prototype.hasOwnProperty.call(IRREGULAR, w)) { return IRREGULAR[w]; }
    if (w.length <= 3 || !/s$/.test(w) || KEEP_S.some(function (e) { return w.slice(-2) === e; })) { return w; }
    if (/ies$/.test(w) && w.length > 4) { return w.slice(0, -3) + "y"; }
    if (/(sses|xes|zes|ches|shes)$/.test(w)) { return w.slice(0, -2); }
    return w.slice(0, -1);
  }
  function normalize(name) {
    var text = String(name).normalize("NFKD").replace(/\p{Mn}/gu, "").toLowerCase();
    text = text.replace(/['\u2019]/g, "");
    var words = text.match(/[a-z0-9]+/g) || [];
    return words.map(singular).join(" ");
  }
  /* Optimal string alignment distance (rapidfuzz's OSA): insertions,
   * deletions, substitutions and swaps of neighbouring letters. */
  function osa(a, b) {
    var d = [], i, j;
    for (i = 0; i <= a.length; i++) { d[i] = [i]; }
    for (j = 0; j <= b.length; j++) { d[0][j] = j; }
    for (i = 1; i <= a.length; i++) {
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length][b.length];
  }
  // A port of graph.names.allowed_edits / typo_matches / resolve (same scores).
  var TYPO = { edit: 8, words: 85, accept: 75, tie: 8 };
  function allowedEdits(n) { return n <= 4 ? 0 : n <= 6 ? 1 : n <= 12 ? 2 : 3; }
  // graph.names._same_words_mistyped / _word_mistyped: "neck pain" is not "back pain".
  function wordMistyped(q, k, besideOthers) {
    var d = osa(q, k), shorter = Math.min(q.length, k.length);
    if (d <= allowedEdits(Math.max(q.length, k.length))) { return true; }
    if (!besideOthers) { return false; }
    if (d === 1 && (shorter >= 4 || q.length !== k.length)) { return true; }
    return q.length >= 4 && k.indexOf(q) === 0 && k.length - q.length <= 2;
  }
  function sameWordsMistyped(query, key) {
    var qw = query.split(" "), kw = key.split(" ");
    if (qw.length !== kw.length) { return osa(query.replace(/ /g, ""), key.replace(/ /g, "")) <= 1; }
    return qw.every(function (q, i) { return wordMistyped(q, kw[i], kw.length > 1); });
  }
  var vocab = null;
  function typoMatches(text) {
    var query = normalize(text);
    if (!query) { return []; }
    var best = Object.create(null);
    function offer(ids, score) { ids.forEach(function (id) { if (!(id in best) || score > best[id]) { best[id] = score; } }); }
    var keys = Object.keys(data.names);
    var limit = allowedEdits(query.length);
    keys.forEach(function (k) {
      if (Math.abs(k.length - query.length) > limit) { return; }
      var d = osa(query, k);
      if (d <= limit && sameWordsMistyped(query, k)) { offer(data.names[k], 100 - TYPO.edit * d); }
    });
    if (!vocab) {
      vocab = Object.create(null);
      keys.forEach(function (k) { k.split(" ").forEach(function (w) { (vocab[w] = vocab[w] || []).push(k); }); });
    }
    var perWord = [];
    query.split(" ").filter(function (w, i, all) { return all.indexOf(w) === i; }).forEach(function (qw) {
      var found = Object.create(null), lim = allowedEdits(qw.length);
      Object.keys(vocab).forEach(function (w) {
        if (Math.abs(w.length - qw.length) > lim) { return; }
        var d = osa(qw, w);
        if (d > lim) { return; }
        vocab[w].forEach(function (k) { found[k] = k in found ? Math.min(found[k], d) : d; });
      });
      perWord.push(found);
    });
    if (perWord.length) {
      Object.keys(perWord[0]).forEach(function (k) {
        if (!perWord.every(function (f) { return k in f; })) { return; }
        offer(data.names[k], TYPO.words - TYPO.edit * perWord.reduce(function (sum, f) { return sum + f[k]; }, 0));
      });
    }
    return Object.keys(best).filter(function (id) { return best[id] >= TYPO.accept; })
      .sort(function (a, b) { return best[b] - best[a] || (a < b ? -1 : a > b ? 1 : 0); })
      .map(function (id) { return [id, best[id]]; });
  }
  // A port of graph.words (the table arrives as data.words): filler words, words
  // that say the same, phrase keys, loose matches, things the graph does not hold.
  var WORDS = data.words || { filler: [], same_word: {}, not_in_graph: [], loose: { stem: 5, cut: 2 } };
  var FILLER = Object.create(null);
  WORDS.filler.forEach(function (w) { FILLER[w] = true; });
  function sameWord(w) { return Object.prototype.hasOwnProperty.call(WORDS.same_word, w) ? WORDS.same_word[w] : w; }
  function contentWords(text) {
    var words = normalize(text).split(" ").filter(Boolean).map(sameWord);
    var content = words.filter(function (w) { return !FILLER[w]; });
    if (!content.length) { content = words; }
    return content.filter(function (w, i, all) { return all.indexOf(w) === i; });
  }
  function phraseKey(text) { return contentWords(text).slice().sort().join(" "); }
  function respelled(text) { return normalize(text).split(" ").filter(Boolean).map(sameWord).join(" "); }
  function looseWord(typed, word) {
    if (typed.length < WORDS.loose.stem || word === typed) { return false; }
    return word.indexOf(typed.slice(0, Math.max(WORDS.loose.stem, typed.length - WORDS.loose.cut))) === 0;
  }
  function wordNear(q, w) {
    if (q === w || looseWord(q, w)) { return true; }
    return Math.min(q.length, w.length) >= 4 && osa(q, w) <= allowedEdits(Math.max(q.length, w.length)) + 1;
  }
  function notInGraph(text) {
    var key = phraseKey(text);
    for (var i = 0; key && i < WORDS.not_in_graph.length; i++) {
      if (WORDS.not_in_graph[i].keys.indexOf(key) >= 0) { return WORDS.not_in_graph[i]; }
    }
    return null;
  }
  var phrases = null;
  function phraseMatches(text) {
    if (!phrases) {
      phrases = Object.create(null);
      Object.keys(data.names).forEach(function (k) { var p = phraseKey(k); (phrases[p] = phrases[p] || []).push.apply(phrases[p], data.names[k]); });
    }
    var found = phrases[phraseKey(text)] || [];
    return found.filter(function (id, i) { return found.indexOf(id) === i; }).sort();
  }
  // graph.names.suggestions: nodes matching the most typed words, then the most covered.
  function suggestions(text) {
    var qw = contentWords(text), best = Object.create(null), top = 0;
    Object.keys(data.names).forEach(function (k) {
      var words = contentWords(k);
      var hit = qw.filter(function (q) { return words.some(function (w) { return wordNear(q, w); }); }).length;
      if (!hit) { return; }
      var covered = words.filter(function (w) { return qw.some(function (q) { return wordNear(q, w); }); }).length / words.length;
      data.names[k].forEach(function (id) {
        var b = best[id];
        if (!b || hit > b[0] || (hit === b[0] && covered > b[1])) { best[id] = [hit, covered]; }
        top = Math.max(top, hit);
      });
    });
    return Object.keys(best).filter(function (id) { return best[id][0] === top; })
      .sort(function (a, b) { return best[b][1] - best[a][1] || (a < b ? -1 : a > b ? 1 : 0); }).slice(0, 5);
  }
  /* Resolve a typed name exactly as the CLI does (graph.names.resolve): an id, a
   * normalised label, synonym or everyday name, the same words in another order,
   * a thing the graph does not hold, then a clear typo match. Returns {id},
   * {ambiguous: [ids]}, {candidates: [nearest], note} for a thing the graph does
   * not hold, or {candidates: [ids]} (graph.names.suggestions). */
  function resolveName(text) {
    var raw = String(text || "");
    if (nodeById[raw]) { return { id: raw }; }
    var key = normalize(raw);
    if (!key) { return { candidates: [] }; }
    var exact = data.names[key];
    if (exact) { return exact.length === 1 ? { id: exact[0] } : { ambiguous: exact.slice().sort() }; }
    var phrased = phraseMatches(raw);
    if (phrased.length) { return phrased.length === 1 ? { id: phrased[0] } : { ambiguous: phrased }; }
    var absent = notInGraph(raw);
    if (absent) { return { candidates: [absent.nearest], note: absent.note, notInGraph: absent.nearest }; }
    var ranked = typoMatches(raw);
    if (!ranked.length && respelled(raw) !== key) { ranked = typoMatches(respelled(raw)); }
    if (ranked.length) {
      var top = ranked[0][1];
      var tied = ranked.filter(function (r) { return top - r[1] < TYPO.tie; }).map(function (r) { return r[0]; });
      return tied.length === 1 ? { id: tied[0] } : { ambiguous: tied.sort() };
    }
    return { candidates: suggestions(raw) };
  }

  // ----------------------------------------------------------------- paths
  /* The same semantics as graph.query.paths: a simple directed view of the
   * causes edges (in the graph's edge order), pruned to nodes within max_hops
   * of both ends, then Yen's algorithm exactly as networkx's
   * shortest_simple_paths runs it, so ties come out in the same order. */
  var causal = (function () {
    var succ = Object.create(null), pred = Object.create(null), seen = Object.create(null);
    G.nodes.forEach(function (n) { succ[n.id] = []; pred[n.id] = []; });
    G.edges.forEach(function (e) {
      if (e.relation !== data.query.relation) { return; }
      var k = e.source + SEP + e.target;
      if (seen[k]) { return; }
      seen[k] = e;
      succ[e.source].push(e.target);
    });
    // networkx keeps predecessors in the order edges were added: by source node order.
    G.nodes.forEach(function (n) { succ[n.id].forEach(function (v) { pred[v].push(n.id); }); });
    return { succ: succ, pred: pred, edge: seen };
  })();

  function bfs(adj, start, cutoff, allowed) {
    var dist = Object.create(null), level = [start], d = 0;
    dist[start] = 0;
    while (level.length && d < cutoff) {
      d += 1;
      var next = [];
      level.forEach(function (v) {
        adj[v].forEach(function (w) {
          if (!(w in dist) && (!allowed || allowed[w])) { dist[w] = d; next.push(w); }
        });
      });
      level = next;
    }
    return dist;
  }

  /* meter (optional): {left: steps}; each neighbour looked at spends one, and
     an empty meter throws BUDGET_SPENT (as graph.query's work budget). */
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

  /* Causal paths from source to target: [{hops, nodes, edges}], shortest first. */
  function findPaths(source, target, options) {
    options = options || {};
    var maxHops = options.maxHops || data.query.max_hops, limit = options.limit || data.query.limit;
    if (!nodeById[source] || !nodeById[target] || source === target) { return []; }
    // With the evidence filter on, paths follow only links at least that sure (as --min-evidence).
    var adjS = causal.succ, adjP = causal.pred;
    if (state.minEvidence) {
      adjS = Object.create(null); adjP = Object.create(null);
      G.nodes.forEach(function (n) {
        adjS[n.id] = causal.succ[n.id].filter(function (v) { return evidenceOk(causal.edge[n.id + SEP + v]); });
        adjP[n.id] = causal.pred[n.id].filter(function (u) { return evidenceOk(causal.edge[u + SEP + n.id]); });
      });
    }
    var fwd = bfs(adjS, source, maxHops), back = bfs(adjP, target, maxHops);
    var keep = Object.create(null);
    Object.keys(fwd).forEach(function (n) { if (n in back && fwd[n] + back[n] <= maxHops) { keep[n] = true; } });
    if (!keep[target]) { return []; }
    var succ = Object.create(null), pred = Object.create(null);
    G.nodes.forEach(function (n) {
      if (!keep[n.id]) { return; }
      succ[n.id] = adjS[n.id].filter(function (v) { return keep[v]; });
      pred[n.id] = adjP[n.id].filter(function (u) { return keep[u]; });
    });
    var found = [], meter = { left: data.query.work_budget || 2000000 }, truncated = false;
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
      for (var i = 0; i + 1 < nodes.length; i++) { edges.push(causal.edge[nodes[i] + SEP + nodes[i + 1]]); }
      return { hops: nodes.length - 1, nodes: nodes, edges: edges };
    });
    result.truncated = truncated;
    return result;
  }

  // ------------------------------------------------------------ the network
  /* How many characters of a label the drawing and the lists show; the details
   * panel shows it whole. A 1 MB label would otherwise stall the page. */
  var SHORT = 80;
  function short(text, limit) {
    text = String(text);
    limit = limit || SHORT;
    return text.length > limit ? text.slice(0, limit - 1) + "\u2026" : text;
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
      var visible = strong || (!state.hiddenRelations[e.relation] && evidenceOk(e) && shown.nodes[e.source] && shown.nodes[e.target]);
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
  // ---------------------------------------------------------------- details
  function nodeButton(id) {
    var b = el("button", { type: "button", className: "fb-node-link", dir: "auto", text: shortLabel(id) });
    b.addEventListener("click", function () {
      var inPanel = !!b.closest("#fb-details");
      focusNode(id);
      // The clicked link is gone with the panel's old content: go on from the new heading.
      if (inPanel) { $("fb-details-h").focus(); }
    });
    return b;
  }
  function citation(e) {
    var parts = [];
    var sections = Array.isArray(e.section) ? e.section : (e.section ? [e.section] : []);
    if (sections.length) { parts.push(sections.map(function (s) { return "“" + s + "”"; }).join(" and ")); }
    if (e.cites) { parts.push(sourceTitle[e.cites] || e.cites); }
    return parts.length ? panelText("Source: " + parts.join(", in ")) : "";
  }
  /* How sure research is of a link: its level, the note in plain words and the
   * references (DOI and PMID as text: nothing is fetched). */
  function evidenceBlock(e) {
    var ev = e.evidence;
    if (!ev) { return null; }
    var div = el("div", { className: "fb-evidence" }, [
      el("span", { className: "fb-level fb-level-" + ev.level, text: ev.level, title: EVIDENCE.meaning[ev.level] || "" }),
      document.createTextNode(" " + (ev.note || ""))
    ]);
    if (ev.refs && ev.refs.length) {
      div.appendChild(el("ul", { className: "fb-refs" }, ev.refs.map(function (r) {
        return el("li", { text: referenceText[r] || r });
      })));
    }
    return div;
  }
  /* As graph.evidence.meets: a claim needs evidence that strong; where things sit always shows. */
  function evidenceOk(e) {
    if (!state.minEvidence) { return true; }
    if (!e.evidence) { return e.relation === "located_in" || e.relation === "part_of"; }
    return EVIDENCE.levels.indexOf(e.evidence.level) <= EVIDENCE.levels.indexOf(state.minEvidence);
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
    if (!evidenceOk(e)) {
      li.className = "fb-filtered";
      li.appendChild(el("div", { className: "fb-muted", text: "Hidden in the drawing by the evidence filter." }));
    }
    return li;
  }
  function showDetails(id) {
    var panel = $("fb-details"), body = $("fb-details-body");
    var n = nodeById[id];
    if (!n) { hideDetails(); return; }
    $("fb-details-h").textContent = short(n.label, 200);
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
      if (container.clientWidth !== network.canvas.frame.canvas.clientWidth || container.clientHeight !== network.canvas.frame.canvas.clientHeight) { syncSize(); }
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

  // ------------------------------------------------------------------- view
  function focusNode(id, options) {
    if (!nodeById[id]) { return false; }
    options = options || {};
    state.selected = id;
    if (state.hiddenTypes[nodeById[id].type]) { setTypeVisible(nodeById[id].type, true); }
    network.selectNodes([id]);
    showDetails(id);
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
    updateHash();
    return true;
  }
  function unselect() {
    state.selected = null;
    network.unselectAll();
    hideDetails();
    highlight();
    updateHash();
  }

  function setTypeVisible(t, visible) {
    if (visible) { delete state.hiddenTypes[t]; } else { state.hiddenTypes[t] = true; }
    var box = document.querySelector('#fb-type-filters input[data-type="' + CSS.escape(t) + '"]');
    if (box) { box.checked = visible; }
    restyle();
    updateHash();
  }
  function setMinEvidence(level) {
    state.minEvidence = level;
    var box = $("fb-evidence-filter");
    if (box) { box.checked = !!level; }
    if (state.path && nodeById[state.path.source] && nodeById[state.path.target]) {
      showPaths(state.path.source, state.path.target, { move: false });  // the same question, under the new filter
    }
    if (state.selected) { showDetails(state.selected); }
    restyle();
    updateHash();
  }
  function setRelationVisible(r, visible) {
    if (visible) { delete state.hiddenRelations[r]; } else { state.hiddenRelations[r] = true; }
    var box = document.querySelector('#fb-rel-filters input[data-relation="' + CSS.escape(r) + '"]');
    if (box) { box.checked = visible; }
    restyle();
    updateHash();
  }

  // ------------------------------------------------------------ path finder
  function renderPaths() {
    var box = $("fb-paths");
    clear(box);
    var p = state.path;
    $("fb-share").hidden = !p;
    if (!p) { return; }
    if (!p.paths.length) {
      box.appendChild(p.message ? el("p", { className: "fb-message", text: short(p.message) })
        : el("p", { className: "fb-message" }, ["No causal path from ", bdi(p.source), " to ", bdi(p.target), " within " + data.query.max_hops + " steps" +
          (state.minEvidence ? " with every link at least " + state.minEvidence + " (the evidence filter is on: untick it to see the links research rates lower)." : ".")]));
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
    restyle();
    updateHash();
  }
  /* Find and highlight the causal paths from source to target (ids or names). */
  function showPaths(source, target, options) {
    options = options || {};
    var s = resolveName(source).id, t = resolveName(target).id;
    if (!s || !t) {
      state.path = { source: s || String(source), target: t || String(target), paths: [], active: -1,
                     message: "Unknown node: " + (!s ? source : target) + "." };
    } else if (s === t) {
      state.path = { source: s, target: t, paths: [], active: -1, message: "Pick two different nodes." };
    } else {
      state.path = { source: s, target: t, paths: findPaths(s, t), active: -1 };
      $("fb-source").value = s;
      $("fb-target").value = t;
    }
    state.hover = null;
    renderPaths();
    restyle();
    if (state.path.paths.length && options.move !== false) {
      var ids = Object.keys(pathSets().nodes);
      showNodes(ids, options.animate !== false);
    }
    updateHash();
    return state.path.paths;
  }
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
  /* The part of the drawing nothing covers, in px from the drawing's top left:
   * below the note over it (what was left out), above the toolbar, left of the
   * details panel (above it: a phone's sheet). */
  function freeRect() {
    var c = container.getBoundingClientRect(), margin = 12;
    var free = { left: margin, top: margin, right: container.clientWidth - margin, bottom: container.clientHeight - margin };
    var note = $("fb-note");
    if (!note.hidden && getComputedStyle(note).position !== "static") {
      free.top = Math.max(free.top, note.getBoundingClientRect().bottom - c.top + 6);
    }
    var bar = $("fb-toolbar").getBoundingClientRect();
    if (bar.height && bar.top < c.bottom && bar.bottom > c.top) { free.bottom = Math.min(free.bottom, bar.top - c.top - 6); }
    var panel = $("fb-details");
    if (!panel.hidden) {
      var p = panel.getBoundingClientRect();
      if (p.top < c.bottom && p.bottom > c.top && p.left < c.right && p.right > c.left) {
        if (p.top > c.top + 20) { free.bottom = Math.min(free.bottom, p.top - c.top - 6); }  // a phone's sheet
        else { free.right = Math.min(free.right, p.left - c.left - margin); }  // the panel at the right
      }
    }
    return free;
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
    if (!(r > l)) { return null; }
    var free = freeRect();
    if (!all) {
      // A little slack at the sides: vis-network measures a label again at each
      // drawing (wider once drawn bold or re-wrapped), and a node fitted to the very
      // edge would then reach under the panel.
      var slack = Math.min(16, (free.right - free.left) / 20);
      free = { left: free.left + slack, top: free.top, right: free.right - slack, bottom: free.bottom };
    }
    var w = free.right - free.left, h = free.bottom - free.top;
    if (w <= 0 || h <= 0) { return null; }
    var scale = Math.min(MAX_SCALE, maxScale || 1, w / (r - l), h / (b - t + 1e-9));
    var readable = READABLE_PX / data.vis.options.nodes.font.size;
    if (centre && scale < readable && network.body.nodes[centre] && window.matchMedia("(max-width: 900px)").matches) {
      var box = nodeBox(centre);
      scale = readable;
      l = box.left; r = box.right; t = box.top; b = box.bottom;
    }
    // The box's centre goes to the free part's centre.
    var dx = (container.clientWidth / 2 - (free.left + free.right) / 2) / scale;
    var dy = (container.clientHeight / 2 - (free.top + free.bottom) / 2) / scale;
    // Each frame of an animated move redraws everything: a large graph jumps instead.
    if (G.nodes.length + G.edges.length > ANIMATE_MAX) { animation = false; }
    var target = { position: { x: (l + r) / 2 + dx, y: (t + b) / 2 + dy }, scale: scale };
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
  /* Zoom limits: out to half the whole drawing (set once it is first fitted) or
   * half the last fit (a fit always fits), in to labels three times their size. */
  var MIN_SCALE = 0, MAX_SCALE = 3, lastFit = Infinity;
  function clampScale(s) { return Math.max(Math.min(MIN_SCALE, lastFit / 2), Math.min(MAX_SCALE, s)); }
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
    restyle();
    showNodes(nodes.filter(function (n) { return nodeById[n]; }), true);
    updateHash();
  }
  function clearPath() {
    state.path = null;
    renderPaths();
    restyle();
    updateHash();
  }
  function highlighted() {
    var sets = pathSets();
    return sets ? Object.keys(sets.nodes).sort() : [];
  }

  // ------------------------------------------------------------------ hash
  var applyingHash = false;
  function currentHash() {
    var parts = [];
    if (state.lesson) {
      // A lesson step is its own view: the address reopens exactly that step.
      parts.push("lesson=" + encodeURIComponent(state.lesson.name), "step=" + state.lesson.step);
    } else if (state.path && nodeById[state.path.source] && nodeById[state.path.target]) {
      parts.push("path=" + encodeURIComponent(state.path.source) + "," + encodeURIComponent(state.path.target));
      if (state.path.active >= 0) { parts.push("show=" + (state.path.active + 1)); }
    }
    if (state.selected && !state.lesson) { parts.push("node=" + encodeURIComponent(state.selected)); }
    var hidden = Object.keys(state.hiddenTypes).concat(Object.keys(state.hiddenRelations)).sort();
    if (hidden.length) { parts.push("hide=" + hidden.map(encodeURIComponent).join(",")); }
    if (state.minEvidence) { parts.push("evidence=" + encodeURIComponent(state.minEvidence)); }
    if (state.layout !== "anatomy") { parts.push("layout=" + state.layout); }
    return parts.join("&");
  }
  function updateHash() {
    if (applyingHash) { return; }
    var h = currentHash();
    var link = $("fb-link");
    link.setAttribute("href", "#" + h);
    $("fb-share").hidden = !h;
    if (location.hash.replace(/^#/, "") !== h) {
      try { history.replaceState(null, "", h ? "#" + h : location.pathname + location.search); } catch (err) { /* file:// in some browsers */ }
    }
  }
  /* decodeURIComponent that returns null instead of throwing on a malformed
   * % escape (a link cut short in an e-mail, or typed by hand). */
  function decode(text) {
    try { return decodeURIComponent(text); } catch (err) { return null; }
  }
  /* The fragment as {key: raw value}, in order, and the parts that could not be read. */
  function readHash(hash) {
    var params = Object.create(null), unreadable = [];
    hash.replace(/^#/, "").split("&").forEach(function (part) {
      var i = part.indexOf("=");
      if (i <= 0) { return; }
      var key = part.slice(0, i), raw = part.slice(i + 1);
      var one = key === "node" || key === "lesson";
      var parts = one ? [raw] : raw.split(",");
      var values = parts.map(decode);
      if (values.some(function (v) { return v === null; })) { unreadable.push(part); return; }
      if (key === "path" && values.length !== 2) { unreadable.push(part); return; }  // a path has two ends
      params[key] = one ? values[0] : values;
    });
    return { params: params, unreadable: unreadable };
  }
  /* Show exactly the view the fragment names: the exported view (the --path
   * paths, if any) with the fragment's keys applied, and every key it does not
   * carry reset, so changing the address in an open tab gives what opening it
   * in a new tab gives. */
  function applyHash(hash) {
    var read = readHash(hash), params = read.params;
    applyingHash = true;
    try {
      var hide = params.hide || [];
      data.types.forEach(function (t) { if (!state.hiddenTypes[t.name] !== (hide.indexOf(t.name) < 0)) { setTypeVisible(t.name, hide.indexOf(t.name) < 0); } });
      data.relations.forEach(function (r) { if (!state.hiddenRelations[r.name] !== (hide.indexOf(r.name) < 0)) { setRelationVisible(r.name, hide.indexOf(r.name) < 0); } });
      var wanted = params.evidence && EVIDENCE.levels.indexOf(params.evidence[0]) >= 0 ? params.evidence[0] : null;
      if (wanted !== state.minEvidence) { setMinEvidence(wanted); }
      var layout = params.layout && params.layout[0] === "force" ? "force" : "anatomy";
      if (state.layout !== layout) { setLayout(layout); }
      var ends = params.path && params.path.length === 2 ? params.path : data.initial.path;
      if (ends) {
        showPaths(ends[0], ends[1], { animate: false });
        var show = params.show ? parseInt(params.show[0], 10) : 0;
        if (show >= 1 && state.path && show <= state.path.paths.length) { showPathIndex(show - 1); }
      } else if (state.path) {
        $("fb-source").value = "";
        $("fb-target").value = "";
        clearPath();
      }
      var r = params.node !== undefined ? resolveName(params.node) : {};
      if (r.id) { focusNode(r.id, { move: !ends, animate: false }); } else if (state.selected) { unselect(); }
      if (params.lesson !== undefined) {
        var step = params.step ? parseInt(params.step[0], 10) : 1;
        pendingLesson = { name: params.lesson, step: step >= 1 ? step : 1, part: "lesson=" + params.lesson };
      } else {
        pendingLesson = null;
        if (state.lesson && lessonHandler) { lessonHandler.end(); }
      }
      if (pendingLesson && lessonHandler) { openPendingLesson(read.unreadable); }
    } finally {
      applyingHash = false;
    }
    showAddressNote(read.unreadable);
    updateHash();
    return Object.keys(params).length > 0;
  }

  /* Lessons (lessons.js) register {show(name, step0), end()}; a #lesson= address
   * read before they did waits for them. */
  var lessonHandler = null, pendingLesson = null;
  function openPendingLesson(unreadable) {
    var want = pendingLesson;
    pendingLesson = null;
    if (!lessonHandler.show(want.name, want.step - 1)) { unreadable.push(want.part); }
  }
  function registerLessons(handler) {
    lessonHandler = handler;
    if (pendingLesson) {
      var unreadable = [];
      applyingHash = true;
      try { openPendingLesson(unreadable); } finally { applyingHash = false; }
      if (unreadable.length) { showAddressNote(unreadable); }
      updateHash();
    }
  }
  /* A lesson step shown (name, 1-based step) or ended (null): the address follows. */
  function setLesson(name, step) {
    state.lesson = name === null ? null : { name: name, step: step };
    updateHash();
  }
  function showAddressNote(unreadable) {
    var note = $("fb-note-address");
    note.hidden = !unreadable.length;
    note.textContent = unreadable.length
      ? "Part of this link could not be read (" + unreadable.map(function (u) { return u.length > 40 ? u.slice(0, 40) + "…" : u; }).join(", ") +
        "), so the page opened without it; the link may have been cut short."
      : "";
    refreshNote();
  }

  /* The note over the drawing: what was left out, and an unreadable link. */
  function refreshNote() {
    $("fb-note").hidden = $("fb-note-omitted").hidden && $("fb-note-address").hidden;
  }

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
    updateHash();
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
  // Smallest label, in screen pixels, that a class can read off a projector.
  var READABLE_PX = 14;
  // Wider than this (a laptop or desktop window, not a 1024-wide projector) keeps its side panel open.
  var WIDE_WINDOW = 1280;
  function labelPx() { return network.getScale() * data.vis.options.nodes.font.size; }
  /* The first view. The whole graph when its labels can be read that way; else
   * (the curated graph's 92 nodes fit at about 8.5 px on a 1024x768 projector)
   * the story at a readable size: from the conditions lane rightwards (the body
   * regions lane, the anatomy's reference list, is the part left of it) and from
   * the top, with the Fit button saying the rest is there. On a small screen (a
   * 1024x768 projector) the side panel starts hidden when that makes the drawing
   * larger by enough to count; not when a path is shown, whose steps the panel
   * lists, nor in a window wide enough for both. */
  function firstFit() {
    fitView();
    var params = readHash(location.hash).params;
    var pathShown = data.initial.path || params.path || params.lesson !== undefined;
    if (labelPx() >= READABLE_PX) { return; }
    var lanes = data.layout.lanes, bands = data.layout.bands;
    var phone = window.matchMedia("(max-width: 900px)").matches;
    if (!phone && !pathShown && window.innerWidth <= WIDE_WINDOW) {
      // A projector's narrow window: the drawing takes the whole width (the panel is a
      // click away) when that makes it nearer readable. At best the panel's width
      // makes the drawing that much larger: no use trying when that is not enough.
      var wider = (container.clientWidth + $("fb-side").offsetWidth) / container.clientWidth;
      if (labelPx() * wider >= READABLE_PX / 2) {
        setWide(true);
        fitView();
        if (labelPx() < READABLE_PX / 2) {  // too large a graph for that to help: keep the panel
          setWide(false);
          fitView();
        }
      }
    }
    // A focused or capped page says what it left out, over the drawing, and shows the whole of what it holds.
    if (labelPx() >= READABLE_PX || state.layout !== "anatomy" || !lanes.length || !bands.length || !$("fb-note").hidden) { return; }
    // Readable labels rather than the whole graph; the drawing pans with a drag or a
    // finger, and Fit (or the wheel) shows it all.
    var whole = network.getScale();
    var scale = READABLE_PX / data.vis.options.nodes.font.size;
    var story = lanes.filter(function (lane) { return lane.type !== "body_region"; });
    var free = freeRect(), w = (free.right - free.left) / scale, h = (free.bottom - free.top) / scale;
    var left = (phone || !story.length ? lanes[0].x0 : story[0].x0) - 40;
    var top = bands[0].y0 - 40, bottom = bands[bands.length - 1].y1;
    var cx = left + w / 2 - (free.left + free.right - container.clientWidth) / 2 / scale;
    var cy = (bottom - top <= h ? (top + bottom) / 2 : top + h / 2) - (free.top + free.bottom - container.clientHeight) / 2 / scale;
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
      if (state.partialView && labelPx() < READABLE_PX) { network.moveTo({ scale: READABLE_PX / data.vis.options.nodes.font.size }); }
    }, 0);
  });
  /* Once the view is fitted or zoomed, Fit is Fit again and the scale is the reader's. */
  function wholeShown() {
    if (!state.partialView) { return; }
    state.partialView = false;
    $("fb-fit").textContent = "Fit";
    $("fb-fit").classList.remove("fb-more");
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
      box.addEventListener("change", function () { setTypeVisible(t.name, box.checked); });
      tf.appendChild(el("label", { className: "fb-filter" }, [box, typeSwatch(t.name), t.label, el("span", { className: "fb-count", text: String(t.count) })]));
    });
    var rf = $("fb-rel-filters");
    data.relations.forEach(function (r) {
      var box = el("input", { type: "checkbox", "data-relation": r.name });
      box.checked = true;
      box.addEventListener("change", function () { setRelationVisible(r.name, box.checked); });
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
      only.addEventListener("change", function () { setMinEvidence(only.checked ? EVIDENCE.supported : null); });
      ef.appendChild(el("label", { className: "fb-filter" }, [only, "Only links research supports (" + EVIDENCE.supported + " or stronger)"]));
      $("fb-filters").appendChild(ef);
    }

    $("fb-search-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var out = $("fb-search-result");
      clear(out);
      var q = $("fb-search").value;
      var r = resolveName(q);
      if (r.id) { focusNode(r.id); out.appendChild(el("span", { className: "fb-muted" }, ["Showing ", bdi(r.id), "."])); return; }
      var options = r.ambiguous || r.candidates;
      if (!options.length) { out.appendChild(el("span", { text: q.trim() ? "Nothing is called “" + short(q.trim()) + "”." : "Type a name first." })); return; }
      out.appendChild(el("span", { text: r.note ? r.note + " Nearest in this graph, not the same thing: " : r.ambiguous ? "Which one? " : "Did you mean: " }));
      options.forEach(function (id) {
        var b = el("button", { type: "button", dir: "auto", text: shortLabel(id) });
        b.addEventListener("click", function () { focusNode(id); });
        out.appendChild(b);
      });
    });
    $("fb-path-form").addEventListener("submit", function (ev) {
      ev.preventDefault();
      var s = $("fb-source").value, t = $("fb-target").value;
      if (state.lesson && lessonHandler) { lessonHandler.end(); }  // the finder's paths replace the lesson's
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
    $("fb-details-close").addEventListener("click", unselect);
    // Skip links move the focus without touching the address (which names the view).
    $("fb-skip-drawing").addEventListener("click", function (ev) { ev.preventDefault(); if (frame) { frame.focus(); } });
    $("fb-skip-details").addEventListener("click", function (ev) { ev.preventDefault(); $("fb-details-h").focus(); });
    $("fb-panel").addEventListener("click", function () {
      setWide(!document.body.classList.contains("fb-wide"));
      fitView(null, ANIMATE);
    });
    $("fb-layout").addEventListener("click", function () { setLayout(state.layout === "force" ? "anatomy" : "force"); });
    $("fb-zoom-in").addEventListener("click", function () { wholeShown(); network.moveTo({ scale: clampScale(network.getScale() * 1.25) }); updateDashes(); });
    $("fb-zoom-out").addEventListener("click", function () { wholeShown(); network.moveTo({ scale: clampScale(network.getScale() / 1.25) }); updateDashes(); });
    $("fb-fit").addEventListener("click", function () { fitView(null, ANIMATE); });
    document.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") {
        if (state.lesson && lessonHandler) { lessonHandler.end(); } else if (state.selected) { unselect(); } else if (state.path) { clearPath(); }
      }
    });
    window.addEventListener("hashchange", function () {
      if (location.hash.replace(/^#/, "") !== currentHash()) { applyHash(location.hash); }
    });

    var legend = $("fb-legend");
    data.types.forEach(function (t) { legend.appendChild(el("span", {}, [typeSwatch(t.name), t.label])); });
    legend.appendChild(el("span", { className: "fb-legend-gap" }));
    data.relations.forEach(function (r) { legend.appendChild(el("span", {}, [relSwatch(r.name), r.verb])); });

    $("fb-note-close").addEventListener("click", function () {
      $("fb-note-omitted").hidden = true;
      $("fb-note-address").hidden = true;
      refreshNote();
    });
    if (data.omitted) {
      $("fb-note-omitted").textContent = data.omitted.text;
      $("fb-note-omitted").hidden = false;
    }
    refreshNote();
  }

  var tooltip = $("fb-tooltip");
  network.on("hoverNode", function (params) {
    state.hover = params.node;
    highlight();
    var n = nodeById[params.node];
    clear(tooltip);
    tooltip.appendChild(el("strong", { dir: "auto", text: short(n.label) }));
    tooltip.appendChild(el("span", { className: "fb-muted", text: typeLabel(n.type) + " · click for details" }));
    var p = params.pointer.DOM;
    tooltip.style.left = (container.offsetLeft + Math.min(p.x + 14, container.clientWidth - 260)) + "px";
    tooltip.style.top = (container.offsetTop + p.y + 14) + "px";
    tooltip.hidden = false;
  });
  network.on("blurNode", function () { state.hover = null; tooltip.hidden = true; highlight(); });
  container.addEventListener("mouseleave", function () {
    if (state.hover) { state.hover = null; tooltip.hidden = true; highlight(); }
  });
  network.on("dragStart", function () { tooltip.hidden = true; });
  network.on("click", function (params) {
    if (params.nodes.length) { focusNode(params.nodes[0], { move: false, later: true }); }
    else if (!params.edges.length) { unselect(); }
  });

  buildControls();
  // Zoom limits for the mouse wheel and pinch too; dashes appear when zoomed in.
  network.on("zoom", function () {
    wholeShown();
    var s = network.getScale();
    if (s !== clampScale(s)) { network.moveTo({ scale: clampScale(s) }); }
    updateDashes();
  });

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
    nodes: visNodes,
    edges: visEdges,
    state: state,
    normalize: normalize,
    resolveName: resolveName,
    phraseKey: phraseKey,
    findPaths: findPaths,
    showPaths: showPaths,
    showPathIndex: showPathIndex,
    highlightPath: highlightPath,
    clearPath: clearPath,
    highlighted: highlighted,
    focusNode: focusNode,
    unselect: unselect,
    showDetails: showDetails,
    setTypeVisible: setTypeVisible,
    setRelationVisible: setRelationVisible,
    setLayout: setLayout,
    applyHash: applyHash,
    currentHash: currentHash,
    registerLessons: registerLessons,
    setLesson: setLesson,
    fitView: fitView,
    freeRect: freeRect,
    lit: litNodes,
    moving: function () { return moving !== false; },
    drawnCounts: function () {
      return { nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length };
    }
  };
  // The exported view (--path), with what the address names.
  firstFit();
  MIN_SCALE = network.getScale() / 2;
  applyHash(location.hash);
})();
