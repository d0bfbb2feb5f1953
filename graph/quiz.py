"""Multiple-choice questions generated from the graph itself.

Four kinds of question, each answered by edges of the graph:

``middle``
    The hidden middle step of a causal chain from a condition to a symptom
    (``Plantar fasciitis → ? → Change in posture → Lower back pain``).
``leads-to``
    Which of these (conditions or mechanisms) can lead to a symptom?
``where``
    Where in the body does a condition, mechanism or symptom sit?
``treatment``
    Which treatment acts on (treats or helps prevent) a node?

Every distractor is checked against the graph so that it is really wrong,
not merely different from the intended answer: for ``middle`` it lies on no
causal route between its neighbours in the chain, for ``leads-to`` it cannot
lead to the symptom at all, for ``where`` it is neither a located region nor
a part or whole of one, for ``treatment`` it acts neither on the node nor on
anything upstream of it. Distractors have the answer's node type whenever
the graph has enough of them.

Randomness comes only from ``random.Random``: which questions are asked
depends on ``seed``; the choices of one question depend only on ``seed`` and
the question's stable ``key``, so the same question reads the same in a quiz,
on a printed sheet and in the Anki deck. Within one quiz no question asks about
the same thing (the hidden step, the symptom, the located or treated node) as
an earlier one of its kind while other questions are left.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .errors import NoPath
from .model import BODY_REGION, CAUSES, CONDITION, LOCATED_IN, MECHANISM, PART_OF, PREVENTS, SYMPTOM, TREATMENT, TREATS
from .query import relation_view
from .teaching import chain_text, citation, edge_record, label

#: Question kinds and what they ask, in the order a quiz mixes them.
KINDS: dict[str, str] = {
    "middle": "the hidden middle step of a causal chain",
    "leads-to": "which of these can lead to a symptom",
    "where": "where in the body something sits",
    "treatment": "which treatment acts on something",
}
#: Most wrong choices per question (so at most four choices, a to d).
MAX_DISTRACTORS = 3
_CLINICAL = (CONDITION, MECHANISM, SYMPTOM)


class NoQuestions(NoPath):
    """The graph holds too little to ask about (exit code 1: empty answer)."""


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

    @property
    def answer_id(self) -> str:
        return self.choices[self.answer]

    @property
    def letter(self) -> str:
        return "abcd"[self.answer]

    @property
    def topic(self) -> str:
        """What the question is about: the hidden step, the symptom, the located or treated node."""
        if self.kind == "middle":
            return self.chain[self.hidden]
        if self.kind == "where":
            return self.edges[0]["source"]
        return self.edges[-1]["target"]

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
        }


def _sorted(nodes: Any) -> list[str]:
    return sorted(nodes, key=str)


def _of_type(G: Any, *types: str) -> list[str]:
    return _sorted(n for n, t in G.nodes(data="type") if t in types)


def _pick_distractors(
    G: Any, rng: random.Random, answer: str, wrong: set[str], pool_types: tuple[str, ...],
    prefer: set[str] | None = None,
) -> list[str]:
    """Up to MAX_DISTRACTORS from ``wrong``: the answer's own type first, and
    within a type the ``prefer`` red herrings first."""
    own = G.nodes[answer].get("type")
    same = {n for n in wrong if G.nodes[n].get("type") == own}
    other = {n for n in wrong if G.nodes[n].get("type") in pool_types} - same
    prefer = wrong if prefer is None else prefer
    picked: list[str] = []
    for tier in (same & prefer, same - prefer, other & prefer, other - prefer):
        pool = _sorted(tier)
        picked += rng.sample(pool, min(MAX_DISTRACTORS - len(picked), len(pool)))
    return picked


def _assemble(
    G: Any, rng: random.Random, kind: str, key: str, prompt: str, answer: str,
    distractors: list[str], edges: list[dict[str, Any]], **extra: Any,
) -> Question | None:
    if not distractors:
        return None
    choices = [answer, *distractors]
    rng.shuffle(choices)
    return Question(kind, key, prompt, tuple(choices), choices.index(answer), tuple(edges), **extra)


class _Context:
    """Views, indexes and reachability of one graph, each computed once per quiz."""

    def __init__(self, G: Any) -> None:
        self.G = G
        self.causal = relation_view(G, (CAUSES,))
        self.parts = relation_view(G, (PART_OF,))
        self._anc: dict[str, set[str]] = {}
        self._desc: dict[str, set[str]] = {}
        self._around: dict[str, set[str]] = {}
        self._types: dict[tuple[str, ...], list[str]] = {}
        self.treaters: dict[str, set[str]] = {}
        self.located: dict[str, list[str]] = {}
        self.located_at: dict[str, set[str]] = {}
        for u, v, rel in G.edges(keys=True):
            if rel in (TREATS, PREVENTS) and G.nodes[u].get("type") == TREATMENT:
                self.treaters.setdefault(v, set()).add(u)
            elif rel == LOCATED_IN:
                self.located.setdefault(u, []).append(v)
                self.located_at.setdefault(v, set()).add(u)

    def of_type(self, *types: str) -> list[str]:
        if types not in self._types:
            self._types[types] = _of_type(self.G, *types)
        return self._types[types]

    def ancestors(self, n: str) -> set[str]:
        if n not in self._anc:
            self._anc[n] = nx.ancestors(self.causal, n)
        return self._anc[n]

    def descendants(self, n: str) -> set[str]:
        if n not in self._desc:
            self._desc[n] = nx.descendants(self.causal, n)
        return self._desc[n]

    def regions_around(self, n: str) -> set[str]:
        """Regions ``n`` sits in, with their parts and the wholes they belong to."""
        if n not in self._around:
            out: set[str] = set()
            for r in self.located.get(n, ()):
                out |= {r} | nx.descendants(self.parts, r) | nx.ancestors(self.parts, r)
            self._around[n] = out
        return self._around[n]


# --- candidates, subject by subject -------------------------------------------
# Each kind has subjects (a condition, a symptom, a located or treated node) and,
# per subject, candidate questions as (key, builder) in a stable order. A quiz
# looks at the few subjects it asks about, never at every candidate, so it stays
# fast on a graph of any size.

def _middle_subjects(ctx: _Context) -> list[str]:
    return ctx.of_type(CONDITION)


def _middle_candidates(ctx: _Context, start: str) -> list[tuple[str, Any]]:
    symptoms = set(ctx.of_type(SYMPTOM))
    out = []
    for end, nodes in sorted(nx.single_source_shortest_path(ctx.causal, start).items()):
        if end in symptoms and len(nodes) >= 3:
            for i in range(1, len(nodes) - 1):
                key = "middle:" + "/".join(nodes) + f"#{i}"
                out.append((key, lambda rng, key=key, nodes=nodes, i=i: _middle(ctx, rng, key, nodes, i)))
    return out


def _middle(ctx: _Context, rng: random.Random, key: str, nodes: list[str], i: int) -> Question | None:
    G = ctx.G
    before, after = nodes[i - 1], nodes[i + 1]
    # Wrong: lies on no causal route from the step before to the step after.
    on_a_route = ctx.descendants(before) & ctx.ancestors(after)
    wrong = set(ctx.of_type(*_CLINICAL)) - on_a_route - set(nodes)
    distractors = _pick_distractors(G, rng, nodes[i], wrong, _CLINICAL)
    edges = [edge_record(G, u, v, CAUSES) for u, v in zip(nodes, nodes[1:])]
    prompt = "Fill in the missing step of this chain:\n  " + chain_text(G, nodes, hidden=i)
    return _assemble(G, rng, "middle", key, prompt, nodes[i], distractors, edges, chain=tuple(nodes), hidden=i)


def _leads_to_subjects(ctx: _Context) -> list[str]:
    return ctx.of_type(SYMPTOM)


def _leads_to_candidates(ctx: _Context, target: str) -> list[tuple[str, Any]]:
    G = ctx.G
    out = []
    for cause in _sorted(ctx.ancestors(target)):
        if G.nodes[cause].get("type") in (CONDITION, MECHANISM):
            key = f"leads-to:{cause}/{target}"
            out.append((key, lambda rng, key=key, c=cause, t=target: _leads_to(ctx, rng, key, c, t)))
    return out


def _leads_to(ctx: _Context, rng: random.Random, key: str, cause: str, target: str) -> Question | None:
    G = ctx.G
    wrong = set(ctx.of_type(CONDITION, MECHANISM)) - ctx.ancestors(target) - {target}
    distractors = _pick_distractors(G, rng, cause, wrong, (CONDITION, MECHANISM))
    nodes = nx.shortest_path(ctx.causal, cause, target)
    edges = [edge_record(G, u, v, CAUSES) for u, v in zip(nodes, nodes[1:])]
    prompt = f"Which of these can lead to {label(G, target)}?"
    return _assemble(G, rng, "leads-to", key, prompt, cause, distractors, edges)


def _where_subjects(ctx: _Context) -> list[str]:
    return _sorted(ctx.located)


def _where_candidates(ctx: _Context, node: str) -> list[tuple[str, Any]]:
    out = []
    for v in _sorted(set(ctx.located[node])):
        key = f"where:{node}/{v}"
        out.append((key, lambda rng, key=key, u=node, v=v: _where(ctx, rng, key, u, v)))
    return out


def _where(ctx: _Context, rng: random.Random, key: str, node: str, region: str) -> Question | None:
    G = ctx.G
    # A whole that contains a located region, or a part of one, would not be
    # plainly wrong, so neither may be a distractor.
    wrong = set(ctx.of_type(BODY_REGION)) - ctx.regions_around(node)
    distractors = _pick_distractors(G, rng, region, wrong, (BODY_REGION,))
    prompt = f"Where in the body does {label(G, node)} sit?"
    return _assemble(G, rng, "where", key, prompt, region, distractors, [edge_record(G, node, region, LOCATED_IN)])


def _treatment_subjects(ctx: _Context) -> list[str]:
    return _sorted(ctx.treaters)


def _treatment_candidates(ctx: _Context, node: str) -> list[tuple[str, Any]]:
    G = ctx.G
    out = []
    for u in _sorted(ctx.treaters[node]):
        for rel in (TREATS, PREVENTS):
            if G.has_edge(u, node, rel):
                key = f"treatment:{u}/{rel}/{node}"
                out.append((key, lambda rng, key=key, u=u, v=node, rel=rel: _treatment(ctx, rng, key, u, v, rel)))
    return out


def _treatment(ctx: _Context, rng: random.Random, key: str, treatment: str, node: str, rel: str) -> Question | None:
    G = ctx.G
    helping: set[str] = set()
    for v in {node} | ctx.ancestors(node):
        helping |= ctx.treaters.get(v, set())
    wrong = set(ctx.of_type(TREATMENT)) - helping
    # Prefer treatments for other parts of the body: one that helps with foot
    # pain is wrong for heel pain by the graph, but a poor distractor.
    same_area: set[str] = set()
    for region in ctx.regions_around(node):
        for n in ctx.located_at.get(region, ()):
            same_area |= ctx.treaters.get(n, set())
    distractors = _pick_distractors(G, rng, treatment, wrong, (TREATMENT,), prefer=wrong - same_area)
    verb = "can help prevent" if rel == PREVENTS else "can help with"
    prompt = f"Which of these {verb} {label(G, node)}?"
    return _assemble(G, rng, "treatment", key, prompt, treatment, distractors, [edge_record(G, treatment, node, rel)])


#: kind -> (subjects, candidates of one subject)
_KIND_SOURCES = {
    "middle": (_middle_subjects, _middle_candidates),
    "leads-to": (_leads_to_subjects, _leads_to_candidates),
    "where": (_where_subjects, _where_candidates),
    "treatment": (_treatment_subjects, _treatment_candidates),
}


def question_rng(seed: int, key: str) -> random.Random:
    """The random source for one question: depends only on the seed and the key."""
    return random.Random(f"{seed}:{key}")


def all_questions(
    G: Any, *, seed: int = 0, kinds: tuple[str, ...] | list[str] | None = None, per_kind: int | None = None
) -> list[Question]:
    """Every question the graph supports (at most ``per_kind`` of each kind), in stable order.

    The Anki deck uses this: one note per question, whatever the quiz asks.
    """
    ctx = _Context(G)
    out: list[Question] = []
    for kind in kinds or KINDS:
        subjects, candidates = _KIND_SOURCES[kind]
        n = 0
        for subject in subjects(ctx):
            if per_kind is not None and n >= per_kind:
                break
            for key, build in candidates(ctx, subject):
                if per_kind is not None and n >= per_kind:
                    break
                q = build(question_rng(seed, key))
                if q is not None:
                    out.append(q)
                    n += 1
    return out


def generate(
    G: Any, *, count: int = 10, seed: int = 0, kinds: tuple[str, ...] | list[str] | None = None
) -> list[Question]:
    """A quiz of up to ``count`` questions, kinds taken in turn.

    Parameters
    ----------
    G : networkx graph
    count : int
        Questions wanted; fewer come back when the graph has fewer. No
        question is about the same thing as an earlier one of its kind
        (``topic``) while questions about other things are left.
    seed : int
        The same seed on the same graph gives the same quiz.
    kinds : sequence of str, optional
        Kinds to ask (keys of :data:`KINDS`); default all.

    Raises
    ------
    NoQuestions
        The graph supports no question of the requested kinds.
    ValueError
        An unknown kind.

    Examples
    --------
    >>> from graph.build import load_graph_dir
    >>> from tests import TINY_DIR
    >>> G = load_graph_dir(TINY_DIR)
    >>> q = generate(G, count=1, seed=1, kinds=["middle"])[0]
    >>> print(q.prompt)
    Fill in the missing step of this chain:
      Heel spur → ? → Hip ache
    >>> q.answer_id, sorted(q.choices)
    ('limping', ['limping', 'numb-toe'])
    """
    kinds = list(kinds or KINDS)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown question kind(s): {', '.join(unknown)}")
    rng = random.Random(seed)
    ctx = _Context(G)
    # Per kind: subjects in a seeded order; each subject's candidates are
    # listed (and shuffled) only when it comes up, and a subject with
    # candidates left goes back to the end of the queue for a second round.
    queues: dict[str, deque[str]] = {}
    pending: dict[tuple[str, str], list[tuple[str, Any]]] = {}
    for kind in kinds:
        subjects = list(_KIND_SOURCES[kind][0](ctx))
        rng.shuffle(subjects)
        queues[kind] = deque(subjects)
    order = list(kinds)
    rng.shuffle(order)
    # How often each (kind, topic) was asked; questions about a topic already
    # asked are held back until no other question is left.
    asked: dict[tuple[str, str], int] = {}
    held: dict[str, list[Question]] = {kind: [] for kind in kinds}

    def next_fresh(kind: str) -> Question | None:
        queue = queues[kind]
        while queue:
            subject = queue.popleft()
            if (kind, subject) not in pending:
                cands = _KIND_SOURCES[kind][1](ctx, subject)
                rng.shuffle(cands)
                pending[kind, subject] = cands
            cands = pending[kind, subject]
            while cands:
                key, build = cands.pop()
                q = build(question_rng(seed, key))
                if q is None:
                    continue
                if (kind, q.topic) in asked:
                    held[kind].append(q)
                    continue
                if cands:
                    queue.append(subject)
                return q
        return None

    def least_asked(kind: str) -> Question | None:
        if not held[kind]:
            return None
        q = min(held[kind], key=lambda q: asked[kind, q.topic])
        held[kind].remove(q)
        return q

    quiz: list[Question] = []
    for pick in (next_fresh, least_asked):
        while len(quiz) < count:
            got = 0
            for kind in order:
                if len(quiz) >= count:
                    break
                q = pick(kind)
                if q is not None:
                    quiz.append(q)
                    asked[kind, q.topic] = asked.get((kind, q.topic), 0) + 1
                    got += 1
            if not got:
                break
    if not quiz:
        raise NoQuestions(f"this graph supports no {' or '.join(kinds)} question")
    return quiz


def is_correct(G: Any, question: Question, choice: str) -> bool:
    """Whether ``choice`` answers ``question`` according to the graph.

    Independent of how the question was built, so tests can check that the
    answer is right and that every distractor is wrong.
    """
    ctx = _Context(G)
    if question.kind == "middle":
        i = question.hidden
        before, after = question.chain[i - 1], question.chain[i + 1]
        return choice in ctx.descendants(before) and after in ctx.descendants(choice)
    if question.kind == "leads-to":
        target = question.edges[-1]["target"]
        return choice in ctx.ancestors(target)
    if question.kind == "where":
        node = question.edges[0]["source"]
        regions = {v for _, v, r in G.out_edges(node, keys=True) if r == LOCATED_IN}
        wholes = set().union(*(nx.descendants(ctx.parts, r) for r in regions)) if regions else set()
        return choice in regions or choice in wholes
    if question.kind == "treatment":
        node = question.edges[0]["target"]
        acts_on = {node} | ctx.ancestors(node)
        return any(r in (TREATS, PREVENTS) and v in acts_on for _, v, r in G.out_edges(choice, keys=True))
    raise ValueError(question.kind)
