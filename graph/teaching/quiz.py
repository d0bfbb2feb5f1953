"""Multiple-choice questions generated from the graph itself.

Four kinds of question, each answered by edges of the graph and worded as
what the source says (a wrong pick is explained as "the source does not say
so", never as "this cannot happen"):

``middle``
    The hidden middle step of a causal chain from a condition to a symptom
    (``Plantar fasciitis → ? → Change in posture → Lower back pain``).
``leads-to``
    Which of these (conditions or mechanisms) can lead to a symptom?
``where``
    Where in the body does a condition, mechanism or symptom sit?
``treatment``
    Which treatment acts on (treats or helps prevent) a node?

A small graph leaves out much that is true, so a choice that is merely
absent from the graph is not thereby wrong: the curated article does not
link a herniated disc to lower back pain, but it never says there is no
link. Wrong choices are therefore kept only when they are far from the
question in the graph's own structure, by two measures:

*body area*
    the regions a node sits in (``located_in``), every whole they are part
    of and every part of those wholes (``part_of``, transitively): two nodes
    share an area when their regions are nested or overlap, as the lumbar
    spine joins the spine and the lower back.
*causal family*
    the node, what leads to it, what follows from it, and whatever shares a
    cause or an effect with it.

A wrong choice is never offered when it is too close:

``middle`` (``before → ? → after``)
    it follows from ``before`` or leads to ``after``, is in the hidden
    step's causal family, or shares a body area with ``before``, the hidden
    step or ``after``.
``leads-to`` Z
    it is in Z's causal family; or it shares a body area with anything in
    the causal family of Z or of a right answer; or something it leads to,
    or something leading straight to it, sits in Z's body area; or a
    treatment named for Z acts on it or on what it leads to or comes from.
``where`` X
    the region shares a body area with X, with what leads straight to X or
    follows straight from it, or with what shares a direct effect with X; or
    it is, contains or is part of a region where a condition leading to any
    of X's effects sits (a herniated disc is never placed in the sciatic
    nerve, where sciatica sits).
``treatment`` X
    the treatment acts on anything in X's causal family or on anything
    sharing a body area with it.

Distractors have the answer's node type whenever the graph has enough of
them. A question needs at least one sound distractor, so a kind may give
fewer questions than asked for. The curated graph is about one stretch of
the body, the feet to the lower back, where nearly everything touches
everything else; it gives plenty of ``where`` questions, a few ``middle``
and ``leads-to`` ones (nerve symptoms in the feet and legs, against the
mechanical route to the back), and a single ``treatment`` question (what
helps prevent foot pain of the foot itself): the article offers its
non-surgical treatments for foot pain and back pain alike, so they sit too
close together elsewhere.

Within one quiz no question asks about the same thing (the hidden step, the
symptom, the located or treated node) as an earlier one of its kind: a second
"which of these can lead to numbness?" would give the first one's answer away.

Randomness comes only from ``random.Random``: which questions are asked
depends on ``seed``; the choices of one question depend only on ``seed`` and
the question's stable ``key``, so the same question reads the same in a quiz,
on a printed sheet and in the Anki deck.
"""

from __future__ import annotations

import functools
import random
from collections import deque
from collections.abc import Callable
from typing import Any

import networkx as nx

from ..errors import NoPath
from ..language.grammar import agree
from ..model import (
    BODY_REGION,
    CAUSES,
    CONDITION,
    LOCATED_IN,
    MECHANISM,
    PART_OF,
    PREVENTS,
    RELATION_VERB,
    SYMPTOM,
    TREATMENT,
    TREATS,
)
from ..model.records import regions as regions_of
from ..questions.query import relation_view
from .question import Question
from .wording import chain_text, edge_record, label

