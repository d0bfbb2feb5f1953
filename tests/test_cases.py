"""The real-world cases (tests/data/cases/, reduced from public files and bug
reports), each with the result a user expects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli import cli
from graph.errors import AmbiguousName, NameNotFound, NoPath
from graph.exporters import export
from graph.formats import load_graph
from graph.language.names import resolve
from graph.questions.query import paths

CASES = Path(__file__).parent / "data" / "cases"


@pytest.fixture
def open_page(browser):
    from tests.test_page import Page

    opened = []

    def _open(path: Path):
        opened.append(Page(browser, Path(path).resolve().as_uri()))
        return opened[-1]

    yield _open
    for p in opened:
        p.context.close()


def run(runner, *args):
    return runner.invoke(cli, [str(a) for a in args])


# --- KGX TSV, exactly as KGX reads and writes it --------------------------------------


def test_kgx_quoted_cells_read_as_written(runner):
    d = CASES / "kgx-quoted-cells" / "kgx-written"
    result = run(runner, "--graph", d, "validate")
    assert result.exit_code == 0, result.output
    G = load_graph(d)
    assert G.nodes["MONDO:0005101"]["description"] == '"Policeman\'s heel" is an old name for it'
    assert G.nodes["HP:0030834"]["description"] == '"Lumbago"'  # a wholly quoted cell keeps its quotes


def test_kgx_export_is_never_csv_quoted_and_reads_back_byte_for_byte(runner, tmp_path):
    """KGX's reader (pandas, quoting off) would take CSV quotes as text: none are written."""
    src = CASES / "kgx-quoted-cells" / "footback-graph.json"
    result = run(runner, "--graph", src, "export", "kgx", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "out" / "nodes.tsv").read_text(encoding="utf-8").splitlines()
    assert 'footback:plantar-fasciitis\tbiolink:Disease\tPlantar fasciitis\tAlso called "policeman\'s heel".\t\t' in lines
    head, row = (line.split("\t") for line in (tmp_path / "out" / "edges.tsv").read_text(encoding="utf-8").splitlines()[:2])
    assert row[head.index("description")] == 'The "first step" pain.'
    G, back = load_graph(src), load_graph(tmp_path / "out")
    assert back.nodes["plantar-fasciitis"]["description"] == G.nodes["plantar-fasciitis"]["description"]
    assert back.edges["plantar-fasciitis", "heel-pain", "causes"]["note"] == 'The "first step" pain.'


