"""How fast the explorer page is usable, as a user feels it, beside its peers, in one run.

    .venv/bin/python bench/page_speed.py [--nodes 2000 --edges 3000] [--big-nodes 5000 --big-edges 8000]
                                         [--stock-timeout 120] [--runs 3]

Everything runs in headless Chromium (/usr/bin/chromium, the tests' flags),
offline: every non-file request is blocked and counted. For each page:

* **ready**: navigation to the drawing painted AND the main thread idle. A
  long-task observer (installed before the page's own code) records every task
  over 50 ms; ready is the later of the first paint and the end of the last long
  task, read once the page has been quiet for a second. So work a page does
  after it first paints (a physics layout, a second pass) counts.
* **click -> paint**: a real mouse click on a node (Playwright's mouse), from
  the pointerdown event to the first frame after the click handlers ran
  (requestAnimationFrame, then a task): details and highlight on screen.
* **hover -> paint**: the same from the mousemove onto a node.
* **path finder -> drawn**: ``footback.showPaths`` between two nodes 4 causal
  steps apart, to the first frame after (paths listed and highlighted).

The pages: footback's export of the curated graph; of a generated graph of
2,000 nodes / 3,000 edges and of 5,000 / 8,000; pyvis's stock page
(``from_nx`` + ``write_html``) of both generated graphs; and Cytoscape.js (the
npm package in tests/js, ``npm ci --prefix tests/js``) inlined into a page
with footback's positions and the usual Cytoscape highlight on tap (fade all,
un-fade the closed neighbourhood), at both sizes. Medians of ``--runs`` runs.
Not a unit test: the figures go in the README.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CYTOSCAPE_JS = REPO / "tests" / "js" / "node_modules" / "cytoscape" / "dist" / "cytoscape.min.js"

# Installed before any page script: the long-task record, the input-latency
# probe, and (for pyvis's stock page) a hook that notes its first drawing after
# physics stabilisation (vis draws nothing useful before that).
INIT = """
(() => {
  window.__longtasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longtasks.push(e.startTime + e.duration);
    }).observe({type: 'longtask', buffered: true});
  } catch (e) {}
  // Arm before a real input: latency = that event's time stamp to the first frame after its handlers.
  window.__arm = (type) => {
    window.__latency = undefined;
    const frame = (t0) => requestAnimationFrame(() => setTimeout(() => { window.__latency = performance.now() - t0; }, 0));
    const on = (e) => {
      document.removeEventListener(type, on, true);
      const t0 = e.timeStamp;
      if (type === 'pointerdown') {
        document.addEventListener('pointerup', () => setTimeout(() => frame(t0), 0), {capture: true, once: true});
      } else {
        setTimeout(() => frame(t0), 0);
      }
    };
    document.addEventListener(type, on, true);
  };
  window.__paintAfter = (fn) => new Promise((done) => {
    const t0 = performance.now();
    fn();
    requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0), 0));
  });
  let net;
  Object.defineProperty(window, 'network', {
    configurable: true,
    get() { return net; },
    set(v) {
      net = v;
      if (v && v.once) {
        let stabilised = false;
        v.once('stabilizationIterationsDone', () => { stabilised = true; });
        v.on('afterDrawing', () => {
          if ((stabilised || !v.physics.options.stabilization.enabled) && window.__paintedAt === undefined) {
            window.__paintedAt = performance.now();
          }
        });
      }
    },
  });
})();
"""

# Where each kind of page says it has painted, and where a node is on screen.
KINDS = {
    "footback": {
        "painted": "window.footbackPaintedAt",
        "node_xy": "(id) => footback.network.canvasToDOM(footback.network.getPositions([id])[id])",
        "canvas": "#fb-network",
        "in_view": """() => { const c = document.getElementById('fb-network'), n = footback.network, p = n.getPositions();
            return Object.keys(p).filter((id) => { const d = n.canvasToDOM(p[id]);
              return d.x > 40 && d.y > 40 && d.x < c.clientWidth - 40 && d.y < c.clientHeight - 80; }); }""",
        "settled": "() => !footback.moving()",
    },
    "pyvis": {
        "painted": "window.__paintedAt",
        "node_xy": "(id) => network.canvasToDOM(network.getPositions([id])[id])",
        "canvas": "#mynetwork",
        "in_view": "() => []",
        "settled": "() => true",
    },
    "cytoscape": {
        "painted": "window.__paintedAt",
        "node_xy": "(id) => cy.getElementById(id).renderedPosition()",
        "canvas": "#cy",
        "in_view": """() => { const c = document.getElementById('cy');
            return cy.nodes().filter((n) => { const d = n.renderedPosition();
              return d.x > 40 && d.y > 40 && d.x < c.clientWidth - 40 && d.y < c.clientHeight - 40; }).map((n) => n.id()); }""",
        "settled": "() => true",
    },
}


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
    kinds = [
        ("causes", clinical, clinical, 0.5),
        ("located_in", clinical, by_type["body_region"], 0.25),
        ("part_of", by_type["body_region"], by_type["body_region"], 0.1),
        ("treats", by_type["treatment"], clinical, 0.15),
    ]
    added = 0  # (MultiDiGraph.number_of_edges() walks every node: too slow in the loop)
    while added < n_edges:
        rel, src, dst, _ = rng.choices(kinds, [k[3] for k in kinds])[0]
        u, v = rng.choice(src), rng.choice(dst)
        if u != v and not G.has_edge(u, v, key=rel):
            G.add_edge(u, v, key=rel, relation=rel, cites="gen", section="A", note=f"{u} {rel} {v}.")
            added += 1
    return G


def path_pair(G: nx.MultiDiGraph, hops: int = 4) -> tuple[str, str] | None:
    """Two nodes ``hops`` causal steps apart (the first found, in node order)."""
    causal = nx.DiGraph((u, v) for u, v, r in G.edges(data="relation") if r == "causes")
    for s in sorted(causal, key=lambda n: (-causal.out_degree(n), n))[:50]:
        far = [n for n, d in nx.single_source_shortest_path_length(causal, s, cutoff=hops).items() if d == hops]
        if far:
            return s, sorted(far)[0]
    return None


def stock_pyvis(G: nx.MultiDiGraph, out: Path) -> float:
    """Write pyvis's stock page for ``G``; return the seconds it took."""
    from pyvis.network import Network

    t = time.perf_counter()
    net = Network(directed=True, cdn_resources="in_line", heading="Generated graph")
    net.from_nx(nx.MultiDiGraph(G))  # from_nx mutates its input: give it a copy
    net.write_html(str(out))
    return time.perf_counter() - t


