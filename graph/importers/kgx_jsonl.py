"""Read Biolink KGX JSON Lines: ``nodes.jsonl`` and ``edges.jsonl``, one JSON object a line.

The format current Biolink knowledge graphs publish (KGX's ``JsonlSource``
and ``JsonlSink``). ``--graph`` may name the folder holding the pair (plain
``nodes.jsonl``/``edges.jsonl`` or KGX's ``NAME_nodes.jsonl``, each possibly
``.gz``), either file of it, or a ``.tar.gz``/``.tgz``/``.tar`` archive
holding one pair (read in place). Records map onto footback's graph as the
TSV columns do (:mod:`graph.importers.kgx`, :mod:`graph.biolink`), but
values keep their JSON types: lists are lists, so nothing is split on ``|``.
A ``metadata.json`` beside the pair gives the graph's own attributes.

The files are streamed, one line at a time (a gzip file is decompressed as
it is read): the graph is built as the lines go by, never holding the file
in memory. Every problem names its file and line.
"""

from __future__ import annotations

import gzip
import json
import zlib
from pathlib import Path
from typing import Any

from .. import biolink
from .common import Duplicates, GraphBuilder, Problems, check_evidence, check_graph_attrs, fail, gc_paused, merge_edge, merge_node

SUFFIXES = (".jsonl", ".jsonl.gz")
#: Keys footback reads as its own; any other is kept as an attribute.
NODE_KEYS = frozenset({"id", "category", "name", "description", "synonym", "xref", "footback_type"})
EDGE_KEYS = frozenset({"subject", "predicate", "object", "primary_knowledge_source", "knowledge_level", "agent_type", "description", "section", "footback_relation"})
#: Edge keys footback does not keep: it names an edge by subject, predicate and object.
EDGE_DROPPED = frozenset({"id"})


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
    other = "edges" if kind == "nodes" else "nodes"
    for suffix in SUFFIXES:
        if p.name.endswith(kind + suffix):
            stem = p.name[: -len(kind + suffix)]
            return [p.with_name(stem + other + s) for s in SUFFIXES]
    return []


def find_pair(path: str | Path) -> tuple[Path, Path]:
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
    import re

    import orjson

    fast, slow, long_number = orjson.loads, json.loads, re.compile(rb"\d{19}").search

    def loads(text: bytes) -> Any:
        if long_number(text):
            return slow(text)
        try:
            return fast(text)
        except orjson.JSONDecodeError:
            return slow(text)

    return loads


def _records(file: Any, problems: Problems):
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


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def read_pair(nodes_file: Any, edges_file: Any, metadata: Any = None, builder: GraphBuilder | None = None) -> Any:
    """Read a nodes and an edges file (paths, or archive members) into a footback ``MultiDiGraph``
    (through ``builder``, as :func:`graph.importers.kgx.read` does)."""
    from .kgx import _graph_attrs, _metadata

    problems = Problems()
    graph = builder if builder is not None else GraphBuilder()
    with gc_paused():
        ids, repeats = _read_nodes(nodes_file, graph, problems)
        duplicates = _read_edges(edges_file, ids, graph, problems)
    if metadata is None:
        name = nodes_file.name
        stem = next((name[: -len("nodes" + s)] for s in SUFFIXES if name.endswith("nodes" + s)), "")
        meta_path = Path(str(nodes_file)).with_name(stem + "metadata.json")
        metadata = meta_path if meta_path.is_file() else False
    attrs = check_graph_attrs(_graph_attrs(_metadata(metadata), metadata), str(metadata) if metadata else str(nodes_file), problems, 1)
    problems.raise_if_any()
    G = graph.graph
    repeats.note(G)
    duplicates.note(G)
    G.graph.update(attrs)
    return G


def read(path: str | Path, builder: GraphBuilder | None = None) -> Any:
    """Read a KGX JSON Lines pair (or a folder or archive holding one) into a footback ``MultiDiGraph``
    (through ``builder``, as :func:`graph.importers.kgx.read` does).

    Raises
    ------
    DataError
        A missing file or key, a line that is not a JSON object, an empty
        id, a repeated node that disagrees, an edge to an unknown node, a
        value of the wrong type. (Repeated nodes that agree, and edges that
        repeat a subject, predicate and object, are merged, and noted.)
    """
    from .kgx import _read_archive, is_archive

    G = _read_archive(Path(path), builder) if is_archive(path) else read_pair(*find_pair(path), builder=builder)
    G.graph["origin"] = str(Path(path).resolve())
    return G


