"""What every importer shares: collecting located problems and building the graph fast."""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import DataError, Problem

#: Stop collecting problems after this many: a broken million-row file
#: should give a readable error, not a million lines.
MAX_PROBLEMS = 50


class Problems:
    """Problems found in one import, each with its file and line."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.more = 0

    def add(self, file: str | Path, line: int | None, message: str, record: str | None = None) -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(str(file), line, message, record))
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.items)

    @property
    def full(self) -> bool:
        return self.more > 0

    def raise_if_any(self) -> None:
        if self.items:
            items = list(self.items)
            if self.more:
                last = items[-1]
                items.append(Problem(last.file, None, f"stopped after {MAX_PROBLEMS} problems; there are more"))
            raise DataError(items)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a graph is built.

    Building a graph allocates millions of dicts, none of them garbage; each
    allocation burst triggers a collection that walks every object made so
    far. Pausing it takes about 40% off loading a million edges. (The
    collector is restored, not forced to run, afterwards.)
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def fail(file: str | Path, line: int | None, message: str) -> DataError:
    """A one-problem :class:`DataError`, to ``raise``."""
    return DataError(Problem(str(file), line, message))


class GraphBuilder:
    """Fill a ``MultiDiGraph`` directly, in insertion order.

    The result is the graph ``add_node`` and ``add_edge`` would build (same
    nodes, edges, keys, attribute dicts and iteration order), but a million
    edges load several times faster. Both methods return False, and change
    nothing, on a repeated node or ``(source, target, key)``;
    :meth:`add_edge` requires both ends to be added already.

    >>> b = GraphBuilder()
    >>> b.add_node("a", {"label": "A"}), b.add_node("b", {}), b.add_node("a", {})
    (True, True, False)
    >>> b.add_edge("a", "b", "causes", {"relation": "causes"}), b.add_edge("a", "b", "causes", {})
    (True, False)
    >>> list(b.graph.edges(keys=True, data=True)), b.graph.nodes["a"]
    ([('a', 'b', 'causes', {'relation': 'causes'})], {'label': 'A'})
    """

    def __init__(self, graph_attrs: dict[str, Any] | None = None) -> None:
        import networkx as nx

        self.graph = nx.MultiDiGraph()
        if graph_attrs:
            self.graph.graph.update(graph_attrs)
        self._node, self._succ, self._pred = self.graph._node, self.graph._succ, self.graph._pred

    def __contains__(self, node: str) -> bool:
        return node in self._node

    def add_node(self, n: str, data: dict[str, Any]) -> bool:
        if n in self._node:
            return False
        self._node[n] = data
        self._succ[n] = {}
        self._pred[n] = {}
        return True

    def add_edge(self, u: str, v: str, key: str, data: dict[str, Any]) -> bool:
        keydict = self._succ[u].get(v)
        if keydict is None:
            # networkx shares one key dict between _succ[u][v] and _pred[v][u].
            keydict = self._succ[u][v] = self._pred[v][u] = {}
        elif key in keydict:
            return False
        keydict[key] = data
        return True


#: Type of an imported node that names none, relation of an edge that names none.
UNKNOWN_TYPE = "unknown"
UNKNOWN_RELATION = "related_to"


def _text(d: dict[str, Any], key: str) -> str:
    """``d[key]`` if it is non-empty text, else ``""``."""
    value = d.get(key)
    return value if isinstance(value, str) else ""


def assemble(
    file: str | Path,
    nodes: Iterable[tuple[Any, dict[str, Any], int | None]],
    edges: Iterable[tuple[Any, Any, Any, dict[str, Any], int | None]],
    graph_attrs: dict[str, Any] | None,
    problems: Problems,
) -> Any:
    """Check generic node and edge records and build a footback graph.

    Used by the readers of formats that are not footback's own (GraphML,
    node-link and Cytoscape JSON). Node ids become text; a node's ``label``
    is its ``label`` attribute, else its ``name`` (as Cytoscape desktop
    writes it), else its id; one without a ``type`` gets type ``unknown``;
    an edge's ``relation`` is its ``relation`` attribute, else its
    ``interaction`` (Cytoscape desktop), else its ``label`` (as Gephi writes
    it), else ``related_to``, and becomes its key (other edge ids are not
    kept). The attributes read from are kept as they are.
    ``synonyms`` and ``codes``, where present, must be lists of text.
    Records are ``(id, attrs, line)`` and ``(source, target, key, attrs,
    line)``; problems (duplicates, edges to unknown nodes, bad values) are
    added to ``problems`` with their line.
    """
    b = GraphBuilder(graph_attrs)
    for n, d, line in nodes:
        if not isinstance(n, (str, int)) or isinstance(n, bool) or n == "":
            problems.add(file, line, f"node id must be text, got {n!r:.60}")
            continue
        nid = str(n)
        if not isinstance(d, dict):
            problems.add(file, line, "node attributes must be a mapping", nid)
            continue
        d = dict(d)
        if not _text(d, "label"):
            d["label"] = _text(d, "name") or nid
        if not isinstance(d.get("type"), str) or not d["type"]:
            d["type"] = UNKNOWN_TYPE
        ok = True
        for key in ("synonyms", "codes"):
            if key in d and not (isinstance(d[key], list) and all(isinstance(s, str) for s in d[key])):
                problems.add(file, line, f"{key!r} must be a list of text, got {d[key]!r:.60}", nid)
                ok = False
        if ok and not b.add_node(nid, d):
            problems.add(file, line, f"duplicate node id {nid!r}", nid)
    for u, v, key, d, line in edges:
        if not isinstance(d, dict):
            problems.add(file, line, "edge attributes must be a mapping")
            continue
        ends = []
        for end, name in ((u, "source"), (v, "target")):
            sid = str(end) if isinstance(end, (str, int)) and not isinstance(end, bool) else None
            if sid is None or sid not in b:
                problems.add(file, line, f"edge {name} {end!r:.60} is not a node", f"{u} -> {v}")
            ends.append(sid)
        if None in ends or ends[0] not in b or ends[1] not in b:
            if problems.full:
                break
            continue
        d = dict(d)
        rel = _text(d, "relation")
        if not rel:
            rel = d["relation"] = _text(d, "interaction") or _text(d, "label") or UNKNOWN_RELATION
        if not b.add_edge(ends[0], ends[1], rel, d):
            problems.add(file, line, f"duplicate edge: {ends[0]} {rel} {ends[1]} appears twice", f"{u} {rel} {v}")
    problems.raise_if_any()
    return b.graph
