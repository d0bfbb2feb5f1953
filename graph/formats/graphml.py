"""Read GraphML (footback's own export, Gephi, Cytoscape, yEd), safely.

The file is first checked with expat, refusing any DOCTYPE or entity
declaration (so no entity-expansion "billion laughs" and no external
entities) and noting the line of every ``<node>`` and ``<edge>``; only then
does networkx decode the GraphML. Attributes that footback wrote as JSON
text (see :mod:`graph.model.attrcodec`) are decoded back into lists and mappings.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

from . import checks
from .common import Problems, assemble, fail, gc_paused, set_origin
from .limits import may_hold_surrogate, memory_problem, xml_encoding_problem

#: Elements nested deeper than this are refused: networkx reads nested yEd
#: groups recursively (a group is two levels: its node and its graph).
MAX_XML_DEPTH = 200
#: Memory networkx and footback take per element while reading GraphML
#: (measured on CPython 3.11: 1.8 GB for a million nodes, each holding one <data>),
#: rounded up, to refuse a file before memory runs out rather than after.
NODE_BYTES = 1500
EDGE_BYTES = 1500
ELEMENT_BYTES = 300
#: The size beyond which a GraphML file is refused (networkx holds the whole tree).
MAX_BYTES = 2 * 1024**3


class _Forbidden(Exception):
    pass


GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
#: GraphML attr.type -> what the value must parse as (as networkx reads it).
_TYPES: dict[str, Any] = {"integer": int, "int": int, "long": int, "float": float, "double": float, "boolean": bool, "string": str}
_BOOLEANS = {"true", "false", "0", "1"}


def _fits(text: str, kind: Any) -> bool:
    if kind is bool:
        return text.lower() in _BOOLEANS
    try:
        kind(text)
    except (ValueError, OverflowError):
        return False
    return True


def scan_xml(data: bytes, file: str | Path, counts: dict[str, int] | None = None) -> tuple[dict[str, int], dict[tuple[str, str, str | None], int]]:
    """Check ``data`` is well-formed, safe GraphML; return element lines.

    Returns the line of each ``<node>`` by id, and of each ``<edge>`` by
    ``(source, target, id)``. Also checks, each with its line, what networkx
    would otherwise reject without one: a ``<key>`` without ``attr.name`` or
    with an unknown ``attr.type``, a ``<data>`` naming no declared key, and a
    value that does not parse as its key's type. ``counts``, when given,
    gets the number of ``node``, ``edge`` and other elements, and ``graph`` the line of the first ``<graph>``.

    Raises
    ------
    DataError
        Malformed XML (with its line), a DOCTYPE or entity declaration, or
        the key and data problems above.
    """
    from xml.parsers import expat

    refused = xml_encoding_problem(data)
    if refused:
        raise fail(file, 1, refused)
    parser = expat.ParserCreate(namespace_separator=" ")  # namespace-aware, like ElementTree
    node_lines: dict[str, int] = {}
    edge_lines: dict[tuple[str, str, str | None], int] = {}
    keys: dict[str, Any] = {}  # key id -> python type, or None for yfiles graphics
    pending: list[tuple[str, str, int]] = []  # data met before its key: (key, text, line)
    current: list[Any] = []  # the open <data>: [key, line, text parts, has children]
    problems = Problems()
    key_tag, data_tag = f"{GRAPHML_NS} key", f"{GRAPHML_NS} data"

    def forbid(*args: Any) -> Any:  # as each expat handler it stands for: it only raises
        raise _Forbidden()

    def check(key: str, text: str, line: int) -> None:
        if key not in keys:
            problems.add(file, line, f"<data key={key!r}> names no <key> element")
        elif keys[key] is not None and not _fits(text, keys[key]):
            problems.add(file, line, f"value {text[:40]!r} is not a GraphML {keys[key].__name__.replace('str', 'string')} as its key {key!r} declares")

    depth = [0]
    tally = [0]  # elements
    graph_line: list[int] = []  # of each <graph>

    def start(name: str, attrs: dict[str, str]) -> None:
        line = parser.CurrentLineNumber
        depth[0] += 1
        tally[0] += 1
        if depth[0] > MAX_XML_DEPTH:
            raise fail(file, line, f"elements nested more than {MAX_XML_DEPTH} deep (yEd groups inside groups?); footback reads up to {MAX_XML_DEPTH}")
        if current:
            current[3] = True  # a <data> holding elements: yfiles graphics, not checked
        local = name.rpartition(" ")[2]
        if local == "node" and "id" in attrs:
            # networkx would silently merge the two
            checks.unique_node(attrs["id"], node_lines, file, line, problems.report, (None, node_lines.get(attrs["id"])))
            node_lines.setdefault(attrs["id"], line)
        elif local == "graph":
            graph_line.append(line)
        elif local == "edge":
            edge_lines.setdefault((attrs.get("source", ""), attrs.get("target", ""), attrs.get("id")), line)
        elif name == key_tag:
            kid = attrs.get("id", "")
            if "yfiles.type" in attrs:
                keys[kid] = None
            elif "attr.name" not in attrs:
                problems.add(file, line, f"<key id={kid!r}> has no attr.name")
            elif attrs.get("attr.type", "string") not in _TYPES:
                problems.add(file, line, f"<key id={kid!r}> has attr.type {attrs['attr.type']!r} (GraphML types: {', '.join(_TYPES)})")
            else:
                keys[kid] = _TYPES[attrs.get("attr.type", "string")]
        elif name == data_tag:
            current[:] = [attrs.get("key", ""), line, [], False]

    def text(chunk: str) -> None:
        if current:
            current[2].append(chunk)

    def end(name: str) -> None:
        depth[0] -= 1
        if name == data_tag and current:
            key, line, parts, nested = current
            current.clear()
            if nested:
                return
            value = "".join(parts)
            if key in keys:
                check(key, value, line)
            else:
                pending.append((key, value, line))

    parser.StartDoctypeDeclHandler = forbid
    parser.EntityDeclHandler = forbid
    parser.ExternalEntityRefHandler = forbid
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise fail(file, exc.lineno, f"not well-formed XML: {expat.errors.messages[exc.code]}") from None
    except _Forbidden:
        raise fail(file, parser.CurrentLineNumber, "XML with a DOCTYPE or entity declarations is refused (it can expand without bound)") from None
    except (LookupError, ValueError, UnicodeError) as exc:  # a backstop to xml_encoding_problem
        raise fail(file, parser.CurrentLineNumber, f"cannot decode the XML: {exc}") from None
    for key, value, line in pending:
        check(key, value, line)
    problems.raise_if_any()
    if counts is not None:
        counts.update(node=len(node_lines), edge=len(edge_lines), element=tally[0])
        if graph_line:
            counts["graph"] = graph_line[0]
    return node_lines, edge_lines


_BARE_ROOT = re.compile(rb"<graphml(?=[\s>/])([^>]*)>")


def _with_namespace(data: bytes) -> bytes:
    """``data`` with the GraphML namespace declared on a root that lacks it.

    Some writers (older Cytoscape, hand-made files) write ``<graphml>``
    with no namespace; networkx's ``read_graphml`` retries such a file with
    the namespace added, and so does footback. Nothing else changes, so
    every line number stays.

    >>> _with_namespace(b'<graphml>\\n<graph/></graphml>')
    b'<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\\n<graph/></graphml>'
    """
    m = _BARE_ROOT.search(data)
    if m is None or re.search(rb"\sxmlns\s*=", m.group(1)):
        return data
    return data[: m.start()] + b'<graphml xmlns="' + GRAPHML_NS.encode() + b'"' + m.group(1) + b">" + data[m.end() :]


def read_bytes(path: str | Path) -> bytes:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise fail(p, None, f"file is {size} bytes; footback reads GraphML up to {MAX_BYTES}")
        data = p.read_bytes()
    except OSError as exc:
        raise fail(p, None, f"cannot read: {exc.strerror}") from None
    if not data.strip():
        raise fail(p, None, "file is empty")
    from . import NOT_A_GRAPH_PAGE, is_html

    if is_html(data[:512]):  # (given --graph-format graphml: detect_format says so itself)
        raise fail(p, 1, NOT_A_GRAPH_PAGE)
    return data


def read(path: str | Path) -> Any:
    """Read a GraphML file into a footback ``MultiDiGraph``.

    An undirected graph (``edgedefault="undirected"``) has each edge read
    both ways (see :func:`~graph.formats.common.assemble`).

    Raises
    ------
    DataError
        Malformed or unsafe XML, no ``<graph>``, undeclared keys, values of
        the wrong type, edges to undeclared nodes, duplicate nodes.
    """
    file = str(path)
    with gc_paused():
        return _read(file, path)


def _read(file: str, path: str | Path) -> Any:
    from xml.etree import ElementTree as ET

    import networkx as nx

    from ..model.attrcodec import decode

    data = _with_namespace(read_bytes(path))
    counts: dict[str, int] = {}
    node_lines, edge_lines = scan_xml(data, file, counts)
    need = 3 * len(data) + NODE_BYTES * counts["node"] + EDGE_BYTES * counts["edge"] + ELEMENT_BYTES * counts["element"]
    refused = memory_problem(need, f"{counts['node']:,} nodes, {counts['edge']:,} edges, {counts['element']:,} elements")
    if refused:
        raise fail(file, None, refused)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # e.g. "GraphML port tag not supported"
            reader = nx.readwrite.graphml.GraphMLReader(node_type=str, edge_key_type=str, force_multigraph=True)
            graphs = list(reader(string=data))
    except ET.ParseError as exc:  # a backstop: expat above found the same errors
        raise fail(file, exc.position[0], f"not well-formed XML: {exc}") from None
    except KeyError as exc:
        raise fail(file, None, f"not usable GraphML: nothing declares {exc}") from None
    except (ValueError, OverflowError) as exc:
        raise fail(file, None, f"not usable GraphML: a value does not fit its key's attr.type ({exc})") from None
    except (nx.NetworkXError, TypeError, AttributeError, IndexError, LookupError, UnicodeError, RecursionError) as exc:
        raise fail(file, None, f"not usable GraphML: {exc}") from None
    if not graphs:
        raise fail(file, None, "no <graph> element in the GraphML namespace (http://graphml.graphdrawing.org/xmlns)")
    raw = graphs[0]
    decode(raw, file)
    problems = Problems()
    if raw.number_of_nodes() == 0:
        raise fail(file, None, "the graph has no nodes")
    first_edge_line: dict[tuple[str, str], int] = {}
    for (s, t, _), line in edge_lines.items():
        first_edge_line.setdefault((s, t), line)
    nodes = ((n, d, node_lines.get(n)) for n, d in raw.nodes(data=True) if n in node_lines)
    directed = raw.is_directed()

    def line_of(u: str, v: str, k: str) -> int | None:
        line = edge_lines.get((u, v, k), first_edge_line.get((u, v)))
        if line is None and not directed:  # networkx may list an undirected edge from its other end
            line = edge_lines.get((v, u, k), first_edge_line.get((v, u)))
        return line

    edges = ((u, v, k, d, line_of(u, v, k)) for u, v, k, d in raw.edges(keys=True, data=True))
    graph_attrs = {k: v for k, v in raw.graph.items() if k not in ("node_default", "edge_default")}
    G = assemble(
        file,
        nodes,
        edges,
        graph_attrs,
        problems,
        undirected=None if directed else 'edgedefault="undirected"',
        strings=may_hold_surrogate(data),  # only footback's JSON-in-attributes can make one
        graph_line=counts.get("graph"),
        hint='declare its <key> attr.type="string"',
    )
    return set_origin(G, path)


# --- writing ----------------------------------------------------------------------
# GraphML for Gephi, Cytoscape and yEd (and footback's own ``--graph``).
#
# Lists (``synonyms``, ``codes``), the graph's ``about`` and ``sources`` and
# any other value GraphML cannot hold are written as JSON text, listed in the
# graph attribute ``footback_json`` (see :mod:`graph.model.attrcodec`). Edge ids are
# ``e0``, ``e1``, ... in edge order: unique, as Gephi needs (it keeps one edge
# per id), and deterministic. The relation is the edge's ``relation``
# attribute, from which footback's reader takes it (and the edge's key) back.


def to_bytes(G: Any) -> bytes:
    """The GraphML document for ``G``, deterministic."""
    import networkx as nx

    from ..model.attrcodec import encode, renamed

    # GraphML keeps no attribute name for itself, but a name that looks
    # renamed by another format (attr:id) is escaped, as every reader of
    # footback's undoes that renaming.
    R = nx.MultiDiGraph()
    R.graph.update(G.graph)
    R.add_nodes_from((n, renamed(d, frozenset())) for n, d in G.nodes(data=True))
    R.add_edges_from((u, v, renamed(d, frozenset())) for u, v, d in G.edges(data=True))
    H = encode(R)
    # networkx writes a multigraph edge's key as its id, and footback's keys
    # are relations, repeated across edges: number the edges instead.
    K = nx.MultiDiGraph()
    K.graph.update(H.graph)
    K.add_nodes_from(H.nodes(data=True))
    K.add_edges_from((u, v, f"e{i}", d) for i, (u, v, d) in enumerate(H.edges(data=True)))
    text = "\n".join(nx.generate_graphml(K, encoding="utf-8", prettyprint=True))
    return (text.rstrip("\n") + "\n").encode("utf-8")


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write GraphML to ``dest``."""
    Path(dest).write_bytes(to_bytes(G))
