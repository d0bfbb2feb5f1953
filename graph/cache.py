"""A cache of validated graph data, so that each CLI query starts fast.

Parsing YAML and checking every rule of the data model costs more than the
query itself. :func:`load_graph_cached` keeps the validated *records* of a
YAML data directory as plain JSON in a per-user cache directory and rebuilds
the graph from them with :func:`graph.build.to_networkx`, the same code as an
uncached load, so a cached graph is identical to a fresh one (same node and
edge order, same attributes).

An entry is trusted only when its key matches. The key is a SHA-256 of the
cache format, the footback version, the source of the modules that decide
what is valid (``load``, ``model``, ``names``, ``errors`` and this one) and
the name and bytes of every data file the loader reads. Invalid data is
never cached: it raises :class:`~graph.errors.DataError` as usual. Entries
are written atomically (temporary file, then rename); a cache directory that
cannot be written, or an entry that cannot be read, silently means "no
cache". There is one entry per data directory, overwritten when its data
changes.

Where: ``$FOOTBACK_CACHE_DIR`` if set, else ``$XDG_CACHE_HOME/footback``,
else ``~/.cache/footback``. ``FOOTBACK_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

#: Bumped whenever the layout of a cache entry changes.
CACHE_FORMAT = 2
#: Modules whose code decides what :func:`graph.load.load_dir` accepts and returns.
_LOADER_MODULES = ("load.py", "model.py", "evidence.py", "names.py", "errors.py", "cache.py")
_YAML_READER = "graph.build:load_graph_dir"


def cache_dir() -> Path | None:
    """The directory cache entries live in, or ``None`` when caching is off."""
    if os.environ.get("FOOTBACK_NO_CACHE"):
        return None
    if os.environ.get("FOOTBACK_CACHE_DIR"):
        return Path(os.environ["FOOTBACK_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "footback"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("footback")
    except PackageNotFoundError:  # running from a source tree
        return "unknown"


def data_files(path: str | Path) -> list[Path]:
    """The files :func:`graph.load.load_dir` reads, in the order it reads them."""
    root = Path(path)
    return sorted(p for p in root.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def cache_key(path: str | Path) -> str:
    """The key of a data directory's entry: changes whenever its data (or footback) does."""
    h = hashlib.sha256()
    h.update(f"footback-cache {CACHE_FORMAT} {_version()}\0".encode())
    here = Path(__file__).resolve().parent
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
        "edges": [
            [e.source, e.relation, e.target, e.cites, list(e.section), e.note, e.extra, e.evidence.to_json() if e.evidence else None]
            for e in data.edges
        ],
        "sources": data.sources,
        "about": data.about,
    }


def _from_plain(plain: dict[str, Any], origin: str) -> Any:
    from .evidence import Evidence
    from .load import GraphData
    from .model import Edge, Node

    def evidence(ev: dict[str, Any] | None) -> Evidence | None:
        return Evidence(ev["level"], ev["basis"], tuple(ev["refs"]), ev["note"]) if ev else None

    return GraphData(
        nodes=[Node(i, lab, t, d, tuple(s), tuple(c), tuple(rt), dict(x)) for i, lab, t, d, s, c, rt, x in plain["nodes"]],
        edges=[Edge(s, r, t, c, tuple(sec), note, dict(x), evidence(ev)) for s, r, t, c, sec, note, x, ev in plain["edges"]],
        sources=plain["sources"],
        about=plain["about"],
        origin=origin,
    )


def read_entry(file: Path, key: str) -> dict[str, Any] | None:
    """The records stored in ``file`` if its key is ``key``; else ``None``."""
    try:
        entry = json.loads(file.read_bytes())
        if entry.get("format") == CACHE_FORMAT and entry.get("key") == key:
            return entry["data"]
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
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
    tmp = None
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        os.replace(tmp, file)
        return True
    except OSError:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass
        return False


def load_dir_cached(path: str | Path) -> Any:
    """:func:`graph.load.load_dir`, served from the cache when the key matches."""
    from .load import load_dir

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
    """:func:`graph.importers.load_graph`, with the cache for YAML data directories.

    Other formats, and ``cache=False``, load exactly as
    :func:`~graph.importers.load_graph` does.
    """
    from .importers import IMPORTERS, detect_format, load_graph

    if not cache:
        return load_graph(path, fmt)
    if path is None:
        from .load import DATA_DIR

        path, fmt = DATA_DIR, "yaml"
    fmt = fmt or detect_format(path)
    importer = IMPORTERS.get(fmt)
    if importer is None or importer.reader != _YAML_READER:
        return load_graph(path, fmt)
    from .build import to_networkx

    G = to_networkx(load_dir_cached(path))
    G.graph["origin"] = str(Path(path).resolve())  # as graph.build.load_graph_dir sets it
    return G
