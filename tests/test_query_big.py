"""Large-graph paths of graph.questions.query and graph.questions.describe give what the plain ones give:
a focused page cut before it is copied, stats in one walk, an empty answer explained
without a copy of the graph."""

import random

import networkx as nx
import pytest

from graph.questions.describe import _stats_undirected, stats
from graph.page.html import page_data
from graph.questions.query import neighbourhood, shortest_hops
from tests.test_database import generated_graph


@pytest.mark.parametrize("focus,radius,cap", [("sciatica", 2, 12), ("sciatica", 1, 5), ("lower-back-pain", 3, 30), ("flat-feet", 2, 500)])
def test_a_focused_page_cut_early_is_the_page_cut_late(curated, focus, radius, cap):
    late, _ = neighbourhood(curated, focus, radius=radius)
    early, omitted = neighbourhood(curated, focus, radius=radius, max_nodes=cap, by_degree=True)
    a, b = page_data(late, max_nodes=cap), page_data(early, max_nodes=cap)
    assert a == b
    assert omitted == max(0, len(late) - cap)


@pytest.mark.parametrize("focus", ["g-0000", "g-0010", "g-0150"])
def test_the_same_on_a_generated_graph(focus):
    G = generated_graph()
    late, _ = neighbourhood(G, focus, radius=2)
    early, _ = neighbourhood(G, focus, radius=2, max_nodes=40, by_degree=True)
    assert len(late) > 40
    assert page_data(late, max_nodes=40) == page_data(early, max_nodes=40)


def test_stats_in_one_walk_equals_stats_through_a_view():
    for seed in range(150):
        rng = random.Random(seed)
        G = nx.MultiDiGraph()
        n = rng.randint(0, 12)
        G.add_nodes_from(str(i) for i in range(n))
        for _ in range(rng.randint(0, 25) if n else 0):
            u, v = str(rng.randrange(n)), str(rng.randrange(n))
            r = rng.choice(["causes", "causes", "treats", "part_of", None])
            G.add_edge(u, v, key=r, **({"relation": r} if r else {}), cites=rng.choice(["a", "b", ""]), section=rng.choice(["x", "y"]))
        assert stats(G) == _stats_undirected(G, 5), seed


def test_shortest_hops():
    G = generated_graph()
    H = nx.DiGraph((u, v) for u, v, r in G.edges(data="relation") if r == "causes")
    for s, t in [("g-0000", "g-0150"), ("g-0150", "g-0000"), ("g-0003", "g-0299")]:
        try:
            want = nx.shortest_path_length(H, s, t)
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            want = None
        assert shortest_hops(G, s, t) == want
