"""Attribute values that GraphML and GEXF cannot hold, encoded as JSON text.

GraphML and GEXF attributes are scalars: text, numbers, booleans. footback's
lists (``synonyms``, ``codes``), the graph's ``about`` and ``sources``, and
any ``None``, list or mapping an imported graph carries, and text holding
characters XML cannot carry (control characters, carriage returns), are written as JSON
text instead (``["pes planus", "fallen arches"]``), which other tools show as
it is. The graph attribute ``footback_json`` names every attribute so
encoded, as a JSON list of ``graph:NAME``, ``node:NAME`` and ``edge:NAME``,
so that footback decodes exactly those on import.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("a", label="A", synonyms=["x", "y"])
>>> H = encode(G)
>>> H.nodes["a"]["synonyms"], H.graph[JSON_KEY]
('["x", "y"]', '["node:synonyms"]')
>>> decode(H, "f.graphml").nodes["a"]["synonyms"]
['x', 'y']
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..errors import DataError, Problem
from ..present import finite

JSON_KEY = "footback_json"


#: Characters XML 1.0 cannot carry (C0 controls, U+FFFE, U+FFFF), and CR,
#: which an XML parser turns into LF. Text holding any is written as JSON text.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\r\ufffe\uffff]")


def _plain(value: Any) -> bool:
    if isinstance(value, str):
        return not _NOT_XML.search(value)
    if isinstance(value, bool):
        return True
    if isinstance(value, int):
        return -(2**63) <= value < 2**63
    if isinstance(value, float):
        return value == value and value not in (float("inf"), float("-inf"))
    return False


def _dumps(value: Any) -> str:
    return json.dumps(finite(value), ensure_ascii=False, sort_keys=True, default=str, allow_nan=False)


def encode(G: Any) -> Any:
    """A copy of ``G`` whose attribute values are all scalars; see the module doc."""
    import networkx as nx

    encoded: set[str] = set()

    def scan(kind: str, dicts: list[dict[str, Any]]) -> set[str]:
        names: set[str] = set()
        for d in dicts:
            for k, v in d.items():
                if not _plain(v):
                    names.add(k)
        encoded.update(f"{kind}:{k}" for k in names)
        return names

    def conv(d: dict[str, Any], names: set[str]) -> dict[str, Any]:
        for k in d:
            if _NOT_XML.search(str(k)):
                raise ExportError(f"cannot write attribute name {str(k)!r} as XML: it holds a control character")
        return {str(k): (_dumps(v) if k in names else v) for k, v in d.items()}

    from ..errors import ExportError

    for n in G.nodes:
        if _NOT_XML.search(str(n)):
            raise ExportError(f"cannot write node id {str(n)!r} as XML: it holds a control character")
    graph = {k: v for k, v in G.graph.items() if k != JSON_KEY}
    gnames, nnames = scan("graph", [graph]), scan("node", [d for _, d in G.nodes(data=True)])
    enames = scan("edge", [d for *_, d in G.edges(data=True)])
    H = nx.MultiDiGraph()
    H.graph.update(conv(graph, gnames))
    if encoded:
        H.graph[JSON_KEY] = _dumps(sorted(encoded))
    H.add_nodes_from((str(n), conv(d, nnames)) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        H.add_edges_from((str(u), str(v), k, conv(d, enames)) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        H.add_edges_from((str(u), str(v), conv(d, enames)) for u, v, d in G.edges(data=True))
    return H


def decode(G: Any, file: str) -> Any:
    """Undo :func:`encode` in place (and return ``G``).

    Raises
    ------
    DataError
        ``footback_json`` names an attribute whose value is not JSON.
    """
    spec = G.graph.pop(JSON_KEY, "[]")
    try:
        items = json.loads(spec) if isinstance(spec, str) else None
    except (ValueError, RecursionError):
        items = None
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise DataError(Problem(file, None, f"graph attribute {JSON_KEY!r} must be a JSON list of text, got {spec!r:.60}"))
    wanted: dict[str, set[str]] = {"graph": set(), "node": set(), "edge": set()}
    for item in items:
        kind, _, name = item.partition(":")
        if kind not in wanted or not name:
            raise DataError(Problem(file, None, f"graph attribute {JSON_KEY!r} has {item!r}; expected graph:NAME, node:NAME or edge:NAME"))
        wanted[kind].add(name)

    def conv(d: dict[str, Any], names: set[str], what: str) -> None:
        for k in names & d.keys():
            v = d[k]
            if isinstance(v, str):
                try:
                    d[k] = json.loads(v)
                except (ValueError, RecursionError):
                    raise DataError(Problem(file, None, f"{what} attribute {k!r} should be JSON text (see {JSON_KEY}) but is {v[:60]!r}")) from None

    conv(G.graph, wanted["graph"], "graph")
    if wanted["node"]:
        for n, d in G.nodes(data=True):
            conv(d, wanted["node"], f"node {n!r}")
    if wanted["edge"]:
        for u, v, d in G.edges(data=True):
            conv(d, wanted["edge"], f"edge {u} -> {v}")
    return G


#: Prefix of an attribute written under another name because a format keeps
#: its own name for itself (a node's ``id``, an edge's ``source``...).
RENAMED = "attr:"
#: Every name some format keeps for itself (see each exporter's ``RESERVED``).
RESERVED_ANYWHERE = frozenset(
    {"id", "source", "target", "key", "parent", "name", "subject", "predicate", "object", "synonym", "xref", "primary_knowledge_source", "footback_type", "footback_relation"}
)


def _renamed(name: str) -> bool:
    """Whether ``name`` is how :func:`rename` spells some attribute."""
    while name.startswith(RENAMED):
        name = name[len(RENAMED) :]
        if name in RESERVED_ANYWHERE:
            return True
    return False


def rename(name: str, reserved: frozenset[str] | set[str]) -> str:
    """The name to write attribute ``name`` under, in a format that keeps ``reserved`` for itself.

    A reserved name gets the prefix ``attr:`` (so an edge's own ``source``
    attribute is written as ``attr:source``), as does a name that already
    looks renamed, so :func:`original_name` undoes it exactly.

    >>> rename("source", {"source", "target"}), rename("weight", {"source"}), rename("attr:id", set())
    ('attr:source', 'weight', 'attr:attr:id')
    >>> original_name("attr:source"), original_name("attr:attr:id"), original_name("attr:weight")
    ('source', 'attr:id', 'attr:weight')
    """
    return RENAMED + name if name in reserved or _renamed(name) else name


def original_name(name: str) -> str:
    """Undo :func:`rename`."""
    return name[len(RENAMED) :] if _renamed(name) else name


def renamed(d: dict[str, Any], reserved: frozenset[str] | set[str]) -> dict[str, Any]:
    """``d`` with each key as :func:`rename` writes it (order kept)."""
    return {rename(str(k), reserved): v for k, v in d.items()}


def original_names(d: dict[str, Any]) -> dict[str, Any]:
    """Undo :func:`renamed`."""
    return {original_name(k) if isinstance(k, str) else k: v for k, v in d.items()}