def cytoscape_page(G: nx.MultiDiGraph, out: Path) -> None:
    """A page drawing ``G`` with Cytoscape.js at footback's positions, shapes and colours."""
    from graph.page.html import page_data

    data = page_data(G, max_nodes=None)
    shapes = {"box": "round-rectangle", "pill": "round-rectangle", "diamond": "diamond", "dot": "ellipse", "hexagon": "hexagon", "ellipse": "ellipse", "square": "rectangle"}
    types = {t["name"]: t for t in data["types"]}
    rels = {r["name"]: r for r in data["relations"]}
    elements = [
        {
            "data": {
                "id": n["id"],
                "label": n["label"],
                "bg": types[n["group"]]["color"] if n["group"] in types else "#999",
                "shape": shapes.get(types.get(n["group"], {}).get("shape", "square"), "rectangle"),
            },
            "position": {"x": n["x"], "y": n["y"]},
        }
        for n in data["vis"]["nodes"]
    ]
    elements += [{"data": {"id": e["id"], "source": e["source"], "target": e["target"], "color": rels.get(e["relation"], {}).get("color", "#999")}} for e in data["graph"]["edges"]]
    script = f"""
const cy = cytoscape({{
  container: document.getElementById('cy'),
  elements: {json.dumps(elements)},
  layout: {{name: 'preset'}},
  style: [
    {{selector: 'node', style: {{'label': 'data(label)', 'background-color': 'data(bg)', 'shape': 'data(shape)',
      'font-size': 20, 'text-wrap': 'wrap', 'text-max-width': 160, 'text-valign': 'bottom', 'width': 26, 'height': 26}}}},
    {{selector: 'edge', style: {{'line-color': 'data(color)', 'target-arrow-color': 'data(color)',
      'target-arrow-shape': 'triangle', 'curve-style': 'straight', 'width': 1.5}}}},
    {{selector: '.faded', style: {{'opacity': 0.15}}}}
  ]
}});
window.cy = cy;
cy.one('render', () => {{ window.__paintedAt = performance.now(); }});
cy.on('tap', 'node', (ev) => {{
  cy.batch(() => {{ cy.elements().addClass('faded'); ev.target.closedNeighborhood().removeClass('faded'); }});
}});
cy.on('mouseover', 'node', (ev) => {{
  cy.batch(() => {{ cy.elements().addClass('faded'); ev.target.closedNeighborhood().removeClass('faded'); }});
}});
"""
    html = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Cytoscape.js</title>"
        "<style>html,body{margin:0;height:100%}#cy{position:absolute;inset:0}</style></head>"
        f"<body><div id='cy'></div><script>{CYTOSCAPE_JS.read_text(encoding='utf-8')}</script>"
        f"<script>{script}</script></body></html>"
    )
    out.write_text(html, encoding="utf-8")