#: Question kinds and what they ask, in the order a quiz mixes them.
KINDS: dict[str, str] = {
    "middle": "the hidden middle step of a causal chain",
    "leads-to": "which of these can lead to a symptom",
    "where": "where in the body something sits",
    "treatment": "which treatment acts on something, or which research advises against",
    "root": "which nerve root or nerve explains a symptom's place",
    "sign": "which sign points to a level of the spine",
    "evidence": "which link research supports best",
    "red-flag": "red flags: warning signs that need urgent care",
}
#: Most wrong choices per question (so at most four choices, a to d).
MAX_DISTRACTORS = 3
_CLINICAL = (CONDITION, MECHANISM, SYMPTOM)


class NoQuestions(NoPath):
    """The graph holds too little to ask about (exit code 1: empty answer)."""


def _sorted(nodes: Any) -> list[str]:
    return sorted(nodes, key=str)


def _of_type(G: Any, *types: str) -> list[str]:
    return _sorted(n for n, t in G.nodes(data="type") if t in types)


def _pick_distractors(ctx: _Context, rng: random.Random, answer: str, wrong: set[str], pool_types: tuple[str, ...]) -> list[str]:
    """Up to MAX_DISTRACTORS from ``wrong``, the answer's own type first."""
    own = ctx.G.nodes[answer].get("type")
    same = wrong & ctx.typed(own)
    other = (wrong & ctx.typed(*pool_types)) - same
    picked: list[str] = []
    for tier, among in ((same, (own,)), (other, pool_types)):
        pool = ctx.in_order(tier, among)
        picked += rng.sample(pool, min(MAX_DISTRACTORS - len(picked), len(pool)))
    return picked


def _assemble(
    G: Any,
    rng: random.Random,
    kind: str,
    key: str,
    prompt: str,
    answer: str,
    distractors: list[str],
    edges: list[dict[str, Any]],
    **extra: Any,
) -> Question | None:
    if not distractors:
        return None
    choices = [answer, *distractors]
    rng.shuffle(choices)
    return Question(kind, key, prompt, tuple(choices), choices.index(answer), tuple(edges), **extra)


