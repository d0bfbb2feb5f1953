"""Every export format: round trips, determinism, Biolink terms, diagrams, Cypher text."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from graph.errors import ExportError, NoPath
from graph.exporters import FORMATS, export
from graph.formats import detect_format, load_graph
from tests import HEEL_SPUR, HIP_ACHE, ICE, LIMPING, NUMB_TOE

REPO = Path(__file__).resolve().parent.parent
#: Formats footback reads back, and the file name to write each to.
READABLE = {"json": "g.json", "graphml": "g.graphml", "cytoscape": "g.cyjs", "kgx": "kgx"}
MINE = ("json", "graphml", "gexf", "cytoscape", "kgx", "cypher", "mermaid", "dot")


def snapshot(G):
    """Nodes and edges, with attributes and order, as comparable data."""
    return (
        [(n, d) for n, d in G.nodes(data=True)],
        [(u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True)],
    )


@pytest.mark.parametrize("fmt", sorted(READABLE))
def test_round_trip_keeps_nodes_edges_relations_attributes(curated, tmp_path, fmt):
    out = export(curated, fmt, tmp_path / READABLE[fmt])
    back = load_graph(out)
    assert snapshot(back) == snapshot(curated)
    assert back.graph["about"] == curated.graph["about"]
    assert back.graph["sources"] == curated.graph["sources"]


@pytest.mark.parametrize("fmt", sorted(READABLE))
def test_round_trip_of_foreign_terms_and_extra_attributes(tiny, tmp_path, fmt):
    tiny.add_node("gene-x", label="Gene X", type="biolink:Gene", description="", synonyms=["GX"], codes=["HGNC:1"], provided_by=["infores:test"])
    tiny.add_node("thing", label="Thing", type="gadget", description="d", synonyms=[], codes=[])
    tiny.add_edge("gene-x", HIP_ACHE, key="biolink:interacts_with", relation="biolink:interacts_with", cites="x", section="", note="n")
    tiny.add_edge("thing", HEEL_SPUR, key="pokes", relation="pokes", cites="y", section="s", note="")
    back = load_graph(export(tiny, fmt, tmp_path / READABLE[fmt]))
    assert snapshot(back) == snapshot(tiny)


def test_every_format_is_registered_with_its_module():
    for name in MINE:
        assert name in FORMATS, name
        assert callable(FORMATS[name].load())
    assert FORMATS["kgx"].target == "dir"
    assert "path" in FORMATS["mermaid"].options and "path" in FORMATS["dot"].options


def test_exports_are_byte_identical_across_hash_seeds(tmp_path):
    script = (
        "import sys; from graph import load_graph; from graph.exporters import export\n"
        "G = load_graph()\n"
        f"for f in {MINE!r}: export(G, f, sys.argv[1] + '/' + f)\n"
        "export(G, 'mermaid', sys.argv[1] + '/path', path=('flat-feet', 'lower-back-pain'))\n"
    )
    outs = []
    for seed in ("0", "4242"):
        out = tmp_path / seed
        out.mkdir()
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", script, str(out)], check=True, cwd=REPO, env=env)
        outs.append(out)
    files = sorted(p.relative_to(outs[0]) for p in outs[0].rglob("*") if p.is_file())
    assert len(files) == len(MINE) + 3  # kgx is three files
    for f in files:
        assert (outs[0] / f).read_bytes() == (outs[1] / f).read_bytes(), f


# --- KGX and the Biolink Model ------------------------------------------------


@pytest.fixture(scope="module")
def biolink_schema():
    import importlib.resources

    import yaml

    text = (importlib.resources.files("biolink_model") / "schema" / "biolink_model.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def _class_name(curie):
    """biolink:GrossAnatomicalStructure -> 'gross anatomical structure'."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", curie.removeprefix("biolink:")).lower()


