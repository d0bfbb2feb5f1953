"""The curated graph holds every claim of the article, each cited, and nothing unsourced."""

import networkx as nx
import pytest
import simple_icd_10_cm as icd

from graph import resolve
from graph.model import BODY_REGION, CAUSES, NODE_TYPES, RELATIONS
from graph.questions.query import relation_view
from graph.model.records import sections_of

# What the article says each condition leads to (section by section).
ARTICLE_CLAIMS = {
    "flat-feet": {"lower-back-pain", "lower-back-stiffness"},
    "bunion": {"lower-back-pain"},
    "plantar-fasciitis": {"heel-pain", "arch-pain", "lower-back-pain"},
    "achilles-tendonitis": {"foot-and-ankle-pain", "foot-and-ankle-stiffness", "lower-back-pain", "lower-back-stiffness"},
    "herniated-disc": {"nerve-foot-pain", "foot-numbness", "foot-tingling"},
    "sciatica": {"nerve-foot-pain", "foot-numbness", "foot-tingling", "leg-weakness"},
    "spinal-stenosis": {"nerve-foot-pain", "foot-numbness", "foot-tingling", "difficulty-standing-walking"},
}
# The mechanism each chain must pass through, as the article names it.
ARTICLE_MECHANISMS = {
    ("flat-feet", "lower-back-pain"): {"arch-collapse", "gait-change", "postural-compensation", "lower-back-strain"},
    ("bunion", "lower-back-pain"): {"weight-shift"},
    ("plantar-fasciitis", "lower-back-pain"): {"posture-change"},
    ("achilles-tendonitis", "lower-back-pain"): {"gait-posture-change"},
    ("herniated-disc", "foot-numbness"): {"nerve-compression"},
    ("spinal-stenosis", "foot-tingling"): {"nerve-compression"},
    ("sciatic-nerve-compression", "foot-numbness"): set(),
    ("achilles-tendonitis", "lower-back-stiffness"): {"gait-posture-change"},
}
BACK_CONDITIONS = ("herniated-disc", "sciatica", "spinal-stenosis")
FOOT_SYMPTOMS = ("nerve-foot-pain", "foot-numbness", "foot-tingling")
# Words one of which the official ICD-10-CM description of each of a node's codes must contain.
CODE_WORDS = {
    "flat-feet": ("flat foot",),
    "bunion": ("bunion",),
    "plantar-fasciitis": ("plantar fascia",),
    "achilles-tendonitis": ("achilles tendinitis",),
    "herniated-disc": ("intervertebral disc",),
    "sciatica": ("sciatica",),
    "spinal-stenosis": ("spinal stenosis",),
    "lower-back-pain": ("low back pain",),
    "foot-pain": ("pain in",),
    "nerve-foot-pain": ("pain in", "radiculopathy"),
    "heel-pain": ("pain in",),
    "arch-pain": ("pain in",),
    "foot-and-ankle-pain": ("ankle",),
    "foot-and-ankle-stiffness": ("stiffness of",),
    "foot-numbness": ("anesthesia of skin", "hypoesthesia of skin"),
    "foot-tingling": ("paresthesia",),
    "difficulty-standing-walking": ("difficulty in walking",),
    "numb-inner-leg": ("anesthesia of skin",),
    "numb-top-of-foot": ("anesthesia of skin",),
    "numb-outer-foot": ("anesthesia of skin",),
    "foot-drop": ("foot drop",),
}
TREATMENTS = {
    "podiatrist-evaluation",
    "orthotics",
    "foot-ankle-exercises",
    "physical-therapy",
    "chiropractic-care",
    "stretching-strengthening",
    "surgery",
    "good-posture",
    "appropriate-footwear",
    "prompt-care",
    "urgent-care",
}
REGIONS = {
    "heel",
    "arch-of-foot",
    "big-toe",
    "toes",
    "foot",
    "achilles-tendon",
    "calf",
    "ankle",
    "lower-limb",
    "lumbar-spine",
    "spine",
    "vertebrae",
    "intervertebral-disc",
    "spinal-canal",
    "sciatic-nerve",
    "lower-back",
}


@pytest.mark.parametrize("condition", sorted(ARTICLE_CLAIMS))
def test_every_condition_reaches_its_article_symptoms(curated, condition):
    reach = nx.descendants(relation_view(curated, [CAUSES]), condition)
    assert ARTICLE_CLAIMS[condition] <= reach
    assert curated.nodes[condition]["type"] == "condition"


@pytest.mark.parametrize("ends", sorted(ARTICLE_MECHANISMS))
def test_chains_pass_through_the_named_mechanisms(curated, ends):
    H = relation_view(curated, [CAUSES])
    on_some_path = {n for p in nx.all_simple_paths(H, *ends, cutoff=8) for n in p}
    assert ARTICLE_MECHANISMS[ends] <= on_some_path
    for m in ARTICLE_MECHANISMS[ends]:
        assert curated.nodes[m]["type"] == "mechanism"


