"""Queries on a footback graph: graph first, plain data back.

Path search is bounded on any graph, however dense or cyclic: it works on a
simple directed view of the chosen relations, first prunes to the nodes that
lie within ``max_hops`` of both ends (two breadth-first searches), then asks
networkx's ``shortest_simple_paths`` (Yen's algorithm, simple paths only,
shortest first) for at most ``limit`` paths. networkx's ``all_simple_paths``
is avoided on purpose: it has no reachability pruning (networkx #2975, #6757).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Any

import networkx as nx

from .errors import FootbackError, NoPath
from .model import CAUSES, PREVENTS, TREATS

DEFAULT_MAX_HOPS = 6
DEFAULT_LIMIT = 10
#: With ``via``, at most this many candidate paths are examined per path wanted.
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
    rels = tuple(relations)
    rank = {r: i for i, r in enumerate(rels)}
    H = nx.DiGraph()
    H.add_nodes_from(G.nodes)
    for u, v, data in G.edges(data=True):
        rel = data.get("relation")
        if rel in rank and (not H.has_edge(u, v) or rank[rel] < rank[H[u][v]["relation"]]):
            H.add_edge(u, v, **data)
    return H


def induced(G: Any, nodes: Iterable[str]) -> Any:
    """A copy of the subgraph on ``nodes``, in ``G``'s own node and edge order.

    ``G.subgraph`` views iterate a set when few nodes are kept, which makes
    order (and so tie-breaking between equal paths) depend on the hash seed;
    this copy keeps every output deterministic.
    """
    keep = set(nodes)
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in keep)
    if G.is_multigraph():
        H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in keep and v in keep)
    else:
        H.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if u in keep and v in keep)
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
        Relations a path may follow (default: ``causes``).
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
    if max_hops < 1 or limit < 1:
        raise FootbackError("max_hops and limit must be at least 1")
    for n in (source, target, via):
        if n is not None and n in avoid:
            raise FootbackError(f"{n!r} cannot be both required and avoided")
    if source == target:
        raise FootbackError("source and target are the same node")

    H = relation_view(G, relations)
    H.remove_nodes_from(avoid)
    # Prune: keep only nodes on some walk of at most max_hops edges.
    fwd = nx.single_source_shortest_path_length(H, source, cutoff=max_hops)
    back = nx.single_source_shortest_path_length(H.reverse(copy=False), target, cutoff=max_hops)
    keep = [n for n in fwd if n in back and fwd[n] + back[n] <= max_hops]
    if target not in keep or (via is not None and via not in keep):
        raise NoPath(_no_path_message(source, target, max_hops, via))
    if via is not None and fwd[via] + back[via] > max_hops:
        raise NoPath(_no_path_message(source, target, max_hops, via))
    P = induced(H, keep)

    found: list[list[str]] = []
    budget = limit * VIA_CANDIDATES_PER_PATH if via is not None else None
    candidates = nx.shortest_simple_paths(P, source, target)
    if budget is not None:
        candidates = islice(candidates, budget)
    for nodes in candidates:
        if len(nodes) - 1 > max_hops:
            break
        if via is not None and via not in nodes:
            continue
        found.append(nodes)
        if len(found) >= limit:
            break
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


def _no_path_message(source: str, target: str, max_hops: int, via: str | None) -> str:
    through = f" through {via}" if via else ""
    return f"no path from {source} to {target}{through} within {max_hops} hops"


def _distances(H: nx.DiGraph, node: str, depth: int | None) -> list[tuple[str, int]]:
    dist = nx.single_source_shortest_path_length(H, node, cutoff=depth)
    dist.pop(node, None)
    return sorted(dist.items(), key=lambda kv: (kv[1], kv[0]))


def upstream(
    G: Any, node: str, *, depth: int | None = None, relations: Iterable[str] = (CAUSES,)
) -> list[tuple[str, int]]:
    """Everything that can lead to ``node``, as ``(id, distance)``, nearest first.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="causes", relation="causes")
    >>> _ = G.add_edge("b", "c", key="causes", relation="causes")
    >>> upstream(G, "c")
    [('b', 1), ('a', 2)]
    >>> upstream(G, "c", depth=1)
    [('b', 1)]
    """
    _check_nodes(G, node)
    return _distances(relation_view(G, relations).reverse(copy=False), node, depth)


def downstream(
    G: Any, node: str, *, depth: int | None = None, relations: Iterable[str] = (CAUSES,)
) -> list[tuple[str, int]]:
    """Everything ``node`` can lead to, as ``(id, distance)``, nearest first.

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="causes", relation="causes")
    >>> downstream(G, "a")
    [('b', 1)]
    """
    _check_nodes(G, node)
    return _distances(relation_view(G, relations), node, depth)


def treatments(G: Any, node: str) -> list[dict[str, Any]]:
    """Treatments acting on ``node`` or on anything upstream of it.

    Returns
    -------
    list of dict
        ``{"treatment", "acts_on", "relation", "distance", "note", "section"}``;
        ``distance`` is 0 when the treatment acts on ``node`` itself. Sorted
        by distance, then treatment id.
    """
    _check_nodes(G, node)
    targets = {node: 0, **dict(upstream(G, node))}
    out = []
    for u, v, d in G.edges(data=True):
        if d.get("relation") in (TREATS, PREVENTS) and v in targets:
            out.append(
                {
                    "treatment": u,
                    "acts_on": v,
                    "relation": d["relation"],
                    "distance": targets[v],
                    "note": d.get("note", ""),
                    "section": d.get("section", ""),
                }
            )
    return sorted(out, key=lambda r: (r["distance"], r["treatment"], r["acts_on"]))


def neighbourhood(
    G: Any, focus: str, *, radius: int = 1, max_nodes: int | None = None
) -> tuple[Any, int]:
    """The subgraph within ``radius`` hops of ``focus`` (any relation, either direction).

    Nodes are taken nearest first (ties by id) until ``max_nodes`` is
    reached, so a huge graph gives a small, drawable subgraph.

    Returns
    -------
    (subgraph, omitted)
        A copy of the induced subgraph, and how many nodes within the radius
        were left out by the cap. The subgraph's ``graph`` attributes record
        ``focus``, ``radius`` and ``omitted``.

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
    dist = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), focus, cutoff=radius)
    ranked = sorted(dist, key=lambda n: (dist[n], str(n)))
    keep = ranked if max_nodes is None else ranked[:max_nodes]
    H = induced(G, keep)
    H.graph.update(focus=focus, radius=radius, omitted=len(ranked) - len(keep))
    return H, len(ranked) - len(keep)
