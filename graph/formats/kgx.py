"""Biolink KGX, read and written: a TSV pair (``nodes.tsv`` and ``edges.tsv``)
or a JSON Lines pair (``nodes.jsonl`` and ``edges.jsonl``; see the section
"KGX JSON Lines" below), sharing one mapping of columns and one reading of
archives.

``--graph`` may name the directory holding the pair, or either file of it
(``nodes.tsv``/``edges.tsv``, or KGX's ``NAME_nodes.tsv``/``NAME_edges.tsv``).
A ``metadata.json`` beside them (as footback writes) gives the graph's own
attributes: the disclaimer and the sources. A ``.tar.gz`` (or ``.tgz``,
``.tar``) archive holding one pair, as KGX graphs are often published, is read
in place: nothing is extracted to disk (an archive of KGX JSON Lines is
read by :func:`read_pair`).
Categories and predicates map back onto footback's types and relations
(:mod:`graph.model.biolink`); others are kept verbatim. Every row is checked, and
each problem names its file and line.

The files are read as KGX itself reads them (see :func:`_rows`): no CSV
quoting, short rows padded with empty cells, an exactly repeated node row
merged. The values footback's writer kept aside in ``metadata.json``
(``footback_exact``, ``footback_absent``: see :mod:`graph.formats.kgx`) are
put back, so footback reads its own export exactly.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..model import biolink
from . import checks
from .common import Duplicates, GraphBuilder, Problems, check_evidence, check_graph_attrs, fail, gc_paused, merge_node, set_origin
from .limits import not_utf8, refuse_special
from ..model.attrcodec import original_name, rename
from ..model.records import about
from ..errors import ExportError
from ..present import finite

NODE_REQUIRED = ("id", "category")
EDGE_REQUIRED = ("subject", "predicate", "object")
#: Edge columns footback does not keep: it names an edge by subject, predicate and object.
EDGE_DROPPED = frozenset({"id"})


def find_pair(path: str | Path) -> tuple[Path, Path]:
    """The ``(nodes, edges)`` files that ``path`` names or holds.

    Raises
    ------
    DataError
        When ``path`` holds no pair, or several, or when a file of the pair
        (or its metadata) is a pipe, socket or device: a pipe would hang the
        read, a device never end.
    """
    nodes, edges = _find_pair(path)
    for f in (nodes, edges, nodes.with_name(nodes.name[: -len("nodes.tsv")] + "metadata.json")):
        refuse_special(f)
    return nodes, edges


def _find_pair(path: str | Path) -> tuple[Path, Path]:
    p = Path(path)
    if p.is_dir():
        plain = (p / "nodes.tsv", p / "edges.tsv")
        if plain[0].is_file() and plain[1].is_file():
            return plain
        nodes = sorted(p.glob("*nodes.tsv"))
        pairs = [(n, n.with_name(n.name[: -len("nodes.tsv")] + "edges.tsv")) for n in nodes]
        for _, e in pairs:
            refuse_special(e)
        pairs = [(n, e) for n, e in pairs if e.is_file()]
        if len(pairs) == 1:
            return pairs[0]
        if not pairs:
            raise fail(p, None, "no KGX pair here (expected nodes.tsv and edges.tsv, or NAME_nodes.tsv and NAME_edges.tsv)")
        raise fail(p, None, "several KGX pairs here: " + ", ".join(n.name for n, _ in pairs) + " (name one of the files)")
    name = p.name
    if name.endswith("nodes.tsv"):
        pair = (p, p.with_name(name[: -len("nodes.tsv")] + "edges.tsv"))
    elif name.endswith("edges.tsv"):
        pair = (p.with_name(name[: -len("edges.tsv")] + "nodes.tsv"), p)
    else:
        raise fail(p, None, "a KGX file's name must end in nodes.tsv or edges.tsv")
    for f in pair:
        if not f.is_file():
            refuse_special(f)
            raise fail(f, None, "missing: a KGX graph is a pair of nodes and edges files")
    return pair


def _rows(path: Path, required: tuple[str, ...], problems: Problems) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line, row)`` after checking the header; rows have the header's width.

    Read as KGX reads TSV (``pandas.read_csv(sep="\\t", quoting=QUOTE_NONE,
    lineterminator="\\n")``): no quoting, so a ``"`` is an ordinary character;
    lines end at LF only (a CR before it, as Windows writes, is dropped); a
    row that leaves out trailing cells has them empty; a row with more cells
    than the header is a problem. A UTF-8 byte-order mark (as Excel writes)
    is not part of the first column's name.
    """
    try:
        f = path.open(encoding="utf-8-sig", newline="\n")
    except OSError as exc:
        raise fail(path, None, f"cannot read: {exc.strerror}") from None
    line = 0
    with f:
        try:
            first = f.readline()
            if not first.strip("\r\n"):
                raise fail(path, None, "file is empty: expected a header row with columns " + ", ".join(required))
            header = first.rstrip("\n").removesuffix("\r").split("\t")
            line = 1
            missing = [c for c in required if c not in header]
            if missing:
                raise fail(path, 1, f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} (header has: {', '.join(header) or 'nothing'})")
            dupes = sorted(c for c, n in Counter(header).items() if n > 1)  # linear: a header may be 200,000 columns wide
            if dupes:
                raise fail(path, 1, f"column {', '.join(dupes)} appears more than once in the header")
            yield 1, header
            width = len(header)
            for line, text in enumerate(f, 2):
                if text[-1:] == "\n":
                    text = text[:-1]
                if text[-1:] == "\r":
                    text = text[:-1]
                if not text:  # a blank line
                    continue
                row = text.split("\t")
                n = len(row)
                if n == width:
                    yield line, row
                elif n < width:  # trailing empty cells left out, as KGX reads them
                    yield line, row + [""] * (width - n)
                else:
                    problems.add(path, line, f"row has {n} cells but the header has {width}")
                    if problems.full:
                        return
        except UnicodeDecodeError as exc:
            raise fail(path, *not_utf8(exc, path)) from None  # (text is decoded in chunks)


def _split(cell: str) -> list[str]:
    return [v for v in cell.split(biolink.SEPARATOR) if v] if cell else []


def read(path: str | Path, builder: GraphBuilder | None = None) -> Any:
    """Read a KGX TSV pair into a footback ``MultiDiGraph``.

    ``builder`` (default a new :class:`~graph.formats.common.GraphBuilder`)
    receives the nodes and edges; one that streams (``footback db load``)
    writes each edge out as it is read, checked exactly as here.

    Raises
    ------
    DataError
        A missing file or column, a row longer than its header, an empty id,
        a repeated node that disagrees, an edge to an unknown node, text that
        is not UTF-8. (Rows that repeat a subject, predicate and object are
        merged, and noted: see :func:`~graph.formats.common.merge_edge`;
        node rows that repeat one agreeing, see
        :func:`~graph.formats.common.merge_node`.)
    """
    if is_archive(path):
        G = _read_archive(Path(path), builder)
    else:
        G = _read_pair(*find_pair(path), builder=builder)
    return set_origin(G, path)


