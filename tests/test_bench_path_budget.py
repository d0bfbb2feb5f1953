"""bench/path_budget.py still runs and prints its table (its figures are not asserted)."""

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "path_budget.py"


def test_path_budget_bench_runs():
    proc = subprocess.run([sys.executable, str(BENCH), "--runs", "1"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[2].startswith("layered: s -> t") and lines[2].endswith("True")
    assert lines[-2].startswith("ratio (layered / curated): ")
    assert lines[-1].startswith("machine: ")
