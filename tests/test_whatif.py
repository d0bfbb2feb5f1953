"""What-if and common causes: answers that match the graph."""

import json

from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cli import cli
from graph.errors import EXIT_EMPTY, EXIT_OK, EXIT_USAGE, FootbackError, NoPath
from graph.teaching.whatif import acted_on, common_causes, has_losses, whatif
from tests import HEEL_SPUR, HIP, HIP_ACHE, ICE, LIMPING, NUMB_TOE


def test_remove_middle_step_cuts_all_paths(tiny):
    result = whatif(tiny, [LIMPING])
    assert result == {
        "removed": [LIMPING],
        "treatment": None,
        "taken_out": [
            {
                "node": LIMPING,
                "type": "mechanism",
                "relations": [],
                "paths_before": 1,
                "exact": True,
                "conditions_lost": [HEEL_SPUR],
                "evidence": None,
            }
        ],
        "symptoms": [
            {
                "symptom": HIP_ACHE,
                "status": "all",
                "paths_before": 1,
                "paths_after": 0,
                "exact": True,
                "conditions_lost": [HEEL_SPUR],
                "conditions_left": [],
                "evidence": None,
            }
        ],
        "truncated": False,
        "truncated_reason": None,
    }


def test_treat_removes_what_the_treatment_acts_on(tiny):
    assert acted_on(tiny, ICE) == [LIMPING]
    assert whatif(tiny, treat=ICE)["symptoms"] == whatif(tiny, [LIMPING])["symptoms"]
    assert whatif(tiny, treat=ICE)["removed"] == [LIMPING]


def test_removing_a_region_changes_nothing(tiny):
    result = whatif(tiny, [HIP])
    assert result["symptoms"] == [] and not has_losses(result)
    assert result["taken_out"] == [{"node": HIP, "type": "body_region", "relations": [], "paths_before": 0, "exact": True, "conditions_lost": [], "evidence": None}]


def _causal(G):
    return nx.DiGraph((u, v) for u, v, r in G.edges(keys=True) if r == "causes")


def _paths_from_conditions(G, H, target):
    """Simple causal paths from any condition into ``target`` of ``H``, counted by brute force."""
    conditions = [n for n, t in G.nodes(data="type") if t == "condition" and n in H and n != target]
    return sum(len(list(nx.all_simple_paths(H, c, target))) for c in conditions) if target in H else 0


TREATMENTS = [
    "appropriate-footwear",
    "chiropractic-care",
    "foot-ankle-exercises",
    "good-posture",
    "orthotics",
    "physical-therapy",
    "podiatrist-evaluation",
    "prompt-care",
    "stretching-strengthening",
    "surgery",
    "urgent-care",
]


# Urgent care treats a pressed cauda equina, which no condition of the graph leads to: nothing to lose.
@pytest.mark.parametrize("treatment", [t for t in TREATMENTS if t != "urgent-care"])
def test_every_treatment_reports_what_it_acts_on(curated, treatment):
    """Treatments acting on a symptom take that symptom out, with every path it had:
    a symptom taken out is part of the answer, not left unsaid."""
    assert sorted(n for n, t in curated.nodes(data="type") if t == "treatment") == TREATMENTS
    result = whatif(curated, treat=treatment)
    assert has_losses(result)
    causal = _causal(curated)
    assert [r["node"] for r in result["taken_out"]] == result["removed"] == acted_on(curated, treatment)
    for r in result["taken_out"]:
        assert r["relations"] == [rel for rel in ("treats", "prevents") if curated.has_edge(treatment, r["node"], rel)]
        assert r["paths_before"] == _paths_from_conditions(curated, causal, r["node"])
        assert r["conditions_lost"] == sorted(c for c in (nx.ancestors(causal, r["node"]) if r["node"] in causal else ()) if curated.nodes[c]["type"] == "condition")
        assert r["evidence"] == curated.edges[treatment, r["node"], r["relations"][-1]]["evidence_level"]
    # Symptoms further along: counted independently, before and after.
    after = causal.copy()
    after.remove_nodes_from(result["removed"])
    for r in result["symptoms"]:
        assert r["symptom"] not in result["removed"]
        assert (r["paths_before"], r["paths_after"]) == (_paths_from_conditions(curated, causal, r["symptom"]), _paths_from_conditions(curated, after, r["symptom"]))


