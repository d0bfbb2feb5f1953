"""Queries: path semantics and bounds (also on a dense cyclic graph), reach, treatments,
and the describe / search / explain helpers built on them."""

import signal
import sys
from contextlib import contextmanager

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.questions.describe import broader, describe, list_nodes, node_ref, regions, stats
from graph.errors import FootbackError, NoPath
from graph.questions.explain import explain, explain_path, mention, proper_words
from graph.questions.query import downstream, paths, relation_view, treatments, upstream
from graph.questions.search import search
from tests import HEEL_SPUR, HIP, HIP_ACHE, ICE, LEG, LIMPING, NUMB_TOE


@contextmanager
def safety_net(seconds=120):
    """Fail instead of hanging if a bound is ever broken (not a timing assertion)."""
    if sys.platform == "win32":
        yield
        return

    def expired(signum, frame):
        raise AssertionError(f"query still running after {seconds}s: a bound does not hold")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def causal_multigraph(edges, extra_relation_edges=()):
    G = nx.MultiDiGraph()
    for u, v in edges:
        G.add_edge(u, v, key="causes", relation="causes", note=f"{u}>{v}", section="s", cites="c")
    for u, v, rel in extra_relation_edges:
        G.add_edge(u, v, key=rel, relation=rel, note="", section="s", cites="c")
    return G


def assert_valid_paths(G, found, source, target, max_hops, limit, relations=("causes",)):
    assert 1 <= len(found) <= limit
    hops = [p["hops"] for p in found]
    assert hops == sorted(hops), "shortest first"
    assert len({tuple(p["nodes"]) for p in found}) == len(found), "no path twice"
    for p in found:
        nodes = p["nodes"]
        assert nodes[0] == source and nodes[-1] == target
        assert len(set(nodes)) == len(nodes), "simple paths only"
        assert p["hops"] == len(nodes) - 1 == len(p["edges"]) <= max_hops
        for (u, v), e in zip(zip(nodes, nodes[1:]), p["edges"]):
            assert (e["source"], e["target"]) == (u, v)
            assert e["relation"] in relations and G.has_edge(u, v, key=e["relation"])


# --- paths: semantics ------------------------------------------------------------------


def test_paths_tiny(tiny):
    [p] = paths(tiny, HEEL_SPUR, HIP_ACHE)
    assert p["nodes"] == [HEEL_SPUR, LIMPING, HIP_ACHE] and p["hops"] == 2
    assert p["edges"][1] == {
        "source": LIMPING,
        "target": HIP_ACHE,
        "relation": "causes",
        "note": "Uneven walking tires the hip.",
        "section": ["Part One"],
        "evidence": None,
        "cites": "notes",
    }


def test_paths_curated_shortest_first_and_deterministic(curated):
    found = paths(curated, "plantar-fasciitis", "lower-back-pain")
    assert [p["nodes"] for p in found] == [
        ["plantar-fasciitis", "heel-pain", "posture-change", "lower-back-pain"],
        ["plantar-fasciitis", "arch-pain", "posture-change", "lower-back-pain"],
        ["plantar-fasciitis", "heel-pain", "spinal-misalignment", "lower-back-pain"],
        ["plantar-fasciitis", "arch-pain", "spinal-misalignment", "lower-back-pain"],
    ]
    assert paths(curated, "plantar-fasciitis", "lower-back-pain") == found
    assert_valid_paths(curated, found, "plantar-fasciitis", "lower-back-pain", 6, 10)


def test_paths_follow_only_the_chosen_relations(tiny):
    with pytest.raises(NoPath):
        paths(tiny, HIP_ACHE, LEG)
    [p] = paths(tiny, HIP_ACHE, LEG, relations=("located_in", "part_of"))
    assert [e["relation"] for e in p["edges"]] == ["located_in", "part_of"]


