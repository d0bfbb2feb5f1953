"""Golden cases shared by the library and the page (tests/data/golden).

``names.json`` holds typed names and how they read; ``paths.json`` small graphs
and the paths between two of their nodes, in order. Each case is run through the
library (graph.language.names.resolve, graph.questions.query.paths) and, in a real browser, through
the page's own scripts (names.js, paths.js, loaded alone into a blank page and fed
the page data the export would embed), and both must give the answer the file
holds. A rule changed on one side only fails here.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graph.errors import AmbiguousName, NameNotFound, NoPath, NotInGraph
from graph.language.names import related_to, resolve
from graph.page.html import page_data, page_script
from graph.questions.query import DEFAULT_LIMIT, DEFAULT_MAX_HOPS, PATH_WORK_BUDGET, paths

GOLDEN = Path(__file__).resolve().parent / "data" / "golden"
NAMES = json.loads((GOLDEN / "names.json").read_text(encoding="utf-8"))
PATHS = json.loads((GOLDEN / "paths.json").read_text(encoding="utf-8"))


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


# ------------------------------------------------------------------ the page

#: The page's pure scripts, in the order the page inlines them (graph.page.html.SCRIPTS).
PURE_SCRIPTS = ("dom.js", "names.js", "paths.js")

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
    assert page.evaluate("Object.keys(window.footbackLib).sort()") == ["dom", "names", "paths"]
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
