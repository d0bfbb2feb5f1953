"""bench/page_speed.py still runs and prints its table (its figures are not asserted)."""

import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench" / "page_speed.py"


def test_generated_graph_is_a_valid_footback_graph(tmp_path):
    sys.path.insert(0, str(BENCH.parent))
    try:
        from page_speed import generated_graph
    finally:
        sys.path.remove(str(BENCH.parent))
    from graph.model import RELATION_DOMAIN, RELATION_RANGE

    G = generated_graph(200, 300)
    assert (G.number_of_nodes(), G.number_of_edges()) == (200, 300)
    for u, v, rel in G.edges(data="relation"):
        assert G.nodes[u]["type"] in RELATION_DOMAIN[rel] and G.nodes[v]["type"] in RELATION_RANGE[rel]
    assert generated_graph(200, 300).edges(keys=True) == G.edges(keys=True)  # seeded


@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Chromium not installed at /usr/bin/chromium")
def test_page_speed_bench_runs():
    args = ["--nodes", "60", "--edges", "90", "--stock-timeout", "20", "--runs", "1"]
    proc = subprocess.run([sys.executable, str(BENCH), *args], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    from graph import load_graph

    C = load_graph()
    assert f"| footback, curated graph ({C.number_of_nodes()} nodes / {C.number_of_edges()} edges) |" in out
    assert "| pyvis stock, generated 60 nodes / 90 edges |" in out
    assert "speed-up of footback over pyvis stock" in out
