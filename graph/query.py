"""Queries on a footback graph: graph first, plain data back.

Path search is bounded on any graph, however dense or cyclic: it works on a
simple directed view of the chosen relations, first prunes to the nodes that
lie within ``max_hops`` of both ends (two breadth-first searches), then asks
networkx's ``shortest_simple_paths`` (Yen's algorithm, simple paths only,
shortest first) for at most ``limit`` paths. networkx's ``all_simple_paths``
is avoided on purpose: it has no reachability pruning (networkx #2975, #6757).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from typing import Any

import networkx as nx

from .errors import FootbackError, NoPath, UnknownRelation
from .model import CAUSES, PREVENTS, RELATIONS, TREATS

DEFAULT_MAX_HOPS = 6
DEFAULT_LIMIT = 10
#: With ``via``, at most this many joins of two half-paths are tried per path wanted.
VIA_CANDIDATES_PER_PATH = 200


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
        H.add_edges_from(_kept_edges(G, G, rank))
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


def _edge_relations(G: Any):
    """The ``relation`` of every edge, walking ``G``'s adjacency (no edge views)."""
    if not G.is_directed():  # its adjacency holds each edge twice
        yield from (rel for *_, rel in G.edges(data="relation"))
        return
    multi = G.is_multigraph()
    for nbrs in G._succ.values():
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
    """Let a graph held elsewhere (:class:`graph.database.DatabaseGraph`) fetch
    the links out of (``reverse``: into) ``nodes`` at once; a no-op in memory."""
    fetch = getattr(G, "prefetch", None)
    if fetch is not None:
        fetch(nodes, reverse)


def _in_order(G: Any, nodes: Any) -> list[Any]:
    """``nodes`` in ``G``'s node order, without walking ``G`` when it can say (a database graph)."""
    ordered = getattr(G, "ordered", None)
    if ordered is not None:
        return ordered(nodes)
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
    asked = next(r for r in relations if r in missing)
    known = list(graph_relations(G))
    raise UnknownRelation(asked, known, _relation_suggestions(asked, [*known, *RELATIONS]))


def _kept_edges(G: Any, nodes: Iterable[Any], rank: dict[str, int], keep: Any = None):
    """``(u, v, data)`` of the best kept edge of each pair, in ``G``'s edge order.

    Only pairs starting at ``nodes`` (in their order) and, if ``keep`` is
    given, ending in it. This is the order in which :func:`relation_view`
    meets the pairs, so graphs built from it iterate exactly like a view
    copied with :func:`induced`.
    """
    succ = G._succ
    multi = G.is_multigraph()
    for u in nodes:
        for v, pair in succ[u].items():
            if keep is not None and v not in keep:
                continue
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
    adj = G._pred if reverse else G._succ
    multi = G.is_multigraph()
    dist = {start: 0}
    frontier = [start]
    depth = 0
    while frontier and (cutoff is None or depth < cutoff):
        depth += 1
        prefetch(G, frontier, reverse)
        found = []
        for u in frontier:
            for v, pair in adj[u].items():
                if v in dist or v in skip:
                    continue
                if within is not None and within.get(v, cutoff) + depth > cutoff:  # type: ignore[operator]
                    continue
                if rank is not None:
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
    succ = G._succ
    order = list(H)
    prefetch(G, order)
    if G.is_multigraph():
        H.add_edges_from((u, v, k, d) for u in order for v, kd in succ[u].items() if v in keep for k, d in kd.items())
    else:
        H.add_edges_from((u, v, d) for u in order for v, d in succ[u].items() if v in keep)
    return H


def _check_nodes(G: Any, *nodes: str | None) -> None:
    for n in nodes:
        if n is not None and n not in G:
            raise nx.NodeNotFound(f"node {n!r} is not in the graph")


