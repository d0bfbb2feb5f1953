"""A Cypher script that creates the graph in Neo4j, FalkorDB or Memgraph.

Each node type becomes a label (``body_region`` -> ``:BodyRegion``), each
relation a relationship type (``located_in`` -> ``:LOCATED_IN``); every
attribute is a property (``type`` and ``relation`` too, so nothing is lost; a
node's own ``id`` attribute is the property ``attr:id``).
Nodes are ``MERGE``d on their label and ``id``, relationships on their ends
and type, and properties set with ``SET x += map``: running the script twice
leaves the same graph. Rows go in batches (``UNWIND [...] AS row``), one
statement per batch, each ending with ``;`` at the end of a line, so
:func:`statements` (or ``cypher-shell``) can split the script. Strings are
single-quoted with ``\\``, ``'``, newlines and tabs escaped; lists hold
one kind of scalar; mappings and mixed lists are JSON text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..model.attrcodec import renamed
from ..model.records import about
from ..present import finite

BATCH = 500
#: A node is MERGEd on its ``id`` property: an attribute of that name is written as ``attr:id``.
NODE_RESERVED = frozenset({"id"})
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\x00": "\\u0000"}
# Other control characters pass through raw: FalkorDB reads no \u escapes.
# NUL cannot pass raw, so it is \u0000 (a NUL in Neo4j, the six characters in FalkorDB).
_NEEDS_ESCAPE = re.compile(r"[\\'\n\r\t\x00]")


def string(text: str) -> str:
    r"""A Cypher string literal.

    >>> print(string("Achilles' \\ tendon\n"))
    'Achilles\' \\ tendon\n'
    """
    return "'" + _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], text) + "'"


def name(text: str) -> str:
    """A label, type or property key: bare when it can be, else back-quoted.

    A back-quote inside the name is doubled, as Neo4j reads it; FalkorDB
    reads no escape there, so such a name loads into Neo4j only.

    >>> name("label"), name("biolink:Gene"), name("a`b")
    ('label', '`biolink:Gene`', '`a``b`')
    """
    return text if _IDENT.match(text) else "`" + text.replace("`", "``") + "`"


def label_of(node_type: str) -> str:
    """``body_region`` -> ``BodyRegion``; other names are kept (quoted if need be).

    >>> label_of("body_region"), label_of("biolink:Gene")
    ('BodyRegion', '`biolink:Gene`')
    """
    if re.fullmatch(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*", node_type):
        return "".join(w.capitalize() for w in node_type.split("_"))
    return name(node_type or "Node")


def type_of(relation: str) -> str:
    """``located_in`` -> ``LOCATED_IN``; other names are kept (quoted if need be)."""
    if re.fullmatch(r"[a-z][a-z0-9_]*", relation):
        return relation.upper()
    return name(relation or "RELATED_TO")


def value(v: Any) -> str | None:
    """A Cypher literal for a property value, or ``None`` to leave it out."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v) if v == v and abs(v) != float("inf") else None
    if isinstance(v, str):
        return string(v)
    if isinstance(v, (list, tuple)):
        kinds = {type(x) for x in v}
        if len(kinds) <= 1 and kinds <= {str, int, float, bool}:
            return "[" + ", ".join(value(x) or "null" for x in v) + "]"
    return string(json.dumps(finite(v), sort_keys=True, ensure_ascii=False, default=str, allow_nan=False))


def _map(d: dict[str, Any]) -> str:
    items = []
    for k, v in d.items():
        lit = value(v)
        if lit is not None:
            items.append(f"{name(str(k))}: {lit}")
    return "{" + ", ".join(items) + "}"


def _batches(rows: list[str]) -> Iterator[list[str]]:
    for i in range(0, len(rows), BATCH):
        yield rows[i : i + BATCH]


