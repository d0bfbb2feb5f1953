"""The command line's questions as library calls: names resolved, bounds kept,
and, when an answer is empty, why, in words a person can act on.

Each function takes the graph first and returns plain data (a small record);
laying it out as text or JSON is :mod:`graph.report`'s job. ``unfiltered``,
where a function takes it, is the graph before ``--min-evidence`` kept only
the links research rates at least ``min_evidence``: it says what the filter
left out.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", label="A", type="condition")
>>> G.add_node("b", label="B", type="symptom")
>>> G.add_edge("a", "b", key="causes", relation="causes", note="", section=[])
'causes'
>>> answer = path_answer(G, "A", "b", max_hops=3, limit=1, via=None, avoid=(), relations=("causes",))
>>> [p["nodes"] for p in answer.paths], answer.more
([['a', 'b']], False)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .errors import FootbackError, NoPath


@dataclass
class PathAnswer:
    """Paths between two resolved nodes, or, when there are none, why."""

    source: str
    target: str
    via: str | None
    paths: list[dict[str, Any]]
    #: More paths exist than ``limit`` (one more was asked for to tell).
    more: bool
    #: Why there is no path: the exit-1 message, and (``want_why``) its JSON form.
    message: str = ""
    why: dict[str, Any] | None = None


def min_evidence_hint(min_evidence: str | None) -> str:
    """Why a filtered answer may be empty: the filter, said plainly.

    >>> min_evidence_hint("supported")[:44]
    " with every link at least 'supported' (--min"
    """
    if min_evidence is None:
        return ""
    return f" with every link at least {min_evidence!r} (--min-evidence); the link the source draws rests on weaker evidence or none"


def weaker_paths(unfiltered: Any, s: str, t: str, relations: Iterable[str], via: str | None, avoid: list[str], max_hops: int) -> str:
    """With --min-evidence: what the unfiltered graph holds between the two, and how sure its best path is."""
    from .model.evidence import rank, weakest
    from .questions.query import paths

    try:
        found = paths(unfiltered, s, t, relations=relations, max_hops=max_hops, limit=20, via=via, avoid=avoid)
    except NoPath:
        return " (nor is there a path at any level of evidence within the bounds)"
    best = min((weakest(p["edges"]) for p in found), key=rank)
    n = len(found)
    return f" (without the filter there {'is 1 path' if n == 1 else f'are {n} paths' if n < 20 else 'are 20 or more paths'}; the best rests on a link rated {best or 'without evidence'})"


def path_answer(
    G: Any,
    source: str,
    target: str,
    *,
    max_hops: int,
    limit: int,
    via: str | None,
    avoid: Iterable[str],
    relations: tuple[str, ...],
    explain: bool = False,
    want_why: bool = False,
    min_evidence: str | None = None,
    unfiltered: Any = None,
) -> PathAnswer:
    """At most ``limit`` paths from ``source`` to ``target`` (names as people type them).

    One more path than ``limit`` is asked for, to tell whether there are
    more. With ``explain``, each path carries its story
    (:func:`graph.questions.explain.explain`). With no path, the answer says why:
    ``message`` always, ``why`` (its JSON form) when ``want_why``.

    Raises
    ------
    NameNotFound, AmbiguousName
        A name the graph does not hold, or holds more than once.
    """
    from .language.names import name_index, resolve
    from .questions.query import PathList

    avoid = tuple(avoid)
    # Exact ids need no index; building one costs seconds on a million-edge graph.
    named = [source, target, *([via] if via else []), *avoid]
    index = name_index(G) if any(n not in G for n in named) else {}
    s, t = resolve(G, source, index), resolve(G, target, index)
    v = resolve(G, via, index) if via else None
    if v in (s, t):
        v = None  # every path passes through its own ends
    a = [resolve(G, n, index) for n in avoid]
    find: Callable[..., Any]
    if explain:
        from .questions.explain import explain as find
    else:
        from .questions.query import paths as find
    try:
        found = find(G, s, t, relations=relations, max_hops=max_hops, limit=limit + 1, via=v, avoid=a)
    except NoPath as err:
        from .questions.whynot import no_path_message, why_no_path

        command = "explain" if explain else "paths"
        answer = PathAnswer(s, t, v, [], False)
        if min_evidence is not None:  # the filter, not the source, left nothing: say so
            weaker = weaker_paths(unfiltered if unfiltered is not None else G, s, t, relations, v, a, max_hops)
            answer.message = str(err) + min_evidence_hint(min_evidence) + weaker
            if want_why:
                answer.why = {"reason": "min_evidence", "text": (min_evidence_hint(min_evidence) + weaker).strip(), "reaches": [], "reached_from": []}
        else:
            head = str(err) if "joins tried" in str(err) else None
            answer.message = no_path_message(G, s, t, relations=relations, max_hops=max_hops, via=v, avoid=a, command=command, head=head)
            if want_why:
                answer.why = why_no_path(G, s, t, relations=relations, max_hops=max_hops, via=v, avoid=a, command=command)
        return answer
    shown = PathList(found[:limit])
    shown.truncated = found.truncated  # the search ran out of work: more may exist
    return PathAnswer(s, t, v, shown, len(found) > limit)


def no_such_links(G: Any, relations: Iterable[str]) -> str:
    """When ``G`` holds none of ``relations``: which relations it holds (else "")."""
    from .questions.query import graph_relations

    relations = tuple(relations)
    held = list(graph_relations(G))
    if not held or any(r in held for r in relations):
        return ""
    shown = ", ".join(held[:5]) + (", ..." if len(held) > 5 else "")
    return f" (this graph has no {', '.join(relations)} links; its relations: {shown}; choose with --relation)"


@dataclass
class ReachAnswer:
    """What leads to a node (``upstream``) or what it leads to, nearest first."""

    node: str
    upstream: bool
    #: ``(node, steps away)``, nearest first.
    found: list[tuple[str, int]]
    #: How sure the best chain between the node and each answer is (only when the graph rates its links).
    levels: dict[str, str] = field(default_factory=dict)
    #: Why nothing was found (the exit-1 message).
    message: str = ""


def reach(G: Any, node: str, *, depth: int | None, relations: tuple[str, ...], upstream: bool, min_evidence: str | None = None) -> ReachAnswer:
    """Everything upstream (or downstream) of ``node`` with its distance, and when there is nothing, why."""
    from .model import CAUSES
    from .language.names import resolve
    from .questions.query import among, chain_levels, downstream, has_evidence, upstream as up
    from .teaching.wording import named

    n = resolve(G, node)
    found = (up if upstream else downstream)(G, n, depth=depth, relations=relations)
    # How sure the best chain between NODE and each answer is (as strong as its weakest link),
    # read off the answer's own nodes only: a graph of millions of links is not walked again.
    reached = among(G, [n, *(m for m, _ in found)]) if found else None
    levels = chain_levels(reached, [n], relations, reverse=upstream) if reached is not None and has_evidence(reached) else {}
    answer = ReachAnswer(n, upstream, list(found), levels)
    if not found:
        from .questions.whynot import region_hint

        within = f" within {depth} step" + ("" if depth == 1 else "s") if depth else ""
        if tuple(relations) == (CAUSES,):
            empty = (f"nothing in the graph leads to {named(G, n)}" if upstream else f"{named(G, n)} leads to nothing in the graph") + within
        else:
            along = f" along {', '.join(relations)} links"
            empty = (f"nothing in the graph reaches {named(G, n)}" if upstream else f"{named(G, n)} reaches nothing in the graph") + along + within
        empty += no_such_links(G, relations) or (region_hint(G, n, "causes" if upstream else "effects") if tuple(relations) == (CAUSES,) else "")
        answer.message = empty + min_evidence_hint(min_evidence)
    return answer


def treatments_of(G: Any, node: str, *, min_evidence: str | None = None) -> tuple[str, list[dict[str, Any]], str]:
    """``(node id, treatments, why none)``: :func:`graph.questions.query.treatments` of a name as typed."""
    from .language.names import resolve
    from .questions.query import treatments
    from .teaching.wording import named

    n = resolve(G, node)
    found = treatments(G, n)
    why = "" if found else f"the graph names no treatment for {named(G, n)} or anything linked to it by causes" + min_evidence_hint(min_evidence)
    return n, found, why


def show(G: Any, node: str, *, unfiltered: Any = None) -> dict[str, Any]:
    """:func:`graph.questions.describe.describe` of a name as typed; with ``unfiltered``,
    how many of its links the filter hid (``hidden_by_min_evidence``)."""
    from .questions.describe import describe
    from .language.names import resolve

    d = describe(G, resolve(G, node))
    if unfiltered is not None:  # say what the filter left out, never an unexplained "none"
        i = d["id"]
        d["hidden_by_min_evidence"] = unfiltered.in_degree(i) + unfiltered.out_degree(i) - (G.in_degree(i) + G.out_degree(i))
    return d


class NothingToSearch(FootbackError):
    """``search`` was given no word or name (only spaces or punctuation)."""


@dataclass
class SearchAnswer:
    """Nodes matching a text, best first, and when there are none, why."""

    text: str
    #: :func:`graph.questions.search.search` matches (none when ``absent``).
    found: list[dict[str, Any]]
    #: When the text names a thing the graph does not hold ("heel spur"): what it is, and the nearest the graph holds.
    absent: dict[str, Any] | None
    #: Why nothing matched (the exit-1 message).
    message: str = ""


def search(G: Any, text: str, *, limit: int) -> SearchAnswer:
    """:func:`graph.questions.search.search`, and when ``text`` names a thing
    the graph does not hold ("heel spur"), what it is and the nearest the
    graph holds (then no matches).

    Raises
    ------
    NothingToSearch
        ``text`` holds no word or name.
    """
    from .language.names import name_index, normalize
    from .questions.search import PHRASE_SCORE
    from .questions.search import search as find
    from .language.words import not_in_graph

    if not normalize(text):
        raise NothingToSearch("give a word or name to search for")
    found = find(G, text, limit=limit)
    absent = not_in_graph(G, text, name_index(G)) if not any(m["score"] >= PHRASE_SCORE for m in found) else None
    if absent:  # "heel spur": say so, and name the nearest thing the graph holds
        from .model.records import label
        from shlex import quote

        message = f"{absent['note']} Nearest in this graph, not the same thing: {label(G, absent['nearest'])} (footback show {quote(absent['nearest'])})"
        return SearchAnswer(text, [], absent, message)
    return SearchAnswer(text, found, None, "" if found else f"nothing matches {text!r}")


class UnknownNodeType(FootbackError):
    """A node type the graph does not hold (``list --type``)."""


@dataclass
class NodesAnswer:
    """Every node, or every node of one type, and when there are none, why."""

    #: The type asked for, as the graph spells it (None: every node).
    node_type: str | None
    nodes: list[str]
    #: Why there are none (the exit-1 message).
    message: str = ""


def nodes_of_type(G: Any, node_type: str | None) -> NodesAnswer:
    """Every node, or every node of ``node_type``, which may be any type the
    graph holds, typed loosely ("Symptoms").

    Raises
    ------
    UnknownNodeType
        The graph holds no node of that type, and footback's model has no such type.
    """
    from .questions.describe import list_nodes
    from .model import NODE_TYPES

    if node_type is not None and node_type not in NODE_TYPES:
        from .language.terms import canonical_term

        held = sorted({str(t) for _, t in G.nodes(data="type") if t is not None})
        node_type = canonical_term(node_type, held) or node_type
        if node_type not in held:
            raise UnknownNodeType(f"{node_type!r} is not a type of this graph (types: {', '.join(held) or 'none'})")
    found = list_nodes(G, node_type)
    return NodesAnswer(node_type, found, "" if found else f"no {node_type} nodes in this graph" if node_type else "this graph has no nodes")


def export_view(G: Any, fmt: str, *, path: tuple[str, str] | None, focus: str | None, radius: int, max_nodes: int | None) -> tuple[Any, dict[str, Any]]:
    """``(graph, options)`` for :func:`graph.exporters.export`: the neighbourhood
    of ``focus`` when given (cut as the page cuts it, for a format that caps
    itself), and the writer's options (``path`` resolved, ``max_nodes``)."""
    from .exporters import FORMATS
    from .language.names import resolve, resolve_all
    from .questions.query import neighbourhood

    options: dict[str, Any] = {}
    if path is not None:
        options["path"] = tuple(resolve_all(G, path))
    caps_itself = "max_nodes" in FORMATS[fmt].options  # e.g. html, with a note naming what it left out
    if focus is not None:
        cut = max_nodes
        if caps_itself:  # cut here as the page would (nearest, then most linked): no copy of the whole neighbourhood
            from .page.html import DEFAULT_MAX_NODES

            cut = None if path is not None else max_nodes or DEFAULT_MAX_NODES
        G, _ = neighbourhood(G, resolve(G, focus), radius=radius, max_nodes=cut, by_degree=caps_itself)
    if max_nodes is not None and caps_itself:
        options["max_nodes"] = max_nodes
    return G, options


