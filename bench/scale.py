"""footback on a million edges: load, paths, causes and a focus export, timed.

Generates a synthetic Biolink KGX graph (100,000 nodes and 1,000,000 edges
by default; seeded, so every run builds the same graph) and measures, in one
run on one machine:

* ``networkx alone``: reading the same ``edges.tsv`` with ``csv`` and
  building a ``networkx.DiGraph`` from its subject and object columns (the
  yardstick for loading), as is and with Python's garbage collector paused
  (as footback's importers pause it);
* ``load (--graph)``: ``graph.formats.load_graph(DIR)``, the code behind
  ``--graph DIR`` (format detection, KGX reader, every row checked);
* ``load KGX JSON Lines``: the same graph as ``nodes.jsonl``/``edges.jsonl``
  (written by ``footback export kgx-jsonl``), loaded the same way;
* ``paths (top 5)``: ``graph.questions.query.paths(G, S, T, limit=5)``, as ``footback
  paths S T --limit 5``, after loading;
* ``causes --depth 3``: ``graph.questions.query.upstream(G, T, depth=3)``;
* ``export html --focus``: ``neighbourhood(G, F, radius=2, max_nodes=300)``
  then the html export, as ``footback export html --focus F --max-nodes 300``;
* ``CLI end to end``: ``footback --graph DIR paths S T --limit 5`` in a new
  process (load included), first with an empty cache, then again (the graph
  from footback's cache: target <= 0.3x the first); ``--cli-runs`` pairs,
  each with a new cache, medians;
* ``stats``: ``graph.questions.describe.stats(G)`` on the loaded graph (target within
  1.2x of networkx alone building the graph).

Each measurement of time and peak memory runs in its own process (peak RSS
from ``resource.getrusage``), so one phase's memory does not hide another's.
Loads are repeated (``--repeat``), alternating with the yardsticks, and the
fastest of each is kept.
Targets (issue 5): load within 2x networkx alone (TSV and JSON Lines alike),
peak memory under 2 GB, paths under 1 s, the focus export under 5 s and capped in size.

    .venv/bin/python bench/scale.py [--nodes 100000] [--edges 1000000] [--repeat 3] [--dir DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent

TYPES = [("condition", 0.15), ("mechanism", 0.2), ("symptom", 0.25), ("body_region", 0.2), ("treatment", 0.2)]
RELATIONS = [("causes", 0.6), ("located_in", 0.15), ("part_of", 0.05), ("treats", 0.15), ("prevents", 0.05)]
FOCUS_MAX_NODES = 300


def generate(out: Path, n_nodes: int, n_edges: int, seed: int = 5) -> None:
    """Write ``nodes.tsv`` and ``edges.tsv`` for a synthetic graph into ``out``.

    Node degrees are skewed (a few hubs, as in real knowledge graphs): each
    edge picks its ends with probability falling off with the node's rank.
    No (subject, predicate, object) repeats and there are no self-loops.
    """
    from graph.model.biolink import category_of, predicate_of

    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    types = rng.choices([t for t, _ in TYPES], [w for _, w in TYPES], k=n_nodes)
    ids = [f"footback:n-{i:06d}" for i in range(n_nodes)]
    with (out / "nodes.tsv").open("w", encoding="utf-8") as f:
        f.write("id\tcategory\tname\tdescription\tsynonym\txref\n")
        for i, (cid, t) in enumerate(zip(ids, types)):
            f.write(f"{cid}\t{category_of(t)}\tNode {i}\tA synthetic {t.replace('_', ' ')} for the scale benchmark.\tnode {i} alias\t\n")
    rels = [r for r, _ in RELATIONS]
    weights = [w for _, w in RELATIONS]
    preds = {r: predicate_of(r) for r in rels}
    seen: set[tuple[int, int, str]] = set()
    with (out / "edges.tsv").open("w", encoding="utf-8") as f:
        f.write("subject\tpredicate\tobject\tprimary_knowledge_source\tknowledge_level\tagent_type\tdescription\tsection\n")
        while len(seen) < n_edges:
            batch = 10_000
            us = [int(n_nodes * rng.random() ** 2) for _ in range(batch)]  # low ids are hubs
            vs = [rng.randrange(n_nodes) for _ in range(batch)]
            rs = rng.choices(rels, weights, k=batch)
            for u, v, r in zip(us, vs, rs):
                if u == v or (u, v, r) in seen or len(seen) >= n_edges:
                    continue
                seen.add((u, v, r))
                f.write(f"{ids[u]}\t{preds[r]}\t{ids[v]}\tinfores:synthetic\tknowledge_assertion\tmanual_agent\tEdge {len(seen)}.\tSynthetic\n")


# --- the phases, each run in a child process -----------------------------------


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def phase_baseline(d: Path, pause_gc: bool = False) -> dict:
    import csv
    import gc

    import networkx as nx

    if pause_gc:
        gc.disable()
    start = time.perf_counter()
    with (d / "edges.tsv").open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter="\t")
        next(reader)
        G = nx.DiGraph()
        G.add_edges_from((row[0], row[2]) for row in reader)
    return {"seconds": time.perf_counter() - start, "rss_mb": _rss_mb(), "edges": G.number_of_edges()}


def phase_baseline_nogc(d: Path) -> dict:
    return phase_baseline(d, pause_gc=True)


def _pick(G) -> tuple[str, str]:
    """A source with many causal successors and a target 4 causal steps away
    (fewer on a small graph), fixed by the seed."""
    from graph.questions.query import downstream

    causes_out = {n: sum(1 for _, _, k in G.out_edges(n, keys=True) if k == "causes") for n in list(G)[:2000]}
    source = max(sorted(causes_out), key=lambda n: causes_out[n])
    reach = downstream(G, source, depth=4)
    deepest = max(dist for _, dist in reach)
    far = [n for n, dist in reach if dist == deepest]
    return source, far[len(far) // 2]


def phase_queries(d: Path) -> dict:
    from graph.exporters import export
    from graph.formats import load_graph
    from graph.questions.query import neighbourhood, paths, upstream

    start = time.perf_counter()
    G = load_graph(d)
    load = time.perf_counter() - start
    source, target = _pick(G)

    start = time.perf_counter()
    found = paths(G, source, target, limit=5)
    t_paths = time.perf_counter() - start

    start = time.perf_counter()
    up = upstream(G, target, depth=3)
    t_causes = time.perf_counter() - start

    out = Path(tempfile.mkdtemp()) / "focus.html"
    start = time.perf_counter()
    H, omitted = neighbourhood(G, target, radius=2, max_nodes=FOCUS_MAX_NODES, by_degree=True)
    export(H, "html", out, max_nodes=FOCUS_MAX_NODES)
    t_focus = time.perf_counter() - start
    size = out.stat().st_size
    out.unlink()
    from graph.questions.describe import stats

    start = time.perf_counter()
    stats(G)
    t_stats = time.perf_counter() - start
    return {
        "stats_seconds": t_stats,
        "load_seconds": load,
        "rss_mb": _rss_mb(),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "source": source,
        "target": target,
        "paths_seconds": t_paths,
        "paths": len(found),
        "hops": [p["hops"] for p in found],
        "causes_seconds": t_causes,
        "upstream": len(up),
        "focus_seconds": t_focus,
        "focus_nodes": H.number_of_nodes(),
        "focus_omitted": omitted,
        "focus_bytes": size,
    }


def phase_load(d: Path) -> dict:
    from graph.formats import load_graph

    start = time.perf_counter()
    G = load_graph(d)
    return {"seconds": time.perf_counter() - start, "rss_mb": _rss_mb(), "edges": G.number_of_edges()}


def phase_load_jsonl(d: Path) -> dict:
    return phase_load(d.with_name(d.name + "-jsonl"))


def write_jsonl(d: Path) -> Path:
    """The KGX pair in ``d`` as KGX JSON Lines, beside it (``DIR-jsonl``)."""
    from graph.exporters import export
    from graph.formats import load_graph

    out = d.with_name(d.name + "-jsonl")
    if not (out / "edges.jsonl").exists():
        if out.exists():
            import shutil

            shutil.rmtree(out)
        export(load_graph(d), "kgx-jsonl", out)
    return out


def child(name: str, d: Path) -> dict:
    """Run one phase in a fresh Python process; return what it measured."""
    code = f"import sys, json; sys.path.insert(0, {str(HERE)!r}); import scale; print(json.dumps(scale.phase_{name}(scale.Path(sys.argv[1]))))"
    proc = subprocess.run([sys.executable, "-c", code, str(d)], capture_output=True, text=True, cwd=REPO)
    if proc.returncode != 0:
        raise SystemExit(f"phase {name} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


#: Runs the CLI's own entry point, then reports the process's peak RSS on stderr.
_CLI = "import resource, sys\nfrom cli import main\ntry:\n    main(sys.argv[1:])\nfinally:\n    print(f'RSS_KB {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}', file=sys.stderr)\n"


def cli_end_to_end(d: Path, source: str, target: str, cache: Path) -> dict:
    """``footback --graph DIR paths S T --limit 5`` in a new process: wall time and peak RSS."""
    cmd = [sys.executable, "-c", _CLI, "--graph", str(d), "paths", source, target, "--limit", "5"]
    env = {**os.environ, "FOOTBACK_CACHE_DIR": str(cache)}
    env.pop("FOOTBACK_NO_CACHE", None)
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO, env=env)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"footback paths failed ({proc.returncode}): {proc.stderr}")
    rss_kb = int(proc.stderr.rsplit("RSS_KB ", 1)[1].split()[0])
    return {"seconds": elapsed, "rss_mb": rss_kb / 1024}


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024**2:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} CPUs{mem}, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="timed loads of each kind, fastest kept (default 3)")
    parser.add_argument("--dir", type=Path, default=None, help="where to write the synthetic KGX pair (default: a temporary folder)")
    parser.add_argument("--cli-runs", type=int, default=3, help="first and second CLI questions timed, median kept (default 3)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        d = args.dir or Path(tmp) / "kgx"
        if not (d / "edges.tsv").exists():
            start = time.perf_counter()
            generate(d, args.nodes, args.edges)
            print(f"generated {args.nodes:,} nodes and {args.edges:,} edges in {time.perf_counter() - start:.1f} s ({d})")
        # Loading is timed several times, alternating with the yardstick, and
        # the fastest of each kept: a busy moment on the machine then hits
        # neither side alone.
        write_jsonl(d)
        runs: dict[str, list[dict]] = {"baseline": [], "baseline_nogc": [], "load": [], "load_jsonl": []}
        for _ in range(args.repeat):
            for name in runs:
                runs[name].append(child(name, d))
        base, base_nogc, load, load_jsonl = (min(runs[n], key=lambda r: r["seconds"]) for n in runs)
        for n, best in (("baseline", base), ("baseline_nogc", base_nogc), ("load", load), ("load_jsonl", load_jsonl)):
            best["rss_mb"] = max(r["rss_mb"] for r in runs[n])
        q = child("queries", d)
        # First and second question in pairs, each pair with a new cache; medians.
        firsts, seconds = [], []
        for i in range(args.cli_runs):
            firsts.append(cli_end_to_end(d, q["source"], q["target"], Path(tmp) / f"cache-{i}"))
            seconds.append(cli_end_to_end(d, q["source"], q["target"], Path(tmp) / f"cache-{i}"))
        e2e, again = ({"seconds": statistics.median(r["seconds"] for r in runs_), "rss_mb": max(r["rss_mb"] for r in runs_)} for runs_ in (firsts, seconds))

    ratio = load["seconds"] / base["seconds"]
    ratio_jsonl = load_jsonl["seconds"] / base["seconds"]
    second = again["seconds"] / e2e["seconds"]
    stats_ratio = q["stats_seconds"] / base["seconds"]
    peak = max(load["rss_mb"], load_jsonl["rss_mb"], q["rss_mb"], e2e["rss_mb"])
    rows = [
        ("networkx alone (csv + DiGraph)", f"{base['seconds']:.2f} s", f"{base['rss_mb']:.0f} MB", "yardstick"),
        ("networkx alone, GC paused", f"{base_nogc['seconds']:.2f} s", f"{base_nogc['rss_mb']:.0f} MB", "for comparison: footback pauses GC while loading"),
        ("load (--graph, KGX importer)", f"{load['seconds']:.2f} s", f"{load['rss_mb']:.0f} MB", f"{ratio:.2f}x networkx, {load['seconds'] / base_nogc['seconds']:.2f}x with GC paused (target <= 2x)"),
        ("load KGX JSON Lines (--graph)", f"{load_jsonl['seconds']:.2f} s", f"{load_jsonl['rss_mb']:.0f} MB", f"{ratio_jsonl:.2f}x networkx (target <= 2x)"),
        ("paths, top 5", f"{q['paths_seconds'] * 1000:.0f} ms", "", f"{q['paths']} paths, hops {q['hops']} (target < 1 s)"),
        ("causes --depth 3", f"{q['causes_seconds'] * 1000:.0f} ms", "", f"{q['upstream']:,} nodes upstream"),
        ("export html --focus (radius 2)", f"{q['focus_seconds']:.2f} s", "", f"{q['focus_nodes']} nodes ({q['focus_omitted']:,} left out), {q['focus_bytes'] / 1024:.0f} KB (target < 5 s)"),
        ("load + queries + export, one process", "", f"{q['rss_mb']:.0f} MB", "peak RSS (target < 2 GB)"),
        ("CLI end to end: footback --graph paths", f"{e2e['seconds']:.2f} s", f"{e2e['rss_mb']:.0f} MB", f"new process, load included, empty cache (median of {args.cli_runs})"),
        ("the same again (graph from the cache)", f"{again['seconds']:.2f} s", f"{again['rss_mb']:.0f} MB", f"{second:.2f}x the first (target <= 0.3x; median of {args.cli_runs})"),
        ("stats", f"{q['stats_seconds']:.2f} s", "", f"{stats_ratio:.2f}x networkx alone (target <= 1.2x)"),
    ]
    width = [max(len(r[i]) for r in rows + [("what", "time", "peak RSS", "notes")]) for i in range(4)]
    print(f"\ngraph: {q['nodes']:,} nodes, {q['edges']:,} edges; paths {q['source']} -> {q['target']}")
    for r in [("what", "time", "peak RSS", "notes"), tuple("-" * w for w in width), *rows]:
        print(f"| {r[0]:<{width[0]}} | {r[1]:>{width[1]}} | {r[2]:>{width[2]}} | {r[3]:<{width[3]}} |")
    ok = {
        "load within 2x networkx": ratio <= 2,
        "JSON Lines load within 2x networkx": ratio_jsonl <= 2,
        "peak memory under 2 GB": peak < 2048,
        "paths under 1 s": q["paths_seconds"] < 1,
        "focus export under 5 s": q["focus_seconds"] < 5,
        "second question <= 0.3x the first": second <= 0.3,
        "stats within 1.2x networkx": stats_ratio <= 1.2,
    }
    print("\n" + "; ".join(f"{k}: {'yes' if v else 'NO'}" for k, v in ok.items()))
    print(f"machine: {machine()}")


if __name__ == "__main__":
    main()
