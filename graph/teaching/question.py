"""One multiple-choice question: its choices, its answer, and where the answer comes from.

Made by :func:`graph.teaching.quiz.generate` and the kinds of
:mod:`graph.teaching.quiz_kinds`; asked by :mod:`graph.teaching.interactive`,
the page and the Anki deck.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..language.grammar import agree
from ..model import CAUSES, RELATION_VERB, TREATS
from .wording import citation, label


@dataclass(frozen=True)
class Question:
    """One multiple-choice question with its answer and where the answer comes from."""

    kind: str
    #: Stable identity (kind and subject ids), independent of the seed.
    key: str
    prompt: str
    choices: tuple[str, ...]
    answer: int
    #: The edges that make the answer right, in chain order.
    edges: tuple[dict[str, Any], ...] = field(default=())
    #: For ``middle``: the whole chain and which node is hidden.
    chain: tuple[str, ...] = ()
    hidden: int | None = None
    #: For kinds of :mod:`graph.quiz_kinds`: what the question is about, the fact it
    #: tests (no two questions of a quiz test the same one), why each wrong choice is
    #: wrong, and (``evidence``) the link each choice names.
    subject: str = ""
    fact: str = ""
    reasons: tuple[tuple[str, str], ...] = ()
    links: tuple[tuple[str, str, str, str], ...] = ()

    @property
    def answer_id(self) -> str:
        return self.choices[self.answer]

    @property
    def letter(self) -> str:
        return "abcd"[self.answer]

    @property
    def topic(self) -> str:
        """What the question is about: the hidden step, the symptom, the located or treated node."""
        if self.subject:
            return self.subject
        if self.kind == "middle":
            return self.chain[self.hidden_at]
        if self.kind == "where":
            return str(self.edges[0]["source"])
        return str(self.edges[-1]["target"])

    @property
    def hidden_at(self) -> int:
        """For ``middle``: where in the chain the hidden step is."""
        if self.hidden is None:
            raise ValueError(f"a {self.kind!r} question hides no step of a chain")
        return self.hidden

    def not_said(self, G: Any, choice: str) -> str:
        """Why a wrong pick is wrong, as what the source does not say (not as what cannot happen).

        >>> import networkx as nx
        >>> G = nx.MultiDiGraph()
        >>> G.add_nodes_from([("limping", {"label": "Limping"}), ("numb-toe", {"label": "Numb toe"}), ("hip-ache", {"label": "Hip ache"})])
        >>> q = Question("leads-to", "k", "?", ("limping", "numb-toe"), 0, ({"source": "limping", "target": "hip-ache"},))
        >>> q.not_said(G, "numb-toe")
        'The source does not say that Numb toe can lead to Hip ache.'
        """
        if self.reasons:
            return dict(self.reasons)[choice]
        c = label(G, choice)
        if self.kind == "middle":
            before, after = self.chain[self.hidden_at - 1], self.chain[self.hidden_at + 1]
            return f"The source does not put {c} between {label(G, before)} and {label(G, after)}."
        if self.kind == "where":
            return f"The source does not place {label(G, self.topic)} in {c}."
        relation = CAUSES if self.kind == "leads-to" else self.edges[-1].get("relation", TREATS)
        return f"The source does not say that {c} {agree(RELATION_VERB.get(relation, relation), c)} {label(G, self.topic)}."

    def to_dict(self, G: Any) -> dict[str, Any]:
        """Plain data for ``--json``."""
        return {
            "kind": self.kind,
            "key": self.key,
            "question": self.prompt,
            "choices": [{"letter": "abcd"[i], "id": c, "label": label(G, c)} for i, c in enumerate(self.choices)],
            "answer": self.letter,
            "answer_id": self.answer_id,
            "explanation": [dict(e) for e in self.edges],
            "sources": sorted({citation(G, e) for e in self.edges}),
            "wrong_choices": {c: self.not_said(G, c) for c in self.choices if c != self.answer_id},
        }
