"""Read a Biolink KGX TSV pair (``nodes.tsv`` and ``edges.tsv``).

``--graph`` may name the directory holding the pair, or either file of it
(``nodes.tsv``/``edges.tsv``, or KGX's ``NAME_nodes.tsv``/``NAME_edges.tsv``).
A ``metadata.json`` beside them (as footback writes) gives the graph's own
attributes: the disclaimer and the sources. A ``.tar.gz`` (or ``.tgz``,
``.tar``) archive holding one pair, as KGX graphs are often published, is read
in place: nothing is extracted to disk (an archive of KGX JSON Lines is
handed to :mod:`graph.importers.kgx_jsonl`).
Categories and predicates map back onto footback's types and relations
(:mod:`graph.biolink`); others are kept verbatim. Every row is checked, and
each problem names its file and line.

The files are read as KGX itself reads them (see :func:`_rows`): no CSV
quoting, short rows padded with empty cells, an exactly repeated node row
merged. The values footback's writer kept aside in ``metadata.json``
(``footback_exact``, ``footback_absent``: see :mod:`graph.export.kgx`) are
put back, so footback reads its own export exactly.
"""

from __future__ import annotations

import io
from collections import Counter
import json
from operator import itemgetter
from pathlib import Path
from typing import Any

from .. import biolink
from .common import Duplicates, GraphBuilder, Problems, check_evidence, check_graph_attrs, fail, gc_paused, merge_edge, merge_node
from .limits import refuse_special

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


def _rows(path: Path, required: tuple[str, ...], problems: Problems):
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
            raise fail(path, _first_bad_line(path), f"not UTF-8 text ({exc.reason})") from None