def test_kgx_export_read_with_kgx_reader_settings(tmp_path):
    """Read as KGX reads (csv with quoting off, tab-separated): every string is exactly footback's."""
    import csv

    G = load_graph(CASES / "kgx-quoted-cells" / "footback-graph.json")
    out = export(G, "kgx", tmp_path / "out")
    with (out / "nodes.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert [r["description"] for r in rows] == [d.get("description", "") for _, d in G.nodes(data=True)]


def test_kgx_short_rows_and_repeated_nodes(runner):
    d = CASES / "kgx-short-rows-repeated-nodes"
    result = run(runner, "--graph", d, "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("valid: 3 nodes")
    assert "1 row (the first at line 5) repeats an earlier row's node id; it was merged" in result.output
    G = load_graph(d)
    assert G.nodes["GO:0005576"].get("taxon") is None  # the left-out trailing cell is empty
    assert G.nodes["HGNC:10848"]["taxon"] == "NCBITaxon:9606"
    # KGX's legacy relation column is kept beside footback's relation, not over it.
    assert G.edges["HGNC:10848", "GO:0005576", "part_of"]["attr:relation"] == "BFO:0000050"


def test_kgx_repeated_node_rows_merge_in_linear_time(tmp_path):
    """100,000 repeats of a few nodes load as fast as distinct rows (no scan per repeat)."""
    import time

    d = tmp_path / "rep"
    d.mkdir()
    head = "id\tcategory\tname\tsynonym\n"
    (d / "nodes.tsv").write_text(head + "".join(f"X:{i % 50}\tbiolink:Disease\tN{i % 50}\ts{i % 7}\n" for i in range(100_000)))
    (d / "edges.tsv").write_text("subject\tpredicate\tobject\n")
    start = time.perf_counter()
    G = load_graph(d)
    assert time.perf_counter() - start < 10
    assert G.number_of_nodes() == 50 and len(G.nodes["X:0"]["synonyms"]) == 7


# --- GraphML as tools write it ----------------------------------------------------------


def test_graphml_without_namespace_opens(runner):
    result = run(runner, "--graph", CASES / "graphml-no-namespace" / "cytoscape-no-ns.graphml", "paths", "flat feet", "knee strain")
    assert result.exit_code == 0, result.output
    assert "Flat feet → Knee strain" in result.stdout


def test_gephi_edge_label_is_the_relation_and_messages_name_labels(runner):
    f = CASES / "gephi-edge-label" / "gephi-export.graphml"
    result = run(runner, "--graph", f, "paths", "plantar fasciitis", "lower back pain")
    assert result.exit_code == 0, result.output
    assert "Plantar fasciitis → Heel pain → Lower back pain" in result.stdout
    back = run(runner, "--graph", f, "paths", "lower back pain", "plantar fasciitis")
    assert back.exit_code == 1
    assert back.stderr.startswith("footback: no path from Lower back pain to Plantar fasciitis")
    G = load_graph(f)
    # Gephi's colours and positions are kept as attributes.
    assert {k: G.nodes["n0"][k] for k in ("r", "g", "b", "x", "y", "size")} == {"r": 153, "g": 153, "b": 153, "x": -10.0, "y": 20.0, "size": 10.0}
    assert G.edges["n0", "n1", "causes"]["Edge Id"] == "e0"


def test_yed_labels_and_edge_labels(runner):
    """yEd keeps labels in its graphics (y:NodeLabel, y:EdgeLabel), as networkx reads them."""
    f = Path(__file__).parent / "data" / "tools" / "yed.graphml"
    result = run(runner, "--graph", f, "paths", "flat feet", "knee strain")
    assert result.exit_code == 0, result.output
    assert "Flat feet → Knee strain" in result.stdout
    G = load_graph(f)
    assert (G.nodes["n0"]["x"], G.nodes["n0"]["shape_type"]) == ("100.0", "rectangle")  # positions kept, as networkx reads them
    assert G.nodes["n1"]["description"] == "Pain at the knee."


# --- Nothing lost on export ---------------------------------------------------------------


@pytest.mark.parametrize("fmt,name", [("json", "g.json"), ("cytoscape", "g.cyjs"), ("kgx", "kgx"), ("graphml", "g.graphml")])
def test_reserved_attribute_names_survive_every_export(tmp_path, fmt, name):
    G = load_graph(CASES / "reserved-attribute-names" / "hetionet-like.graphml")
    assert G.nodes["Compound::DB00945"]["id"] == "DB00945" and G.edges["Compound::DB00945", "Symptom::D010146", "related_to"]["source"] == "PharmacotherapyDB"
    out = export(G, fmt, tmp_path / name)
    back = load_graph(out, fmt)
    assert list(back.nodes(data=True)) == list(G.nodes(data=True))
    assert list(back.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))


def test_reserved_attribute_names_are_written_under_attr(tmp_path):
    G = load_graph(CASES / "reserved-attribute-names" / "hetionet-like.graphml")
    doc = json.loads(export(G, "json", tmp_path / "g.json").read_text())
    assert doc["nodes"][0]["id"] == "Compound::DB00945" and doc["nodes"][0]["attr:id"] == "DB00945"
    assert doc["edges"][0]["source"] == "Compound::DB00945" and doc["edges"][0]["attr:source"] == "PharmacotherapyDB"
    header = (export(G, "kgx", tmp_path / "kgx") / "nodes.tsv").read_text().splitlines()[0].split("\t")
    assert header.count("id") == 1 and "attr:id" in header and "attr:name" in header


def test_reserved_attribute_names_in_cypher_and_gexf(tmp_path):
    import networkx as nx

    G = load_graph(CASES / "reserved-attribute-names" / "hetionet-like.graphml")
    text = export(G, "cypher", tmp_path / "g.cypher").read_text()
    assert "{id: 'Compound::DB00945', props: {name: 'Aspirin', source: 'DrugBank', `attr:id`: 'DB00945'" in text
    X = nx.read_gexf(export(G, "gexf", tmp_path / "g.gexf"))
    assert X.nodes["Compound::DB00945"]["attr:id"] == "DB00945"
    assert [d["attr:source"] for *_, d in X.edges(data=True)] == ["PharmacotherapyDB"]


# --- The page and the CLI agree on names that are JavaScript's own ------------------------

BUILTIN = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "prototype", "length"]


