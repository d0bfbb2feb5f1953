"""GEXF 1.2 for Gephi (export only).

Nodes carry their ``label``; edges are labelled with their relation. Every
other attribute is declared in ``<attributes>`` with its GEXF type; lists
and other values GEXF cannot hold are JSON text, as in GraphML (see
:mod:`graph.model.attrcodec`), and the attribute ``footback_json`` on the graph's
``<meta>`` description names them. The disclaimer goes in ``<meta>``.
An attribute named ``id``, or an edge attribute named ``key``, ``source``,
``target`` or ``label`` (GEXF's own edge label is the relation), is written
as ``attr:NAME``. footback reads GraphML, not GEXF, back: use ``graphml``
for a round trip.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from ..model.records import about

NS = "http://www.gexf.net/1.2draft"


def _gexf_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    return "string"


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _declare(parent: ET.Element, cls: str, dicts: list[dict[str, Any]], skip: set[str]) -> dict[str, str]:
    """Declare the attributes of one class; return name -> GEXF attribute id."""
    types: dict[str, str] = {}
    for d in dicts:
        for k, v in d.items():
            if k in skip:
                continue
            t = _gexf_type(v)
            types[k] = t if types.get(k, t) == t else "string"
    ids = {}
    if types:
        attrs = ET.SubElement(parent, "attributes", {"class": cls, "mode": "static"})
        for i, (name, t) in enumerate(types.items()):
            ids[name] = f"{cls[0]}{i}"
            ET.SubElement(attrs, "attribute", {"id": ids[name], "title": name, "type": t})
    return ids


def _values(el: ET.Element, d: dict[str, Any], ids: dict[str, str]) -> None:
    present = [(ids[k], v) for k, v in d.items() if k in ids]
    if present:
        vals = ET.SubElement(el, "attvalues")
        for aid, v in present:
            ET.SubElement(vals, "attvalue", {"for": aid, "value": _text(v)})


#: Names GEXF (and networkx's GEXF reader) keep for themselves: an attribute so
#: named is written as ``attr:NAME`` (see :func:`graph.model.attrcodec.rename`).
NODE_RESERVED = frozenset({"id"})
EDGE_RESERVED = frozenset({"id", "key", "source", "target", "label"})


def _renamed(H: Any) -> Any:
    import networkx as nx

    from ..model.attrcodec import renamed

    R = nx.MultiDiGraph()
    R.graph.update(H.graph)
    R.add_nodes_from((n, renamed(d, NODE_RESERVED)) for n, d in H.nodes(data=True))
    R.add_edges_from((u, v, renamed(d, EDGE_RESERVED)) for u, v, d in H.edges(data=True))
    return R


def to_bytes(G: Any) -> bytes:
    """The GEXF document for ``G``, deterministic (no timestamp)."""
    from ..model.attrcodec import JSON_KEY, encode

    H = encode(_renamed(G))
    root = ET.Element("gexf", {"xmlns": NS, "version": "1.2"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "footback"
    said = about(G)
    desc = " ".join(said[k] for k in ("title", "disclaimer") if said[k])
    if H.graph.get(JSON_KEY):
        desc = (desc + " " if desc else "") + f"[{JSON_KEY}: {H.graph[JSON_KEY]}]"
    if desc:
        ET.SubElement(meta, "description").text = desc
    graph = ET.SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static"})
    node_ids = _declare(graph, "node", [d for _, d in H.nodes(data=True)], {"label"})
    edge_ids = _declare(graph, "edge", [d for *_, d in H.edges(data=True)], set())
    nodes = ET.SubElement(graph, "nodes")
    for n, d in H.nodes(data=True):
        el = ET.SubElement(nodes, "node", {"id": n, "label": _text(d.get("label", n))})
        _values(el, d, node_ids)
    edges = ET.SubElement(graph, "edges")
    for i, (u, v, d) in enumerate(H.edges(data=True)):
        el = ET.SubElement(edges, "edge", {"id": str(i), "source": u, "target": v, "label": _text(d.get("relation", ""))})
        _values(el, d, edge_ids)
    ET.indent(root, space="  ")
    body: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write GEXF to ``dest``."""
    Path(dest).write_bytes(to_bytes(G))
