"""Golden cases shared by the library and the page (tests/data/golden).

``names.json`` holds typed names and how they read; ``paths.json`` small graphs
and the paths between two of their nodes, in order; ``address.json`` the page's
addresses (URL fragments) written from a view and read back; ``panels.json`` how
a link's source and evidence are worded. Each case is run through the library
(graph.language.names.resolve, graph.questions.query.paths, graph.page.address,
graph.teaching.wording) and, in a real browser, through the page's own scripts
(names.js, paths.js, address.js, panels.js, loaded alone into a blank page and
fed the page data the export would embed), and both must give the answer the
file holds. A rule changed on one side only fails here.

view.js's geometry (zoom limits, fitting a box into the free part of the
drawing) has no Python counterpart: its cases are written here, not shared.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.errors import AmbiguousName, NameNotFound, NoPath, NotInGraph
from graph.language.names import related_to, resolve
from graph.model.evidence import references
from graph.model.records import edge_record
from graph.page.address import read_address, write_address
from graph.teaching.wording import citation, evidence_text
from graph.page.html import page_data, page_script
from graph.questions.query import DEFAULT_LIMIT, DEFAULT_MAX_HOPS, PATH_WORK_BUDGET, paths

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
NAMES = json.loads((GOLDEN / "names.json").read_text(encoding="utf-8"))
PATHS = json.loads((GOLDEN / "paths.json").read_text(encoding="utf-8"))
ADDRESS = json.loads((GOLDEN / "address.json").read_text(encoding="utf-8"))
PANELS = json.loads((GOLDEN / "panels.json").read_text(encoding="utf-8"))


def _case_id(case: dict[str, Any]) -> str:
    return f"{case['graph']}:{case.get('text') or case.get('source') + '->' + case.get('target')}{json.dumps(case.get('options', ''))}"


def _names_graph(name: str, curated: Any) -> Any:
    if name == "curated":
        return curated
    G = nx.MultiDiGraph()
    for n in NAMES["graphs"][name]["nodes"]:
        G.add_node(n["id"], **{k: v for k, v in n.items() if k != "id"})
    return G


def _paths_graph(name: str) -> nx.MultiDiGraph:
    spec = PATHS["graphs"][name]
    G = nx.MultiDiGraph()
    G.add_nodes_from(spec.get("nodes", []))
    for e in spec["edges"]:
        G.add_edge(e[0], e[1], relation=e[2] if len(e) > 2 else "causes")
    return G


def _bounds(case: dict[str, Any]) -> dict[str, int]:
    o = case.get("options", {})
    return {"max_hops": o.get("max_hops", DEFAULT_MAX_HOPS), "limit": o.get("limit", DEFAULT_LIMIT), "budget": o.get("budget", PATH_WORK_BUDGET)}


def library_reads(G: Any, text: str) -> dict[str, Any]:
    """How graph.language.names.resolve reads ``text``, in the golden file's terms."""
    try:
        return {"id": resolve(G, text)}
    except NotInGraph as err:
        return {"not_in_graph": err.nearest}
    except AmbiguousName as err:
        return {"ambiguous": sorted(err.candidates)}
    except NameNotFound as err:
        return {"related": err.suggestions} if related_to(G, text) else {"suggestions": err.suggestions}


def library_paths(G: Any, case: dict[str, Any]) -> dict[str, Any]:
    try:
        found = paths(G, case["source"], case["target"], **_bounds(case))
    except NoPath as err:  # none found: before the budget ran out, the message says
        return {"paths": [], "truncated": "stopped after" in str(err)}
    return {"paths": [p["nodes"] for p in found], "truncated": found.truncated is not None}


def test_golden_files_cover_what_matters():
    """The cases reach every kind of answer, not just the easy ones."""
    kinds = {next(iter(c["expect"])) for c in NAMES["cases"]}
    assert kinds == {"id", "ambiguous", "not_in_graph", "related", "suggestions"}
    assert any(c["expect"] == {"suggestions": []} for c in NAMES["cases"])
    got = [c["expect"] for c in PATHS["cases"]]
    assert any(not e["paths"] for e in got) and any(len(e["paths"]) >= 10 for e in got)
    assert any(e["truncated"] and e["paths"] for e in got) and any(e["truncated"] and not e["paths"] for e in got)
    assert len({json.dumps(c, sort_keys=True) for c in NAMES["cases"] + PATHS["cases"]}) == len(NAMES["cases"]) + len(PATHS["cases"])


