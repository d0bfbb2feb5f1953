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
@pytest.mark.skipif(not (BENCH.parent.parent / "tests" / "js" / "node_modules" / "cytoscape").exists(), reason="Cytoscape.js not installed: npm ci --prefix tests/js")
def test_page_speed_bench_runs():
    args = ["--nodes", "60", "--edges", "90", "--big-nodes", "80", "--big-edges", "120", "--stock-timeout", "20", "--runs", "1"]
    proc = subprocess.run([sys.executable, str(BENCH), *args], capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    from graph import load_graph

    C = load_graph()
    assert f"| footback, curated graph ({C.number_of_nodes()} nodes / {C.number_of_edges()} edges) |" in out
    for row in (
        "footback, generated 60 nodes / 90 edges",
        "Cytoscape.js 3 (same positions), 60 nodes / 90 edges",
        "footback, generated 80 nodes / 120 edges",
        "pyvis stock page (physics), 60 nodes / 90 edges",
        "pyvis stock page (physics), 80 nodes / 120 edges",
    ):
        assert f"| {row} |" in out, row
    # Every footback row has all five figures (painted, ready, click, hover, path finder).
    for line in out.splitlines():
        if line.startswith("| footback, generated"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            assert all(c.endswith(("ms", " s")) for c in cells[1:6]), line
    assert "blocked network requests: footback 0, Cytoscape.js 3 0," in out
