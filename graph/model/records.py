"""One plain form of each thing the graph holds, used by every query, tool and exporter.

A node: its display name (:func:`label`), its reference in JSON
(:func:`node_ref`), and the body regions it sits in (:func:`regions`,
:func:`broader`, :func:`regions_within`). An edge: its record
(:func:`edge_record`), whose attribute dict holds ``relation``, ``note``,
``section``, ``cites`` and, for curated claims, the flat evidence attributes
(see :mod:`graph.model.evidence`). The graph itself: its title and
disclaimer (:func:`about`). Everything that hands a node or an edge to a
person or to JSON (the command line, the page, the handout, Anki, lessons,
the exporters) builds it here, so that a new field is one change.
"""

from __future__ import annotations

from typing import Any

from . import evidence as _evidence
from . import LOCATED_IN, PART_OF


#: What the graph's ``about`` block says, each as text (every reader checks them: see
#: :func:`graph.formats.common.check_graph_attrs` and the YAML reader).
ABOUT_TEXT = ("title", "description", "disclaimer")


def about(G: Any) -> dict[str, str]:
    """The graph's ``about`` block: its ``title``, ``description`` and ``disclaimer``, as text.

    Each is ``""`` when the graph does not say. Every reader refuses an
    ``about`` that is not a mapping of text; a graph built in memory may hold
    anything there, so a number is taken as its text and anything else as
    not said.

    >>> import networkx as nx
    >>> about(nx.MultiDiGraph(about={"title": "Feet", "disclaimer": "Not advice."}))
    {'title': 'Feet', 'description': '', 'disclaimer': 'Not advice.'}
    >>> about(nx.MultiDiGraph(about="Exported from Gephi")) == about(nx.MultiDiGraph(about={"title": [1, 2]}))
    True
    """
    block = G.graph.get("about")
    block = block if isinstance(block, dict) else {}
    out = {}
    for key in ABOUT_TEXT:
        value = block.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        out[key] = value if isinstance(value, str) else ""
    return out


def label(G: Any, node: Any) -> str:
    """A node's display name: its label, or its id when it has none.

    A name that is not a node (a quiz choice naming a link) is shown as it is.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", label="Flat feet")
    >>> G.add_node("b")
    >>> label(G, "a"), label(G, "b"), label(G, "not a node")
    ('Flat feet', 'b', 'not a node')
    """
    if node not in G:
        return str(node)
    return str(G.nodes[node].get("label") or node)


def node_ref(G: Any, node: Any) -> dict[str, Any]:
    """The short form of a node in every JSON answer: ``{"id", "label", "type"}``.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("heel", label="Heel", type="body_region")
    >>> node_ref(G, "heel")
    {'id': 'heel', 'label': 'Heel', 'type': 'body_region'}
    """
    data = G.nodes[node]
    return {"id": node, "label": data.get("label") or node, "type": data.get("type", "")}


def _check(G: Any, node: Any) -> None:
    if node not in G:
        import networkx as nx

        raise nx.NodeNotFound(f"node {node!r} is not in the graph")


def _out(G: Any, node: Any, relation: str) -> list[Any]:
    return [v for _, v, r in G.out_edges(node, data="relation") if r == relation]


def regions(G: Any, node: Any) -> list[Any]:
    """The body regions ``node`` sits in (its ``located_in`` edges), in data order.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("heel-pain", "heel", key="located_in", relation="located_in")
    >>> regions(G, "heel-pain")
    ['heel']
    """
    _check(G, node)
    return _out(G, node, LOCATED_IN)


def broader(G: Any, region: Any) -> list[Any]:
    """The regions ``region`` is part of, nearest first (``part_of``, transitively).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("heel", "foot", key="part_of", relation="part_of")
    >>> _ = G.add_edge("foot", "leg", key="part_of", relation="part_of")
    >>> broader(G, "heel")
    ['foot', 'leg']
    """
    _check(G, region)
    seen: dict[Any, None] = {}  # ordered, with constant-time membership (long part_of chains)
    frontier = [region]
    while frontier:
        nxt = []
        for r in frontier:
            for parent in _out(G, r, PART_OF):
                if parent != region and parent not in seen:
                    seen[parent] = None
                    nxt.append(parent)
        frontier = nxt
    return list(seen)


def regions_within(G: Any, node: Any) -> list[tuple[Any, list[Any]]]:
    """Each region ``node`` sits in, with the broader regions it is part of.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("heel-pain", "heel", key="located_in", relation="located_in")
    >>> _ = G.add_edge("heel", "foot", key="part_of", relation="part_of")
    >>> regions_within(G, "heel-pain")
    [('heel', ['foot'])]
    """
    return [(r, broader(G, r)) for r in regions(G, node)]


def sections_of(d: dict[str, Any]) -> list[str]:
    """The source sections an edge rests on, as a list (``[]`` when none).

    Curated edges hold a list; an imported graph may hold one heading as text.

    >>> sections_of({"section": "Bunions"}), sections_of({"section": ["A", "B"]}), sections_of({})
    (['Bunions'], ['A', 'B'], [])
    """
    value = d.get("section")
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        return [str(s) for s in value if s not in (None, "")]
    return [] if value is None else [str(value)]


def edge_record(u: Any, v: Any, d: dict[str, Any], relation: str | None = None) -> dict[str, Any]:
    """An edge as a plain record.

    Parameters
    ----------
    u, v : node ids
    d : dict
        The edge's networkx attributes.
    relation : str, optional
        The relation, when ``d`` lacks it (the key of a multigraph edge).

    Returns
    -------
    dict
        ``{"source", "target", "relation", "note", "section": [heading, ...],
        "cites", "evidence": {"level", "basis", "refs", "note"} or None}``;
        ``relation``, ``note`` and ``cites`` as text, whatever a reader left in ``d``.

    >>> r = edge_record("a", "b", {"relation": "causes", "note": "N.", "section": "S", "cites": "x"})
    >>> r["section"], r["evidence"]
    (['S'], None)
    """
    ev = _evidence.of(d)
    return {
        "source": u,
        "target": v,
        "relation": str(d.get("relation", relation or "")),
        "note": str(d.get("note") or ""),
        "section": sections_of(d),
        "cites": str(d.get("cites") or ""),
        "evidence": ev.to_json() if ev else None,
    }
