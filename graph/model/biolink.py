"""How footback's graph maps onto Biolink KGX columns, both ways.

The KGX writer (:mod:`graph.formats.kgx`) and reader
(:mod:`graph.formats.kgx`) share these rules, so that a footback graph
written as KGX and read back is the same graph:

* node ids become CURIEs by prefixing ``footback:`` (ids that already hold a
  colon, e.g. ``MONDO:0005148``, are kept); the reader strips the prefix;
* ``type`` becomes ``category`` through :data:`graph.model.BIOLINK_CATEGORY`;
  reading, a category also maps onto a type through :data:`CATEGORY_TYPE`
  (subclasses of a type's category, and a few classes that mean the same);
  categories that map to no footback type are kept verbatim as the type;
* ``relation`` becomes ``predicate`` through
  :data:`graph.model.BIOLINK_PREDICATE`; other predicates are kept verbatim
  as the relation;
* ``codes`` (CURIEs such as ``ICD10CM:M72.2``) become ``xref``;
* ``cites`` becomes ``primary_knowledge_source`` (``infores:article``).
"""

from __future__ import annotations

from typing import Any

from . import BIOLINK_CATEGORY, BIOLINK_PREDICATE, BODY_REGION, SYMPTOM, TREATMENT

ID_PREFIX = "footback:"
SOURCE_PREFIX = "infores:"
#: Category of a node whose type is neither footback's nor a Biolink CURIE.
FALLBACK_CATEGORY = "biolink:NamedThing"
#: Predicate of an edge whose relation is neither footback's nor a Biolink CURIE.
FALLBACK_PREDICATE = "biolink:related_to"
#: footback's curated edges are asserted by people from a source text.
KNOWLEDGE_LEVEL = "knowledge_assertion"
AGENT_TYPE = "manual_agent"

#: Categories, other than a type's own, that are read as that type. A small
#: static table (the ``biolink-model`` package is a test extra, and its
#: schema is slow to load); ``tests/test_biolink.py`` checks it against the
#: schema: every subclass (``is_a``, at any depth) of a type's own category
#: must be here, and every other entry must be a real correspondence:
#:
#: * ``AnatomicalEntity`` is the parent of ``GrossAnatomicalStructure``, and
#:   what many graphs give every UBERON body part; its other subclasses
#:   (``Cell``, ``CellularComponent``, ``PathologicalAnatomicalStructure``)
#:   are not body regions and stay as they are.
#: * ``Drug`` is "a substance intended for use in the diagnosis, cure,
#:   mitigation, treatment, or prevention of disease", in the domain of
#:   ``biolink:treats``.
#:
#: Left out on purpose: ``ChemicalEntity`` and its subclasses other than
#: ``Drug`` (``SmallMolecule``, ``MolecularEntity``, ``Food``...), because a
#: chemical is as often a cause as a cure (uric acid and gout), and
#: ``Procedure``, which covers diagnostic procedures too. They keep their
#: category as their type; their ``biolink:treats`` edges still make them
#: treatments of what they treat (``footback treatments``).
CATEGORY_TYPE: dict[str, str] = {
    "biolink:BehavioralFeature": SYMPTOM,  # is_a PhenotypicFeature
    "biolink:ClinicalFinding": SYMPTOM,  # is_a PhenotypicFeature
    "biolink:AnatomicalEntity": BODY_REGION,
    "biolink:Drug": TREATMENT,
}
TYPE_OF_CATEGORY = {**CATEGORY_TYPE, **{v: k for k, v in BIOLINK_CATEGORY.items()}}
RELATION_OF_PREDICATE = {v: k for k, v in BIOLINK_PREDICATE.items()}

#: KGX columns that hold several values joined with ``|`` (Biolink multivalued slots).
MULTIVALUED = frozenset(
    {
        "category",
        "synonym",
        "related_synonym",
        "xref",
        "provided_by",
        "publications",
        "same_as",
        "aggregator_knowledge_source",
        "knowledge_source",
        "has_evidence",
        "in_taxon",
        "has_attribute",
        "qualifiers",
    }
)
SEPARATOR = "|"

