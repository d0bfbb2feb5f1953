"""Teaching tools at scale: the handout, the Anki deck and a quiz on a 10,000-node graph.

Builds a seeded synthetic graph of about ``--nodes`` nodes from copies of the
curated graph (each copy's ids and labels numbered, its sources shared), each
copy's conditions also leading to a mechanism of the next copy, so that the
graph is one piece, with the curated graph's shape: conditions, mechanisms
and symptoms placed in a hierarchy of body regions, and treatments. Writes it
as KGX and times, each in its own process and as a ratio to loading the same
graph (``footback --graph DIR stats``):

* ``export handout``, ``export anki`` and ``quiz --count 10 --print``.

    .venv/bin/python bench/teaching.py [--nodes 10000] [--dir DIR]

Target (issue 13): each a few times the load, not minutes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))


def generate(out: Path, n_nodes: int) -> int:
    """Write the synthetic graph as KGX into ``out``; return its node count."""
    import networkx as nx

    from graph import load_graph
    from graph.exporters import export
    from graph.model import CAUSES, CONDITION, MECHANISM

    base = load_graph()
    copies = max(1, round(n_nodes / base.number_of_nodes()))
    G = nx.MultiDiGraph()
    G.graph.update(base.graph)
    for i in range(copies):
        for n, d in base.nodes(data=True):
            G.add_node(f"{n}-{i}", **{**d, "label": f"{d['label']} {i}"})
        for u, v, k, d in base.edges(keys=True, data=True):
            G.add_edge(f"{u}-{i}", f"{v}-{i}", key=k, **d)
    conditions = [n for n, t in base.nodes(data="type") if t == CONDITION]
    mechanisms = [n for n, t in base.nodes(data="type") if t == MECHANISM]
    for i in range(copies - 1):
        for j, c in enumerate(conditions):
            m = mechanisms[j % len(mechanisms)]
            G.add_edge(f"{c}-{i}", f"{m}-{i + 1}", key=CAUSES, relation=CAUSES, cites="", section="", note="A synthetic link between copies.")
    export(G, "kgx", out)
    return G.number_of_nodes()


def timed(args: list[str]) -> float:
    env = dict(os.environ, FOOTBACK_NO_CACHE="1")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", "import cli; cli.main()", *args], cwd=REPO, env=env, capture_output=True, text=True)
    took = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"footback {' '.join(args)} failed:\n{proc.stderr}")
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=10_000)
    ap.add_argument("--dir", type=Path, default=None, help="where to write the graph (default: a temporary folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        d = args.dir or Path(tmp) / "kgx"
        n = generate(d, args.nodes)
        out = Path(tmp)
        load = timed(["--graph", str(d), "stats"])
        rows = [
            ("load (stats)", load),
            ("export handout", timed(["--graph", str(d), "export", "handout", "-o", str(out / "h.html")])),
            ("export anki", timed(["--graph", str(d), "export", "anki", "-o", str(out / "a.apkg")])),
            ("quiz --count 10", timed(["--graph", str(d), "quiz", "--count", "10", "--print", "--seed", "1"])),
        ]
    print(f"graph: {n:,} nodes (copies of the curated graph)")
    print("| step | seconds | x load |")
    print("|---|---|---|")
    for name, t in rows:
        print(f"| {name} | {t:.1f} | {t / load:.1f} |")


if __name__ == "__main__":
    main()
