"""How fast the explorer page is usable, against pyvis's stock output, in one run.

    .venv/bin/python bench/page_speed.py [--nodes 2000] [--edges 3000] [--stock-timeout 120]

Measures, in headless Chromium (/usr/bin/chromium, the same flags as the
tests), the time from navigation to ``window.footbackReady`` for

* the curated page (``output/footback.html``; target < 1 s, size < 1 MB),
* a generated graph of 2,000 nodes and 3,000 edges exported by footback
  (target < 3 s), and
* the same generated graph written by pyvis's stock ``from_nx`` +
  ``write_html`` (``cdn_resources="in_line"``), timed to the end of its
  physics stabilisation (when pyvis hides its loading bar and draws),

and prints a table with the speed-up (target >= 20x). Every non-file request
is blocked and counted, so the run works offline and shows what each page
tried to fetch. Not a unit test: the figures go in the README.
"""

from __future__ import annotations

import argparse
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Records when the stock page's network is usable: the first drawing after
# physics stabilisation (vis draws nothing before that).
STOCK_HOOK = """
(() => {
  let net;
  Object.defineProperty(window, "network", {
    configurable: true,
    get() { return net; },
    set(v) {
      net = v;
      if (v && v.once) {
        let stabilised = false;
        v.once("stabilizationIterationsDone", () => { stabilised = true; });
        v.on("afterDrawing", () => {
          if ((stabilised || !v.physics.options.stabilization.enabled) && window.stockReadyAt === undefined) {
            window.stockReadyAt = performance.now();
          }
        });
      }
    },
  });
})();
"""


def generated_graph(n_nodes: int, n_edges: int, seed: int = 1) -> nx.MultiDiGraph:
    """A footback-shaped graph: typed nodes, valid relations, notes and sections."""
    rng = random.Random(seed)
    share = [("condition", 0.15), ("mechanism", 0.2), ("symptom", 0.25), ("body_region", 0.25), ("treatment", 0.15)]
    G = nx.MultiDiGraph()
    G.graph["about"] = {"title": "Generated graph", "disclaimer": "Generated for a benchmark; not medical content."}
    G.graph["sources"] = [{"id": "gen", "title": "Generator", "sections": ["A"]}]
    by_type: dict[str, list[str]] = {t: [] for t, _ in share}
    regions = ["back", "spine", "hip", "leg", "knee", "ankle", "foot", "toe", "heel", "calf"]
    for i in range(n_nodes):
        t = rng.choices([t for t, _ in share], [w for _, w in share])[0]
        nid = f"{t.replace('_', '-')}-{i}"
        label = f"{rng.choice(regions).title()} {t.replace('_', ' ')} {i}"
        G.add_node(nid, label=label, type=t, description=f"Generated {t} number {i}.", synonyms=[f"thing {i}"], codes=[])
        by_type[t].append(nid)
    clinical = by_type["condition"] + by_type["mechanism"] + by_type["symptom"]
    kinds = [("causes", clinical, clinical, 0.5), ("located_in", clinical, by_type["body_region"], 0.25),
             ("part_of", by_type["body_region"], by_type["body_region"], 0.1),
             ("treats", by_type["treatment"], clinical, 0.15)]
    added = 0  # (MultiDiGraph.number_of_edges() walks every node: too slow in the loop)
    while added < n_edges:
        rel, src, dst, _ = rng.choices(kinds, [k[3] for k in kinds])[0]
        u, v = rng.choice(src), rng.choice(dst)
        if u != v and not G.has_edge(u, v, key=rel):
            G.add_edge(u, v, key=rel, relation=rel, cites="gen", section="A", note=f"{u} {rel} {v}.")
            added += 1
    return G


def stock_pyvis(G: nx.MultiDiGraph, out: Path) -> float:
    """Write pyvis's stock page for ``G``; return the seconds it took."""
    from pyvis.network import Network

    t = time.perf_counter()
    net = Network(directed=True, cdn_resources="in_line", heading="Generated graph")
    net.from_nx(nx.MultiDiGraph(G))  # from_nx mutates its input: give it a copy
    net.write_html(str(out))
    return time.perf_counter() - t


