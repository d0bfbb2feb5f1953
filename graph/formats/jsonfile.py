"""Read JSON graphs: networkx node-link JSON and Cytoscape.js JSON.

Node-link JSON (``footback export json``, ``networkx.node_link_data``) has
``nodes`` and ``edges`` (or the older ``links``); Cytoscape.js JSON
(``footback export cytoscape``, Cytoscape's own exports) has ``elements``,
either ``{"nodes": [...], "edges": [...]}`` or one list of elements with a
``group``. :func:`read` tells them apart by that key. Either with
``"directed": false`` (as networkx writes an undirected graph) has each edge
read both ways (see :func:`~graph.formats.common.assemble`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
import re
from pathlib import Path
from typing import Any

from ..errors import DataError
from .common import Problems, assemble, fail, gc_paused, set_origin
from .limits import MAX_DEPTH, deep_json_line, long_number_line, may_hold_surrogate, not_utf8
from ..present import finite  # NaN and infinities as null: JSON has no words for them

_WS = re.compile(r"[ \t\n\r]*")


def _value_at(text: str, keys: tuple[str, ...]) -> int | None:
    """Offset of the value found at ``keys`` (a path of object keys), or None."""
    dec = json.JSONDecoder()

    def skip(i: int) -> int:
        return _WS.match(text, i).end()  # type: ignore[union-attr]

    try:
        i = skip(0)
        for key in keys:
            if text[i] != "{":
                return None
            i = skip(i + 1)
            found = None
            while text[i] != "}":
                k, i = dec.raw_decode(text, i)
                i = skip(skip(i) + 1)  # past ':'
                if k == key and found is None:
                    found = i
                _, i = dec.raw_decode(text, i)
                i = skip(i)
                if text[i] == ",":
                    i = skip(i + 1)
            if found is None:
                return None
            i = found
        return i
    except (ValueError, IndexError, RecursionError):
        return None


def value_line(text: str, *keys: str) -> int | None:
    """Line of the value found at ``keys``, to place an error (None when not there).

    >>> value_line('{"a": 1,\\n "nodes": {}}', "nodes")
    2
    """
    i = _value_at(text, keys)
    return None if i is None else text.count("\n", 0, i) + 1


def element_lines(text: str, *keys: str) -> list[int]:
    """Line of each element of the array found at ``keys`` (a path of object keys).

    Used only to place an error; returns ``[]`` when the path is not there.

    >>> element_lines('{"a": 1,\\n "nodes": [\\n {"id": 1},\\n {"id": 2}]}', "nodes")
    [3, 4]
    """
    dec = json.JSONDecoder()

    def skip(i: int) -> int:
        return _WS.match(text, i).end()  # type: ignore[union-attr]

    start = _value_at(text, keys)
    if start is None or text[start] != "[":
        return []
    try:
        lines, line, pos = [], 1, 0
        i = skip(start + 1)
        while text[i] != "]":
            line += text.count("\n", pos, i)
            pos = i
            lines.append(line)
            _, i = dec.raw_decode(text, i)
            i = skip(i)
            if text[i] == ",":
                i = skip(i + 1)
        return lines
    except (ValueError, IndexError, RecursionError):
        return []


def _load(path: str | Path) -> tuple[str, Any]:
    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise fail(p, None, f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise fail(p, *not_utf8(exc)) from None
    if not text.strip():
        raise fail(p, None, "file is empty")
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise fail(p, exc.lineno, f"not valid JSON: {exc.msg} (column {exc.colno})") from None
    except RecursionError:
        raise fail(p, deep_json_line(text), f"JSON nested too deeply (over {MAX_DEPTH} levels)") from None
    except ValueError as exc:  # an integer of more than 4,300 digits
        raise fail(p, long_number_line(text), f"not readable JSON: {exc}".partition("; use sys")[0]) from None
    if not isinstance(doc, dict):
        raise fail(p, 1, f"top level must be a JSON object, got {type(doc).__name__}")
    return text, doc


def _list(doc: dict[str, Any], key: str, file: str, text: str, *where: str, required: bool = True) -> list[Any]:
    """``doc[key]``, which must be a list; ``where`` is the path to ``doc`` in the file."""
    value = doc.get(key)
    if value is None and not required:
        return []
    if not isinstance(value, list):
        what = "missing" if value is None else f"a {type(value).__name__}, not a list"
        line = value_line(text, *where, key) if value is not None else (value_line(text, *where) if where else 1)
        raise fail(file, line, f"{key!r} is {what}")
    return value


def read(path: str | Path) -> Any:
    """Read node-link or Cytoscape.js JSON into a footback ``MultiDiGraph``.

    Raises
    ------
    DataError
        Invalid JSON (with its line), missing ``nodes``/``edges``, records
        that are not objects, missing ids or ends, edges to unknown nodes,
        duplicates.
    """
    file = str(path)
    with gc_paused():
        return _read(file, path)


def _read(file: str, path: str | Path) -> Any:
    text, doc = _load(path)
    if "elements" in doc:
        build = _cytoscape
    elif "nodes" in doc:
        build = _node_link
    else:
        raise fail(file, 1, "neither node-link JSON (no 'nodes') nor Cytoscape.js JSON (no 'elements')")
    try:
        G = build(file, doc, text, None)
    except DataError:
        # Read again, noting the line of every record, to place the problems.
        G = build(file, doc, text, element_lines)
    return set_origin(G, path)


def _at(lines: list[int], i: int) -> int | None:
    return lines[i] if i < len(lines) else None


def _node_link(file: str, doc: dict[str, Any], text: str, locate: Any) -> Any:
    nodes = _list(doc, "nodes", file, text)
    edge_key = "edges" if "edges" in doc or "links" not in doc else "links"
    edges = _list(doc, edge_key, file, text, required=False)
    graph = doc.get("graph") or {}
    if not isinstance(graph, dict):
        raise fail(file, value_line(text, "graph"), "'graph' must be an object")
    nlines = locate(text, "nodes") if locate else []
    elines = locate(text, edge_key) if locate else []
    problems = Problems()

    def node_recs() -> Iterator[tuple[Any, dict[str, Any], int | None]]:
        for i, rec in enumerate(nodes):
            if not isinstance(rec, dict) or "id" not in rec:
                problems.add(file, _at(nlines, i), f"node #{i + 1} must be an object with an 'id'")
                continue
            yield rec["id"], {k: v for k, v in rec.items() if k != "id"}, _at(nlines, i)

    def edge_recs() -> Iterator[tuple[Any, Any, Any, dict[str, Any], int | None]]:
        for i, rec in enumerate(edges):
            if not isinstance(rec, dict) or "source" not in rec or "target" not in rec:
                problems.add(file, _at(elines, i), f"edge #{i + 1} must be an object with 'source' and 'target'")
                continue
            attrs = {k: v for k, v in rec.items() if k not in ("source", "target", "key")}
            yield rec["source"], rec["target"], rec.get("key"), attrs, _at(elines, i)

    undirected = '"directed": false' if doc.get("directed") is False else None
    return assemble(file, node_recs(), edge_recs(), dict(graph), problems, undirected, strings=may_hold_surrogate(text), graph_line=_graph_line(text, "graph", locate))


def _graph_line(text: str, key: str, locate: Any) -> int | None:
    """Line of the graph's own attributes (``key``), when reading again to place problems."""
    return (value_line(text, key, "about") or value_line(text, key)) if locate else None


