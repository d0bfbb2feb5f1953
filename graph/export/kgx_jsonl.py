"""Biolink KGX JSON Lines: ``nodes.jsonl`` and ``edges.jsonl`` in a folder, with ``metadata.json``.

One JSON object a line, as KGX's ``JsonlSink`` writes them. The keys are the
KGX TSV columns (:mod:`graph.export.kgx`): nodes ``id``, ``category`` (a
list), ``name``, ``description``, ``synonym`` and ``xref`` (lists); edges
``subject``, ``predicate``, ``object``, ``primary_knowledge_source``,
``knowledge_level``, ``agent_type``, ``description`` (footback's note) and
``section``. Values keep their JSON types, so nothing needs escaping: a
``|``, a line break or a number is written as it is. Any other attribute is a
key of its own (one named like a key footback writes is ``attr:NAME``).
``metadata.json`` keeps the graph's own attributes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import biolink
from .kgx import EDGE_RESERVED, EDGE_SHADOWED, NODE_RESERVED, NODE_SHADOWED, column_of

_NODE_OWN = {"label", "type", "description", "synonyms", "codes", "category", "related_terms"}
_EDGE_OWN = {"relation", "cites", "note", "section", "knowledge_level", "agent_type", "publications"}


def node_records(G: Any):
    """One JSON-ready mapping per node."""
    for n, d in G.nodes(data=True):
        ntype = str(d.get("type", ""))
        rec: dict[str, Any] = {
            "id": biolink.to_curie(str(n)),
            "category": list(d.get("category") or [biolink.category_of(ntype)]),
            "name": d.get("label", n),
        }
        if biolink.category_of(ntype) == biolink.FALLBACK_CATEGORY and ntype != biolink.FALLBACK_CATEGORY:
            rec["footback_type"] = ntype
        for key, attr in (("description", "description"), ("synonym", "synonyms"), ("xref", "codes"), (biolink.RELATED_TERMS_COLUMN, "related_terms")):
            if attr in d:
                rec[key] = d[attr]
        for k, v in d.items():
            if k not in _NODE_OWN:
                rec[column_of(str(k), NODE_RESERVED, NODE_SHADOWED)] = v
        yield rec


def edge_records(G: Any):
    """One JSON-ready mapping per edge."""
    from ..evidence import publications

    sources = {str(s.get("id")): s for s in G.graph.get("sources") or [] if isinstance(s, dict)}
    for u, v, d in G.edges(data=True):
        rel = str(d.get("relation", ""))
        predicate = biolink.predicate_of(rel)
        rec: dict[str, Any] = {"subject": biolink.to_curie(str(u)), "predicate": predicate, "object": biolink.to_curie(str(v))}
        if predicate == biolink.FALLBACK_PREDICATE and rel != biolink.FALLBACK_PREDICATE:
            rec["footback_relation"] = rel
        if "cites" in d:
            rec["primary_knowledge_source"] = biolink.to_source(str(d["cites"])) if d["cites"] else ""
        rec["knowledge_level"] = d.get("knowledge_level") or biolink.knowledge_level_of(sources.get(str(d.get("cites"))), d)
        rec["agent_type"] = d.get("agent_type", biolink.AGENT_TYPE)
        for key, attr in (("description", "note"), ("section", "section")):
            if attr in d:
                rec[key] = d[attr]
        refs = d.get("evidence_refs")
        pubs = d.get("publications") or publications([str(r) for r in refs] if isinstance(refs, (list, tuple)) else [], sources)
        if pubs:
            rec["publications"] = pubs
        for k, val in d.items():
            if k not in _EDGE_OWN:
                rec[column_of(str(k), EDGE_RESERVED, EDGE_SHADOWED)] = val
        yield rec


def _write_lines(path: Path, records: Any) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
            count += 1
    return count


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write ``nodes.jsonl``, ``edges.jsonl`` and ``metadata.json`` into the folder ``dest``."""
    from ..attrcodec import TRANSIENT

    dest = Path(dest)
    n_nodes = _write_lines(dest / "nodes.jsonl", node_records(G))
    n_edges = _write_lines(dest / "edges.jsonl", edge_records(G))
    about = G.graph.get("about") if isinstance(G.graph.get("about"), dict) else {}
    meta = {
        "file_created_by": ["footback"],
        "target_name": str(about.get("title", "")),
        "target_format": "kgx-jsonl",
        "total_node_count": n_nodes,
        "total_edge_count": n_edges,
        "graph": {k: v for k, v in G.graph.items() if k not in TRANSIENT},
    }
    text = json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False, default=str)
    (dest / "metadata.json").write_text(text + "\n", encoding="utf-8")
