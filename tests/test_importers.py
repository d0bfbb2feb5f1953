"""Importers: detection, foreign terms kept, and located errors for broken input."""

import pytest

from cli import cli
from graph.errors import DataError
from graph.exporters import export
from graph.formats import load_graph

NODES_HEAD = "id\tcategory\tname\n"
EDGES_HEAD = "subject\tpredicate\tobject\n"


def kgx(tmp_path, nodes, edges, name="kgx"):
    d = tmp_path / name
    d.mkdir()
    (d / "nodes.tsv").write_bytes(nodes if isinstance(nodes, bytes) else nodes.encode())
    (d / "edges.tsv").write_bytes(edges if isinstance(edges, bytes) else edges.encode())
    return d


def problem_of(path, fmt=None):
    with pytest.raises(DataError) as info:
        load_graph(path, fmt)
    return info.value.problems[0]


def test_kgx_maps_biolink_terms_and_keeps_others(tmp_path):
    d = kgx(
        tmp_path,
        NODES_HEAD + "MONDO:1\tbiolink:Disease|biolink:DiseaseOrPhenotypicFeature\tFlat foot\nHGNC:2\tbiolink:Gene\tSOME1\nfootback:heel\tbiolink:GrossAnatomicalStructure\tHeel\n",
        EDGES_HEAD + "HGNC:2\tbiolink:causes\tMONDO:1\nHGNC:2\tbiolink:interacts_with\tMONDO:1\nMONDO:1\tbiolink:located_in\tfootback:heel\n",
    )
    G = load_graph(d)
    assert dict(G.nodes(data="type")) == {"MONDO:1": "condition", "HGNC:2": "biolink:Gene", "heel": "body_region"}
    assert G.nodes["MONDO:1"]["category"] == ["biolink:Disease", "biolink:DiseaseOrPhenotypicFeature"]
    assert sorted(k for *_, k in G.edges(keys=True)) == ["biolink:interacts_with", "causes", "located_in"]
    from graph.formats.common import origin

    assert origin(G) == str(d.resolve()) and "origin" not in G.graph


def test_kgx_named_pair_and_either_file(tmp_path):
    d = tmp_path / "x"
    d.mkdir()
    (d / "mine_nodes.tsv").write_text(NODES_HEAD + "a:1\tbiolink:Disease\tA\n")
    (d / "mine_edges.tsv").write_text(EDGES_HEAD)
    for p in (d, d / "mine_nodes.tsv", d / "mine_edges.tsv"):
        assert list(load_graph(p).nodes) == ["a:1"]


def test_validate_shows_foreign_types_and_relations(runner, tmp_path):
    d = kgx(tmp_path, NODES_HEAD + "G:1\tbiolink:Gene\tg\nG:2\tbiolink:Gene\th\n", EDGES_HEAD + "G:1\tbiolink:interacts_with\tG:2\n")
    result = runner.invoke(cli, ["validate", "--graph", str(d)])
    assert result.exit_code == 0, result.output
    assert result.output == "valid: 2 nodes (2 biolink:Gene); 1 edge (1 biolink:interacts_with)\n"


KGX_BROKEN = {
    "missing column": (NODES_HEAD.replace("category", "kind"), EDGES_HEAD, "nodes.tsv", 1, "missing column category"),
    "row too long": (NODES_HEAD + "a:1\tbiolink:Disease\tA\tstray\n", EDGES_HEAD, "nodes.tsv", 2, "row has 4 cells but the header has 3"),
    "edge to unknown node": (NODES_HEAD + "a:1\tbiolink:Disease\tA\n", EDGES_HEAD + "a:1\tbiolink:causes\tb:2\n", "edges.tsv", 2, "object 'b:2' is not a node"),
    "empty nodes file": ("", EDGES_HEAD, "nodes.tsv", None, "file is empty"),
    "empty edges file": (NODES_HEAD + "a:1\tbiolink:Disease\tA\n", "", "edges.tsv", None, "file is empty"),
    "duplicate node": (
        NODES_HEAD + "a:1\tbiolink:Disease\tA\n\na:1\tbiolink:Disease\tB\n",
        EDGES_HEAD,
        "nodes.tsv",
        4,
        "duplicate node id 'a:1' (first at line 2) with a different name: 'B', not 'A'",
    ),
    "duplicate node, other category": (NODES_HEAD + "a:1\tbiolink:Disease\tA\na:1\tbiolink:Gene\tA\n", EDGES_HEAD, "nodes.tsv", 3, "with a different category"),
    "two spellings of one id": (NODES_HEAD + "footback:a\tbiolink:Disease\tA\na\tbiolink:Disease\tA\n", EDGES_HEAD, "nodes.tsv", 3, "duplicate node id 'a' (first at line 2)"),
    "empty id": (NODES_HEAD + "\tbiolink:Disease\tA\n", EDGES_HEAD, "nodes.tsv", 2, "empty id"),
    "not utf-8": (NODES_HEAD.encode() + b"a:1\tbiolink:Disease\t\xff\n", EDGES_HEAD, "nodes.tsv", 2, "not UTF-8"),
}


