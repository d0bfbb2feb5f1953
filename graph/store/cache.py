"""A cache of validated graph data, so that each CLI query starts fast.

Parsing YAML and checking every rule of the data model costs more than the
query itself. :func:`load_graph_cached` keeps the validated *records* of a
YAML data directory as plain JSON in a per-user cache directory and rebuilds
the graph from them with :func:`graph.formats.yamlfile.to_networkx`, the same code as an
uncached load, so a cached graph is identical to a fresh one (same node and
edge order, same attributes).

An entry is trusted only when its key matches. The key is a SHA-256 of the
cache format, the source of the modules that decide
what is valid (``load``, ``model``, ``names``, ``errors`` and this one) and
the name and bytes of every data file the loader reads. Invalid data is
never cached: it raises :class:`~graph.errors.DataError` as usual. Entries
are written atomically (temporary file, then rename); a cache directory that
cannot be written, or an entry that cannot be read, silently means "no
cache". There is one entry per data directory, overwritten when its data
changes.

Imported graphs (KGX, GraphML, JSON, any ``--graph`` format but YAML) are
cached whole, as a pickle of the graph the importer returned, keyed by the
importer's code and by each input file's path, size, ``mtime_ns``, inode and
SHA-256: a second question on a million-edge graph skips parsing.

A pickle can run code when read, so an entry is read only from a directory
that is the user's own: created ``0700``, opened without following a link,
owned by the user and writable by no one else; the entry itself likewise
(a regular file, the user's, writable by no one else). A shared, foreign or
loosened directory, and a foreign, linked or malformed entry, are ignored
(the graph is read afresh and, where the directory is safe, the entry
rewritten): never trusted, never a traceback. The JSON entries of YAML data
pass the same checks.

Where: ``$FOOTBACK_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/footback``,
else ``~/.cache/footback``. ``FOOTBACK_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

#: Bumped whenever the layout of a cache entry changes.
CACHE_FORMAT = 2
#: Modules whose code decides what :func:`graph.formats.yamlfile.load_dir` accepts and returns.
_LOADER_MODULES = ("formats/yamlfile.py", "formats/checks.py", "model/__init__.py", "model/evidence.py", "model/records.py", "language/names.py", "errors.py", "store/cache.py")
_YAML_READER = "graph.formats.yamlfile:load_graph_dir"


def cache_dir() -> Path | None:
    """The directory cache entries live in, or ``None`` when caching is off."""
    if os.environ.get("FOOTBACK_NO_CACHE"):
        return None
    if os.environ.get("FOOTBACK_CACHE_DIR"):
        return Path(os.environ["FOOTBACK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "footback"


def data_files(path: str | Path) -> list[Path]:
    """The files :func:`graph.formats.yamlfile.load_dir` reads, in the order it reads them
    (:func:`graph.formats.yamlfile.yaml_files`, without importing the YAML reader)."""
    from ..model import YAML_SUFFIXES

    root = Path(path)
    return sorted(p for p in root.iterdir() if p.suffix in YAML_SUFFIXES and p.is_file())


def cache_key(path: str | Path) -> str:
    """The key of a data directory's entry: changes whenever its data (or footback) does."""
    h = hashlib.sha256()
    h.update(f"footback-cache {CACHE_FORMAT}\0".encode())  # the code itself is hashed below, not the version (importlib.metadata costs completion 30 ms)
    here = Path(__file__).resolve().parent.parent  # the package, graph/
    for name in _LOADER_MODULES:
        h.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    for f in data_files(path):
        data = f.read_bytes()
        h.update(f"{f.name}\0{len(data)}\0".encode() + data)
    return h.hexdigest()


def entry_path(path: str | Path, directory: Path) -> Path:
    """Where the entry of data directory ``path`` is kept (one per directory)."""
    origin = str(Path(path).resolve())
    return directory / f"graph-{hashlib.sha256(origin.encode()).hexdigest()[:20]}.json"


def _to_plain(data: Any) -> dict[str, Any]:
    return {
        "nodes": [[n.id, n.label, n.type, n.description, list(n.synonyms), list(n.codes), list(n.related_terms), n.extra] for n in data.nodes],
        "edges": [[e.source, e.relation, e.target, e.cites, list(e.section), e.note, e.extra, e.evidence.to_json() if e.evidence else None] for e in data.edges],
        "sources": data.sources,
        "about": data.about,
    }


