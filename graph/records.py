"""The edge record: one plain form of an edge, used by every query, tool and exporter.

An edge of a footback graph is a networkx edge whose attribute dict holds
``relation``, ``note``, ``section``, ``cites`` and, for curated claims, the
flat evidence attributes (see :mod:`graph.evidence`). Everything that hands
an edge to a person or to JSON (paths, explain, show, treatments, whatif,
the page, the handout, Anki) builds it here, so that a new field is one
change.
"""

from __future__ import annotations

from typing import Any

from . import evidence as _evidence


def sections_of(d: dict[str, Any]) -> list[str]:
    """The source sections an edge rests on, as a list (``[]`` when none).

    Curated edges hold a list; an imported graph may hold one heading as text.

    >>> sections_of({"section": "Bunions"}), sections_of({"section": ["A", "B"]}), sections_of({})
    (['Bunions'], ['A', 'B'], [])
    """
    value = d.get("section")
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, (list, tuple)):
        return [str(s) for s in value if s not in (None, "")]
    return [] if value is None else [str(value)]


def edge_record(u: Any, v: Any, d: dict[str, Any], relation: str | None = None) -> dict[str, Any]:
    """An edge as a plain record.

    Parameters
    ----------
    u, v : node ids
    d : dict
        The edge's networkx attributes.
    relation : str, optional
        The relation, when ``d`` lacks it (the key of a multigraph edge).

    Returns
    -------
    dict
        ``{"source", "target", "relation", "note", "section": [heading, ...],
        "cites", "evidence": {"level", "basis", "refs", "note"} or None}``.

    >>> r = edge_record("a", "b", {"relation": "causes", "note": "N.", "section": "S", "cites": "x"})
    >>> r["section"], r["evidence"]
    (['S'], None)
    """
    ev = _evidence.of(d)
    return {
        "source": u,
        "target": v,
        "relation": d.get("relation", relation or ""),
        "note": d.get("note", "") or "",
        "section": sections_of(d),
        "cites": d.get("cites", "") or "",
        "evidence": ev.to_json() if ev else None,
    }