@pytest.mark.parametrize("case", NAMES["cases"], ids=_case_id)
def test_library_reads_names_as_the_golden_file_says(case, curated):
    assert library_reads(_names_graph(case["graph"], curated), case["text"]) == case["expect"], case["why"]


@pytest.mark.parametrize("case", PATHS["cases"], ids=_case_id)
def test_library_finds_paths_as_the_golden_file_says(case):
    assert library_paths(_paths_graph(case["graph"]), case) == case["expect"], case["why"]


def _write_options(view: dict[str, Any]) -> dict[str, Any]:
    return {**view, "path": tuple(view["path"])} if "path" in view else view


@pytest.mark.parametrize("case", ADDRESS["write"], ids=lambda c: c["why"])
def test_library_writes_addresses_as_the_golden_file_says(case):
    written = write_address(**_write_options(case["view"]))
    assert written == case["expect"], case["why"]
    # What is written reads back as the view it names.
    params = read_address(written)["params"]
    view = case["view"]
    assert params.get("lesson") == view.get("lesson")
    if "lesson" not in view:
        assert params.get("path") == view.get("path") and params.get("node") == view.get("node")
    assert params.get("hide", []) == sorted(view.get("hide", []))


@pytest.mark.parametrize("case", ADDRESS["read"], ids=lambda c: c["why"] + ":" + c["fragment"])
def test_library_reads_addresses_as_the_golden_file_says(case):
    assert read_address(case["fragment"]) == case["expect"], case["why"]


def test_address_cases_reach_hostile_ids():
    """Ids holding the address's own separators, escapes, unicode and Object.prototype's names."""
    written = json.dumps([c["view"] for c in ADDRESS["write"]], ensure_ascii=False)
    for hostile in [",", "=", "&", "#", "%", "/", " ", "__proto__", "🦶"]:
        assert hostile in written, hostile
    assert any(c["expect"]["unreadable"] for c in ADDRESS["read"]) and any("__proto__" in c["expect"]["params"] for c in ADDRESS["read"])


def _panels_graph(name: str, curated: Any) -> Any:
    if name == "curated":
        return curated
    spec = PANELS["graphs"][name]
    G = nx.MultiDiGraph(sources=spec["sources"])
    for u, v, r, d in spec["edges"]:
        G.add_edge(u, v, key=r, relation=r, **d)
    return G


def library_words(G: Any, u: str, v: str, relation: str) -> dict[str, Any]:
    """How the library words an edge's source and evidence, in the golden file's terms."""
    rec = edge_record(u, v, G.edges[u, v, relation])
    ev = rec["evidence"]
    return {
        "citation": "Source: " + citation(G, rec) if rec["cites"] or rec["section"] else "",
        "how_sure": evidence_text(ev) if ev else None,
        "references": [r.get("reference") or r["id"] for r in references(G, ev["refs"])] if ev else [],
    }


@pytest.mark.parametrize("case", PANELS["cases"], ids=lambda c: c["graph"] + ":" + "-".join(c["edge"]))
def test_library_words_links_as_the_golden_file_says(case, curated):
    assert library_words(_panels_graph(case["graph"], curated), *case["edge"]) == case["expect"], case["why"]


def test_panel_cases_reach_what_matters():
    """Several sources and section counts, links with and without evidence, notes and references."""
    said = [c["expect"] for c in PANELS["cases"]]
    assert len({c["citation"].split(",")[0] for c in said if c["citation"]}) >= 5
    assert {"section", "sections"} <= {w for c in said for w in c["citation"].split()}
    assert any(c["how_sure"] is None for c in said) and any(c["how_sure"] and c["how_sure"].endswith(".") and c["how_sure"].count(".") == 1 for c in said)
    assert any(len(c["references"]) >= 3 for c in said) and any(c["citation"] == "" for c in said)


