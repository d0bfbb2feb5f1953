"""The export formats, one registry (:data:`FORMATS`), and writing a graph in any of them.

An exporter is one function ``write(G, dest, **options)`` that writes the
graph to ``dest`` (a file, or a directory for multi-file formats) and one line
in :data:`FORMATS`; the file formats' writers live in :mod:`graph.formats`
beside their readers, the page's and the teaching tools' in :mod:`graph.page`
and :mod:`graph.teaching`, so this module stands above all three.

:func:`export` makes every write atomic and safe on a shared folder: the
exporter writes into a private temporary folder beside the target, whose
file is renamed over the target only when the exporter succeeded; it never
writes through a symbolic link and never removes what it did not write
(see :mod:`graph.formats._safe`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import importlib
from dataclasses import dataclass

from .errors import ExportError
from .formats import _safe


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
    #: Not text: cannot be written to standard output.
    binary: bool = False

    def load(self) -> Any:
        module, func = self.writer.split(":")
        return getattr(importlib.import_module(module), func)


FORMATS: dict[str, Format] = {
    f.name: f
    for f in [
        Format("json", "graph.formats.jsonfile:write", ".json", "networkx node-link JSON (edges key 'edges')"),
        Format("anki", "graph.teaching.anki:write", ".apkg", "an Anki deck: the quiz questions and one card per causal link", binary=True),
        Format("handout", "graph.teaching.handout:write", ".html", "a printable study sheet, one section per condition (.html or .md, from the suffix)"),
        Format("graphml", "graph.formats.graphml:write", ".graphml", "GraphML for Gephi, Cytoscape, yEd (lists as JSON text)"),
        Format("gexf", "graph.formats.gexf:write", ".gexf", "GEXF 1.2 for Gephi (export only)"),
        Format("cytoscape", "graph.formats.cytoscape:write", ".cyjs", "Cytoscape.js JSON (elements with data)"),
        Format("kgx", "graph.formats.kgx:write", "", "Biolink KGX TSV: a folder with nodes.tsv and edges.tsv", target="dir"),
        Format("kgx-jsonl", "graph.formats.kgx:write_jsonl", "", "Biolink KGX JSON Lines: a folder with nodes.jsonl and edges.jsonl", target="dir"),
        Format("cypher", "graph.formats.cypher:write", ".cypher", "a Cypher script for Neo4j or FalkorDB (idempotent MERGE)"),
        Format("mermaid", "graph.formats.mermaid:write", ".mmd", "a Mermaid flowchart (whole graph, --focus or --path)", options=frozenset({"path"})),
        Format("dot", "graph.formats.dot:write", ".dot", "Graphviz DOT (whole graph, --focus or --path)", options=frozenset({"path"})),
        Format("html", "graph.page.html:write", ".html", "the interactive explorer page: one offline file", options=frozenset({"path", "max_nodes"})),
    ]
}


def protected(G: Any) -> tuple[list[Path], list[Path]]:
    """The folders no export may write into, and the files none may replace.

    Folders: the curated data directory, the folder ``G`` was loaded from
    (YAML or KGX), and the folder holding the KGX file it was loaded from.
    Files: the file ``G`` was loaded from (GraphML, JSON, a KGX archive or
    pair file). :func:`graph.formats.common.origin`, noted by every importer
    (and kept for a neighbourhood cut from the graph), says where that was.
    """
    from .formats.common import origin
    from .formats.yamlfile import DATA_DIR

    folders, files = [DATA_DIR.resolve()], []
    read_from = origin(G)
    if read_from:
        p = Path(read_from).resolve()
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


def export(G: Any, fmt: str, out: str | Path, *, replace_symlink: bool = False, **options: Any) -> Path:
    """Write ``G`` in format ``fmt`` to ``out``, atomically.

    ``options`` are passed to the writer; each must be one the format
    declares in :attr:`Format.options`. To export a neighbourhood, pass the
    subgraph from :func:`graph.questions.query.neighbourhood`.

    A single-file format writes a temporary file beside ``out`` and renames
    it over ``out``. A folder format (``kgx``) writes a new folder whole the
    same way; into an existing folder it replaces only the files it writes,
    each renamed into place from a temporary folder inside it, and leaves
    every other file there alone. So no half-written file is ever visible,
    and nothing the export did not write is ever removed. A file replaced
    keeps its permission bits.

    A symbolic link where the export would write a file or folder is
    refused, unless ``replace_symlink``: then the link itself is replaced
    and what it points to is left alone. Either way nothing is written
    through a link.

    Raises
    ------
    ExportError
        Unknown format or option; a target inside a data directory or the
        file the graph was loaded from (see :func:`protected`); a target
        whose folder does not exist; a folder where the format writes a
        file, or a file where it writes a folder; a symbolic link (unless
        ``replace_symlink``); or the operating system refusing the write
        (with its reason).
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
    real = _safe.real_target(out)
    _safe.refuse_symlink(real, out, replace_symlink)
    if not real.parent.exists():
        raise ExportError(f"cannot write {out}: folder {real.parent} does not exist")
    if not real.parent.is_dir():
        raise ExportError(f"cannot write {out}: {real.parent} is not a folder")
    if not real.is_symlink():  # a link (with replace_symlink) is replaced whatever it points to
        if real.exists() and not (real.is_file() or real.is_dir()):
            # os.replace would put a regular file where a device or pipe was (as root, even /dev/full)
            raise ExportError(f"cannot write {out}: it is a device, pipe or socket, not a file")
        if spec.target == "file" and real.is_dir():
            raise ExportError(f"cannot write {out}: it is a folder, and {fmt} writes one file (name a file, e.g. {out / ('graph' + spec.suffix)})")
        if spec.target == "dir" and real.exists() and not real.is_dir():
            raise ExportError(f"cannot write {out}: it is a file, and {fmt} writes a folder (name a new or existing folder)")
    writer = spec.load()
    try:
        _safe.clean_stale(real.parent)
        with _safe.cleaned_up_on_signals():
            if spec.target == "file":
                _write_file(G, writer, real, options)
            elif real.is_dir() and not real.is_symlink():
                _safe.clean_stale(real)
                _write_into_folder(G, writer, real, out, guard, replace_symlink, options)
            else:
                _write_new_folder(G, writer, real, options)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from None
    return out


