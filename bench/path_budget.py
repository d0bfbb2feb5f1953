"""How long a path explosion takes, against an everyday path question.

The attack (issue 13.4): 98 layers of two nodes, each linked to both of the
next, so 2**98 paths of 99 hops; ``paths s t --max-hops 100 --limit 10000``
did not finish in 25 minutes. With the work budget it stops after
PATH_WORK_BUDGET steps and returns what it found, marked truncated. Measured
in one process, as the median of several runs, with the same question on
the curated graph (``plantar fasciitis`` to ``lower back pain``) as the unit:

    .venv/bin/python bench/path_budget.py [--runs 5]

It prints a table, the ratio and the machine.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from graph import load_graph
    from graph.questions.query import PATH_WORK_BUDGET, paths
    from tests.evil_graph import layered_graph

    curated, layered = load_graph(), layered_graph()
    everyday, _ = timed(lambda: paths(curated, "plantar-fasciitis", "lower-back-pain", limit=10), args.runs)
    attack, found = timed(lambda: paths(layered, "s", "t", max_hops=100, limit=10_000), args.runs)
    print(f"{'question':<58} {'median ms':>10} {'paths':>6}  truncated")
    print(f"{'curated: plantar fasciitis -> lower back pain, limit 10':<58} {everyday * 1000:>10.1f} {'':>6}")
    print(f"{'layered: s -> t, --max-hops 100 --limit 10000':<58} {attack * 1000:>10.1f} {len(found):>6}  {bool(found.truncated)}")
    print(f"work budget: {PATH_WORK_BUDGET:,} steps")
    print(f"ratio (layered / curated): {attack / everyday:.0f}")
    print(f"machine: {platform.machine()} {platform.python_implementation()} {platform.python_version()} {platform.system()}")


if __name__ == "__main__":
    main()
