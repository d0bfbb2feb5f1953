"""What-if and shared causes: two teaching questions answered from the causal edges.

:func:`whatif` removes nodes (or what a treatment acts on) and reports which
symptoms lose some or all of the causal paths that reach them from
conditions, and which conditions no longer reach them. :func:`common_causes`
ranks the conditions whose causal paths reach the most of a set of symptoms.
Both are teaching aids about the graph's structure, not diagnoses.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice
from typing import Any

import networkx as nx

from .errors import FootbackError, NoPath
from .model import CAUSES, CONDITION, PREVENTS, SYMPTOM, TREATMENT, TREATS
from .query import DEFAULT_MAX_HOPS, induced, paths, relation_view

#: On a graph whose causal edges form cycles, paths are counted by
#: enumeration up to this many per symptom (and reported as "at least").
PATH_COUNT_CAP = 10_000


def acted_on(G: Any, treatment: str) -> list[str]:
    """What a treatment treats or helps prevent, sorted by id.

    Raises
    ------
    FootbackError
        When ``treatment`` is not a treatment or acts on nothing.
    """
    if G.nodes[treatment].get("type") != TREATMENT:
        raise FootbackError(f"{treatment!r} is a {G.nodes[treatment].get('type')}, not a treatment")
    out = sorted({v for _, v, r in G.out_edges(treatment, keys=True) if r in (TREATS, PREVENTS)})
    if not out:
        raise FootbackError(f"treatment {treatment!r} acts on nothing in this graph")
    return out


def _count_paths(H: nx.DiGraph, sources: set[str], target: str) -> tuple[int, bool]:
    """Causal paths from any of ``sources`` to ``target``: (count, exact?)."""
    if target not in H:
        return 0, True
    region = nx.ancestors(H, target) | {target}
    S = induced(H, region)
    starts = [s for s in sources if s in region and s != target]
    if nx.is_directed_acyclic_graph(S):
        # Paths into each node, summed in topological order: exact and linear.
        ways = {n: (1 if n in starts else 0) for n in S}
        for n in nx.topological_sort(S):
            for m in S.successors(n):
                ways[m] += ways[n]
        return ways[target], True
    total = 0
    for s in sorted(starts):
        total += sum(1 for _ in islice(nx.all_simple_paths(S, s, target, cutoff=DEFAULT_MAX_HOPS), PATH_COUNT_CAP - total))
        if total >= PATH_COUNT_CAP:
            return total, False
    return total, True


def _reaching(H: nx.DiGraph, conditions: set[str], target: str) -> set[str]:
    return (nx.ancestors(H, target) & conditions) if target in H else set()


def whatif(G: Any, remove: Iterable[str] = (), *, treat: str | None = None) -> dict[str, Any]:
    """What the causal graph loses when nodes are taken out.

    Parameters
    ----------
    G : networkx graph
    remove : iterable of str
        Node ids to take out.
    treat : str, optional
        A treatment: everything it treats or helps prevent is taken out too.

    Returns
    -------
    dict
        ``{"removed": [id, ...], "treatment": id or None, "symptoms": [...]}``.
        Each symptom record is ``{"symptom", "status", "paths_before",
        "paths_after", "exact", "conditions_lost", "conditions_left"}``,
        where status is ``"all"`` (no causal path from a condition is left)
        or ``"some"``. Symptoms that are themselves removed are listed only
        under ``removed``. Sorted: ``all`` first, then by symptom id.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n, t in [("c", "condition"), ("m", "mechanism"), ("s", "symptom")]:
    ...     G.add_node(n, type=t)
    >>> for u, v in [("c", "m"), ("m", "s"), ("c", "s")]:
    ...     _ = G.add_edge(u, v, key="causes", relation="causes")
    >>> r = whatif(G, ["m"])["symptoms"][0]
    >>> r["symptom"], r["status"], r["paths_before"], r["paths_after"], r["conditions_lost"]
    ('s', 'some', 2, 1, [])
    >>> whatif(G, ["c"])["symptoms"][0]["conditions_lost"]
    ['c']
    """
    removed = set(remove)
    for n in removed | ({treat} if treat else set()):
        if n not in G:
            raise nx.NodeNotFound(f"node {n!r} is not in the graph")
    if treat is not None:
        removed |= set(acted_on(G, treat))
    if not removed:
        raise FootbackError("nothing to remove: name a node with --remove or a treatment with --treat")
    before = relation_view(G, (CAUSES,))
    after = before.copy()
    after.remove_nodes_from(removed)
    conditions = {n for n, t in G.nodes(data="type") if t == CONDITION}
    out = []
    for s in sorted(n for n, t in G.nodes(data="type") if t == SYMPTOM and n not in removed):
        n_before, exact_b = _count_paths(before, conditions, s)
        if n_before == 0:
            continue
        n_after, exact_a = _count_paths(after, conditions - removed, s)
        reach_b, reach_a = _reaching(before, conditions, s), _reaching(after, conditions - removed, s)
        if n_after >= n_before and reach_a == reach_b and exact_a and exact_b:
            continue
        out.append(
            {
                "symptom": s,
                "status": "all" if n_after == 0 else "some",
                "paths_before": n_before,
                "paths_after": n_after,
                "exact": exact_b and exact_a,
                "conditions_lost": sorted(reach_b - reach_a),
                "conditions_left": sorted(reach_a),
            }
        )
    out.sort(key=lambda r: (r["status"] != "all", r["symptom"]))
    return {"removed": sorted(removed), "treatment": treat, "symptoms": out}


def common_causes(G: Any, symptoms: Iterable[str], *, max_hops: int | None = None) -> list[dict[str, Any]]:
    """Conditions ranked by how many of ``symptoms`` their causal paths reach.

    A teaching aid about the graph's structure, not a diagnosis.

    Parameters
    ----------
    G : networkx graph
    symptoms : iterable of str
        Node ids (usually symptoms; any clinical node works).
    max_hops : int, optional
        Longest path considered (default: unbounded).

    Returns
    -------
    list of dict
        ``{"condition", "reaches": [id, ...], "misses": [id, ...],
        "paths": {symptom: path}}``, where a path is a record from
        :func:`graph.query.paths` (the shortest). Ranked by how many symptoms
        are reached, then by the total length of the paths, then by id.

    Raises
    ------
    NoPath
        No condition reaches any of the symptoms.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n, t in [("c1", "condition"), ("c2", "condition"), ("s1", "symptom"), ("s2", "symptom")]:
    ...     G.add_node(n, type=t)
    >>> for u, v in [("c1", "s1"), ("c2", "s1"), ("c2", "s2")]:
    ...     _ = G.add_edge(u, v, key="causes", relation="causes")
    >>> [(r["condition"], r["reaches"]) for r in common_causes(G, ["s1", "s2"])]
    [('c2', ['s1', 's2']), ('c1', ['s1'])]
    """
    wanted = list(dict.fromkeys(symptoms))
    for n in wanted:
        if n not in G:
            raise nx.NodeNotFound(f"node {n!r} is not in the graph")
    if not wanted:
        raise FootbackError("name at least one symptom")
    H = relation_view(G, (CAUSES,))
    hops = max_hops or max(1, G.number_of_nodes())
    ranked = []
    for c in sorted(n for n, t in G.nodes(data="type") if t == CONDITION):
        found = {}
        below = nx.descendants(H, c)
        for s in wanted:
            if s != c and s in below:
                try:
                    found[s] = paths(G, c, s, max_hops=hops, limit=1)[0]
                except NoPath:
                    continue
        if found:
            ranked.append(
                {
                    "condition": c,
                    "reaches": [s for s in wanted if s in found],
                    "misses": [s for s in wanted if s not in found],
                    "paths": found,
                }
            )
    if not ranked:
        raise NoPath("no condition in the graph leads to " + ", ".join(wanted))
    ranked.sort(key=lambda r: (-len(r["reaches"]), sum(p["hops"] for p in r["paths"].values()), r["condition"]))
    return ranked