def test_kgx_uses_only_biolink_categories_and_predicates(curated, tmp_path, biolink_schema):
    out = export(curated, "kgx", tmp_path / "kgx")
    nodes = (out / "nodes.tsv").read_text(encoding="utf-8").splitlines()
    edges = (out / "edges.tsv").read_text(encoding="utf-8").splitlines()
    node_head, edge_head = nodes[0].split("\t"), edges[0].split("\t")
    categories = {c for row in nodes[1:] for c in row.split("\t")[node_head.index("category")].split("|")}
    predicates = {row.split("\t")[edge_head.index("predicate")] for row in edges[1:]}
    assert categories == {"biolink:Disease", "biolink:PathologicalProcess", "biolink:PhenotypicFeature", "biolink:GrossAnatomicalStructure", "biolink:Treatment"}
    # branches_into and supplies have no Biolink predicate: related_to, named in footback_relation.
    assert len(predicates) == 6 and "biolink:related_to" in predicates
    assert {r.split("\t")[edge_head.index("footback_relation")] for r in edges[1:]} == {"", "branches_into", "supplies"}
    for c in categories:
        assert _class_name(c) in biolink_schema["classes"], c
    for p in predicates:
        assert p.removeprefix("biolink:").replace("_", " ") in biolink_schema["slots"], p
    # Every column but footback's own 'section' and evidence columns is a Biolink slot.
    own = {"section", "evidence_level", "evidence_basis", "evidence_refs", "evidence_note", "footback_relation", "red_flag"}
    for col in node_head + edge_head:
        assert col in own or col.replace("_", " ") in biolink_schema["slots"], col
    kl = biolink_schema["enums"]["KnowledgeLevelEnum"]["permissible_values"]
    at = biolink_schema["enums"]["AgentTypeEnum"]["permissible_values"]
    for row in edges[1:]:
        cells = row.split("\t")
        assert cells[edge_head.index("knowledge_level")] in kl
        assert cells[edge_head.index("agent_type")] in at
        assert cells[edge_head.index("primary_knowledge_source")].startswith("infores:")


def test_kgx_keeps_provenance_notes_sections_and_joins_lists(curated, tmp_path):
    out = export(curated, "kgx", tmp_path / "kgx")
    rows = [r.split("\t") for r in (out / "nodes.tsv").read_text(encoding="utf-8").splitlines()]
    flat = dict(zip(rows[0], next(r for r in rows if r[0] == "footback:flat-feet")))
    assert flat["synonym"] == "|".join(curated.nodes["flat-feet"]["synonyms"])
    assert flat["category"] == "biolink:Disease" and flat["name"] == "Flat feet"
    rows = [r.split("\t") for r in (out / "edges.tsv").read_text(encoding="utf-8").splitlines()]
    edge = dict(zip(rows[0], next(r for r in rows if r[:3] == ["footback:flat-feet", "biolink:causes", "footback:arch-collapse"])))
    data = curated.edges["flat-feet", "arch-collapse", "causes"]
    assert edge["primary_knowledge_source"] == "infores:" + data["cites"]
    assert (edge["description"], edge["section"]) == (data["note"], data["section"])


def test_kgx_keeps_what_tsv_cannot_hold_in_metadata(tiny, tmp_path):
    """A '|' inside one of a list's values, a line break, a number: the rows
    hold what KGX's own writer would (spaces for breaks), metadata.json the
    exact value, and footback reads its export back exactly."""
    tiny.nodes[ICE]["synonyms"] = ["cold|pack", "ice"]
    tiny.nodes[ICE]["description"] = "line one\nline\ttwo\r"
    tiny.nodes[ICE]["weight"] = 2
    out = export(tiny, "kgx", tmp_path / "kgx")
    row = next(r.split("\t") for r in (out / "nodes.tsv").read_text().splitlines() if r.startswith("footback:ice"))
    assert "cold|pack|ice" in row and "line one line two " in row
    meta = json.loads((out / "metadata.json").read_text())
    assert list(meta["footback_exact"]["nodes.tsv"].values()) == [{"synonym": ["cold|pack", "ice"], "description": "line one\nline\ttwo\r", "weight": 2}]
    assert dict(load_graph(out).nodes[ICE]) == dict(tiny.nodes[ICE])


def test_kgx_an_edited_cell_wins_over_the_kept_exact_value(tiny, tmp_path):
    tiny.nodes[ICE]["description"] = "two\nlines"
    out = export(tiny, "kgx", tmp_path / "kgx")
    text = (out / "nodes.tsv").read_text()
    (out / "nodes.tsv").write_text(text.replace("two lines", "edited by hand"))
    assert load_graph(out).nodes[ICE]["description"] == "edited by hand"


def test_kgx_refuses_an_id_holding_a_tab(tiny, tmp_path):
    tiny.add_node("a\tb", label="x", type="symptom")
    with pytest.raises(ExportError, match="tab or line break"):
        export(tiny, "kgx", tmp_path / "kgx")
    assert not (tmp_path / "kgx").exists()


# --- GraphML and GEXF ----------------------------------------------------------


