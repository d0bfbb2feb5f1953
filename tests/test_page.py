"""The explorer page in a real browser: Debian's Chromium driven by Playwright.

Locally these tests skip (with the reason) when Chromium is missing; under
CI (``CI=true``) they fail instead, so CI can never pass without running them.
The browser (tests/conftest.py) is started once per run; each test gets a fresh context.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import yaml

from graph.formats.yamlfile import load_graph_dir
from graph.errors import AmbiguousName, NameNotFound, NoPath
from graph.exporters import export
from graph.language.names import normalize
from graph.questions.query import paths
from graph.teaching.wording import citation, edge_record, evidence_text
from tests.evil_graph import EVIDENCE_NOTE, NODE_IDS, SECTION, STUDY_AUTHORS, STUDY_TITLE, TITLE, all_texts, payload, write_evil_graph

PF, LBP = "plantar-fasciitis", "lower-back-pain"


class Page:
    """A page plus everything it logged, requested and opened."""

    def __init__(self, browser, url: str, viewport=(1400, 900)):
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.console: list[tuple[str, str]] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.console.append((m.type, m.text)))
        self.page.on("pageerror", lambda e: self.console.append(("pageerror", str(e))))

        def on_dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.goto(url)
        self.page.wait_for_function("() => window.footbackReady === true", timeout=15000)

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def errors(self) -> list[tuple[str, str]]:
        return [(t, m) for t, m in self.console if t in ("error", "pageerror", "warning")]

    def node_point(self, node: str) -> tuple[float, float]:
        """Where node is on the screen; the whole drawing is fitted first (as Fit does) when it is out of view."""
        box = self.page.locator("#fb-network").bounding_box()
        p = self.js("(id) => footback.network.canvasToDOM(footback.network.getPositions([id])[id])", node)
        if not (20 < p["x"] < box["width"] - 20 and 20 < p["y"] < box["height"] - 60):
            self.fit_whole()
        p = self.js("(id) => footback.network.canvasToDOM(footback.network.getPositions([id])[id])", node)
        return box["x"] + p["x"], box["y"] + p["y"]

    def fit_whole(self) -> None:
        """The whole drawing in view, as the Fit button shows it (the first view may show part)."""
        self.js("footback.fitView()")
        self.page.wait_for_function("() => !footback.moving()", timeout=5000)
        self.frame()

    def frame(self) -> None:
        """Wait for a drawn frame and the tasks after it (vis-network measures labels as it draws them)."""
        self.js("() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))")


@pytest.fixture(scope="module")
def curated_page_file(tmp_path_factory, curated):
    out = tmp_path_factory.mktemp("page") / "footback.html"
    export(curated, "html", out)
    return out


@pytest.fixture
def open_page(browser):
    opened: list[Page] = []

    def _open(path: Path, fragment: str = "", **kw) -> Page:
        page = Page(browser, Path(path).resolve().as_uri() + fragment, **kw)
        opened.append(page)
        return page

    yield _open
    for p in opened:
        p.context.close()


def _path_nodes(G, s, t) -> list[str]:
    return sorted({n for p in paths(G, s, t) for n in p["nodes"]})


def test_page_is_offline_ready_and_draws_every_node_and_edge(open_page, curated_page_file, curated):
    page = open_page(curated_page_file)
    assert page.js("window.footbackReady") is True
    assert page.js("footback.drawnCounts()") == {"nodes": curated.number_of_nodes(), "edges": curated.number_of_edges()}
    assert [u for u in page.requests if not u.startswith("file:")] == []
    assert page.errors() == []
    assert page.dialogs == []
    # The disclaimer is on screen.
    assert page.page.locator("#fb-disclaimer").is_visible()
    assert "not medical advice" in page.page.locator("#fb-disclaimer").inner_text()


OVERLAPS = """() => {
  const boxes = footback.nodes.getIds().map(id => {
    const n = footback.network.body.nodes[id], s = n.shape, L = s.labelModule.size;
    let r = {l: n.x - s.width / 2, t: n.y - s.height / 2, r: n.x + s.width / 2, b: n.y + s.height / 2};
    if (L && L.width) {  // a label drawn below its shape
      r = {l: Math.min(r.l, L.left), t: Math.min(r.t, L.top), r: Math.max(r.r, L.left + L.width), b: Math.max(r.b, L.top + L.height)};
    }
    return [id, r];
  });
  const out = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i][1], b = boxes[j][1];
    if (a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b) out.push([boxes[i][0], boxes[j][0]]);
  }
  return out;
}"""


def test_no_node_or_label_overlaps_another_in_the_body_layout(open_page, curated_page_file):
    page = open_page(curated_page_file)
    page.fit_whole()  # the first view shows part of the drawing; vis-network measures a label once it is drawn
    assert page.js(OVERLAPS) == []


# The whole 92-node drawing fits at about 8.5 px labels at 1024x768 (and 1400x900 with the
# panel); the first view shows the story from the feet up at a readable size instead, and Fit shows it all.
READABLE_PX = 14


def test_labels_are_readable_at_the_default_zoom_of_a_1400x900_window(open_page, curated_page_file):
    page = open_page(curated_page_file)
    assert page.js(LABEL_PX) >= READABLE_PX  # labels at least 14 px high
    # The story from the feet up: the foot problems and the legs in view, the body regions lane left of it.
    shown = page.js(SHOWN)
    assert {PF, "flat-feet", "bunion", "achilles-tendonitis", "sciatica", "cauda-equina-compression"} <= set(shown)
    assert "toes" not in shown and "spine" not in shown
    assert page.page.locator("#fb-fit").inner_text() == "Fit: show all"
    page.page.click("#fb-fit")
    page.page.wait_for_function("() => !footback.moving()", timeout=5000)
    assert page.js(IN_VIEW) == []  # Fit: the whole drawing
    assert page.js(LABEL_PX) < READABLE_PX
    assert page.page.locator("#fb-fit").inner_text() == "Fit"
    assert page.errors() == []


LABEL_PX = "footback.network.getScale() * footback.data.vis.options.nodes.font.size"
IN_VIEW = """() => {
  const c = document.getElementById('fb-network'), t = document.getElementById('fb-toolbar').getBoundingClientRect();
  const r = c.getBoundingClientRect(), out = [];
  for (const id of footback.nodes.getIds()) {
    const b = footback.network.getBoundingBox(id);
    const a = footback.network.canvasToDOM({x: b.left, y: b.top}), z = footback.network.canvasToDOM({x: b.right, y: b.bottom});
    if (a.x < 0 || a.y < 0 || z.x > c.clientWidth || r.top + z.y > t.top) out.push(id);
  }
  return out;
}"""


SHOWN = """() => {
  const c = document.getElementById('fb-network'), t = document.getElementById('fb-toolbar').getBoundingClientRect();
  const r = c.getBoundingClientRect(), out = [];
  for (const id of footback.nodes.getIds()) {
    const p = footback.network.canvasToDOM(footback.network.getPositions([id])[id]);
    if (p.x > 0 && p.y > 0 && p.x < c.clientWidth && r.top + p.y < t.top) out.push(id);
  }
  return out.sort();
}"""


def test_labels_are_readable_on_a_1024x768_projector(open_page, curated_page_file):
    page = open_page(curated_page_file, viewport=(1024, 768))
    # The side panel starts hidden, so the drawing takes the whole width.
    assert page.js("document.body.classList.contains('fb-wide')") is True
    assert page.page.locator("#fb-panel").inner_text() == "Show panel"
    assert page.js(LABEL_PX) >= READABLE_PX
    # The opening view: the conditions from the feet up to the legs, none under the toolbar.
    shown = page.js(SHOWN)
    assert {PF, "flat-feet", "bunion", "achilles-tendonitis", "sciatica"} <= set(shown)
    assert page.page.locator("#fb-fit").inner_text() == "Fit: show all"
    page.page.click("#fb-fit")  # a real click: nothing covers it
    page.page.wait_for_function("() => !footback.moving()", timeout=5000)
    assert page.js(IN_VIEW) == []  # the whole drawing, none of it under the toolbar
    whole = page.js(LABEL_PX)
    # Zooming out from the first view reaches the whole drawing too, not only Fit.
    again = open_page(curated_page_file, viewport=(1024, 768))
    for _ in range(6):
        again.page.click("#fb-zoom-out")
    assert again.js(LABEL_PX) <= whole
    page.page.click("#fb-panel")
    assert page.page.locator("#fb-search").is_visible()
    # A link to a path keeps the panel, which lists the path's steps.
    with_path = open_page(curated_page_file, f"#path={PF},{LBP}", viewport=(1024, 768))
    assert with_path.js("document.body.classList.contains('fb-wide')") is False
    # A wide window keeps its panel too, and the toolbar covers nothing.
    wide = open_page(curated_page_file, viewport=(1400, 900))
    assert wide.js("document.body.classList.contains('fb-wide')") is False
    wide.fit_whole()
    assert wide.js(IN_VIEW) == []
    assert page.errors() == [] and with_path.errors() == [] and wide.errors() == []


def test_clicking_a_node_shows_its_details_with_notes_and_sections(open_page, curated_page_file, curated):
    page = open_page(curated_page_file)
    x, y = page.node_point(PF)
    page.page.mouse.click(x, y)
    panel = page.page.locator("#fb-details")
    panel.wait_for(state="visible")
    assert page.page.locator("#fb-details-h").inner_text() == "Plantar fasciitis"
    text = panel.inner_text()
    assert curated.nodes[PF]["description"] in text
    assert "Condition" in text and "policeman's heel" in text and "ICD10CM:M72.2" in text
    for _, v, d in curated.out_edges(PF, data=True):
        assert d["note"] in text
        assert d["section"] in text
        assert curated.nodes[v]["label"] in text
    assert "Plantar fascia" in page.page.locator("#fb-details dl").inner_text()  # body region
    assert page.js("footback.state.selected") == PF
    assert page.errors() == []


def test_path_finder_highlights_exactly_the_cli_paths(open_page, curated_page_file, curated):
    page = open_page(curated_page_file)
    page.page.select_option("#fb-source", PF)
    page.page.select_option("#fb-target", LBP)
    page.page.click("#fb-find")
    assert page.js("footback.highlighted()") == _path_nodes(curated, PF, LBP)
    expected = paths(curated, PF, LBP)
    items = page.page.locator("#fb-paths li.fb-path")
    assert items.count() == len(expected)
    listing = page.page.locator("#fb-paths").inner_text()
    for p in expected:
        for e in p["edges"]:
            assert e["note"] in listing and all(sec in listing for sec in e["section"])
            assert e["evidence"]["note"] in listing  # each step says how sure research is
    # Path nodes are drawn over the veil that fades the others.
    assert set(page.js("footback.lit()")) == set(_path_nodes(curated, PF, LBP))
    # One path alone, then all again.
    page.page.locator("#fb-paths li.fb-path").nth(1).locator("button.fb-path-head").click()
    assert page.js("footback.highlighted()") == sorted(expected[1]["nodes"])
    assert page.js("location.hash") == f"#path={PF},{LBP}&show=2"
    page.page.locator("#fb-paths li.fb-path").nth(1).locator("button.fb-path-head").click()
    # The address now names the view; opening it elsewhere reproduces it.
    assert page.js("location.hash") == f"#path={PF},{LBP}"
    again = open_page(curated_page_file, f"#path={PF},{LBP}")
    assert again.js("footback.highlighted()") == _path_nodes(curated, PF, LBP)
    assert page.errors() == [] and again.errors() == []


def test_in_page_paths_match_the_library_for_every_pair(open_page, curated_page_file, curated):
    page = open_page(curated_page_file)
    expected = {}
    for s in curated:
        for t in curated:
            if s != t:
                try:
                    expected[f"{s}|{t}"] = [p["nodes"] for p in paths(curated, s, t)]
                except NoPath:
                    expected[f"{s}|{t}"] = []
    got = page.js(
        "(pairs) => Object.fromEntries(pairs.map(k => [k, footback.findPaths(...k.split('|')).map(p => p.nodes)]))",
        list(expected),
    )
    assert got == expected
    assert sum(1 for v in expected.values() if v) > 50


def test_in_page_paths_keep_the_library_tie_order_on_a_dense_graph(open_page, tmp_path):
    """Many equal-length paths: the page must list them in networkx's order."""
    rng = random.Random(4)
    ids = [f"n{i}" for i in range(24)]
    nodes = [{"id": n, "label": f"Node {n}", "type": rng.choice(["condition", "mechanism", "symptom"]), "description": "x"} for n in ids]
    pairs = set()
    while len(pairs) < 90:
        u, v = rng.sample(ids, 2)
        pairs.add((u, v))
    edges = [{"from": u, "relation": "causes", "to": v, "cites": "s", "section": "A", "note": f"{u} to {v}"} for u, v in sorted(pairs, key=lambda p: rng.random())]
    d = tmp_path / "dense"
    d.mkdir()
    (d / "g.yaml").write_text(yaml.safe_dump({"about": {"title": "Dense", "disclaimer": "Test only."}, "sources": [{"id": "s", "title": "S", "sections": ["A"]}], "nodes": nodes, "edges": edges}))
    G = load_graph_dir(d)
    out = tmp_path / "dense.html"
    export(G, "html", out)
    page = open_page(out)
    expected = {}
    for s in ids:
        for t in ids:
            if s != t:
                try:
                    expected[f"{s}|{t}"] = [p["nodes"] for p in paths(G, s, t)]
                except NoPath:
                    expected[f"{s}|{t}"] = []
    got = page.js(
        "(pairs) => Object.fromEntries(pairs.map(k => [k, footback.findPaths(...k.split('|')).map(p => p.nodes)]))",
        list(expected),
    )
    assert got == expected
    assert max(len(v) for v in expected.values()) == 10  # the limit is reached: ties matter