@pytest.mark.parametrize("case", sorted(KGX_BROKEN))
def test_broken_kgx_names_file_line_and_problem(tmp_path, case):
    nodes, edges, file, line, message = KGX_BROKEN[case]
    p = problem_of(kgx(tmp_path, nodes, edges))
    assert p.file.endswith(file) and message in p.message
    if line is not None:
        assert p.line == line


def test_kgx_missing_partner_file(tmp_path):
    (tmp_path / "nodes.tsv").write_text(NODES_HEAD)
    p = problem_of(tmp_path / "nodes.tsv")
    assert p.file.endswith("edges.tsv") and "missing" in p.message


def test_kgx_many_broken_rows_give_a_bounded_message(tmp_path):
    rows = "".join(f"a:{i}\tbiolink:Disease\tA\tstray\n" for i in range(500))
    with pytest.raises(DataError) as info:
        load_graph(kgx(tmp_path, NODES_HEAD + rows, EDGES_HEAD))
    assert len(info.value.problems) == 51 and "stopped after 50 problems" in str(info.value)


GRAPHML_HEAD = '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
GRAPHML_BROKEN = {
    "invalid xml": (GRAPHML_HEAD + '<graph edgedefault="directed">\n<node id="a">\n</graph></graphml>', 5, "not well-formed XML: mismatched tag"),
    "entity expansion": (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<graphml>&lol2;</graphml>',
        2,
        "DOCTYPE",
    ),
    "external entity": ('<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><graphml>&e;</graphml>', 2, "DOCTYPE"),
    "no graph": (GRAPHML_HEAD + "</graphml>\n", None, "no <graph> element"),
    "edge to unknown node": (GRAPHML_HEAD + '<graph edgedefault="directed">\n<node id="a"/>\n<edge source="a" target="b"/>\n</graph></graphml>', 5, "edge target 'b' is not a node"),
    "duplicate node": (GRAPHML_HEAD + '<graph edgedefault="directed">\n<node id="a"/>\n<node id="a"/>\n</graph></graphml>', 5, "duplicate node id 'a' (first at line 4)"),
    "undeclared key": (GRAPHML_HEAD + '<graph edgedefault="directed">\n<node id="a"><data key="d9">x</data></node>\n</graph></graphml>', 4, "<data key='d9'> names no <key> element"),
    "bad typed value": (
        GRAPHML_HEAD + '<key id="d0" for="node" attr.name="n" attr.type="int"/>\n<graph edgedefault="directed">\n<node id="a"><data key="d0">x</data></node>\n</graph></graphml>',
        5,
        "value 'x' is not a GraphML int as its key 'd0' declares",
    ),
    "unknown attr.type": (GRAPHML_HEAD + '<key id="d0" for="node" attr.name="n" attr.type="date"/>\n<graph edgedefault="directed"/></graphml>', 3, "has attr.type 'date'"),
    "key without a name": (GRAPHML_HEAD + '<key id="d0" for="node" attr.type="int"/>\n<graph edgedefault="directed"/></graphml>', 3, "has no attr.name"),
    "empty file": ("", None, "file is empty"),
    "bad footback_json": (
        GRAPHML_HEAD + '<key id="g" for="graph" attr.name="footback_json" attr.type="string"/>\n<key id="s" for="node" attr.name="synonyms" attr.type="string"/>\n'
        '<graph edgedefault="directed"><data key="g">["node:synonyms"]</data>\n<node id="a"><data key="s">[oops</data></node>\n</graph></graphml>',
        None,
        "should be JSON text",
    ),
    "synonyms not a list": (
        GRAPHML_HEAD + '<key id="s" for="node" attr.name="synonyms" attr.type="string"/>\n<graph edgedefault="directed">\n<node id="a"><data key="s">x</data></node>\n</graph></graphml>',
        5,
        "'synonyms' must be a list of non-empty text, got the text 'x', not a list",
    ),
}


@pytest.mark.parametrize("case", sorted(GRAPHML_BROKEN))
def test_broken_graphml_names_file_line_and_problem(tmp_path, case):
    text, line, message = GRAPHML_BROKEN[case]
    f = tmp_path / "g.graphml"
    f.write_text(text)
    p = problem_of(f)
    assert p.file == str(f) and message in p.message
    assert p.line == line


def test_foreign_graphml_gets_labels_types_and_relations(tmp_path):
    f = tmp_path / "gephi.graphml"
    f.write_text(
        GRAPHML_HEAD + '<key id="l" for="edge" attr.name="label" attr.type="string"/>\n<graph edgedefault="directed">\n'
        '<node id="n0"/><node id="n1"/>\n<edge id="e0" source="n0" target="n1"><data key="l">causes</data></edge>\n'
        '<edge id="e1" source="n1" target="n0"/>\n</graph></graphml>'
    )
    G = load_graph(f)
    assert dict(G.nodes(data="type")) == {"n0": "unknown", "n1": "unknown"}
    assert list(G.edges(keys=True)) == [("n0", "n1", "causes"), ("n1", "n0", "related_to")]