class _Context:
    """Views, indexes and reachability of one graph, each computed once per quiz."""

    def __init__(self, G: Any) -> None:
        from .quiz_kinds import Kinds

        self.G = G
        self.kinds = Kinds(G)
        self.causal = relation_view(G, (CAUSES,))
        self.parts = relation_view(G, (PART_OF,))
        self._anc: dict[str, set[str]] = {}
        self._desc: dict[str, set[str]] = {}
        self._family: dict[str, set[str]] = {}
        self._area: dict[str, frozenset[str]] = {}
        self._up: dict[str, set[str]] = {}
        self._down: dict[str, set[str]] = {}
        self._types: dict[tuple[str, ...], list[str]] = {}
        self._by_type: dict[Any, set[str]] = {}
        self._typed_sets: dict[tuple[Any, ...], set[str]] = {}
        self._touching: dict[str, set[str]] | None = None
        self._cycle: dict[str, Any] | None = None
        self._sharers: dict[Any, set[str]] = {}
        self._families: dict[Any, tuple[set[str], set[str]]] = {}
        #: (kind, subject) -> the subject's candidate questions, in their listed order.
        self.candidates: dict[tuple[str, str], list[tuple[str, Any]]] = {}
        #: Safely wrong choices, per kind and subject.
        self.sound: dict[tuple[Any, ...], set[str]] = {}
        self.treaters: dict[str, set[str]] = {}
        self.acts_on: dict[str, set[str]] = {}
        self.located: dict[str, list[str]] = {}
        for u, v, rel in G.edges(keys=True):
            if rel in (TREATS, PREVENTS) and G.nodes[u].get("type") == TREATMENT:
                self.treaters.setdefault(v, set()).add(u)
                self.acts_on.setdefault(u, set()).add(v)
            elif rel == LOCATED_IN:
                self.located.setdefault(u, []).append(v)

    def typed(self, *types: Any) -> set[str]:
        """The nodes of any of ``types`` (``None``: of no type), as a set."""
        if ("set",) + types not in self._typed_sets:
            if not self._by_type:
                for n, t in self.G.nodes(data="type"):
                    self._by_type.setdefault(t, set()).add(n)
            self._typed_sets[("set",) + types] = set().union(*(self._by_type.get(t, ()) for t in types))
        return self._typed_sets[("set",) + types]

    def in_order(self, nodes: set[str], types: tuple[Any, ...]) -> list[str]:
        """``sorted(nodes, key=str)`` for ``nodes`` all of ``types``; a large set is read off :meth:`of_type`."""
        if len(nodes) < 64:
            return _sorted(nodes)
        return [n for n in self.of_type(*types) if n in nodes]

    def of_type(self, *types: str) -> list[str]:
        if types not in self._types:
            self._types[types] = _of_type(self.G, *types)
        return self._types[types]

    def _key(self, n: str) -> Any:
        """What ``n``'s ancestors, descendants and family depend on: ``n`` itself, or
        its cycle (the nodes of a strongly connected component have the same
        ones, but each for itself, and the same family), so that a large cycle
        is searched once, not once per node on it."""
        if self._cycle is None:
            self._cycle = {}
            for i, comp in enumerate(nx.strongly_connected_components(self.causal)):
                if len(comp) > 1:
                    for m in comp:
                        self._cycle[m] = ("cycle", i)
        return self._cycle.get(n, n)

    def ancestors(self, n: str) -> set[str]:
        return self._around(n, self._anc, nx.ancestors)

    def descendants(self, n: str) -> set[str]:
        return self._around(n, self._desc, nx.descendants)

    def _around(self, n: str, cache: dict[Any, set[str]], search: Any) -> set[str]:
        """``search(causal, n)``, once per node, or once per cycle: a node on a
        cycle has its cycle's ancestors (or descendants), the cycle included,
        but for itself."""
        k = self._key(n)
        if k == n:
            if n not in cache:
                cache[n] = search(self.causal, n)
            return cache[n]
        if k not in cache:
            cache[k] = search(self.causal, n) | {n}
        return cache[k] - {n}

    def neighbours(self, n: str) -> set[str]:
        """What leads straight to ``n`` and what follows straight from it."""
        return set(self.causal.predecessors(n)) | set(self.causal.successors(n))

    def family(self, n: str) -> set[str]:
        """``n``, what leads to it, what follows from it, and whatever shares a cause or an effect with it."""
        k = self._key(n)
        if k not in self._family:
            anc, desc = self.ancestors(n), self.descendants(n)
            out = {n} | anc | desc  # on a cycle, n is in anc: the same for all of it
            out |= self.sharers(n, forward=True)  # shares a cause
            out |= self.sharers(n, forward=False)  # shares an effect
            self._family[k] = out
        return self._family[k]

    def sharers(self, n: str, *, forward: bool) -> set[str]:
        """What follows from anything leading to ``n`` (``forward``), or leads to
        anything following from it: one search per node (or cycle), kept."""
        k = (forward, self._key(n))
        if k not in self._sharers:
            self._sharers[k] = _reach(self.causal, self.ancestors(n) if forward else self.descendants(n), forward=forward)
        return self._sharers[k]

    def families_near(self, target: str) -> tuple[set[str], set[str]]:
        """The causal families of ``target`` and of everything leading to it, in one
        go (what follows from any of them, and what leads to any of that), and
        their body area: once per node, or per cycle (``target`` with what leads
        to it is its whole cycle's ancestors then)."""
        k = self._key(target)
        if k not in self._families:
            families = _reach(self.causal, _reach(self.causal, {target} | self.ancestors(target), forward=True), forward=False)
            self._families[k] = (families, self.area_of(families))
        return self._families[k]

    def wholes(self, region: str) -> set[str]:
        """``region`` and every whole it is part of (``part_of``, transitively)."""
        if region not in self._up:
            self._up[region] = {region} | nx.descendants(self.parts, region)
        return self._up[region]

    def parts_of(self, region: str) -> set[str]:
        """``region`` and every part of it (``part_of``, transitively)."""
        if region not in self._down:
            self._down[region] = {region} | nx.ancestors(self.parts, region)
        return self._down[region]

    def area(self, n: str) -> frozenset[str]:
        """The body area of ``n``: the regions it sits in (itself, for a region),
        every whole they are part of, and every part of those wholes."""
        if n not in self._area:
            regions = [n] if self.G.nodes[n].get("type") == BODY_REGION else self.located.get(n, [])
            wholes = set().union(*(self.wholes(r) for r in regions))
            self._area[n] = frozenset(set().union(*(self.parts_of(w) for w in wholes)))
        return self._area[n]

    def nested(self, region: str) -> set[str]:
        """``region`` with its parts and the wholes it belongs to (not their other parts)."""
        return self.wholes(region) | self.parts_of(region)

    def touching(self, regions: Any) -> set[str]:
        """Every node whose body area shares a region with ``regions``: ``{n for n in G if area(n) & regions}``.

        Read from an index of the nodes by each region of their areas (built
        once), so that it costs the size of the answer, not of the graph.
        """
        if self._touching is None:
            index: dict[str, set[str]] = {}
            for n in self.G:
                for r in self.area(n):
                    index.setdefault(r, set()).add(n)
            self._touching = index
        index = self._touching
        return set().union(*(index[r] for r in regions if r in index))

    def area_of(self, nodes: Any) -> set[str]:
        out: set[str] = set()
        for n in nodes:
            out |= self.area(n)
        return out