def export(G: Any, fmt: str, out: Any, *, replace_symlink: bool = False, **options: Any) -> Any:
    """:func:`graph.exporters.export` of ``G`` to ``out``, returning the path
    written; ``out`` ``-`` returns the bytes instead (text formats only).

    Raises
    ------
    NoPath
        With ``path``: there is none, and the message says why.
    ExportError
        As :func:`graph.exporters.export`.
    """
    from .exporters import export as write, export_bytes

    try:
        if str(out) == "-":
            return export_bytes(G, fmt, **options)
        return write(G, fmt, out, replace_symlink=replace_symlink, **options)
    except NoPath:  # every format with --path: exit 1, saying why, nothing written
        from .questions.whynot import no_path_message

        raise NoPath(no_path_message(G, *options["path"])) from None


@dataclass
class QuizAnswer:
    """A quiz drawn from a graph: its seed, its questions, and what fell short."""

    seed: int
    requested: int
    #: :class:`graph.teaching.question.Question` records, in the order asked.
    questions: list[Any]
    #: Why fewer questions came than were asked for (None when all came).
    note: str | None
    disclaimer: str
    #: The graph holds too little to ask about: raised by the caller after any JSON.
    empty: Exception | None = None

    def to_dict(self, G: Any) -> dict[str, Any]:
        """The quiz's JSON form (``footback quiz --json``): seed, disclaimer, requested, note, questions."""
        return {"seed": self.seed, "disclaimer": self.disclaimer, "requested": self.requested, "note": self.note, "questions": [q.to_dict(G) for q in self.questions]}


