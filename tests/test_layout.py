"""The anatomy layout: body geography top to bottom, one lane per node type, no overlaps."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from graph.page.html import node_extent
from graph.page.layout import BANDS, LANES, ROW_PAD, anatomy_layout, band_of, body_levels, region_level


@pytest.fixture(scope="module")
def curated_layout(curated):
    return anatomy_layout(curated, lambda n: node_extent(curated, n))


def y(layout, n):
    return layout.positions[n][1]


def test_back_is_above_legs_above_feet(curated_layout):
    L = curated_layout
    # Regions by what they are called.
    assert y(L, "spine") < y(L, "sciatic-nerve") < y(L, "ankle") < y(L, "heel")
    assert y(L, "lower-back") < y(L, "calf") < y(L, "big-toe")
    # Problems sit where they are felt, and chains climb or fall through the body.
    assert y(L, "herniated-disc") < y(L, "sciatica") < y(L, "achilles-tendonitis") < y(L, "plantar-fasciitis")
    assert y(L, "lower-back-pain") < y(L, "foot-pain")
    assert y(L, "lower-back-strain") < y(L, "gait-change") < y(L, "arch-collapse")


def test_each_body_band_holds_its_regions(curated, curated_layout):
    for n, t in curated.nodes(data="type"):
        if t == "body_region":
            band = curated_layout.bands[band_of(region_level(curated, n))]  # a tie goes down the body
            assert band["y0"] <= y(curated_layout, n) <= band["y1"], n
    assert [b["label"] for b in curated_layout.bands] == [label for label, _ in BANDS]


def test_types_have_their_own_lanes_left_to_right(curated, curated_layout):
    lanes = {lane["type"]: lane for lane in curated_layout.lanes}
    assert [lane["type"] for lane in curated_layout.lanes] == list(LANES)
    for n, t in curated.nodes(data="type"):
        assert lanes[t]["x0"] < curated_layout.positions[n][0] < lanes[t]["x1"], n
    for a, b in zip(curated_layout.lanes, curated_layout.lanes[1:]):
        assert a["x1"] < b["x0"]


def test_no_two_nodes_in_a_column_overlap(curated, curated_layout):
    columns: dict[int, list[str]] = {}
    for n, (x, _) in curated_layout.positions.items():
        columns.setdefault(x, []).append(n)
    for nodes in columns.values():
        nodes.sort(key=lambda n: y(curated_layout, n))
        for a, b in zip(nodes, nodes[1:]):
            room = node_extent(curated, a)[1] + node_extent(curated, b)[0] + ROW_PAD
            assert y(curated_layout, b) - y(curated_layout, a) >= room - 1, (a, b)
    assert len(columns) <= 4 * len(LANES)  # compact enough to read at one zoom (36 of 92 nodes are regions)


def test_layout_follows_graph_order_not_hashing(curated):
    G = nx.MultiDiGraph()
    G.graph.update(curated.graph)
    G.add_nodes_from(curated.nodes(data=True))
    G.add_edges_from(curated.edges(keys=True, data=True))
    assert anatomy_layout(G).positions == anatomy_layout(curated).positions


def test_any_graph_gets_a_position_for_every_node():
    rng = random.Random(1)
    G = nx.MultiDiGraph()
    types = ["condition", "mechanism", "symptom", "body_region", "treatment", "gene"]
    for i in range(300):
        G.add_node(f"n{i}", label=f"Thing {i}", type=rng.choice(types))
    for _ in range(600):
        u, v = rng.sample(list(G), 2)
        G.add_edge(u, v, key="causes", relation="causes")
    G.add_node("heel", label="Heel", type="body_region")  # regions in one band only
    G.add_node("toe", label="Big toe", type="body_region")
    L = anatomy_layout(G)
    assert set(L.positions) == set(G)
    assert len(set(L.positions.values())) == len(G)  # no two nodes on one spot
    middle = (len(BANDS) - 1) / 2
    assert all(v == middle for v in body_levels(nx.MultiDiGraph([("a", "b")])).values())
