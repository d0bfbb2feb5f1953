"""GraphML for Gephi, Cytoscape and yEd (and footback's own ``--graph``).

Lists (``synonyms``, ``codes``), the graph's ``about`` and ``sources`` and
any other value GraphML cannot hold are written as JSON text, listed in the
graph attribute ``footback_json`` (see :mod:`graph.attrcodec`). Edge ids are
the relation, so each edge reads back with its key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def to_bytes(G: Any) -> bytes:
    """The GraphML document for ``G``, deterministic."""
    import networkx as nx

    from ..attrcodec import encode

    H = encode(G)
    text = "\n".join(nx.generate_graphml(H, encoding="utf-8", prettyprint=True))
    return (text.rstrip("\n") + "\n").encode("utf-8")


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write GraphML to ``dest``."""
    Path(dest).write_bytes(to_bytes(G))