def test_a_removed_symptom_loses_all_its_paths(curated):
    result = whatif(curated, ["lower-back-pain"])
    assert result["taken_out"] == [
        {
            "node": "lower-back-pain",
            "type": "symptom",
            "relations": [],
            "paths_before": 8,
            "exact": True,
            "conditions_lost": ["achilles-tendonitis", "bunion", "flat-feet", "plantar-fasciitis"],
            "evidence": None,
        }
    ]
    assert result["symptoms"] == [] and has_losses(result)


def test_prevention_only_and_mechanism_treatments(curated):
    """Good posture only helps prevent two end symptoms: they are taken out and nothing
    further along changes. Stretching acts on two mechanisms: lower back pain loses paths."""
    posture = whatif(curated, treat="good-posture")
    assert [(r["node"], r["relations"]) for r in posture["taken_out"]] == [("foot-pain", ["prevents"]), ("lower-back-pain", ["prevents"])]
    assert posture["symptoms"] == []
    stretch = whatif(curated, treat="stretching-strengthening")
    assert [(r["node"], r["type"]) for r in stretch["taken_out"]] == [("posture-change", "mechanism"), ("spinal-misalignment", "mechanism")]
    assert [(r["symptom"], r["status"], r["conditions_lost"]) for r in stretch["symptoms"]] == [("lower-back-pain", "some", ["plantar-fasciitis"])]


def test_not_a_treatment(tiny):
    with pytest.raises(FootbackError, match="not a treatment"):
        whatif(tiny, treat=LIMPING)
    with pytest.raises(nx.NodeNotFound):
        whatif(tiny, ["nowhere"])
    with pytest.raises(FootbackError, match="nothing to remove"):
        whatif(tiny, [])


def test_orthotics_matches_the_graph(curated):
    """Orthotics act on four foot symptoms and, as the article implies and research
    contradicts, on lower back pain; no back problem loses anything."""
    result = whatif(curated, treat="orthotics")
    assert result["removed"] == ["arch-pain", "foot-and-ankle-pain", "foot-pain", "heel-pain", "lower-back-pain"]
    assert {r["node"]: (r["conditions_lost"], r["evidence"]) for r in result["taken_out"]} == {
        "arch-pain": (["plantar-fasciitis"], "supported"),
        "foot-and-ankle-pain": (["achilles-tendonitis"], "hypothesis"),
        "foot-pain": ([], "supported"),
        "heel-pain": (["plantar-fasciitis"], "supported"),
        "lower-back-pain": (["achilles-tendonitis", "bunion", "flat-feet", "plantar-fasciitis"], "contradicted"),
    }
    by = {r["symptom"]: r for r in result["symptoms"]}
    assert set(by) == {"lower-back-stiffness"}
    stiff = by["lower-back-stiffness"]
    assert stiff["status"] == "some" and stiff["conditions_left"] == ["achilles-tendonitis", "flat-feet"]
    # Count the paths independently: simple paths from every condition.
    causal = nx.DiGraph((u, v) for u, v, r in curated.edges(keys=True) if r == "causes")
    conditions = [n for n, t in curated.nodes(data="type") if t == "condition"]

    def count(H):
        return sum(len(list(nx.all_simple_paths(H, c, "lower-back-stiffness"))) for c in conditions if c in H)

    after = causal.copy()
    after.remove_nodes_from(result["removed"])
    assert (stiff["paths_before"], stiff["paths_after"]) == (count(causal), count(after))


