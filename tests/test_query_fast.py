"""The fast query internals give exactly what the plain networkx recipe gives.

``graph.questions.query`` walks the MultiDiGraph itself (filtered by relation) and
builds only the pruned graph, so that a million-edge graph is never copied.
These tests hold it to the straightforward version it replaced (copy the
relations into a DiGraph, two full breadth-first searches, induced
subgraph, Yen's algorithm), on random cyclic multigraphs, including the
order of equally short paths.
"""

import random

import networkx as nx
import pytest

from graph.errors import FootbackError, NoPath
from graph.questions.query import downstream, induced, neighbourhood, paths, relation_view, upstream

RELATIONS = ("causes", "located_in", "treats")


def oracle_relation_view(G, relations):
    rank = {r: i for i, r in enumerate(relations)}
    H = nx.DiGraph()
    H.add_nodes_from(G.nodes)
    for u, v, data in G.edges(data=True):
        rel = data.get("relation")
        if rel in rank and (not H.has_edge(u, v) or rank[rel] < rank[H[u][v]["relation"]]):
            H.add_edge(u, v, **data)
    return H


def oracle_induced(G, nodes):
    keep = set(nodes)
    H = G.__class__()
    H.graph.update(G.graph)
    H.add_nodes_from((n, d) for n, d in G.nodes(data=True) if n in keep)
    if G.is_multigraph():
        H.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if u in keep and v in keep)
    else:
        H.add_edges_from((u, v, d) for u, v, d in G.edges(data=True) if u in keep and v in keep)
    return H


def oracle_paths(G, source, target, relations, max_hops, limit, avoid):
    H = oracle_relation_view(G, relations)
    H.remove_nodes_from(avoid)
    fwd = nx.single_source_shortest_path_length(H, source, cutoff=max_hops)
    back = nx.single_source_shortest_path_length(H.reverse(copy=False), target, cutoff=max_hops)
    keep = [n for n in fwd if n in back and fwd[n] + back[n] <= max_hops]
    if target not in keep:
        return []
    P = oracle_induced(H, keep)
    found = []
    for nodes in nx.shortest_simple_paths(P, source, target):
        if len(nodes) - 1 > max_hops or len(found) >= limit:
            break
        found.append(nodes)
    return found


def random_graph(seed, n=60, m=400):
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    ids = [f"n{i}" for i in range(n)]
    rng.shuffle(ids)
    G.add_nodes_from(ids)
    for _ in range(m):
        u, v, r = rng.choice(ids), rng.choice(ids), rng.choice(RELATIONS)
        if u != v:
            G.add_edge(u, v, key=r, relation=r, note=f"{u}-{v}", section="", cites="")
    return G, rng


@pytest.mark.parametrize("seed", range(6))
def test_paths_match_the_plain_recipe_including_tie_order(seed):
    G, rng = random_graph(seed, m=250 + 60 * seed)
    nodes = list(G)
    compared = 0
    for _ in range(80):
        s, t = rng.sample(nodes, 2)
        rels = rng.choice([("causes",), ("causes", "treats"), RELATIONS])
        avoid = [n for n in rng.sample(nodes, 2) if n not in (s, t)]
        max_hops, limit = rng.choice([(2, 3), (4, 10), (6, 25)])
        expected = oracle_paths(G, s, t, rels, max_hops, limit, avoid)
        try:
            got = [p["nodes"] for p in paths(G, s, t, relations=rels, max_hops=max_hops, limit=limit, avoid=avoid)]
        except NoPath:
            got = []
        assert got == expected, (s, t, rels, max_hops, limit, avoid)
        compared += len(expected) > 1
    assert compared > 5


@pytest.mark.parametrize("seed", range(3))
def test_upstream_downstream_relation_view_and_induced_match(seed):
    G, rng = random_graph(100 + seed)
    for rels in [("causes",), ("treats", "causes")]:
        view, expected_view = relation_view(G, rels), oracle_relation_view(G, rels)
        assert list(view.edges(data=True)) == list(expected_view.edges(data=True))
        for n in rng.sample(list(G), 10):
            for depth in (None, 1, 2):
                d = nx.single_source_shortest_path_length(expected_view, n, cutoff=depth)
                u = nx.single_source_shortest_path_length(expected_view.reverse(copy=False), n, cutoff=depth)
                assert downstream(G, n, depth=depth, relations=rels) == sorted(((k, v) for k, v in d.items() if k != n), key=lambda kv: (kv[1], kv[0]))
                assert upstream(G, n, depth=depth, relations=rels) == sorted(((k, v) for k, v in u.items() if k != n), key=lambda kv: (kv[1], kv[0]))
    keep = rng.sample(list(G), 20)
    H, E = induced(G, keep), oracle_induced(G, keep)
    assert list(H.nodes(data=True)) == list(E.nodes(data=True))
    assert list(H.edges(keys=True, data=True)) == list(E.edges(keys=True, data=True))


def test_neighbourhood_matches_undirected_bfs():
    G, rng = random_graph(7)
    for n in rng.sample(list(G), 10):
        for radius in (0, 1, 2):
            H, omitted = neighbourhood(G, n, radius=radius, max_nodes=15)
            dist = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), n, cutoff=radius)
            ranked = sorted(dist, key=lambda x: (dist[x], x))
            assert set(H) == set(ranked[:15]) and omitted == len(ranked) - len(H)


def test_undirected_and_simple_graphs_still_work():
    U = nx.Graph([("a", "b", {"relation": "causes"}), ("b", "c", {"relation": "causes"})])
    assert [p["nodes"] for p in paths(U, "a", "c")] == [["a", "b", "c"]]
    D = nx.DiGraph([("a", "b", {"relation": "causes"}), ("b", "c", {"relation": "treats"})])
    assert downstream(D, "a") == [("b", 1)]
    with pytest.raises(NoPath):
        paths(D, "a", "c")
    with pytest.raises(FootbackError):
        paths(D, "a", "a")
