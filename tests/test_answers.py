"""graph.answers: each command's one library call, with its empty answer explained."""

import networkx as nx
import pytest

from graph import answers
from graph.report import common_causes_json, nodes_json, whatif_json
from graph.teaching.wording import NOT_ADVICE
from tests import HEEL_SPUR, HIP_ACHE, ICE, NUMB_TOE


def test_search_explains_no_match_and_refuses_no_word(tiny):
    answer = answers.search(tiny, "zzqqxx", limit=5)
    assert answer.found == [] and answer.message == "nothing matches 'zzqqxx'"
    assert answers.search(tiny, "heel", limit=5).message == ""
    with pytest.raises(answers.NothingToSearch, match="give a word or name"):
        answers.search(tiny, " -- ", limit=5)


def test_nodes_of_type_says_why_none():
    G = nx.MultiDiGraph()
    assert answers.nodes_of_type(G, None).message == "this graph has no nodes"
    G.add_node("a", label="A", type="symptom")
    answer = answers.nodes_of_type(G, "condition")
    assert (answer.node_type, answer.nodes, answer.message) == ("condition", [], "no condition nodes in this graph")
    assert nodes_json(G, answers.nodes_of_type(G, "symptoms").nodes) == {"nodes": [{"id": "a", "label": "A", "type": "symptom"}]}


def test_whatif_answer_says_whether_anything_lost_a_path(tiny):
    treated = answers.whatif(tiny, treat=ICE)
    assert treated.losses and whatif_json(treated.result)["disclaimer"] == NOT_ADVICE
    removed = answers.whatif(tiny, [NUMB_TOE])
    assert removed.losses and removed.result["removed"] == [NUMB_TOE]


def test_common_causes_json_keeps_the_note(tiny):
    wanted, ranked = answers.common_causes(tiny, [HIP_ACHE, HIP_ACHE])
    doc = common_causes_json(wanted, ranked)
    assert doc["symptoms"] == [HIP_ACHE] and doc["note"].startswith("Teaching aid") and doc["conditions"][0]["condition"] == HEEL_SPUR


def test_lesson_answer_is_the_index_or_one_lesson(curated):
    index = answers.lesson(curated, None)
    assert index.lesson is None and index.to_dict(curated) == index.index and index.index
    one = answers.lesson(curated, index.index[0]["name"])
    assert one.index is None and one.to_dict(curated)["title"] == index.index[0]["title"]
    assert one.steps(curated)[0][0] == index.index[0]["title"]


def test_evidence_says_why_none(tiny):
    answer = answers.evidence(tiny, "heel spur", level="contradicted", min_evidence="supported")
    assert answer.links == [] and answer.node == HEEL_SPUR
    assert answer.message.startswith("no causes, treats or prevents link of Heel spur rated contradicted with every link at least 'supported' (--min-evidence)")
    whole = answers.evidence(tiny)
    assert whole.links and whole.message == ""


def test_an_edge_record_gives_its_text_fields_as_text():
    from graph.model.records import edge_record

    r = edge_record("a", "b", {"relation": "causes", "note": 5, "cites": None, "section": ["S"]})
    assert (r["relation"], r["note"], r["cites"], r["section"]) == ("causes", "5", "", ["S"])
