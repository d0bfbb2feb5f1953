/* footback lessons panel: step through teacher-written tours with previous/next.
 * Each step highlights its node or path with the explorer's own functions
 * (window.footback.focusNode / highlightPath). Text from the data is only
 * ever set with textContent; never innerHTML. */
(function () {
  "use strict";

  var fb = window.footback;
  var dom = window.footbackLib.dom, el = dom.el, clear = dom.clear;
  var section = document.getElementById("fb-lessons");
  if (!fb || !section) { return; }
  var lessons = fb.data.lessons || [];
  if (!lessons.length) { return; }

  var pick = document.getElementById("fb-lesson-pick");
  var box = document.getElementById("fb-lesson-step");
  var prev = document.getElementById("fb-lesson-prev");
  var next = document.getElementById("fb-lesson-next");
  var pos = document.getElementById("fb-lesson-pos");
  var nav = document.getElementById("fb-lesson-nav");
  var side = document.getElementById("fb-side");
  var current = { lesson: -1, step: 0 };

  /* A label, isolated and cut short like the explorer's (the details panel shows it whole). */
  function bdi(text) { return el("bdi", { text: dom.short(text) }); }

  pick.appendChild(el("option", { text: "(choose a lesson)" })).value = "";
  lessons.forEach(function (lesson, i) {
    var o = el("option", { text: lesson.title + " (" + lesson.steps.length + " steps)" });
    o.value = String(i);
    pick.appendChild(o);
  });

  function highlight(step) {
    if (step.nodes.length > 1) {
      fb.unselect();
      fb.highlightPath(step.nodes);
    } else if (step.nodes.length === 1) {
      fb.clearPath();
      fb.focusNode(step.nodes[0]);
    }
  }

  function render() {
    clear(box);
    var lesson = lessons[current.lesson];
    nav.hidden = !lesson;
    side.classList.toggle("fb-lesson-on", !!lesson);
    fitNav();
    if (!lesson) {
      pos.textContent = "";
      prev.disabled = true;
      next.disabled = true;
      return;
    }
    var step = lesson.steps[current.step];
    if (current.step === 0 && lesson.summary) { box.appendChild(el("p", { text: lesson.summary, className: "fb-lesson-summary" })); }
    box.appendChild(el("h3", { text: step.title || ("Step " + (current.step + 1)), className: "fb-lesson-title" }));
    // Each label isolated: right-to-left text in one cannot reorder the arrows and the others.
    var chain = el("p", { className: "fb-lesson-chain" });
    step.labels.forEach(function (l, i) {
      if (i) { chain.appendChild(document.createTextNode(" \u2192 ")); }
      chain.appendChild(bdi(l));
    });
    box.appendChild(chain);
    box.appendChild(el("p", { text: step.text, className: "fb-lesson-text" }));
    if (step.edges.length) {
      var list = el("ul", { className: "fb-lesson-edges" });
      step.edges.forEach(function (e, i) {
        var li = el("li");
        var said = el("span", { className: "fb-rel" });
        said.appendChild(bdi(step.labels[i]));
        said.appendChild(document.createTextNode(" " + dom.visible(fb.relationVerb(e.relation)) + " "));
        said.appendChild(bdi(step.labels[i + 1]));
        said.appendChild(document.createTextNode("."));
        li.appendChild(said);
        if (e.note) { li.appendChild(el("div", { text: e.note, className: "fb-why" })); }
        var cite = fb.citation(e);
        if (cite) { li.appendChild(el("div", { text: cite, className: "fb-cite" })); }
        var how = fb.howSure(e);
        if (how) { li.appendChild(how); }
        list.appendChild(li);
      });
      box.appendChild(list);
    }
    pos.textContent = "Step " + (current.step + 1) + " of " + lesson.steps.length;
    prev.disabled = current.step === 0;
    next.disabled = current.step === lesson.steps.length - 1;
    highlight(step);
    fb.setLesson(lesson.name, current.step + 1);
  }
  /* End the lesson: no step, no highlight, no lesson in the address. */
  function end() {
    if (current.lesson < 0) { return; }
    current.lesson = -1;
    current.step = 0;
    pick.value = "";
    render();
    fb.unselect();
    fb.clearPath();
    fb.setLesson(null);
  }

  /* The pinned nav is as wide as the panel's content, leaving its scroll bar free. */
  function fitNav() {
    if (getComputedStyle(nav).position === "fixed") {
      nav.style.width = side.clientWidth + "px";
    } else {
      nav.style.width = "";
    }
  }
  window.addEventListener("resize", fitNav);
  /* A new step's text starts in view: scroll the panel to its title if that is off screen. */
  function revealStep() {
    var title = box.querySelector(".fb-lesson-title");
    if (!title) { return; }
    var t = title.getBoundingClientRect(), p = side.getBoundingClientRect();
    if (t.top < p.top || t.top > p.bottom - nav.offsetHeight - 40) {
      side.scrollTop += t.top - p.top - 8;
    }
  }

  /* Show step `step` (0-based) of lesson `lesson` (index or name). */
  function show(lesson, step) {
    var i = typeof lesson === "number" ? lesson : lessons.map(function (l) { return l.name; }).indexOf(lesson);
    if (i < 0 || i >= lessons.length) { return false; }
    current.lesson = i;
    current.step = Math.max(0, Math.min(step || 0, lessons[i].steps.length - 1));
    pick.value = String(i);
    render();
    revealStep();
    return true;
  }
  function go(delta) {
    if (current.lesson < 0) { return; }
    show(current.lesson, current.step + delta);
  }

  pick.addEventListener("change", function () {
    if (pick.value === "") { end(); return; }
    show(parseInt(pick.value, 10), 0);
  });
  prev.addEventListener("click", function () { go(-1); });
  next.addEventListener("click", function () { go(1); });
  section.addEventListener("keydown", function (ev) {
    if (ev.target === pick) { return; }
    if (ev.key === "ArrowRight") { go(1); } else if (ev.key === "ArrowLeft") { go(-1); }
  });

  section.hidden = false;
  render();
  fb.lessons = {
    list: lessons,
    show: show,
    end: end,
    next: function () { go(1); },
    prev: function () { go(-1); },
    current: function () { return { lesson: current.lesson < 0 ? null : lessons[current.lesson].name, step: current.step }; }
  };
  // A #lesson=NAME&step=N address (read by the explorer before this panel existed) opens now.
  fb.registerLessons({ show: show, end: end });
})();
