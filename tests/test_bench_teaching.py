"""bench/teaching.py still runs (on a small graph, quickly); its timings are not asserted."""

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_teaching_bench_runs_small(tmp_path):
    proc = subprocess.run(
        [sys.executable, "bench/teaching.py", "--nodes", "300", "--dir", str(tmp_path / "kgx")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    m = re.search(r"graph: ([\d,]+) nodes \(copies of the curated graph\)", proc.stdout)
    assert m, proc.stdout
    for row in ("load (stats)", "export handout", "export anki", "quiz --count 10"):
        assert f"| {row} |" in proc.stdout, row
    assert (tmp_path / "kgx" / "nodes.tsv").read_text().count("\n") == int(m.group(1).replace(",", "")) + 1
