"""The data model: node types, relations and records, each mapped to Biolink.

One module names every type and relation so that the loader, the queries and
every exporter agree on them (as ``oaklib.datamodels.vocabulary`` names its
predicates). Biolink terms let exports speak the field's standard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .evidence import Evidence

# Node types.
CONDITION = "condition"
MECHANISM = "mechanism"
SYMPTOM = "symptom"
BODY_REGION = "body_region"
TREATMENT = "treatment"

NODE_TYPES: tuple[str, ...] = (CONDITION, MECHANISM, SYMPTOM, BODY_REGION, TREATMENT)

# Relations (directed edges).
CAUSES = "causes"
LOCATED_IN = "located_in"
PART_OF = "part_of"
TREATS = "treats"
PREVENTS = "prevents"
#: Nerve to nerve, nearer the spine to farther from it (root -> plexus -> sciatic -> tibial ...).
BRANCHES_INTO = "branches_into"
#: Nerve to the skin area or body part it serves (its sensory or motor territory).
SUPPLIES = "supplies"

RELATIONS: tuple[str, ...] = (CAUSES, LOCATED_IN, PART_OF, TREATS, PREVENTS, BRANCHES_INTO, SUPPLIES)

#: Biolink Model category for each node type.
BIOLINK_CATEGORY: dict[str, str] = {
    CONDITION: "biolink:Disease",
    MECHANISM: "biolink:PathologicalProcess",
    SYMPTOM: "biolink:PhenotypicFeature",
    BODY_REGION: "biolink:GrossAnatomicalStructure",
    TREATMENT: "biolink:Treatment",
}

#: Biolink Model predicate for each relation.
BIOLINK_PREDICATE: dict[str, str] = {
    CAUSES: "biolink:causes",
    LOCATED_IN: "biolink:located_in",
    PART_OF: "biolink:part_of",
    TREATS: "biolink:treats",
    PREVENTS: "biolink:preventative_for_condition",
}
# ``branches_into`` and ``supplies`` have no Biolink predicate: Biolink has no
# innervation or nerve-branching predicate (the ontology terms are RO:0002134
# 'innervates' and UBERON's 'branching part of'), so exports write them as
# biolink:related_to with the relation kept in a footback_relation column.
#: The ontology term for relations Biolink lacks, written beside related_to.
ONTOLOGY_TERM: dict[str, str] = {
    BRANCHES_INTO: "UBERON:branching_part_of (inverse)",
    SUPPLIES: "RO:0002134 (innervates)",
}

_CLINICAL = frozenset({CONDITION, MECHANISM, SYMPTOM})

#: Which node types each relation may start at and end at.
#: ``prevents`` also reaches symptoms: the article's prevention advice is
#: about lowering the risk of foot and back *pain*.
RELATION_DOMAIN: dict[str, frozenset[str]] = {
    CAUSES: _CLINICAL,
    LOCATED_IN: _CLINICAL,
    PART_OF: frozenset({BODY_REGION}),
    TREATS: frozenset({TREATMENT}),
    PREVENTS: frozenset({TREATMENT}),
    BRANCHES_INTO: frozenset({BODY_REGION}),
    SUPPLIES: frozenset({BODY_REGION}),
}
RELATION_RANGE: dict[str, frozenset[str]] = {
    CAUSES: _CLINICAL,
    LOCATED_IN: frozenset({BODY_REGION}),
    PART_OF: frozenset({BODY_REGION}),
    TREATS: _CLINICAL,
    PREVENTS: _CLINICAL,
    BRANCHES_INTO: frozenset({BODY_REGION}),
    SUPPLIES: frozenset({BODY_REGION}),
}

#: Plain-language verbs, for narratives and human output.
RELATION_VERB: dict[str, str] = {
    CAUSES: "can lead to",
    LOCATED_IN: "sits in",
    PART_OF: "is part of",
    TREATS: "can help with",
    PREVENTS: "can help prevent",
    BRANCHES_INTO: "sends its fibres into",
    SUPPLIES: "supplies",
}

#: The files a footback data folder is read from: its YAML files (not those of folders
#: inside it). Here, beside the fields of their records, so that the cache lists them
#: without importing the YAML reader (shell completion reads the cache).
YAML_SUFFIXES = (".yaml", ".yml")

NODE_FIELDS_REQUIRED = ("id", "label", "type", "description")
NODE_FIELDS_OPTIONAL = ("synonyms", "codes", "related_terms", "red_flag")
EDGE_FIELDS_REQUIRED = ("from", "relation", "to", "cites", "section", "note")
EDGE_FIELDS_OPTIONAL = ("evidence",)
EVIDENCE_FIELDS = ("level", "basis", "refs", "note")
SOURCE_FIELDS_REQUIRED = ("id", "title")

#: Source kinds whose causes/treats/prevents claims must say how sure research is of them.
WEIGHED_SOURCE_KINDS: frozenset[str] = frozenset({"patient-education article"})

#: Source kinds that are research or guidance, and the fields each must give.
RESEARCH_SOURCE_FIELDS: dict[str, tuple[str, ...]] = {
    "study": ("authors", "year", "journal"),
    "guideline": ("authors", "year"),
}


@dataclass(frozen=True)
class Node:
    """One node of the graph: a condition, mechanism, symptom, region or treatment."""

    id: str
    label: str
    type: str
    description: str
    synonyms: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
    related_terms: tuple[str, ...] = ()
    #: Further attributes, such as ``red_flag: True`` on a warning sign that calls for urgent care.
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def attrs(self) -> dict[str, Any]:
        """The attributes stored on the networkx node (lists, for JSON)."""
        out: dict[str, Any] = {
            "label": self.label,
            "type": self.type,
            "description": self.description,
            "synonyms": list(self.synonyms),
            "codes": list(self.codes),
        }
        if self.related_terms:
            out["related_terms"] = list(self.related_terms)
        out.update(self.extra)
        return out


@dataclass(frozen=True)
class Edge:
    """One directed, cited edge.

    ``section`` is a tuple of the cited source's section headings (one or
    more: a claim can rest on several sections); a single heading given as
    text is taken as a one-item tuple. ``evidence`` says how sure research
    is of the link (see :mod:`graph.model.evidence`).

    >>> Edge("a", "causes", "b", "article", "Intro", "A leads to B.").section
    ('Intro',)
    """

    source: str
    relation: str
    target: str
    cites: str
    section: tuple[str, ...] | str
    note: str
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    evidence: Evidence | None = None

    def __post_init__(self) -> None:
        if isinstance(self.section, str):
            object.__setattr__(self, "section", (self.section,) if self.section else ())
        elif not isinstance(self.section, tuple):  # a list, from YAML
            object.__setattr__(self, "section", tuple(self.section))  # type: ignore[unreachable]

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.relation, self.target)

    def attrs(self) -> dict[str, Any]:
        """The attributes stored on the networkx edge (evidence flat, see :mod:`graph.model.evidence`)."""
        out: dict[str, Any] = {
            "relation": self.relation,
            "cites": self.cites,
            # One heading stays text (as every other format holds it); several are a list.
            "section": self.section[0] if len(self.section) == 1 else list(self.section),
            "note": self.note,
        }
        if self.evidence is not None:
            out.update(self.evidence.attrs())
        out.update(self.extra)
        return out
