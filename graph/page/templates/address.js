/* footback page, the address: the view named in the URL's fragment
 * (#path=a,b&show=2&node=x&hide=…&evidence=…&layout=force&lesson=…&step=…),
 * read, applied and kept up to date. lib.address(app) adds its functions to
 * app (see app.js). */
(function (lib) {
  "use strict";

  /* The address written for a view: {lesson: {name, step} | null, path: {source,
   * target, active} | null (active: the path shown alone, -1 for all), node, hide
   * (type and relation names), evidence, layout}. Ids are escaped as
   * encodeURIComponent escapes them, so an id holding , & = # % reads back whole.
   * The Python side writes the same (graph.page.address.write_address);
   * tests/data/golden/address.json holds cases both must meet. */
  function writeAddress(view) {
    var parts = [];
    if (view.lesson) {
      // A lesson step is its own view: the address reopens exactly that step.
      parts.push("lesson=" + encodeURIComponent(view.lesson.name), "step=" + view.lesson.step);
    } else if (view.path) {
      parts.push("path=" + encodeURIComponent(view.path.source) + "," + encodeURIComponent(view.path.target));
      if (view.path.active >= 0) { parts.push("show=" + (view.path.active + 1)); }
    }
    if (view.node && !view.lesson) { parts.push("node=" + encodeURIComponent(view.node)); }
    var hidden = (view.hide || []).slice().sort();
    if (hidden.length) { parts.push("hide=" + hidden.map(encodeURIComponent).join(",")); }
    if (view.evidence) { parts.push("evidence=" + encodeURIComponent(view.evidence)); }
    if (view.layout && view.layout !== "anatomy") { parts.push("layout=" + encodeURIComponent(view.layout)); }
    return parts.join("&");
  }
  /* decodeURIComponent that returns null instead of throwing on a malformed
   * % escape (a link cut short in an e-mail, or typed by hand). */
  function decode(text) {
    try { return decodeURIComponent(text); } catch (err) { return null; }
  }
  /* The fragment as {params: {key: value}, unreadable: [part]}: node and lesson
   * hold one value (commas and all), every other key a list (split at commas);
   * a part that does not decode, or a path without exactly two ends, is
   * unreadable. A key given twice: the last one counts. */
  function readAddress(hash) {
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

  lib.address = function (app) {
    var data = app.data, state = app.state, nodeById = app.nodeById, EVIDENCE = data.evidence;
    var $ = lib.dom.$;

    var applyingHash = false;
    function currentHash() {
      var known = state.path && nodeById[state.path.source] && nodeById[state.path.target];
      return writeAddress({
        lesson: state.lesson, path: known ? state.path : null, node: state.selected,
        hide: Object.keys(state.hiddenTypes).concat(Object.keys(state.hiddenRelations)),
        evidence: state.minEvidence, layout: state.layout
      });
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
    var readHash = readAddress;
    /* Show exactly the view the fragment names: the exported view (the --path
     * paths, if any) with the fragment's keys applied, and every key it does not
     * carry reset, so changing the address in an open tab gives what opening it
     * in a new tab gives. */
    function applyHash(hash) {
      var read = readHash(hash), params = read.params;
      applyingHash = true;
      try {
        var hide = params.hide || [];
        data.types.forEach(function (t) { if (!state.hiddenTypes[t.name] !== (hide.indexOf(t.name) < 0)) { app.setTypeVisible(t.name, hide.indexOf(t.name) < 0); } });
        data.relations.forEach(function (r) { if (!state.hiddenRelations[r.name] !== (hide.indexOf(r.name) < 0)) { app.setRelationVisible(r.name, hide.indexOf(r.name) < 0); } });
        var wanted = params.evidence && EVIDENCE.levels.indexOf(params.evidence[0]) >= 0 ? params.evidence[0] : null;
        if (wanted !== state.minEvidence) { app.setMinEvidence(wanted); }
        var layout = params.layout && params.layout[0] === "force" ? "force" : "anatomy";
        if (state.layout !== layout) { app.setLayout(layout); }
        var ends = params.path && params.path.length === 2 ? params.path : data.initial.path;
        if (ends) {
          app.showPaths(ends[0], ends[1], { animate: false });
          var show = params.show ? parseInt(params.show[0], 10) : 0;
          if (show >= 1 && state.path && show <= state.path.paths.length) { app.showPathIndex(show - 1); }
        } else if (state.path) {
          $("fb-source").value = "";
          $("fb-target").value = "";
          app.clearPath();
        }
        var r = params.node !== undefined ? app.resolveName(params.node) : {};
        if (r.id) { app.focusNode(r.id, { move: !ends, animate: false }); } else if (state.selected) { app.unselect(); }
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
        ? lib.dom.visible("Part of this link could not be read (" + unreadable.map(function (u) { return u.length > 40 ? u.slice(0, 40) + "…" : u; }).join(", ") +
          "), so the page opened without it; the link may have been cut short.")
        : "";
      refreshNote();
    }

    /* The note over the drawing: what was left out, and an unreadable link. */
    function refreshNote() {
      $("fb-note").hidden = $("fb-note-omitted").hidden && $("fb-note-address").hidden;
    }

    /* A lesson running ends (the path finder's paths replace it; Escape). */
    function endLesson() {
      if (state.lesson && lessonHandler) { lessonHandler.end(); }
    }
    Object.assign(app, {
      currentHash: currentHash, updateHash: updateHash, readHash: readHash, applyHash: applyHash,
      registerLessons: registerLessons, setLesson: setLesson, refreshNote: refreshNote, endLesson: endLesson
    });
  };
  // Pure: unit-tested in the browser against tests/data/golden/address.json.
  lib.address.write = writeAddress;
  lib.address.read = readAddress;
  lib.address.decode = decode;
})(window.footbackLib = window.footbackLib || {});