JSON_BROKEN = {
    "invalid json": ('{"nodes": [\n  {"id": "a"},\n  {"id": "b",}\n]}', 3, "not valid JSON"),
    "empty file": ("  \n", None, "file is empty"),
    "top-level list": ("[1, 2]", 1, "top level must be a JSON object"),
    "neither format": ('{"vertices": []}', 1, "neither node-link JSON"),
    "edge to unknown node": ('{"nodes": [\n {"id": "a"}\n],\n "edges": [\n {"source": "a", "target": "a"},\n {"source": "a", "target": "zz"}\n]}', 6, "edge target 'zz' is not a node"),
    "node without id": ('{"nodes": [\n {"id": "a"},\n {"label": "b"}\n]}', 3, "node #2 must be an object with an 'id'"),
    "duplicate node": ('{"nodes": [{"id": "a"},\n{"id": "a"}]}', 2, "duplicate node id 'a'"),
    "nodes not a list": ('{"graph": {},\n "nodes": {"a": 1}}', 2, "'nodes' is a dict, not a list"),
    "cytoscape edges not a list": ('{"elements": {\n "nodes": [],\n "edges": 3}}', 3, "'edges' is a int, not a list"),
    "cytoscape edge without ends": ('{"elements": {"nodes": [{"data": {"id": "a"}}],\n "edges": [\n {"data": {"id": "e"}}]}}', 3, "needs 'data' with 'source' and 'target'"),
    "cytoscape no nodes": ('{"elements": []}', 1, "no nodes"),
    "not utf-8": (b'{"nodes": [\n {"id": "a"},\n {"id": "\xff"}]}', 3, "not UTF-8 text (invalid start byte 0xff)"),
    "deep nesting": ('{"nodes": [],\n "x": ' + "[" * 100000 + "]" * 100000 + "}", 2, "JSON nested too deeply (over 100 levels)"),
}


@pytest.mark.parametrize("case", sorted(JSON_BROKEN))
def test_broken_json_names_file_line_and_problem(tmp_path, case):
    text, line, message = JSON_BROKEN[case]
    f = tmp_path / "g.json"
    f.write_bytes(text if isinstance(text, bytes) else text.encode())
    p = problem_of(f)
    assert p.file == str(f) and message in p.message
    assert p.line == line


def test_edge_to_an_invalid_node_says_the_node_is_the_problem(tmp_path):
    """As in the YAML: an edge naming a node refused for its own problem is told so, not that the node is missing."""
    f = tmp_path / "g.json"
    f.write_text('{"nodes": [\n {"id": "a"},\n {"id": "b", "synonyms": "x"}\n],\n "edges": [\n {"source": "a", "target": "b"}\n]}')
    with pytest.raises(DataError) as exc:
        load_graph(f)
    messages = [(p.line, p.message) for p in exc.value.problems]
    assert (3, "'synonyms' must be a list of non-empty text, got the text 'x', not a list") in messages
    assert (6, "edge target 'b' is not a node (it is defined but invalid, see its own problem)") in messages


def test_evidence_words_are_the_same_in_yaml_and_in_an_import(tmp_path):
    f = tmp_path / "g.json"
    f.write_text('{"nodes": [{"id": "a"}, {"id": "b"}],\n "edges": [{"source": "a", "target": "b", "evidence_level": "likely"}]}')
    with pytest.raises(DataError) as exc:
        load_graph(f)
    (p,) = exc.value.problems
    assert p.message == "unknown evidence level 'likely' (allowed: established, supported, association, hypothesis, contradicted)"


@pytest.mark.parametrize("fmt", ["kgx", "graphml", "json", "yaml"])
def test_cli_reports_broken_input_with_exit_3_and_no_traceback(runner, tmp_path, fmt):
    bad = {"kgx": None, "graphml": "g.graphml", "json": "g.json", "yaml": "y"}[fmt]
    if fmt == "kgx":
        path = kgx(tmp_path, NODES_HEAD + "a:1\n", EDGES_HEAD)
    elif fmt == "yaml":
        path = tmp_path / "y"
        path.mkdir()
        (path / "nodes.yaml").write_text("nodes: [\n")
    else:
        path = tmp_path / bad
        path.write_text("<graphml><graph>" if fmt == "graphml" else "{")
    result = runner.invoke(cli, ["validate", "--graph", str(path)])
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith("footback: error: 1 problem in graph data:\n  " + str(path))
    assert "Traceback" not in result.stderr and result.exception is None or isinstance(result.exception, SystemExit)


