"""Generated sentences agree in number, and lists are in the order people read."""

import pytest

from cli import cli
from graph.questions.describe import list_nodes
from graph.language.grammar import agree, count, is_plural
from graph.teaching.wording import edge_sentence


@pytest.mark.parametrize("label", ["Flat feet", "Compressed or irritated nerves", "Vertebrae", "Toes", "Legs", "Orthotics", "Lumbar and sacral nerve roots", "Foot and ankle exercises"])
def test_plural_labels(label):
    assert is_plural(label)
    assert agree("sits in", label) == "sit in"


@pytest.mark.parametrize(
    "label", ["Heel pain", "Numbness in the feet or toes", "Spinal stenosis", "Achilles tendonitis", "Weakness or difficulty moving the legs", "Pain in the feet or toes", "Arch of the foot"]
)
def test_singular_labels(label):
    assert not is_plural(label)
    assert agree("sits in", label) == "sits in"


def test_counts():
    assert [count(n, "edge") for n in (0, 1, 2)] == ["0 edges", "1 edge", "2 edges"]


def test_sentences_from_the_curated_graph(curated):
    assert edge_sentence(curated, {"source": "nerve-compression", "target": "spinal-nerve-roots", "relation": "located_in"}) == "Compressed or irritated nerves sit in Lumbar and sacral nerve roots."
    assert edge_sentence(curated, {"source": "heel-pain", "target": "heel", "relation": "located_in"}) == "Heel pain sits in Heel."


def test_quiz_asks_where_plural_things_sit(curated):
    """Flat feet sit in the arch of the foot, which the label gives away (foot, feet), so the
    quiz no longer asks it; the verb still agrees for every plural subject it does ask about."""
    from graph.language.grammar import is_plural
    from graph.teaching.quiz import generate

    prompts = [q.prompt for q in generate(curated, count=60, seed=3, kinds=["where"])]
    assert prompts and not any("does Flat feet" in p for p in prompts)
    for p in prompts:
        subject = p.split("where in the body ")[1].split(" ", 1)[1].rsplit(" sit?", 1)[0]
        assert p.split("where in the body ")[1].startswith("do " if is_plural(subject) else "does "), p


def test_one_hop_and_one_edge_are_singular(runner, tmp_path):
    result = runner.invoke(cli, ["paths", "flat feet", "lower back pain", "--max-hops", "1"])
    assert "within 1 hop:" in result.stderr and "1 hops" not in result.stderr
    result = runner.invoke(cli, ["paths", "heel pain", "change in posture", "--max-hops", "1"])
    assert "(causes links, at most 1 hop):" in result.stdout and "(1 step)" in result.stdout


def test_show_says_sit_for_plural_nodes(runner):
    out = runner.invoke(cli, ["show", "compressed nerves"]).output
    assert "  sit in Lumbar and sacral nerve roots\n" in out
    assert "Compressed or irritated nerves sits" not in out


def test_lists_are_sorted_by_label(curated, runner):
    symptoms = list_nodes(curated, "symptom")
    labels = [curated.nodes[n]["label"].casefold() for n in symptoms]
    assert labels == sorted(labels) and symptoms != sorted(symptoms)
    out = runner.invoke(cli, ["causes", "lower back pain", "--depth", "1", "--json"]).output
    import json

    found = [c["label"] for c in json.loads(out)["causes"]]
    assert found == sorted(found, key=str.casefold) and found[0] == "Change in gait and posture"
    ids = [c["id"] for c in json.loads(out)["causes"]]
    assert ids != sorted(ids)  # by the label people read, not by id
