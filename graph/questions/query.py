"""Queries on a footback graph: graph first, plain data back.

Path search is bounded on any graph, however dense or cyclic: it works on a
simple directed view of the chosen relations, first prunes to the nodes that
lie within ``max_hops`` of both ends (two breadth-first searches), then asks
networkx's ``shortest_simple_paths`` (Yen's algorithm, simple paths only,
shortest first) for at most ``limit`` paths. networkx's ``all_simple_paths``
is avoided on purpose: it has no reachability pruning (networkx #2975, #6757).

Bounds on length and count are not enough: on a graph of 98 layers of two
nodes, each linked to both of the next, 10,000 paths of 99 hops would take
hours. So the search is also bounded in work (:data:`PATH_WORK_BUDGET`):
when that is spent it stops and returns the paths found so far, marked
cut short (:attr:`PathList.truncated`).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

import networkx as nx

from ..language.grammar import count
from ..errors import FootbackError, NoPath, UnknownRelation
from ..model.evidence import CLAIM_RELATIONS, LEVELS, check_level, rank
from ..model import CAUSES, PREVENTS, RELATIONS, TREATS
from ..model.records import edge_record, label

DEFAULT_MAX_HOPS = 6
DEFAULT_LIMIT = 10
#: With ``via``, at most this many joins of two half-paths are tried per path wanted.
VIA_CANDIDATES_PER_PATH = 200
#: Most steps of work one path search may take: each neighbour a
#: shortest-path search looks at is a step, and each earlier path a new one
#: is compared with costs its length in steps. About a second; a
#: question on footback's own graph takes a few thousand.
PATH_WORK_BUDGET = 2_000_000


class PathList(list[dict[str, Any]]):
    """The paths a search found: a list, and whether the search was cut short.

    ``truncated`` is ``None`` when the search ran to its end (the list is
    every path within the bounds, up to ``limit``), else why it stopped.
    """

    truncated: str | None = None


class _BudgetSpent(Exception):
    pass


class _Meter:
    """Steps left of a search's work budget, shared by the graphs it searches."""

    def __init__(self, budget: int) -> None:
        self.left = budget

    def charge(self, steps: int) -> None:
        self.left -= steps
        if self.left < 0:
            raise _BudgetSpent

    def count(self, neighbours: Iterable[str]) -> Iterator[str]:
        for n in neighbours:
            self.left -= 1
            if self.left < 0:
                raise _BudgetSpent
            yield n


class _MeteredDiGraph(nx.DiGraph):  # type: ignore[misc]  # networkx ships no types
    """A DiGraph whose neighbour lookups (those networkx's path searches make) spend a :class:`_Meter`."""

    meter: _Meter

    def successors(self, n: Any) -> Iterator[Any]:
        return self.meter.count(super().successors(n))

    def predecessors(self, n: Any) -> Iterator[Any]:
        return self.meter.count(super().predecessors(n))


def _metered(P: nx.DiGraph, meter: _Meter, without: Iterable[str] = ()) -> _MeteredDiGraph:
    M = _MeteredDiGraph()
    M.meter = meter
    gone = set(without)
    M.add_nodes_from(n for n in P if n not in gone)
    M.add_edges_from((u, v, d) for u, v, d in P.edges(data=True) if u not in gone and v not in gone)
    return M


def _budget_note(budget: int) -> str:
    return f"the search stopped after {budget:,} steps of work (its budget, to stay quick); more paths may exist"


def relation_view(G: Any, relations: Iterable[str] = (CAUSES,)) -> nx.DiGraph:
    """A simple ``DiGraph`` holding only edges of the given relations.

    Where several kept relations join the same pair, the first (in
    ``relations`` order) wins.

    >>> G = nx.MultiDiGraph()
    >>> G.add_edge("a", "b", key="causes", relation="causes", note="n")
    'causes'
    >>> G.add_edge("b", "r", key="located_in", relation="located_in", note="m")
    'located_in'
    >>> sorted(relation_view(G).edges)
    [('a', 'b')]
    """
    rank = _rank(relations)
    H = nx.DiGraph()
    H.add_nodes_from(G.nodes)
    if G.is_directed():
        H.add_edges_from(_kept_edges(G, None, rank))
        return H
    for u, v, data in G.edges(data=True):  # each undirected edge once, as networkx lists it
        rel = data.get("relation")
        if rel in rank and (not H.has_edge(u, v) or rank[rel] < rank[H[u][v]["relation"]]):
            H.add_edge(u, v, **data)
    return H


def _rank(relations: Iterable[str]) -> dict[str, int]:
    rank: dict[str, int] = {}
    for i, r in enumerate(relations):
        rank.setdefault(r, i)
    return rank


def _edge_relations(G: Any) -> Iterator[Any]:
    """The ``relation`` of every edge, walking ``G``'s adjacency (no edge views)."""
    if not G.is_directed():  # its adjacency holds each edge twice
        yield from (rel for *_, rel in G.edges(data="relation"))
        return
    multi = G.is_multigraph()
    for _, nbrs in G.adjacency():  # each node's own neighbour dict: no view per pair
        for pair in nbrs.values():
            if multi:
                for d in pair.values():
                    yield d.get("relation")
            else:
                yield pair.get("relation")


