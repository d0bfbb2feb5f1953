/* footback page, names as people type them: a port of graph.language.names and
 * graph.language.words (same rules, same scores, same answers; the golden cases in
 * tests/data/golden/names.json are run through both). Pure: every function
 * takes the tables it reads as arguments, nothing here touches the page. */
(function (lib) {
  "use strict";

  // A faithful port of graph.language.words.normalize (case, accents, punctuation, plurals).
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
  // A port of graph.language.names.allowed_edits / typo_matches / resolve (same scores).
  var TYPO = { edit: 8, words: 85, accept: 75, tie: 8 };
  function allowedEdits(n) { return n <= 4 ? 0 : n <= 6 ? 1 : n <= 12 ? 2 : 3; }
  // graph.language.names._same_words_mistyped / _word_mistyped: "neck pain" is not "back pain".
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
  function byId(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  /* A resolver over one graph's tables, as the page data carries them:
   *   ids     the node ids, in the graph's order;
   *   names   normalised name -> [ids] (graph.language.names.name_index, everyday names included);
   *   words   graph.language.words.page_words (filler words, words that say the same,
   *           things the graph does not hold, the loose-match bounds);
   *   related normalised related term -> {ids: [ids], label} (graph.language.names.related_to).
   * Its indexes are made once, on first use. */
  function resolver(tables) {
    // No lookup by a typed name may fall through to Object.prototype (a name "constructor").
    var names = Object.getPrototypeOf(tables.names) === null ? tables.names : Object.assign(Object.create(null), tables.names);
    var isId = Object.create(null);
    (tables.ids || []).forEach(function (id) { isId[id] = true; });
    var related = Object.assign(Object.create(null), tables.related || {});
    var WORDS = tables.words || { filler: [], same_word: {}, not_in_graph: [], loose: { stem: 5, cut: 2 } };
    var FILLER = Object.create(null);
    WORDS.filler.forEach(function (w) { FILLER[w] = true; });
    var vocab = null, phrases = null;

    function typoMatches(text) {
      var query = normalize(text);
      if (!query) { return []; }
      var best = Object.create(null);
      function offer(ids, score) { ids.forEach(function (id) { if (!(id in best) || score > best[id]) { best[id] = score; } }); }
      var keys = Object.keys(names);
      var limit = allowedEdits(query.length);
      keys.forEach(function (k) {
        if (Math.abs(k.length - query.length) > limit) { return; }
        var d = osa(query, k);
        if (d <= limit && sameWordsMistyped(query, k)) { offer(names[k], 100 - TYPO.edit * d); }
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
          offer(names[k], TYPO.words - TYPO.edit * perWord.reduce(function (sum, f) { return sum + f[k]; }, 0));
        });
      }
      return Object.keys(best).filter(function (id) { return best[id] >= TYPO.accept; })
        .sort(function (a, b) { return best[b] - best[a] || byId(a, b); })
        .map(function (id) { return [id, best[id]]; });
    }
    // A port of graph.language.words: filler words, words that say the same, phrase keys,
    // loose matches, things the graph does not hold.
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
    function phraseMatches(text) {
      if (!phrases) {
        phrases = Object.create(null);
        Object.keys(names).forEach(function (k) { var p = phraseKey(k); (phrases[p] = phrases[p] || []).push.apply(phrases[p], names[k]); });
      }
      var found = phrases[phraseKey(text)] || [];
      return found.filter(function (id, i) { return found.indexOf(id) === i; }).sort();
    }
    // graph.language.names.suggestions: nodes matching the most typed words, then the most covered.
    function suggestions(text) {
      var qw = contentWords(text), best = Object.create(null), top = 0;
      Object.keys(names).forEach(function (k) {
        var words = contentWords(k);
        var hit = qw.filter(function (q) { return words.some(function (w) { return wordNear(q, w); }); }).length;
        if (!hit) { return; }
        var covered = words.filter(function (w) { return qw.some(function (q) { return wordNear(q, w); }); }).length / words.length;
        names[k].forEach(function (id) {
          var b = best[id];
          if (!b || hit > b[0] || (hit === b[0] && covered > b[1])) { best[id] = [hit, covered]; }
          top = Math.max(top, hit);
        });
      });
      return Object.keys(best).filter(function (id) { return best[id][0] === top; })
        .sort(function (a, b) { return best[b][1] - best[a][1] || byId(a, b); }).slice(0, 5);
    }
    /* Resolve a typed name exactly as the CLI does (graph.language.names.resolve): an id, a
     * normalised label, synonym or everyday name, a related term (never picked:
     * said), the same words in another order, a thing the graph does not hold,
     * then a clear typo match. Returns {id}, {ambiguous: [ids]}, {candidates:
     * [ids], related: label} for a related term of those nodes, {candidates: [nearest], note, notInGraph}
     * for a thing the graph does not hold, or {candidates: [ids]}
     * (graph.language.names.suggestions). */
    function resolve(text) {
      var raw = String(text || "");
      if (isId[raw]) { return { id: raw }; }
      var key = normalize(raw);
      if (!key) { return { candidates: [] }; }
      var exact = names[key];
      if (exact) { return exact.length === 1 ? { id: exact[0] } : { ambiguous: exact.slice().sort() }; }
      var rel = related[key];
      if (rel) { return { candidates: rel.ids.slice(), related: rel.label }; }
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
    return { resolve: resolve, typoMatches: typoMatches, suggestions: suggestions, phraseKey: phraseKey,
             phraseMatches: phraseMatches, notInGraph: notInGraph, contentWords: contentWords };
  }

  lib.names = { normalize: normalize, osa: osa, allowedEdits: allowedEdits, resolver: resolver, TYPO: TYPO };
})(window.footbackLib = window.footbackLib || {});