@pytest.mark.parametrize(
    "kwargs, error",
    [
        ({"max_hops": 0}, FootbackError),
        ({"limit": 0}, FootbackError),
        ({"avoid": [HEEL_SPUR]}, FootbackError),
        ({"via": "nowhere"}, nx.NodeNotFound),
        ({"avoid": ["nowhere"]}, nx.NodeNotFound),
    ],
)
def test_paths_bad_arguments(tiny, kwargs, error):
    with pytest.raises(error):
        paths(tiny, HEEL_SPUR, HIP_ACHE, **kwargs)


def test_paths_no_path_raises_nopath_with_exit_1(tiny):
    with pytest.raises(NoPath) as exc:
        paths(tiny, NUMB_TOE, HIP_ACHE)
    assert exc.value.exit_code == 1
    with pytest.raises(NoPath):
        paths(tiny, HEEL_SPUR, HIP_ACHE, max_hops=1)
    with pytest.raises(NoPath):
        paths(tiny, HEEL_SPUR, HIP_ACHE, via=NUMB_TOE)


def test_cycles_are_legal_and_never_loop():
    G = causal_multigraph([("a", "b"), ("b", "a"), ("b", "c"), ("c", "b"), ("c", "d"), ("d", "a")])
    found = paths(G, "a", "d", max_hops=10, limit=100)
    assert [p["nodes"] for p in found] == [["a", "b", "c", "d"]]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    edges=st.lists(st.tuples(st.integers(0, 8), st.integers(0, 8)), min_size=1, max_size=40),
    max_hops=st.integers(1, 6),
    limit=st.integers(1, 12),
)
def test_paths_are_exactly_the_shortest_simple_paths(edges, max_hops, limit):
    """Against brute force on small graphs: the ``limit`` shortest simple paths within ``max_hops``."""
    edges = [(f"n{u}", f"n{v}") for u, v in edges if u != v]
    if not edges:
        return
    G = causal_multigraph(edges)
    source, target = edges[0][0], edges[-1][1]
    if source == target:
        return
    every = sorted(len(p) - 1 for p in nx.all_simple_paths(nx.DiGraph(edges), source, target, cutoff=max_hops))
    if not every:
        with pytest.raises(NoPath):
            paths(G, source, target, max_hops=max_hops, limit=limit)
        return
    found = paths(G, source, target, max_hops=max_hops, limit=limit)
    assert_valid_paths(G, found, source, target, max_hops, limit)
    assert [p["hops"] for p in found] == every[:limit]


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    edges=st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), min_size=2, max_size=40),
    via=st.integers(0, 7),
    max_hops=st.integers(2, 6),
    limit=st.integers(1, 12),
)
def test_paths_via_are_exactly_the_shortest_simple_paths_through_it(edges, via, max_hops, limit):
    """Against brute force: the ``limit`` shortest simple paths that pass through ``via``."""
    edges = [(f"n{u}", f"n{v}") for u, v in edges if u != v]
    if not edges:
        return
    source, target, via = edges[0][0], edges[-1][1], f"n{via}"
    G = causal_multigraph(edges)
    if len({source, target, via}) < 3 or via not in G:
        return
    every = sorted(len(p) - 1 for p in nx.all_simple_paths(nx.DiGraph(edges), source, target, cutoff=max_hops) if via in p)
    if not every:
        with pytest.raises(NoPath):
            paths(G, source, target, max_hops=max_hops, limit=limit, via=via)
        return
    found = paths(G, source, target, max_hops=max_hops, limit=limit, via=via)
    assert_valid_paths(G, found, source, target, max_hops, limit)
    assert all(via in p["nodes"] for p in found)
    assert [p["hops"] for p in found] == every[:limit]


# --- paths: bounds on a dense cyclic graph ---------------------------------------------------


@pytest.fixture(scope="module")
def dense():
    """3,000 nodes, 45,000 random causal edges (so, cycles everywhere), plus other relations."""
    D = nx.gnm_random_graph(3000, 45_000, seed=20240601, directed=True)
    extra = [(u, v, "located_in") for u, v in list(D.edges)[:2000]]
    G = causal_multigraph(D.edges, extra)
    assert not nx.is_directed_acyclic_graph(D)
    return G