def _from_plain(plain: dict[str, Any], origin: str) -> Any:
    from ..model.evidence import Evidence
    from ..formats.yamlfile import GraphData
    from ..model import Edge, Node

    def evidence(ev: dict[str, Any] | None) -> Evidence | None:
        return Evidence(ev["level"], ev["basis"], tuple(ev["refs"]), ev["note"]) if ev else None

    return GraphData(
        nodes=[Node(i, lab, t, d, tuple(s), tuple(c), tuple(rt), dict(x)) for i, lab, t, d, s, c, rt, x in plain["nodes"]],
        edges=[Edge(s, r, t, c, tuple(sec), note, dict(x), evidence(ev)) for s, r, t, c, sec, note, x, ev in plain["edges"]],
        sources=plain["sources"],
        about=plain["about"],
        origin=origin,
    )


def _own_and_private(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    uid = os.geteuid() if hasattr(os, "geteuid") else st.st_uid
    return st.st_uid == uid and not st.st_mode & 0o022


@contextmanager
def _safe_dir(directory: Path, *, create: bool) -> Iterator[int | None]:
    """A descriptor of ``directory`` if it is safe to trust (see the module
    docstring), else ``None``. With ``create``, a missing one is made ``0700``."""
    fd = None
    try:
        if create:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(directory, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0))
        st = os.fstat(fd)
        ok = stat.S_ISDIR(st.st_mode) and _own_and_private(st)
    except (OSError, NotImplementedError):  # no dir_fd support (Windows): no cache
        ok = False
    try:
        yield fd if ok else None
    finally:
        if fd is not None:
            os.close(fd)


@contextmanager
def _open_entry(file: Path) -> Iterator[Any]:
    """``file`` opened for binary reading if it and its directory pass the checks, else ``None``."""
    with _safe_dir(file.parent, create=False) as dfd:
        f = None
        if dfd is not None:
            try:
                # O_NONBLOCK: a pipe planted as an entry must not hang the open.
                fd = os.open(file.name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0), dir_fd=dfd)
                try:
                    st = os.fstat(fd)
                    if stat.S_ISREG(st.st_mode) and _own_and_private(st):
                        f = os.fdopen(fd, "rb")
                finally:
                    if f is None:
                        os.close(fd)
            except (OSError, NotImplementedError):
                f = None
        try:
            yield f
        finally:
            if f is not None:
                f.close()


def _write_private(file: Path, write: Any) -> bool:
    """Write an entry atomically: ``write(f)`` into a new ``0600`` temporary file
    in the (safe) directory, then rename it over ``file``. False on failure."""
    with _safe_dir(file.parent, create=True) as dfd:
        if dfd is None:
            return False
        import secrets  # with random, hmac, base64: not for reading (shell completion)

        tmp = f".{file.name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600, dir_fd=dfd)
        except (OSError, NotImplementedError):
            return False
        try:
            with os.fdopen(fd, "wb") as f:
                write(f)
            os.replace(tmp, file.name, src_dir_fd=dfd, dst_dir_fd=dfd)
            return True
        except Exception:  # OSError, or a graph pickle cannot write
            try:
                os.unlink(tmp, dir_fd=dfd)
            except OSError:
                pass
            return False


def read_entry(file: Path, key: str) -> dict[str, Any] | None:
    """The records stored in ``file`` if its key is ``key`` (and it passes the checks); else ``None``."""
    try:
        with _open_entry(file) as f:
            if f is None:
                return None
            entry = json.loads(f.read())
        data = entry["data"] if entry.get("format") == CACHE_FORMAT and entry.get("key") == key else None
        if isinstance(data, dict):  # anything else is a damaged entry: read the graph again
            return data
    except (OSError, ValueError, AttributeError, KeyError, TypeError, RecursionError):
        pass
    return None


def write_entry(file: Path, key: str, plain: dict[str, Any]) -> bool:
    """Store ``plain`` under ``key``, atomically. False (and nothing written) on failure.

    Data that JSON would not give back exactly (a YAML date, a number as a
    mapping key, ...) is not cached.
    """
    try:
        if json.loads(json.dumps(plain)) != plain:
            return False
        text = json.dumps({"format": CACHE_FORMAT, "key": key, "data": plain}, ensure_ascii=False, separators=(",", ":"))
    except (TypeError, ValueError):
        return False
    return _write_private(file, lambda f: f.write(text.encode("utf-8")))


# --- imported graphs --------------------------------------------------------------

_IMPORT_MAGIC = b"footback-import-cache"


