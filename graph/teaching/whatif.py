"""What-if and shared causes: two teaching questions answered from the causal edges.

:func:`whatif` removes nodes (or what a treatment acts on) and reports the
causal paths from conditions that the removed nodes had, and which symptoms
further along lose some or all of theirs, and which conditions no longer
reach them. :func:`common_causes`
ranks the conditions whose causal paths reach the most of a set of symptoms.
Both are teaching aids about the graph's structure, not diagnoses.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..errors import FootbackError, NoPath
from ..model import CAUSES, CONDITION, PREVENTS, SYMPTOM, TREATMENT, TREATS
from ..model.evidence import LEVELS, rank, weakest
from ..questions.query import chain_levels, has_evidence, relation_view
from ..model.records import edge_record
from .wording import named


def _edge(H: nx.DiGraph, u: str, v: str) -> dict[str, Any]:
    return edge_record(u, v, H[u][v])


def acted_on(G: Any, treatment: str) -> list[str]:
    """What a treatment treats or helps prevent, sorted by id.

    Raises
    ------
    FootbackError
        When ``treatment`` is not a treatment or acts on nothing.
    """
    return sorted(_acts(G, treatment))


def _acts(G: Any, treatment: str) -> dict[str, list[str]]:
    """What a treatment acts on, each with how (``treats``, ``prevents``)."""
    if G.nodes[treatment].get("type") != TREATMENT:
        raise FootbackError(f"{treatment!r} is a {G.nodes[treatment].get('type')}, not a treatment")
    out: dict[str, list[str]] = {}
    for _, v, r in G.out_edges(treatment, keys=True):
        if r in (TREATS, PREVENTS) and r not in out.get(v, []):
            out.setdefault(v, []).append(r)
    if not out:
        raise FootbackError(f"treatment {treatment!r} acts on nothing in this graph")
    return {v: sorted(rs, key=(TREATS, PREVENTS).index) for v, rs in out.items()}


#: On a graph whose causal edges form cycles, simple paths of any length are
#: counted one by one, and counting stops after this many steps in all: a
#: count is then marked not exact (a lower bound, or None once nothing was
#: left to spend). A count marked exact is always the full count.
CYCLIC_STEP_BUDGET = 2_000_000


def _dag_counts(H: nx.DiGraph, starts: set[str]) -> dict[str, int]:
    """Causal paths from any of ``starts`` into every node of a DAG (exact, one pass)."""
    ways = {n: (1 if n in starts else 0) for n in H}
    for n in nx.topological_sort(H):
        if ways[n]:
            for m in H.successors(n):
                ways[m] += ways[n]
    return ways


def _cyclic_count(H: nx.DiGraph, starts: set[str], target: str, budget: list[int], useful: set[str] | None = None) -> tuple[int | None, bool]:
    """Simple paths from ``starts`` to ``target``, walked backwards:
    (count, complete?). ``budget`` is a one-item list of steps left, shared by
    all calls; incomplete means it ran out (the count is then a lower bound).
    ``useful``: the nodes some start reaches (others cannot be on such a
    path; leaving them out only saves work)."""
    if budget[0] <= 0:
        return None, False
    count, steps = 0, 0
    stack = [(target, 0, iter(H.predecessors(target)))]
    on_path = {target}
    while stack:
        node, depth, preds = stack[-1]
        nxt = next(preds, None)
        if nxt is None:
            stack.pop()
            on_path.discard(node)
            continue
        steps += 1
        budget[0] -= 1
        if budget[0] <= 0:
            return count, False
        if nxt in on_path or (useful is not None and nxt not in useful):
            continue
        if nxt in starts:
            count += 1
        on_path.add(nxt)
        stack.append((nxt, depth + 1, iter(H.predecessors(nxt))))
    return count, True


def _condition_reach(H: nx.DiGraph, conditions: list[str]) -> dict[str, int]:
    """For every node, the conditions that reach it, as a bitset over ``conditions``."""
    bit = {c: 1 << i for i, c in enumerate(conditions)}
    C = nx.condensation(H)
    members = C.graph["mapping"]
    comp_bits = dict.fromkeys(C.nodes, 0)
    for n, comp in members.items():
        comp_bits[comp] |= bit.get(n, 0)
    for comp in nx.topological_sort(C):
        for nxt in C.successors(comp):
            comp_bits[nxt] |= comp_bits[comp]
    # A condition reaches a node of its own cycle, but not itself on its own.
    return {n: comp_bits[comp] & ~(bit.get(n, 0) if C.nodes[comp]["members"] == {n} else 0) for n, comp in members.items()}


def _names(bits: int, conditions: list[str]) -> list[str]:
    return sorted(c for i, c in enumerate(conditions) if bits >> i & 1)


def whatif(G: Any, remove: Iterable[str] = (), *, treat: str | None = None) -> dict[str, Any]:
    """What the causal graph loses when nodes are taken out.

    A node taken out loses every causal path into it, so a symptom a
    treatment acts on is itself part of the answer (``taken_out``), as well
    as the symptoms further along the causal links that lose some or all of
    their paths (``symptoms``). Helping prevent a node and treating it are
    modelled alike: the node is taken out.

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
        ``{"removed": [id, ...], "treatment": id or None, "taken_out": [...],
        "symptoms": [...], "truncated": bool, "truncated_reason": str or None}``
        (truncated: the path counting ran out of budget, see below).

        Each ``taken_out`` record, one per removed node, is ``{"node",
        "type", "relations", "paths_before", "exact", "conditions_lost"}``:
        ``relations`` says how the treatment acts on it (``treats``,
        ``prevents``; empty for ``remove``), ``paths_before`` counts the
        causal paths from conditions into it, all of them lost, and
        ``conditions_lost`` the conditions that reached it. Sorted by id.

        Each ``symptoms`` record is a symptom further along the causal links
        that loses paths: ``{"symptom", "status", "paths_before",
        "paths_after", "exact", "conditions_lost", "conditions_left"}``,
        where status is ``"all"`` (no condition reaches it any more) or
        ``"some"``. Sorted: ``all`` first, then by symptom id.

        Path counts are exact when the causal links form no cycle; otherwise
        simple paths (of any length) are counted within a step budget,
        :data:`CYCLIC_STEP_BUDGET`: ``exact`` is true only when every path was
        counted; when the budget ran out it is false and the count a lower
        bound (``None`` once nothing was left to spend).
        :func:`has_losses` tells whether there is anything to report.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> for n, t in [("c", "condition"), ("m", "mechanism"), ("s", "symptom"), ("t", "symptom")]:
    ...     G.add_node(n, type=t)
    >>> for u, v in [("c", "m"), ("m", "s"), ("c", "s"), ("s", "t")]:
    ...     _ = G.add_edge(u, v, key="causes", relation="causes")
    >>> r = whatif(G, ["m"])["symptoms"][0]
    >>> r["symptom"], r["status"], r["paths_before"], r["paths_after"], r["conditions_lost"]
    ('s', 'some', 2, 1, [])
    >>> whatif(G, ["c"])["symptoms"][0]["conditions_lost"]
    ['c']
    >>> result = whatif(G, ["s"])
    >>> [(r["node"], r["paths_before"], r["conditions_lost"]) for r in result["taken_out"]]
    [('s', 2, ['c'])]
    >>> [(r["symptom"], r["status"]) for r in result["symptoms"]]
    [('t', 'all')]
    """
    removed = set(remove)
    for n in removed | ({treat} if treat else set()):
        if n not in G:
            raise nx.NodeNotFound(f"node {n!r} is not in the graph")
    how: dict[str, list[str]] = _acts(G, treat) if treat is not None else {}
    removed |= set(how)
    if not removed:
        raise FootbackError("nothing to remove: name a node with --remove or a treatment with --treat")
    before = relation_view(G, (CAUSES,))
    after = before.copy()
    after.remove_nodes_from(removed)
    conditions = sorted(n for n, t in G.nodes(data="type") if t == CONDITION)
    starts_before, starts_after = set(conditions), set(conditions) - removed
    # Only what lies downstream of a removed node can change.
    below: set[str] = set()
    for n in removed:
        below |= nx.descendants(before, n)
    symptoms = sorted(n for n in below if G.nodes[n].get("type") == SYMPTOM and n not in removed)
    reach_b, reach_a = _condition_reach(before, conditions), _condition_reach(after, conditions)
    acyclic = nx.is_directed_acyclic_graph(before)
    budget = [CYCLIC_STEP_BUDGET]
    if acyclic:
        ways_b, ways_a = _dag_counts(before, starts_before), _dag_counts(after, starts_after)
    else:
        useful_b = {n for n in before if reach_b[n]} | starts_before
        useful_a = {n for n in after if reach_a[n]} | starts_after

    def count_before(n: str) -> tuple[int | None, bool]:
        if acyclic:  # a condition counts itself as a start: not a path into it
            return ways_b[n] - (n in starts_before), True
        return _cyclic_count(before, starts_before, n, budget, useful_b)

    graded = has_evidence(G)
    taken_out = []
    for n in sorted(removed):
        n_before, exact = count_before(n)
        taken_out.append(
            {
                "node": n,
                "type": G.nodes[n].get("type"),
                "relations": how.get(n, []),
                "paths_before": n_before,
                "exact": exact,
                "conditions_lost": _names(reach_b[n], conditions),
                "evidence": _treatment_level(G, treat, n) if treat and n in how else None,
            }
        )
    out = []
    for s in symptoms:
        if not reach_b[s]:
            continue
        n_before, exact_b = count_before(s)
        n_after: int | None
        if acyclic:
            n_after, exact_a = ways_a[s], True
        else:
            n_after, exact_a = _cyclic_count(after, starts_after, s, budget, useful_a)
        lost = reach_b[s] & ~reach_a[s]
        if not lost and exact_a and exact_b and n_after is not None and n_before is not None and n_after >= n_before:
            continue
        lost_names = _names(lost, conditions)
        out.append(
            {
                "symptom": s,
                "status": "all" if not reach_a[s] else "some",
                "paths_before": n_before,
                "paths_after": n_after,
                "exact": exact_b and exact_a,
                "conditions_lost": lost_names,
                "conditions_left": _names(reach_a[s], conditions),
                # How sure the loss is: the best chain to it from what was taken out, no surer
                # than the treatment's own link to that (for --treat).
                "evidence": _loss_level(G, before, treat, how, removed, s) if graded else None,
            }
        )
    out.sort(key=lambda r: (r["status"] != "all", r["symptom"]))
    spent = budget[0] <= 0
    return {
        "removed": sorted(removed),
        "treatment": treat,
        "taken_out": taken_out,
        "symptoms": out,
        "truncated": spent,
        "truncated_reason": f"path counting stopped after {CYCLIC_STEP_BUDGET:,} steps (its budget); counts not marked exact are lower bounds" if spent else None,
    }


def _loss_level(G: Any, before: Any, treat: str | None, how: dict[str, list[str]], removed: set[str], symptom: str) -> str | None:
    """The strongest level at which something taken out reaches ``symptom``: for each removed
    node, the weaker of its best chain to the symptom and (with a treatment) the treatment's link."""
    best: str | None = None
    for r in removed:
        chain = chain_levels(before, [r]).get(symptom)
        if chain is None:
            continue
        if treat is not None and r in how:
            link = _treatment_level(G, treat, r)
            chain = max((chain, link), key=rank) if link else None
        if chain is not None and (best is None or rank(chain) < rank(best)):
            best = chain
    return best