@pytest.mark.parametrize("max_hops, limit", [(2, 10), (3, 200), (4, 10), (6, 25), (6, 1), (8, 50)])
def test_dense_graph_bounds_hold(dense, max_hops, limit):
    H = relation_view(dense)
    source = 0
    shortest = nx.single_source_shortest_path_length(H, source)
    # a target a few hops short of the bound, so that many paths fit within it
    distance = min(max(1, max_hops - 3), max(shortest.values()))
    target = min(n for n in shortest if shortest[n] == distance)
    with safety_net():
        found = paths(dense, source, target, max_hops=max_hops, limit=limit)
    assert_valid_paths(dense, found, source, target, max_hops, limit)
    assert found[0]["hops"] == shortest[target]
    if max_hops <= 3:  # small enough to enumerate every path by brute force
        every = sorted(len(p) - 1 for p in nx.all_simple_paths(H, source, target, cutoff=max_hops))
        assert [p["hops"] for p in found] == every[:limit]
    else:
        assert len(found) == limit  # the dense graph has more than that many


def test_dense_graph_via_and_avoid(dense):
    H = relation_view(dense)
    source = 0
    first = paths(dense, source, 2999, max_hops=5, limit=3)
    through = first[0]["nodes"][1]
    with safety_net():
        found = paths(dense, source, 2999, max_hops=5, limit=5, via=through)
        assert_valid_paths(dense, found, source, 2999, 5, 5)
        assert all(through in p["nodes"] for p in found)
        avoided = paths(dense, source, 2999, max_hops=5, limit=5, avoid=[through])
    assert all(through not in p["nodes"] for p in avoided)
    assert nx.has_path(H, source, 2999)


def test_dense_graph_via_a_node_that_few_shortest_paths_pass():
    """Filtering the shortest paths for ``via`` gave up here and wrongly said "no path"."""
    import random

    r = random.Random(1)
    edges = [(f"n{i}", f"n{j}") for i in range(400) for j in r.sample(range(400), 150) if j != i]
    G = causal_multigraph(edges)
    with safety_net():
        found = paths(G, "n0", "n399", max_hops=6, limit=3, via="n5")
    assert_valid_paths(G, found, "n0", "n399", 6, 3)
    assert all("n5" in p["nodes"] for p in found)
    H = relation_view(G)
    assert found[0]["hops"] == (nx.shortest_path_length(H.subgraph(set(H) - {"n399"}), "n0", "n5") + nx.shortest_path_length(H.subgraph(set(H) - {"n0"}), "n5", "n399"))


def test_dense_cycles_with_an_unreachable_target_return_at_once():
    """A strongly connected dense cluster and a target reachable only from outside it:
    ``all_simple_paths`` would walk the cluster's simple paths for ever."""
    D = nx.gnm_random_graph(2000, 40_000, seed=7, directed=True)
    G = causal_multigraph(list(D.edges) + [("outside", "target")])
    with safety_net():
        with pytest.raises(NoPath):
            paths(G, 0, "target", max_hops=50, limit=1000)


def test_dense_target_just_beyond_max_hops_is_nopath():
    """A long tail after a dense cluster: reachable, but not within the bound."""
    D = nx.gnm_random_graph(2000, 40_000, seed=11, directed=True)
    tail = [(1999, "t1")] + [(f"t{i}", f"t{i + 1}") for i in range(1, 10)]
    G = causal_multigraph(list(D.edges) + tail)
    H = relation_view(G)
    needed = nx.shortest_path_length(H, 0, "t10")
    with safety_net():
        with pytest.raises(NoPath):
            paths(G, 0, "t10", max_hops=needed - 1, limit=100)
        found = paths(G, 0, "t10", max_hops=needed, limit=100)
    assert_valid_paths(G, found, 0, "t10", needed, 100)


# --- reach and treatments ----------------------------------------------------------------