def graph_relations(G: Any) -> dict[str, int]:
    """Each relation ``G``'s edges hold, with how many edges hold it; most used first, then by name.

    >>> G = nx.MultiDiGraph()
    >>> for u, v, rel in [("a", "b", "related_to"), ("b", "c", "related_to"), ("a", "c", "causes")]:
    ...     _ = G.add_edge(u, v, key=rel, relation=rel)
    >>> graph_relations(G)
    {'related_to': 2, 'causes': 1}
    """
    held = getattr(G, "relation_counts", None)  # a database graph knows them without a walk
    if held is not None:
        return dict(sorted(held.items(), key=lambda kv: (-kv[1], kv[0])))
    counts: dict[str, int] = {}
    for rel in _edge_relations(G):
        if isinstance(rel, str):
            counts[rel] = counts.get(rel, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def prefetch(G: Any, nodes: Iterable[Any], reverse: bool = False) -> None:
    """Let a graph held elsewhere (:class:`graph.store.database.DatabaseGraph`) fetch
    the links out of (``reverse``: into) ``nodes`` at once; a no-op in memory."""
    fetch = getattr(G, "prefetch", None)
    if fetch is not None:
        fetch(nodes, reverse)


def _in_order(G: Any, nodes: Any) -> list[Any]:
    """``nodes`` in ``G``'s node order, without walking ``G`` when it can say (a database graph)."""
    ordered = getattr(G, "ordered", None)
    if ordered is not None:
        found: list[Any] = ordered(nodes)
        return found
    return [n for n in G if n in nodes]


def _relation_key(name: str) -> str:
    return name.strip().lower().replace("-", "_").replace(" ", "_")


def _relation_suggestions(asked: str, candidates: Iterable[str]) -> list[str]:
    """Relations ``asked`` may have meant: the same but for case, ``-`` or a prefix (``biolink:``), else close spellings."""
    import difflib

    candidates = list(dict.fromkeys(candidates))
    key = _relation_key(asked)
    local = key.rpartition(":")[2]
    same = [c for c in candidates if _relation_key(c) in (key, local) or _relation_key(c).rpartition(":")[2] == local]
    if same:
        return same
    return difflib.get_close_matches(asked, candidates, n=3, cutoff=0.75)


def check_relations(G: Any, relations: Iterable[str]) -> tuple[str, ...]:
    """``relations`` as a tuple, once each is known: footback's own, or one ``G``'s edges hold.

    footback's relations are always valid questions (a graph without
    ``prevents`` links has no paths along them); any other must be held by
    some edge, so a typo is not taken for an empty answer. Only relations
    that are not footback's cost a look at the edges, which stops as soon
    as each has been seen.

    Raises
    ------
    UnknownRelation
        Naming the first relation ``G`` lacks, the graph's relations and
        what was perhaps meant.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="biolink:has_phenotype", relation="biolink:has_phenotype")
    >>> check_relations(G, ["biolink:has_phenotype", "causes"])
    ('biolink:has_phenotype', 'causes')
    >>> check_relations(G, ["has_phenotype"])
    Traceback (most recent call last):
    ...
    graph.errors.UnknownRelation: no relation 'has_phenotype' in this graph; did you mean: biolink:has_phenotype? (its relations: biolink:has_phenotype)
    """
    relations = tuple(relations)
    missing = {r for r in relations if r not in RELATIONS}
    if missing:
        held = getattr(G, "relation_counts", None)
        for rel in _edge_relations(G) if held is None else held:
            missing.discard(rel)
            if not missing:
                break
    if not missing:
        return relations
    known = list(graph_relations(G))
    from ..language.terms import canonical_term

    # "Related to" for related_to, as names forgive case, plurals and spaces
    relations = tuple(canonical_term(r, known) or r if r in missing else r for r in relations)
    missing = {r for r in relations if r not in RELATIONS and r not in known}
    if not missing:
        return relations
    asked = next(r for r in relations if r in missing)
    raise UnknownRelation(asked, known, _relation_suggestions(asked, [*known, *RELATIONS]))


def _kept_edges(G: Any, nodes: Iterable[Any] | None, rank: dict[str, int], keep: Any = None) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    """``(u, v, data)`` of the best kept edge of each pair, in ``G``'s edge order.

    Only pairs starting at ``nodes`` (in their order; ``None``: every node) and, if ``keep`` is
    given, ending in it. This is the order in which :func:`relation_view`
    meets the pairs, so graphs built from it iterate exactly like a view
    copied with :func:`induced`.
    """
    succ, pair_of = G.succ, G.get_edge_data  # see _bfs for why a pair is read this way
    multi = G.is_multigraph()
    for u in G if nodes is None else nodes:
        for v in succ[u]:
            if keep is not None and v not in keep:
                continue
            pair = pair_of(u, v)
            if multi:
                best, best_rank = None, len(rank)
                for data in pair.values():
                    r = rank.get(data.get("relation"), best_rank)
                    if r < best_rank:
                        best, best_rank = data, r
            else:
                best = pair if pair.get("relation") in rank else None
            if best is not None:
                yield u, v, best


def _bfs(
    G: Any,
    start: Any,
    rank: dict[str, int] | None,
    cutoff: int | None,
    *,
    reverse: bool = False,
    skip: Any = (),
    within: dict[Any, int] | None = None,
) -> dict[Any, int]:
    """Distances from ``start`` along kept edges (``rank``; ``None`` keeps all), at most ``cutoff``.

    Walks ``G``'s own adjacency (or its predecessors, with ``reverse``), so
    no filtered copy of a large graph is made. Nodes in ``skip`` are never
    entered. With ``within`` (distances from the other end of a path
    search), a node is entered only if ``depth + within[node] <= cutoff``.
    """
    if not G.is_directed():
        G = relation_view(G, rank) if rank is not None else G.to_directed()
    # Public views only, in the fastest form measured on a million edges
    # (bench/scale.py's graph). Forwards, a node's successors are the keys of
    # G.succ[u] (iterated, never indexed: indexing a multigraph's view makes
    # a view of each pair) and a pair is read through get_edge_data only for
    # a node not met yet. Backwards, get_edge_data would read each pair from
    # its far end, 3-5x slower than walking the predecessors' own dicts;
    # G.in_edges(frontier, data=True), one edge at a time, costs about that.
    multi = G.is_multigraph()
    dist = {start: 0}
    frontier = [start]
    depth = 0
    while frontier and (cutoff is None or depth < cutoff):
        depth += 1
        prefetch(G, frontier, reverse)
        found = []
        if reverse:
            for v, _, d in G.in_edges(frontier, data=True):  # an edge of a kept relation enters v
                if v in dist or v in skip:
                    continue
                if within is not None and within.get(v, cutoff) + depth > cutoff:  # type: ignore[operator]
                    continue
                if rank is not None and d.get("relation") not in rank:
                    continue
                dist[v] = depth
                found.append(v)
            frontier = found
            continue
        succ, pair_of = G.succ, G.get_edge_data
        for u in frontier:
            for v in succ[u]:
                if v in dist or v in skip:
                    continue
                if within is not None and within.get(v, cutoff) + depth > cutoff:  # type: ignore[operator]
                    continue
                if rank is not None:
                    pair = pair_of(u, v)
                    if multi:
                        for d in pair.values():
                            if d.get("relation") in rank:
                                break
                        else:
                            continue
                    elif pair.get("relation") not in rank:
                        continue
                dist[v] = depth
                found.append(v)
        frontier = found
    return dist


def induced(G: Any, nodes: Iterable[str]) -> Any:
    """A copy of the subgraph on ``nodes``, in ``G``'s own node and edge order.

    ``G.subgraph`` views iterate a set when few nodes are kept, which makes
    order (and so tie-breaking between equal paths) depend on the hash seed;
    this copy keeps every output deterministic.
    """
    keep = set(nodes)
    H = (nx.MultiDiGraph if hasattr(G, "prefetch") else G.__class__)()
    H.graph.update(G.graph)
    H.add_nodes_from((n, G.nodes[n]) for n in _in_order(G, keep))
    if not G.is_directed():
        edges = G.edges(keys=True, data=True) if G.is_multigraph() else G.edges(data=True)
        H.add_edges_from(e for e in edges if e[0] in keep and e[1] in keep)
        return H
    # The kept nodes' own adjacency, in G's order: the same edges, in the same
    # order, as filtering G.edges(), without walking a million edges.
    order = list(H)
    prefetch(G, order)
    succ, pair_of = G.succ, G.get_edge_data
    if G.is_multigraph():
        H.add_edges_from((u, v, k, d) for u in order for v in succ[u] if v in keep for k, d in pair_of(u, v).items())
    else:
        H.add_edges_from((u, v, pair_of(u, v)) for u in order for v in succ[u] if v in keep)
    return H


def _check_nodes(G: Any, *nodes: str | None) -> None:
    for n in nodes:
        if n is not None and n not in G:
            raise nx.NodeNotFound(f"node {n!r} is not in the graph")


def _edge_record(H: nx.DiGraph, u: str, v: str) -> dict[str, Any]:
    return edge_record(u, v, H[u][v])


def paths(
    G: Any,
    source: str,
    target: str,
    *,
    relations: Iterable[str] = (CAUSES,),
    max_hops: int = DEFAULT_MAX_HOPS,
    limit: int = DEFAULT_LIMIT,
    via: str | None = None,
    avoid: Iterable[str] = (),
    budget: int | None = None,
) -> PathList:
    """Simple paths from ``source`` to ``target``, shortest first, bounded.

    Parameters
    ----------
    G : networkx graph
    source, target : str
        Node ids.
    relations : iterable of str
        Relations a path may follow (default: ``causes``): footback's own,
        or any that ``G``'s edges hold (see :func:`check_relations`).
    max_hops : int
        Longest path, in edges.
    limit : int
        Most paths returned.
    via : str, optional
        A node every path must pass through.
    avoid : iterable of str
        Nodes no path may touch.
    budget : int, optional
        Most steps of work (default :data:`PATH_WORK_BUDGET`).

    Returns
    -------
    PathList
        Each ``{"hops": int, "nodes": [id, ...], "edges": [edge, ...]}``,
        where an edge is ``{"source", "target", "relation", "note",
        "section", "cites"}``. Its ``truncated`` says why the search
        stopped early (its work budget spent), or is ``None``.

    Raises
    ------
    networkx.NodeNotFound
        If an endpoint, ``via`` or an ``avoid`` node is not in ``G``.
    UnknownRelation
        If a relation is neither footback's nor held by any edge of ``G``.
    NoPath
        If no path exists within the bounds.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for u, v in [("pf", "heel"), ("heel", "posture"), ("posture", "lbp"), ("pf", "lbp")]:
    ...     _ = G.add_edge(u, v, key="causes", relation="causes", note="", section="")
    >>> [p["nodes"] for p in paths(G, "pf", "lbp")]
    [['pf', 'lbp'], ['pf', 'heel', 'posture', 'lbp']]
    >>> [p["nodes"] for p in paths(G, "pf", "lbp", via="posture")]
    [['pf', 'heel', 'posture', 'lbp']]
    >>> found = paths(G, "pf", "lbp", budget=5)
    >>> [p["nodes"] for p in found], found.truncated is not None
    ([['pf', 'lbp']], True)
    """
    avoid = set(avoid)
    _check_nodes(G, source, target, via, *avoid)
    if via in (source, target):
        via = None  # every path passes through its own ends
    relations = check_relations(G, relations)
    if max_hops < 1 or limit < 1:
        raise FootbackError("max_hops and limit must be at least 1")
    for n in (source, target, via):
        if n is not None and n in avoid:
            raise FootbackError(f"{n!r} cannot be both required and avoided")
    if source == target:
        raise FootbackError("source and target are the same node")

    # Prune: keep only nodes on some walk of at most max_hops edges. The two
    # searches walk G itself, filtered by relation, and only the pruned
    # DiGraph is built, so a million-edge graph is never copied.
    rank = _rank(relations)
    if not G.is_directed():
        G = relation_view(G, rank)
    # One search runs in full from the end with fewer edges; the other
    # enters only nodes that search proved can still reach the far end in
    # time. Every node of a short enough walk passes that test at its true
    # distance, so the kept nodes (and their distances) are exactly those of
    # two full searches, at a fraction of the cost on a large graph.
    region = getattr(G, "path_region", None)  # a database graph fetches less its own way
    if region is not None:
        fwd, back = region(source, target, rank, max_hops, avoid)
    elif len(G.pred[target]) <= len(G.succ[source]):
        back = _bfs(G, target, rank, max_hops, reverse=True, skip=avoid)
        fwd = _bfs(G, source, rank, max_hops, skip=avoid, within=back) if source in back else {}
    else:
        fwd = _bfs(G, source, rank, max_hops, skip=avoid)
        back = _bfs(G, target, rank, max_hops, reverse=True, skip=avoid, within=fwd) if target in fwd else {}
    if target not in fwd:
        raise NoPath(_no_path_message(G, source, target, max_hops, via))
    keep = {n for n in fwd if n in back and fwd[n] + back[n] <= max_hops}
    if target not in keep or (via is not None and via not in keep):
        raise NoPath(_no_path_message(G, source, target, max_hops, via))
    if via is not None and fwd[via] + back[via] > max_hops:
        raise NoPath(_no_path_message(G, source, target, max_hops, via))
    # The same graph as induced(relation_view(G, relations), keep): nodes and
    # edges in G's order, so ties between equal paths break the same way.
    P = nx.DiGraph()
    order = _in_order(G, keep)
    prefetch(G, order)
    P.add_nodes_from(order)
    P.add_edges_from(_kept_edges(G, order, rank, keep))

    if budget is None:
        budget = PATH_WORK_BUDGET
    meter = _Meter(budget)
    found: list[list[str]] = []
    truncated = None
    try:
        if via is None:
            for nodes in nx.shortest_simple_paths(_metered(P, meter), source, target):
                if len(nodes) - 1 > max_hops:
                    break
                found.append(nodes)
                if len(found) >= limit:
                    break
                # Yen's algorithm compares each new path's prefixes with every path found.
                meter.charge(len(found) * (len(nodes) - 1))
        else:
            _paths_via(P, source, target, via, max_hops, limit, meter, found, named=lambda n: _named(G, n))
    except _BudgetSpent:
        truncated = _budget_note(budget)
    if not found:
        if truncated:
            raise NoPath(_no_path_message(G, source, target, max_hops, via) + f" found before {truncated}")
        raise NoPath(_no_path_message(G, source, target, max_hops, via))
    out = PathList(
        {
            "hops": len(nodes) - 1,
            "nodes": list(nodes),
            "edges": [_edge_record(P, u, v) for u, v in zip(nodes, nodes[1:])],
        }
        for nodes in found
    )
    out.truncated = truncated
    return out


def _paths_via(P: nx.DiGraph, source: str, target: str, via: str, max_hops: int, limit: int, meter: _Meter, found: list[list[str]], named: Any = str) -> None:
    """Simple paths source -> via -> target, shortest first, within ``max_hops``.

    Joins the shortest paths of the two halves (source to via without
    target, via to target without source) in order of total length, keeping
    joins whose halves share only ``via``. Filtering the shortest paths
    source -> target instead can run through thousands of paths that miss
    ``via`` on a dense graph before meeting one that passes it. At most
    ``limit * VIA_CANDIDATES_PER_PATH`` joins are tried; when every one of
    them crosses itself the search stops and says so. Paths are appended to
    ``found`` as they are made, so they are kept when ``meter`` runs out.
    """
    halves: list[tuple[Iterator[list[str]], list[list[str]]]] = []
    for G, a, b in ((_metered(P, meter, [target]), source, via), (_metered(P, meter, [source]), via, target)):
        if not nx.has_path(G, a, b):
            return
        halves.append((nx.shortest_simple_paths(G, a, b), []))

    def half(k: int, i: int) -> list[str] | None:
        gen, seen = halves[k]
        while len(seen) <= i:
            nxt = next(gen, None)
            if nxt is None:
                return None
            seen.append(nxt)
            meter.charge(len(seen) * (len(nxt) - 1))
        return seen[i]

    def hops(i: int, j: int) -> int | None:
        a, b = half(0, i), half(1, j)
        return None if a is None or b is None else len(a) + len(b) - 2

    heap = [(hops(0, 0), 0, 0)]
    queued = {(0, 0)}
    budget = limit * VIA_CANDIDATES_PER_PATH
    while heap and len(found) < limit:
        total, i, j = heapq.heappop(heap)
        if total is None or total > max_hops:  # None: never queued (a half that does not exist)
            break
        budget -= 1
        if budget < 0:
            if not found:
                raise NoPath(
                    f"no simple path from {named(source)} to {named(target)} through {named(via)} among the "
                    f"{limit * VIA_CANDIDATES_PER_PATH} shortest joins tried (the search stops there "
                    "to stay bounded; longer paths may exist)"
                )
            break
        first, second = half(0, i), half(1, j)
        assert first is not None and second is not None  # queued only when both halves exist
        meter.charge(len(first) + len(second))
        if set(first).isdisjoint(second[1:]):
            found.append(first + second[1:])
        for nxt in ((i + 1, j), (i, j + 1)):
            if nxt not in queued:
                n = hops(*nxt)
                if n is not None:
                    queued.add(nxt)
                    heapq.heappush(heap, (n, *nxt))


def _named(G: Any, node: str) -> str:
    """A node as people know it: its label (an imported graph's ids are often n0, n1...)."""
    label = G.nodes[node].get("label") if node in G else None
    return label if isinstance(label, str) and label.strip() else str(node)


def _no_path_message(G: Any, source: str, target: str, max_hops: int, via: str | None) -> str:
    through = f" through {_named(G, via)}" if via else ""
    return f"no path from {_named(G, source)} to {_named(G, target)}{through} within {count(max_hops, 'hop')}"


def _by_label(G: Any, node: str) -> str:
    """Sort key: the label people read (see graph.questions.describe.by_label)."""
    return label(G, node).casefold()


def shortest_hops(G: Any, source: str, target: str, *, relations: Iterable[str] = (CAUSES,), avoid: Iterable[str] = ()) -> int | None:
    """Steps of the shortest path from ``source`` to ``target`` along ``relations``
    (not touching ``avoid``), or ``None`` if there is none at any length.

    Walks ``G``'s own adjacency: nothing is copied, however large ``G`` is.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="causes", relation="causes")
    >>> _ = G.add_edge("b", "c", key="causes", relation="causes")
    >>> shortest_hops(G, "a", "c"), shortest_hops(G, "c", "a")
    (2, None)
    """
    return _bfs(G, source, _rank(relations), None, skip=set(avoid)).get(target)


def _distances(G: Any, node: str, depth: int | None, relations: Iterable[str], reverse: bool) -> list[tuple[str, int]]:
    dist = _bfs(G, node, _rank(relations), depth, reverse=reverse)
    dist.pop(node, None)
    return sorted(dist.items(), key=lambda kv: (kv[1], _by_label(G, kv[0]), kv[0]))


def upstream(G: Any, node: str, *, depth: int | None = None, relations: Iterable[str] = (CAUSES,)) -> list[tuple[str, int]]:
    """Everything that can lead to ``node``, as ``(id, distance)``, nearest first.

    What ``footback causes NODE`` answers: one bounded breadth-first search against
    the edges, so it costs the size of the answer, not of the graph.

    Parameters
    ----------
    G : networkx graph
    node : str
        A node id (:func:`graph.language.names.resolve` turns a name into one).
    depth : int, optional
        Most steps back from ``node`` (default: no limit).
    relations : iterable of str
        Relations followed (default ``causes``): footback's own, or any that ``G``'s
        edges hold (see :func:`check_relations`).

    Returns
    -------
    list of (str, int)
        Each node that reaches ``node``, with the fewest steps it takes (1 or more);
        sorted by distance, then by label, then by id. ``node`` itself is left out.

    Raises
    ------
    networkx.NodeNotFound
        If ``node`` is not in ``G``.
    UnknownRelation
        If a relation is neither footback's nor held by any edge of ``G``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="causes", relation="causes")
    >>> _ = G.add_edge("b", "c", key="causes", relation="causes")
    >>> upstream(G, "c")
    [('b', 1), ('a', 2)]
    >>> upstream(G, "c", depth=1)
    [('b', 1)]
    """
    _check_nodes(G, node)
    return _distances(G, node, depth, check_relations(G, relations), reverse=True)


def downstream(G: Any, node: str, *, depth: int | None = None, relations: Iterable[str] = (CAUSES,)) -> list[tuple[str, int]]:
    """Everything ``node`` can lead to, as ``(id, distance)``, nearest first.

    What ``footback effects NODE`` answers; the mirror of :func:`upstream`, with the
    same parameters, order and errors.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="causes", relation="causes")
    >>> downstream(G, "a")
    [('b', 1)]
    """
    _check_nodes(G, node)
    return _distances(G, node, depth, check_relations(G, relations), reverse=False)


def treatments(G: Any, node: str) -> list[dict[str, Any]]:
    """Treatments acting on ``node``, on what leads to it, or on what it leads to.

    The article names treatments for symptoms (orthotics for foot pain,
    physical therapy for back pain), so a condition's treatments are found
    further along its chains: orthotics act on heel pain, which plantar
    fasciitis can lead to.

    Returns
    -------
    list of dict
        ``{"treatment", "acts_on", "relation", "position", "distance", "note",
        "section", "evidence", "route_evidence"}`` (``route_evidence``: how sure
        the best causal chain between ``node`` and ``acts_on`` is; None when
        direct or unknown); ``position`` is ``"direct"`` (``distance`` 0),
        ``"upstream"`` (the treatment acts ``distance`` steps before ``node``)
        or ``"downstream"`` (``distance`` steps after it). Sorted by position
        in that order, then distance, then treatment id.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("spur", "limp", key="causes", relation="causes")
    >>> _ = G.add_edge("ice", "limp", key="treats", relation="treats")
    >>> [(t["treatment"], t["position"], t["distance"]) for t in treatments(G, "spur")]
    [('ice', 'downstream', 1)]
    """
    _check_nodes(G, node)
    places = {node: ("direct", 0)}
    for n, steps in downstream(G, node):
        places[n] = ("downstream", steps)
    for n, steps in upstream(G, node):  # on a cycle, what leads to node counts as upstream
        places[n] = ("upstream", steps)
    order = {"direct": 0, "upstream": 1, "downstream": 2}
    # How sure the causal route between the node and what a treatment acts on is (its best chain).
    route: dict[Any, str] = {}
    if len(places) > 1:
        around = among(G, places)  # the node's causal family only, never the whole graph
        if has_evidence(around):
            route = {**chain_levels(around, [node]), **chain_levels(around, [node], reverse=True)}
    out = []
    for u, v, d in _edges_into(G, places):
        if d.get("relation") in (TREATS, PREVENTS):
            position, distance = places[v]
            link = edge_record(u, v, d)
            out.append(
                {
                    "treatment": u,
                    "acts_on": v,
                    "relation": link["relation"],
                    "position": position,
                    "distance": distance,
                    "note": link["note"],
                    "section": link["section"],
                    "evidence": link["evidence"],
                    "route_evidence": route.get(v) if position != "direct" else None,
                }
            )
    return sorted(out, key=lambda r: (order[r["position"]], r["distance"], _by_label(G, r["treatment"]), _by_label(G, r["acts_on"]), r["treatment"]))


def _edges_into(G: Any, nodes: dict[Any, Any]) -> Iterator[tuple[Any, Any, dict[str, Any]]]:
    """``(u, v, data)`` of every edge into ``nodes``: their predecessors only,
    not a walk of every edge (the callers sort what they keep)."""
    if not G.is_directed():
        yield from ((u, v, d) for u, v, d in G.edges(data=True) if v in nodes)
        return
    prefetch(G, nodes, reverse=True)
    yield from G.in_edges(nodes, data=True)  # the predecessors' own dicts (see _bfs)


def neighbourhood(G: Any, focus: str, *, radius: int = 1, max_nodes: int | None = None, by_degree: bool = False) -> tuple[Any, int]:
    """The subgraph within ``radius`` hops of ``focus`` (any relation, either direction).

    Nodes are taken nearest first (ties by id; with ``by_degree``, by degree
    within the neighbourhood first, as the page's cap ranks them) until
    ``max_nodes`` is reached, so a huge graph gives a small, drawable
    subgraph: only the kept nodes are copied.

    Returns
    -------
    (subgraph, omitted)
        A copy of the induced subgraph, and how many nodes within the radius
        were left out by the cap. Its ``graph`` attributes are ``G``'s own.
        Kept beside it (so no export writes them, and no graph attribute
        of the same name is taken for them): :func:`cut_of` gives its focus,
        radius and how many were left out, :func:`whole` the graph it was cut
        from, which the page's layout reads to place nodes in the body, and
        :func:`left_out` the first nodes the cap left out.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")])
    >>> H, omitted = neighbourhood(G, "b")
    >>> sorted(H), omitted
    (['a', 'b', 'c'], 0)
    >>> sorted(neighbourhood(G, "b", radius=2, max_nodes=2)[0]), neighbourhood(G, "b", radius=2, max_nodes=2)[1]
    (['a', 'b'], 2)
    """
    _check_nodes(G, focus)
    if radius < 0:
        raise FootbackError("radius must be at least 0")
    dist = _undirected_distances(G, focus, radius)
    if by_degree and max_nodes is not None and len(dist) > max_nodes and G.is_directed():
        degree = _degrees_within(G, dist)
        ranked = sorted(dist, key=lambda n: (dist[n], -degree[n], str(n)))
    else:
        ranked = sorted(dist, key=lambda n: (dist[n], str(n)))
    keep = ranked if max_nodes is None else ranked[:max_nodes]
    H = induced(G, keep)
    from ..model.sidecar import CUT, LEFT_OUT, WHOLE, beside

    kept = beside(H)
    kept[CUT] = Cut(focus, radius, len(ranked) - len(keep))
    kept[WHOLE] = whole(G)
    kept[LEFT_OUT] = ranked[len(keep) : len(keep) + 10]  # the first left out, for a page's note
    return H, len(ranked) - len(keep)


def _degrees_within(G: Any, nodes: dict[Any, int]) -> dict[Any, int]:
    """Each node's degree in the subgraph induced on ``nodes`` (as networkx
    counts it: in plus out, every parallel edge), without building it."""
    multi = G.is_multigraph()
    succ, pair_of = G.succ, G.get_edge_data
    out = dict.fromkeys(nodes, 0)
    for n in nodes:
        for v in succ[n]:
            if v in nodes:
                out[n] += len(pair_of(n, v)) if multi else 1
    for u, v in G.in_edges(nodes):  # one per parallel edge (see _bfs for why not get_edge_data)
        if u in nodes:
            out[v] += 1
    return out


class Cut(NamedTuple):
    """How :func:`neighbourhood` cut a graph: around ``focus``, ``radius`` steps, ``omitted`` nodes left out by its cap."""

    focus: Any
    radius: int
    omitted: int


def cut_of(G: Any) -> Cut | None:
    """How ``G`` was cut by :func:`neighbourhood`; ``None`` when it was not.

    A graph attribute named ``focus`` or ``omitted`` is the user's own data, never this.

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")], focus="not footback's", omitted=123456)
    >>> cut_of(neighbourhood(G, "a", max_nodes=1)[0]), cut_of(G)
    (Cut(focus='a', radius=1, omitted=1), None)
    """
    from ..model.sidecar import CUT, beside

    cut: Cut | None = beside(G).get(CUT)
    return cut


def whole(G: Any) -> Any:
    """The graph ``G`` was cut from by :func:`neighbourhood` (``G`` itself if none).

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> whole(neighbourhood(G, "a")[0]) is G, whole(G) is G
    (True, True)
    """
    from ..model.sidecar import WHOLE, beside

    return beside(G).get(WHOLE, G)


def left_out(G: Any) -> list[Any]:
    """The first nodes (at most 10) that the cap of :func:`neighbourhood` left out of ``G`` ([] if none).

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> left_out(neighbourhood(G, "a", radius=2, max_nodes=2)[0]), left_out(G)
    (['c'], [])
    """
    from ..model.sidecar import LEFT_OUT, beside

    return list(beside(G).get(LEFT_OUT, ()))


def _undirected_distances(G: Any, focus: Any, radius: int) -> dict[Any, int]:
    """Hops from ``focus`` following edges either way, at most ``radius``."""
    if not G.is_directed():
        near: dict[Any, int] = nx.single_source_shortest_path_length(G, focus, cutoff=radius)
        return near
    dist = {focus: 0}
    frontier = [focus]
    for depth in range(1, radius + 1):
        found = []
        prefetch(G, frontier)
        prefetch(G, frontier, reverse=True)
        for u in frontier:
            for adj in (G.successors(u), G.predecessors(u)):
                for v in adj:
                    if v not in dist:
                        dist[v] = depth
                        found.append(v)
        if not found:
            break
        frontier = found
    return dist


# --- how sure research is along the links ---------------------------------------


def among(G: Any, nodes: Any) -> Any:
    """A small ``MultiDiGraph`` of ``G``'s links among ``nodes`` (relation and evidence only).

    Reads only those nodes' own links, so it costs as much as the answer it
    grades, on any graph (one held in a database included).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="causes", relation="causes", evidence_level="supported", note="x")
    >>> _ = G.add_edge("b", "c", key="causes", relation="causes")
    >>> list(among(G, ["a", "b"]).edges(keys=True, data=True))
    [('a', 'b', 'causes', {'relation': 'causes', 'evidence_level': 'supported'})]
    """
    keep = set(nodes)
    H = nx.MultiDiGraph()
    H.add_nodes_from(keep)
    multi = G.is_multigraph()
    for u in keep:
        for v, data in G.succ[u].items() if u in G else ():
            if v not in keep:
                continue
            for k, d in data.items() if multi else ((data.get("relation"), data),):
                H.add_edge(u, v, key=k, **{a: d[a] for a in ("relation", "evidence_level") if a in d})
    return H


def has_evidence(G: Any) -> bool:
    """Whether any edge of ``G`` carries an evidence level (stops at the first)."""
    return any(level in LEVELS for *_, level in G.edges(data="evidence_level"))


def chain_levels(G: Any, starts: Any, relations: Any = ("causes",), *, reverse: bool = False) -> dict[Any, str]:
    """For every node reached from ``starts``, the strongest level a chain to it can keep.

    A chain is as strong as its weakest link; a node reached by several
    chains gets the strongest of them. Nodes reached only through links
    without evidence are left out.

    Parameters
    ----------
    G : networkx graph
    starts : iterable of node ids
    relations : iterable of str
        Relations a chain may follow.
    reverse : bool
        Follow links backwards (what leads to ``starts``).

    Returns
    -------
    dict
        Node id -> level, ``starts`` themselves not included.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="causes", relation="causes", evidence_level="established")
    >>> _ = G.add_edge("b", "c", key="causes", relation="causes", evidence_level="hypothesis")
    >>> _ = G.add_edge("a", "c", key="causes", relation="causes", evidence_level="association")
    >>> sorted(chain_levels(G, ["a"]).items())
    [('b', 'established'), ('c', 'association')]
    """
    H = relation_view(G, tuple(relations))
    adj = H.pred if reverse else H.succ
    starts = [s for s in starts if s in H]
    out: dict[Any, str] = {}
    for level in LEVELS:
        r = LEVELS.index(level)
        seen = set(starts)
        stack = list(starts)
        while stack:
            u = stack.pop()
            for v, d in adj[u].items():
                if v not in seen and rank(d.get("evidence_level")) <= r:
                    seen.add(v)
                    stack.append(v)
        for n in seen:
            if n not in out and n not in starts:
                out[n] = level
    return out


def links(G: Any, node: Any = None, *, level: str | None = None) -> list[dict[str, Any]]:
    """The claim links of ``G`` (causes, treats, prevents) with their evidence, strongest first.

    Parameters
    ----------
    G : networkx graph
    node : node id, optional
        Only links into or out of ``node``.
    level : str, optional
        Only links at exactly this level.

    Returns
    -------
    list of dict
        Edge records (:func:`graph.model.records.edge_record`), ordered by level
        (strongest first; links without evidence last), then by source and
        target label.

    Raises
    ------
    networkx.NodeNotFound
        If ``node`` is not in ``G``.
    FootbackError
        If ``level`` is not one of :data:`LEVELS`.

    Examples
    --------
    What ``footback evidence`` lists (exported as ``graph.evidence_links``):

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("flat-feet", "back-pain", key="causes", relation="causes", evidence_level="hypothesis")
    >>> _ = G.add_edge("sciatica", "numb-toes", key="causes", relation="causes", evidence_level="established",
    ...                evidence_basis="textbook", evidence_refs=["grays"], evidence_note="A classic sign.")
    >>> _ = G.add_edge("numb-toes", "toes", key="located_in", relation="located_in")
    >>> [(e["source"], e["evidence"]["level"]) for e in links(G)]
    [('sciatica', 'established'), ('flat-feet', 'hypothesis')]
    >>> links(G, "numb-toes")[0]["evidence"]["refs"]
    ['grays']
    """
    if node is not None and node not in G:
        raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    if level is not None:
        level = check_level(level)
    if node is None:
        edges = G.edges(keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.edges(data=True))
    else:
        out = G.out_edges(node, keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.out_edges(node, data=True))
        inn = G.in_edges(node, keys=True, data=True) if G.is_multigraph() else ((u, v, None, d) for u, v, d in G.in_edges(node, data=True))
        edges = [*out, *inn]
    found = []
    for u, v, k, d in edges:
        rel = d.get("relation", k)
        if rel not in CLAIM_RELATIONS:
            continue
        if level is not None and d.get("evidence_level") != level:
            continue
        found.append(edge_record(u, v, d, rel))

    def name(n: Any) -> str:
        return label(G, n).lower()

    found.sort(key=lambda e: (rank((e["evidence"] or {}).get("level")), name(e["source"]), name(e["target"]), e["relation"]))
    return found
