"""How sure each link is: evidence levels, their order, and filtering by them.

Every ``causes``, ``treats`` and ``prevents`` edge of the curated graph
carries an evidence block (see ``graph/data/edges.yaml``)::

    evidence:
      level: association          # one of LEVELS
      basis: observational        # one of BASES
      refs: [menz-2013]           # ids of sources.yaml entries
      note: In plain words, what research says about this link.

On a networkx edge the block is stored flat, as ``evidence_level``,
``evidence_basis``, ``evidence_refs`` (a list) and ``evidence_note``, so
that every exporter carries it as ordinary attributes. Anatomy edges
(``part_of``/``located_in`` cited to a textbook) default to
established/textbook.

The levels follow ``shared/evidence/LINKS.md``:

- established: textbook or guideline fact, or consistent high-quality evidence;
- supported: trials or systematic reviews find a (often small) effect;
- association: people with one tend to have the other; which causes which is unknown;
- hypothesis: reasoning or expert opinion, little or no data;
- contradicted: a guideline or trials advise against it or find no effect.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

ESTABLISHED = "established"
SUPPORTED = "supported"
ASSOCIATION = "association"
HYPOTHESIS = "hypothesis"
CONTRADICTED = "contradicted"

#: Evidence levels, strongest first.
LEVELS: tuple[str, ...] = (ESTABLISHED, SUPPORTED, ASSOCIATION, HYPOTHESIS, CONTRADICTED)

#: What a level rests on.
BASES: tuple[str, ...] = ("textbook", "guideline", "systematic-review", "trial", "observational", "mechanistic", "none")

#: Levels that must name at least one reference.
NEEDS_REF = frozenset({ESTABLISHED, CONTRADICTED})

#: Relations whose edges carry a claim research can weigh.
CLAIM_RELATIONS = frozenset({"causes", "treats", "prevents"})

#: One line a student understands, per level.
MEANING: dict[str, str] = {
    ESTABLISHED: "textbook or guideline fact",
    SUPPORTED: "trials or reviews find an effect, often small",
    ASSOCIATION: "seen together in studies; which causes which is unknown",
    HYPOTHESIS: "a plausible idea with little or no data",
    CONTRADICTED: "research or a guideline says otherwise",
}

#: Levels that a result "rests on" when whatif/common-causes warn about it.
WEAK = frozenset({HYPOTHESIS, CONTRADICTED})

ATTRS = ("evidence_level", "evidence_basis", "evidence_refs", "evidence_note")


@dataclass(frozen=True)
class Evidence:
    """What research says about one edge.

    Attributes
    ----------
    level : str
        One of :data:`LEVELS`.
    basis : str
        One of :data:`BASES`.
    refs : tuple of str
        Source ids (entries of ``sources.yaml``).
    note : str
        The research picture in plain words.
    """

    level: str
    basis: str
    refs: tuple[str, ...] = ()
    note: str = ""

    def attrs(self) -> dict[str, Any]:
        """The flat attributes stored on a networkx edge."""
        out: dict[str, Any] = {"evidence_level": self.level, "evidence_basis": self.basis}
        if self.refs:  # absent rather than empty, as every format can hold it
            out["evidence_refs"] = list(self.refs)
        out["evidence_note"] = self.note
        return out

    def to_json(self) -> dict[str, Any]:
        return {"level": self.level, "basis": self.basis, "refs": list(self.refs), "note": self.note}


def of(d: dict[str, Any]) -> Evidence | None:
    """The evidence stored on an edge's attribute dict, or None.

    >>> of({"evidence_level": "hypothesis", "evidence_basis": "none", "evidence_refs": [], "evidence_note": "No study."})
    Evidence(level='hypothesis', basis='none', refs=(), note='No study.')
    >>> of({"relation": "causes"}) is None
    True
    """
    level = d.get("evidence_level")
    if not isinstance(level, str) or level not in LEVELS:
        return None
    refs = d.get("evidence_refs") or ()
    if isinstance(refs, str):  # a format that flattened the list (KGX cells, GraphML text)
        refs = [r for r in refs.replace("|", " ").split() if r]
    basis = d.get("evidence_basis")
    note = d.get("evidence_note")
    return Evidence(level, basis if isinstance(basis, str) else "none", tuple(str(r) for r in refs), note if isinstance(note, str) else "")


def rank(level: str | None) -> int:
    """Strength of ``level``: 0 for established up to 4 for contradicted; 5 for none.

    >>> rank("established") < rank("hypothesis") < rank(None)
    True
    """
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def check_level(level: str) -> str:
    """``level`` normalised (case, spaces), or :class:`~graph.errors.FootbackError` naming the levels."""
    from ..errors import FootbackError

    key = level.strip().lower()
    if key not in LEVELS:
        raise FootbackError(f"unknown evidence level {level!r} (levels, strongest first: {', '.join(LEVELS)})")
    return key


#: Relations that say where things are, not what leads to what: without an
#: evidence level of their own they are kept by any evidence filter.
STRUCTURAL = frozenset({"located_in", "part_of"})


def meets(d: dict[str, Any], minimum: str) -> bool:
    """True when the edge ``d`` holds evidence at least as strong as ``minimum``.

    An edge without evidence passes only when it says where something is
    (:data:`STRUCTURAL`); a claim without evidence never does.

    >>> meets({"relation": "causes", "evidence_level": "supported"}, "established")
    False
    >>> meets({"relation": "located_in"}, "established"), meets({"relation": "causes"}, "hypothesis")
    (True, False)
    """
    level = d.get("evidence_level")
    if level not in LEVELS:
        return d.get("relation") in STRUCTURAL
    return rank(level) <= rank(minimum)


def at_least(G: Any, minimum: str) -> Any:
    """A read-only view of ``G`` keeping only edges whose evidence is at least ``minimum``.

    Claims with no evidence (imported graphs, unless they carry
    ``evidence_level``) are left out; links that say where things are
    (``located_in``, ``part_of``) stay. Nodes are all kept.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", key="causes", evidence_level="hypothesis")
    >>> _ = G.add_edge("b", "c", key="causes", evidence_level="established")
    >>> sorted(at_least(G, "supported").edges())
    [('b', 'c')]
    """
    import networkx as nx

    minimum = check_level(minimum)
    if hasattr(G, "path_region"):  # a graph in FalkorDB (graph.store.database): no view of it fetches lazily
        from ..errors import FootbackError  # exit 2

        raise FootbackError("--min-evidence is not available for a graph in the database: ask the graph in memory (--graph FILE)")
    if G.is_multigraph():

        def keep(u: Any, v: Any, k: Any) -> bool:
            return meets(G[u][v][k], minimum)
    else:

        def keep(u: Any, v: Any) -> bool:  # type: ignore[misc]
            return meets(G[u][v], minimum)

    H = nx.subgraph_view(G, filter_edge=keep)
    return H


def weakest(edges: list[dict[str, Any]]) -> str | None:
    """The weakest level among edge records (``{"evidence": {...}}``), or None when none has one."""
    levels = [e["evidence"]["level"] for e in edges if e.get("evidence")]
    return max(levels, key=rank) if levels else None


def reference_text(src: dict[str, Any]) -> str:
    """One line naming a reference: ``Authors (year). Title. Journal. doi:...``.

    >>> reference_text({"authors": "Khan KM, Cook JL", "year": 2002, "title": "T", "journal": "BMJ", "doi": "10.1/x"})
    'Khan KM, Cook JL (2002). T. BMJ. doi:10.1/x'
    """
    parts = []
    who = str(src.get("authors") or "").strip()
    year = src.get("year")
    if who or year:
        parts.append(f"{who} ({year})" if who and year else who or f"({year})")
    parts.append(str(src.get("title") or src.get("id") or "").rstrip("."))
    if src.get("journal"):
        parts.append(str(src["journal"]))
    if src.get("publisher") and not src.get("journal"):
        parts.append(str(src["publisher"]))
    ids = []
    if src.get("doi"):
        ids.append(f"doi:{src['doi']}")
    if src.get("pmid"):
        ids.append(f"PMID:{src['pmid']}")
    if not ids and src.get("url"):
        ids.append(str(src["url"]))  # shown as text: nothing is fetched
    text = ". ".join(p for p in parts if p)
    return text + (". " + ", ".join(ids) if ids else "")


def publications(refs: list[str] | tuple[str, ...], sources: dict[str, dict[str, Any]]) -> list[str]:
    """CURIEs for ``refs``: ``PMID:n`` when known, else ``doi:...``; refs with neither are left out.

    >>> publications(["a", "b"], {"a": {"pmid": "123"}, "b": {"doi": "10.1/x"}})
    ['PMID:123', 'doi:10.1/x']
    """
    out = []
    for r in refs:
        src = sources.get(r) or {}
        if src.get("pmid"):
            out.append(f"PMID:{src['pmid']}")
        elif src.get("doi"):
            out.append(f"doi:{src['doi']}")
    return out


def references(G: Any, refs: Any) -> list[dict[str, Any]]:
    """The sources named by ``refs``, in the order given, as a reader would cite them.

    Parameters
    ----------
    G : networkx graph
        Its ``G.graph["sources"]`` (a list of dicts with an ``id``) is searched.
    refs : iterable of str
        Source ids, e.g. an edge's ``evidence["refs"]``.

    Returns
    -------
    list of dict
        ``{"id", "title", "authors", "year", "journal", "doi", "pmid", "kind",
        "reference"}``, keys without a value left out; ``reference`` is the
        formatted citation. An unknown id gives ``{"id"}`` alone.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(sources=[{"id": "smith-2020", "kind": "study", "title": "Feet and backs",
    ...     "authors": "Smith A", "year": 2020, "journal": "J Feet", "doi": "10.1000/xyz"}])
    >>> [r.get("reference") for r in references(G, ["smith-2020", "nobody"])]
    ['Smith A (2020). Feet and backs. J Feet. doi:10.1000/xyz', None]
    """
    sources = {str(s.get("id")): s for s in G.graph.get("sources") or [] if isinstance(s, dict)}
    out = []
    for r in refs:
        src = sources.get(r)
        if src is None:
            out.append({"id": r})
            continue
        entry = {"id": r}
        for k in ("title", "authors", "year", "journal", "doi", "pmid", "kind"):
            if src.get(k) not in (None, ""):
                entry[k] = src[k]
        entry["reference"] = reference_text(src)
        out.append(entry)
    return out