def test_upstream_downstream(tiny, curated):
    assert upstream(tiny, HIP_ACHE) == [(LIMPING, 1), (HEEL_SPUR, 2)]
    assert downstream(tiny, HEEL_SPUR) == [(LIMPING, 1), (NUMB_TOE, 1), (HIP_ACHE, 2)]
    assert downstream(tiny, HEEL_SPUR, depth=1) == [(LIMPING, 1), (NUMB_TOE, 1)]
    assert upstream(tiny, HEEL_SPUR) == []
    assert dict(upstream(curated, "lower-back-pain"))["flat-feet"] == 5
    with pytest.raises(nx.NodeNotFound):
        upstream(tiny, "nowhere")


def test_treatments_direct_and_upstream(tiny, curated):
    assert treatments(tiny, LIMPING) == [
        {
            "treatment": ICE,
            "acts_on": LIMPING,
            "relation": "treats",
            "position": "direct",
            "distance": 0,
            "note": "Cold calms the limp.",
            "section": ["Part Two"],
            "evidence": None,
            "route_evidence": None,
        }
    ]
    [t] = treatments(tiny, HIP_ACHE)
    assert (t["treatment"], t["acts_on"], t["position"], t["distance"]) == (ICE, LIMPING, "upstream", 1)
    [t] = treatments(tiny, HEEL_SPUR)
    assert (t["treatment"], t["acts_on"], t["position"], t["distance"]) == (ICE, LIMPING, "downstream", 1)
    assert treatments(tiny, "numb-toe") == []
    lbp = treatments(curated, "lower-back-pain")
    assert {t["treatment"] for t in lbp if t["distance"] == 0} >= {"physical-therapy", "chiropractic-care", "good-posture"}
    assert ("orthotics", "heel-pain", 2) in [(t["treatment"], t["acts_on"], t["distance"]) for t in lbp]
    pf = treatments(curated, "plantar-fasciitis")
    assert {t["position"] for t in pf} == {"downstream"}  # the article treats symptoms, not conditions
    assert ("orthotics", "heel-pain", 1) in [(t["treatment"], t["acts_on"], t["distance"]) for t in pf]


# --- describe ----------------------------------------------------------------------------


def test_node_ref_regions_broader(tiny):
    assert node_ref(tiny, HIP_ACHE) == {"id": HIP_ACHE, "label": "Hip ache", "type": "symptom"}
    assert regions(tiny, HIP_ACHE) == [HIP] and regions(tiny, LIMPING) == []
    assert broader(tiny, HIP) == [LEG] and broader(tiny, LEG) == []


def test_broader_survives_part_of_cycles():
    G = nx.MultiDiGraph()
    G.add_edge("a", "b", key="part_of", relation="part_of")
    G.add_edge("b", "a", key="part_of", relation="part_of")
    assert broader(G, "a") == ["b"]


def test_describe(tiny):
    d = describe(tiny, LIMPING)
    assert (d["id"], d["label"], d["type"], d["synonyms"], d["codes"], d["regions"]) == (LIMPING, "Limping", "mechanism", ["limp"], [], [])
    assert [(x["relation"], x["node"]["id"]) for x in d["in"]] == [("causes", HEEL_SPUR), ("treats", ICE)]
    assert [(x["relation"], x["node"]["id"]) for x in d["out"]] == [("causes", HIP_ACHE)]
    with pytest.raises(nx.NodeNotFound):
        describe(tiny, "nowhere")


def test_list_nodes(tiny):
    assert list_nodes(tiny) == [HEEL_SPUR, LIMPING, HIP_ACHE, NUMB_TOE, HIP, LEG, ICE]
    assert list_nodes(tiny, "body_region") == [HIP, LEG]
    assert list_nodes(tiny, "nothing") == []


def test_stats(tiny, curated):
    s = stats(tiny)
    assert s["nodes"] == {"total": 7, "condition": 1, "mechanism": 1, "symptom": 2, "body_region": 2, "treatment": 1}
    assert s["edges"]["total"] == 6 and s["components"] == 1 and s["isolated"] == []
    assert s["causal"]["starts"] == [HEEL_SPUR] and s["causal"]["ends"] == [HIP_ACHE, NUMB_TOE]
    c = stats(curated)
    assert c["nodes"]["total"] == 92 and c["causal"]["acyclic"] is True
    assert len(c["causal"]["longest_chain"]) == 6
    assert [x["id"] for x in c["sources"]][:2] == ["article", "grays-anatomy-students"]
    assert {x["kind"] for x in c["sources"][2:]} == {"study", "guideline"}


