"""Build the networkx graph from validated records, and the artifacts in ``output/``.

``build`` is the one code path behind both ``python build_graph.py`` and
``footback build``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from ..formats.yamlfile import GraphData, load_dir

#: Artifacts written by a build: file name in the output folder -> export format.
ARTIFACTS: dict[str, str] = {
    "graph.json": "json",
    "footback.html": "html",
    "handout.html": "handout",
}


def to_networkx(data: GraphData) -> nx.MultiDiGraph:
    """Turn validated records into a ``MultiDiGraph``.

    Nodes carry ``label``, ``type``, ``description``, ``synonyms`` and
    ``codes``; edges are keyed by their relation and carry ``relation``,
    ``cites``, ``section`` and ``note``. The graph's own attributes hold the
    sources and the ``about`` block (with the disclaimer). Built by
    :class:`~graph.formats.common.GraphBuilder`, as every importer's graph is.

    >>> from graph.model import Node, Edge
    >>> data = GraphData(
    ...     nodes=[Node("a", "A", "condition", "x"), Node("b", "B", "symptom", "y")],
    ...     edges=[Edge("a", "causes", "b", "src", "Intro", "A leads to B.")],
    ...     sources={"src": {"id": "src", "title": "T"}},
    ... )
    >>> G = to_networkx(data)
    >>> G.edges["a", "b", "causes"]["note"]
    'A leads to B.'
    """
    from ..formats.common import GraphBuilder

    b = GraphBuilder({"about": dict(data.about), "sources": [dict(s) for s in data.sources.values()]})
    for n in data.nodes:
        b.add_node(n.id, n.attrs())
    for e in data.edges:  # validated: no repeats, both ends defined
        b.add_edge(e.source, e.target, e.relation, e.attrs())
    return b.graph


def load_graph_dir(path: str | Path) -> nx.MultiDiGraph:
    """Load, validate and build a YAML data directory in one step."""
    G = to_networkx(load_dir(path))
    G.graph["origin"] = str(Path(path).resolve())
    return G


def write_artifacts(G: Any, out_dir: str | Path = "output") -> list[Path]:
    """Write every artifact of :data:`ARTIFACTS` for ``G`` into ``out_dir``.

    The same graph always gives byte-identical files. Each file is written
    atomically.
    """
    from ..errors import ExportError
    from ..formats import export

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the output folder {out}: {exc.strerror or exc}") from None
    return [export(G, fmt, out / name) for name, fmt in ARTIFACTS.items()]


def build(graph_dir: str | Path | None = None, out_dir: str | Path = "output") -> list[Path]:
    """Validate a data directory (default: the curated data) and write its artifacts.

    Raises
    ------
    DataError
        When the data is invalid; nothing is written then.
    """
    from ..formats.yamlfile import DATA_DIR

    return write_artifacts(load_graph_dir(graph_dir or DATA_DIR), out_dir)
