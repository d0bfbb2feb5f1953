"""The quiz as plain data for the offline page: a few seeded sets, each question with its feedback."""

from __future__ import annotations

from typing import Any

from ..errors import NoPath
from .wording import label

#: Seeded sets the page offers (Quiz 1 is ``footback quiz --seed 1``, and so on).
PAGE_SEEDS = (1, 2, 3, 4, 5)
PAGE_COUNT = 10


def _highlight(edges: list[dict[str, Any]]) -> list[str]:
    """Nodes to draw as the answer's path: the chain of the edges when they form one, else the
    causal part (for a root question, the pressed root's mechanism and the symptom)."""
    chain = [edges[0]["source"], edges[0]["target"]] if edges else []
    for e in edges[1:]:
        if e["source"] != chain[-1]:
            causal = [x for x in edges if x.get("relation") == "causes"]
            if not causal:
                return chain
            return [causal[0]["source"]] + [x["target"] for x in causal]
        chain.append(e["target"])
    return chain


def page_quiz(G: Any) -> dict[str, Any]:
    """``{"sets": [{"seed", "questions": [...]}], "kinds": {...}}`` for the page (empty sets when none)."""
    from .quiz import KINDS, generate, quiz_context

    sets, context = [], quiz_context(G)
    for seed in PAGE_SEEDS:
        try:
            qs = generate(G, count=PAGE_COUNT, seed=seed, context=context)
        except NoPath:
            continue
        questions = []
        for q in qs:
            d = q.to_dict(G)
            questions.append(
                {
                    "kind": q.kind,
                    "question": d["question"],
                    "choices": [c["label"] for c in d["choices"]],
                    "answer": q.answer,
                    "wrong": [d["wrong_choices"].get(c) for c in q.choices],
                    "explanation": d["explanation"],
                    "labels": {n: label(G, n) for e in d["explanation"] for n in (e["source"], e["target"])},
                    "path": _highlight(d["explanation"]),
                }
            )
        sets.append({"seed": seed, "questions": questions})
    return {"sets": sets, "kinds": dict(KINDS)}
