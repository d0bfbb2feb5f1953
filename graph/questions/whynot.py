"""Why a path question has an empty answer, and what to ask instead.

An empty ``paths`` (or ``explain``) answer is one of: the graph holds none of the
relations asked for; the bounds cut every path (``--max-hops``, ``--avoid``,
``--via``); an end is a body region while causal links join conditions, mechanisms and
symptoms (``paths heel "lower back pain"``: Heel pain is meant); or the graph's sources
draw no such link at all. :func:`why_no_path` tells which, with what each end does
reach or what leads to it, and commands to try, quoted for a shell.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from typing import Any

from ..language.grammar import agree, count
from ..model import BODY_REGION, CAUSES, LOCATED_IN, PART_OF

#: Most nodes named on a "leads to" line.
SHOWN = 6


def _label(G: Any, node: str) -> str:
    from ..model.records import label

    return label(G, node)


def _typed(G: Any, node: str) -> str:
    """How a person would type ``node`` in a shell: its label, lower case, quoted."""
    from ..language.names import resolve
    from ..errors import FootbackError

    text = _label(G, node).lower()
    try:
        if resolve(G, text) == node:
            return shlex.quote(text)
    except FootbackError:
        pass
    return shlex.quote(str(node))


def _listing(G: Any, nodes: list[str]) -> str:
    shown = ", ".join(_label(G, n) for n in nodes[:SHOWN])
    more = len(nodes) - SHOWN
    return shown + (f", and {more} more" if more > 0 else "")


def _hops(H: Any, s: str, t: str) -> int | None:
    import networkx as nx

    try:
        return len(nx.bidirectional_shortest_path(H, s, t)) - 1
    except (nx.NetworkXNoPath, nx.NodeNotFound):
        return None


def _sits_in(G: Any, region: str) -> list[str]:
    """Nodes located in ``region`` or in any of its parts, by label."""
    from .query import upstream

    places = {region} | {n for n, _ in upstream(G, region, relations=(PART_OF,))}
    found = {u for p in places for u, _, rel in G.in_edges(p, data="relation") if rel == LOCATED_IN}
    return sorted(found, key=lambda n: (_label(G, n).lower(), n))


def why_no_path(
    G: Any,
    source: str,
    target: str,
    *,
    relations: Iterable[str] = (CAUSES,),
    max_hops: int = 6,
    via: str | None = None,
    avoid: Iterable[str] = (),
    command: str = "paths",
) -> dict[str, Any]:
    """Why there is no path from ``source`` to ``target`` within the bounds.

    Returns
    -------
    dict
        ``reason``: ``no_such_links``, ``max_hops``, ``avoid``, ``via``,
        ``body_region`` or ``no_link``; ``text``: the sentence saying so;
        ``reaches`` / ``reached_from``: what ``source`` leads to and what leads to
        ``target`` (ids, nearest first); ``try``: commands to try instead.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("heel", label="Heel", type="body_region")
    >>> G.add_node("heel-pain", label="Heel pain", type="symptom")
    >>> G.add_node("lbp", label="Lower back pain", type="symptom")
    >>> _ = G.add_edge("heel-pain", "heel", key="located_in", relation="located_in")
    >>> _ = G.add_edge("heel-pain", "lbp", key="causes", relation="causes")
    >>> why = why_no_path(G, "heel", "lbp")
    >>> why["reason"], why["try"]
    ('body_region', ["footback paths 'heel pain' 'lower back pain'"])
    """
    from .query import check_relations, graph_relations, relation_view

    relations = tuple(relations)
    avoid = list(avoid)
    rels = ", ".join(relations)
    out: dict[str, Any] = {"reason": "", "text": "", "reaches": [], "reached_from": [], "try": []}

    held = list(graph_relations(G))
    if not any(r in held for r in relations):
        shown = ", ".join(held[:5]) + (", ..." if len(held) > 5 else "")
        out.update(reason="no_such_links", text=f"this graph has no {rels} links; its relations: {shown or 'none'}; choose with --relation")
        return out
    relations = check_relations(G, relations)
    H = relation_view(G, relations)
    free = _hops(H, source, target)  # the shortest path with no bounds at all
    H_avoid = H.copy()
    H_avoid.remove_nodes_from(avoid)
    bounded = _hops(H_avoid, source, target)

    def cmd(s: str, t: str, *extra: str) -> str:
        return " ".join(["footback", command, _typed(G, s), _typed(G, t), *extra])

    if via is not None and bounded is not None:
        out.update(reason="via", text=f"there are paths, but none within {count(max_hops, 'hop')} passes through {_label(G, via)} (--via)", **{"try": [cmd(source, target)]})
        return out
    if bounded is not None and bounded > max_hops:
        out.update(reason="max_hops", text=f"the shortest has {count(bounded, 'step')}", **{"try": [cmd(source, target, "--max-hops", str(bounded))]})
        return out
    if free is not None and avoid:
        names = ", ".join(_label(G, a) for a in avoid)
        out.update(reason="avoid", text=f"every path passes through what --avoid leaves out ({names})", **{"try": [cmd(source, target)]})
        return out

    from .query import downstream, upstream

    out["reaches"] = [n for n, _ in downstream(G, source, relations=relations)]
    out["reached_from"] = [n for n, _ in upstream(G, target, relations=relations)]
    regions = [n for n in (source, target) if G.nodes[n].get("type") == BODY_REGION]
    if regions and CAUSES in relations:
        region = regions[0]
        inside = _sits_in(G, region)
        if region == source:
            useful = [n for n in inside if _hops(H, n, target) is not None]
            tries = [cmd(n, target) for n in useful[:3]]
        else:
            useful = [n for n in inside if _hops(H, source, n) is not None]
            tries = [cmd(source, n) for n in useful[:3]]
        if _hops(relation_view(G, (PART_OF,)), source, target) is not None:
            tries.append(cmd(source, target, "--relation", PART_OF))
        what = f"What sits in {_label(G, region)}: {_listing(G, inside)}" if inside else f"Nothing in this graph sits in {_label(G, region)}"
        out.update(
            reason="body_region",
            text=(f"{_label(G, region)} {agree('is', _label(G, region))} a body region, and {CAUSES} links join conditions, mechanisms and symptoms, not places. {what}."),
            **{"try": tries},
        )
        return out
    back = _hops(H, target, source)
    text = f"the graph's sources draw none along {rels} links, at any length"
    if back is not None:
        text += "; the links run the other way"
        out["try"] = [cmd(target, source)]
    out.update(reason="no_link", text=text)
    return out


def region_hint(G: Any, node: str, command: str) -> str:
    """For ``causes``/``effects`` of a body region (which no causes link touches): what
    sits in it, and the command to ask of the first of those instead; else ""."""
    if G.nodes[node].get("type") != BODY_REGION:
        return ""
    edges = G.in_edges if command == "causes" else G.out_edges
    inside = _sits_in(G, node)
    linked = [n for n in inside if any(rel == CAUSES for *_, rel in edges(n, data="relation"))]
    said = f" ({_label(G, node)} {agree('is', _label(G, node))} a body region, and {CAUSES} links join conditions, mechanisms and symptoms, not places"
    if not inside:
        return said + ")"
    return said + f"; what sits in it: {_listing(G, inside)}" + (f"; try: footback {command} {_typed(G, linked[0])})" if linked else ")")


def no_path_message(
    G: Any, source: str, target: str, *, relations: Iterable[str] = (CAUSES,), max_hops: int = 6, via: str | None = None, avoid: Iterable[str] = (), command: str = "paths", head: str | None = None
) -> str:
    """The whole message of an empty path answer: what was asked, why it is empty
    (:func:`why_no_path`), what each end reaches, what to try."""
    relations, avoid = tuple(relations), list(avoid)
    why = why_no_path(G, source, target, relations=relations, max_hops=max_hops, via=via, avoid=avoid, command=command)
    if head is None:
        through = f" through {_label(G, via)}" if via else ""
        head = f"no path from {_label(G, source)} to {_label(G, target)}{through} within {count(max_hops, 'hop')}"
    return "\n  ".join([f"{head}: {why['text']}", *explain_lines(G, source, target, why, relations)])


def explain_lines(G: Any, source: str, target: str, why: dict[str, Any], relations: Iterable[str] = (CAUSES,)) -> list[str]:
    """The lines after the first of an empty answer: what each end reaches, what to try."""
    lines = []
    causal = tuple(relations) == (CAUSES,)
    if why["reason"] in ("no_link", "body_region"):
        s, t = _label(G, source), _label(G, target)
        region = why["reason"] == "body_region"
        if region and G.nodes[source].get("type") == BODY_REGION:
            pass  # a place leads to nothing by causes links: said already
        elif why["reaches"]:
            lines.append(f"{s} {'can lead to' if causal else 'reaches'}: {_listing(G, why['reaches'])}")
        else:
            lines.append(f"{s} {'leads to' if causal else 'reaches'} nothing in this graph")
        if region and G.nodes[target].get("type") == BODY_REGION:
            pass
        elif why["reached_from"]:
            lines.append(f"What {'can lead to' if causal else 'reaches'} {t}: {_listing(G, why['reached_from'])}")
        else:
            lines.append(f"Nothing in this graph {'leads to' if causal else 'reaches'} {t}")
    for c in why["try"]:
        lines.append(f"Try: {c}")
    return lines