def test_cli_graph_format_forces_the_reader(runner, tmp_path, curated):
    f = export(curated, "json", tmp_path / "graph.txt")
    assert runner.invoke(cli, ["validate", "--graph", str(f), "--graph-format", "json"]).exit_code == 0
    result = runner.invoke(cli, ["validate", "--graph", str(f), "--graph-format", "graphml"])
    assert result.exit_code == 3 and "not well-formed XML" in result.stderr


def test_export_refuses_to_write_into_an_imported_kgx_folder(curated, tmp_path):
    from graph.errors import ExportError

    d = export(curated, "kgx", tmp_path / "kgx")
    G = load_graph(d)
    with pytest.raises(ExportError, match="inside the graph data directory"):
        export(G, "json", d / "graph.json")


def test_gexf_is_export_only_and_says_so(curated, tmp_path):
    p = problem_of(export(curated, "gexf", tmp_path / "g.gexf"))
    assert "does not read it" in p.message and "graphml" in p.message


@pytest.mark.parametrize("name", ["karate.graphml", "karate.json", "karate.cyjs"])
def test_networkx_own_files_open(tmp_path, name):
    """Files networkx writes by default (undirected, int ids, 'links', cytoscape_data)."""
    import json

    import networkx as nx

    G = nx.karate_club_graph()
    path = tmp_path / name
    if name.endswith(".graphml"):
        nx.write_graphml(G, path)
    elif name.endswith(".json"):
        path.write_text(json.dumps(nx.node_link_data(G, edges="links")))
    else:
        path.write_text(json.dumps(nx.cytoscape_data(G)))
    H = load_graph(path)
    assert (H.number_of_nodes(), H.number_of_edges()) == (34, 2 * 78)  # undirected: each edge both ways
    assert H.nodes["0"]["club"] == "Mr. Hi" and H.nodes["0"]["type"] == "unknown"
    assert H.edges["0", "1", "related_to"]["weight"] == H.edges["1", "0", "related_to"]["weight"] == 4
    assert H.graph["name"] == "Zachary's Karate Club" and "directed" not in H.graph


def test_kgx_metadata_gives_graph_attributes_and_broken_metadata_is_located(tmp_path):
    d = kgx(tmp_path, NODES_HEAD + "a:1\tbiolink:Disease\tA\n", EDGES_HEAD)
    (d / "metadata.json").write_text('{"graph": {"about": {"disclaimer": "Not advice."}}}')
    assert load_graph(d).graph["about"] == {"disclaimer": "Not advice."}
    (d / "metadata.json").write_text('{\n"graph": {,}}')
    p = problem_of(d)
    assert p.file.endswith("metadata.json") and p.line == 2 and "not valid JSON" in p.message
    (d / "metadata.json").write_text('{"graph": []}')
    assert "'graph' is an object" in problem_of(d).message


def _tar(path, files, mode="w:gz"):
    import io
    import tarfile

    with tarfile.open(path, mode) as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


