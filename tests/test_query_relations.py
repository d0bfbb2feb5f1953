"""Queries along any relation a graph holds: imported graphs name theirs freely
(``related_to``, ``biolink:has_phenotype``, ``RO:0002200``), and the path bounds
hold for them as for footback's own."""

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graph.errors import NoPath, UnknownRelation
from graph.questions.query import check_relations, downstream, graph_relations, paths, upstream

#: Relation names as imported graphs write them, and footback's own.
ODD = ["related_to", "biolink:has_phenotype", "RO:0002200", "causes", "part of", "causes "]


def graph_of(edges):
    G = nx.MultiDiGraph()
    for u, v, rel in edges:
        G.add_edge(u, v, key=rel, relation=rel)
    return G


@pytest.fixture
def kg():
    return graph_of(
        [
            ("a", "b", "related_to"),
            ("b", "c", "biolink:has_phenotype"),
            ("a", "c", "biolink:has_phenotype"),
            ("c", "d", "related_to"),
            ("a", "d", "causes"),
            ("b", "d", "related_to"),
        ]
    )


def test_paths_follow_only_the_relations_asked_for(kg):
    assert [p["nodes"] for p in paths(kg, "a", "d", relations=["related_to"])] == [["a", "b", "d"]]
    found = paths(kg, "a", "d", relations=["related_to", "biolink:has_phenotype"])
    assert [p["nodes"] for p in found] == [["a", "b", "d"], ["a", "c", "d"], ["a", "b", "c", "d"]]
    assert [e["relation"] for e in found[2]["edges"]] == ["related_to", "biolink:has_phenotype", "related_to"]
    assert [p["nodes"] for p in paths(kg, "a", "d")] == [["a", "d"]]  # causes, the default


def test_paths_bounds_hold_for_any_relation(kg):
    rels = ["related_to", "biolink:has_phenotype"]
    assert [p["hops"] for p in paths(kg, "a", "d", relations=rels, limit=2)] == [2, 2]
    assert [p["hops"] for p in paths(kg, "a", "d", relations=rels, max_hops=2)] == [2, 2]
    with pytest.raises(NoPath):
        paths(kg, "a", "d", relations=rels, max_hops=1)


def test_reach_along_any_relation(kg):
    assert upstream(kg, "d", relations=["related_to"]) == [("b", 1), ("c", 1), ("a", 2)]
    assert downstream(kg, "a", relations=["biolink:has_phenotype"]) == [("c", 1)]
    assert downstream(kg, "a", depth=1, relations=["related_to", "causes"]) == [("b", 1), ("d", 1)]


def test_graph_relations_most_used_first(kg):
    assert graph_relations(kg) == {"related_to": 3, "biolink:has_phenotype": 2, "causes": 1}


@pytest.mark.parametrize("typed", ["related-to", "Related_To", "related to", "Related to"])
def test_a_relation_is_forgiven_case_and_spaces_as_names_are(kg, typed):
    assert upstream(kg, "d", relations=[typed]) == upstream(kg, "d", relations=["related_to"])


@pytest.mark.parametrize(
    "asked, suggestions",
    [
        ("heals", []),
        ("has_phenotype", ["biolink:has_phenotype"]),
        ("relatd_to", ["related_to"]),
        ("relates-to", ["related_to"]),
    ],
)
def test_a_relation_the_graph_lacks_is_refused_with_suggestions(kg, asked, suggestions):
    for query in (
        lambda: paths(kg, "a", "d", relations=["related_to", asked]),
        lambda: upstream(kg, "d", relations=[asked]),
        lambda: downstream(kg, "a", relations=[asked]),
    ):
        with pytest.raises(UnknownRelation) as info:
            query()
        err = info.value
        assert err.relation == asked and err.suggestions == suggestions
        assert err.known == ["related_to", "biolink:has_phenotype", "causes"]
        assert str(err).startswith(f"no relation {asked!r} in this graph")
        assert str(err).endswith("(its relations: related_to, biolink:has_phenotype, causes)")


def test_footbacks_own_relations_are_always_valid_questions(kg):
    """A graph with no 'prevents' links simply has no paths along them."""
    check_relations(kg, ["prevents", "treats", "causes"])
    with pytest.raises(NoPath):
        paths(kg, "a", "d", relations=["prevents"])


def test_the_error_lists_at_most_twenty_relations():
    G = graph_of([("a", "b", f"r{i:02}") for i in range(30)])
    with pytest.raises(UnknownRelation) as info:
        check_relations(G, ["zzz"])
    assert str(info.value).endswith("(its relations: r00, r01, r02, r03, r04, r05, r06, r07, r08, r09, r10, r11, r12, r13, r14, r15, r16, r17, r18, r19, and 10 more)")


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    edges=st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.sampled_from(ODD)), min_size=1, max_size=40),
    wanted=st.lists(st.sampled_from(ODD), min_size=1, max_size=3),
    max_hops=st.integers(1, 5),
    limit=st.integers(1, 8),
)
def test_paths_along_odd_relations_are_exactly_the_shortest_simple_paths(edges, wanted, max_hops, limit):
    """Against brute force, with relation names that differ by a space or hold a colon."""
    edges = [(f"n{u}", f"n{v}", r) for u, v, r in edges if u != v]
    if not edges:
        return
    G = graph_of(edges)
    wanted = [w for w in wanted if w in graph_relations(G)] or [edges[0][2]]
    source, target = edges[0][0], edges[-1][1]
    if source == target:
        return
    H = nx.DiGraph([(u, v) for u, v, r in edges if r in wanted])
    every = sorted(len(p) - 1 for p in nx.all_simple_paths(H, source, target, cutoff=max_hops)) if source in H and target in H else []
    if not every:
        with pytest.raises(NoPath):
            paths(G, source, target, relations=wanted, max_hops=max_hops, limit=limit)
        return
    found = paths(G, source, target, relations=wanted, max_hops=max_hops, limit=limit)
    assert [p["hops"] for p in found] == every[:limit]
    for p in found:
        assert len(set(p["nodes"])) == len(p["nodes"]) and p["hops"] <= max_hops
        for e in p["edges"]:
            assert e["relation"] in wanted and G.has_edge(e["source"], e["target"], key=e["relation"])