# ------------------------------------------------------------------ the page

#: The page's scripts with pure parts tested here, in the order the page inlines
#: them (graph.page.html.SCRIPTS). view.js, panels.js and address.js only define
#: functions when loaded: lib.X(app) wires them to a page; lib.X.fn are pure.
PURE_SCRIPTS = ("dom.js", "names.js", "paths.js", "view.js", "panels.js", "address.js")

READ_NAMES = """([tables, texts]) => {
  const r = footbackLib.names.resolver(tables);
  return texts.map((t) => {
    const a = r.resolve(t);
    if (a.id) return {id: a.id};
    if (a.ambiguous) return {ambiguous: a.ambiguous};
    if (a.notInGraph) return {not_in_graph: a.notInGraph};
    if (a.related) return {related: a.candidates};
    return {suggestions: a.candidates};
  });
}"""

FIND_PATHS = """([graph, relation, cases]) => {
  const index = footbackLib.paths.relationIndex(graph.nodes, graph.edges, relation);
  return cases.map(([s, t, o]) => {
    const found = footbackLib.paths.findPaths(index, s, t, {maxHops: o.max_hops, limit: o.limit, budget: o.budget});
    return {paths: found.map((p) => p.nodes), truncated: found.truncated === true};
  });
}"""


@pytest.fixture(scope="module")
def lib_page(browser):
    """A blank page holding only the page's pure scripts, as the page inlines them."""
    from graph.page.html import SCRIPTS

    assert [s for s in SCRIPTS if s in PURE_SCRIPTS] == list(PURE_SCRIPTS)  # the order the page loads them in
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.set_content("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'></head><body></body></html>")
    for name in PURE_SCRIPTS:
        page.add_script_tag(content=page_script(name))
    assert page.evaluate("Object.keys(window.footbackLib).sort()") == ["address", "dom", "names", "panels", "paths", "view"]
    yield page
    assert errors == []
    context.close()


def _name_tables(G: Any) -> dict[str, Any]:
    """What the page's names.js reads, from the page data an export of ``G`` embeds."""
    data = page_data(G, max_nodes=None)
    return {"ids": [n["id"] for n in data["graph"]["nodes"]], "names": data["names"], "words": data["words"], "related": data["related"]}


def test_page_reads_names_as_the_golden_file_says(lib_page, curated):
    for graph in ["curated", *NAMES["graphs"]]:
        cases = [c for c in NAMES["cases"] if c["graph"] == graph]
        got = lib_page.evaluate(READ_NAMES, [_name_tables(_names_graph(graph, curated)), [c["text"] for c in cases]])
        for case, answer in zip(cases, got, strict=True):
            assert answer == case["expect"], f"{graph}: {case['text']!r} ({case['why']})"


def test_page_finds_paths_as_the_golden_file_says(lib_page):
    for graph in PATHS["graphs"]:
        cases = [c for c in PATHS["cases"] if c["graph"] == graph]
        data = page_data(_paths_graph(graph), max_nodes=None)
        got = lib_page.evaluate(FIND_PATHS, [data["graph"], data["query"]["relation"], [[c["source"], c["target"], _bounds(c)] for c in cases]])
        for case, answer in zip(cases, got, strict=True):
            assert answer == case["expect"], f"{graph}: {case['source']} -> {case['target']} {case.get('options', {})} ({case['why']})"


WRITE_ADDRESSES = """(views) => views.map((v) => footbackLib.address.write({
  lesson: v.lesson !== undefined ? {name: v.lesson, step: v.step === undefined ? 1 : v.step} : null,
  path: v.path ? {source: v.path[0], target: v.path[1], active: v.show ? v.show - 1 : -1} : null,
  node: v.node, hide: v.hide, evidence: v.evidence, layout: v.layout
}))"""

# JSON text: a null-prototype object with a "__proto__" key survives it whole.
READ_ADDRESSES = "(fragments) => JSON.stringify(fragments.map(footbackLib.address.read))"


