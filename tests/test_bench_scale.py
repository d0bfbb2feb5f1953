"""bench/scale.py still runs (on a small graph, quickly); its timings are not asserted."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_scale_bench_runs_small(tmp_path):
    proc = subprocess.run(
        [sys.executable, "bench/scale.py", "--nodes", "2000", "--edges", "12000", "--repeat", "1", "--dir", str(tmp_path / "kgx")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "graph: 2,000 nodes, 12,000 edges" in out
    for row in ("networkx alone (csv + DiGraph)", "load (--graph, KGX importer)", "load KGX JSON Lines (--graph)", "paths, top 5", "causes --depth 3", "export html --focus", "CLI end to end"):
        assert f"| {row}" in out, row
    assert "machine: " in out and "peak memory under 2 GB: yes" in out
    assert (tmp_path / "kgx" / "edges.tsv").read_text().count("\n") == 12_001
