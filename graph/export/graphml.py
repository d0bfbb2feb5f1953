"""GraphML for Gephi, Cytoscape and yEd (and footback's own ``--graph``).

Lists (``synonyms``, ``codes``), the graph's ``about`` and ``sources`` and
any other value GraphML cannot hold are written as JSON text, listed in the
graph attribute ``footback_json`` (see :mod:`graph.attrcodec`). Edge ids are
``e0``, ``e1``, ... in edge order: unique, as Gephi needs (it keeps one edge
per id), and deterministic. The relation is the edge's ``relation``
attribute, from which footback's reader takes it (and the edge's key) back.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def to_bytes(G: Any) -> bytes:
    """The GraphML document for ``G``, deterministic."""
    import networkx as nx

    from ..attrcodec import encode, renamed

    # GraphML keeps no attribute name for itself, but a name that looks
    # renamed by another format (attr:id) is escaped, as every reader of
    # footback's undoes that renaming.
    R = nx.MultiDiGraph()
    R.graph.update(G.graph)
    R.add_nodes_from((n, renamed(d, frozenset())) for n, d in G.nodes(data=True))
    R.add_edges_from((u, v, renamed(d, frozenset())) for u, v, d in G.edges(data=True))
    H = encode(R)
    # networkx writes a multigraph edge's key as its id, and footback's keys
    # are relations, repeated across edges: number the edges instead.
    K = nx.MultiDiGraph()
    K.graph.update(H.graph)
    K.add_nodes_from(H.nodes(data=True))
    K.add_edges_from((u, v, f"e{i}", d) for i, (u, v, d) in enumerate(H.edges(data=True)))
    text = "\n".join(nx.generate_graphml(K, encoding="utf-8", prettyprint=True))
    return (text.rstrip("\n") + "\n").encode("utf-8")


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write GraphML to ``dest``."""
    Path(dest).write_bytes(to_bytes(G))