def quiz(G: Any, *, count: int, seed: int | None = None, kinds: Iterable[str] = ()) -> QuizAnswer:
    """Draw ``count`` questions of ``kinds`` (all kinds when empty) with ``seed`` (a fresh one when None).

    When the graph holds too little to ask about, the answer has no questions,
    its ``note`` says why and ``empty`` holds the :class:`~graph.teaching.quiz.NoQuestions`
    error (exit code 1), so that ``--json`` still prints an answer before it.
    """
    import random

    from .teaching.quiz import NoQuestions, generate, shortfall
    from .teaching.wording import disclaimer

    kinds = tuple(kinds)
    if seed is None:
        seed = random.SystemRandom().randrange(10_000)
    try:
        questions = generate(G, count=count, seed=seed, kinds=kinds or None)
    except NoQuestions as err:
        return QuizAnswer(seed, count, [], str(err), disclaimer(G), empty=err)
    return QuizAnswer(seed, count, questions, shortfall(len(questions), count, kinds), disclaimer(G))


def common_causes(G: Any, symptoms: Iterable[str]) -> tuple[list[str], list[dict[str, Any]]]:
    """The symptoms as resolved ids (two names for one symptom count once) and the conditions ranked by how many of them they lead to.

    Raises :class:`~graph.errors.NameNotFound` or :class:`~graph.errors.AmbiguousName`
    for a name that names no node, or more than one.
    """
    from .language.names import resolve_all
    from .teaching.whatif import common_causes as rank

    wanted = list(dict.fromkeys(resolve_all(G, symptoms)))
    return wanted, rank(G, wanted)


