"""networkx node-link JSON, deterministic.

A node attribute named ``id``, or an edge attribute named ``source``,
``target`` or ``key`` (the names node-link JSON keeps for itself) is written
as ``attr:NAME`` (see :func:`graph.attrcodec.rename`) and read back under its
own name.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..present import finite  # NaN and infinities as null: JSON has no words for them


NODE_RESERVED = frozenset({"id"})
EDGE_RESERVED = frozenset({"source", "target", "key"})


def to_json(G: Any) -> str:
    """Serialise ``G`` as node-link JSON text: sorted keys, a newline at the end."""
    import networkx as nx

    from ..attrcodec import renamed

    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, renamed(d, NODE_RESERVED)) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        H.add_edges_from((u, v, k, renamed(d, EDGE_RESERVED)) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        H.add_edges_from((u, v, renamed(d, EDGE_RESERVED)) for u, v, d in G.edges(data=True))
    data = nx.node_link_data(H, edges="edges")
    data["graph"] = {k: v for k, v in data["graph"].items() if k != "origin"}
    return json.dumps(finite(data), indent=2, sort_keys=True, ensure_ascii=False, default=str, allow_nan=False) + "\n"


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write node-link JSON to ``dest``."""
    Path(dest).write_text(to_json(G), encoding="utf-8")