@pytest.mark.parametrize("condition", BACK_CONDITIONS)
def test_back_problems_reach_the_feet_only_through_compressed_nerves(curated, condition):
    """The article's one mechanism for back to foot: every causal path passes a compressed
    nerve, or starts at sciatica, which the article defines by its compressed nerve."""
    H = relation_view(curated, [CAUSES])
    for symptom in FOOT_SYMPTOMS:
        found = list(nx.all_simple_paths(H, condition, symptom, cutoff=8))
        if condition == "sciatica":
            assert found and list(H.predecessors("sciatica")) == ["sciatic-nerve-compression"]
        else:
            assert found and all("nerve-compression" in p for p in found), (condition, symptom)


def test_each_foot_condition_reaches_its_back_symptoms_through_edges_cited_to_its_own_section(curated):
    """E.g. Achilles tendonitis reaches lower back stiffness without borrowing the flat-feet chain."""
    sections = {"flat-feet": "Flat Feet or Overpronation", "bunion": "Bunions", "plantar-fasciitis": "Plantar Fasciitis", "achilles-tendonitis": "Achilles Tendonitis"}
    claims = {
        "flat-feet": ["lower-back-pain", "lower-back-stiffness"],
        "bunion": ["lower-back-pain"],
        "plantar-fasciitis": ["lower-back-pain"],
        "achilles-tendonitis": ["lower-back-pain", "lower-back-stiffness"],
    }
    H = relation_view(curated, [CAUSES])
    for condition, symptoms in claims.items():
        for symptom in symptoms:
            # Every step cited to the condition's own section, but for the last one, which a
            # shared mechanism may take from the section that first states it.
            own = [p for p in nx.all_simple_paths(H, condition, symptom, cutoff=8) if all(sections[condition] in sections_of(curated.edges[u, v, CAUSES]) for u, v in zip(p, p[1:]))]
            assert own, (condition, symptom)


def test_treatments_and_regions_are_present(curated):
    assert {n for n, t in curated.nodes(data="type") if t == "treatment"} == TREATMENTS
    assert REGIONS <= {n for n, t in curated.nodes(data="type") if t == BODY_REGION}


def test_nerve_route_from_spine_to_foot(curated):
    parts = nx.DiGraph((u, v) for u, v, r in curated.edges(data="relation") if r == "part_of")
    assert nx.has_path(parts, "tibial-nerve", "sciatic-nerve")
    assert nx.has_path(parts, "sciatic-nerve", "lower-limb")
    assert nx.has_path(parts, "toes", "lower-limb") and nx.has_path(parts, "lumbar-spine", "spine")


def test_every_edge_is_cited(curated):
    sources = {s["id"]: s for s in curated.graph["sources"]}
    for u, v, d in curated.edges(data=True):
        assert d["relation"] in RELATIONS
        assert d["cites"] in sources, (u, v)
        assert set(sections_of(d)) <= set(sources[d["cites"]]["sections"]), (u, v)
        note = d["note"]
        assert note and note[0].isupper() and note.endswith("."), (u, v, note)
        assert note.count(". ") == 0, f"one sentence per note: {u}->{v}"


def test_anatomy_structure_rests_on_an_anatomy_source(curated):
    for u, v, d in curated.edges(data=True):
        if d["relation"] == "part_of":
            assert d["cites"] == "grays-anatomy-students" or d["section"] == "Achilles Tendonitis", (u, v)


def test_every_node_is_described_and_linked(curated):
    for n, d in curated.nodes(data=True):
        assert d["type"] in NODE_TYPES
        assert len(d["description"]) > 20, n
        assert curated.degree(n) > 0, f"orphan node {n}"


def test_every_name_resolves_to_its_own_node(curated):
    for n, d in curated.nodes(data=True):
        for name in [n, d["label"], *d["synonyms"]]:
            assert resolve(curated, name) == n, name


@pytest.mark.parametrize("node, words", sorted(CODE_WORDS.items()))
def test_icd10cm_codes_are_billable_leaves_that_fit(curated, node, words):
    codes = curated.nodes[node]["codes"]
    assert codes
    for curie in codes:
        assert curie.startswith("ICD10CM:")
        code = curie.split(":", 1)[1]
        assert icd.is_valid_item(code), code
        assert icd.is_leaf(code), f"{node}: {code} is a header code, not a billable leaf"
        description = icd.get_description(code).lower().replace("fascial", "fascia")
        assert any(w in description for w in words), (node, code, description)


@pytest.mark.parametrize("code", ["M51.2", "M25.67", "M21.6", "M79.67"])
def test_header_codes_are_rejected_by_the_leaf_check(code):
    assert icd.is_valid_item(code) and not icd.is_leaf(code)


def test_bunion_is_not_coded_as_hallux_valgus(curated):
    assert not any(c.startswith("ICD10CM:M20.1") for c in curated.nodes["bunion"]["codes"])


def test_all_codes_are_checked(curated):
    coded = {n for n, c in curated.nodes(data="codes") if c}
    assert coded == set(CODE_WORDS)
    for n in coded:
        assert curated.nodes[n]["type"] in ("condition", "symptom")


def test_disclaimer_in_the_data(curated):
    assert "not medical advice" in curated.graph["about"]["disclaimer"]