def _reach(H: nx.DiGraph, starts: set[str], *, forward: bool) -> set[str]:
    """Everything reachable from any of ``starts`` (one search), ``starts`` included."""
    seen = set(starts)
    stack = list(starts)
    step = H.successors if forward else H.predecessors
    while stack:
        for m in step(stack.pop()):
            if m not in seen:
                seen.add(m)
                stack.append(m)
    return seen


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
    distractors = _pick_distractors(ctx, rng, nodes[i], sound_middle(ctx, nodes, i), _CLINICAL)
    edges = [edge_record(G, u, v, CAUSES) for u, v in zip(nodes, nodes[1:])]
    prompt = "Fill in the missing step of this chain, as the source tells it:\n  " + chain_text(G, nodes, hidden=i)
    return _assemble(G, rng, "middle", key, prompt, nodes[i], distractors, edges, chain=tuple(nodes), hidden=i)


def _remembered(find: Callable[..., set[str]]) -> Callable[..., set[str]]:
    """Keep what ``find(ctx, *args)`` found in ``ctx.sound``, keyed by its name and arguments.

    The safely wrong answers for a node are the same for every question about
    it, and every seeded set of a page's quiz asks again.
    """

    @functools.wraps(find)
    def remembered(ctx: _Context, *args: Any) -> set[str]:
        key = (find.__name__, *args)
        if key not in ctx.sound:
            ctx.sound[key] = find(ctx, *args)
        return ctx.sound[key]

    return remembered


def sound_middle(ctx: _Context, nodes: list[str] | tuple[str, ...], i: int) -> set[str]:
    """Clinical nodes that are safely wrong as the hidden step ``nodes[i]``: safely
    not leading to the step after (by the ``leads-to`` rules), not following from
    the step before, not in the hidden step's causal family, and in a body area
    apart from the step before and the hidden one."""
    before, hidden, after = nodes[i - 1], nodes[i], nodes[i + 1]
    near = ctx.area(before) | ctx.area(hidden)
    too_close = ctx.descendants(before) | ctx.family(hidden) | set(nodes)
    return _not_leading_to(ctx, after, _CLINICAL) - too_close - ctx.touching(near)


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
    distractors = _pick_distractors(ctx, rng, cause, sound_leads_to(ctx, target), (CONDITION, MECHANISM))
    nodes = nx.shortest_path(ctx.causal, cause, target)
    edges = [edge_record(G, u, v, CAUSES) for u, v in zip(nodes, nodes[1:])]
    prompt = f"According to the source, which of these can lead to {label(G, target)}?"
    return _assemble(G, rng, "leads-to", key, prompt, cause, distractors, edges)