def test_graphml_writes_lists_as_json_text_named_in_footback_json(curated, tmp_path):
    out = export(curated, "graphml", tmp_path / "g.graphml")
    raw = nx.read_graphml(out)  # what Gephi or yEd see
    assert json.loads(raw.graph["footback_json"]) == ["edge:evidence_refs", "edge:section", "graph:about", "graph:sources", "node:codes", "node:related_terms", "node:synonyms"]
    assert json.loads(raw.nodes["flat-feet"]["synonyms"]) == curated.nodes["flat-feet"]["synonyms"]
    assert raw.nodes["flat-feet"]["label"] == "Flat feet"


def edge_elements(path, tag="{http://graphml.graphdrawing.org/xmlns}edge"):
    from xml.etree import ElementTree as ET

    return ET.parse(path).getroot().iter(tag)


def test_graphml_edge_ids_are_unique_and_the_relation_is_data(curated, tmp_path):
    """Gephi keeps one edge per id: ids are e0, e1, ... in edge order; the relation is a data attribute."""
    out = export(curated, "graphml", tmp_path / "g.graphml")
    edges = list(edge_elements(out))
    ids = [e.get("id") for e in edges]
    assert len(ids) == curated.number_of_edges() > 90
    assert ids == [f"e{i}" for i in range(len(ids))]
    raw = nx.read_graphml(out, force_multigraph=True)  # what Gephi, Cytoscape or yEd see
    assert raw.number_of_edges() == curated.number_of_edges()
    assert [d["relation"] for *_, d in raw.edges(data=True)] == [d["relation"] for *_, d in curated.edges(data=True)]
    back = load_graph(out)
    assert [(u, v, k, d["relation"]) for u, v, k, d in back.edges(keys=True, data=True)] == [(u, v, k, d["relation"]) for u, v, k, d in curated.edges(keys=True, data=True)]


def test_graphml_edge_ids_stay_unique_when_keys_are_not_relations(tiny, tmp_path):
    """Two edges between the same nodes, keys unlike their relations: both kept, each with its relation."""
    tiny.add_edge(HEEL_SPUR, HIP_ACHE, key="e1", relation="worsens", cites="x", section="", note="")
    tiny.add_edge(HEEL_SPUR, HIP_ACHE, key="e0", relation="eases", cites="x", section="", note="")
    out = export(tiny, "graphml", tmp_path / "g.graphml")
    ids = [e.get("id") for e in edge_elements(out)]
    assert len(ids) == len(set(ids)) == tiny.number_of_edges()
    back = load_graph(out)
    assert {k for u, v, k in back.edges(HEEL_SPUR, keys=True) if v == HIP_ACHE} >= {"worsens", "eases"}


def test_gexf_edge_ids_are_unique(curated, tmp_path):
    out = export(curated, "gexf", tmp_path / "g.gexf")
    ids = [e.get("id") for e in edge_elements(out, "{http://www.gexf.net/1.2draft}edge")]
    assert len(ids) == len(set(ids)) == curated.number_of_edges()


def test_gexf_is_valid_and_has_labels_and_no_timestamp(curated, tmp_path):
    out = export(curated, "gexf", tmp_path / "g.gexf")
    text = out.read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text and "not medical advice" in text
    G = nx.read_gexf(out)
    assert G.number_of_nodes() == curated.number_of_nodes()
    assert G.number_of_edges() == curated.number_of_edges()
    assert G.nodes["flat-feet"]["label"] == "Flat feet"
    assert G.nodes["flat-feet"]["type"] == "condition"
    assert json.loads(G.nodes["flat-feet"]["synonyms"]) == curated.nodes["flat-feet"]["synonyms"]


def test_cytoscape_elements_have_ids_and_labels(curated, tmp_path):
    doc = json.loads(export(curated, "cytoscape", tmp_path / "g.cyjs").read_text(encoding="utf-8"))
    nodes, edges = doc["elements"]["nodes"], doc["elements"]["edges"]
    assert len(nodes) == curated.number_of_nodes() and len(edges) == curated.number_of_edges()
    assert {"id": "flat-feet", "label": "Flat feet", "type": "condition"}.items() <= nodes[0]["data"].items()
    ids = [e["data"]["id"] for e in edges]
    assert len(set(ids)) == len(ids)
    assert "flat-feet causes arch-collapse" in ids


def test_cytoscape_edge_ids_stay_unique_when_ids_hold_spaces(tiny, tmp_path):
    """'a b' -c-> 'd' and 'a' -'b c'-> 'd' would both be 'a b c d', as would the node 'a b c d'."""
    for n in ("a b", "a", "d", "a b c d"):
        tiny.add_node(n, label=n, type="symptom")
    tiny.add_edge("a b", "d", key="c", relation="c")
    tiny.add_edge("a", "d", key="b c", relation="b c")
    doc = json.loads(export(tiny, "cytoscape", tmp_path / "g.cyjs").read_text(encoding="utf-8"))
    ids = [e["data"]["id"] for e in doc["elements"]["nodes"] + doc["elements"]["edges"]]
    assert len(ids) == len(set(ids)) == tiny.number_of_nodes() + tiny.number_of_edges()
    assert {"a b c d", "a b c d #2", "a b c d #3"} <= set(ids)
    assert snapshot(load_graph(tmp_path / "g.cyjs")) == snapshot(tiny)


