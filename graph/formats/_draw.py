"""What the diagram formats (mermaid, dot) share: colours and the path option."""

from __future__ import annotations

from typing import Any

#: Fill colour per node type (colour-blind-safe Okabe-Ito tints); others grey.
TYPE_COLOUR = {
    "condition": "#F4C6A5",
    "mechanism": "#C9E4F6",
    "symptom": "#F7E7A1",
    "body_region": "#D5EDDF",
    "treatment": "#E3D3EC",
}
OTHER_COLOUR = "#E6E6E6"
HIGHLIGHT = "#D55E00"


def colour(node_type: Any) -> str:
    return TYPE_COLOUR.get(str(node_type), OTHER_COLOUR)


def verb(relation: str) -> str:
    """Plain words for a relation: ``causes`` -> ``can lead to``; others as they are."""
    from ..model import RELATION_VERB

    return RELATION_VERB.get(relation, relation.removeprefix("biolink:").replace("_", " "))


def path_graph(G: Any, path: tuple[str, str] | None) -> tuple[Any, set[tuple[Any, Any, Any]]]:
    """The graph to draw, and the edges to highlight.

    With ``path=(source, target)``: only the nodes and edges of the causal
    paths between them (:func:`graph.questions.query.paths`, shortest first), all
    highlighted. Without: ``G`` itself, nothing highlighted.

    Raises
    ------
    NoPath
        No path within the default bounds.
    """
    if path is None:
        return G, set()
    from ..questions.query import induced, paths

    found = paths(G, path[0], path[1])
    keep_edges = {(e["source"], e["target"], e["relation"]) for p in found for e in p["edges"]}
    nodes = [n for p in found for n in p["nodes"]]
    H = induced(G, dict.fromkeys(nodes))
    drop = [(u, v, k) for u, v, k, d in H.edges(keys=True, data=True) if (u, v, d.get("relation")) not in keep_edges]
    H.remove_edges_from(drop)
    return H, {(u, v, k) for u, v, k in H.edges(keys=True)}