@dataclass
class WhatIfAnswer:
    """:func:`graph.teaching.whatif.whatif`'s result, and whether anything lost a causal path."""

    #: What was taken out, and each symptom that loses causal paths (:func:`graph.teaching.whatif.whatif`).
    result: dict[str, Any]
    #: Some symptom loses a causal path from a condition (else the answer is empty: exit 1).
    losses: bool


def whatif(G: Any, removes: Iterable[str] = (), *, treat: str | None = None) -> WhatIfAnswer:
    """:func:`graph.teaching.whatif.whatif` with the names as typed: each of ``removes`` and
    ``treat`` (a treatment, whose targets are taken out) resolved first.

    Raises :class:`~graph.errors.NameNotFound` or :class:`~graph.errors.AmbiguousName`.
    """
    from .language.names import resolve, resolve_all
    from .teaching.whatif import has_losses, whatif as run

    result = run(G, resolve_all(G, removes), treat=resolve(G, treat) if treat else None)
    return WhatIfAnswer(result, has_losses(result))


@dataclass
class LessonAnswer:
    """The lessons (``index``, when no lesson was named), or one lesson."""

    #: One row per lesson (:func:`graph.teaching.lessons.lesson_index`), when no lesson was named.
    index: list[dict[str, Any]] | None = None
    #: The named lesson (:class:`graph.teaching.lessons.Lesson`), checked against the graph.
    lesson: Any = None

    def to_dict(self, G: Any) -> Any:
        """The JSON form (``footback lesson --json``): the index rows, or the lesson."""
        return self.index if self.index is not None else self.lesson.to_dict(G)

    def steps(self, G: Any) -> list[list[str]]:
        """The named lesson's steps, each as the lines it shows."""
        from .teaching.lessons import render

        return render(G, self.lesson)