# --- Cypher ----------------------------------------------------------------------


def test_cypher_merges_every_node_and_edge_with_labels_types_and_properties(curated, tmp_path):
    from graph.formats.cypher import statements

    text = export(curated, "cypher", tmp_path / "g.cypher").read_text(encoding="utf-8")
    assert "not medical advice" in text and "CREATE (" not in text
    stmts = statements(text)
    assert all(s.startswith("UNWIND [") for s in stmts)
    node_rows = sum(s.count("\n  {id: ") for s in stmts)
    edge_rows = sum(s.count("\n  {s: ") for s in stmts)
    assert (node_rows, edge_rows) == (curated.number_of_nodes(), curated.number_of_edges())
    assert any("MERGE (n:BodyRegion {id: row.id})" in s for s in stmts)
    assert any("MERGE (a)-[r:PREVENTS]->(b)" in s for s in stmts)
    assert "synonyms: ['fallen arches', 'pes planus', 'flatfoot']" in text
    assert "policeman\\'s heel" in text


def test_cypher_escapes_quotes_backslashes_newlines_and_odd_names(tiny, tmp_path):
    from graph.formats.cypher import statements

    tiny.nodes[ICE]["description"] = "it's \\ cold\nreally'; MATCH (n) DETACH DELETE n; //"
    tiny.nodes[ICE]["weird key"] = {"a": 1}
    tiny.nodes[ICE]["type"] = "biolink:Gene"
    text = export(tiny, "cypher", tmp_path / "g.cypher").read_text(encoding="utf-8")
    assert "description: 'it\\'s \\\\ cold\\nreally\\'; MATCH (n) DETACH DELETE n; //'" in text
    assert "`weird key`: '{\"a\": 1}'" in text
    assert "MERGE (n:`biolink:Gene` {id: row.id})" in text
    stmts = statements(text)
    # One statement per label, then one per (label, relationship type, label).
    assert sum("MERGE (n:" in s for s in stmts) == 5
    assert sum("MERGE (a)-[r:" in s for s in stmts) == 6 and len(stmts) == 11


# --- Mermaid and DOT ---------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_diagram_of_a_path_holds_only_the_path(tiny, tmp_path, fmt):
    text = export(tiny, fmt, tmp_path / f"p.{fmt}", path=(HEEL_SPUR, HIP_ACHE)).read_text(encoding="utf-8")
    for label in ("Heel spur", "Limping", "Hip ache"):
        assert label in text
    for label in ("Numb toe", "Ice", '"Hip"', '"Leg"'):
        assert label not in text
    assert text.count("can lead to") == 2


def test_mermaid_highlights_the_path_and_escapes_labels(tiny, tmp_path):
    tiny.nodes[LIMPING]["label"] = 'Limping "badly" | <b>'
    text = export(tiny, "mermaid", tmp_path / "p.mmd", path=(HEEL_SPUR, HIP_ACHE)).read_text(encoding="utf-8")
    assert text.startswith("flowchart LR\n")
    assert '["Limping #34;badly#34; #124; #60;b#62;"]' in text
    assert "==>" in text and "linkStyle 0,1 stroke:" in text


def test_dot_whole_graph_and_quoting(tiny, tmp_path):
    tiny.nodes[NUMB_TOE]["label"] = 'Numb "toe"\\'
    text = export(tiny, "dot", tmp_path / "g.dot").read_text(encoding="utf-8")
    assert text.startswith("digraph footback {") and text.endswith("}\n")
    assert 'label="Numb \\"toe\\"\\\\"' in text
    assert text.count(" -> ") == tiny.number_of_edges()


def test_diagram_of_a_missing_path_is_no_path(tiny, tmp_path):
    with pytest.raises(NoPath):
        export(tiny, "dot", tmp_path / "p.dot", path=(HIP_ACHE, HEEL_SPUR))
    assert not (tmp_path / "p.dot").exists()


def test_mermaid_refuses_a_graph_too_big_to_draw(tmp_path):
    G = nx.MultiDiGraph()
    for i in range(600):
        G.add_edge(f"a{i}", f"b{i}", key="causes", relation="causes")
    with pytest.raises(ExportError, match="--focus"):
        export(G, "mermaid", tmp_path / "big.mmd")


