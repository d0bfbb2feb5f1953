"""Biolink KGX TSV: ``nodes.tsv`` and ``edges.tsv`` in a folder, with ``metadata.json``.

Nodes: ``id`` (a CURIE), ``category``, ``name``, ``description``,
``synonym``, ``xref``; edges: ``subject``, ``predicate``, ``object``,
``primary_knowledge_source``, ``knowledge_level``, ``agent_type``,
``description`` (footback's note) and ``section``. Multivalued cells are
joined with ``|``. Any other attribute becomes a column of its own; one
named like a column footback writes itself (``id``, ``name``, ``subject``...)
is written as ``attr:NAME`` (:func:`graph.attrcodec.rename`). The mapping,
both ways, is :mod:`graph.biolink`.

The files are written as KGX's own ``TsvSink`` writes them: cells joined by
tabs, no quoting (a ``"`` is an ordinary character), tabs and line breaks
inside a value written as spaces. ``metadata.json`` keeps what the pair
cannot: the disclaimer and the sources, and under ``footback_exact`` (by
file and line) every value the rows do not hold exactly (a line break, a
``|`` inside one of a list's values, a number or an empty text in an
attribute column), and under ``footback_absent`` the columns whose empty
cells mean "no such attribute" (a graph read from GraphML may have nodes
with no description), so that footback reads its own export back exactly
while KGX reads the rows as it always does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import biolink
from ..attrcodec import original_name, rename
from ..errors import ExportError
from ..present import finite

NODE_HEAD = ["id", "category", "name", "description", "synonym", "xref"]
EDGE_HEAD = ["subject", "predicate", "object", "primary_knowledge_source", "knowledge_level", "agent_type", "description", "section", "publications"]
_NODE_OWN = {"label", "type", "description", "synonyms", "codes", "category", "related_terms"}
_EDGE_OWN = {"relation", "cites", "note", "section", "knowledge_level", "agent_type", "publications"}
#: Columns footback writes itself: an attribute of the same name is written as ``attr:NAME``.
NODE_RESERVED = frozenset({"id", "name", "synonym", "xref", "footback_type"})
EDGE_RESERVED = frozenset({"id", "subject", "predicate", "object", "primary_knowledge_source", "description", "footback_relation"})
#: footback's own attributes that are not KGX columns: a KGX column of one of
#: these names is read as ``attr:NAME`` (never over footback's own), and written back as NAME.
NODE_SHADOWED = frozenset({"label", "type", "synonyms", "codes"})
EDGE_SHADOWED = frozenset({"relation", "cites", "note"})
#: Columns whose exact value metadata.json may restore, and the attribute each holds.
NODE_EXACT = {"name": "label", "description": "description", "synonym": "synonyms", "xref": "codes"}
EDGE_EXACT = {"description": "note", "section": "section", "knowledge_level": "knowledge_level", "agent_type": "agent_type"}

_BREAKS = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def _text(value: Any) -> str:
    """One value as KGX TSV text: as KGX's own writer does, tabs and line breaks become spaces."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.translate(_BREAKS)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(finite(value), sort_keys=True, ensure_ascii=False, allow_nan=False).translate(_BREAKS)


def cell(value: Any) -> str:
    """The KGX TSV cell for ``value``: lists joined with ``|``, never quoted."""
    if isinstance(value, (list, tuple)):
        return biolink.SEPARATOR.join(_text(v) for v in value)
    return _text(value)


def read_back(text: str, multi: bool) -> Any:
    """What footback's KGX reader makes of a cell of an attribute column (None: no attribute)."""
    if not text:
        return None
    return [v for v in text.split(biolink.SEPARATOR) if v] if multi else text


def _exact(value: Any, text: str, multi: bool, extra: bool) -> bool:
    """Whether ``text`` reads back as something other than ``value`` (so metadata.json must keep it)."""
    if extra:  # an empty cell reads as no attribute at all
        return not text or read_back(text, multi) != value
    if isinstance(value, (list, tuple)):
        return list(value) != read_back(text, True) and bool(value)
    return isinstance(value, str) and value != text


def _section_read(text: str) -> Any:
    """What footback's reader makes of a ``section`` cell: several headings when it holds ``|``."""
    return [v for v in text.split(biolink.SEPARATOR) if v] if biolink.SEPARATOR in text else text


def column_of(attr: str, reserved: frozenset[str], shadowed: frozenset[str]) -> str:
    """The column of an attribute that is not footback's own (see ``NODE_SHADOWED``)."""
    if attr.startswith("attr:") and attr[5:] in shadowed:
        return attr[5:]
    return rename(attr, reserved)


def attr_of(column: str, shadowed: frozenset[str]) -> str:
    """The attribute an extra column is read into: the inverse of :func:`column_of`."""
    return "attr:" + column if column in shadowed else original_name(column)