def _write_file(G: Any, writer: Any, target: Path, options: dict[str, Any]) -> None:
    tmp_dir = _safe.make_tmp_dir(target.parent, target.name)
    try:
        # The temporary name keeps the target's name: a writer may choose
        # its flavour by the suffix (the handout writes Markdown for .md).
        tmp = tmp_dir / target.name
        writer(G, tmp, **options)
        _safe.adopt_mode(tmp, target, 0o666)
        os.replace(tmp, target)  # replaces a link itself, never what it points to
    finally:
        _safe.discard(tmp_dir)


def _write_new_folder(G: Any, writer: Any, target: Path, options: dict[str, Any]) -> None:
    tmp_dir = _safe.make_tmp_dir(target.parent, target.name)
    try:
        tmp = tmp_dir / target.name
        tmp.mkdir()
        writer(G, tmp, **options)
        os.chmod(tmp, 0o777 & ~_safe.umask())
        if target.is_symlink():  # only with replace_symlink: the link goes, not what it points to
            target.unlink()
        # Fails, rather than replacing, if a non-empty folder appeared meanwhile.
        os.rename(tmp, target)
    finally:
        _safe.discard(tmp_dir)


def _write_into_folder(G: Any, writer: Any, target: Path, out: Path, guard: tuple[list[Path], list[Path]], replace_symlink: bool, options: dict[str, Any]) -> None:
    # The temporary folder is inside the target, so each rename stays on one
    # file system even when the target is a mount point.
    tmp = _safe.make_tmp_dir(target, "")
    try:
        writer(G, tmp, **options)
        names = sorted(p.name for p in tmp.iterdir())
        for name in names:  # refuse before replacing anything
            dest = target / name
            _refuse_protected(dest, out / name, guard)
            _safe.refuse_symlink(dest, out / name, replace_symlink)
            if dest.is_dir() and not dest.is_symlink():
                raise ExportError(f"cannot write {out / name}: it is a folder")
        for name in names:
            _safe.adopt_mode(tmp / name, target / name, 0o666)
            os.replace(tmp / name, target / name)
    finally:
        _safe.discard(tmp)


def export_bytes(G: Any, fmt: str, **options: Any) -> bytes:
    """The file format ``fmt`` would write, as bytes (for ``-o -``, standard output).

    Only single-file text formats: a folder format or a binary one (``anki``)
    raises :class:`ExportError`. The writer writes into a private temporary
    folder, removed afterwards.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r} (formats: {', '.join(sorted(FORMATS))})")
    spec = FORMATS[fmt]
    if spec.target != "file":
        raise ExportError(f"cannot write {fmt} to standard output: it writes a folder (name one with -o DIR)")
    if spec.binary:
        raise ExportError(f"cannot write {fmt} to standard output: it is a binary file (name one with -o FILE{spec.suffix})")
    unknown = sorted(set(options) - spec.options)
    if unknown:
        raise ExportError(f"format {fmt!r} does not take option(s): {', '.join(unknown)}")
    import tempfile

    with tempfile.TemporaryDirectory(prefix="footback-") as tmp:
        dest = Path(tmp) / f"graph{spec.suffix}"
        spec.load()(G, dest, **options)
        return dest.read_bytes()