def _cytoscape(file: str, doc: dict[str, Any], text: str, locate: Any) -> Any:
    elements = doc["elements"]
    graph = doc.get("data") or {}
    if isinstance(graph, list) and all(isinstance(kv, list) and len(kv) == 2 and isinstance(kv[0], str) for kv in graph):
        graph = dict(graph)  # networkx's cytoscape_data writes [[key, value], ...]
    if not isinstance(graph, dict):
        raise fail(file, value_line(text, "data"), "'data' must be an object")
    undirected = '"directed": false' if doc.get("directed") is False else None  # as networkx's cytoscape_data writes
    if isinstance(elements, dict):
        nodes = _list(elements, "nodes", file, text, "elements", required=False)
        edges = _list(elements, "edges", file, text, "elements", required=False)
        nlines = locate(text, "elements", "nodes") if locate else []
        elines = locate(text, "elements", "edges") if locate else []
    elif isinstance(elements, list):
        lines = locate(text, "elements") if locate else []
        nodes, edges, nlines, elines = [], [], [], []
        for i, el in enumerate(elements):
            group = el.get("group") if isinstance(el, dict) else None
            if group not in ("nodes", "edges"):
                group = "edges" if isinstance(el, dict) and isinstance(el.get("data"), dict) and "source" in el["data"] else "nodes"
            (nodes if group == "nodes" else edges).append(el)
            (nlines if group == "nodes" else elines).append(_at(lines, i))
    else:
        raise fail(file, value_line(text, "elements"), "'elements' must be an object or a list")
    if not nodes:
        raise fail(file, value_line(text, "elements"), "no nodes in 'elements'")
    problems = Problems()

    def data_of(el: Any) -> Any:
        return el.get("data") if isinstance(el, dict) else None

    def node_recs() -> Iterator[tuple[Any, dict[str, Any], int | None]]:
        for i, el in enumerate(nodes):
            d = data_of(el)
            if not isinstance(d, dict) or "id" not in d:
                problems.add(file, _at(nlines, i), f"node element #{i + 1} needs 'data' with an 'id'")
                continue
            yield d["id"], {k: v for k, v in d.items() if k != "id"}, _at(nlines, i)

    def edge_recs() -> Iterator[tuple[Any, Any, Any, dict[str, Any], int | None]]:
        for i, el in enumerate(edges):
            d = data_of(el)
            if not isinstance(d, dict) or "source" not in d or "target" not in d:
                problems.add(file, _at(elines, i), f"edge element #{i + 1} needs 'data' with 'source' and 'target'")
                continue
            attrs = {k: v for k, v in d.items() if k not in ("id", "source", "target", "key")}
            yield d["source"], d["target"], d.get("key"), attrs, _at(elines, i)

    return assemble(file, node_recs(), edge_recs(), dict(graph), problems, undirected, strings=may_hold_surrogate(text), graph_line=_graph_line(text, "data", locate))


# --- writing ----------------------------------------------------------------------
# networkx node-link JSON, deterministic.
#
# A node attribute named ``id``, or an edge attribute named ``source``,
# ``target`` or ``key`` (the names node-link JSON keeps for itself) is written
# as ``attr:NAME`` (see :func:`graph.model.attrcodec.rename`) and read back under its
# own name.


NODE_RESERVED = frozenset({"id"})
EDGE_RESERVED = frozenset({"source", "target", "key"})


def to_json(G: Any) -> str:
    """Serialise ``G`` as node-link JSON text: sorted keys, a newline at the end."""
    import networkx as nx

    from ..model.attrcodec import renamed

    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, renamed(d, NODE_RESERVED)) for n, d in G.nodes(data=True))
    if G.is_multigraph():
        H.add_edges_from((u, v, k, renamed(d, EDGE_RESERVED)) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        H.add_edges_from((u, v, renamed(d, EDGE_RESERVED)) for u, v, d in G.edges(data=True))
    data = nx.node_link_data(H, edges="edges")
    return json.dumps(finite(data), indent=2, sort_keys=True, ensure_ascii=False, default=str, allow_nan=False) + "\n"


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write node-link JSON to ``dest``."""
    Path(dest).write_text(to_json(G), encoding="utf-8")