def _edge_record(H: nx.DiGraph, u: str, v: str) -> dict[str, Any]:
    d = H[u][v]
    return {
        "source": u,
        "target": v,
        "relation": d.get("relation", ""),
        "note": d.get("note", ""),
        "section": d.get("section", ""),
        "cites": d.get("cites", ""),
    }


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
) -> list[dict[str, Any]]:
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

    Returns
    -------
    list of dict
        Each ``{"hops": int, "nodes": [id, ...], "edges": [edge, ...]}``,
        where an edge is ``{"source", "target", "relation", "note",
        "section", "cites"}``.

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
    elif len(G._pred[target]) <= len(G._succ[source]):
        back = _bfs(G, target, rank, max_hops, reverse=True, skip=avoid)
        fwd = _bfs(G, source, rank, max_hops, skip=avoid, within=back) if source in back else {}
    else:
        fwd = _bfs(G, source, rank, max_hops, skip=avoid)
        back = _bfs(G, target, rank, max_hops, reverse=True, skip=avoid, within=fwd) if target in fwd else {}
    if target not in fwd:
        raise NoPath(_no_path_message(source, target, max_hops, via))
    keep = {n for n in fwd if n in back and fwd[n] + back[n] <= max_hops}
    if target not in keep or (via is not None and via not in keep):
        raise NoPath(_no_path_message(source, target, max_hops, via))
    if via is not None and fwd[via] + back[via] > max_hops:
        raise NoPath(_no_path_message(source, target, max_hops, via))
    # The same graph as induced(relation_view(G, relations), keep): nodes and
    # edges in G's order, so ties between equal paths break the same way.
    P = nx.DiGraph()
    order = _in_order(G, keep)
    prefetch(G, order)
    P.add_nodes_from(order)
    P.add_edges_from(_kept_edges(G, order, rank, keep))

    if via is None:
        found: list[list[str]] = []
        for nodes in nx.shortest_simple_paths(P, source, target):
            if len(nodes) - 1 > max_hops:
                break
            found.append(nodes)
            if len(found) >= limit:
                break
    else:
        found = _paths_via(P, source, target, via, max_hops, limit)
    if not found:
        raise NoPath(_no_path_message(source, target, max_hops, via))
    return [
        {
            "hops": len(nodes) - 1,
            "nodes": list(nodes),
            "edges": [_edge_record(P, u, v) for u, v in zip(nodes, nodes[1:])],
        }
        for nodes in found
    ]


def _paths_via(P: nx.DiGraph, source: str, target: str, via: str, max_hops: int, limit: int) -> list[list[str]]:
    """Simple paths source -> via -> target, shortest first, within ``max_hops``.

    Joins the shortest paths of the two halves (source to via without
    target, via to target without source) in order of total length, keeping
    joins whose halves share only ``via``. Filtering the shortest paths
    source -> target instead can run through thousands of paths that miss
    ``via`` on a dense graph before meeting one that passes it. At most
    ``limit * VIA_CANDIDATES_PER_PATH`` joins are tried; when every one of
    them crosses itself the search stops and says so.
    """
    halves = []
    for G, a, b in ((nx.restricted_view(P, [target], []), source, via), (nx.restricted_view(P, [source], []), via, target)):
        if not nx.has_path(G, a, b):
            return []
        halves.append((nx.shortest_simple_paths(G, a, b), []))

    def half(k: int, i: int) -> list[str] | None:
        gen, seen = halves[k]
        while len(seen) <= i:
            nxt = next(gen, None)
            if nxt is None:
                return None
            seen.append(nxt)
        return seen[i]

    def hops(i: int, j: int) -> int | None:
        a, b = half(0, i), half(1, j)
        return None if a is None or b is None else len(a) + len(b) - 2

    found: list[list[str]] = []
    heap = [(hops(0, 0), 0, 0)]
    queued = {(0, 0)}
    budget = limit * VIA_CANDIDATES_PER_PATH
    while heap and len(found) < limit:
        total, i, j = heapq.heappop(heap)
        if total > max_hops:
            break
        budget -= 1
        if budget < 0:
            if not found:
                raise NoPath(
                    f"no simple path from {source} to {target} through {via} among the "
                    f"{limit * VIA_CANDIDATES_PER_PATH} shortest joins tried (the search stops there "
                    "to stay bounded; longer paths may exist)"
                )
            break
        a, b = half(0, i), half(1, j)
        if set(a).isdisjoint(b[1:]):
            found.append(a + b[1:])
        for nxt in ((i + 1, j), (i, j + 1)):
            if nxt not in queued:
                n = hops(*nxt)
                if n is not None:
                    queued.add(nxt)
                    heapq.heappush(heap, (n, *nxt))
    return found


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


def _no_path_message(source: str, target: str, max_hops: int, via: str | None) -> str:
    through = f" through {via}" if via else ""
    return f"no path from {source} to {target}{through} within {max_hops} hops"


def _distances(G: Any, node: str, depth: int | None, relations: Iterable[str], reverse: bool) -> list[tuple[str, int]]:
    dist = _bfs(G, node, _rank(relations), depth, reverse=reverse)
    dist.pop(node, None)
    return sorted(dist.items(), key=lambda kv: (kv[1], kv[0]))