class Timing:
    """One page opened once: ready, and what its inputs cost."""

    def __init__(self, browser, path: Path, kind: str, timeout_s: float):
        self.kind, self.k = kind, KINDS[kind]
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.blocked: list[str] = []

        def block(route):
            self.blocked.append(route.request.url)
            route.abort()

        self.context.route("http*://**/*", block)
        self.page = self.context.new_page()
        self.page.add_init_script(INIT)
        self.ready: float | None = None
        self.painted: float | None = None
        try:
            self.page.goto(path.resolve().as_uri(), wait_until="commit", timeout=timeout_s * 1000)
            self.page.wait_for_function(f"() => {self.k['painted']} !== undefined", timeout=timeout_s * 1000, polling=100)
        except Exception as err:  # playwright's TimeoutError
            if "Timeout" not in type(err).__name__ and "Timeout" not in str(err):
                raise
            return
        self.painted = self.page.evaluate(self.k["painted"]) / 1000
        # Quiet for a second: no long task ended in it.
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            self.page.wait_for_timeout(250)
            now, last = self.page.evaluate("() => [performance.now(), Math.max(0, ...window.__longtasks)]")
            if now - max(last, self.painted * 1000) >= 1000:
                self.ready = max(last / 1000, self.painted)
                break

    def close(self) -> None:
        self.context.close()

    def _origin(self) -> tuple[float, float]:
        box = self.page.locator(self.k["canvas"]).bounding_box()
        return box["x"], box["y"]

    def _xy(self, node: str) -> tuple[float, float]:
        ox, oy = self._origin()
        p = self.page.evaluate(self.k["node_xy"], node)
        return ox + p["x"], oy + p["y"]

    def _latency(self) -> float:
        self.page.wait_for_function("() => window.__latency !== undefined", timeout=60000)
        return self.page.evaluate("window.__latency") / 1000

    def candidates(self, G: nx.MultiDiGraph, count: int) -> list[str]:
        """Nodes on screen with the most links, to click and hover."""
        on_screen = set(self.page.evaluate(self.k["in_view"]))
        return sorted(on_screen, key=lambda n: (-G.degree(n), n))[:count]

    def click(self, node: str) -> float:
        x, y = self._xy(node)
        self.page.evaluate("() => __arm('pointerdown')")
        self.page.mouse.click(x, y)
        s = self._latency()
        self.page.wait_for_function(self.k["settled"], timeout=10000)
        self.page.wait_for_timeout(150)
        return s

    def hover(self, node: str) -> float:
        x, y = self._xy(node)
        ox, oy = self._origin()
        self.page.mouse.move(ox + 3, oy + 3)
        self.page.wait_for_timeout(150)
        self.page.evaluate("() => __arm('mousemove')")
        self.page.mouse.move(x, y)
        s = self._latency()
        self.page.mouse.move(ox + 3, oy + 3)
        self.page.wait_for_timeout(150)
        return s

    def path_finder(self, pair: tuple[str, str]) -> float:
        ms = self.page.evaluate("([s, t]) => __paintAfter(() => footback.showPaths(s, t))", list(pair))
        assert self.page.evaluate("footback.highlighted().length") > 0, pair
        self.page.evaluate("footback.clearPath()")
        return ms / 1000


def measure(browser, path: Path, kind: str, G: nx.MultiDiGraph | None, runs: int, timeout_s: float, inputs: bool = True, pair: tuple[str, str] | None = None) -> dict:
    """Medians over ``runs`` fresh page loads: ready, painted, click, hover, path."""
    got: dict[str, list[float]] = {"ready": [], "painted": [], "click": [], "hover": [], "path": []}
    blocked = 0
    for _ in range(runs):
        t = Timing(browser, path, kind, timeout_s)
        try:
            blocked = len(t.blocked)
            if t.ready is None:
                return {"timeout": True, "blocked": blocked}
            got["ready"].append(t.ready)
            got["painted"].append(t.painted)
            if inputs and G is not None:
                nodes = t.candidates(G, 3)
                for n in nodes:
                    got["hover"].append(t.hover(n))
                for n in nodes:
                    got["click"].append(t.click(n))
                if pair and kind == "footback":
                    got["path"].append(t.path_finder(pair))
        finally:
            t.close()
    out = {k: statistics.median(v) for k, v in got.items() if v}
    out["blocked"] = blocked
    return out


