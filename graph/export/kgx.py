"""Biolink KGX TSV: ``nodes.tsv`` and ``edges.tsv`` in a folder, with ``metadata.json``.

Nodes: ``id`` (a CURIE), ``category``, ``name``, ``description``,
``synonym``, ``xref``; edges: ``subject``, ``predicate``, ``object``,
``primary_knowledge_source``, ``knowledge_level``, ``agent_type``,
``description`` (footback's note) and ``section``. Multivalued cells are
joined with ``|``. Any other attribute becomes a column of its own. The
mapping, both ways, is :mod:`graph.biolink`. ``metadata.json`` keeps what
the pair cannot: the disclaimer and the sources.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

from .. import biolink
from ..errors import ExportError
from ..present import finite

NODE_HEAD = ["id", "category", "name", "description", "synonym", "xref"]
EDGE_HEAD = ["subject", "predicate", "object", "primary_knowledge_source", "knowledge_level", "agent_type", "description", "section", "publications"]
_NODE_OWN = {"label", "type", "description", "synonyms", "codes", "category", "related_terms"}
_EDGE_OWN = {"relation", "cites", "note", "section", "knowledge_level", "agent_type", "publications"}


def _cell(value: Any, what: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        parts = [_cell(v, what) for v in value]
        for p in parts:
            if biolink.SEPARATOR in p:
                raise ExportError(f"cannot write {what} as KGX: the value {p!r} holds {biolink.SEPARATOR!r}, KGX's separator of multiple values")
        return biolink.SEPARATOR.join(parts)
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(finite(value), sort_keys=True, ensure_ascii=False, allow_nan=False)


def _refs(d: dict[str, Any]) -> list[str]:
    refs = d.get("evidence_refs")
    return [str(r) for r in refs] if isinstance(refs, (list, tuple)) else []


def _extra_columns(items: Any, own: set[str]) -> list[str]:
    cols: dict[str, None] = {}
    for data in items:
        for k in data:
            if k not in own:
                cols[str(k)] = None
    return sorted(cols)


def node_rows(G: Any) -> tuple[list[str], list[list[str]]]:
    """The header and rows of ``nodes.tsv``."""
    extras = _extra_columns((d for _, d in G.nodes(data=True)), _NODE_OWN)
    need_type = any(
        biolink.category_of(str(d.get("type", ""))) == biolink.FALLBACK_CATEGORY and d.get("type") != biolink.FALLBACK_CATEGORY
        for _, d in G.nodes(data=True)
    )
    related = any(d.get("related_terms") for _, d in G.nodes(data=True))
    head = NODE_HEAD + ([biolink.RELATED_TERMS_COLUMN] if related else []) + (["footback_type"] if need_type else []) + [c for c in extras if c not in NODE_HEAD]
    rows = []
    for n, d in G.nodes(data=True):
        what = f"node {n!r}"
        ntype = str(d.get("type", ""))
        category = d.get("category") or [biolink.category_of(ntype)]
        row = {
            "id": biolink.to_curie(str(n)),
            "category": _cell(category, what),
            "name": _cell(d.get("label", n), what),
            "description": _cell(d.get("description"), what),
            "synonym": _cell(d.get("synonyms") or [], what),
            "xref": _cell(d.get("codes") or [], what),
            biolink.RELATED_TERMS_COLUMN: _cell(d.get("related_terms") or [], what),
            "footback_type": ntype if biolink.category_of(ntype) == biolink.FALLBACK_CATEGORY and ntype != biolink.FALLBACK_CATEGORY else "",
        }
        for c in extras:
            row[c] = _cell(d.get(c), what)
        rows.append([row.get(c, "") for c in head])
    return head, rows


def edge_rows(G: Any) -> tuple[list[str], list[list[str]]]:
    """The header and rows of ``edges.tsv``."""
    extras = _extra_columns((d for _, _, d in G.edges(data=True)), _EDGE_OWN)
    rels = {str(d.get("relation", "")) for _, _, d in G.edges(data=True)}
    need_rel = any(biolink.predicate_of(r) == biolink.FALLBACK_PREDICATE and r != biolink.FALLBACK_PREDICATE for r in rels)
    head = EDGE_HEAD + (["footback_relation"] if need_rel else []) + [c for c in extras if c not in EDGE_HEAD]
    from ..evidence import publications

    sources = {str(s.get("id")): s for s in G.graph.get("sources") or [] if isinstance(s, dict)}
    rows = []
    for u, v, d in G.edges(data=True):
        rel = str(d.get("relation", ""))
        what = f"edge {u} {rel} {v}"
        predicate = biolink.predicate_of(rel)
        row = {
            "subject": biolink.to_curie(str(u)),
            "predicate": predicate,
            "object": biolink.to_curie(str(v)),
            "primary_knowledge_source": biolink.to_source(str(d["cites"])) if d.get("cites") else "",
            "knowledge_level": _cell(d.get("knowledge_level") or biolink.knowledge_level_of(sources.get(str(d.get("cites"))), d), what),
            "agent_type": _cell(d.get("agent_type", biolink.AGENT_TYPE), what),
            "description": _cell(d.get("note"), what),
            "section": _cell(d.get("section"), what),
            # Biolink publications: the evidence's references as PMID:/doi: CURIEs.
            "publications": _cell(d.get("publications") or publications(_refs(d), sources), what),
            "footback_relation": rel if predicate == biolink.FALLBACK_PREDICATE and rel != biolink.FALLBACK_PREDICATE else "",
        }
        for c in extras:
            row[c] = _cell(d.get(c), what)
        rows.append([row.get(c, "") for c in head])
    return head, rows


def _write_tsv(path: Path, head: list[str], rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter="\t", quotechar='"', lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        # csv quotes a cell holding LF, tab or '"', but not one holding a
        # lone CR when lines end in LF: such rows are written fully quoted.
        quoted = csv.writer(f, delimiter="\t", quotechar='"', lineterminator="\n", quoting=csv.QUOTE_ALL)
        w.writerow(head)
        for row in rows:
            (quoted if any("\r" in cell for cell in row) else w).writerow(row)


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


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write ``nodes.tsv``, ``edges.tsv`` and ``metadata.json`` into the folder ``dest``."""
    dest = Path(dest)
    node_head, nodes = node_rows(G)
    edge_head, edges = edge_rows(G)
    _write_tsv(dest / "nodes.tsv", node_head, nodes)
    _write_tsv(dest / "edges.tsv", edge_head, edges)
    meta = metadata(G, nodes, edges, node_head, edge_head)
    text = json.dumps(finite(meta), indent=2, sort_keys=True, ensure_ascii=False, default=str, allow_nan=False)
    (dest / "metadata.json").write_text(text + "\n", encoding="utf-8")