def test_remove_nerve_compression(curated):
    """The article's one route from the back to the feet: without it no back problem reaches them."""
    result = whatif(curated, ["nerve-compression"])
    for r in result["symptoms"]:
        assert r["status"] == "some"
        assert r["conditions_lost"] == ["herniated-disc", "spinal-stenosis"]
        assert r["conditions_left"] == ["sciatica"]  # which the article ties to the sciatic nerve itself
        assert r["evidence"] == "established"
    assert [r["symptom"] for r in result["symptoms"]] == ["foot-numbness", "foot-tingling", "nerve-foot-pain"]


def test_common_causes_ranking(curated):
    ranked = common_causes(curated, ["foot-numbness", "leg-weakness", "lower-back-pain"])
    assert ranked[0]["condition"] == "sciatica"
    assert ranked[0]["reaches"] == ["foot-numbness", "leg-weakness"]
    assert ranked[0]["misses"] == ["lower-back-pain"]
    assert ranked[0]["paths"]["leg-weakness"]["nodes"] == ["sciatica", "leg-weakness"]
    # Every path is a real causal chain of the graph.
    for r in ranked:
        for s, p in r["paths"].items():
            assert p["nodes"][0] == r["condition"] and p["nodes"][-1] == s
            assert all(curated.has_edge(u, v, "causes") for u, v in zip(p["nodes"], p["nodes"][1:]))
    # Conditions reaching none of the symptoms are left out.
    assert {r["condition"] for r in ranked} == {n for n, t in curated.nodes(data="type") if t == "condition"}
    ranked = common_causes(curated, ["foot-tingling"])
    assert [r["condition"] for r in ranked] == ["sciatica", "herniated-disc", "spinal-stenosis"]  # shortest first, ties by id


def test_common_causes_none(tiny):
    with pytest.raises(NoPath):
        common_causes(tiny, [HEEL_SPUR])
    assert [r["condition"] for r in common_causes(tiny, [HIP_ACHE, NUMB_TOE])] == [HEEL_SPUR]


# --- command line ------------------------------------------------------------


def test_cli_whatif_treat(runner):
    result = runner.invoke(cli, ["whatif", "--treat", "orthotics"])
    assert result.exit_code == EXIT_OK, result.output
    assert result.output.startswith("What if Orthotics worked? It can help with: Arch pain, Foot and ankle pain, ")
    acted, further = result.output.split("\nFurther along the causal links:\n")
    assert "\nActed on directly:\n" in acted
    assert "\nHeel pain (symptom): loses all its causal paths (1 \u2192 0)\n  no longer reached from: Plantar fasciitis\n" in acted
    assert "\nLower back pain (symptom): loses all its causal paths (8 \u2192 0)\n" in acted
    assert "how sure that Orthotics acts on it: contradicted (research says otherwise)" in acted
    assert "\nLower back stiffness: loses some causal paths (3 \u2192 2)\n" in further
    assert "not medical advice" in result.output


@pytest.mark.parametrize("args", [["--treat", "good posture"], ["--remove", "lower back pain"], ["--treat", "surgery"]])
def test_cli_whatif_reports_symptoms_acted_on(runner, args):
    result = runner.invoke(cli, ["whatif", *args])
    assert result.exit_code == EXIT_OK, result.output
    assert "No symptom loses" not in result.output
    assert ("\nLower back pain (symptom): loses all its causal paths (8 \u2192 0)\n  no longer reached from: Achilles tendonitis, Bunion, Flat feet, Plantar fasciitis\n") in result.output
    assert "\nFurther along the causal links, no other symptom loses a causal path.\n" in result.output
    if args[0] == "--treat":
        verb = "can help prevent" if args[1] == "good posture" else "can help with"
        acted = "Foot pain, Lower back pain" + (", Nerve pain in the feet or toes" if args[1] == "surgery" else "")
        assert f"It {verb}: {acted}.\n" in result.output
    data = json.loads(runner.invoke(cli, ["whatif", *args, "--json"]).output)
    lbp = next(r for r in data["taken_out"] if r["node"] == "lower-back-pain")
    assert lbp["paths_before"] == 8 and len(lbp["conditions_lost"]) == 4