def test_page_writes_addresses_as_the_golden_file_says(lib_page):
    got = lib_page.evaluate(WRITE_ADDRESSES, [c["view"] for c in ADDRESS["write"]])
    for case, written in zip(ADDRESS["write"], got, strict=True):
        assert written == case["expect"], case["why"]


def test_page_reads_addresses_as_the_golden_file_says(lib_page):
    got = json.loads(lib_page.evaluate(READ_ADDRESSES, [c["fragment"] for c in ADDRESS["read"]]))
    for case, read in zip(ADDRESS["read"], got, strict=True):
        assert read == case["expect"], f"{case['fragment']!r} ({case['why']})"


WORD_LINKS = """([sources, edges]) => {
  const tables = footbackLib.panels.sourceTables(sources), P = footbackLib.panels;
  return edges.map((e) => {
    const parts = P.howSureParts(e.evidence);
    return {citation: P.sourceLine(e, tables.title), how_sure: parts && parts.join(""), references: P.referenceList(e.evidence, tables.reference)};
  });
}"""


def test_page_words_links_as_the_golden_file_says(lib_page, curated):
    """The page's panels (and the lessons and quiz, which use them) word a link's
    source and evidence as the CLI, the handout and Anki cards do, from the page data."""
    for graph in ["curated", *PANELS["graphs"]]:
        cases = [c for c in PANELS["cases"] if c["graph"] == graph]
        data = page_data(_panels_graph(graph, curated), max_nodes=None)
        by_ends = {(e["source"], e["target"], e["relation"]): e for e in data["graph"]["edges"]}
        got = lib_page.evaluate(WORD_LINKS, [data["sources"], [by_ends[tuple(c["edge"])] for c in cases]])
        for case, said in zip(cases, got, strict=True):
            assert said == case["expect"], f"{case['edge']} ({case['why']})"


#: view.js's geometry, written here (it has no Python counterpart): a drawing
#: 1000x700 px whose top left is 50 px down the page.
BOX = {"left": 0, "top": 50, "right": 1000, "bottom": 750}
SIZE = {"width": 1000, "height": 700}
WHOLE = {"left": 12, "top": 12, "right": 988, "bottom": 688}  # nothing over it: a 12 px margin
FREE_RECTS = [
    ((None, None, None), WHOLE, "nothing over the drawing"),
    (({"top": 60, "bottom": 120}, None, None), {**WHOLE, "top": 76}, "the note over its top: 6 px below it"),
    ((None, {"top": 700, "bottom": 750, "height": 50}, None), {**WHOLE, "bottom": 644}, "the toolbar over its bottom: 6 px above it"),
    ((None, {"top": 700, "bottom": 700, "height": 0}, None), WHOLE, "a toolbar with no height covers nothing"),
    ((None, {"top": 800, "bottom": 850, "height": 50}, None), WHOLE, "a toolbar below the drawing covers nothing"),
    ((None, None, {"left": 700, "right": 1000, "top": 50, "bottom": 750}), {**WHOLE, "right": 688}, "the details panel at the right"),
    ((None, None, {"left": 0, "right": 1000, "top": 500, "bottom": 750}), {**WHOLE, "bottom": 444}, "a phone's sheet below"),
    ((None, None, {"left": 1000, "right": 1300, "top": 50, "bottom": 750}), WHOLE, "a panel beside the drawing covers nothing"),
]