def lines(G: Any) -> Iterator[str]:
    """The script, line by line."""
    said = about(G)
    yield "// footback graph as Cypher, for Neo4j (cypher-shell -f), FalkorDB or Memgraph."
    for key in ("title", "disclaimer"):
        if said[key]:
            yield f"// {key}: " + " ".join(said[key].split())
    for s in G.graph.get("sources") or []:
        if isinstance(s, dict) and s.get("id"):
            yield f"// source {s['id']}: " + " ".join(str(s.get("title", "")).split())
    yield "// Idempotent: nodes are MERGEd on label and id, relationships on their ends and type."
    by_label: dict[str, list[str]] = {}
    node_label: dict[Any, str] = {}
    for n, d in G.nodes(data=True):
        label = label_of(str(d.get("type", "")))
        node_label[n] = label
        props = renamed(d, NODE_RESERVED)  # the node's own attribute "id" is kept as attr:id
        by_label.setdefault(label, []).append(f"{{id: {string(str(n))}, props: {_map(props)}}}")
    yield from index_lines(by_label)
    for label, rows in by_label.items():
        for batch in _batches(rows):
            yield "UNWIND ["
            yield from (f"  {row}," for row in batch[:-1])
            yield f"  {batch[-1]}"
            yield f"] AS row MERGE (n:{label} {{id: row.id}}) SET n += row.props;"
    by_shape: dict[tuple[str, str, str], list[str]] = {}
    for u, v, d in G.edges(data=True):
        shape = (node_label[u], type_of(str(d.get("relation", ""))), node_label[v])
        by_shape.setdefault(shape, []).append(f"{{s: {string(str(u))}, t: {string(str(v))}, props: {_map(renamed(d, frozenset()))}}}")
    for (a, rel, b), rows in by_shape.items():
        for batch in _batches(rows):
            yield "UNWIND ["
            yield from (f"  {row}," for row in batch[:-1])
            yield f"  {batch[-1]}"
            yield f"] AS row MATCH (a:{a} {{id: row.s}}) MATCH (b:{b} {{id: row.t}}) MERGE (a)-[r:{rel}]->(b) SET r += row.props;"


#: The index statement of each database, for a label; each has its own syntax.
INDEX_SYNTAX = {
    "neo4j": ("Neo4j 5 (idempotent)", "CREATE INDEX IF NOT EXISTS FOR (n:{label}) ON (n.id);"),
    "falkordb": ("FalkorDB (once: a second run says the index exists)", "CREATE INDEX FOR (n:{label}) ON (n.id);"),
}
_INDEX_HEAD = "// -- indexes for "


def index_lines(labels: Any) -> Iterator[str]:
    """The commented index blocks at the head of the script, one per database."""
    yield "// Indexes: create them once, BEFORE running this script: without them each MERGE scans"
    yield "// every node, and a large graph loads in hours instead of minutes. Uncomment the block"
    yield "// for your database (or take it with graph.formats.cypher.index_statements)."
    for dialect, (what, pattern) in INDEX_SYNTAX.items():
        yield f"{_INDEX_HEAD}{dialect}: {what}"
        for label in labels:
            yield "//   " + pattern.format(label=label)


def index_statements(text: str, dialect: str) -> list[str]:
    r"""The index statements for ``dialect`` (``neo4j`` or ``falkordb``) from a script's head, without ``;``.

    >>> script = "\n".join(index_lines(["Symptom"]))
    >>> index_statements(script, "falkordb"), index_statements(script, "neo4j")
    (['CREATE INDEX FOR (n:Symptom) ON (n.id)'], ['CREATE INDEX IF NOT EXISTS FOR (n:Symptom) ON (n.id)'])
    """
    if dialect not in INDEX_SYNTAX:
        raise ValueError(f"no index syntax for {dialect!r} (known: {', '.join(INDEX_SYNTAX)})")
    out, inside = [], False
    for line in text.split("\n"):
        if line.startswith(_INDEX_HEAD):
            inside = line[len(_INDEX_HEAD) :].startswith(dialect + ":")
        elif inside and line.startswith("//   CREATE INDEX"):
            out.append(line[len("//   ") :].rstrip().removesuffix(";"))
        elif not line.startswith("//"):
            break
    return out


def statements(text: str) -> list[str]:
    """Split a script from :func:`lines` into statements (comments dropped, no ``;``).

    >>> statements("// hi\\nMATCH (n)\\nRETURN n;\\nRETURN 1;\\n")
    ['MATCH (n)\\nRETURN n', 'RETURN 1']
    """
    out: list[str] = []
    current: list[str] = []
    for line in text.split("\n"):  # not splitlines(): U+2028 may sit inside a string
        if not current and (not line.strip() or line.lstrip().startswith("//")):
            continue
        current.append(line)
        if line.rstrip().endswith(";"):
            out.append("\n".join(current).rstrip().removesuffix(";"))
            current = []
    if current:
        out.append("\n".join(current))
    return out


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write the Cypher script to ``dest``."""
    with Path(dest).open("w", encoding="utf-8", newline="\n") as f:
        for line in lines(G):
            f.write(line + "\n")