def sound_leads_to(ctx: _Context, target: str) -> set[str]:
    """Conditions and mechanisms that are safely wrong answers to "which can lead to ``target``"."""
    return _not_leading_to(ctx, target, (CONDITION, MECHANISM))


@_remembered
def _not_leading_to(ctx: _Context, target: str, types: tuple[str, ...]) -> set[str]:
    """Nodes of ``types`` that safely do not lead to ``target`` (the ``leads-to`` rules).

    Each rule is one or two searches over the whole graph, not one per
    candidate, so that large graphs stay fast.
    """
    H = ctx.causal
    family = ctx.family(target)
    # The causal families of the target and of everything leading to it, in
    # one go: what follows from any of them, and what leads to any of that.
    families, near = ctx.families_near(target)
    here = ctx.area(target)
    felt_here = ctx.touching(here)
    leads_there = _reach(H, felt_here, forward=False)  # leads to (or is) something felt where the target is
    comes_from = {m for n in felt_here for m in H.successors(n)}  # comes straight from such a thing
    treated = set().union(*(ctx.acts_on[t] for t in ctx.treaters.get(target, ())))
    treated_near = _reach(H, treated, forward=True) | _reach(H, treated, forward=False)
    too_close = family | leads_there | comes_from | treated_near
    return ctx.typed(*types) - too_close - ctx.touching(near)


def _where_subjects(ctx: _Context) -> list[str]:
    return _sorted(ctx.located)


def _where_candidates(ctx: _Context, node: str) -> list[tuple[str, Any]]:
    from .quiz_kinds import shares_word

    out = []
    for v in _sorted(set(ctx.located[node])):
        if shares_word(ctx.G, node, v):
            continue  # "Plantar fasciitis" sits in the "Plantar fascia": the label gives it away
        key = f"where:{node}/{v}"
        out.append((key, lambda rng, key=key, u=node, v=v: _where(ctx, rng, key, u, v)))
    return out


def _where(ctx: _Context, rng: random.Random, key: str, node: str, region: str) -> Question | None:
    G = ctx.G
    distractors = _pick_distractors(ctx, rng, region, sound_where(ctx, node), (BODY_REGION,))
    prompt = f"According to the source, where in the body {agree('does', label(G, node))} {label(G, node)} sit?"
    return _assemble(G, rng, "where", key, prompt, region, distractors, [edge_record(G, node, region, LOCATED_IN)])


@_remembered
def sound_where(ctx: _Context, node: str) -> set[str]:
    """Body regions that are safely wrong answers to "where does ``node`` sit"."""
    close = {node} | ctx.neighbours(node)
    for effect in ctx.causal.successors(node):
        close |= set(ctx.causal.predecessors(effect))  # other direct causes of the same thing
    near = ctx.area_of(close)
    # A condition that leads to the same effects, however far, is what a
    # learner mixes this one up with: where it sits (with its parts and
    # wholes) could pass for where ``node`` sits.
    nested: set[str] = set()
    for other in ctx.sharers(node, forward=False):
        if ctx.G.nodes[other].get("type") == CONDITION:
            for r in ctx.located.get(other, ()):
                nested |= ctx.nested(r)
    from .quiz_kinds import shares_word

    return {r for r in ctx.typed(BODY_REGION) - ctx.touching(near) - nested if not shares_word(ctx.G, node, r)}


def _treatment_subjects(ctx: _Context) -> list[str]:
    return _sorted(ctx.treaters)


def _treatment_candidates(ctx: _Context, node: str) -> list[tuple[str, Any]]:
    from .quiz_kinds import against_candidates

    G = ctx.G
    out = against_candidates(ctx, node)
    for u in _sorted(ctx.treaters[node]):
        for rel in (TREATS, PREVENTS):
            if G.has_edge(u, node, rel):
                key = f"treatment:{u}/{rel}/{node}"
                out.append((key, lambda rng, key=key, u=u, v=node, rel=rel: _treatment(ctx, rng, key, u, v, rel)))
    return out