def test_cli_exports_a_focus_neighbourhood_as_dot(runner, tmp_path):
    from cli import cli

    out = tmp_path / "s.dot"
    result = runner.invoke(cli, ["export", "dot", "--focus", "sciatica", "--radius", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert '"sciatica"' in text and "flat-feet" not in text


def test_cli_exports_a_path_as_mermaid(runner, tmp_path):
    from cli import cli

    out = tmp_path / "p.mmd"
    result = runner.invoke(cli, ["export", "mermaid", "--path", "plantar fasciitis", "lower back pain", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Plantar fasciitis" in out.read_text(encoding="utf-8") and "Bunion" not in out.read_text(encoding="utf-8")


def test_detect_format(tmp_path, curated):
    export(curated, "kgx", tmp_path / "kgx")
    assert detect_format(tmp_path / "kgx") == "kgx"
    assert detect_format(tmp_path / "kgx" / "edges.tsv") == "kgx"
    (tmp_path / "noext").write_text("  <?xml version='1.0'?><graphml/>")
    assert detect_format(tmp_path / "noext") == "graphml"
    (tmp_path / "noext2").write_text('{"nodes": []}')
    assert detect_format(tmp_path / "noext2") == "json"
    assert detect_format(REPO / "graph" / "data") == "yaml"


def test_a_failed_kgx_export_leaves_the_old_folder(curated, tiny, tmp_path):
    out = export(curated, "kgx", tmp_path / "kgx")
    before = (out / "nodes.tsv").read_bytes()
    tiny.add_node("a\nb", label="x", type="symptom")
    with pytest.raises(ExportError):
        export(tiny, "kgx", out)
    assert (out / "nodes.tsv").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["kgx"]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_formats_refuse_ids_and_names_xml_cannot_carry(tiny, tmp_path, fmt):
    G = tiny.copy()
    G.add_node("bad\x01id", label="x", type="symptom")
    with pytest.raises(ExportError, match="control character"):
        export(G, fmt, tmp_path / "g")
    tiny.nodes[ICE]["odd\x02"] = "v"
    with pytest.raises(ExportError, match="control character"):
        export(tiny, fmt, tmp_path / "g")
    assert not (tmp_path / "g").exists()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_reads_the_graphs_title_through_one_record(tiny, tmp_path, fmt):
    """A graph built in memory may hold anything in ``about`` (no reader checked it):
    every exporter reads its title and disclaimer through records.about, so a
    string there or a list as the title is not said, never a traceback."""
    from graph.model.records import about

    G = tiny.copy()
    G.graph["about"] = "Exported from Gephi"
    out = tmp_path / ("out" + FORMATS[fmt].suffix)
    export(G, fmt, out)
    G.graph["about"] = {"title": ["not", "text"], "disclaimer": "Teaching only."}
    assert about(G) == {"title": "", "description": "", "disclaimer": "Teaching only."}
    export(G, fmt, tmp_path / ("again" + FORMATS[fmt].suffix))
    if not FORMATS[fmt].binary and FORMATS[fmt].target == "file":
        assert "not', 'text" not in (tmp_path / ("again" + FORMATS[fmt].suffix)).read_text()


#: footback's own state once lived under these graph attribute names; now they are the user's.
USERS_OWN = {"origin": "Hetionet v1.0", "omitted": 123456, "focus": "<b>x", "radius": "far"}


@pytest.mark.parametrize("fmt", sorted({**READABLE, "kgx-jsonl": "kgx-jsonl"}))
def test_a_graph_attribute_named_origin_or_omitted_is_the_users_and_round_trips(tiny, tmp_path, fmt):
    """Where a graph was read from is kept beside it, so a graph attribute named
    ``origin`` (or ``omitted``, ``focus``, ``radius``) is written and read back as it is."""
    from graph.formats.common import origin

    name = {**READABLE, "kgx-jsonl": "kgx-jsonl"}[fmt]
    tiny.graph.update(USERS_OWN)
    back = load_graph(export(tiny, fmt, tmp_path / name))
    assert {k: back.graph.get(k) for k in USERS_OWN} == USERS_OWN
    assert origin(back) == str((tmp_path / name).resolve())
    again = load_graph(export(back, fmt, tmp_path / ("again-" + name)))
    assert {k: again.graph.get(k) for k in USERS_OWN} == USERS_OWN and origin(again) == str((tmp_path / ("again-" + name)).resolve())
