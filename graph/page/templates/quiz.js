/* footback quiz panel: take a seeded quiz made from the graph, offline. After each answer
 * it says right or wrong, why, with each link's source and how sure research is, and
 * draws the answer's path with the explorer's own functions (window.footback.highlightPath).
 * Text from the data is only ever set with textContent; never innerHTML. */
(function () {
  "use strict";

  var fb = window.footback;
  var dom = window.footbackLib.dom, el = dom.el, clear = dom.clear;
  var section = document.getElementById("fb-quiz");
  if (!fb || !section) { return; }
  var quiz = fb.data.quiz || { sets: [] };
  if (!quiz.sets.length) { return; }

  var pick = document.getElementById("fb-quiz-pick");
  var body = document.getElementById("fb-quiz-body");
  var state = { set: -1, at: 0, right: 0, answered: null };


  pick.appendChild(el("option", { text: "(choose a quiz)" })).value = "";
  quiz.sets.forEach(function (s, i) {
    var o = el("option", { text: "Quiz " + s.seed + " (" + s.questions.length + " questions)" });
    o.value = String(i);
    pick.appendChild(o);
  });

  function feedback(q) {
    var list = el("ul", { className: "fb-lesson-edges" });
    q.explanation.forEach(function (e) {
      var li = el("li");
      li.appendChild(el("span", { text: (q.labels[e.source] || e.source) + " " + fb.relationVerb(e.relation) + " " + (q.labels[e.target] || e.target) + ".", className: "fb-rel" }));
      if (e.note) { li.appendChild(el("div", { text: e.note, className: "fb-why" })); }
      var cite = fb.citation(e);
      if (cite) { li.appendChild(el("div", { text: cite, className: "fb-cite" })); }
      var how = fb.howSure(e);
      if (how) { li.appendChild(how); }
      list.appendChild(li);
    });
    return list;
  }

  function render() {
    clear(body);
    var set = quiz.sets[state.set];
    if (!set) { return; }
    if (state.at >= set.questions.length) {
      body.appendChild(el("p", { text: "Score: " + state.right + " of " + set.questions.length + ".", className: "fb-quiz-score" }));
      var again = el("button", { text: "Start again" });
      again.type = "button";
      again.addEventListener("click", function () { start(state.set); });
      body.appendChild(again);
      return;
    }
    var q = set.questions[state.at];
    body.appendChild(el("p", { text: "Question " + (state.at + 1) + " of " + set.questions.length + " (" + (quiz.kinds[q.kind] || q.kind) + ")", className: "fb-muted" }));
    body.appendChild(el("p", { text: q.question, className: "fb-quiz-question" }));
    var choices = el("div", { className: "fb-quiz-choices" });
    q.choices.forEach(function (c, i) {
      var b = el("button", { text: "abcd".charAt(i) + ") " + c, className: "fb-quiz-choice" });
      b.type = "button";
      b.disabled = state.answered !== null;
      if (state.answered !== null && i === q.answer) { b.className += " fb-quiz-right"; }
      if (state.answered === i && i !== q.answer) { b.className += " fb-quiz-wrong"; }
      b.addEventListener("click", function () { answer(i); });
      choices.appendChild(b);
    });
    body.appendChild(choices);
    if (state.answered !== null) {
      var right = state.answered === q.answer;
      body.appendChild(el("p", { text: right ? "Right!" : "Not quite: the answer is " + "abcd".charAt(q.answer) + ") " + q.choices[q.answer] + ".", className: right ? "fb-quiz-verdict fb-quiz-right" : "fb-quiz-verdict fb-quiz-wrong" }));
      if (!right && q.wrong[state.answered]) { body.appendChild(el("p", { text: q.wrong[state.answered], className: "fb-why" })); }
      body.appendChild(feedback(q));
      var next = el("button", { text: state.at + 1 < set.questions.length ? "Next question \u2192" : "See the score", className: "fb-quiz-next" });
      next.type = "button";
      next.addEventListener("click", function () { state.at += 1; state.answered = null; fb.clearPath(); render(); });
      body.appendChild(next);
    }
  }

  function answer(i) {
    var q = quiz.sets[state.set].questions[state.at];
    if (state.answered !== null) { return; }
    state.answered = i;
    if (i === q.answer) { state.right += 1; }
    render();
    if (q.path.length > 1) { fb.unselect(); fb.highlightPath(q.path); }
  }

  function start(i) {
    state = { set: i, at: 0, right: 0, answered: null };
    pick.value = String(i);
    fb.clearPath();
    render();
  }

  pick.addEventListener("change", function () {
    if (pick.value === "") { state.set = -1; clear(body); fb.clearPath(); return; }
    start(parseInt(pick.value, 10));
  });

  section.hidden = false;
  fb.quiz = {
    sets: quiz.sets,
    start: start,
    answer: answer,
    next: function () { state.at += 1; state.answered = null; render(); },
    current: function () { return { set: state.set, at: state.at, right: state.right, answered: state.answered }; }
  };
})();