#: footback edge attributes written as multivalued KGX cells too.
FOOTBACK_MULTIVALUED = frozenset({"evidence_refs"})

#: footback's related terms (near, not the same: hallux valgus for a bunion) are
#: Biolink's ``related_synonym`` slot (OBO's related synonyms).
RELATED_TERMS_COLUMN = "related_synonym"

#: node attribute -> KGX column, for the attributes footback itself defines.
NODE_COLUMNS = {"label": "name", "description": "description", "synonyms": "synonym", "codes": "xref"}
#: edge attribute -> KGX column.
EDGE_COLUMNS = {"cites": "primary_knowledge_source", "note": "description", "section": "section"}


def to_curie(node_id: str) -> str:
    """``plantar-fasciitis`` -> ``footback:plantar-fasciitis``; CURIEs are kept
    (but an id that itself starts with ``footback:`` is prefixed again, so
    that :func:`from_curie` gives it back).

    >>> to_curie("flat-feet"), to_curie("MONDO:0005148"), to_curie("footback:x")
    ('footback:flat-feet', 'MONDO:0005148', 'footback:footback:x')
    """
    return node_id if ":" in node_id and not node_id.startswith(ID_PREFIX) else ID_PREFIX + node_id


def from_curie(curie: str) -> str:
    """The inverse of :func:`to_curie`.

    >>> from_curie("footback:flat-feet"), from_curie("MONDO:0005148")
    ('flat-feet', 'MONDO:0005148')
    """
    return curie[len(ID_PREFIX) :] if curie.startswith(ID_PREFIX) else curie


def category_of(node_type: str) -> str:
    """The Biolink category for a node type.

    >>> category_of("condition"), category_of("biolink:Gene"), category_of("gene")
    ('biolink:Disease', 'biolink:Gene', 'biolink:NamedThing')
    """
    if node_type in BIOLINK_CATEGORY:
        return BIOLINK_CATEGORY[node_type]
    return node_type if node_type.startswith("biolink:") else FALLBACK_CATEGORY


def type_of(categories: list[str]) -> str:
    """The footback type for a node's categories: the first that maps, else the first.

    >>> type_of(["biolink:Disease", "biolink:NamedThing"]), type_of(["biolink:Gene"])
    ('condition', 'biolink:Gene')
    >>> type_of(["biolink:Drug"]), type_of(["biolink:AnatomicalEntity"]), type_of(["biolink:SmallMolecule"])
    ('treatment', 'body_region', 'biolink:SmallMolecule')
    """
    for c in categories:
        if c in TYPE_OF_CATEGORY:
            return TYPE_OF_CATEGORY[c]
    return categories[0]


def predicate_of(relation: str) -> str:
    """The Biolink predicate for a relation.

    >>> predicate_of("prevents"), predicate_of("biolink:interacts_with")
    ('biolink:preventative_for_condition', 'biolink:interacts_with')
    """
    if relation in BIOLINK_PREDICATE:
        return BIOLINK_PREDICATE[relation]
    return relation if relation.startswith("biolink:") else FALLBACK_PREDICATE


def relation_of(predicate: str) -> str:
    """The footback relation for a predicate (unknown predicates are kept)."""
    return RELATION_OF_PREDICATE.get(predicate, predicate)


def knowledge_level_of(source: dict[str, Any] | None, d: dict[str, Any]) -> str:
    """Biolink ``knowledge_level`` of an edge, by the kind of source it cites.

    An article's or a textbook's statement is a ``knowledge_assertion``; a
    study's observed link between two things is a ``statistical_association``.

    >>> knowledge_level_of({"kind": "patient-education article"}, {})
    'knowledge_assertion'
    >>> knowledge_level_of({"kind": "study"}, {"evidence_basis": "observational"})
    'statistical_association'
    """
    kind = str((source or {}).get("kind", ""))
    if kind == "study" and d.get("evidence_basis") == "observational":
        return "statistical_association"
    return KNOWLEDGE_LEVEL


def to_source(cites: str) -> str:
    return cites if ":" in cites else SOURCE_PREFIX + cites


def from_source(value: str) -> str:
    return value[len(SOURCE_PREFIX) :] if value.startswith(SOURCE_PREFIX) else value