def test_kgx_archive_is_read_in_place(curated, tmp_path):
    d = export(curated, "kgx", tmp_path / "kgx")
    files = {f"kg/footback_{p.name}": p.read_bytes() for p in d.iterdir()}
    for name, mode in (("kg.tar.gz", "w:gz"), ("kg.tgz", "w:gz"), ("kg.tar", "w")):
        G = load_graph(_tar(tmp_path / name, files, mode))
        assert list(G.nodes(data=True)) == list(curated.nodes(data=True))
        assert list(G.edges(keys=True, data=True)) == list(curated.edges(keys=True, data=True))
        assert G.graph["about"] == curated.graph["about"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.tar", "kg.tar.gz", "kg.tgz", "kgx"]  # nothing extracted


def test_broken_kgx_archives_are_located(tmp_path):
    ragged = _tar(tmp_path / "r.tar.gz", {"x_nodes.tsv": (NODES_HEAD + "a:1\tbiolink:Disease\tA\tB\n").encode(), "x_edges.tsv": EDGES_HEAD.encode()})
    p = problem_of(ragged)
    assert p.file == f"{ragged}/x_nodes.tsv" and p.line == 2 and "row has 4 cells" in p.message
    none = _tar(tmp_path / "n.tar.gz", {"readme.txt": b"hi"})
    assert "exactly one KGX pair" in problem_of(none).message
    data = ragged.read_bytes()
    (tmp_path / "cut.tar.gz").write_bytes(data[: len(data) // 2])
    assert "cannot read the archive" in problem_of(tmp_path / "cut.tar.gz").message
    (tmp_path / "junk.tgz").write_bytes(b"not an archive at all")
    assert "cannot read the archive" in problem_of(tmp_path / "junk.tgz").message


def test_paths_of_a_bare_kgx_graph_print_no_blank_evidence_lines(runner, tmp_path):
    """Imported edges may carry no note and no section: the step line stands alone."""
    d = kgx(
        tmp_path,
        NODES_HEAD + "X:1\tbiolink:Disease\tFlat foot\nX:2\tbiolink:PhenotypicFeature\tSore back\n",
        EDGES_HEAD + "X:1\tbiolink:causes\tX:2\n",
    )
    result = runner.invoke(cli, ["--graph", str(d), "paths", "flat foot", "sore back"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "   Flat foot  can lead to  Sore back" in lines
    assert all(line.strip() or not line for line in lines)  # no whitespace-only lines


BOM = b"\xef\xbb\xbf"


def test_a_utf8_bom_is_not_part_of_the_first_column(tmp_path):
    """Excel and many Windows tools start UTF-8 files with a byte-order mark."""
    d = kgx(tmp_path, BOM + (NODES_HEAD + "a:1\tbiolink:Disease\tA\n").encode(), BOM + (EDGES_HEAD + "a:1\tbiolink:causes\ta:1\n").encode())
    (d / "metadata.json").write_bytes(BOM + b'{"graph": {"about": {"title": "T"}}}')
    G = load_graph(d)
    assert list(G.nodes) == ["a:1"] and list(G.edges(keys=True)) == [("a:1", "a:1", "causes")]
    assert G.graph["about"] == {"title": "T"}


@pytest.mark.parametrize("fmt, name", [("graphml", "g.graphml"), ("json", "g.json"), ("cytoscape", "g.cyjs")])
def test_a_utf8_bom_is_read_by_every_file_reader(curated, tmp_path, fmt, name):
    f = export(curated, fmt, tmp_path / name)
    f.write_bytes(BOM + f.read_bytes())
    G = load_graph(f)
    assert list(G.nodes) == list(curated.nodes) and G.number_of_edges() == curated.number_of_edges()


#: As Cytoscape desktop (3.10) writes File > Export > Network to File > .cyjs.
CYTOSCAPE_DESKTOP = """{
  "format_version" : "1.0",
  "generated_by" : "cytoscape-3.10.1",
  "target_cytoscapejs_version" : "~2.1",
  "data" : {"shared_name" : "feet", "name" : "feet", "SUID" : 52, "__Annotations" : [ ], "selected" : true},
  "elements" : {
    "nodes" : [
      {"data" : {"id" : "104", "shared_name" : "Flat feet", "name" : "Flat feet", "SUID" : 104, "selected" : false}, "position" : {"x" : 1.0, "y" : 2.0}, "selected" : false},
      {"data" : {"id" : "106", "shared_name" : "Back pain", "name" : "Back pain", "SUID" : 106, "selected" : false}, "position" : {"x" : 3.0, "y" : 4.0}, "selected" : false}
    ],
    "edges" : [
      {"data" : {"id" : "110", "source" : "104", "target" : "106", "shared_name" : "Flat feet (causes) Back pain", "shared_interaction" : "causes", "name" : "Flat feet (causes) Back pain", "interaction" : "causes", "SUID" : 110, "selected" : false}, "selected" : false},
      {"data" : {"id" : "111", "source" : "106", "target" : "104", "name" : "Back pain (pp) Flat feet", "interaction" : "pp", "SUID" : 111, "selected" : false}, "selected" : false}
    ]
  }
}
"""


def test_cytoscape_desktop_names_and_interactions(tmp_path):
    """Cytoscape desktop labels nodes with 'name' and types edges with 'interaction'."""
    f = tmp_path / "feet.cyjs"
    f.write_text(CYTOSCAPE_DESKTOP)
    G = load_graph(f)
    assert dict(G.nodes(data="label")) == {"104": "Flat feet", "106": "Back pain"}
    assert list(G.edges(keys=True)) == [("104", "106", "causes"), ("106", "104", "pp")]
    assert G.edges["104", "106", "causes"]["interaction"] == "causes"  # kept as well


def test_own_label_and_relation_win_over_name_and_interaction(tmp_path):
    f = tmp_path / "g.json"
    f.write_text(
        '{"nodes": [{"id": "a", "label": "A", "name": "nope"}, {"id": "b", "name": "B"}],'
        ' "edges": [{"source": "a", "target": "b", "relation": "causes", "interaction": "pp"},'
        ' {"source": "b", "target": "a", "interaction": "pp", "label": "shown"}]}'
    )
    G = load_graph(f)
    assert dict(G.nodes(data="label")) == {"a": "A", "b": "B"}
    assert list(G.edges(keys=True)) == [("a", "b", "causes"), ("b", "a", "pp")]


def test_cytoscape_desktop_graphml_names_and_interactions(tmp_path):
    f = tmp_path / "cy.graphml"
    f.write_text(
        GRAPHML_HEAD + '<key id="n" for="node" attr.name="name" attr.type="string"/>\n'
        '<key id="i" for="edge" attr.name="interaction" attr.type="string"/>\n<graph edgedefault="directed">\n'
        '<node id="n0"><data key="n">Flat feet</data></node><node id="n1"><data key="n">Back pain</data></node>\n'
        '<edge source="n0" target="n1"><data key="i">causes</data></edge>\n</graph></graphml>'
    )
    G = load_graph(f)
    assert dict(G.nodes(data="label")) == {"n0": "Flat feet", "n1": "Back pain"}
    assert list(G.edges(keys=True)) == [("n0", "n1", "causes")]


# --- duplicate edges in imported graphs are merged, not refused ---------------

KGX_DUPLICATES = (
    "id\tsubject\tpredicate\tobject\tprimary_knowledge_source\tpublications\tdescription\n"
    "e1\tX:1\tbiolink:causes\tX:2\tinfores:semmeddb\tPMID:1\t\n"
    "e2\tX:2\tbiolink:causes\tX:1\tinfores:semmeddb\t\t\n"
    "e3\tX:1\tbiolink:causes\tX:2\tinfores:ctd\tPMID:2|PMID:1\tFrom CTD.\n"
    "e4\tX:1\tbiolink:causes\tX:2\tinfores:semmeddb\tPMID:3\tAgain.\n"
)
KGX_DUP_NODES = NODES_HEAD + "X:1\tbiolink:Disease\tFlat foot\nX:2\tbiolink:PhenotypicFeature\tSore back\n"


def test_kgx_duplicate_triples_are_merged_with_their_provenance(tmp_path):
    """Public KGX graphs carry one triple from several knowledge sources, each row with its own id."""
    from graph.formats import import_notes

    G = load_graph(kgx(tmp_path, KGX_DUP_NODES, KGX_DUPLICATES))
    assert list(G.edges(keys=True)) == [("X:1", "X:2", "causes"), ("X:2", "X:1", "causes")]
    merged = G.edges["X:1", "X:2", "causes"]
    assert merged["cites"] == "semmeddb"  # the first row's primary knowledge source
    assert merged["knowledge_source"] == ["infores:semmeddb", "infores:ctd"]  # every row's, first seen first
    assert merged["publications"] == ["PMID:1", "PMID:2", "PMID:3"]
    assert merged["note"] == "From CTD."  # an empty cell is filled from a later row; else the first row's value
    assert "knowledge_source" not in G.edges["X:2", "X:1", "causes"]
    assert import_notes(G) == [f"{tmp_path / 'kgx' / 'edges.tsv'}: 2 rows (the first at line 4) repeat an earlier row's subject, predicate and object; each was merged into that row's edge"]


def test_merged_kgx_duplicates_round_trip(tmp_path):
    G = load_graph(kgx(tmp_path, KGX_DUP_NODES, KGX_DUPLICATES))
    H = load_graph(export(G, "kgx", tmp_path / "again"))
    assert list(H.edges(keys=True, data=True)) == list(G.edges(keys=True, data=True))


def test_validate_says_how_many_duplicates_were_merged(runner, tmp_path):
    d = kgx(tmp_path, KGX_DUP_NODES, KGX_DUPLICATES)
    result = runner.invoke(cli, ["validate", "--graph", str(d)])
    assert result.exit_code == 0, result.output
    assert result.output == (
        "valid: 2 nodes (1 condition, 1 symptom); 2 edges (2 causes)\n"
        f"note: {d / 'edges.tsv'}: 2 rows (the first at line 4) repeat an earlier row's subject, predicate and object; "
        "each was merged into that row's edge\n"
    )


def test_graphml_and_json_duplicate_edges_are_merged_too(tmp_path):
    from graph.formats import import_notes

    f = tmp_path / "gephi.graphml"
    f.write_text(
        GRAPHML_HEAD + '<key id="w" for="edge" attr.name="weight" attr.type="double"/>\n<graph edgedefault="directed">\n'
        '<node id="a"/><node id="b"/>\n<edge id="e0" source="a" target="b"><data key="w">2.0</data></edge>\n'
        '<edge id="e1" source="a" target="b"><data key="w">5.0</data></edge>\n</graph></graphml>'
    )
    G = load_graph(f)
    assert list(G.edges(keys=True, data=True)) == [("a", "b", "related_to", {"weight": 2.0, "relation": "related_to"})]
    assert import_notes(G) == [f"{f}: 1 edge (the first at line 7) repeats an earlier edge's source, relation and target; it was merged into that edge"]
    j = tmp_path / "g.json"
    j.write_text('{"nodes": [{"id": "a"}, {"id": "b"}],\n "edges": [{"source": "a", "target": "b", "cites": "x"},\n {"source": "a", "target": "b", "cites": "y"}]}')
    G = load_graph(j)
    assert G.edges["a", "b", "related_to"]["knowledge_source"] == ["infores:x", "infores:y"]
    assert len(import_notes(G)) == 1


def test_curated_yaml_duplicate_edges_stay_an_error(tiny_dir):
    import yaml

    edges = yaml.safe_load((tiny_dir / "edges.yaml").read_text())
    edges["edges"].append(dict(edges["edges"][0]))
    (tiny_dir / "edges.yaml").write_text(yaml.safe_dump(edges))
    with pytest.raises(DataError, match="duplicate edge"):
        load_graph(tiny_dir)


# --- undirected graphs are read both ways ----------------------------------------------


UNDIRECTED = (
    GRAPHML_HEAD + '<key id="l" for="edge" attr.name="label" attr.type="string"/>\n<graph edgedefault="undirected">\n'
    '<node id="a"/><node id="b"/><node id="c"/>\n'
    '<edge source="b" target="a"><data key="l">linked</data></edge>\n'
    '<edge source="b" target="c"/>\n<edge source="c" target="c"/>\n</graph></graphml>'
)


def test_undirected_graphml_edges_are_read_both_ways(runner, tmp_path):
    from graph.formats import import_notes
    from graph.questions.query import paths

    f = tmp_path / "u.graphml"
    f.write_text(UNDIRECTED)
    G = load_graph(f)
    assert sorted(G.edges(keys=True)) == [
        ("a", "b", "linked"),
        ("b", "a", "linked"),
        ("b", "c", "related_to"),
        ("c", "b", "related_to"),
        ("c", "c", "related_to"),
    ]
    assert G.edges["a", "b", "linked"] == G.edges["b", "a", "linked"] and G.edges["a", "b", "linked"] is not G.edges["b", "a", "linked"]
    assert [p["nodes"] for p in paths(G, "a", "c", relations=["linked", "related_to"])] == [["a", "b", "c"]]
    assert [p["nodes"] for p in paths(G, "c", "a", relations=["linked", "related_to"])] == [["c", "b", "a"]]
    note = f'{f}: an undirected graph (edgedefault="undirected"): each of its 3 edges is read both ways, as two directed edges'
    assert import_notes(G) == [note]
    result = runner.invoke(cli, ["validate", "--graph", str(f)])
    assert result.output == f"valid: 3 nodes (3 unknown); 5 edges (2 linked, 3 related_to)\nnote: {note}\n"


def test_undirected_json_edges_are_read_both_ways(tmp_path):
    from graph.formats import import_notes

    f = tmp_path / "u.json"
    f.write_text('{"directed": false, "nodes": [{"id": "a"}, {"id": "b"}], "edges": [{"source": "a", "target": "b"}, {"source": "b", "target": "a"}]}')
    G = load_graph(f)
    assert sorted(G.edges(keys=True)) == [("a", "b", "related_to"), ("b", "a", "related_to")]
    assert import_notes(G) == [
        f'{f}: an undirected graph ("directed": false): each of its 2 edges is read both ways, as two directed edges',
        f"{f}: 1 edge repeats an earlier edge's source, relation and target; it was merged into that edge",  # b-a is a-b again
    ]
    f.write_text('{"directed": true, "nodes": [{"id": "a"}, {"id": "b"}], "edges": [{"source": "a", "target": "b"}]}')
    assert list(load_graph(f).edges) == [("a", "b", "related_to")] and import_notes(load_graph(f)) == []


@pytest.mark.parametrize("fmt", [None, "json"])
def test_a_pipe_is_refused_without_waiting_for_it(runner, tmp_path, fmt):
    """A named pipe with no writer would block for ever on open; a device such as /dev/zero never ends."""
    import os

    fifo = tmp_path / "graph.json"
    os.mkfifo(fifo)
    args = ["--graph", str(fifo)] + (["--graph-format", fmt] if fmt else []) + ["stats"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 3
    assert f"{fifo}: a pipe, not a file or folder: save the graph to a file and open that" in result.output
    assert "Traceback" not in result.output
    if os.path.exists("/dev/zero"):
        result = runner.invoke(cli, ["--graph", "/dev/zero", "validate"])
        assert result.exit_code == 3 and "/dev/zero: a device, not a file or folder" in result.output


def test_typed_values_where_text_belongs(runner, tmp_path):
    """networkx writes typed GraphML: a number where footback reads text is refused, as in its YAML,
    each at its line, saying how to write it as text; a list or mapping too."""
    import json

    import networkx as nx

    d = nx.DiGraph()
    d.add_node("a", label="A", description=5)
    d.add_node("b", label="B")
    d.add_node("c", label="C")
    d.add_edge("b", "c", relation="causes", note=2.5, section="s")
    nx.write_graphml(d, tmp_path / "typed.graphml")
    result = runner.invoke(cli, ["--graph", str(tmp_path / "typed.graphml"), "paths", "b", "c"])
    assert result.exit_code == 3 and "Traceback" not in result.output
    lines = (tmp_path / "typed.graphml").read_text().splitlines()
    node_a = next(i for i, x in enumerate(lines, 1) if '<node id="a"' in x)
    edge = next(i for i, x in enumerate(lines, 1) if "<edge " in x)
    hint = 'declare its <key> attr.type="string"'
    assert f"typed.graphml:{node_a}: [a] 'description' must be text, got a number ({hint})" in result.output
    assert f"typed.graphml:{edge}: [b -> c] 'note' must be text, got a number ({hint})" in result.output
    doc = {"directed": True, "multigraph": False, "graph": {"title": {"x": 1}}, "nodes": [{"id": "a"}, {"id": "b"}], "links": [{"source": "a", "target": "b", "note": ["x"]}]}
    (tmp_path / "typed.json").write_text(json.dumps(doc, indent=1))
    result = runner.invoke(cli, ["--graph", str(tmp_path / "typed.json"), "stats"])
    assert result.exit_code == 3 and "Traceback" not in result.output
    assert "'title' must be text, got dict" in result.output
    assert f"{tmp_path / 'typed.json'}:" in result.output and "[a -> b] 'note' must be text, got a list ['x']" in result.output


#: A graph-level ``about`` that is not a mapping of text, in every reader's spelling:
#: (file name, its text, the line the problem is placed on, the message).
_GEPHI = "'about' must be a mapping holding the graph's title, description and disclaimer as text, got str 'Exported from Gephi'"
BAD_ABOUT = [
    (
        "about.graphml",
        '<?xml version="1.0" encoding="utf-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
        '<key id="g0" for="graph" attr.name="about" attr.type="string"/>\n<graph edgedefault="directed">\n'
        '<data key="g0">Exported from Gephi</data>\n<node id="a"/>\n</graph>\n</graphml>\n',
        4,
        _GEPHI,
    ),
    ("about.json", '{\n "graph": {\n  "about": "Exported from Gephi"\n },\n "nodes": [{"id": "a"}],\n "edges": []\n}\n', 3, _GEPHI),
    ("about.cyjs", '{\n "data": {"about":\n  {"title": [1, 2]}},\n "elements": {"nodes": [{"data": {"id": "a"}}]}\n}\n', 3, "[graph about] 'title' must be text, got list [1, 2]"),
    ("kgx/metadata.json", '{"graph": {"about": "Exported from Gephi"}}\n', 1, _GEPHI),
    (
        "yaml/graph.yaml",
        "about:\n  title: The graph\n  disclaimer: [not, text]\nnodes:\n  - {id: a, label: A, type: condition, description: An A.}\n",
        3,
        "'about' 'disclaimer' must be text, got list ['not', 'text']",
    ),
]


@pytest.mark.parametrize("name,text,line,message", BAD_ABOUT, ids=[b[0] for b in BAD_ABOUT])
@pytest.mark.parametrize("command", [["stats"], ["export", "html", "-o", "page.html"], ["export", "handout", "-o", "sheet.html"], ["validate"]])
def test_an_about_that_is_not_text_is_refused_by_every_reader(runner, tmp_path, monkeypatch, name, text, line, message, command):
    """The graph's title and disclaimer are read from ``about``: every reader refuses one
    that is not a mapping of text, with its file and line (exit 3), never a traceback."""
    monkeypatch.chdir(tmp_path)
    f = tmp_path / name
    f.parent.mkdir(exist_ok=True)
    f.write_text(text)
    graph = f
    if name.startswith("kgx/"):
        (f.parent / "nodes.tsv").write_text(NODES_HEAD + "a:1\tbiolink:Disease\tA\n")
        (f.parent / "edges.tsv").write_text(EDGES_HEAD)
        graph = f.parent
    elif name.startswith("yaml/"):
        graph = f.parent
    result = runner.invoke(cli, ["--graph", str(graph), *command])
    assert result.exit_code == 3, result.output
    assert f"{f}:{line}: " in result.output and message in result.output
    assert "Traceback" not in result.output and not (tmp_path / "page.html").exists()


def test_an_about_of_text_and_numbers_is_read(tmp_path):
    """A number in ``about`` is taken as its text, as elsewhere in a graph's attributes."""
    from graph.model.records import about

    f = tmp_path / "g.json"
    f.write_text('{"graph": {"about": {"title": 2024, "disclaimer": null, "licence": "CC0"}}, "nodes": [{"id": "a"}], "edges": []}')
    G = load_graph(f)
    assert G.graph["about"] == {"title": "2024", "licence": "CC0"}
    assert about(G) == {"title": "2024", "description": "", "disclaimer": ""}


@pytest.mark.parametrize("fmt", [None, "graphml"])
def test_an_html_page_is_named_as_a_page_not_refused_as_graphml(runner, tmp_path, fmt):
    """footback's own explorer page starts <!DOCTYPE html>: not GraphML with an entity-bearing DOCTYPE."""
    page = tmp_path / "footback.html"
    assert runner.invoke(cli, ["export", "html", "-o", str(page)]).exit_code == 0
    xhtml = tmp_path / "page.xml"
    xhtml.write_text('<?xml version="1.0"?>\n<!-- saved -->\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>\n')
    for path in (page, xhtml):
        args = ["--graph", str(path)] + (["--graph-format", fmt] if fmt else []) + ["stats"]
        result = runner.invoke(cli, args)
        assert result.exit_code == 3, result.output
        assert f"{path}:1: an HTML page, not a graph format footback reads: open a footback YAML folder, KGX (TSV or JSON Lines), GraphML," in result.output
        assert "DOCTYPE" not in result.output and "Traceback" not in result.output