def test_cli_whatif_all_and_json(runner, tiny_dir):
    result = runner.invoke(cli, ["whatif", "--graph", str(tiny_dir), "--remove", "limp"])
    assert result.exit_code == EXIT_OK, result.output
    assert "Hip ache: loses all its causal paths (1 \u2192 0)\n  no longer reached from: Heel spur\n" in result.output
    result = runner.invoke(cli, ["whatif", "--graph", str(tiny_dir), "--treat", "ice", "--json"])
    data = json.loads(result.output)
    assert data["removed"] == [LIMPING] and data["symptoms"][0]["status"] == "all"


def test_cli_whatif_exit_codes(runner, tiny_dir):
    g = ["--graph", str(tiny_dir)]
    result = runner.invoke(cli, ["whatif", *g, "--remove", "hip"])
    assert result.exit_code == EXIT_EMPTY
    assert "No symptom loses a causal path from a condition." in result.output
    assert runner.invoke(cli, ["whatif", *g, "--treat", "limping"]).exit_code == EXIT_USAGE
    assert runner.invoke(cli, ["whatif", *g, "--remove", "no such thing"]).exit_code == EXIT_USAGE
    assert runner.invoke(cli, ["whatif", *g]).exit_code == EXIT_USAGE


def test_cli_common_causes(runner):
    result = runner.invoke(cli, ["common-causes", "foot numbness", "leg weakness", "back pain"])
    assert result.exit_code == EXIT_OK, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Teaching aid, not a diagnosis")
    assert lines[2:6] == [
        "1. Sciatica: reaches 2 of 3",
        "   Sciatica \u2192 Numbness in the feet or toes  [weakest link: established]",
        "   Sciatica \u2192 Weakness or difficulty moving the legs  [weakest link: established]",
        "   no causal path to: Lower back pain",
    ]
    data = json.loads(runner.invoke(cli, ["common-causes", "tingling feet", "--json"]).output)
    assert "not a diagnosis" in data["note"]
    assert [c["condition"] for c in data["conditions"]] == ["sciatica", "herniated-disc", "spinal-stenosis"]  # shortest first


def test_cli_common_causes_exit_codes(runner, tiny_dir):
    g = ["--graph", str(tiny_dir)]
    assert runner.invoke(cli, ["common-causes", *g, "heel spur"]).exit_code == EXIT_EMPTY
    assert runner.invoke(cli, ["common-causes", *g, "nothing like it"]).exit_code == EXIT_USAGE
    assert runner.invoke(cli, ["common-causes", *g]).exit_code == EXIT_USAGE


def _graph(edges, types):
    G = nx.MultiDiGraph()
    for n, t in types.items():
        G.add_node(n, type=t, label=n.upper())
    for u, v in edges:
        G.add_edge(u, v, key="causes", relation="causes", note="", section="", cites="")
    return G


def test_whatif_on_a_graph_with_a_causal_cycle():
    """m1 <-> m2 form a cycle; paths are counted as simple paths (not exact = budget)."""
    G = _graph(
        [("c", "m1"), ("m1", "m2"), ("m2", "m1"), ("m2", "s"), ("d", "m2"), ("m1", "s")],
        {"c": "condition", "d": "condition", "m1": "mechanism", "m2": "mechanism", "s": "symptom"},
    )
    # c->m1->s, c->m1->m2->s, d->m2->s, d->m2->m1->s
    result = whatif(G, ["m2"])
    assert [(t["node"], t["paths_before"], t["exact"], t["conditions_lost"]) for t in result["taken_out"]] == [
        ("m2", 2, True, ["c", "d"])  # c->m1->m2, d->m2
    ]
    r = result["symptoms"][0]
    assert (r["paths_before"], r["paths_after"], r["exact"]) == (4, 1, True)
    assert r["conditions_lost"] == ["d"] and r["conditions_left"] == ["c"] and r["status"] == "some"
    r = whatif(G, ["m1", "m2"])["symptoms"][0]
    assert r["status"] == "all" and r["conditions_lost"] == ["c", "d"]