def _outcome(G, name):
    try:
        return ["id", resolve(G, name)]
    except AmbiguousName as err:
        return ["ambiguous", sorted(err.candidates)]
    except NameNotFound:
        return ["none"]


def _all_paths(G):
    out = {}
    for s in G:
        for t in G:
            if s != t:
                try:
                    out[f"{s}\u0001{t}"] = [p["nodes"] for p in paths(G, s, t)]
                except NoPath:
                    out[f"{s}\u0001{t}"] = []
    return out


def _page_paths(page, keys):
    return page.js("(pairs) => Object.fromEntries(pairs.map(k => [k, footback.findPaths(...k.split('\\u0001')).map(p => p.nodes)]))", keys)


def test_page_builtin_names_case(open_page, tmp_path, runner):
    src = CASES / "page-builtin-names" / "via-constructor.json"
    result = run(runner, "--graph", src, "paths", "flat feet", "heel pain")
    assert result.exit_code == 0 and "Flat feet → constructor → Heel pain" in result.stdout
    G = load_graph(src)
    out = export(G, "html", tmp_path / "p.html")
    page = open_page(out)
    found = page.js("() => footback.findPaths('flat-feet', 'heel-pain').map(p => p.nodes)")
    assert found == [["flat-feet", "constructor", "heel-pain"]]
    page.page.fill("#fb-search", "constructor")
    page.page.press("#fb-search", "Enter")
    assert page.js("footback.state.selected") == "constructor"
    assert page.errors() == []


def test_page_agrees_with_the_cli_on_builtin_ids_and_names(open_page, tmp_path):
    import networkx as nx

    G = nx.MultiDiGraph()
    for i, n in enumerate(BUILTIN):
        G.add_node(n, label=BUILTIN[-1 - i], type=["condition", "mechanism", "symptom"][i % 3], description="", synonyms=[BUILTIN[i - 1]], codes=[])
    for i in range(len(BUILTIN) - 1):
        G.add_edge(BUILTIN[i], BUILTIN[i + 1], key="causes", relation="causes", note="", section="", cites="")
    G.add_edge("constructor", "valueOf", key="causes", relation="causes", note="", section="", cites="")
    page = open_page(export(G, "html", tmp_path / "b.html"))
    expected = _all_paths(G)
    assert _page_paths(page, list(expected)) == expected
    names = BUILTIN + [n.upper() for n in BUILTIN] + ["constructer", "tostring", "__proto", "hasownproperty"]
    got = page.js("(ns) => ns.map(n => { const r = footback.resolveName(n); return r.id ? ['id', r.id] : r.ambiguous ? ['ambiguous', r.ambiguous] : ['none']; })", names)
    assert got == [_outcome(G, n) for n in names]
    assert page.errors() == []


HOSTILE_IDS = st.sampled_from(BUILTIN + ["a", "b", "c", "x y", "<b>", '"q"', "ünï", "a\\b", "1", "0"])


@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(ids=st.lists(HOSTILE_IDS, min_size=2, max_size=7, unique=True), data=st.data())
def test_page_paths_and_search_match_the_cli_on_random_graphs(open_page, tmp_path_factory, ids, data):
    import networkx as nx

    G = nx.MultiDiGraph()
    for n in ids:
        G.add_node(n, label=data.draw(HOSTILE_IDS), type="mechanism", description="", synonyms=[], codes=[])
    for u, v in data.draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=12)):
        if u != v and not G.has_edge(u, v, "causes"):
            G.add_edge(u, v, key="causes", relation="causes", note="", section="", cites="")
    page = open_page(export(G, "html", tmp_path_factory.mktemp("rand") / "r.html"))
    expected = _all_paths(G)
    assert _page_paths(page, list(expected)) == expected
    names = list(ids) + [d["label"] for _, d in G.nodes(data=True)]
    got = page.js("(ns) => ns.map(n => { const r = footback.resolveName(n); return r.id ? ['id', r.id] : r.ambiguous ? ['ambiguous', r.ambiguous] : ['none']; })", names)
    assert got == [_outcome(G, n) for n in names]
    assert page.errors() == []