GEOMETRY = """([box, size, rects]) => {
  const V = footbackLib.view;
  return {
    clamp: [[5, 0.2, Infinity], [0.05, 0.2, Infinity], [1, 0.2, Infinity], [0.06, 0.2, 0.1], [0.01, 0.2, 0.1], [0.001, 0, Infinity]]
      .map(([s, min, last]) => V.clampScale(s, min, last)),
    labelPx: [V.labelPx(0.5, 28), V.labelPx(2, 14)],
    readable: [V.readableScale(14), V.readableScale(28)],
    free: rects.map(([note, bar, panel]) => V.freeRectOf(box, size, note, bar, panel)),
    slack: [V.withSlack({left: 12, top: 12, right: 988, bottom: 688}), V.withSlack({left: 0, top: 0, right: 200, bottom: 100})],
    fit: [
      V.fitScale({left: 0, top: 0, right: 1000, bottom: 500}, {left: 0, top: 0, right: 500, bottom: 500}),
      V.fitScale({left: 0, top: 0, right: 10, bottom: 10}, {left: 0, top: 0, right: 500, bottom: 500}, 1.2),
      V.fitScale({left: 0, top: 0, right: 10, bottom: 10}, {left: 0, top: 0, right: 500, bottom: 500}, 10),
      V.fitScale({left: 0, top: 0, right: 100, bottom: 100}, {left: 300, top: 0, right: 300, bottom: 500}),
      V.fitScale({left: 5, top: 0, right: 5, bottom: 100}, {left: 0, top: 0, right: 500, bottom: 500})
    ],
    centre: [1, 2].map((scale) => V.fitCentre({left: 0, top: 0, right: 100, bottom: 100}, {left: 0, top: 0, right: 500, bottom: 500}, {width: 1000, height: 500}, scale))
  };
}"""


def test_page_geometry(lib_page):
    """view.js's pure geometry: the zoom limits, a label's size on screen, the free
    part of the drawing and fitting a box into it. No Python counterpart (the
    library draws no page), so the cases are written here, not in tests/data/golden."""
    got = lib_page.evaluate(GEOMETRY, [BOX, SIZE, [list(r[0]) for r in FREE_RECTS]])
    # In to three times the label size at most; out to half the first fit, or half a smaller later fit.
    assert got["clamp"] == [3, 0.2, 1, 0.06, 0.05, 0.001]
    assert got["labelPx"] == [14, 28] and got["readable"] == [1, 0.5]
    for (_, want, why), free in zip(FREE_RECTS, got["free"], strict=True):
        assert free == want, why
    assert got["slack"] == [{"left": 28, "top": 12, "right": 972, "bottom": 688}, {"left": 10, "top": 0, "right": 190, "bottom": 100}]
    # The tighter side wins; at most maxScale (default 1) and 3; no room or no box: none.
    assert got["fit"] == [0.5, 1.2, 3, None, None]
    # The box's centre (50, 50) lands on the free part's centre (250, 250) of a 1000x500 drawing.
    assert got["centre"] == [{"x": 300, "y": 50}, {"x": 175, "y": 50}]


def test_page_searches_by_the_same_rules(browser, tmp_path, curated):
    """The exported page's own search box and path finder use these scripts: a
    related term is said as one, not offered as a guess; a search cut short says so."""
    from graph.exporters import export

    out = export(curated, "html", tmp_path / "p.html")
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        page.goto(Path(out).resolve().as_uri())
        page.wait_for_function("() => window.footbackReady === true", timeout=15000)
        page.fill("#fb-search", "hallux valgus")
        page.press("#fb-search", "Enter")
        said = page.locator("#fb-search-result").inner_text()
        assert "“hallux valgus” is a related term of Bunion, not the same thing" in said
        assert page.locator("#fb-search-result button").all_inner_texts() == ["Bunion"]
        pf_lbp = [p["nodes"] for p in paths(curated, "plantar-fasciitis", "lower-back-pain")]
        assert page.evaluate("() => footback.findPaths('plantar-fasciitis', 'lower-back-pain').map((p) => p.nodes)") == pf_lbp
        # A search cut short before it found a path says so, as the CLI does, not that there is none.
        with pytest.raises(NoPath, match="stopped after 3 steps"):
            paths(curated, "plantar-fasciitis", "lower-back-pain", budget=3)
        page.evaluate("() => { footback.data.query.work_budget = 3; footback.showPaths('plantar-fasciitis', 'lower-back-pain'); }")
        said = page.locator("#fb-paths").inner_text()
        assert "No causal path from Plantar fasciitis to Lower back pain" in said and "cut short (its work budget is spent): a path may exist" in said
    finally:
        context.close()