def _treatment_level(G: Any, treatment: str, node: str) -> str | None:
    """The weakest evidence level among ``treatment``'s treats/prevents links to ``node``."""
    levels = [d.get("evidence_level") for _, v, k, d in G.out_edges(treatment, keys=True, data=True) if v == node and k in (TREATS, PREVENTS)]
    known = [lv for lv in levels if lv in LEVELS]
    return max(known, key=rank) if known else None


def has_losses(result: dict[str, Any]) -> bool:
    """Whether a :func:`whatif` result has anything to report: a node taken
    out that conditions reached, or a symptom further along that loses paths."""
    return bool(result["symptoms"]) or any(r["conditions_lost"] for r in result["taken_out"])


def common_causes(G: Any, symptoms: Iterable[str], *, max_hops: int | None = None) -> list[dict[str, Any]]:
    """Conditions ranked by how many of ``symptoms`` their causal paths reach.

    A teaching aid about the graph's structure, not a diagnosis.

    Parameters
    ----------
    G : networkx graph
    symptoms : iterable of str
        Node ids (usually symptoms; any clinical node works); a repeated id
        counts once.
    max_hops : int, optional
        Longest path considered (default: unbounded).

    Returns
    -------
    list of dict
        ``{"condition", "reaches": [id, ...], "misses": [id, ...],
        "paths": {symptom: path}}``, where a path is a record from
        :func:`graph.questions.query.paths` (the shortest). Ranked by how many symptoms
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
    hops = max_hops or len(G)
    # One backward search per symptom: for each node that reaches it, the
    # next step of a shortest causal path to it.
    toward: dict[str, dict[str, str]] = {}
    for s in wanted:
        nxt: dict[str, str] = {}
        dist = {s: 0}
        level = [s]
        while level and dist[level[0]] < hops:
            new_level = []
            for v in level:
                for u in H.predecessors(v):
                    if u not in dist:
                        dist[u] = dist[v] + 1
                        nxt[u] = v
                        new_level.append(u)
            level = new_level
        toward[s] = nxt
    ranked = []
    for c in sorted(n for n, t in G.nodes(data="type") if t == CONDITION):
        found = {}
        for s in wanted:
            if c != s and c in toward[s]:
                nodes = [c]
                while nodes[-1] != s:
                    nodes.append(toward[s][nodes[-1]])
                edges = [_edge(H, u, v) for u, v in zip(nodes, nodes[1:])]
                found[s] = {"hops": len(nodes) - 1, "nodes": nodes, "edges": edges, "evidence": weakest(edges)}
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
        raise NoPath("no condition in the graph leads to " + ", ".join(named(G, s) for s in wanted))
    ranked.sort(key=lambda r: (-len(r["reaches"]), sum(p["hops"] for p in r["paths"].values()), r["condition"]))
    return ranked
