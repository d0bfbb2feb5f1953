"""File formats: each in one module that reads and writes it; the readers behind one registry.

An importer is one function ``read(path) -> networkx.MultiDiGraph`` that
raises :class:`~graph.errors.DataError` (never anything else) on bad input,
and one line in :data:`IMPORTERS`. The writers of these formats (and of the
page, the handout and the Anki deck, which live with the page and the
teaching tools) are listed in :data:`graph.exporters.FORMATS`, one room up.
Modules are imported only when their format is used, so the CLI starts fast.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DataError, Problem

__all__ = ["IMPORTERS", "Importer", "detect_format", "import_notes", "load_graph"]


@dataclass(frozen=True)
class Importer:
    name: str
    reader: str  # "module:function", imported lazily
    help: str

    def load(self) -> Any:
        module, func = self.reader.split(":")
        return getattr(importlib.import_module(module), func)


IMPORTERS: dict[str, Importer] = {
    i.name: i
    for i in [
        Importer("yaml", "graph.formats.yamlfile:load_graph_dir", "a footback YAML data directory"),
        Importer("kgx", "graph.formats.kgx:read", "a Biolink KGX TSV pair (nodes.tsv, edges.tsv), or a folder or archive holding one (an archive may hold JSON Lines)"),
        Importer("kgx-jsonl", "graph.formats.kgx:read_jsonl", "a Biolink KGX JSON Lines pair (nodes.jsonl, edges.jsonl, either possibly .gz), or a folder or archive holding one"),
        Importer("graphml", "graph.formats.graphml:read", "GraphML (footback, Gephi, Cytoscape, yEd)"),
        Importer("json", "graph.formats.jsonfile:read", "networkx node-link JSON, or Cytoscape.js JSON"),
        Importer("cytoscape", "graph.formats.jsonfile:read", "Cytoscape.js JSON (read like json)"),
    ]
}


def import_notes(G: Any) -> list[str]:
    """What the reader of ``G`` did that its user should be told
    (see :func:`graph.formats.common.import_notes`)."""
    from .common import import_notes as notes  # not imported for --help

    return notes(G)


#: File name endings and the format they mean.
_SUFFIXES = {".graphml": "graphml", ".json": "json", ".cyjs": "cytoscape"}


def detect_format(path: str | Path) -> str:
    """Guess the format of ``path`` from its name, then its first bytes.

    A folder holding ``nodes.tsv``/``edges.tsv`` (or ``NAME_nodes.tsv``) is
    KGX, one holding ``nodes.jsonl``/``edges.jsonl`` (or ``.jsonl.gz``) KGX
    JSON Lines, any other folder footback YAML; a file named ``*nodes.tsv``
    or ``*edges.tsv``, or a ``.tar.gz``/``.tgz``/``.tar`` archive, is KGX
    (an archive of JSON Lines too); ``*nodes.jsonl`` or ``*edges.jsonl``
    (``.gz``) KGX JSON Lines; ``.graphml`` GraphML; ``.json`` JSON; otherwise an
    HTML page is refused (:data:`NOT_A_GRAPH_PAGE`), a file starting with ``<``
    is GraphML and one starting with ``{`` JSON.

    Raises
    ------
    DataError
        When nothing tells.
    """
    p = Path(path)
    _refuse_special_files(p)
    if p.is_dir():
        if any(p.glob("*nodes.tsv")) and any(p.glob("*edges.tsv")):
            return "kgx"
        from .kgx import holds_pair

        return "kgx-jsonl" if holds_pair(p) else "yaml"
    name = p.name.lower()
    if name.endswith(("nodes.tsv", "edges.tsv", ".tar.gz", ".tgz", ".tar")):
        return "kgx"
    if name.endswith(("nodes.jsonl", "edges.jsonl", "nodes.jsonl.gz", "edges.jsonl.gz")):
        return "kgx-jsonl"
    if p.suffix.lower() in _SUFFIXES:
        return _SUFFIXES[p.suffix.lower()]
    if p.suffix.lower() == ".gexf":
        raise DataError(Problem(str(p), None, "footback writes GEXF but does not read it: open GraphML instead (footback export graphml)"))
    try:
        with p.open("rb") as f:
            head = f.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise DataError(Problem(str(p), None, f"cannot read: {exc.strerror}")) from None
    if is_html(head):
        raise DataError(Problem(str(p), 1, NOT_A_GRAPH_PAGE))
    if head.startswith(b"<"):
        return "graphml"
    if head.startswith(b"{"):
        return "json"
    raise DataError(Problem(str(p), None, f"cannot tell the graph format of {p} (use --graph-format: {', '.join(IMPORTERS)})"))


#: An HTML page's start (after any XML declaration and comments): its doctype or root.
_HTML = re.compile(rb"(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)

#: Why an HTML page (footback's own explorer page too) is not opened as a graph.
NOT_A_GRAPH_PAGE = (
    "an HTML page, not a graph format footback reads: open a footback YAML folder, KGX (TSV or JSON Lines), "
    "GraphML, or node-link or Cytoscape.js JSON (for a page footback wrote, the graph it was made from)"
)


def is_html(head: bytes) -> bool:
    """Whether ``head``, the first bytes of a file, start an HTML page, which is not to be read as GraphML.

    >>> is_html(b"<!DOCTYPE html>\\n<html lang='en'>"), is_html(b'<?xml version="1.0"?>\\n<graphml>')
    (True, False)
    """
    return _HTML.match(head.lstrip(b"\xef\xbb\xbf \t\r\n")) is not None


def _refuse_special_files(p: Path) -> None:
    """A pipe, socket or device is not read: opening a pipe with no writer
    waits for ever, a device such as /dev/zero never ends, and a pipe read
    once to guess its format cannot be read again."""
    import stat

    try:
        mode = p.stat().st_mode
    except OSError:
        return  # a missing path gets the importer's own message
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        kind = "a pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"
        raise DataError(Problem(str(p), None, f"{kind}, not a file or folder: save the graph to a file and open that"))


def load_graph(path: str | Path | None = None, fmt: str | None = None) -> Any:
    """Open a graph from ``path`` (default: the curated data) as a ``MultiDiGraph``.

    Any path ``--graph`` accepts works here, read by the same code and held to the
    same rules: a footback YAML data directory, a KGX TSV or JSON Lines pair (its
    folder, either file, or an archive holding one), GraphML, networkx node-link
    JSON or Cytoscape.js JSON. A graph from elsewhere is untrusted input: every
    reader is bounded in memory and time and refuses a hostile file with a located
    :class:`DataError`, never another exception.

    Parameters
    ----------
    path : str or pathlib.Path, optional
        Where the graph is; ``None`` (the default) opens the curated graph shipped
        with footback (:data:`graph.formats.yamlfile.DATA_DIR`: 92 nodes, 176 edges, citing a
        patient-education article, an anatomy textbook and 33 research sources).
    fmt : str, optional
        One of :data:`IMPORTERS` (``yaml``, ``kgx``, ``kgx-jsonl``, ``graphml``,
        ``json``, ``cytoscape``); default: detected from the name, then the first
        bytes (:func:`detect_format`).

    Returns
    -------
    networkx.MultiDiGraph
        Nodes are ids, with ``label``, ``type``, ``description``, ``synonyms`` and
        ``codes``; each edge is keyed by its relation and holds ``relation``,
        ``note``, ``cites``, ``section`` and, for a claim, ``evidence_level``,
        ``evidence_basis``, ``evidence_refs`` and ``evidence_note``. ``G.graph``
        holds ``about`` (title, disclaimer) and ``sources`` (a list of dicts).

    Raises
    ------
    DataError
        The data is missing, malformed or invalid: every problem found, each with
        its file, line and record (the command line exits 3).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> tmp = tempfile.TemporaryDirectory()
    >>> folder = pathlib.Path(tmp.name)
    >>> _ = (folder / "graph.yaml").write_text('''
    ... sources:
    ...   - {id: notes, title: Class notes, kind: teacher's notes, sections: [Feet]}
    ... nodes:
    ...   - {id: flat-feet, label: Flat feet, type: condition, description: Low arches.}
    ...   - {id: foot-pain, label: Foot pain, type: symptom, description: Sore feet.}
    ... edges:
    ...   - {from: flat-feet, relation: causes, to: foot-pain, cites: notes, section: Feet, note: Low arches tire the foot.}
    ... ''')
    >>> G = load_graph(folder)
    >>> sorted(G), [(u, v, k) for u, v, k in G.edges(keys=True)]
    (['flat-feet', 'foot-pain'], [('flat-feet', 'foot-pain', 'causes')])
    >>> _ = (folder / "more.yaml").write_text("edges: [{from: x, relation: causes, to: y}]")
    >>> try:
    ...     load_graph(folder)
    ... except DataError as e:
    ...     print(pathlib.Path(e.problems[0].file).name, e.problems[0].line, e.problems[0].message)
    more.yaml 1 edge is missing required field 'cites'
    >>> tmp.cleanup()
    """
    from .yamlfile import DATA_DIR

    if path is None:
        path, fmt = DATA_DIR, "yaml"
    _refuse_special_files(Path(path))
    fmt = fmt or detect_format(path)
    if fmt not in IMPORTERS:
        raise DataError(Problem(str(path), None, f"unknown graph format {fmt!r} (formats: {', '.join(IMPORTERS)})"))
    return IMPORTERS[fmt].load()(path)