def test_path_finder_works_from_the_keyboard(open_page, curated_page_file, curated):
    page = open_page(curated_page_file)
    kb = page.page.keyboard
    for _ in range(10):  # Tab from the top of the page to the first picker
        kb.press("Tab")
        if page.js("document.activeElement.id") == "fb-source":
            break
    assert page.js("document.activeElement.id") == "fb-source"
    kb.type("Plantar")  # a select's type-ahead
    kb.press("Tab")
    assert page.js("document.activeElement.id") == "fb-target"
    kb.type("Lower back p")
    kb.press("Enter")
    assert page.js("[footback.state.path.source, footback.state.path.target]") == [PF, LBP]
    assert page.js("footback.highlighted()") == _path_nodes(curated, PF, LBP)
    kb.press("Escape")
    assert page.js("footback.highlighted()") == []


def test_export_with_path_opens_highlighted(open_page, runner, tmp_path, curated):
    from cli import cli

    out = tmp_path / "path.html"
    result = runner.invoke(cli, ["export", "html", "--path", "plantar fasciitis", "low back pain", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = open_page(out)
    assert page.js("footback.highlighted()") == _path_nodes(curated, PF, LBP)
    assert page.page.locator("#fb-paths li.fb-path").count() == len(paths(curated, PF, LBP))
    assert page.page.locator("#fb-source").input_value() == PF
    assert page.errors() == []


def test_filters_hide_and_show_nodes_and_links(open_page, curated_page_file, curated):
    page = open_page(curated_page_file)
    n, m = curated.number_of_nodes(), curated.number_of_edges()
    regions = [v for v, t in curated.nodes(data="type") if t == "body_region"]
    touching = [1 for u, v in curated.edges() if u in regions or v in regions]
    page.page.locator('#fb-type-filters input[data-type="body_region"]').uncheck()
    assert page.js("footback.drawnCounts()") == {"nodes": n - len(regions), "edges": m - len(touching)}
    assert page.js("footback.nodes.get('spine').hidden") is True
    assert "hide=body_region" in page.js("location.hash")
    page.page.locator('#fb-rel-filters input[data-relation="causes"]').uncheck()
    causes = sum(1 for *_, r in curated.edges(data="relation") if r == "causes")
    assert page.js("footback.drawnCounts()") == {"nodes": n - len(regions), "edges": m - len(touching) - causes}
    page.page.locator('#fb-type-filters input[data-type="body_region"]').check()
    page.page.locator('#fb-rel-filters input[data-relation="causes"]').check()
    assert page.js("footback.drawnCounts()") == {"nodes": n, "edges": m}
    assert page.errors() == []


def test_search_accepts_the_names_the_cli_accepts(open_page, curated_page_file, curated):
    from graph.language.names import name_index, resolve

    page = open_page(curated_page_file)
    # Keyboard only: Tab reaches the skip link, then the search box; Enter finds.
    page.page.keyboard.press("Tab")
    assert page.js("document.activeElement.id") == "fb-skip-drawing"
    page.page.keyboard.press("Tab")
    assert page.js("document.activeElement.id") == "fb-search"
    page.page.keyboard.type("Lumbago")
    page.page.keyboard.press("Enter")
    assert page.js("footback.state.selected") == LBP
    assert page.page.locator("#fb-details-h").inner_text() == "Lower back pain"
    # Every name, variants and typos resolve as the library resolves them
    # (the same node, the same ambiguity, or nothing).
    names = [n for node in curated for n in (node, curated.nodes[node]["label"], *curated.nodes[node]["synonyms"])]
    typos = [
        "Flat-Foot",
        "bunions",
        "  SCIATICA ",
        "Achilles' tendinitis",
        "plantar fascitis",
        "bunyons",
        "sciatia",
        "heal pain",
        "stenosis",
        "sciatic",
        "sore feets",
        "calm",
        "lip",
        "xyzzy",
        "numb toes",
        "tingling feet",
        "lower bak pain",
        "orthotic",
        "spinal",
        "nerve",
        "neck pain",
        "arm pain",
        "head pain",
        "neck stiffness",
        "slipped disk",
        "lowerback pain",
        "hallux valgs",
        "lip pain",
    ]
    variants = names + [n.upper() for n in names] + [n + "s" for n in names] + [n[:-1] for n in names if len(n) > 6] + typos

    def outcome(name):
        try:
            return ["id", resolve(curated, name)]
        except AmbiguousName as err:
            return ["ambiguous", sorted(err.candidates)]
        except NameNotFound:
            return ["none"]

    got = page.js("(ns) => ns.map(n => { const r = footback.resolveName(n); return r.id ? ['id', r.id] : r.ambiguous ? ['ambiguous', r.ambiguous] : ['none']; })", variants)
    assert got == [outcome(v) for v in variants]
    assert {tuple(o[:1]) for o in got} == {("id",), ("ambiguous",), ("none",)}
    # The port of normalize is faithful, accents and apostrophes included.
    tricky = variants + ["Pés Planús", "policeman’s heel", "Vertebrae", "calves", "ABCs", "glass", "x-rays", "a.b/c"]
    assert page.js("(ns) => ns.map(footback.normalize)", tricky) == [normalize(t) for t in tricky]
    from graph.language.words import with_everyday

    assert set(page.js("Object.keys(footback.data.names)")) == set(with_everyday(curated, name_index(curated)))


def test_page_reads_everyday_phrases_as_the_library_does(open_page, curated_page_file, curated):
    """The shared table of everyday phrases (tests/data/everyday-phrases.json): the
    page's port picks the same node, the same ambiguity, the same thing-not-held with
    its nearest node, and the same suggestions as graph.language.names.resolve."""
    import json

    from graph.errors import NotInGraph
    from graph.language.names import name_index, resolve
    from graph.language.words import phrase_key, with_everyday

    rows = json.loads((Path(__file__).parent / "data" / "everyday-phrases.json").read_text())["phrases"]
    phrases = [r["phrase"] for r in rows] + ["my heel hurts", "pain in the feet and toes", "sore heels", "the", "heels", "neck stiffness", "spinal thing", "flat foots arch", "bony heel spur"]
    page = open_page(curated_page_file)

    def outcome(name):
        try:
            return {"id": resolve(curated, name)}
        except NotInGraph as err:
            return {"candidates": [err.nearest], "note": err.note, "notInGraph": err.nearest}
        except AmbiguousName as err:
            return {"ambiguous": sorted(err.candidates)}
        except NameNotFound as err:
            return {"candidates": err.suggestions}

    got = page.js("(ns) => ns.map(n => footback.resolveName(n))", phrases)
    assert got == [outcome(p) for p in phrases]
    for row, r in zip(rows, got):
        assert not set(row["never"]) & set(r.get("candidates", []) + r.get("ambiguous", []))
    assert page.js("(ns) => ns.map(footback.phraseKey)", phrases) == [phrase_key(p) for p in phrases]
    assert set(page.js("Object.keys(footback.data.names)")) == set(with_everyday(curated, name_index(curated)))
    # The search box says plainly that a heel spur is not in the graph, and offers its relative.
    page.page.fill("#fb-search", "heel spur")
    page.page.press("#fb-search", "Enter")
    said = page.page.locator("#fb-search-result").inner_text()
    assert "is not in this graph" in said and "not the same thing" in said and "Plantar fasciitis" in said
    page.page.fill("#fb-search", "pain in my lower back")
    page.page.press("#fb-search", "Enter")
    assert page.js("footback.state.selected") == LBP
    assert page.errors() == []


def test_hover_highlights_the_neighbourhood(open_page, curated_page_file, curated):
    page = open_page(curated_page_file)
    x, y = page.node_point("heel-pain")
    page.page.mouse.move(x, y)
    page.page.wait_for_function("() => footback.state.hover === 'heel-pain'")
    near = {"heel-pain"} | set(curated.successors("heel-pain")) | set(curated.predecessors("heel-pain"))
    assert set(page.js("footback.lit()")) == near
    page.page.mouse.move(x, y + 400)  # off the node, still on the drawing
    page.page.mouse.move(2, 2)  # and off the drawing
    page.page.wait_for_function("() => footback.state.hover === null")


# Counts vis-network's drawings of every node (not the highlight's few), and reads the overlay's veil.
COUNT_FULL_DRAWS = """() => { window.__full = 0; const r = footback.network.renderer, own = r._drawNodes;
  r._drawNodes = function () { window.__full += 1; return own.apply(this, arguments); }; }"""
FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))"
VEIL = """() => { const o = document.querySelector('#fb-network canvas.fb-overlay'), c = document.createElement('canvas');
  c.width = c.height = 1; const ctx = c.getContext('2d'); ctx.drawImage(o, 2, 2, 1, 1, 0, 0, 1, 1);
  return ctx.getImageData(0, 0, 1, 1).data[3]; }"""


