"""The anatomy of the link: red flags, nerve roots, skin areas and the signs that point to a level.

Red flags are symptoms marked ``red_flag: true`` in the data (the loader
allows it on symptoms only). A red flag "leads to urgent care" through the
graph: what causes it is treated by an urgent-care treatment.

Nerve roots are regions that ``supplies`` a skin area (their dermatome) and
that a ``causes`` chain presses on (a mechanism ``located_in`` the root):
from those two facts the graph says which root explains a symptom felt in a
place, and which level a sign points to.
"""

from __future__ import annotations

from typing import Any

from ..model import BODY_REGION, CAUSES, LOCATED_IN, SUPPLIES, SYMPTOM, TREATS


def is_red_flag(G: Any, node: str) -> bool:
    """Whether ``node`` is a warning sign that calls for urgent care.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("s", type="symptom", red_flag=True)
    >>> G.add_node("t", type="symptom")
    >>> is_red_flag(G, "s"), is_red_flag(G, "t")
    (True, False)
    """
    return G.nodes[node].get("red_flag") in (True, "true")


def red_flags(G: Any) -> list[str]:
    """Every red-flag symptom of ``G``, in graph order."""
    return [n for n, t in G.nodes(data="type") if t == SYMPTOM and is_red_flag(G, n)]


def urgent_care(G: Any, node: str) -> list[dict[str, str]]:
    """For a red flag: the treatments acting on what causes it, as ``{"treatment", "for"}`` ids.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("ces", "numb", key="causes", relation="causes")
    >>> _ = G.add_edge("er", "ces", key="treats", relation="treats")
    >>> urgent_care(G, "numb")
    [{'treatment': 'er', 'for': 'ces'}]
    """
    out = []
    for cause, _, rel in G.in_edges(node, keys=True):
        if rel != CAUSES:
            continue
        for t, _, r in G.in_edges(cause, keys=True):
            if r == TREATS:
                out.append({"treatment": t, "for": cause})
    return out


def roots(G: Any) -> list[str]:
    """Regions that supply a skin area and that some mechanism presses on: the nerve roots of a quiz."""
    pressed = {v for u, v, r in G.edges(keys=True) if r == LOCATED_IN}
    return [n for n, t in G.nodes(data="type") if t == BODY_REGION and n in pressed and any(r == SUPPLIES for _, _, r in G.out_edges(n, keys=True))]


def pressed_on(G: Any, region: str) -> list[str]:
    """The nodes other than symptoms located in ``region``: what presses on or harms it
    (on a nerve root, the mechanisms that press on it)."""
    return [u for u, _, r in G.in_edges(region, keys=True) if r == LOCATED_IN and G.nodes[u].get("type") != SYMPTOM]


def signs_of(G: Any, root: str) -> list[tuple[str, str]]:
    """``(mechanism, symptom)`` for every symptom a mechanism pressing on ``root`` causes directly."""
    return [(m, s) for m in pressed_on(G, root) for _, s, r in G.out_edges(m, keys=True) if r == CAUSES and G.nodes[s].get("type") == SYMPTOM]


def anatomy_data(G: Any) -> dict[str, Any]:
    """What a study sheet shows of the anatomy: the nerve route, the skin areas, the red flags.

    ``route``: one line per nerve with no onward branch, from each root that
    feeds it (``branches_into`` chains); ``skin``: each nerve and the regions
    it ``supplies``; ``red_flags``: label, description and the care each calls for.
    """
    import networkx as nx

    from ..model import BRANCHES_INTO
    from ..model.records import label

    R = nx.DiGraph((u, v) for u, v, r in G.edges(keys=True) if r == BRANCHES_INTO)
    starts = [n for n in R if R.in_degree(n) == 0]
    ends = [n for n in R if R.out_degree(n) == 0]
    order = {n: i for i, n in enumerate(G)}
    route = []
    for s in sorted(starts, key=order.__getitem__):
        for e in sorted(ends, key=order.__getitem__):
            if nx.has_path(R, s, e):
                route.append(" → ".join(label(G, n) for n in nx.shortest_path(R, s, e)))
    skin = [{"nerve": label(G, u), "area": label(G, v), "note": str(d.get("note", ""))} for u, v, r, d in G.edges(keys=True, data=True) if r == SUPPLIES]
    flags = [
        {"label": label(G, n), "description": str(G.nodes[n].get("description", "")), "care": [f"{label(G, c['treatment'])} for {label(G, c['for'])}" for c in urgent_care(G, n)]} for n in red_flags(G)
    ]
    return {"route": route, "skin": skin, "red_flags": flags}
