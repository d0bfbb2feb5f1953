"""Exporters, dispatched through one registry.

A format is one function ``write(G, dest, **options)`` that writes the graph
to ``dest`` (a file, or a directory for multi-file formats) and one line in
:data:`FORMATS`. Modules are imported only when their format is used, so the
CLI starts fast. :func:`export` makes every write atomic: the exporter writes
to a temporary path next to the target, which is renamed over the target
only when the exporter succeeded, and never removes what it did not write.
"""

from __future__ import annotations

import importlib
import os
import shutil
import tempfile
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
        Format("kgx-jsonl", "graph.export.kgx_jsonl:write", "", "Biolink KGX JSON Lines: a folder with nodes.jsonl and edges.jsonl", target="dir"),
        Format("cypher", "graph.export.cypher:write", ".cypher", "a Cypher script for Neo4j or FalkorDB (idempotent MERGE)"),
        Format("mermaid", "graph.export.mermaid:write", ".mmd", "a Mermaid flowchart (whole graph, --focus or --path)", options=frozenset({"path"})),
        Format("dot", "graph.export.dot:write", ".dot", "Graphviz DOT (whole graph, --focus or --path)", options=frozenset({"path"})),
        Format("html", "graph.export.html:write", ".html", "the interactive explorer page: one offline file", options=frozenset({"path", "max_nodes"})),
    ]
}


def protected(G: Any) -> tuple[list[Path], list[Path]]:
    """The folders no export may write into, and the files none may replace.

    Folders: the curated data directory, the folder ``G`` was loaded from
    (YAML or KGX), and the folder holding the KGX file it was loaded from.
    Files: the file ``G`` was loaded from (GraphML, JSON, a KGX archive or
    pair file). ``G.graph["origin"]``, set by every importer, says where
    that was.
    """
    from ..load import DATA_DIR

    folders, files = [DATA_DIR.resolve()], []
    origin = G.graph.get("origin") if hasattr(G, "graph") else None
    if origin:
        p = Path(origin).resolve()
        if p.is_dir():
            folders.append(p)
        else:
            files.append(p)
            if p.name.lower().endswith(("nodes.tsv", "edges.tsv", "nodes.jsonl", "edges.jsonl", "nodes.jsonl.gz", "edges.jsonl.gz")):
                folders.append(p.parent)  # a KGX pair: its folder is the data set
    return folders, files


def _refuse_protected(path: Path, shown: Path, guard: tuple[list[Path], list[Path]]) -> None:
    folders, files = guard
    for folder in folders:
        if path == folder or folder in path.parents:
            raise ExportError(f"refusing to write {shown}: it is inside the graph data directory {folder}")
    for file in files:
        if path == file or (path.exists() and file.exists() and os.path.samefile(path, file)):
            raise ExportError(f"refusing to write {shown}: the graph was loaded from it")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _discard(tmp: Path) -> None:
    """Remove a temporary file or folder; an error doing so must not hide the first one."""
    try:
        if tmp.is_dir() and not tmp.is_symlink():
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            tmp.unlink(missing_ok=True)
    except OSError:
        pass


def export(G: Any, fmt: str, out: str | Path, **options: Any) -> Path:
    """Write ``G`` in format ``fmt`` to ``out``, atomically.

    ``options`` are passed to the writer; each must be one the format
    declares in :attr:`Format.options`. To export a neighbourhood, pass the
    subgraph from :func:`graph.query.neighbourhood`.

    A single-file format writes a temporary file beside ``out`` and renames
    it over ``out``. A folder format (``kgx``) writes a new folder whole the
    same way; into an existing folder it replaces only the files it writes,
    each renamed into place from a temporary folder inside it, and leaves
    every other file there alone. So no half-written file is ever visible,
    and nothing the export did not write is ever removed.

    Raises
    ------
    ExportError
        Unknown format or option; a target inside a data directory or the
        file the graph was loaded from (see :func:`protected`); a target
        whose folder does not exist; a folder where the format writes a
        file, or a file where it writes a folder; or the operating system
        refusing the write (with its reason).
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (formats: {', '.join(sorted(FORMATS))})")
    spec = FORMATS[fmt]
    unknown = sorted(set(options) - spec.options)
    if unknown:
        raise ExportError(f"format {fmt!r} does not take option(s): {', '.join(unknown)}")
    out = Path(out)
    try:
        target = out.resolve()
    except (OSError, RuntimeError) as exc:  # e.g. a symlink loop
        raise ExportError(f"cannot write {out}: {getattr(exc, 'strerror', None) or exc}") from None
    guard = protected(G)
    _refuse_protected(target, out, guard)
    if not target.parent.exists():
        raise ExportError(f"cannot write {out}: folder {target.parent} does not exist")
    if not target.parent.is_dir():
        raise ExportError(f"cannot write {out}: {target.parent} is not a folder")
    if target.exists() and not (target.is_file() or target.is_dir()):
        # os.replace would put a regular file where a device or pipe was (as root, even /dev/full)
        raise ExportError(f"cannot write {out}: it is a device, pipe or socket, not a file")
    if spec.target == "file" and target.is_dir():
        raise ExportError(f"cannot write {out}: it is a folder, and {fmt} writes one file (name a file, e.g. {out / ('graph' + spec.suffix)})")
    if spec.target == "dir" and target.exists() and not target.is_dir():
        raise ExportError(f"cannot write {out}: it is a file, and {fmt} writes a folder (name a new or existing folder)")
    writer = spec.load()
    try:
        if spec.target == "file":
            _write_file(G, writer, target, options)
        elif target.is_dir():
            _write_into_folder(G, writer, target, out, guard, options)
        else:
            _write_new_folder(G, writer, target, options)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    return out


def _write_file(G: Any, writer: Any, target: Path, options: dict[str, Any]) -> None:
    # The temporary name keeps the target's suffix: a writer may choose its
    # flavour by it (the handout writes Markdown for .md).
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=f".tmp{target.suffix}", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        writer(G, tmp, **options)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp made it private; give it a new file's mode
        os.replace(tmp, target)
    except BaseException:
        _discard(tmp)
        raise


def _write_new_folder(G: Any, writer: Any, target: Path, options: dict[str, Any]) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        writer(G, tmp, **options)
        os.chmod(tmp, 0o777 & ~_umask())
        # Fails, rather than replacing, if a non-empty folder appeared meanwhile.
        os.rename(tmp, target)
    except BaseException:
        _discard(tmp)
        raise


def _write_into_folder(G: Any, writer: Any, target: Path, out: Path, guard: tuple[list[Path], list[Path]], options: dict[str, Any]) -> None:
    # The temporary folder is inside the target, so each rename stays on one
    # file system even when the target is a mount point.
    tmp = Path(tempfile.mkdtemp(prefix=".footback-export.", suffix=".tmp", dir=target))
    try:
        writer(G, tmp, **options)
        names = sorted(p.name for p in tmp.iterdir())
        for name in names:  # refuse before replacing anything
            dest = target / name
            _refuse_protected(dest, out / name, guard)
            if dest.is_dir() and not dest.is_symlink():
                raise ExportError(f"cannot write {out / name}: it is a folder")
        for name in names:
            os.replace(tmp / name, target / name)
    finally:
        _discard(tmp)