def test_a_hover_draws_only_the_highlight_over_the_drawing_as_it_is(open_page, curated_page_file, curated):
    page = open_page(curated_page_file)
    page.js(COUNT_FULL_DRAWS)
    x, y = page.node_point("heel-pain")
    page.page.mouse.move(x, y)
    page.page.wait_for_function("() => footback.state.hover === 'heel-pain'")
    page.js(FRAMES)
    assert page.js("window.__full") == 0  # nothing under the highlight was drawn again
    assert page.js(VEIL) > 0  # the veil over the rest
    page.page.mouse.move(2, 2)
    page.page.wait_for_function("() => footback.state.hover === null")
    page.js(FRAMES)
    assert page.js(VEIL) == 0 and page.js("window.__full") == 0
    # A change of view draws everything anew, once.
    page.page.click("#fb-zoom-in")
    page.js(FRAMES)
    assert page.js("window.__full") == 1
    assert page.errors() == []


def test_a_click_on_a_graph_of_thousands_paints_its_highlight_without_drawing_it_all(open_page, tmp_path):
    import importlib.util

    spec = importlib.util.spec_from_file_location("page_speed", Path(__file__).resolve().parent.parent / "bench" / "page_speed.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    G = bench.generated_graph(1200, 1800)
    out = tmp_path / "big.html"
    export(G, "html", out, max_nodes=None)
    page = open_page(out)
    page.fit_whole()
    page.js(COUNT_FULL_DRAWS)
    view = page.js("[footback.network.getViewPosition(), footback.network.getScale()]")
    # The best-linked node in the left half (clear of the details panel that the click opens).
    width = page.page.locator("#fb-network").bounding_box()["width"]
    xs = page.js("() => { const n = footback.network, p = n.getPositions(), out = {}; for (const id in p) out[id] = n.canvasToDOM(p[id]).x; return out; }")
    left = [n for n, x in xs.items() if 40 < x < width / 2]
    node = max(sorted(left), key=G.degree)
    page.page.mouse.click(*page.node_point(node))
    page.page.wait_for_function("(id) => footback.state.selected === id", arg=node)
    page.js(FRAMES)
    assert set(page.js("footback.lit()")) == {node, *G.successors(node), *G.predecessors(node)}
    # Its neighbours lie all over a drawing of thousands: the view stays, so nothing under the highlight is drawn again.
    assert page.js("[footback.network.getViewPosition(), footback.network.getScale()]") == view
    assert page.js("window.__full") == 0
    assert page.errors() == []


def test_side_panel_can_be_hidden_for_a_projector(open_page, curated_page_file):
    page = open_page(curated_page_file)
    width = page.page.locator("#fb-network").bounding_box()["width"]
    page.page.click("#fb-panel")
    assert not page.page.locator("#fb-side").is_visible()
    assert page.page.locator("#fb-network").bounding_box()["width"] > width + 200
    page.page.click("#fb-panel")
    assert page.page.locator("#fb-side").is_visible()


def test_layout_toggle_and_back(open_page, curated_page_file):
    page = open_page(curated_page_file)
    home = page.js("footback.network.getPositions(['spine', 'foot'])")
    page.page.click("#fb-layout")
    page.page.wait_for_function("() => footback.network.physics.physicsEnabled === false && footback.state.layout === 'force'", timeout=15000)
    assert page.js("footback.network.getPositions(['spine', 'foot'])") != home
    page.page.click("#fb-layout")
    assert page.js("footback.network.getPositions(['spine', 'foot'])") == home
    assert page.errors() == []


def test_focus_export_shows_what_was_left_out(open_page, runner, tmp_path):
    from cli import cli

    out = tmp_path / "focus.html"
    result = runner.invoke(cli, ["export", "html", "--focus", "sciatica", "--radius", "2", "--max-nodes", "6", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = open_page(out)
    assert page.js("footback.drawnCounts().nodes") == 6
    note = page.page.locator("#fb-note")
    assert note.is_visible()
    assert "Sciatica" in note.inner_text() and "left out" in note.inner_text()


def test_malicious_graph_shows_text_and_runs_nothing(open_page, tmp_path, tiny):
    benign = tmp_path / "tiny.html"
    export(tiny, "html", benign)
    d = write_evil_graph(tmp_path / "evil")
    G = load_graph_dir(d)
    out = tmp_path / "evil.html"
    export(G, "html", out, path=(NODE_IDS[0], NODE_IDS[2]))
    page = open_page(out, f"#node={NODE_IDS[1]}")
    count_elements = """() => ({
        scripts: document.scripts.length,
        bad: document.querySelectorAll('img, iframe, svg [onload], b, object, embed').length,
        handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
        all: document.getElementsByTagName('*').length,
    })"""
    baseline = open_page(benign).js(count_elements)
    before = page.js(count_elements)
    assert before["scripts"] == baseline["scripts"] and before["bad"] == 0 and before["handlers"] == 0
    assert page.js("document.title").startswith(TITLE)
    assert page.page.locator("#fb-details-h").inner_text() == payload("script", 11)
    # Use every feature that writes text: details of each node, search, paths, hover.
    for nid in NODE_IDS:
        page.js("(id) => footback.focusNode(id, {animate: false})", nid)
        assert SECTION in page.page.locator("#fb-details").inner_text() or nid == "evil-condition"
    page.page.fill("#fb-search", payload("img", 10))
    page.page.press("#fb-search", "Enter")
    page.page.fill("#fb-search", "<img src=x onerror=alert(99)>")
    page.page.press("#fb-search", "Enter")
    assert page.js("footback.highlighted()") == sorted(NODE_IDS[:3])
    x, y = page.node_point(NODE_IDS[3])
    page.page.mouse.move(x, y)
    page.page.wait_for_timeout(100)
    after = page.js(count_elements)
    assert after["scripts"] == baseline["scripts"] and after["bad"] == 0 and after["handlers"] == 0
    assert page.dialogs == []
    assert page.errors() == []
    # An injected <img src=x> would have asked for file:///.../x: only the page was loaded.
    assert [u.split("#")[0] for u in page.requests] == [out.resolve().as_uri()]
    shown = page.page.locator("body").inner_text()
    assert payload("script", 11) in shown and payload("img", 10) in shown
    assert sum(t in shown for t in all_texts()) >= 10
    # The evidence panels (level, note, the reference's authors and title) show text too.
    page.js("(id) => footback.focusNode(id, {animate: false})", NODE_IDS[1])
    details = page.page.locator("#fb-details").inner_text()
    assert EVIDENCE_NOTE in details and STUDY_TITLE in details and STUDY_AUTHORS in details


@pytest.mark.parametrize("size", [(1400, 900), (1024, 768)])
def test_scrolling_the_side_panel_never_scrolls_the_page(open_page, curated_page_file, size):
    """A long path list and an open lesson fill the panel; only the panel scrolls."""
    page = open_page(curated_page_file, f"#path={PF},{LBP}", viewport=size)
    if page.js("document.body.classList.contains('fb-wide')"):
        page.page.click("#fb-panel")  # narrow windows start with the panel hidden
    page.page.select_option("#fb-lesson-pick", index=1)
    page.js(f"footback.showPaths('{PF}', '{LBP}')")
    side = page.page.locator("#fb-side")
    assert page.js("(s => s.scrollHeight > s.clientHeight + 500)(document.getElementById('fb-side'))")
    assert page.js("document.documentElement.scrollHeight") == size[1]
    box = side.bounding_box()
    page.page.mouse.move(box["x"] + 100, box["y"] + box["height"] / 2)
    for _ in range(30):
        page.page.mouse.wheel(0, 400)
    page.page.wait_for_timeout(200)
    assert page.js("window.scrollY") == 0
    assert page.js("document.getElementById('fb-side').scrollTop") > 0
    assert page.errors() == []


@pytest.mark.parametrize("fragment", ["#node=%", "#path=plantar%20fasciitis,lower%2", "#hide=%E0%A4%A&node=sciatica"])
def test_a_damaged_link_opens_the_page_with_a_note(browser, curated_page_file, fragment):
    """A malformed % escape (a link cut short) must not stop the page: it becomes ready and says so."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("console", lambda m: m.type in ("error", "warning") and problems.append(m.text))
        page.goto(curated_page_file.resolve().as_uri() + fragment)
        page.wait_for_function("() => window.footbackReady === true", timeout=5000)
        assert page.evaluate("typeof window.footback.focusNode") == "function"
        assert page.locator("#fb-lessons").is_visible()
        note = page.locator("#fb-note")
        assert note.is_visible() and "could not be read" in note.inner_text()
        # What could be read still applies; the address now names the view shown.
        if "node=sciatica" in fragment:
            assert page.evaluate("footback.state.selected") == "sciatica"
        assert page.evaluate("location.hash") == ("#node=sciatica" if "node=sciatica" in fragment else "")
        assert problems == []
    finally:
        context.close()


def test_changing_the_address_replaces_the_view(open_page, curated_page_file, runner, tmp_path):
    page = open_page(curated_page_file, f"#path={PF},{LBP}&hide=treatment&layout=force")
    assert page.js("footback.state.layout") == "force"
    page.js("location.hash = '#node=sciatica'")
    page.page.wait_for_function("() => footback.state.selected === 'sciatica'")
    assert page.js("location.hash") == "#node=sciatica"
    assert page.js("[footback.state.layout, footback.state.path, Object.keys(footback.state.hiddenTypes)]") == ["anatomy", None, []]
    assert page.js("document.querySelector('#fb-type-filters input[data-type=treatment]').checked") is True
    page.js("location.hash = '#path=flat-feet,lower-back-pain&hide=located_in'")
    page.page.wait_for_function("() => footback.state.path && footback.state.path.source === 'flat-feet'")
    assert page.js("location.hash") == "#path=flat-feet,lower-back-pain&hide=located_in"
    assert page.js("footback.state.selected") is None and page.page.locator("#fb-details").is_hidden()
    # On a page exported with --path the exported view is the default: changing the
    # address in an open tab gives what opening that address in a new tab gives.
    from cli import cli

    out = tmp_path / "pf.html"
    assert runner.invoke(cli, ["export", "html", "--path", PF, LBP, "-o", str(out)]).exit_code == 0
    changed = open_page(out, "#layout=force&hide=treatment")
    changed.js("location.hash = '#node=sciatica'")
    changed.page.wait_for_function("() => footback.state.selected === 'sciatica'")
    fresh = open_page(out, "#node=sciatica")
    assert changed.js("footback.currentHash()") == fresh.js("footback.currentHash()") == f"path={PF},{LBP}&node=sciatica"
    assert page.errors() == [] and changed.errors() == [] and fresh.errors() == []


def test_a_phone_gets_no_sideways_scroll_and_the_note_leaves_the_drawing_free(open_page, curated_page_file, runner, tmp_path):
    from cli import cli

    page = open_page(curated_page_file, f"#path={PF},{LBP}", viewport=(390, 844))
    assert page.js("document.documentElement.scrollWidth") == 390
    title = page.page.locator("#fb-title").bounding_box()
    assert title["x"] + title["width"] <= 390
    out = tmp_path / "focus.html"
    result = runner.invoke(cli, ["export", "html", "--focus", "lumbago", "--radius", "2", "--max-nodes", "10", "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = open_page(out, viewport=(390, 844))
    assert page.js("document.documentElement.scrollWidth") == 390
    note = page.page.locator("#fb-note").bounding_box()
    drawing = page.page.locator("#fb-network").bounding_box()
    assert note["y"] + note["height"] <= drawing["y"] + 1  # above the drawing, not over it
    assert note["height"] <= 120 and drawing["height"] >= 300
    assert page.errors() == []


def test_the_drawing_is_one_labelled_tab_stop(open_page, curated_page_file):
    page = open_page(curated_page_file)
    stops = page.js("""() => [document.getElementById('fb-network'), ...document.querySelectorAll('#fb-network *')]
        .filter(e => e.tabIndex >= 0).map(e => [e.className, e.getAttribute('aria-label') || ''])""")
    assert len(stops) == 1 and stops[0][1].startswith("Graph drawing")
    # Keyboard focus reaches it, and its arrow keys move the view.
    page.page.focus("#fb-network .vis-network")
    before = page.js("footback.network.getViewPosition()")
    page.page.keyboard.down("ArrowRight")
    page.page.wait_for_timeout(150)
    page.page.keyboard.up("ArrowRight")
    assert page.js("footback.network.getViewPosition()") != before


def test_a_clicked_node_is_not_left_behind_the_details_panel(open_page, curated_page_file):
    page = open_page(curated_page_file)
    node = page.js("""() => { const p = footback.network.getPositions();
        return Object.keys(p).sort((a, b) => p[b].x - p[a].x || (a < b ? -1 : 1))[0]; }""")  # the rightmost
    x, y = page.node_point(node)
    page.page.mouse.click(x, y)
    page.page.locator("#fb-details").wait_for(state="visible")
    page.page.wait_for_function("() => !footback.moving()", timeout=5000)  # the view moves in 450 ms, longer on a slow machine
    assert page.js("footback.state.selected") == node
    panel = page.page.locator("#fb-details").bounding_box()
    box = page.page.locator("#fb-network").bounding_box()
    right = page.js("(id) => footback.network.canvasToDOM({x: footback.network.getBoundingBox(id).right, y: 0}).x", node)
    assert box["x"] + right <= panel["x"]
    assert page.errors() == []


NOTE_COVERS = """() => {
  const note = document.getElementById('fb-note').getBoundingClientRect();
  const r = document.getElementById('fb-network').getBoundingClientRect(), out = [];
  const bands = footback.data.layout.bands;
  // The lane headings are drawn above the first band, up to 40 units over it.
  if (r.top + footback.network.canvasToDOM({x: 0, y: bands[0].y0 - 40}).y < note.bottom) out.push('lane headings');
  for (const id of footback.nodes.getIds()) {
    const b = footback.network.getBoundingBox(id), a = footback.network.canvasToDOM({x: b.left, y: b.top});
    if (r.top + a.y < note.bottom) out.push(id);
  }
  return out;
}"""


@pytest.mark.parametrize("args", [["--focus", "plantar fasciitis", "--radius", "3"], ["--path", "plantar fasciitis", "lower back pain", "--max-nodes", "5"]])
@pytest.mark.parametrize("size", [(1024, 768), (1400, 900)])
def test_the_left_out_note_covers_no_heading_or_node(open_page, runner, tmp_path, args, size):
    from cli import cli

    out = tmp_path / "narrow.html"
    assert runner.invoke(cli, ["export", "html", *args, "-o", str(out)]).exit_code == 0
    page = open_page(out, viewport=size)
    assert page.page.locator("#fb-note").is_visible()
    assert page.js(NOTE_COVERS) == []
    assert page.js(IN_VIEW) == []  # and nothing under the toolbar
    assert page.errors() == []


def test_in_page_path_finder_is_bounded_in_work_and_agrees_when_cut_short(open_page, tmp_path):
    """Issue 13.4 on the page: the same work budget as the CLI, counted the same way."""
    from tests.evil_graph import layered_graph

    G = layered_graph()
    out = tmp_path / "layered.html"
    export(G, "html", out)
    page = open_page(out)
    got = page.js("() => { const r = footback.findPaths('s', 't', {maxHops: 100, limit: 10000}); return {nodes: r.map(p => p.nodes), truncated: r.truncated}; }")
    expected = paths(G, "s", "t", max_hops=100, limit=10_000)
    assert got["truncated"] is True and expected.truncated
    assert 0 < len(got["nodes"]) < 10_000
    assert got["nodes"] == [p["nodes"] for p in expected]
    page.js("() => footback.showPaths('s', 't', {maxHops: 100, limit: 10000})")
    assert page.errors() == []


# --- how sure each link is -----------------------------------------------------------------


def test_details_show_each_link_s_evidence_and_references(open_page, curated_page_file, curated):
    page = open_page(curated_page_file, "#node=orthotics")
    panel = page.page.locator("#fb-details")
    panel.wait_for(state="visible")
    text = panel.inner_text()
    d = curated.edges["orthotics", LBP, "treats"]
    assert d["evidence_level"] == "contradicted" and d["evidence_note"] in text
    badge = page.page.locator("#fb-details li .fb-level-contradicted")
    assert badge.count() == 1 and badge.inner_text() == "contradicted"
    # Worded as the CLI words it (tests/data/golden/panels.json holds more cases).
    item = page.page.locator("#fb-details li", has=page.page.locator(".fb-level-contradicted"))
    record = edge_record(curated, "orthotics", LBP, "treats")
    assert item.locator(".fb-cite").inner_text() == "Source: " + citation(curated, record)
    assert item.locator(".fb-evidence").text_content().startswith(evidence_text(record["evidence"]))
    # The references as text (DOI and PMID shown, nothing fetched or linked).
    assert "Low back pain and sciatica in over 16s" in text and "doi:10.1186/1471-2474-15-140" in text
    assert page.js("document.querySelectorAll('#fb-details a[href^=\"http\"]').length") == 0
    assert page.errors() == []


def test_lines_are_drawn_by_evidence_with_a_legend(open_page, curated_page_file, curated):
    page = open_page(curated_page_file)
    widths = page.js("() => Object.fromEntries(footback.data.graph.edges.map(e => [e.source + '>' + e.target + '>' + e.relation, footback.edges.get(e.id).width]))")
    assert widths["herniated-disc>nerve-compression>causes"] > widths["bunion>weight-shift>causes"]
    colour = page.js("(id) => footback.edges.get(id).color.color", page.js("footback.data.graph.edges.find(e => e.source === 'orthotics' && e.target === 'lower-back-pain').id"))
    assert colour.lower() == "#c0392b"
    legend = page.page.locator("#fb-evidence-filters").inner_text()
    for level in ("established", "supported", "hypothesis", "contradicted"):
        assert level in legend


def test_only_links_research_supports(open_page, curated_page_file, curated):
    page = open_page(curated_page_file)
    page.page.locator("#fb-evidence-filter").check()
    hidden = page.js("() => footback.data.graph.edges.filter(e => footback.edges.get(e.id).hidden).map(e => e.evidence ? e.evidence.level : null)")
    shown = page.js("() => footback.data.graph.edges.filter(e => !footback.edges.get(e.id).hidden).map(e => e.evidence ? e.evidence.level : null)")
    assert set(hidden) == {"hypothesis", "contradicted"}
    assert set(shown) <= {"established", "supported", None}  # None: where things sit, not a claim
    assert "evidence=supported" in page.js("location.hash")
    # The address reopens the same view.
    again = open_page(curated_page_file, "#evidence=supported")
    assert again.js("footback.state.minEvidence") == "supported"
    assert again.page.locator("#fb-evidence-filter").is_checked()
    page.page.locator("#fb-evidence-filter").uncheck()
    assert page.js("() => footback.data.graph.edges.every(e => !footback.edges.get(e.id).hidden)")


def test_path_steps_say_how_sure(open_page, curated_page_file):
    page = open_page(curated_page_file, f"#path={PF},{LBP}")
    steps = page.page.locator("#fb-paths .fb-steps > li")
    assert steps.count() > 0
    for i in range(steps.count()):
        assert steps.nth(i).locator(".fb-level").count() == 1


def test_the_path_finder_follows_the_evidence_filter(open_page, curated_page_file, curated):
    """As `paths --min-evidence supported`: flat feet reach the back only through untested links."""
    page = open_page(curated_page_file, "#evidence=supported&path=flat-feet,lower-back-pain")
    assert page.js("footback.state.path.paths.length") == 0
    assert "evidence filter is on" in page.page.locator("#fb-paths").inner_text()
    page.page.locator("#fb-evidence-filter").uncheck()
    assert page.js("footback.state.path.paths.length") == len(paths(curated, "flat-feet", LBP))
    ok = open_page(curated_page_file, "#evidence=established&path=herniated-disc,foot-numbness")
    assert ok.js("footback.state.path.paths.length") == 1
    # The details panel says which links the filter hides.
    page.page.locator("#fb-evidence-filter").check()
    page.js("(id) => footback.focusNode(id, {animate: false})", "posture-change")
    assert page.page.locator("#fb-details li.fb-filtered").count() >= 3
    assert page.errors() == [] and ok.errors() == []