def _extra_columns(items: Any, own: set[str], reserved: frozenset[str], shadowed: frozenset[str]) -> dict[str, str]:
    """Attribute name -> column, for the attributes that are not footback's own."""
    cols: dict[str, None] = {}
    for data in items:
        for k in data:
            if k not in own:
                cols[str(k)] = None
    return {k: column_of(k, reserved, shadowed) for k in sorted(cols)}


def _check(text: str, what: str) -> str:
    if any(c in text for c in "\t\n\r"):
        raise ExportError(f"cannot write {what} as KGX TSV: it holds a tab or line break, which KGX TSV cannot hold (export kgx-jsonl instead)")
    return text


def node_rows(G: Any, exact: dict[int, dict[str, Any]] | None = None, absent_out: list[str] | None = None) -> tuple[list[str], list[list[str]]]:
    """The header and rows of ``nodes.tsv``; values the rows cannot hold exactly go in ``exact`` (by line)."""
    extras = _extra_columns((d for _, d in G.nodes(data=True)), _NODE_OWN, NODE_RESERVED, NODE_SHADOWED)
    need_type = any(
        biolink.category_of(str(d.get("type", ""))) == biolink.FALLBACK_CATEGORY and d.get("type") != biolink.FALLBACK_CATEGORY
        for _, d in G.nodes(data=True)
    )
    # footback's related terms are Biolink's related_synonym column (near, not the same thing).
    related = any(d.get("related_terms") for _, d in G.nodes(data=True))
    head = NODE_HEAD + ([biolink.RELATED_TERMS_COLUMN] if related else []) + (["footback_type"] if need_type else []) + sorted(extras.values())
    multi = {col: col in biolink.MULTIVALUED for col in extras.values()}
    absent = _absent(G.nodes(data=True), NODE_OPTIONAL, absent_out)
    rows = []
    for line, (n, d) in enumerate(G.nodes(data=True), 2):
        ntype = str(d.get("type", ""))
        category = d.get("category") or [biolink.category_of(ntype)]
        row = {
            "id": _check(biolink.to_curie(str(n)), f"node id {n!r}"),
            "category": _check(cell(category), f"the category of node {n!r}"),
            "footback_type": _check(ntype, f"the type of node {n!r}") if biolink.category_of(ntype) == biolink.FALLBACK_CATEGORY and ntype != biolink.FALLBACK_CATEGORY else "",
        }
        kept: dict[str, Any] = {}
        for col, attr in NODE_EXACT.items():
            value = d.get(attr, n) if attr == "label" else d.get(attr)
            row[col] = cell(value or ([] if attr in ("synonyms", "codes") else value))
            if _exact(value, row[col], col in biolink.MULTIVALUED, False) or (col in absent and attr in d and not row[col]) or (col == "name" and value == ""):
                kept[col] = value
        if related:
            row[biolink.RELATED_TERMS_COLUMN] = _check(cell(d.get("related_terms") or []), f"the related terms of node {n!r}")
        for attr, col in extras.items():
            if attr in d:
                row[col] = cell(d[attr])
                if _exact(d[attr], row[col], multi[col], True):
                    kept[col] = d[attr]
        if kept and exact is not None:
            exact[line] = kept
        rows.append([row.get(c, "") for c in head])
    return head, rows


#: footback's own attributes a reader fills in (empty) when their cell is empty,
#: by column. When some node (edge) lacks one, metadata.json lists its column
#: under ``footback_absent``: an empty cell there then means no attribute.
NODE_OPTIONAL = {"description": "description", "synonym": "synonyms", "xref": "codes"}
EDGE_OPTIONAL = {"description": "note", "section": "section", "primary_knowledge_source": "cites"}


def _absent(items: Any, optional: dict[str, str], out: list[str] | None) -> set[str]:
    cols = {col for col, attr in optional.items() if any(attr not in d for *_, d in items)}
    if out is not None:
        out.extend(sorted(cols))
    return cols