def _read_pair(nodes_file: Any, edges_file: Any, metadata: Any = None, builder: GraphBuilder | None = None) -> Any:
    problems = Problems()
    graph = builder if builder is not None else GraphBuilder()
    meta = metadata if metadata is not None else _metadata_beside(nodes_file)
    doc = _metadata(meta)
    exact = _exact_values(doc, str(meta))
    absent = _absent_columns(doc, str(meta))
    with gc_paused():
        ids, repeats = _read_nodes(nodes_file, graph, problems, exact.get("nodes.tsv"), absent.get("nodes.tsv", ()))
        duplicates = _read_edges(edges_file, ids, graph, problems, exact.get("edges.tsv"), absent.get("edges.tsv", ()))
    attrs = check_graph_attrs(_graph_attrs(doc, meta), str(meta) if meta else str(nodes_file), problems, 1)
    return _built(graph, problems, repeats, duplicates, attrs)


def _built(graph: GraphBuilder, problems: Problems, repeats: Duplicates, duplicates: Duplicates, attrs: dict[str, Any]) -> Any:
    """The graph a KGX pair built, once every problem of it has been raised, with what reading merged noted."""
    problems.raise_if_any()
    G = graph.graph
    repeats.note(G)
    duplicates.note(G)
    G.graph.update(attrs)
    return G


def _exact_values(doc: Any, file: str) -> dict[str, dict[int, dict[str, Any]]]:
    """metadata.json's ``footback_exact``: by file name, line, then column, the exact value (see :mod:`graph.formats.kgx`)."""
    spec = doc.get("footback_exact") if isinstance(doc, dict) else None
    if spec is None:
        return {}
    out: dict[str, dict[int, dict[str, Any]]] = {}
    ok = isinstance(spec, dict)
    for name, lines in spec.items() if ok else ():
        if not isinstance(lines, dict) or not all(isinstance(k, str) and k.isdigit() and isinstance(v, dict) for k, v in lines.items()):
            ok = False
            break
        out[name] = {int(k): v for k, v in lines.items()}
    if not ok:
        raise fail(file, None, "'footback_exact' must map a file name to {line: {column: value}}")
    return out


def _absent_columns(doc: Any, file: str) -> dict[str, list[str]]:
    """metadata.json's ``footback_absent``: by file name, the columns whose empty cells mean no attribute."""
    spec = doc.get("footback_absent") if isinstance(doc, dict) else None
    if spec is None:
        return {}
    if not (isinstance(spec, dict) and all(isinstance(v, list) and all(isinstance(c, str) for c in v) for v in spec.values())):
        raise fail(file, None, "'footback_absent' must map a file name to a list of columns")
    return spec


def _drop_absent(attrs: dict[str, Any], absent: list[str], restored: set[str]) -> None:
    for attr in absent:
        if attr not in restored and attrs.get(attr) in ("", []):
            del attrs[attr]


def _restore(attrs: dict[str, Any], kept: dict[str, Any], row: list[str], col: dict[str, int], own: dict[str, str], shadowed: frozenset[str]) -> set[str]:
    """Put back the exact values footback's writer kept aside for this row,
    each only while the row's cell still holds what was written for it (an
    edited cell wins)."""

    restored = set()
    for column, value in kept.items():
        i = col.get(column)
        if i is None:
            continue
        attr = own.get(column) or attr_of(column, shadowed)
        if row[i] == cell(value) or (attr == "cites" and row[i] == biolink.to_source(str(value))):
            attrs[attr] = value
            restored.add(attr)
    return restored


ARCHIVE_SUFFIXES = (".tar.gz", ".tgz", ".tar")


def is_archive(path: str | Path) -> bool:
    return Path(path).is_file() and Path(path).name.lower().endswith(ARCHIVE_SUFFIXES)


class _Member:
    """A regular file inside a tar archive, opened the way a ``Path`` is."""

    def __init__(self, tar: Any, info: Any, archive: Path) -> None:
        self._tar, self._info = tar, info
        self.name = info.name.rpartition("/")[2]
        self.shown = f"{archive}/{info.name}"

    def __str__(self) -> str:
        return self.shown

    def is_file(self) -> bool:
        return True

    def open(self, mode: str = "r", encoding: str | None = None, newline: str | None = None) -> Any:
        raw = self._tar.extractfile(self._info)
        return raw if "b" in mode else io.TextIOWrapper(raw, encoding=encoding, newline=newline)

    def read_bytes(self) -> bytes:
        with self.open("rb") as f:
            data: bytes = f.read()
        return data


def _read_archive(archive: Path, builder: GraphBuilder | None = None) -> Any:
    """Read the one KGX pair inside a tar archive, without extracting it.

    What the archive may hold is bounded (see :mod:`graph.formats.limits`):
    its member count, and the bytes its members expand to.
    """
    import lzma
    import tarfile
    import zlib

    from .limits import members, open_archive

    try:
        with open_archive(archive) as (tar, budget):
            listed = members(tar, budget, str(archive))
            kgx_names = ("nodes.tsv", "edges.tsv", "metadata.json")
            for m in listed:
                if not m.isfile() and m.name.endswith(kgx_names):
                    kind = "a symlink" if m.issym() else "a link" if m.islnk() else "a folder" if m.isdir() else "a pipe" if m.isfifo() else "a device" if m.isdev() else "not a file"
                    raise fail(f"{archive}/{m.name}", None, f"{kind}, not a regular file: footback reads only regular files from an archive")
            files = {m.name: m for m in listed if m.isfile()}
            pairs = [(n, files[n[: -len("nodes.tsv")] + "edges.tsv"]) for n in sorted(files) if n.endswith("nodes.tsv") and n[: -len("nodes.tsv")] + "edges.tsv" in files]
            if not pairs:
                jsonl = [
                    (n, files[n[: -len("nodes" + s)] + "edges" + t])
                    for n in sorted(files)
                    for s in SUFFIXES
                    if n.endswith("nodes" + s)
                    for t in SUFFIXES
                    if n[: -len("nodes" + s)] + "edges" + t in files
                ]
                if len(jsonl) == 1:
                    nodes_name, edges = jsonl[0]
                    stem = nodes_name[: nodes_name.rindex("nodes")]
                    meta = files.get(stem + "metadata.json")
                    return read_pair(
                        _Member(tar, files[nodes_name], archive),
                        _Member(tar, edges, archive),
                        _Member(tar, meta, archive) if meta is not None else False,
                        builder,
                    )
                pairs = jsonl
            if len(pairs) != 1:
                found = ", ".join(n for n, _ in pairs) or "none"
                raise fail(archive, None, f"an archive must hold exactly one KGX pair (NAME_nodes.tsv and NAME_edges.tsv, or NAME_nodes.jsonl and NAME_edges.jsonl); found: {found}")
            nodes_name, edges = pairs[0]
            meta = files.get(nodes_name[: -len("nodes.tsv")] + "metadata.json")
            return _read_pair(
                _Member(tar, files[nodes_name], archive),
                _Member(tar, edges, archive),
                _Member(tar, meta, archive) if meta is not None else False,
                builder,
            )
    except (tarfile.TarError, EOFError, zlib.error, lzma.LZMAError, OSError) as exc:
        raise fail(archive, None, f"cannot read the archive: {exc}") from None


def _metadata_beside(nodes_file: Path) -> Path | bool:
    meta = nodes_file.with_name(nodes_file.name[: -len("nodes.tsv")] + "metadata.json")
    return meta if meta.is_file() else False


