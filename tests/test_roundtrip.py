"""Every exporter that footback reads back: the read-back graph equals the
original, with attribute names a format keeps for itself and hostile text."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from graph.exporters import export
from graph.formats import load_graph
from tests.hostile import as_data, hostile_graphs

ROUND_TRIP = {"json": "g.json", "cytoscape": "g.cyjs", "graphml": "g.graphml", "kgx": "kgx", "kgx-jsonl": "kgxj"}
SETTINGS = settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("fmt", sorted(ROUND_TRIP))
def test_reserved_names_and_hostile_text_round_trip(fmt):
    @SETTINGS
    @given(G=hostile_graphs())
    def check(G):
        with tempfile.TemporaryDirectory() as tmp:
            back = load_graph(export(G, fmt, Path(tmp) / ROUND_TRIP[fmt]), fmt)
        assert as_data(back) == as_data(G)

    check()