def edge_rows(G: Any, exact: dict[int, dict[str, Any]] | None = None, absent_out: list[str] | None = None) -> tuple[list[str], list[list[str]]]:
    """The header and rows of ``edges.tsv``; values the rows cannot hold exactly go in ``exact`` (by line)."""
    extras = _extra_columns((d for _, _, d in G.edges(data=True)), _EDGE_OWN, EDGE_RESERVED, EDGE_SHADOWED)
    rels = {str(d.get("relation", "")) for _, _, d in G.edges(data=True)}
    need_rel = any(biolink.predicate_of(r) == biolink.FALLBACK_PREDICATE and r != biolink.FALLBACK_PREDICATE for r in rels)
    head = EDGE_HEAD + (["footback_relation"] if need_rel else []) + sorted(extras.values())
    multi = {col: col in biolink.MULTIVALUED or col in biolink.FOOTBACK_MULTIVALUED for col in extras.values()}
    absent = _absent(G.edges(data=True), EDGE_OPTIONAL, absent_out)
    from ..evidence import publications

    sources = {str(s.get("id")): s for s in G.graph.get("sources") or [] if isinstance(s, dict)}
    rows = []
    for line, (u, v, d) in enumerate(G.edges(data=True), 2):
        rel = str(d.get("relation", ""))
        what = f"edge {u} {rel} {v}"
        predicate = biolink.predicate_of(rel)
        row = {
            "subject": biolink.to_curie(str(u)),
            "predicate": _check(predicate, f"the predicate of {what}"),
            "object": biolink.to_curie(str(v)),
            "primary_knowledge_source": _check(biolink.to_source(str(d["cites"])), f"the source of {what}") if d.get("cites") else "",
            "footback_relation": _check(rel, f"the relation of {what}") if predicate == biolink.FALLBACK_PREDICATE and rel != biolink.FALLBACK_PREDICATE else "",
        }
        # Biolink publications: the evidence's references as PMID:/doi: CURIEs.
        refs = d.get("evidence_refs")
        row["publications"] = cell(d.get("publications") or publications([str(r) for r in refs] if isinstance(refs, (list, tuple)) else [], sources))
        kept: dict[str, Any] = {}
        for col, attr in EDGE_EXACT.items():
            # An article's or textbook's claim is a knowledge assertion; a study's observed link a statistical association.
            default = {"knowledge_level": biolink.knowledge_level_of(sources.get(str(d.get("cites"))), d), "agent_type": biolink.AGENT_TYPE}.get(attr)
            value = d.get(attr, default)
            row[col] = cell(value)
            if _exact(value, row[col], False, False) or (col in absent and attr in d and not row[col]):
                kept[col] = value
            elif col == "section" and value is not None and _section_read(row[col]) != (list(value) if isinstance(value, tuple) else value):
                kept[col] = value  # one heading holding '|', or a list of one: the reader splits on '|'

        if "primary_knowledge_source" in absent and "cites" in d and not row["primary_knowledge_source"]:
            kept["primary_knowledge_source"] = d["cites"]
        for attr, col in extras.items():
            if attr in d:
                row[col] = cell(d[attr])
                if _exact(d[attr], row[col], multi[col], True):
                    kept[col] = d[attr]
        if kept and exact is not None:
            exact[line] = kept
        rows.append([row.get(c, "") for c in head])
    return head, rows


def _write_tsv(path: Path, head: list[str], rows: list[list[str]]) -> None:
    """As KGX's TsvSink writes: cells joined by tabs, one row a line, no quoting."""
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write("\t".join(head) + "\n")
        f.writelines("\t".join(row) + "\n" for row in rows)


def metadata(G: Any, nodes: list[list[str]], edges: list[list[str]], node_head: list[str], edge_head: list[str]) -> dict[str, Any]:
    """``metadata.json``: counts and terms (named as in KGX's ingest metadata
    schema) and the graph's own attributes (``about`` with the disclaimer,
    ``sources``), which the TSV pair has no place for. No dates: the same
    graph gives the same file."""
    from ..attrcodec import TRANSIENT

    i_cat, i_pred = node_head.index("category"), edge_head.index("predicate")
    about = G.graph.get("about") if isinstance(G.graph.get("about"), dict) else {}
    return {
        "file_created_by": ["footback"],
        "target_name": str(about.get("title", "")),
        "target_format": "kgx-tsv",
        "total_node_count": len(nodes),
        "total_edge_count": len(edges),
        "node_categories": sorted({c for row in nodes for c in row[i_cat].split(biolink.SEPARATOR) if c}),
        "edge_predicates": sorted({row[i_pred] for row in edges}),
        "graph": {k: v for k, v in G.graph.items() if k not in TRANSIENT},
    }


#: The key of metadata.json holding the values the TSV rows cannot hold exactly.
EXACT_KEY = "footback_exact"
ABSENT_KEY = "footback_absent"


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write ``nodes.tsv``, ``edges.tsv`` and ``metadata.json`` into the folder ``dest``."""
    dest = Path(dest)
    node_exact: dict[int, dict[str, Any]] = {}
    edge_exact: dict[int, dict[str, Any]] = {}
    node_absent: list[str] = []
    edge_absent: list[str] = []
    node_head, nodes = node_rows(G, node_exact, node_absent)
    edge_head, edges = edge_rows(G, edge_exact, edge_absent)
    _write_tsv(dest / "nodes.tsv", node_head, nodes)
    _write_tsv(dest / "edges.tsv", edge_head, edges)
    meta = metadata(G, nodes, edges, node_head, edge_head)
    if node_exact or edge_exact:
        meta[EXACT_KEY] = {"nodes.tsv": {str(k): v for k, v in node_exact.items()}, "edges.tsv": {str(k): v for k, v in edge_exact.items()}}
    if node_absent or edge_absent:
        meta[ABSENT_KEY] = {"nodes.tsv": node_absent, "edges.tsv": edge_absent}
    text = json.dumps(finite(meta), indent=2, sort_keys=True, ensure_ascii=False, default=str, allow_nan=False)
    (dest / "metadata.json").write_text(text + "\n", encoding="utf-8")
