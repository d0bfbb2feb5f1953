"""Exporters, dispatched through one registry.

A format is one function ``write(G, dest, **options)`` that writes the graph
to ``dest`` (a file, or a directory for multi-file formats) and one line in
:data:`FORMATS`. Modules are imported only when their format is used, so the
CLI starts fast. :func:`export` makes every write atomic: the exporter writes
to a temporary path next to the target, which is renamed over the target
only when the exporter succeeded.
"""

from __future__ import annotations

import importlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ExportError


@dataclass(frozen=True)
class Format:
    """One export format."""

    name: str
    writer: str  # "module:function", imported lazily
    suffix: str
    help: str
    target: str = "file"  # or "dir"
    #: Options the writer accepts beyond the graph and destination (e.g. "path").
    options: frozenset[str] = frozenset()

    def load(self) -> Any:
        module, func = self.writer.split(":")
        return getattr(importlib.import_module(module), func)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in [
        Format("json", "graph.export.nodelink:write", ".json", "networkx node-link JSON (edges key 'edges')"),
        Format("anki", "graph.export.anki:write", ".apkg", "an Anki deck: the quiz questions and one card per causal link"),
        Format("handout", "graph.export.handout:write", ".html", "a printable study sheet, one section per condition (.html or .md, from the suffix)"),
        Format("graphml", "graph.export.graphml:write", ".graphml", "GraphML for Gephi, Cytoscape, yEd (lists as JSON text)"),
        Format("gexf", "graph.export.gexf:write", ".gexf", "GEXF 1.2 for Gephi (export only)"),
        Format("cytoscape", "graph.export.cytoscape:write", ".cyjs", "Cytoscape.js JSON (elements with data)"),
        Format("kgx", "graph.export.kgx:write", "", "Biolink KGX TSV: a folder with nodes.tsv and edges.tsv", target="dir"),
        Format("cypher", "graph.export.cypher:write", ".cypher", "a Cypher script for Neo4j or FalkorDB (idempotent MERGE)"),
        Format("mermaid", "graph.export.mermaid:write", ".mmd", "a Mermaid flowchart (whole graph, --focus or --path)", options=frozenset({"path"})),
        Format("dot", "graph.export.dot:write", ".dot", "Graphviz DOT (whole graph, --focus or --path)", options=frozenset({"path"})),
        Format("html", "graph.export.html:write", ".html", "the interactive explorer page: one offline file", options=frozenset({"path", "max_nodes"})),
    ]
}


def _forbidden_dirs(G: Any) -> list[Path]:
    from ..load import DATA_DIR

    dirs = [DATA_DIR.resolve()]
    origin = G.graph.get("origin") if hasattr(G, "graph") else None
    if origin and Path(origin).is_dir():
        dirs.append(Path(origin).resolve())
    return dirs


def export(G: Any, fmt: str, out: str | Path, **options: Any) -> Path:
    """Write ``G`` in format ``fmt`` to ``out``, atomically.

    ``options`` are passed to the writer; each must be one the format
    declares in :attr:`Format.options`. To export a neighbourhood, pass the
    subgraph from :func:`graph.query.neighbourhood`.

    Raises
    ------
    ExportError
        Unknown format, a target inside a data directory, or a target whose
        folder does not exist.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (formats: {', '.join(sorted(FORMATS))})")
    spec = FORMATS[fmt]
    out = Path(out)
    target = out.resolve()
    for forbidden in _forbidden_dirs(G):
        if target == forbidden or forbidden in target.parents:
            raise ExportError(f"refusing to write {out}: it is inside the graph data directory {forbidden}")
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {out}: folder {target.parent} does not exist")
    if spec.target == "file" and target.is_dir():
        raise ExportError(f"cannot write {out}: it is a directory")
    unknown = sorted(set(options) - spec.options)
    if unknown:
        raise ExportError(f"format {fmt!r} does not take option(s): {', '.join(unknown)}")
    writer = spec.load()
    # The temporary name keeps the target's suffix: a writer may choose its
    # flavour by it (the handout writes Markdown for .md).
    tmp = target.with_name(f".{target.name}.tmp-{os.getpid()}{target.suffix}")
    try:
        if spec.target == "dir":
            tmp.mkdir()
        writer(G, tmp, **options)
        if spec.target == "dir" and target.exists():
            old = target.with_name(f".{target.name}.old-{os.getpid()}")
            os.replace(target, old)
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    except BaseException:
        if tmp.is_dir():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)
        raise
    return out
