"""The data model: node types, relations and records, each mapped to Biolink.

One module names every type and relation so that the loader, the queries and
every exporter agree on them (as ``oaklib.datamodels.vocabulary`` names its
predicates). Biolink terms let exports speak the field's standard.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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

RELATIONS: tuple[str, ...] = (CAUSES, LOCATED_IN, PART_OF, TREATS, PREVENTS)

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
}
RELATION_RANGE: dict[str, frozenset[str]] = {
    CAUSES: _CLINICAL,
    LOCATED_IN: frozenset({BODY_REGION}),
    PART_OF: frozenset({BODY_REGION}),
    TREATS: _CLINICAL,
    PREVENTS: _CLINICAL,
}

#: Plain-language verbs, for narratives and human output.
RELATION_VERB: dict[str, str] = {
    CAUSES: "can lead to",
    LOCATED_IN: "sits in",
    PART_OF: "is part of",
    TREATS: "can help with",
    PREVENTS: "can help prevent",
}

NODE_FIELDS_REQUIRED = ("id", "label", "type", "description")
NODE_FIELDS_OPTIONAL = ("synonyms", "codes")
EDGE_FIELDS_REQUIRED = ("from", "relation", "to", "cites", "section", "note")
SOURCE_FIELDS_REQUIRED = ("id", "title")


@dataclass(frozen=True)
class Node:
    """One node of the graph: a condition, mechanism, symptom, region or treatment."""

    id: str
    label: str
    type: str
    description: str
    synonyms: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()
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
        out.update(self.extra)
        return out


@dataclass(frozen=True)
class Edge:
    """One directed, cited edge."""

    source: str
    relation: str
    target: str
    cites: str
    section: str
    note: str
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.source, self.relation, self.target)

    def attrs(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "relation": self.relation,
            "cites": self.cites,
            "section": self.section,
            "note": self.note,
        }
        out.update(self.extra)
        return out