def _treatment(ctx: _Context, rng: random.Random, key: str, treatment: str, node: str, rel: str) -> Question | None:
    G = ctx.G
    distractors = _pick_distractors(ctx, rng, treatment, sound_treatment(ctx, node), (TREATMENT,))
    prompt = f"According to the source, which of these {RELATION_VERB[rel]} {label(G, node)}?"
    return _assemble(G, rng, "treatment", key, prompt, treatment, distractors, [edge_record(G, treatment, node, rel)])


@_remembered
def sound_treatment(ctx: _Context, node: str) -> set[str]:
    """Treatments that are safely wrong answers to "which treatment acts on ``node``"."""
    family = ctx.family(node)
    near = ctx.area_of(family)
    # A treatment is too close when anything it acts on is in the family or
    # shares a body area with it: the treaters of those nodes.
    acted_on_near = (family | ctx.touching(near)) & ctx.treaters.keys()
    return ctx.typed(TREATMENT) - set().union(*(ctx.treaters[v] for v in acted_on_near))


def _new_kinds() -> dict[str, tuple[Any, Any]]:
    from . import quiz_kinds as k

    return {
        "root": (k.root_subjects, k.root_candidates),
        "sign": (k.sign_subjects, k.sign_candidates),
        "evidence": (k.evidence_subjects, k.evidence_candidates),
        "red-flag": (k.red_flag_subjects, k.red_flag_candidates),
    }


#: kind -> (subjects, candidates of one subject)
_KIND_SOURCES = {
    "middle": (_middle_subjects, _middle_candidates),
    "leads-to": (_leads_to_subjects, _leads_to_candidates),
    "where": (_where_subjects, _where_candidates),
    "treatment": (_treatment_subjects, _treatment_candidates),
    **_new_kinds(),
}


def quiz_context(G: Any) -> Any:
    """What :func:`generate` works out about ``G``, to share between quizzes of it."""
    return _Context(G)


def question_rng(seed: int, key: str) -> random.Random:
    """The random source for one question: depends only on the seed and the key."""
    return random.Random(f"{seed}:{key}")