def lesson(G: Any, name: str | None) -> LessonAnswer:
    """Every lesson with its title, steps and fit to ``G`` (``name`` None), or the lesson
    ``name`` (a shipped lesson's name or a .yaml path) checked against ``G``.

    Raises
    ------
    FootbackError
        No lesson has that name (exit 2).
    LessonError
        The lesson names nodes or edges the graph does not hold (exit 3, each problem located).
    """
    from .teaching.lessons import find_lesson, lesson_index, load_lesson

    if name is None:
        return LessonAnswer(index=lesson_index(G))
    return LessonAnswer(lesson=load_lesson(G, find_lesson(name)))


@dataclass
class EvidenceAnswer:
    """Links with their evidence, strongest first, and when there are none, why."""

    #: The node asked about (None: the whole graph).
    node: str | None
    #: The level asked for (None: every level).
    level: str | None
    #: Edge records (:func:`graph.questions.query.links`).
    links: list[dict[str, Any]]
    #: Why there are none (the exit-1 message).
    message: str = ""


def evidence(G: Any, node: str | None = None, *, level: str | None = None, min_evidence: str | None = None) -> EvidenceAnswer:
    """The links of ``node`` (a name as typed; None: the whole graph) with their evidence,
    strongest first, optionally only those rated ``level`` (:func:`graph.questions.query.links`);
    ``min_evidence`` is the filter ``G`` was cut with, named when nothing is left."""
    from .language.names import resolve
    from .questions.query import links
    from .teaching.wording import named

    n = resolve(G, node) if node else None
    found = links(G, n, level=level)
    if found:
        return EvidenceAnswer(n, level, found)
    what = f" of {named(G, n)}" if n is not None else ""
    rated = f" rated {level.lower()}" if level else ""
    return EvidenceAnswer(n, level, found, f"no causes, treats or prevents link{what}{rated}" + min_evidence_hint(min_evidence))
