"""bench/startup.py still runs and prints its table (its figures are not asserted)."""

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "startup.py"


def test_startup_bench_runs():
    proc = subprocess.run([sys.executable, str(BENCH), "--runs", "1"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["command", "median", "ms", "min", "ms", "ratio", "cpu", "ms", "cpu", "ratio"]
    assert any(line.startswith("footback paths (cached)") for line in lines)
    assert any(line.startswith("ratio (footback paths, cached / import networkx, click): ") for line in lines)
    assert lines[-1].startswith("machine: ")