def _read_nodes(file: Any, graph: GraphBuilder, problems: Problems) -> tuple[dict[str, str], Duplicates]:
    from ..export.kgx import NODE_SHADOWED, attr_of

    ids: dict[str, str] = {}
    first_line: dict[str, tuple[str, int]] = {}
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
        ntype = rec.get("footback_type")
        attrs: dict[str, Any] = {
            "label": rec.get("name") or node_id,
            "type": ntype if isinstance(ntype, str) and ntype else biolink.type_of(categories),
        }
        ok = True
        for key, attr in (("description", "description"), ("name", "label")):
            if key in rec and rec[key] is not None:
                value = _text(rec[key])
                if value is None:
                    problems.add(file, line, f"{key!r} must be text, got {rec[key]!r:.40}", curie)
                    ok = False
                elif key == "description" or value:
                    attrs[attr] = value
        for key, attr in (("synonym", "synonyms"), ("xref", "codes")):
            if key in rec:
                values = _text_list(rec[key])
                if values is None:
                    problems.add(file, line, f"{key!r} must be a list of text, got {rec[key]!r:.60}", curie)
                    ok = False
                else:
                    attrs[attr] = values
        if not ok:
            continue
        if len(categories) > 1 or categories[0] != biolink.category_of(attrs["type"]):
            attrs["category"] = categories
        for key, value in rec.items():
            if key not in NODE_KEYS:
                attrs[attr_of(key, NODE_SHADOWED)] = value
        if biolink.RELATED_TERMS_COLUMN in attrs:  # footback's related terms
            attrs["related_terms"] = attrs.pop(biolink.RELATED_TERMS_COLUMN)
        if node_id in graph:
            first = first_line.get(node_id)
            if first is None or first[0] != curie:
                problems.add(file, line, f"duplicate node id {curie!r} (first at line {first[1] if first else '?'})", curie)
                continue
            if not rec.get("name"):
                del attrs["label"]
            clash = merge_node(graph.graph._node[node_id], attrs)
            if clash:
                column, old, new = clash
                problems.add(file, line, f"duplicate node id {curie!r} (first at line {first[1]}) with a different {column}: {new!r:.60}, not {old!r:.60}", curie)
            else:
                repeats.add(line)
            continue
        graph.add_node(node_id, attrs)
        ids[curie] = node_id
        first_line[node_id] = (curie, line)
    if not ids and not problems:
        problems.add(file, None, "no nodes")
    return ids, repeats


def _read_edges(file: Any, ids: dict[str, str], graph: GraphBuilder, problems: Problems) -> Duplicates:
    from ..export.kgx import EDGE_SHADOWED, attr_of

    duplicates = Duplicates(file, "rows")
    succ, pred = graph._succ, graph._pred
    stream = graph.add_edge if graph.streams else None
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
        if isinstance(own_rel, str) and own_rel:
            rel = own_rel
        else:
            rel = relations.get(p)
            if rel is None:
                rel = relations[p] = biolink.relation_of(p)
        attrs: dict[str, Any] = {"relation": rel}
        src = rec.get("primary_knowledge_source")
        if src is not None:
            cites = sources.get(src) if type(src) is str else None
            if cites is None:
                if isinstance(src, list) and len(src) == 1:
                    src = src[0]  # some graphs write this single-valued slot as a list
                if not isinstance(src, str):
                    problems.add(file, line, f"'primary_knowledge_source' must be text, got {src!r:.60}", f"{s} {p} {o}")
                    continue
                cites = sources[src] = biolink.from_source(src)
            attrs["cites"] = cites
        bad = False
        for key, attr in own:
            if key in rec:
                value = rec[key]
                if key == "section" and isinstance(value, list) and value and all(type(x) is str for x in value):
                    attrs[attr] = value  # a claim resting on several sections
                    continue
                if value is not None and type(value) is not str:
                    problems.add(file, line, f"{key!r} must be text, got {value!r:.40}", f"{s} {p} {o}")
                    bad = True
                    break
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
        if stream is not None:  # written out at once (footback db load), not kept
            if not stream(u, v, rel, attrs):
                graph.merge_edge(u, v, rel, attrs)
                duplicates.add(line)
            continue
        out = succ[u]
        keydict = out.get(v)
        if keydict is None:
            out[v] = pred[v][u] = {rel: attrs}
        elif rel in keydict:
            merge_edge(keydict[rel], attrs)
            duplicates.add(line)
        else:
            keydict[rel] = attrs
    return duplicates