def fmt(s: float | None) -> str:
    if s is None:
        return "–"
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--edges", type=int, default=3000)
    ap.add_argument("--big-nodes", type=int, default=5000)
    ap.add_argument("--big-edges", type=int, default=8000)
    ap.add_argument("--stock-timeout", type=float, default=120.0)
    ap.add_argument("--runs", type=int, default=3, help="page loads per page (medians kept)")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from graph import load_graph
    from graph.store.build import build
    from graph.exporters import export

    if not CYTOSCAPE_JS.exists():
        sys.exit(f"{CYTOSCAPE_JS} is missing: run  npm ci --prefix tests/js")
    tmp = Path(tempfile.mkdtemp(prefix="footback-bench-"))
    build(out_dir=tmp / "curated")
    curated = tmp / "curated" / "footback.html"
    C = load_graph()
    sizes = []
    for n, m in ((args.nodes, args.edges), (args.big_nodes, args.big_edges)):
        G = generated_graph(n, m)
        ours = tmp / f"footback-{n}.html"
        t = time.perf_counter()
        export(G, "html", ours, max_nodes=None)
        export_s = time.perf_counter() - t
        cyto = tmp / f"cytoscape-{n}.html"
        cytoscape_page(G, cyto)
        sizes.append((G, ours, export_s, cyto))
    stocks = []
    for G, *_ in sizes:
        stock = tmp / f"stock-{G.number_of_nodes()}.html"
        stocks.append((G, stock, stock_pyvis(G, stock)))

    def g(G):
        return f"{G.number_of_nodes():,} nodes / {G.number_of_edges():,} edges"

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        r = measure(browser, curated, "footback", C, args.runs, 30, pair=("plantar-fasciitis", "lower-back-pain"))
        rows.append((f"footback, curated graph ({g(C)})", r, "< 1 s", curated))
        for (G, ours, _, cyto), (ready_t, click_t) in zip(sizes, (("≤ 1.5 s", "≤ 100 ms"), ("≤ 5 s", "≤ 250 ms"))):
            r = measure(browser, ours, "footback", G, args.runs, 60, pair=path_pair(G))
            rows.append((f"footback, generated {g(G)}", r, f"ready {ready_t}, click {click_t}", ours))
            r = measure(browser, cyto, "cytoscape", G, args.runs, 60)
            rows.append((f"Cytoscape.js 3 (same positions), {g(G)}", r, "", cyto))
        for G, stock, _ in stocks:
            r = measure(browser, stock, "pyvis", None, 1, args.stock_timeout, inputs=False)
            rows.append((f"pyvis stock page (physics), {g(G)}", r, "", stock))
        browser.close()

    print(f"Page speed, headless Chromium, one run ({platform.machine()}, Python {platform.python_version()}); medians of {args.runs} loads, 1400x900")
    print("| page | painted | ready and idle | click -> paint | hover -> paint | path finder -> drawn | target | file size |")
    print("|---|---|---|---|---|---|---|---|")
    for name, r, target, path in rows:
        size = f"{path.stat().st_size / 1e6:.2f} MB"
        if r.get("timeout"):
            print(f"| {name} | not done after {args.stock_timeout:.0f} s | | | | | {target} | {size} |")
            continue
        print(f"| {name} | {fmt(r.get('painted'))} | {fmt(r.get('ready'))} | {fmt(r.get('click'))} | {fmt(r.get('hover'))} | {fmt(r.get('path'))} | {target} | {size} |")
    blocked: dict[str, int] = {}
    for name, r, _, _ in rows:
        who = name.split(",")[0].split(" (")[0]
        blocked[who] = blocked.get(who, 0) + r.get("blocked", 0)
    print("\nblocked network requests: " + ", ".join(f"{who} {n}" for who, n in blocked.items()))
    for G, _, export_s, _ in sizes:
        print(f"writing the footback page of {g(G)}: {export_s:.2f} s" + (" (target ≤ 5 s)" if G is sizes[-1][0] else ""))
    for G, _, stock_s in stocks:
        print(f"writing pyvis's stock page of {g(G)}: {stock_s:.2f} s")
    print(f"curated page size: {curated.stat().st_size:,} bytes (target < 1,000,000)")


if __name__ == "__main__":
    main()