def test_whatif_cycle_budget(monkeypatch):
    import graph.teaching.whatif as w

    G = _graph([("c", "m1"), ("m1", "m2"), ("m2", "m1"), ("m2", "s"), ("m1", "s")], {"c": "condition", "m1": "mechanism", "m2": "mechanism", "s": "symptom"})
    monkeypatch.setattr(w, "CYCLIC_STEP_BUDGET", 2)
    result = whatif(G, ["m2"])
    r = result["symptoms"][0]
    assert r["exact"] is False and r["paths_after"] is None and r["status"] == "some"
    assert result["truncated"] is True and "stopped after 2 steps" in result["truncated_reason"]


# --- counts are complete, or say they are not (issue 12.7) ------------------------------------

CYCLE_CASE = Path(__file__).parent / "data" / "whatif-cycle" / "whatif7.json"


def test_a_symptom_seven_links_from_its_cause_past_a_cycle_is_counted(runner):
    """Before, paths were counted only up to 6 links: x had "0 -> 0" paths, marked exact."""
    result = runner.invoke(cli, ["--graph", str(CYCLE_CASE), "whatif", "--remove", "a6", "--json"])
    assert result.exit_code == EXIT_OK, result.output
    doc = json.loads(result.stdout)
    (x,) = [r for r in doc["symptoms"] if r["symptom"] == "x"]
    assert (x["paths_before"], x["paths_after"], x["exact"], x["status"]) == (1, 0, True, "all")
    assert doc["truncated"] is False
    text = runner.invoke(cli, ["--graph", str(CYCLE_CASE), "whatif", "--remove", "a6"]).stdout
    assert "x: loses all its causal paths (1 → 0)" in text


def test_a_count_cut_short_says_so_in_words(runner, monkeypatch):
    import graph.teaching.whatif as w

    monkeypatch.setattr(w, "CYCLIC_STEP_BUDGET", 3)
    result = runner.invoke(cli, ["--graph", str(CYCLE_CASE), "whatif", "--remove", "a6"])
    assert "counting stopped at its step budget" in result.stdout
    assert "(0 → 0)" not in result.stdout


def _brute(H, starts, n):
    return sum(1 for c in starts if c != n and c in H and n in H for _ in nx.all_simple_paths(H, c, n))


@settings(max_examples=150, deadline=None)
@given(
    n=st.integers(3, 7),
    data=st.data(),
)
def test_whatif_counts_match_brute_force_on_small_cyclic_graphs(n, data):
    nodes = [f"n{i}" for i in range(n)]
    pairs = [(u, v) for u in nodes for v in nodes if u != v]
    edges = data.draw(st.lists(st.sampled_from(pairs), min_size=1, max_size=14, unique=True))
    types = {v: data.draw(st.sampled_from(["condition", "mechanism", "symptom"])) for v in nodes}
    removed = data.draw(st.lists(st.sampled_from(nodes), min_size=1, max_size=2, unique=True))
    G = _graph(edges, types)
    result = whatif(G, removed)
    H = nx.DiGraph(edges)
    H.add_nodes_from(nodes)
    starts = {v for v in nodes if types[v] == "condition"}
    after = H.copy()
    after.remove_nodes_from(removed)
    for r in result["taken_out"]:
        assert r["exact"] and r["paths_before"] == _brute(H, starts, r["node"])
    for r in result["symptoms"]:
        assert r["exact"]
        assert r["paths_before"] == _brute(H, starts, r["symptom"])
        assert r["paths_after"] == _brute(after, starts - set(removed), r["symptom"])
    assert result["truncated"] is False