def test_stats_cyclic_graph_has_no_longest_chain():
    s = stats(causal_multigraph([("a", "b"), ("b", "a")]))
    assert s["causal"]["acyclic"] is False and s["causal"]["longest_chain"] is None


# --- search -------------------------------------------------------------------------------


def test_search_ranks_names_above_descriptions(curated):
    found = search(curated, "heel")
    assert found[0] == {"id": "heel", "score": 100.0, "field": "label", "text": "Heel"}
    fields = [m["field"] for m in found]
    assert fields.index("description") > fields.index("synonym")
    assert [m["score"] for m in found] == sorted((m["score"] for m in found), reverse=True)


@pytest.mark.parametrize(
    "query, first",
    [
        ("slipped disc", "herniated-disc"),
        ("plantar fascitis", "plantar-fasciitis"),
        ("hernia", "herniated-disc"),
        ("shoes", "appropriate-footwear"),
        ("tingling toes", "foot-tingling"),
    ],
)
def test_search_finds(curated, query, first):
    assert search(curated, query)[0]["id"] == first


def test_search_limits_and_empties(curated):
    assert len(search(curated, "pain", limit=3)) == 3
    assert len(search(curated, "pain", limit=None)) > 3
    assert search(curated, "xyzzy") == [] and search(curated, "   ") == []


def test_search_matches_descriptions(tiny):
    [m] = search(tiny, "unevenly")
    assert (m["id"], m["field"], m["score"]) == (LIMPING, "description", 60.0)


# --- explain ------------------------------------------------------------------------------


def test_explain_tiny(tiny):
    [p] = explain(tiny, HEEL_SPUR, HIP_ACHE)
    assert p["text"].splitlines() == [
        "Heel spur can lead to limping. A spur makes walking uneven (from “Part One”).",
        "Limping can lead to hip ache, in the hip. Uneven walking tires the hip (from “Part One”).",
        "Source: “Test notes”.",
    ]
    assert p["regions"] == {HEEL_SPUR: [], LIMPING: [], HIP_ACHE: [HIP]}


def test_explain_names_every_source_when_a_path_cites_several(tiny):
    tiny.graph["sources"].append({"id": "book", "title": "A Book"})
    tiny.edges[LIMPING, HIP_ACHE, "causes"]["cites"] = "book"
    [p] = explain(tiny, HEEL_SPUR, HIP_ACHE)
    assert "(from “Part One”, Test notes)" in p["text"] and "(from “Part One”, A Book)" in p["text"]
    assert "Source:" not in p["text"]


def test_explain_keeps_proper_nouns(curated):
    assert "Achilles" in proper_words(curated)
    assert mention(curated, "achilles-tendon") == "Achilles tendon"
    assert mention(curated, "heel-pain") == "heel pain"
    [p] = explain(curated, "achilles-tendonitis", "foot-and-ankle-pain")
    assert p["text"].startswith("Achilles tendonitis, in the Achilles tendon, can lead to foot and ankle pain, in the foot and the ankle.")


def test_explain_path_without_notes_or_sections():
    G = causal_multigraph([("a", "b")])
    G.edges["a", "b", "causes"].update(note="", section="")
    [p] = paths(G, "a", "b")
    assert explain_path(G, p) == "A can lead to b."


def test_explain_along_located_in_and_part_of(tiny):
    [p] = explain(tiny, HIP_ACHE, LEG, relations=("located_in", "part_of"))
    assert p["text"].splitlines()[:2] == [
        "Hip ache sits in the hip. The ache sits in the hip (from “Part Two”).",
        "Hip is part of the leg. Made up for tests (from “Part Two”).",
    ]