def all_questions(G: Any, *, seed: int = 0, kinds: tuple[str, ...] | list[str] | None = None, per_kind: int | None = None) -> list[Question]:
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
    G: Any,
    *,
    count: int = 10,
    seed: int = 0,
    kinds: tuple[str, ...] | list[str] | None = None,
    context: Any = None,
) -> list[Question]:
    """A quiz of up to ``count`` questions, kinds taken in turn.

    Parameters
    ----------
    G : networkx graph
    count : int
        Questions wanted; fewer come back when the graph has fewer sound
        ones (:func:`shortfall` words that for a person). No question is
        about the same thing (``topic``) as an earlier one of its kind: it
        would give its answer away.
    seed : int
        The same seed on the same graph gives the same quiz.
    kinds : sequence of str, optional
        Kinds to ask (keys of :data:`KINDS`); default all.
    context : optional
        What :func:`quiz_context` made of ``G``, shared by several quizzes of
        one graph (the page's seeded sets): what they all work out is worked
        out once. The questions are the same with it or without.

    Raises
    ------
    NoQuestions
        The graph supports no question of the requested kinds.
    ValueError
        An unknown kind.

    Examples
    --------
    Two causal chains far apart in the graph, so the wrong choices are plainly wrong:

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, t in [("glare", "condition"), ("squinting", "mechanism"), ("headache", "symptom"), ("stubbed-toe", "condition"),
    ...              ("hobbling", "mechanism"), ("sore-foot", "symptom"), ("bruised-toe", "symptom")]:
    ...     G.add_node(n, label=n.replace("-", " ").capitalize(), type=t)
    >>> for u, v in [("glare", "squinting"), ("squinting", "headache"), ("stubbed-toe", "hobbling"), ("hobbling", "sore-foot"), ("stubbed-toe", "bruised-toe")]:
    ...     _ = G.add_edge(u, v, key="causes", relation="causes")
    >>> q = generate(G, count=1, seed=1, kinds=["middle"])[0]
    >>> print(q.prompt)
    Fill in the missing step of this chain, as the source tells it:
      Stubbed toe → ? → Sore foot
    >>> q.answer_id, sorted(q.choices)
    ('hobbling', ['glare', 'headache', 'hobbling', 'squinting'])
    """
    kinds = list(kinds or KINDS)
    unknown = [k for k in kinds if k not in KINDS]
    if unknown:
        raise ValueError(f"unknown question kind(s): {', '.join(unknown)}")
    rng = random.Random(seed)
    ctx = _Context(G) if context is None else context
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
    # What each kind has asked about: a question about the same thing again
    # would give its answer away, so it is skipped.
    asked: set[tuple[str, str]] = set()
    facts: set[str] = set()  # and no two questions test the same fact, whatever their kind

    def next_question(kind: str) -> Question | None:
        queue = queues[kind]
        while queue:
            subject = queue.popleft()
            if (kind, subject) not in pending:
                if (kind, subject) not in ctx.candidates:
                    ctx.candidates[kind, subject] = _KIND_SOURCES[kind][1](ctx, subject)
                cands = list(ctx.candidates[kind, subject])
                rng.shuffle(cands)
                pending[kind, subject] = cands
            cands = pending[kind, subject]
            while cands:
                key, build = cands.pop()
                q: Question | None = build(question_rng(seed, key))
                if q is None or (kind, q.topic) in asked or (q.fact and q.fact in facts):
                    continue
                if cands:
                    queue.append(subject)
                return q
        return None

    quiz: list[Question] = []
    while len(quiz) < count:
        got = 0
        for kind in order:
            if len(quiz) >= count:
                break
            q = next_question(kind)
            if q is not None:
                quiz.append(q)
                asked.add((kind, q.topic))
                if q.fact:
                    facts.add(q.fact)
                got += 1
        if not got:
            break
    if not quiz:
        raise NoQuestions(f"this graph supports no {' or '.join(kinds)} question: every candidate wrong choice sits too close to the question (the same body area or causal family) to be safely wrong")
    return quiz


def shortfall(got: int, count: int, kinds: tuple[str, ...] | list[str] | None = None) -> str | None:
    """What to tell a person who asked for ``count`` questions and got ``got``; None when all came.

    >>> print(shortfall(3, 10, ["treatment"]))
    Only 3 treatment questions can be asked on this graph (10 asked for): each needs safely wrong choices and a subject of its own.
    >>> shortfall(10, 10) is None
    True
    """
    if got >= count:
        return None
    what = " or ".join(kinds) + " " if kinds else ""
    return f"Only {got} {what}question{'s' if got != 1 else ''} can be asked on this graph ({count} asked for): each needs safely wrong choices and a subject of its own."


def is_correct(G: Any, question: Question, choice: str) -> bool:
    """Whether ``choice`` answers ``question`` according to the graph.

    Independent of how the question was built, so tests can check that the
    answer is right and that every distractor is wrong.
    """
    from .quiz_kinds import is_correct as new_kind_correct

    decided = new_kind_correct(G, question, choice)
    if decided is not None:
        return decided
    ctx = _Context(G)
    if question.kind == "middle":
        i = question.hidden_at
        before, after = question.chain[i - 1], question.chain[i + 1]
        return choice in ctx.descendants(before) and after in ctx.descendants(choice)
    if question.kind == "leads-to":
        target = question.edges[-1]["target"]
        return choice in ctx.ancestors(target)
    if question.kind == "where":
        node = question.edges[0]["source"]
        regions = set(regions_of(G, node))
        wholes = set().union(*(nx.descendants(ctx.parts, r) for r in regions)) if regions else set()
        return choice in regions or choice in wholes
    if question.kind == "treatment":
        node = question.edges[0]["target"]
        acts_on = {node} | ctx.ancestors(node)
        return any(r in (TREATS, PREVENTS) and v in acts_on for _, v, r in G.out_edges(choice, keys=True))
    raise ValueError(question.kind)
