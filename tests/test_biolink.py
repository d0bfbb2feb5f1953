"""graph.model.biolink's mapping, checked against the Biolink Model schema (biolink-model package)."""

import re

import pytest

from graph import model

from graph.model import biolink
from graph.exporters import export
from graph.formats import load_graph


@pytest.fixture(scope="module")
def classes():
    import importlib.resources

    import yaml

    text = (importlib.resources.files("biolink_model") / "schema" / "biolink_model.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))["classes"]


def _name(curie):
    """biolink:GrossAnatomicalStructure -> 'gross anatomical structure'."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", curie.removeprefix("biolink:")).lower()


def _curie(name):
    return "biolink:" + "".join(w[:1].upper() + w[1:] for w in name.split())


def _ancestors(classes, name):
    out = []
    while classes.get(name, {}).get("is_a"):
        name = classes[name]["is_a"]
        out.append(name)
    return out


def test_every_subclass_of_a_types_category_maps_onto_that_type(classes):
    for node_type, category in model.BIOLINK_CATEGORY.items():
        for name in classes:
            if _name(category) in _ancestors(classes, name):
                assert biolink.CATEGORY_TYPE.get(_curie(name)) == node_type, (name, node_type)


#: The entries that are not subclasses of their type's category, and why each is a real correspondence.
BROADER = {
    "biolink:AnatomicalEntity": "the parent of biolink:GrossAnatomicalStructure",
    "biolink:Drug": "in the domain of biolink:treats",
}


def test_every_other_mapped_category_is_a_real_correspondence(classes):
    import importlib.resources

    import yaml

    slots = yaml.load(
        (importlib.resources.files("biolink_model") / "schema" / "biolink_model.yaml").read_text(encoding="utf-8"),
        Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader),
    )["slots"]
    for category, node_type in biolink.CATEGORY_TYPE.items():
        name, own = _name(category), _name(model.BIOLINK_CATEGORY[node_type])
        assert name in classes, category
        if own in _ancestors(classes, name):
            continue
        assert category in BROADER, f"{category} -> {node_type} is neither a subclass of {own} nor explained"
    assert "anatomical entity" in _ancestors(classes, "gross anatomical structure")
    assert slots["treats"]["domain"] in classes["drug"]["mixins"]


@pytest.mark.parametrize(
    "category, node_type",
    [
        ("biolink:Drug", "treatment"),
        ("biolink:AnatomicalEntity", "body_region"),
        ("biolink:ClinicalFinding", "symptom"),
        # kept as they are (see graph.model.biolink.CATEGORY_TYPE for why)
        ("biolink:SmallMolecule", "biolink:SmallMolecule"),
        ("biolink:ChemicalEntity", "biolink:ChemicalEntity"),
        ("biolink:Procedure", "biolink:Procedure"),
        ("biolink:Cell", "biolink:Cell"),
    ],
)
def test_type_of_a_category(category, node_type):
    assert biolink.type_of([category]) == node_type


def test_kgx_reads_broader_and_narrower_categories_and_keeps_them(tmp_path):
    d = tmp_path / "kgx"
    d.mkdir()
    (d / "nodes.tsv").write_text(
        "id\tcategory\tname\n"
        "CHEBI:5855\tbiolink:Drug|biolink:ChemicalEntity\tIbuprofen\n"
        "UBERON:0001017\tbiolink:AnatomicalEntity\tHeel\n"
        "HP:0002650\tbiolink:ClinicalFinding\tScoliosis\n"
        "CHEBI:17775\tbiolink:SmallMolecule\tUric acid\n"
    )
    (d / "edges.tsv").write_text("subject\tpredicate\tobject\nCHEBI:5855\tbiolink:treats\tHP:0002650\n")
    G = load_graph(d)
    assert dict(G.nodes(data="type")) == {
        "CHEBI:5855": "treatment",
        "UBERON:0001017": "body_region",
        "HP:0002650": "symptom",
        "CHEBI:17775": "biolink:SmallMolecule",
    }
    assert G.nodes["UBERON:0001017"]["category"] == ["biolink:AnatomicalEntity"]
    assert "category" not in G.nodes["CHEBI:17775"]
    H = load_graph(export(G, "kgx", tmp_path / "again"))
    assert list(H.nodes(data=True)) == list(G.nodes(data=True))
