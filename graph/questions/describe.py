"""Describing a graph and its nodes: one node whole, a listing, statistics.

Graph first, plain data back (ids, counts, records); turning them into text
or JSON is the CLI's job. Every list is ordered, never a set's order.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from ..model import CAUSES, NODE_TYPES, RELATIONS
from ..model.records import _check, broader as broader, edge_record, label, node_ref as node_ref, regions as regions, regions_within, sections_of


def _link(G: Any, other: str, data: dict[str, Any]) -> dict[str, Any]:
    rec = edge_record(None, None, data)
    del rec["source"], rec["target"]
    return {"relation": rec.pop("relation"), "node": node_ref(G, other), **rec}


def _link_order(link: dict[str, Any]) -> tuple[int, str]:
    rel = link["relation"]
    return (RELATIONS.index(rel) if rel in RELATIONS else len(RELATIONS), rel)


def describe(G: Any, node: str) -> dict[str, Any]:
    """One node whole: its fields, the regions it sits in, and every link in and out.

    Returns
    -------
    dict
        :func:`node_ref` plus ``description``, ``synonyms``, ``codes``,
        ``regions`` (node refs, each with ``"within"``: the broader regions),
        ``in`` and ``out``: lists of ``{"relation", "node", "note",
        "section", "cites"}``, grouped by relation in model order, then in
        data order.

    Raises
    ------
    networkx.NodeNotFound
        If ``node`` is not in ``G``.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("heel-pain", label="Heel pain", type="symptom", description="Sore heel.")
    >>> G.add_node("heel", label="Heel", type="body_region")
    >>> _ = G.add_edge("heel-pain", "heel", key="located_in", relation="located_in", note="Here.")
    >>> d = describe(G, "heel-pain")
    >>> d["label"], [r["id"] for r in d["regions"]], d["out"][0]["node"]["id"], d["in"]
    ('Heel pain', ['heel'], 'heel', [])
    """
    _check(G, node)
    data = G.nodes[node]
    out = [_link(G, v, d) for _, v, d in G.out_edges(node, data=True)]
    into = [_link(G, u, d) for u, _, d in G.in_edges(node, data=True)]
    return {
        **node_ref(G, node),
        "description": data.get("description", ""),
        "synonyms": list(data.get("synonyms") or []),
        "codes": list(data.get("codes") or []),
        "regions": [{**node_ref(G, r), "within": [node_ref(G, b) for b in within]} for r, within in regions_within(G, node)],
        "in": sorted(into, key=_link_order),
        "out": sorted(out, key=_link_order),
        **_red_flag(G, node),
    }


def by_label(G: Any, node: str) -> str:
    """Sort key: the label people read, ignoring case (then sort by id for ties)."""
    return label(G, node).casefold()


def _red_flag(G: Any, node: str) -> dict[str, Any]:
    """``{"red_flag": {"urgent_care": [...]}}`` for a warning sign, else nothing."""
    from .anatomy import is_red_flag, urgent_care

    if not is_red_flag(G, node):
        return {}
    care = [{"treatment": node_ref(G, c["treatment"]), "for": node_ref(G, c["for"])} for c in urgent_care(G, node)]
    return {"red_flag": {"urgent_care": care}}


def list_nodes(G: Any, node_type: str | None = None) -> list[str]:
    """Node ids, by type (in model order) then label, as people read them; only
    ``node_type`` if given.

    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("b", {"type": "symptom", "label": "Ache"}), ("a", {"type": "symptom", "label": "Burn"}), ("c", {"type": "condition"})])
    >>> list_nodes(G), list_nodes(G, "symptom")
    (['c', 'b', 'a'], ['b', 'a'])
    """
    order = {t: i for i, t in enumerate(NODE_TYPES)}

    def key(n: str) -> tuple[int, str, str, str]:
        t = G.nodes[n].get("type", "")
        return (order.get(t, len(order)), str(t), by_label(G, n), str(n))

    return sorted((n for n, t in G.nodes(data="type") if node_type is None or t == node_type), key=key)


def stats(G: Any, *, top: int = 5) -> dict[str, Any]:
    """Facts about the whole graph: counts, sources cited, the shape of the causal links.

    Returns
    -------
    dict
        ``nodes`` and ``edges`` (``total`` and counts by type or relation, in
        model order), ``sources`` (each with how many edges cite it, how
        many of its sections, and ``evidence_for``: how many links' evidence
        names it), ``evidence`` (claim links by evidence level, strongest
        first), ``components`` (weakly connected),
        ``isolated`` (ids of nodes with no edges) and ``causal``: for the
        ``causes`` links, ``edges``, ``acyclic``, ``starts`` (ids nothing
        causes but that cause something), ``ends`` (ids caused but causing
        nothing), ``longest_chain`` (ids, only when acyclic) and
        ``most_connected`` (``(id, degree)``, highest first, at most ``top``).

    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="causes", relation="causes", cites="s", section="x")
    >>> _ = G.add_edge("b", "c", key="causes", relation="causes", cites="s", section="y")
    >>> s = stats(G)
    >>> s["nodes"]["total"], s["causal"]["longest_chain"], s["causal"]["starts"], s["causal"]["ends"]
    (3, ['a', 'b', 'c'], ['a'], ['c'])
    """
    from .. import model
    from ..model.evidence import LEVELS

    if not G.is_directed():
        return _stats_undirected(G, top)
    # One walk over the adjacency gathers every count; the causal links are
    # never copied into a graph of their own (a million edges cost seconds).
    multi = G.is_multigraph()
    types: dict[Any, int] = {}
    for _, t in G.nodes(data="type"):
        types[t] = types.get(t, 0) + 1
    rels: dict[Any, int] = {}
    cited: dict[str, dict[str, Any]] = {}
    causal_out: dict[Any, list[Any]] = {}
    causal_in: dict[Any, int] = {}
    weighed: dict[str, int] = {}
    levels: dict[str, int] = {}
    n_edges = 0
    for u, nbrs in G.adjacency():  # each node's own neighbour dict: no view per pair
        for v, pair in nbrs.items():
            datas = pair.values() if multi else (pair,)
            is_causal = False
            for d in datas:
                n_edges += 1
                r = d.get("relation")
                rels[r] = rels.get(r, 0) + 1
                is_causal = is_causal or r == CAUSES
                _tally(d, cited, weighed, levels)
            if is_causal:
                causal_out.setdefault(u, []).append(v)
                causal_in[v] = causal_in.get(v, 0) + 1

    def ordered(counts: dict[Any, int], order: tuple[str, ...]) -> dict[Any, int]:
        first = {k: counts[k] for k in order if k in counts}
        return first | {k: counts[k] for k in sorted(counts, key=str) if k not in first}

    sources = _source_rows(G, cited, weighed)

    order = _topological(G, causal_out, causal_in)
    acyclic = order is not None
    linked = set(causal_out) | set(causal_in)
    degree = sorted(((n, len(causal_out.get(n, ())) + causal_in.get(n, 0)) for n in linked), key=lambda nd: (-nd[1], str(nd[0])))
    return {
        "nodes": {"total": G.number_of_nodes(), **ordered(types, model.NODE_TYPES)},
        "edges": {"total": n_edges, **ordered(rels, model.RELATIONS)},
        "sources": sources,
        "evidence": {lv: levels[lv] for lv in LEVELS if lv in levels},
        "components": nx.number_weakly_connected_components(G) if len(G) else 0,
        "isolated": sorted(str(n) for n, nbrs in G.adjacency() if not nbrs and not G.pred[n]),
        "causal": {
            "edges": sum(causal_in.values()),
            "acyclic": acyclic,
            "starts": sorted(str(n) for n in causal_out if not causal_in.get(n)),
            "ends": sorted(str(n) for n in causal_in if n not in causal_out),
            "longest_chain": _chain_of(order, causal_out) if order is not None else None,
            "most_connected": degree[:top],
        },
    }


def _tally(d: dict[str, Any], cited: dict[str, dict[str, Any]], weighed: dict[str, int], levels: dict[str, int]) -> None:
    """Count one edge into the sources it cites (and their sections) and the evidence it carries."""
    from ..model.evidence import CLAIM_RELATIONS, LEVELS

    c = cited.get(str(d.get("cites", "")))
    if c is None:
        c = cited[str(d.get("cites", ""))] = {"edges": 0, "sections": {}}
    c["edges"] += 1
    for sec in sections_of(d):
        c["sections"][sec] = None
    level = d.get("evidence_level")
    if d.get("relation") in CLAIM_RELATIONS and level in LEVELS:
        levels[level] = levels.get(level, 0) + 1
        for ref in d.get("evidence_refs") or ():
            weighed[str(ref)] = weighed.get(str(ref), 0) + 1


def _source_rows(G: Any, cited: dict[str, dict[str, Any]], weighed: dict[str, int]) -> list[dict[str, Any]]:
    """The ``sources`` of :func:`stats`: the declared ones in order, then any cited but undeclared."""
    rows = []
    for src in G.graph.get("sources") or []:
        sid = str(src.get("id", ""))
        c = cited.pop(sid, {"edges": 0, "sections": {}})
        declared = src.get("sections") or []
        rows.append(
            {
                "id": sid,
                "title": src.get("title", ""),
                "kind": src.get("kind", ""),
                "edges": c["edges"],
                "sections_cited": len(c["sections"]),
                "sections": len(declared) if isinstance(declared, list) else 0,
                "evidence_for": weighed.get(sid, 0),
            }
        )
    for sid in sorted(k for k in cited if k):  # cited but not declared (other importers)
        rows.append({"id": sid, "title": "", "kind": "", "edges": cited[sid]["edges"], "sections_cited": len(cited[sid]["sections"]), "sections": 0, "evidence_for": 0})
    return rows


def _topological(G: Any, succ: dict[Any, list[Any]], indeg: dict[Any, int]) -> list[Any] | None:
    """The nodes of the causal links in a topological order (Kahn), or ``None`` if they hold a cycle."""
    left = dict(indeg)
    queue = [n for n in G if n in succ and not left.get(n)]
    order = []
    while queue:
        n = queue.pop()
        order.append(n)
        for v in succ.get(n, ()):
            left[v] -= 1
            if not left[v]:
                queue.append(v)
    return order if not any(left.values()) else None


def _chain_of(order: list[Any], succ: dict[Any, list[Any]]) -> list[str]:
    """The longest chain of a DAG given in topological order; among equally long ones, the first by ids."""
    best: dict[Any, tuple[int, tuple[str, ...]]] = {}
    for n in reversed(order):
        best[n] = (0, (str(n),))
        for s in succ.get(n, ()):
            cand = (best[s][0] + 1, (str(n), *best[s][1]))
            if cand[0] > best[n][0] or (cand[0] == best[n][0] and cand[1] < best[n][1]):
                best[n] = cand
    if not best:
        return []
    length = max(v[0] for v in best.values())
    return list(min(v[1] for v in best.values() if v[0] == length)) if length else []


def _stats_undirected(G: Any, top: int) -> dict[str, Any]:
    """:func:`stats` of an undirected graph, through a simple directed view (small graphs only come undirected)."""
    from .query import relation_view

    from ..model.evidence import LEVELS

    counts = summary(G)
    cited: dict[str, dict[str, Any]] = {}
    weighed: dict[str, int] = {}
    levels: dict[str, int] = {}
    for _, _, d in G.edges(data=True):
        _tally(d, cited, weighed, levels)
    sources = _source_rows(G, cited, weighed)

    H = relation_view(G, (CAUSES,))
    acyclic = nx.is_directed_acyclic_graph(H)
    degree = sorted(((n, d) for n, d in H.degree() if d), key=lambda nd: (-nd[1], str(nd[0])))
    return {
        "nodes": {"total": G.number_of_nodes(), **counts["nodes"]},
        "edges": {"total": G.number_of_edges(), **counts["edges"]},
        "sources": sources,
        "evidence": {lv: levels[lv] for lv in LEVELS if lv in levels},
        "components": nx.number_weakly_connected_components(G) if len(G) else 0,
        "isolated": sorted(str(n) for n in nx.isolates(G)),
        "causal": {
            "edges": H.number_of_edges(),
            "acyclic": acyclic,
            "starts": sorted((str(n) for n in H if H.out_degree(n) and not H.in_degree(n)), key=lambda n: (by_label(G, n), n)),
            "ends": sorted((str(n) for n in H if H.in_degree(n) and not H.out_degree(n)), key=lambda n: (by_label(G, n), n)),
            "longest_chain": _longest_chain(H) if acyclic else None,
            "most_connected": degree[:top],
        },
    }


def _longest_chain(H: nx.DiGraph) -> list[str]:
    """The longest chain of a DAG; among equally long ones, the first by ids."""
    return _chain_of(list(nx.topological_sort(H)), {n: list(H.successors(n)) for n in H})


def summary(G: Any) -> dict[str, dict[str, int]]:
    """Counts of nodes by type and edges by relation, in model order first."""
    from .. import model

    types: dict[str, int] = {}
    for _, t in G.nodes(data="type"):
        types[t] = types.get(t, 0) + 1
    rels: dict[str, int] = {}
    for _, _, r in G.edges(data="relation"):
        rels[r] = rels.get(r, 0) + 1

    def ordered(counts: dict[str, int], order: tuple[str, ...]) -> dict[str, int]:
        first = {k: counts[k] for k in order if k in counts}
        return first | {k: counts[k] for k in sorted(counts, key=str) if k not in first}

    return {"nodes": ordered(types, model.NODE_TYPES), "edges": ordered(rels, model.RELATIONS)}