def _first_bad_line(path: Path) -> int | None:
    """The line of the first byte that is not UTF-8 (text is decoded in chunks)."""
    with path.open("rb") as f:
        for number, raw in enumerate(f, 1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return None


def _split(cell: str) -> list[str]:
    return [v for v in cell.split(biolink.SEPARATOR) if v] if cell else []


def read(path: str | Path, builder: GraphBuilder | None = None) -> Any:
    """Read a KGX TSV pair into a footback ``MultiDiGraph``.

    ``builder`` (default a new :class:`~graph.importers.common.GraphBuilder`)
    receives the nodes and edges; one that streams (``footback db load``)
    writes each edge out as it is read, checked exactly as here.

    Raises
    ------
    DataError
        A missing file or column, a row longer than its header, an empty id,
        a repeated node that disagrees, an edge to an unknown node, text that
        is not UTF-8. (Rows that repeat a subject, predicate and object are
        merged, and noted: see :func:`~graph.importers.common.merge_edge`;
        node rows that repeat one agreeing, see
        :func:`~graph.importers.common.merge_node`.)
    """
    if is_archive(path):
        G = _read_archive(Path(path), builder)
    else:
        G = _read_pair(*find_pair(path), builder=builder)
    G.graph["origin"] = str(Path(path).resolve())
    return G


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
    problems.raise_if_any()
    G = graph.graph
    repeats.note(G)
    duplicates.note(G)
    G.graph.update(attrs)
    return G


def _exact_values(doc: Any, file: str) -> dict[str, dict[int, dict[str, Any]]]:
    """metadata.json's ``footback_exact``: by file name, line, then column, the exact value (see :mod:`graph.export.kgx`)."""
    spec = doc.get("footback_exact") if isinstance(doc, dict) else None
    if spec is None:
        return {}
    out: dict[str, dict[int, dict[str, Any]]] = {}
    ok = isinstance(spec, dict)
    for name, lines in (spec.items() if ok else ()):
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
    from ..export.kgx import attr_of, cell

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
            return f.read()


def _read_archive(archive: Path, builder: GraphBuilder | None = None) -> Any:
    """Read the one KGX pair inside a tar archive, without extracting it.

    What the archive may hold is bounded (see :mod:`graph.importers.limits`):
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
            pairs = [
                (n, files[n[: -len("nodes.tsv")] + "edges.tsv"])
                for n in sorted(files)
                if n.endswith("nodes.tsv") and n[: -len("nodes.tsv")] + "edges.tsv" in files
            ]
            if not pairs:
                from .kgx_jsonl import SUFFIXES, read_pair

                jsonl = [
                    (n, files[n[: -len("nodes" + s)] + "edges" + t])
                    for n in sorted(files) for s in SUFFIXES if n.endswith("nodes" + s)
                    for t in SUFFIXES if n[: -len("nodes" + s)] + "edges" + t in files
                ]
                if len(jsonl) == 1:
                    nodes_name, edges = jsonl[0]
                    stem = nodes_name[: nodes_name.rindex("nodes")]
                    meta = files.get(stem + "metadata.json")
                    return read_pair(
                        _Member(tar, files[nodes_name], archive), _Member(tar, edges, archive),
                        _Member(tar, meta, archive) if meta is not None else False, builder,
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
                _Member(tar, meta, archive) if meta is not None else False, builder,
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
        raise fail(meta, None, f"not UTF-8 text ({exc.reason})") from None
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


def _read_nodes(path: Path, graph: GraphBuilder, problems: Problems, exact: dict[int, dict[str, Any]] | None = None, absent_cols: Any = ()) -> tuple[dict[str, str], Duplicates]:
    """Add the nodes; return the map from each KGX id (CURIE) to its footback id, and the repeated rows merged.

    A row repeating an earlier node's id is merged into it when it agrees:
    an empty cell says nothing, a multi-valued (``|``) cell adds its values,
    any other cell must hold the same value (else a located problem). So an
    exact repeat, common in KGX graphs, is merged, and noted.
    """
    from ..export.kgx import NODE_EXACT, NODE_OPTIONAL, NODE_SHADOWED, attr_of

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
    first_line: dict[str, tuple[str, int]] = {}
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
        if node_id in graph:
            first = first_line.get(node_id)
            if first is None or first[0] != curie:  # two spellings of one id (x and footback:x)
                problems.add(path, line, f"duplicate node id {curie!r} (first at line {first[1] if first else '?'})", curie)
                continue
            if not cell["name"]:
                del attrs["label"]  # an empty name says nothing (the label defaulted to the id)
            clash = merge_node(graph.graph._node[node_id], attrs)
            if clash:
                column, old, new = clash
                problems.add(path, line, f"duplicate node id {curie!r} (first at line {first[1]}) with a different {column}: {new!r:.60}, not {old!r:.60}", curie)
            else:
                repeats.add(line)
            continue
        graph.add_node(node_id, attrs)
        ids[curie] = node_id
        first_line[node_id] = (curie, line)
    if not ids and not problems:
        problems.add(path, None, "no nodes")
    return ids, repeats


def _read_edges(path: Path, ids: dict[str, str], graph: GraphBuilder, problems: Problems, exact: dict[int, dict[str, Any]] | None = None, absent_cols: Any = ()) -> Duplicates:
    """Add the edges; rows repeating an earlier row's triple are merged into its edge."""
    from ..export.kgx import EDGE_EXACT, EDGE_OPTIONAL, EDGE_SHADOWED, attr_of

    absent = [EDGE_OPTIONAL[c] for c in absent_cols if c in EDGE_OPTIONAL]
    own_columns = {**EDGE_EXACT, "primary_knowledge_source": "cites"}

    duplicates = Duplicates(path, "rows")
    rows = _rows(path, EDGE_REQUIRED, problems)
    _, header = next(rows)
    col = {c: i for i, c in enumerate(header)}
    known = {"subject", "predicate", "object", *biolink.EDGE_COLUMNS.values(), "footback_relation", "knowledge_level", "agent_type"}
    extras = [(attr_of(c, EDGE_SHADOWED), i, c in biolink.MULTIVALUED or c in biolink.FOOTBACK_MULTIVALUED) for c, i in col.items() if c not in known and c not in EDGE_DROPPED]
    wanted = ["subject", "predicate", "object", *(biolink.EDGE_COLUMNS[k] for k in ("cites", "note", "section")), "footback_relation", "knowledge_level", "agent_type"]
    if all(c in col for c in wanted):
        cells = itemgetter(*(col[c] for c in wanted))
    else:  # absent columns read as empty: a cell appended to every row
        pad = len(header)
        getter = itemgetter(*(col.get(c, pad) for c in wanted))
        rows = ((line, row + [""]) for line, row in rows)

        def cells(row: list[str]) -> tuple[str, ...]:
            return getter(row)

    # Repeated values (relations, sources, sections) share one string each.
    relations: dict[str, str] = {}
    sources: dict[str, str] = {"": ""}
    sections: dict[str, str] = {}
    # The graph is filled in directly (see GraphBuilder): a million calls
    # saved, and the check for repeated edges comes free with the insert.
    succ, pred = graph._succ, graph._pred
    stream = graph.add_edge if graph.streams else None
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
            rel = relations.get(p)
            if rel is None:
                rel = relations[p] = biolink.relation_of(p)
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
        if not check_evidence(attrs, path, line, f"{s} {p} {o}", problems):
            continue
        if stream is not None:  # written out at once (footback db load), not kept
            if not stream(u, v, rel, attrs):
                graph.merge_edge(u, v, rel, attrs, duplicates.seen)
                duplicates.add(line)
            continue
        out = succ[u]
        keydict = out.get(v)
        if keydict is None:
            out[v] = pred[v][u] = {rel: attrs}
        elif rel in keydict:
            # Public graphs carry one triple once per knowledge source.
            merge_edge(keydict[rel], attrs, duplicates.seen)
            duplicates.add(line)
        else:
            keydict[rel] = attrs
    return duplicates
