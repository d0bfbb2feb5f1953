"""Teacher-written questions: a lesson's check-your-understanding item, proved by the quiz rules.

A lesson may end with::

    check:
      kind: root                 # a quiz kind whose checker applies (see CHECKED_KINDS)
      about: numb-top-of-foot    # the question's subject (a node: id, label or synonym)
      question: Numbness on the top of the foot points to which nerve root?
      answer: L5 nerve root
      wrong: [L4 nerve root, S1 nerve root]

The item is checked against the graph with the same checker the generated
quiz uses (:func:`graph.quiz.is_correct`): the answer must be right and every
wrong choice provably wrong, or the lesson is refused with a located error.
"""

from __future__ import annotations

from typing import Any

from ..errors import Problem

#: Kinds a teacher may write, and how each one's subject is given to the checker.
CHECKED_KINDS = ("root", "sign", "leads-to", "where", "red-flag")
CHECK_KEYS = ("kind", "about", "question", "answer", "wrong")


def check_item(G: Any, rec: Any, shown: str, resolve: Any, line_of: Any, problems: list[Problem]) -> dict[str, Any] | None:
    """The checked item as plain data, or None (problems added, each with its line)."""
    from .question import Question
    from .quiz import is_correct

    record = "check"
    if not isinstance(rec, dict):
        problems.append(Problem(shown, line_of(rec), "'check' must be a mapping with kind, about, question, answer and wrong", record))
        return None
    before = len(problems)
    for key in rec:
        if key not in CHECK_KEYS:
            problems.append(Problem(shown, line_of(rec, key), f"check has unknown key {key!r} (allowed: {', '.join(CHECK_KEYS)})", record))
    for key in CHECK_KEYS:
        if key not in rec:
            problems.append(Problem(shown, line_of(rec), f"check needs {key!r}", record))
    if len(problems) > before:
        return None
    kind = rec["kind"]
    if kind not in CHECKED_KINDS:
        problems.append(Problem(shown, line_of(rec, "kind"), f"check kind {kind!r:.40} is not one a teacher may write (allowed: {', '.join(CHECKED_KINDS)})", record))
        return None
    if not isinstance(rec["question"], str) or not rec["question"].strip():
        problems.append(Problem(shown, line_of(rec, "question"), "check 'question' must be text", record))
    wrong_raw = rec["wrong"]
    if not isinstance(wrong_raw, list) or not 1 <= len(wrong_raw) <= 3:
        problems.append(Problem(shown, line_of(rec, "wrong"), "check 'wrong' must list one to three wrong choices", record))
        return None
    about = resolve(rec["about"], line_of(rec, "about"))
    answer = resolve(rec["answer"], line_of(rec, "answer"))
    wrong = [resolve(w, line_of(rec, "wrong")) for w in wrong_raw]
    if len(problems) > before or not about or not answer or not all(wrong):
        return None
    subject = {"sign": f"{about}|{answer}"}.get(kind, about)
    edges: tuple[dict[str, Any], ...] = ()
    if kind == "leads-to":
        edges = ({"source": answer, "target": about},)
    elif kind == "where":
        edges = ({"source": about, "target": answer},)
    choices = (answer, *wrong)
    q = Question(kind, f"check:{kind}:{about}", rec["question"].strip(), choices, 0, edges, subject=subject if kind not in ("leads-to", "where") else "")
    if not is_correct(G, q, answer):
        problems.append(Problem(shown, line_of(rec, "answer"), f"the graph does not make {answer!r} a right answer to this {kind} question about {about!r}", record))
    for w in wrong:
        if is_correct(G, q, w):
            problems.append(Problem(shown, line_of(rec, "wrong"), f"{w!r} is not provably wrong: the graph makes it a right answer too", record))
    if len(problems) > before:
        return None
    return {"kind": kind, "about": about, "question": q.prompt, "answer": answer, "wrong": list(wrong)}