def time_page(browser, path: Path, ready_js: str, timeout_s: float) -> tuple[float | None, int]:
    """Seconds from navigation to ready (None on timeout), and blocked non-file requests."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    blocked: list[str] = []

    def block(route):
        blocked.append(route.request.url)
        route.abort()

    context.route("http*://**/*", block)
    page = context.new_page()
    page.add_init_script(STOCK_HOOK)
    try:
        page.goto(path.resolve().as_uri(), wait_until="commit", timeout=timeout_s * 1000)
        page.wait_for_function(f"() => {ready_js} !== undefined", timeout=timeout_s * 1000, polling=100)
        return page.evaluate(ready_js) / 1000, len(blocked)
    except Exception as err:  # playwright's TimeoutError
        if "Timeout" not in type(err).__name__ and "Timeout" not in str(err):
            raise
        return None, len(blocked)
    finally:
        context.close()


def fmt(seconds: float | None, timeout: float) -> str:
    return f">{timeout:.0f} s" if seconds is None else f"{seconds:.2f} s"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--edges", type=int, default=3000)
    ap.add_argument("--stock-timeout", type=float, default=120.0)
    ap.add_argument("--runs", type=int, default=3, help="footback pages are timed this many times (best kept)")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from graph.build import build
    from graph.export import export

    tmp = Path(tempfile.mkdtemp(prefix="footback-bench-"))
    build(out_dir=tmp / "curated")
    curated = tmp / "curated" / "footback.html"
    G = generated_graph(args.nodes, args.edges)
    ours = tmp / "generated.html"
    t = time.perf_counter()
    export(G, "html", ours, max_nodes=None)
    export_s = time.perf_counter() - t
    stock = tmp / "stock.html"
    stock_s = stock_pyvis(G, stock)

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        best = {}
        for name, path in (("curated", curated), ("generated", ours)):
            times = []
            for _ in range(args.runs):
                s, blocked = time_page(browser, path, "window.footbackReadyAt", 30)
                times.append(s)
            best[name] = (min(t for t in times if t is not None) if any(times) else None, blocked)
        stock_ready, stock_blocked = time_page(browser, stock, "window.stockReadyAt", args.stock_timeout)
        browser.close()

    g = f"{G.number_of_nodes():,} nodes / {G.number_of_edges():,} edges"
    from graph import load_graph

    C = load_graph()
    rows.append((f"footback, curated graph ({C.number_of_nodes()} nodes / {C.number_of_edges()} edges)", fmt(best["curated"][0], 30), "< 1 s",
                 f"{curated.stat().st_size / 1e6:.2f} MB", best["curated"][1]))
    rows.append((f"footback, generated {g}", fmt(best["generated"][0], 30), "< 3 s",
                 f"{ours.stat().st_size / 1e6:.2f} MB", best["generated"][1]))
    rows.append((f"pyvis stock, generated {g}", fmt(stock_ready, args.stock_timeout), "",
                 f"{stock.stat().st_size / 1e6:.2f} MB", stock_blocked))
    ours_s = best["generated"][0]
    if ours_s and stock_ready:
        speedup = f"{stock_ready / ours_s:.0f}x"
    elif ours_s:
        speedup = f"> {args.stock_timeout / ours_s:.0f}x"
    else:
        speedup = "n/a"

    print(f"Page speed: navigation -> ready, headless Chromium ({platform.machine()}, Python {platform.python_version()})")
    print(f"| page | ready after | target | file size | blocked requests |")
    print(f"|---|---|---|---|---|")
    for r in rows:
        print("| " + " | ".join(str(c) for c in r) + " |")
    print(f"\nspeed-up of footback over pyvis stock on the generated graph: {speedup} (target >= 20x)")
    print(f"writing the generated page: footback {export_s:.2f} s, pyvis stock {stock_s:.2f} s")
    print(f"curated page size: {curated.stat().st_size:,} bytes (target < 1,000,000)")


if __name__ == "__main__":
    main()