def upstream(
    G: Any, node: str, *, depth: int | None = None, relations: Iterable[str] = (CAUSES,)
) -> list[tuple[str, int]]:
    """Everything that can lead to ``node``, as ``(id, distance)``, nearest first.

    Along ``relations`` (default ``causes``; see :func:`check_relations`).

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


def downstream(
    G: Any, node: str, *, depth: int | None = None, relations: Iterable[str] = (CAUSES,)
) -> list[tuple[str, int]]:
    """Everything ``node`` can lead to, as ``(id, distance)``, nearest first.

    Along ``relations`` (default ``causes``; see :func:`check_relations`).

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
        "section"}``; ``position`` is ``"direct"`` (``distance`` 0),
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
    for n, d in downstream(G, node):
        places[n] = ("downstream", d)
    for n, d in upstream(G, node):  # on a cycle, what leads to node counts as upstream
        places[n] = ("upstream", d)
    order = {"direct": 0, "upstream": 1, "downstream": 2}
    out = []
    for u, v, d in _edges_into(G, places):
        if d.get("relation") in (TREATS, PREVENTS):
            position, distance = places[v]
            out.append(
                {
                    "treatment": u,
                    "acts_on": v,
                    "relation": d["relation"],
                    "position": position,
                    "distance": distance,
                    "note": d.get("note", ""),
                    "section": d.get("section", ""),
                }
            )
    return sorted(out, key=lambda r: (order[r["position"]], r["distance"], r["treatment"], r["acts_on"]))


def _edges_into(G: Any, nodes: dict[Any, Any]):
    """``(u, v, data)`` of every edge into ``nodes``: their predecessors only,
    not a walk of every edge (the callers sort what they keep)."""
    if not G.is_directed():
        yield from ((u, v, d) for u, v, d in G.edges(data=True) if v in nodes)
        return
    prefetch(G, nodes, reverse=True)
    multi = G.is_multigraph()
    for v in nodes:
        for u, pair in G._pred[v].items():
            for d in pair.values() if multi else (pair,):
                yield u, v, d


def neighbourhood(
    G: Any, focus: str, *, radius: int = 1, max_nodes: int | None = None, by_degree: bool = False
) -> tuple[Any, int]:
    """The subgraph within ``radius`` hops of ``focus`` (any relation, either direction).

    Nodes are taken nearest first (ties by id; with ``by_degree``, by degree
    within the neighbourhood first, as the page's cap ranks them) until
    ``max_nodes`` is reached, so a huge graph gives a small, drawable
    subgraph: only the kept nodes are copied.

    Returns
    -------
    (subgraph, omitted)
        A copy of the induced subgraph, and how many nodes within the radius
        were left out by the cap. The subgraph's ``graph`` attributes record
        ``focus``, ``radius`` and ``omitted``; its ``whole`` attribute (not
        a graph attribute, so no export writes it) is the graph it was cut
        from, which the page's layout reads to place nodes in the body.

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
    H.graph.update(focus=focus, radius=radius, omitted=len(ranked) - len(keep))
    H.whole = whole(G)
    H.left_out = ranked[len(keep) : len(keep) + 10]  # the first left out, for a page's note
    return H, len(ranked) - len(keep)


def _degrees_within(G: Any, nodes: dict[Any, int]) -> dict[Any, int]:
    """Each node's degree in the subgraph induced on ``nodes`` (as networkx
    counts it: in plus out, every parallel edge), without building it."""
    multi = G.is_multigraph()
    out = {}
    for n in nodes:
        d = 0
        for adj in (G._succ[n], G._pred[n]):
            for v, keys in adj.items():
                if v in nodes:
                    d += len(keys) if multi else 1
        out[n] = d
    return out


def whole(G: Any) -> Any:
    """The graph ``G`` was cut from by :func:`neighbourhood` (``G`` itself if none).

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c")])
    >>> whole(neighbourhood(G, "a")[0]) is G, whole(G) is G
    (True, True)
    """
    return getattr(G, "whole", G)


def _undirected_distances(G: Any, focus: Any, radius: int) -> dict[Any, int]:
    """Hops from ``focus`` following edges either way, at most ``radius``."""
    if not G.is_directed():
        return nx.single_source_shortest_path_length(G, focus, cutoff=radius)
    succ, pred = G._succ, G._pred
    dist = {focus: 0}
    frontier = [focus]
    for depth in range(1, radius + 1):
        found = []
        prefetch(G, frontier)
        prefetch(G, frontier, reverse=True)
        for u in frontier:
            for adj in (succ[u], pred[u]):
                for v in adj:
                    if v not in dist:
                        dist[v] = depth
                        found.append(v)
        if not found:
            break
        frontier = found
    return dist