@settings(max_examples=40, deadline=None)
@given(budget=st.integers(1, 40), data=st.data())
def test_whatif_counts_under_a_small_budget_are_exact_or_marked(budget, data):
    import graph.teaching.whatif as w

    nodes = [f"n{i}" for i in range(6)]
    pairs = [(u, v) for u in nodes for v in nodes if u != v]
    edges = data.draw(st.lists(st.sampled_from(pairs), min_size=4, max_size=16, unique=True))
    types = {v: ("condition" if v in ("n0", "n1") else "symptom") for v in nodes}
    G = _graph(edges, types)
    H = nx.DiGraph(edges)
    H.add_nodes_from(nodes)
    old = w.CYCLIC_STEP_BUDGET
    w.CYCLIC_STEP_BUDGET = budget
    try:
        result = whatif(G, ["n2"])
    finally:
        w.CYCLIC_STEP_BUDGET = old
    after = H.copy()
    after.remove_node("n2")
    for r in result["symptoms"]:
        true_before, true_after = _brute(H, {"n0", "n1"}, r["symptom"]), _brute(after, {"n0", "n1"}, r["symptom"])
        if r["exact"]:
            assert (r["paths_before"], r["paths_after"]) == (true_before, true_after)
        else:
            assert result["truncated"] is True
            assert r["paths_before"] is None or r["paths_before"] <= true_before
            assert r["paths_after"] is None or r["paths_after"] <= true_after


def test_common_causes_large_graph_paths_are_shortest():
    edges = [(f"m{i}", f"m{i + 1}") for i in range(30)] + [("c", "m0"), ("c", "m20"), ("m30", "s")]
    types = {f"m{i}": "mechanism" for i in range(31)} | {"c": "condition", "s": "symptom"}
    ranked = common_causes(_graph(edges, types), ["s"])
    assert ranked[0]["paths"]["s"]["nodes"] == ["c", "m20", *[f"m{i}" for i in range(21, 31)], "s"]


def test_cli_common_causes_counts_a_symptom_named_twice_once(runner):
    for names in (["lower back pain", "lower back pain"], ["lower back pain", "back pain", "lower-back-pain"]):
        result = runner.invoke(cli, ["common-causes", *names])
        assert result.exit_code == EXIT_OK, result.output
        assert "reaches 1 of 1" in result.output and " of 2" not in result.output and " of 3" not in result.output
        data = json.loads(runner.invoke(cli, ["common-causes", *names, "--json"]).output)
        assert data["symptoms"] == ["lower-back-pain"]


def test_common_causes_names_nodes_as_other_commands_do(runner, curated):
    """Labels in the empty-answer message (as `footback causes` says it), not bare ids."""
    with pytest.raises(NoPath, match=r"^no condition in the graph leads to Flat feet, Bunion$"):
        common_causes(curated, ["flat-feet", "bunion"])
    result = runner.invoke(cli, ["common-causes", "flat feet"])
    assert result.exit_code == EXIT_EMPTY
    assert result.output == "footback: no condition in the graph leads to Flat feet\n"
    G = _graph([("s2", "s3")], {"c": "condition", "s2": "symptom", "s3": "symptom"})
    G.nodes["s2"]["label"] = "Ache"
    del G.nodes["s3"]["label"]
    with pytest.raises(NoPath, match=r"leads to Ache \(s2\), s3$"):
        common_causes(G, ["s2", "s3", "s2"])


def test_cli_whatif_treat_and_remove(runner):
    result = runner.invoke(cli, ["whatif", "--treat", "orthotics", "--remove", "bunion"])
    assert result.exit_code == EXIT_OK, result.output
    assert result.output.startswith("What if Orthotics worked and Bunion were gone? It can help with: Arch pain, ")
    assert "\nBunion (condition): no condition leads to it\n" in result.output
    assert "still reached from: Achilles tendonitis, Flat feet\n" in result.output