def _code_digest() -> bytes:
    """The source of every module of the package: an importer's output depends on them."""
    here = Path(__file__).resolve().parent.parent  # the package, graph/
    h = hashlib.sha256()
    for f in sorted(here.glob("**/*.py")):
        h.update(f.relative_to(here).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    return h.digest()


def input_files(path: str | Path) -> list[Path]:
    """The files an importer may read for ``path``: a folder's own files; a
    file, the other half of its KGX pair and a ``metadata.json`` beside it."""
    p = Path(path)
    if p.is_dir():
        return sorted(f for f in p.iterdir() if f.is_file())
    files = {p}
    for end, other in (("nodes.tsv", "edges.tsv"), ("edges.tsv", "nodes.tsv")):
        if p.name.endswith(end):
            files.add(p.with_name(p.name[: -len(end)] + other))
    files.add(p.with_name("metadata.json"))
    return sorted(f for f in files if f.is_file())


def import_key(path: str | Path, fmt: str) -> str:
    """The key of an imported graph: footback's code, the format, and each input
    file's path, size, mtime_ns, inode and SHA-256."""
    h = hashlib.sha256()
    h.update(f"footback-import {CACHE_FORMAT} {fmt}\0".encode() + _code_digest())
    files = input_files(path)
    if not files:
        raise OSError(f"{path}: nothing to read")
    for f in files:
        with f.open("rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                raise OSError(f"{f} is not a regular file")
            h.update(f"{f.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}\0".encode())
            h.update(hashlib.file_digest(fh, "sha256").digest())
    return h.hexdigest()


def import_entry_path(path: str | Path, fmt: str, directory: Path) -> Path:
    """Where the entry of imported graph ``path`` is kept (one per input and format)."""
    origin = f"{fmt}\0{Path(path).resolve()}"
    return directory / f"import-{hashlib.sha256(origin.encode()).hexdigest()[:20]}.pickle"


def _graph_shaped(G: Any) -> bool:
    import networkx as nx

    return type(G) in (nx.MultiDiGraph, nx.DiGraph, nx.MultiGraph, nx.Graph) and isinstance(G.graph, dict)


def read_import(file: Path, key: str) -> Any:
    """The graph stored in ``file`` under ``key``, if the entry passes every check; else ``None``."""
    import gc
    import pickle

    header = _IMPORT_MAGIC + b" " + key.encode() + b"\n"
    try:
        with _open_entry(file) as f:
            if f is None or f.read(len(header)) != header:
                return None
            was = gc.isenabled()
            gc.disable()  # millions of new objects, none garbage: see formats.common.gc_paused
            try:
                G = pickle.load(f)
            finally:
                if was:
                    gc.enable()
    except Exception:  # a damaged pickle raises almost anything; it is then simply not used
        return None
    return G if _graph_shaped(G) else None


def write_import(file: Path, key: str, G: Any) -> bool:
    """Store graph ``G`` under ``key``, atomically. False (and nothing written) on failure."""
    import pickle

    def write(f: Any) -> None:
        f.write(_IMPORT_MAGIC + b" " + key.encode() + b"\n")
        pickle.dump(G, f, protocol=pickle.HIGHEST_PROTOCOL)

    return _write_private(file, write)


def load_import_cached(path: str | Path, fmt: str) -> Any:
    """:func:`graph.formats.load_graph` for a non-YAML format, served from the cache when the key matches."""
    from ..formats import load_graph

    directory = cache_dir()
    if directory is None:
        return load_graph(path, fmt)
    try:
        key = import_key(path, fmt)
    except OSError:
        return load_graph(path, fmt)
    file = import_entry_path(path, fmt, directory)
    G = read_import(file, key)
    if G is None:
        G = load_graph(path, fmt)
        if write_import(file, key, G):
            _write_names(file.with_suffix(".names.json"), key, _names_of(G))
        return G
    from ..formats.common import set_origin

    return set_origin(G, path)  # kept beside the graph, so not in the pickle: as the importer notes it


# --- names for shell completion, without networkx ---------------------------------


def _names_of(G: Any) -> list[str]:
    names: dict[str, None] = {}
    for n, d in G.nodes(data=True):
        for name in (n, d.get("label"), *(d.get("synonyms") or ())):
            if isinstance(name, str) and name:
                names[name] = None
    return list(names)


def _write_names(file: Path, key: str, names: list[str]) -> bool:
    text = json.dumps({"format": CACHE_FORMAT, "key": key, "names": names}, ensure_ascii=False)
    return _write_private(file, lambda f: f.write(text.encode("utf-8")))


def cached_names(path: str | Path | None = None, fmt: str | None = None) -> list[str] | None:
    """Every name (id, label, synonym) of the graph's nodes, read from the
    cache without importing networkx, so shell completion stays fast; ``None``
    when the graph is not cached (or its entry does not pass the checks)."""
    from ..formats import IMPORTERS, detect_format

    directory = cache_dir()
    if directory is None:
        return None
    try:
        if path is None:
            from ..formats.yamlfile import DATA_DIR

            path, fmt = DATA_DIR, "yaml"
        fmt = fmt or detect_format(path)
        if fmt not in IMPORTERS:
            return None
        if IMPORTERS[fmt].reader == _YAML_READER:
            plain = read_entry(entry_path(path, directory), cache_key(path))
            if plain is None:
                return None
            names: dict[str, None] = {}
            for i, label, _t, _d, synonyms, *_ in plain["nodes"]:
                for name in (i, label, *synonyms):
                    if isinstance(name, str) and name:
                        names[name] = None
            return list(names)
        key = import_key(path, fmt)
        with _open_entry(import_entry_path(path, fmt, directory).with_suffix(".names.json")) as f:
            if f is None:
                return None
            entry = json.loads(f.read())
        if entry.get("format") == CACHE_FORMAT and entry.get("key") == key and all(isinstance(n, str) for n in entry["names"]):
            return list(entry["names"])
    except Exception:  # completion never fails loudly: it offers nothing
        return None
    return None


def names_starting(typed: str, path: str | Path | None = None, fmt: str | None = None, *, most: int = 200) -> list[str]:
    """The graph's names (ids, labels, synonyms) starting with ``typed`` in any case, sorted, at most ``most``.

    For shell completion: read from the cache without networkx when the graph is
    cached (it is after any question), otherwise loaded, and so cached, once.
    Errors propagate (a broken graph): the caller decides to offer nothing.
    """
    names = cached_names(path, fmt)
    if names is None:
        names = _names_of(load_graph_cached(path, fmt))
    typed = typed.casefold()
    return sorted(n for n in names if n.casefold().startswith(typed))[:most]


def load_dir_cached(path: str | Path) -> Any:
    """:func:`graph.formats.yamlfile.load_dir`, served from the cache when the key matches."""
    from ..formats.yamlfile import load_dir

    directory = cache_dir()
    root = Path(path)
    if directory is None or not root.is_dir():
        return load_dir(path)
    try:
        key = cache_key(root)
    except OSError:
        return load_dir(path)
    file = entry_path(root, directory)
    plain = read_entry(file, key)
    if plain is not None:
        try:
            return _from_plain(plain, str(root))
        except (TypeError, ValueError, KeyError):
            pass  # a damaged entry: load afresh and overwrite it
    data = load_dir(path)
    write_entry(file, key, _to_plain(data))
    return data


def load_graph_cached(path: str | Path | None = None, fmt: str | None = None, *, cache: bool = True) -> Any:
    """:func:`graph.formats.load_graph`, served from the cache.

    ``cache=False`` loads exactly as :func:`~graph.formats.load_graph` does.
    """
    from ..formats import IMPORTERS, detect_format, load_graph

    if not cache:
        return load_graph(path, fmt)
    if path is None:
        from ..formats.yamlfile import DATA_DIR

        path, fmt = DATA_DIR, "yaml"
    fmt = fmt or detect_format(path)
    importer = IMPORTERS.get(fmt)
    if importer is None:
        return load_graph(path, fmt)
    if importer.reader != _YAML_READER:
        return load_import_cached(path, fmt)
    from ..formats.yamlfile import to_networkx

    from ..formats.common import set_origin

    return set_origin(to_networkx(load_dir_cached(path)), path)  # as graph.formats.yamlfile.load_graph_dir does


def load_graph_for_life(path: str | Path | None = None, fmt: str | None = None, *, cache: bool = True) -> Any:
    """:func:`load_graph_cached` for a graph kept until the process ends (a CLI question).

    Python's cyclic collector stays off for the whole load, and the graph is
    frozen (``gc.freeze``) before it is back on, so it never walks the
    graph's millions of objects: not at every later burst of allocation, nor
    once at the first allocation after the load (which, with the collector
    merely re-enabled, walks every object the load made: over a second for a
    million edges read from the cache).
    """
    import gc

    was = gc.isenabled()
    gc.disable()
    try:
        return load_graph_cached(path, fmt, cache=cache)
    finally:
        gc.freeze()
        if was:
            gc.enable()
