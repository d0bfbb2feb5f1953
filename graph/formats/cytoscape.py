"""Cytoscape.js JSON: ``{"data": {...}, "elements": {"nodes": [...], "edges": [...]}}``.

Each element's ``data`` holds its id (edges: ``SOURCE RELATION TARGET``,
with `` #2``, `` #3``... added to one that would repeat a node's id or an
earlier edge's),
``source`` and ``target`` for edges, and every footback attribute as it is
(``label``, ``type``, lists as lists), so ``cy.add(doc.elements)`` or
Cytoscape desktop's *File > Import > Network from File* shows the graph and
``data(label)`` can label it. ``footback --graph FILE`` reads it back. An
attribute named like one of Cytoscape's own keys (``id``, ``source``,
``target``, ``parent``) is written as ``attr:NAME`` and read back as NAME.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..model.attrcodec import renamed
from ..present import finite

#: Names Cytoscape.js keeps for itself (``parent`` makes a compound node); an
#: attribute so named is written as ``attr:NAME`` (:func:`graph.model.attrcodec.rename`).
NODE_RESERVED = frozenset({"id", "parent"})
EDGE_RESERVED = frozenset({"id", "source", "target", "key", "parent"})


def to_data(G: Any) -> dict[str, Any]:
    """The Cytoscape.js document for ``G`` as plain data."""
    nodes = []
    for n, d in G.nodes(data=True):
        data = {"id": str(n)}
        data.update(renamed(d, NODE_RESERVED))
        nodes.append({"data": data})
    edges = []
    seen = {str(n) for n in G.nodes}  # Cytoscape.js: no edge may share a node's id either
    for u, v, d in G.edges(data=True):
        rel = d.get("relation", "")
        eid = base = f"{u} {rel} {v}"
        # Ends or relations holding spaces can spell the same id twice
        # ('a b' c 'd', 'a' 'b c' 'd'); Cytoscape needs every id unique.
        n = 1
        while eid in seen:
            n += 1
            eid = f"{base} #{n}"
        seen.add(eid)
        data = {"id": eid, "source": str(u), "target": str(v)}
        data.update(renamed(d, EDGE_RESERVED))
        edges.append({"data": data})
    return {"data": dict(G.graph), "directed": True, "multigraph": G.is_multigraph(), "elements": {"nodes": nodes, "edges": edges}}


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write Cytoscape.js JSON to ``dest``."""
    text = json.dumps(finite(to_data(G)), indent=2, sort_keys=True, ensure_ascii=False, default=str, allow_nan=False)
    Path(dest).write_text(text + "\n", encoding="utf-8")