def _metadata(meta: Any) -> Any:
    """The parsed ``metadata.json`` (or ``NAME_metadata.json``) of the pair, or None."""
    if meta is False:
        return None
    try:
        return json.loads(meta.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise fail(meta, *not_utf8(exc)) from None
    except json.JSONDecodeError as exc:
        raise fail(meta, exc.lineno, f"not valid JSON: {exc.msg}") from None
    except (OSError, RecursionError, ValueError) as exc:  # ValueError: an integer of more than 4,300 digits
        raise fail(meta, None, f"cannot read: {exc}") from None


def _graph_attrs(doc: Any, meta: Any) -> dict[str, Any]:
    """The ``graph`` object of the pair's metadata, if any."""
    if meta is False:
        return {}
    graph = doc.get("graph", {}) if isinstance(doc, dict) else None
    if not isinstance(graph, dict):
        raise fail(meta, 1, "expected an object whose 'graph' is an object")
    return graph


#: The KGX key a footback attribute is read from, to name it in a problem.
NODE_NAMES = {"label": "name", "type": "footback_type", "synonyms": "synonym", "codes": "xref", "related_terms": biolink.RELATED_TERMS_COLUMN}
EDGE_NAMES = {"note": "description", "cites": "primary_knowledge_source", "relation": "footback_relation"}


def _checked_node(attrs: dict[str, Any], where: Any, line: int | None, curie: str, problems: Problems) -> bool:
    """Whether a node's attributes hold what footback reads, as its YAML holds it (:func:`~graph.formats.checks.imported_node`)."""
    return checks.imported_node(attrs, where, line, curie, problems.report, NODE_NAMES)


def _add_node(
    graph: GraphBuilder,
    problems: Problems,
    where: Any,
    line: int | None,
    curie: str,
    node_id: str,
    attrs: dict[str, Any],
    named: bool,
    ids: dict[str, str],
    first_line: dict[str, tuple[str, int | None]],
    repeats: Duplicates,
) -> None:
    """Add one KGX node record (TSV row or JSON line); a repeated id is merged
    into the first when it agrees (and noted), else it is a problem."""
    if node_id in graph:
        first = first_line.get(node_id)
        if first is None or first[0] != curie:  # two spellings of one id (x and footback:x)
            checks.unique_node(node_id, graph, where, line, problems.report, (None, first[1] if first else None), curie)
            return
        if not named:
            del attrs["label"]  # an empty name says nothing (the label defaulted to the id)
        clash = merge_node(graph.node_data(node_id), attrs)
        if clash:
            column, old, new = clash
            problems.add(where, line, f"duplicate node id {curie!r} (first at line {first[1]}) with a different {column}: {new!r:.60}, not {old!r:.60}", curie)
        else:
            repeats.add(line)
        return
    graph.add_node(node_id, attrs)
    ids[curie] = node_id
    first_line[node_id] = (curie, line)


def _read_nodes(path: Path, graph: GraphBuilder, problems: Problems, exact: dict[int, dict[str, Any]] | None = None, absent_cols: Any = ()) -> tuple[dict[str, str], Duplicates]:
    """Add the nodes; return the map from each KGX id (CURIE) to its footback id, and the repeated rows merged.

    A row repeating an earlier node's id is merged into it when it agrees:
    an empty cell says nothing, a multi-valued (``|``) cell adds its values,
    any other cell must hold the same value (else a located problem). So an
    exact repeat, common in KGX graphs, is merged, and noted.
    """

    absent = [NODE_OPTIONAL[c] for c in absent_cols if c in NODE_OPTIONAL]

    rows = _rows(path, NODE_REQUIRED, problems)
    _, header = next(rows)
    col = {c: i for i, c in enumerate(header)}
    i_id, i_cat = col["id"], col["category"]
    known = {"id", "category", *biolink.NODE_COLUMNS.values(), "footback_type"}
    extras = [(attr_of(c, NODE_SHADOWED), i, c in biolink.MULTIVALUED) for c, i in col.items() if c not in known]
    get = {c: col.get(c) for c in ("name", "description", "synonym", "xref", "footback_type")}
    repeats = Duplicates(path, "node rows")
    ids: dict[str, str] = {}
    first_line: dict[str, tuple[str, int | None]] = {}
    for line, row in rows:
        curie = row[i_id]  # kept as written: edges must name it the same way
        if not curie.strip():
            problems.add(path, line, "empty id")
            continue
        categories = _split(row[i_cat])
        if not categories:
            problems.add(path, line, "empty category", curie)
            continue
        node_id = biolink.from_curie(curie)
        cell = {c: (row[i] if i is not None else "") for c, i in get.items()}
        attrs: dict[str, Any] = {
            "label": cell["name"] or node_id,
            "type": cell["footback_type"] or biolink.type_of(categories),
            "description": cell["description"],
            "synonyms": _split(cell["synonym"]),
            "codes": _split(cell["xref"]),
        }
        # Kept unless the type says it all (a type read from a broader or
        # narrower class, e.g. biolink:Drug, keeps that class).
        if len(categories) > 1 or categories[0] != biolink.category_of(attrs["type"]):
            attrs["category"] = categories
        for c, i, multi in extras:
            if c == "red_flag" and row[i] in ("true", "false"):
                attrs[c] = row[i] == "true"  # footback's own flag, written as KGX's true/false
            elif row[i]:
                attrs["related_terms" if c == biolink.RELATED_TERMS_COLUMN else c] = _split(row[i]) if multi else row[i]
        restored = _restore(attrs, exact[line], row, col, NODE_EXACT, NODE_SHADOWED) if exact and line in exact else set()
        if absent:
            _drop_absent(attrs, absent, restored)
        # Cells are text: only a value kept in metadata.json, or a red_flag cell, can be something else.
        if (restored or "red_flag" in attrs) and not _checked_node(attrs, path, line, curie, problems):
            continue
        _add_node(graph, problems, path, line, curie, node_id, attrs, bool(cell["name"]), ids, first_line, repeats)
    if not ids and not problems:
        problems.add(path, None, "no nodes")
    return ids, repeats


def _add_edge(graph: GraphBuilder, u: str, v: str, rel: str, attrs: dict[str, Any], duplicates: Duplicates, line: int | None) -> None:
    """Add one KGX edge record; one repeating an earlier record's triple is
    merged into its edge (public graphs carry one triple once per knowledge
    source). A builder that streams writes the edge out at once."""
    if not graph.add_edge(u, v, rel, attrs):
        graph.merge_edge(u, v, rel, attrs, duplicates.seen)
        duplicates.add(line)


def _read_edges(path: Path, ids: dict[str, str], graph: GraphBuilder, problems: Problems, exact: dict[int, dict[str, Any]] | None = None, absent_cols: Any = ()) -> Duplicates:
    """Add the edges; rows repeating an earlier row's triple are merged into its edge."""

    absent = [EDGE_OPTIONAL[c] for c in absent_cols if c in EDGE_OPTIONAL]
    own_columns = {**EDGE_EXACT, "primary_knowledge_source": "cites"}

    duplicates = Duplicates(path, "rows")
    rows = _rows(path, EDGE_REQUIRED, problems)
    _, header = next(rows)
    col = {c: i for i, c in enumerate(header)}
    known = {"subject", "predicate", "object", *biolink.EDGE_COLUMNS.values(), "footback_relation", "knowledge_level", "agent_type"}
    extras = [(attr_of(c, EDGE_SHADOWED), i, c in biolink.MULTIVALUED or c in biolink.FOOTBACK_MULTIVALUED) for c, i in col.items() if c not in known and c not in EDGE_DROPPED]
    wanted = ["subject", "predicate", "object", *(biolink.EDGE_COLUMNS[k] for k in ("cites", "note", "section")), "footback_relation", "knowledge_level", "agent_type"]
    # absent columns read as empty: a cell appended to every row
    pad = len(header)
    cells: Callable[[list[str]], tuple[str, ...]] = itemgetter(*(col.get(c, pad) for c in wanted))
    if not all(c in col for c in wanted):
        rows = ((line, row + [""]) for line, row in rows)

    # Repeated values (relations, sources, sections) share one string each.
    relations: dict[str, str] = {}
    sources: dict[str, str] = {"": ""}
    sections: dict[str, str] = {}
    level, agent = biolink.KNOWLEDGE_LEVEL, biolink.AGENT_TYPE
    for line, row in rows:
        s, p, o, src, note, sec, own_rel, kl, at = cells(row)
        u, v = ids.get(s), ids.get(o)
        if u is None or v is None or not p:
            if not p:
                problems.add(path, line, "empty predicate", f"{s} ? {o}")
            for end, name in ((s, "subject"), (o, "object")):
                if end not in ids:
                    problems.add(path, line, f"{name} {end!r} is not a node in {path.name.replace('edges', 'nodes')}" if end else f"empty {name}", f"{s} {p} {o}")
            if problems.full:
                break
            continue
        if own_rel:
            rel = relations.setdefault("\0" + own_rel, own_rel)
        else:
            known_rel = relations.get(p)
            rel = known_rel if known_rel is not None else relations.setdefault(p, biolink.relation_of(p))
        cites = sources.get(src)
        if cites is None:
            cites = sources[src] = biolink.from_source(src)
        attrs: dict[str, Any] = {"relation": rel, "cites": cites, "section": sections.setdefault(sec, sec), "note": note}
        if biolink.SEPARATOR in sec:  # several sections, joined as KGX joins multiple values
            attrs["section"] = _split(sec)
        if kl and kl != level:
            attrs["knowledge_level"] = kl
        if at and at != agent:
            attrs["agent_type"] = at
        for c, i, multi in extras:
            if row[i]:
                attrs[c] = _split(row[i]) if multi else row[i]
        if "evidence_refs" in attrs:  # footback wrote publications from them: not a fact of its own
            attrs.pop("publications", None)
        restored = _restore(attrs, exact[line], row, col, own_columns, EDGE_SHADOWED) if exact and line in exact else set()
        if absent:
            _drop_absent(attrs, absent, restored)
        if restored and not checks.imported_edge(attrs, path, line, f"{s} {p} {o}", problems.report, EDGE_NAMES):
            continue  # (cells are text: only a value kept in metadata.json can be something else)
        if not check_evidence(attrs, path, line, f"{s} {p} {o}", problems):
            continue
        _add_edge(graph, u, v, rel, attrs, duplicates, line)
    return duplicates


# --- writing ----------------------------------------------------------------------
# Biolink KGX TSV: ``nodes.tsv`` and ``edges.tsv`` in a folder, with ``metadata.json``.
#
# Nodes: ``id`` (a CURIE), ``category``, ``name``, ``description``,
# ``synonym``, ``xref``; edges: ``subject``, ``predicate``, ``object``,
# ``primary_knowledge_source``, ``knowledge_level``, ``agent_type``,
# ``description`` (footback's note) and ``section``. Multivalued cells are
# joined with ``|``. Any other attribute becomes a column of its own; one
# named like a column footback writes itself (``id``, ``name``, ``subject``...)
# is written as ``attr:NAME`` (:func:`graph.model.attrcodec.rename`). The mapping,
# both ways, is :mod:`graph.model.biolink`.
#
# The files are written as KGX's own ``TsvSink`` writes them: cells joined by
# tabs, no quoting (a ``"`` is an ordinary character), tabs and line breaks
# inside a value written as spaces. ``metadata.json`` keeps what the pair
# cannot: the disclaimer and the sources, and under ``footback_exact`` (by
# file and line) every value the rows do not hold exactly (a line break, a
# ``|`` inside one of a list's values, a number or an empty text in an
# attribute column), and under ``footback_absent`` the columns whose empty
# cells mean "no such attribute" (a graph read from GraphML may have nodes
# with no description), so that footback reads its own export back exactly
# while KGX reads the rows as it always does.


NODE_HEAD = ["id", "category", "name", "description", "synonym", "xref"]
EDGE_HEAD = ["subject", "predicate", "object", "primary_knowledge_source", "knowledge_level", "agent_type", "description", "section", "publications"]
_NODE_OWN = {"label", "type", "description", "synonyms", "codes", "category", "related_terms"}
_EDGE_OWN = {"relation", "cites", "note", "section", "knowledge_level", "agent_type", "publications"}
#: Columns footback writes itself: an attribute of the same name is written as ``attr:NAME``.
NODE_RESERVED = frozenset({"id", "name", "synonym", "xref", "footback_type"})
EDGE_RESERVED = frozenset({"id", "subject", "predicate", "object", "primary_knowledge_source", "description", "footback_relation"})
#: footback's own attributes that are not KGX columns: a KGX column of one of
#: these names is read as ``attr:NAME`` (never over footback's own), and written back as NAME.
NODE_SHADOWED = frozenset({"label", "type", "synonyms", "codes"})
EDGE_SHADOWED = frozenset({"relation", "cites", "note"})
#: Columns whose exact value metadata.json may restore, and the attribute each holds.
NODE_EXACT = {"name": "label", "description": "description", "synonym": "synonyms", "xref": "codes"}
EDGE_EXACT = {"description": "note", "section": "section", "knowledge_level": "knowledge_level", "agent_type": "agent_type"}

_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def _text(value: Any) -> str:
    """One value as KGX TSV text: as KGX's own writer does, tabs and line breaks become spaces."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.translate(_BREAKS)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(finite(value), sort_keys=True, ensure_ascii=False, allow_nan=False).translate(_BREAKS)


def cell(value: Any) -> str:
    """The KGX TSV cell for ``value``: lists joined with ``|``, never quoted."""
    if isinstance(value, (list, tuple)):
        return biolink.SEPARATOR.join(_text(v) for v in value)
    return _text(value)


def read_back(text: str, multi: bool) -> Any:
    """What footback's KGX reader makes of a cell of an attribute column (None: no attribute)."""
    if not text:
        return None
    return [v for v in text.split(biolink.SEPARATOR) if v] if multi else text


def _exact(value: Any, text: str, multi: bool, extra: bool) -> bool:
    """Whether ``text`` reads back as something other than ``value`` (so metadata.json must keep it)."""
    if extra:  # an empty cell reads as no attribute at all
        return not text or read_back(text, multi) != value
    if isinstance(value, (list, tuple)):
        return list(value) != read_back(text, True) and bool(value)
    return isinstance(value, str) and value != text


def _section_read(text: str) -> Any:
    """What footback's reader makes of a ``section`` cell: several headings when it holds ``|``."""
    return [v for v in text.split(biolink.SEPARATOR) if v] if biolink.SEPARATOR in text else text


def column_of(attr: str, reserved: frozenset[str], shadowed: frozenset[str]) -> str:
    """The column of an attribute that is not footback's own (see ``NODE_SHADOWED``)."""
    if attr.startswith("attr:") and attr[5:] in shadowed:
        return attr[5:]
    return rename(attr, reserved)


def attr_of(column: str, shadowed: frozenset[str]) -> str:
    """The attribute an extra column is read into: the inverse of :func:`column_of`."""
    return "attr:" + column if column in shadowed else original_name(column)


def _extra_columns(items: Any, own: set[str], reserved: frozenset[str], shadowed: frozenset[str]) -> dict[str, str]:
    """Attribute name -> column, for the attributes that are not footback's own."""
    cols: dict[str, None] = {}
    for data in items:
        for k in data:
            if k not in own:
                cols[str(k)] = None
    return {k: column_of(k, reserved, shadowed) for k in sorted(cols)}


def _check(text: str, what: str) -> str:
    if any(c in text for c in "\t\n\r"):
        raise ExportError(f"cannot write {what} as KGX TSV: it holds a tab or line break, which KGX TSV cannot hold (export kgx-jsonl instead)")
    return text


def node_rows(G: Any, exact: dict[int, dict[str, Any]] | None = None, absent_out: list[str] | None = None) -> tuple[list[str], list[list[str]]]:
    """The header and rows of ``nodes.tsv``; values the rows cannot hold exactly go in ``exact`` (by line)."""
    extras = _extra_columns((d for _, d in G.nodes(data=True)), _NODE_OWN, NODE_RESERVED, NODE_SHADOWED)
    need_type = any(biolink.category_of(str(d.get("type", ""))) == biolink.FALLBACK_CATEGORY and d.get("type") != biolink.FALLBACK_CATEGORY for _, d in G.nodes(data=True))
    # footback's related terms are Biolink's related_synonym column (near, not the same thing).
    related = any(d.get("related_terms") for _, d in G.nodes(data=True))
    head = NODE_HEAD + ([biolink.RELATED_TERMS_COLUMN] if related else []) + (["footback_type"] if need_type else []) + sorted(extras.values())
    multi = {col: col in biolink.MULTIVALUED for col in extras.values()}
    absent = _absent(G.nodes(data=True), NODE_OPTIONAL, absent_out)
    rows = []
    for line, (n, d) in enumerate(G.nodes(data=True), 2):
        ntype = str(d.get("type", ""))
        category = d.get("category") or [biolink.category_of(ntype)]
        row = {
            "id": _check(biolink.to_curie(str(n)), f"node id {n!r}"),
            "category": _check(cell(category), f"the category of node {n!r}"),
            "footback_type": _check(ntype, f"the type of node {n!r}") if biolink.category_of(ntype) == biolink.FALLBACK_CATEGORY and ntype != biolink.FALLBACK_CATEGORY else "",
        }
        kept: dict[str, Any] = {}
        for col, attr in NODE_EXACT.items():
            value = d.get(attr, n) if attr == "label" else d.get(attr)
            row[col] = cell(value or ([] if attr in ("synonyms", "codes") else value))
            if _exact(value, row[col], col in biolink.MULTIVALUED, False) or (col in absent and attr in d and not row[col]) or (col == "name" and value == ""):
                kept[col] = value
        if related:
            row[biolink.RELATED_TERMS_COLUMN] = _check(cell(d.get("related_terms") or []), f"the related terms of node {n!r}")
        rows.append(_finish_row(d, row, kept, extras, multi, exact, line, head))
    return head, rows


#: footback's own attributes a reader fills in (empty) when their cell is empty,
#: by column. When some node (edge) lacks one, metadata.json lists its column
#: under ``footback_absent``: an empty cell there then means no attribute.
NODE_OPTIONAL = {"description": "description", "synonym": "synonyms", "xref": "codes"}
EDGE_OPTIONAL = {"description": "note", "section": "section", "primary_knowledge_source": "cites"}


def _absent(items: Any, optional: dict[str, str], out: list[str] | None) -> set[str]:
    cols = {col for col, attr in optional.items() if any(attr not in d for *_, d in items)}
    if out is not None:
        out.extend(sorted(cols))
    return cols


def edge_rows(G: Any, exact: dict[int, dict[str, Any]] | None = None, absent_out: list[str] | None = None) -> tuple[list[str], list[list[str]]]:
    """The header and rows of ``edges.tsv``; values the rows cannot hold exactly go in ``exact`` (by line)."""
    extras = _extra_columns((d for _, _, d in G.edges(data=True)), _EDGE_OWN, EDGE_RESERVED, EDGE_SHADOWED)
    rels = {str(d.get("relation", "")) for _, _, d in G.edges(data=True)}
    need_rel = any(biolink.predicate_of(r) == biolink.FALLBACK_PREDICATE and r != biolink.FALLBACK_PREDICATE for r in rels)
    head = EDGE_HEAD + (["footback_relation"] if need_rel else []) + sorted(extras.values())
    multi = {col: col in biolink.MULTIVALUED or col in biolink.FOOTBACK_MULTIVALUED for col in extras.values()}
    absent = _absent(G.edges(data=True), EDGE_OPTIONAL, absent_out)
    from ..model.evidence import publications

    sources = {str(s.get("id")): s for s in G.graph.get("sources") or [] if isinstance(s, dict)}
    rows = []
    for line, (u, v, d) in enumerate(G.edges(data=True), 2):
        rel = str(d.get("relation", ""))
        what = f"edge {u} {rel} {v}"
        predicate = biolink.predicate_of(rel)
        row = {
            "subject": biolink.to_curie(str(u)),
            "predicate": _check(predicate, f"the predicate of {what}"),
            "object": biolink.to_curie(str(v)),
            "primary_knowledge_source": _check(biolink.to_source(str(d["cites"])), f"the source of {what}") if d.get("cites") else "",
            "footback_relation": _check(rel, f"the relation of {what}") if predicate == biolink.FALLBACK_PREDICATE and rel != biolink.FALLBACK_PREDICATE else "",
        }
        # Biolink publications: the evidence's references as PMID:/doi: CURIEs.
        refs = d.get("evidence_refs")
        row["publications"] = cell(d.get("publications") or publications([str(r) for r in refs] if isinstance(refs, (list, tuple)) else [], sources))
        kept: dict[str, Any] = {}
        for col, attr in EDGE_EXACT.items():
            # An article's or textbook's claim is a knowledge assertion; a study's observed link a statistical association.
            default = {"knowledge_level": biolink.knowledge_level_of(sources.get(str(d.get("cites"))), d), "agent_type": biolink.AGENT_TYPE}.get(attr)
            value = d.get(attr, default)
            row[col] = cell(value)
            if _exact(value, row[col], False, False) or (col in absent and attr in d and not row[col]):
                kept[col] = value
            elif col == "section" and value is not None and _section_read(row[col]) != (list(value) if isinstance(value, tuple) else value):
                kept[col] = value  # one heading holding '|', or a list of one: the reader splits on '|'

        if "primary_knowledge_source" in absent and "cites" in d and not row["primary_knowledge_source"]:
            kept["primary_knowledge_source"] = d["cites"]
        rows.append(_finish_row(d, row, kept, extras, multi, exact, line, head))
    return head, rows


def _finish_row(
    d: dict[str, Any], row: dict[str, str], kept: dict[str, Any], extras: dict[str, str], multi: dict[str, bool], exact: dict[int, dict[str, Any]] | None, line: int, head: list[str]
) -> list[str]:
    """A node's or edge's row, its other attributes in their own columns; what a
    cell cannot hold exactly is kept aside in ``exact`` (metadata.json) by line."""
    for attr, col in extras.items():
        if attr in d:
            row[col] = cell(d[attr])
            if _exact(d[attr], row[col], multi[col], True):
                kept[col] = d[attr]
    if kept and exact is not None:
        exact[line] = kept
    return [row.get(c, "") for c in head]


def _write_tsv(path: Path, head: list[str], rows: list[list[str]]) -> None:
    """As KGX's TsvSink writes: cells joined by tabs, one row a line, no quoting."""
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("\t".join(head) + "\n")
        f.writelines("\t".join(row) + "\n" for row in rows)


def metadata(G: Any, nodes: list[list[str]], edges: list[list[str]], node_head: list[str], edge_head: list[str]) -> dict[str, Any]:
    """``metadata.json``: counts and terms (named as in KGX's ingest metadata
    schema) and the graph's own attributes (``about`` with the disclaimer,
    ``sources``), which the TSV pair has no place for. No dates: the same
    graph gives the same file."""
    i_cat, i_pred = node_head.index("category"), edge_head.index("predicate")
    return {
        "file_created_by": ["footback"],
        "target_name": about(G)["title"],
        "target_format": "kgx-tsv",
        "total_node_count": len(nodes),
        "total_edge_count": len(edges),
        "node_categories": sorted({c for row in nodes for c in row[i_cat].split(biolink.SEPARATOR) if c}),
        "edge_predicates": sorted({row[i_pred] for row in edges}),
        "graph": dict(G.graph),
    }


#: The key of metadata.json holding the values the TSV rows cannot hold exactly.
EXACT_KEY = "footback_exact"
ABSENT_KEY = "footback_absent"


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write ``nodes.tsv``, ``edges.tsv`` and ``metadata.json`` into the folder ``dest``."""
    dest = Path(dest)
    node_exact: dict[int, dict[str, Any]] = {}
    edge_exact: dict[int, dict[str, Any]] = {}
    node_absent: list[str] = []
    edge_absent: list[str] = []
    node_head, nodes = node_rows(G, node_exact, node_absent)
    edge_head, edges = edge_rows(G, edge_exact, edge_absent)
    _write_tsv(dest / "nodes.tsv", node_head, nodes)
    _write_tsv(dest / "edges.tsv", edge_head, edges)
    meta = metadata(G, nodes, edges, node_head, edge_head)
    if node_exact or edge_exact:
        meta[EXACT_KEY] = {"nodes.tsv": {str(k): v for k, v in node_exact.items()}, "edges.tsv": {str(k): v for k, v in edge_exact.items()}}
    if node_absent or edge_absent:
        meta[ABSENT_KEY] = {"nodes.tsv": node_absent, "edges.tsv": edge_absent}
    text = json.dumps(finite(meta), indent=2, sort_keys=True, ensure_ascii=False, default=str, allow_nan=False)
    (dest / "metadata.json").write_text(text + "\n", encoding="utf-8")


# --- KGX JSON Lines ------------------------------------------------------------
# Read Biolink KGX JSON Lines: ``nodes.jsonl`` and ``edges.jsonl``, one JSON object a line.
#
# The format current Biolink knowledge graphs publish (KGX's ``JsonlSource``
# and ``JsonlSink``). ``--graph`` may name the folder holding the pair (plain
# ``nodes.jsonl``/``edges.jsonl`` or KGX's ``NAME_nodes.jsonl``, each possibly
# ``.gz``), either file of it, or a ``.tar.gz``/``.tgz``/``.tar`` archive
# holding one pair (read in place). Records map onto footback's graph as the
# TSV columns do (:mod:`graph.formats.kgx`, :mod:`graph.model.biolink`), but
# values keep their JSON types: lists are lists, so nothing is split on ``|``.
# A ``metadata.json`` beside the pair gives the graph's own attributes.
#
# The files are streamed, one line at a time (a gzip file is decompressed as
# it is read): the graph is built as the lines go by, never holding the file
# in memory. Every problem names its file and line.


SUFFIXES = (".jsonl", ".jsonl.gz")
#: Keys footback reads as its own; any other is kept as an attribute.
NODE_KEYS = frozenset({"id", "category", "name", "description", "synonym", "xref", "footback_type"})
EDGE_KEYS = frozenset({"subject", "predicate", "object", "primary_knowledge_source", "knowledge_level", "agent_type", "description", "section", "footback_relation"})
#: Edge keys footback does not keep: it names an edge by subject, predicate and object.


def _kind(name: str) -> str | None:
    for kind in ("nodes", "edges"):
        for suffix in SUFFIXES:
            if name.endswith(kind + suffix):
                return kind
    return None


def holds_pair(folder: Path) -> bool:
    """Whether ``folder`` holds a KGX JSON Lines nodes file and edges file."""
    names = [p.name for p in folder.iterdir()] if folder.is_dir() else []
    return any(_kind(n) == "nodes" for n in names) and any(_kind(n) == "edges" for n in names)


def is_jsonl_file(path: Path) -> bool:
    return _kind(path.name) is not None


def _partner(p: Path) -> list[Path]:
    """The files that could be the other half of the pair ``p`` belongs to."""
    kind = _kind(p.name)
    if kind is None:
        return []
    other = "edges" if kind == "nodes" else "nodes"
    for suffix in SUFFIXES:
        if p.name.endswith(kind + suffix):
            stem = p.name[: -len(kind + suffix)]
            return [p.with_name(stem + other + s) for s in SUFFIXES]
    return []


def find_jsonl_pair(path: str | Path) -> tuple[Path, Path]:
    """The ``(nodes, edges)`` files that ``path`` names or holds.

    Raises
    ------
    DataError
        When ``path`` holds no pair, or several.
    """
    p = Path(path)
    if p.is_dir():
        nodes = sorted(f for f in p.iterdir() if _kind(f.name) == "nodes")
        pairs = [(n, e) for n in nodes for e in _partner(n) if e.is_file()]
        if len(pairs) == 1:
            return pairs[0]
        if not pairs:
            raise fail(p, None, "no KGX JSON Lines pair here (expected nodes.jsonl and edges.jsonl, or NAME_nodes.jsonl and NAME_edges.jsonl, either possibly .gz)")
        raise fail(p, None, "several KGX JSON Lines pairs here: " + ", ".join(n.name for n, _ in pairs) + " (name one of the files)")
    kind = _kind(p.name)
    if kind is None:
        raise fail(p, None, "a KGX JSON Lines file's name must end in nodes.jsonl or edges.jsonl (or .jsonl.gz)")
    if not p.is_file():
        raise fail(p, None, "missing")
    others = [o for o in _partner(p) if o.is_file()]
    if not others:
        raise fail(_partner(p)[0], None, "missing: a KGX graph is a pair of nodes and edges files")
    return (p, others[0]) if kind == "nodes" else (others[0], p)


def _loads() -> Any:
    """``orjson.loads`` (about three times faster), falling back to ``json.loads``
    for what orjson refuses but Python's JSON reads (NaN), for the error
    message, and for a line holding 19 digits in a row, where a number may be
    beyond 64 bits (orjson would read it as a float, losing digits)."""
    import orjson

    fast, slow = orjson.loads, json.loads
    # 19 ASCII digits in a row, found as b"9" * 19 in the line with every digit made a 9 and
    # everything else a space: a C translate and a substring search, six times faster than
    # the regular expression \d{19} on a typical edge line (a million lines: about 2 s).
    digits_as_nines = bytes(0x39 if 0x30 <= i <= 0x39 else 0x20 for i in range(256))
    nineteen = b"9" * 19

    def loads(text: bytes) -> Any:
        if nineteen in text.translate(digits_as_nines):
            return slow(text)
        try:
            return fast(text)
        except orjson.JSONDecodeError:
            return slow(text)

    return loads


def _records(file: Any, problems: Problems) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield ``(line, record)`` for each JSON object of a JSON Lines file, streamed."""
    shown = str(file)
    try:
        raw = file.open("rb")
    except OSError as exc:
        raise fail(shown, None, f"cannot read: {exc.strerror}") from None
    under = raw
    if shown.endswith(".gz"):
        raw = gzip.GzipFile(fileobj=under)
    loads = _loads()
    line = 0
    try:
        with under, raw:
            for line, text in enumerate(raw, 1):
                if line == 1 and text.startswith(b"\xef\xbb\xbf"):
                    text = text[3:]
                try:
                    rec = loads(text)
                except ValueError as exc:
                    if not text.strip():
                        continue  # a blank line
                    msg = exc.msg if isinstance(exc, json.JSONDecodeError) else f"not UTF-8 text ({exc})"
                    problems.add(shown, line, f"not valid JSON: {msg}" if isinstance(exc, json.JSONDecodeError) else msg)
                    if problems.full:
                        return
                    continue
                except RecursionError:
                    problems.add(shown, line, "JSON nested too deeply")
                    continue
                if not isinstance(rec, dict):
                    problems.add(shown, line, f"each line must be a JSON object, got {type(rec).__name__}")
                    continue
                yield line, rec
    except (OSError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise fail(shown, line + 1 if line else None, f"cannot read: {exc}") from None


def _text_list(value: Any) -> list[str] | None:
    """A multi-valued slot as a list of text (a lone text is a list of one, as KGX reads it); None if it is not."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return value
    return None


def _one_or_many(value: Any) -> Any:
    """A multi-valued slot: a lone text is a list of one, as KGX reads it (anything else is checked as it is)."""
    if isinstance(value, str):
        return [value] if value else []
    return [] if value is None else value


def read_pair(nodes_file: Any, edges_file: Any, metadata: Any = None, builder: GraphBuilder | None = None) -> Any:
    """Read a nodes and an edges file (paths, or archive members) into a footback ``MultiDiGraph``
    (through ``builder``, as :func:`read` does)."""
    problems = Problems()
    graph = builder if builder is not None else GraphBuilder()
    with gc_paused():
        ids, repeats = _read_jsonl_nodes(nodes_file, graph, problems)
        duplicates = _read_jsonl_edges(edges_file, ids, graph, problems)
    if metadata is None:
        name = nodes_file.name
        stem = next((name[: -len("nodes" + s)] for s in SUFFIXES if name.endswith("nodes" + s)), "")
        meta_path = Path(str(nodes_file)).with_name(stem + "metadata.json")
        metadata = meta_path if meta_path.is_file() else False
    attrs = check_graph_attrs(_graph_attrs(_metadata(metadata), metadata), str(metadata) if metadata else str(nodes_file), problems, 1)
    return _built(graph, problems, repeats, duplicates, attrs)


def read_jsonl(path: str | Path, builder: GraphBuilder | None = None) -> Any:
    """Read a KGX JSON Lines pair (or a folder or archive holding one) into a footback ``MultiDiGraph``.

    Raises
    ------
    DataError
        A missing file or key, a line that is not a JSON object, an empty
        id, a repeated node that disagrees, an edge to an unknown node, a
        value of the wrong type. (Repeated nodes that agree, and edges that
        repeat a subject, predicate and object, are merged, and noted.)
    """
    G = _read_archive(Path(path), builder) if is_archive(path) else read_pair(*find_jsonl_pair(path), builder=builder)
    return set_origin(G, path)


def _read_jsonl_nodes(file: Any, graph: GraphBuilder, problems: Problems) -> tuple[dict[str, str], Duplicates]:

    ids: dict[str, str] = {}
    first_line: dict[str, tuple[str, int | None]] = {}
    repeats = Duplicates(file, "node rows")
    for line, rec in _records(file, problems):
        curie = rec.get("id")
        if not isinstance(curie, str) or not curie.strip():
            problems.add(file, line, "empty id" if curie in (None, "") else f"id must be text, got {curie!r:.40}")
            continue
        categories = _text_list(rec.get("category"))
        if not categories:
            problems.add(file, line, "empty category" if categories == [] else f"'category' must be a list of text, got {rec.get('category')!r:.60}", curie)
            continue
        node_id = biolink.from_curie(curie)
        name, ntype = rec.get("name"), rec.get("footback_type")
        attrs: dict[str, Any] = {
            "label": node_id if name is None or name == "" else name,
            "type": biolink.type_of(categories) if ntype is None or ntype == "" else ntype,
        }
        if "description" in rec:
            attrs["description"] = rec["description"]
        for key, attr in (("synonym", "synonyms"), ("xref", "codes")):
            if key in rec:
                attrs[attr] = _one_or_many(rec[key])
        if len(categories) > 1 or not isinstance(attrs["type"], str) or categories[0] != biolink.category_of(attrs["type"]):
            attrs["category"] = categories
        for key, value in rec.items():
            if key not in NODE_KEYS:
                attrs[attr_of(key, NODE_SHADOWED)] = value
        if biolink.RELATED_TERMS_COLUMN in attrs:  # footback's related terms
            attrs["related_terms"] = _one_or_many(attrs.pop(biolink.RELATED_TERMS_COLUMN))
        if not _checked_node(attrs, file, line, curie, problems):
            continue
        _add_node(graph, problems, file, line, curie, node_id, attrs, bool(rec.get("name")), ids, first_line, repeats)
    if not ids and not problems:
        problems.add(file, None, "no nodes")
    return ids, repeats


def _read_jsonl_edges(file: Any, ids: dict[str, str], graph: GraphBuilder, problems: Problems) -> Duplicates:

    duplicates = Duplicates(file, "rows")
    relations: dict[str, str] = {}
    sources: dict[str, str] = {}
    own = (("description", "note"), ("section", "section"), ("knowledge_level", "knowledge_level"), ("agent_type", "agent_type"))
    known = EDGE_KEYS | EDGE_DROPPED
    level, agent = biolink.KNOWLEDGE_LEVEL, biolink.AGENT_TYPE
    nodes_name = getattr(file, "name", str(file)).replace("edges", "nodes")
    for line, rec in _records(file, problems):
        s, p, o = rec.get("subject"), rec.get("predicate"), rec.get("object")
        u = ids.get(s) if isinstance(s, str) else None
        v = ids.get(o) if isinstance(o, str) else None
        if u is None or v is None or not isinstance(p, str) or not p:
            if not isinstance(p, str) or not p:
                problems.add(file, line, "empty predicate" if not p else f"'predicate' must be text, got {p!r:.40}", f"{s} ? {o}")
            for end, name in ((s, "subject"), (o, "object")):
                if not isinstance(end, str) or end not in ids:
                    problems.add(file, line, f"{name} {end!r:.60} is not a node in {nodes_name}" if end else f"empty {name}", f"{s} {p} {o}")
            if problems.full:
                break
            continue
        own_rel = rec.get("footback_relation")
        if own_rel is not None and type(own_rel) is not str and not checks.text(own_rel, "footback_relation", file, line, f"{s} {p} {o}", problems.report):
            continue
        if own_rel:
            rel = own_rel
        else:
            known_rel = relations.get(p)
            rel = known_rel if known_rel is not None else relations.setdefault(p, biolink.relation_of(p))
        attrs: dict[str, Any] = {"relation": rel}
        src = rec.get("primary_knowledge_source")
        if src is not None:
            cites = sources.get(src) if type(src) is str else None
            if cites is None:
                if isinstance(src, list) and len(src) == 1:
                    src = src[0]  # some graphs write this single-valued slot as a list
                if not checks.text(src, "primary_knowledge_source", file, line, f"{s} {p} {o}", problems.report):
                    continue
                cites = sources[src] = biolink.from_source(src)
            attrs["cites"] = cites
        bad = False
        for key, attr in own:
            if key in rec:
                value = rec[key]
                if type(value) is str:  # text, as nearly every row has it: no call for a million rows
                    attrs[attr] = value
                    continue
                if key == "section" and isinstance(value, list):  # a claim resting on several sections
                    bad = not checks.sections(value, key, file, line, f"{s} {p} {o}", problems.report) or bad
                else:
                    bad = not checks.text(value, key, file, line, f"{s} {p} {o}", problems.report) or bad
                attrs[attr] = value
        if bad:
            continue
        if attrs.get("knowledge_level") == level:
            del attrs["knowledge_level"]
        if attrs.get("agent_type") == agent:
            del attrs["agent_type"]
        for key in rec.keys() - known:
            attrs[attr_of(key, EDGE_SHADOWED)] = rec[key]
        if "evidence_refs" in attrs:  # footback wrote publications from them: not a fact of its own
            attrs.pop("publications", None)
        if not check_evidence(attrs, file, line, f"{s} {p} {o}", problems):
            continue
        _add_edge(graph, u, v, rel, attrs, duplicates, line)
    return duplicates


# --- writing ----------------------------------------------------------------------
# Biolink KGX JSON Lines: ``nodes.jsonl`` and ``edges.jsonl`` in a folder, with ``metadata.json``.
#
# One JSON object a line, as KGX's ``JsonlSink`` writes them. The keys are the
# KGX TSV columns (:mod:`graph.formats.kgx`): nodes ``id``, ``category`` (a
# list), ``name``, ``description``, ``synonym`` and ``xref`` (lists); edges
# ``subject``, ``predicate``, ``object``, ``primary_knowledge_source``,
# ``knowledge_level``, ``agent_type``, ``description`` (footback's note) and
# ``section``. Values keep their JSON types, so nothing needs escaping: a
# ``|``, a line break or a number is written as it is. Any other attribute is a
# key of its own (one named like a key footback writes is ``attr:NAME``).
# ``metadata.json`` keeps the graph's own attributes.


def node_records(G: Any) -> Iterator[dict[str, Any]]:
    """One JSON-ready mapping per node."""
    for n, d in G.nodes(data=True):
        ntype = str(d.get("type", ""))
        rec: dict[str, Any] = {
            "id": biolink.to_curie(str(n)),
            "category": list(d.get("category") or [biolink.category_of(ntype)]),
            "name": d.get("label", n),
        }
        if biolink.category_of(ntype) == biolink.FALLBACK_CATEGORY and ntype != biolink.FALLBACK_CATEGORY:
            rec["footback_type"] = ntype
        for key, attr in (("description", "description"), ("synonym", "synonyms"), ("xref", "codes"), (biolink.RELATED_TERMS_COLUMN, "related_terms")):
            if attr in d:
                rec[key] = d[attr]
        for k, v in d.items():
            if k not in _NODE_OWN:
                rec[column_of(str(k), NODE_RESERVED, NODE_SHADOWED)] = v
        yield rec


def edge_records(G: Any) -> Iterator[dict[str, Any]]:
    """One JSON-ready mapping per edge."""
    from ..model.evidence import publications

    sources = {str(s.get("id")): s for s in G.graph.get("sources") or [] if isinstance(s, dict)}
    for u, v, d in G.edges(data=True):
        rel = str(d.get("relation", ""))
        predicate = biolink.predicate_of(rel)
        rec: dict[str, Any] = {"subject": biolink.to_curie(str(u)), "predicate": predicate, "object": biolink.to_curie(str(v))}
        if predicate == biolink.FALLBACK_PREDICATE and rel != biolink.FALLBACK_PREDICATE:
            rec["footback_relation"] = rel
        if "cites" in d:
            rec["primary_knowledge_source"] = biolink.to_source(str(d["cites"])) if d["cites"] else ""
        rec["knowledge_level"] = d.get("knowledge_level") or biolink.knowledge_level_of(sources.get(str(d.get("cites"))), d)
        rec["agent_type"] = d.get("agent_type", biolink.AGENT_TYPE)
        for key, attr in (("description", "note"), ("section", "section")):
            if attr in d:
                rec[key] = d[attr]
        refs = d.get("evidence_refs")
        pubs = d.get("publications") or publications([str(r) for r in refs] if isinstance(refs, (list, tuple)) else [], sources)
        if pubs:
            rec["publications"] = pubs
        for k, val in d.items():
            if k not in _EDGE_OWN:
                rec[column_of(str(k), EDGE_RESERVED, EDGE_SHADOWED)] = val
        yield rec


def _write_lines(path: Path, records: Any) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
            count += 1
    return count


def write_jsonl(G: Any, dest: Path, **options: Any) -> None:
    """Write ``nodes.jsonl``, ``edges.jsonl`` and ``metadata.json`` into the folder ``dest``."""
    dest = Path(dest)
    n_nodes = _write_lines(dest / "nodes.jsonl", node_records(G))
    n_edges = _write_lines(dest / "edges.jsonl", edge_records(G))
    meta = {
        "file_created_by": ["footback"],
        "target_name": about(G)["title"],
        "target_format": "kgx-jsonl",
        "total_node_count": n_nodes,
        "total_edge_count": n_edges,
        "graph": dict(G.graph),
    }
    text = json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False, default=str)
    (dest / "metadata.json").write_text(text + "\n", encoding="utf-8")
