"""The checks every reader shares (graph/formats/checks.py): a node's and an edge's
fields held to the rules of footback's YAML, whichever format they come in.

Each bad value goes through the command line in every format that can hold it:
a located problem (file, line, record), exit 3, no traceback, no graph."""

import json
import math

import pytest

from cli import cli

NAN = float("nan")

#: A node field holding a value footback's YAML refuses, and what every reader says.
BAD_NODE = {
    "related terms as text": ("related_terms", "hallux valgus", "'related_terms' must be a list of non-empty text, got the text 'hallux valgus', not a list"),
    "a number among synonyms": ("synonyms", ["big toe", 7], "'synonyms' must be a list of non-empty text, got a list whose item 2 is a number"),
    "empty text among codes": ("codes", ["ICD:1", " "], "'codes' must be a list of non-empty text, got a list whose item 2 is empty text"),
    "codes as a number": ("codes", 5, "'codes' must be a list of non-empty text, got a number"),
    "a numeric type": ("type", 123, "'type' must be text, got a number"),
    "a numeric label": ("label", 42, "'label' must be text, got a number"),
    "a NaN description": ("description", NAN, "'description' must be text, got NaN, a missing value (leave the field out)"),
    "a description as a list": ("description", ["x"], "'description' must be text, got a list ['x']"),
    "red_flag as text": ("red_flag", "yes", "'red_flag' must be true or false, and true only on a symptom (got 'yes' on a symptom)"),
    "red_flag on a condition": ("red_flag", True, "'red_flag' must be true or false, and true only on a symptom (got True on a condition)"),
}

#: An edge field holding a value footback's YAML refuses.
BAD_EDGE = {
    "a NaN note": ("note", NAN, "'note' must be text, got NaN, a missing value (leave the field out)"),
    "a numeric note": ("note", 2.5, "'note' must be text, got a number"),
    "a numeric section": ("section", 3, "'section' must be text, got a number"),
    "a heading twice": ("section", ["Feet", "Feet"], "'section' lists a heading twice"),
    "a numeric source": ("cites", 7, "'cites' must be text, got a number"),
}

#: The KGX JSON Lines key each footback field is read from.
KGX_KEY = {"label": "name", "type": "footback_type", "synonyms": "synonym", "codes": "xref", "related_terms": "related_synonym", "note": "description", "cites": "primary_knowledge_source"}


def _node(field, value):
    """Node ``h`` (a symptom, unless the field is the type) with ``field`` set to ``value``."""
    node = {"id": "h", "label": "Heel pain", "type": "symptom"}
    if field == "red_flag" and value is True:
        node["type"] = "condition"
    node[field] = value
    return node


def _edge(field, value):
    return {"source": "h", "target": "b", "relation": "causes", field: value}


def _one_a_line(records):
    """JSON records, one a line, so that each problem's line is its record's (NaN as JSON readers take it)."""
    return "[\n" + ",\n".join(json.dumps(r) for r in records) + "\n]"


def write_node_link(tmp_path, node, edge):
    nodes = _one_a_line([node, {"id": "b", "label": "Back pain"}])
    f = tmp_path / "g.json"
    f.write_text(f'{{"directed": true, "multigraph": true, "graph": {{}},\n "nodes": {nodes},\n "edges": {_one_a_line([edge] if edge else [])}}}\n')
    return f


def write_cytoscape(tmp_path, node, edge):
    nodes = _one_a_line([{"data": node}, {"data": {"id": "b", "label": "Back pain"}}])
    edges = _one_a_line([{"data": edge}] if edge else [])
    f = tmp_path / "g.cyjs"
    f.write_text(f'{{"data": {{}}, "elements": {{"nodes": {nodes},\n "edges": {edges}}}}}\n')
    return f


def _graphml_type(value):
    if isinstance(value, bool):
        return "boolean", str(value).lower()
    if isinstance(value, int):
        return "int", str(value)
    if isinstance(value, float):
        return "double", "NaN" if math.isnan(value) else repr(value)
    if isinstance(value, list):
        return "string", json.dumps(value)  # as footback writes lists (named in footback_json)
    return "string", value


def write_graphml(tmp_path, node, edge):
    """GraphML with a typed key for each attribute, as networkx, Gephi or footback write it."""
    keys, listed = {}, []

    def data(what, attrs):
        out = ""
        for name, value in attrs.items():
            if name in ("id", "source", "target"):
                continue
            kind, text = _graphml_type(value)
            kid = keys.setdefault((what, name), (f"k{len(keys)}", kind))[0]
            if isinstance(value, list):
                listed.append(f"{what}:{name}")
            out += f'<data key="{kid}">{text}</data>'
        return out

    nodes = f'<node id="h">{data("node", node)}</node>\n<node id="b"><data key="kl">Back pain</data></node>\n'
    edges = f'<edge source="h" target="b">{data("edge", edge)}</edge>\n' if edge else ""
    head = '<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
    head += '<key id="g" for="graph" attr.name="footback_json" attr.type="string"/>\n<key id="kl" for="node" attr.name="label" attr.type="string"/>\n'
    head += "".join(f'<key id="{kid}" for="{what}" attr.name="{name}" attr.type="{kind}"/>\n' for (what, name), (kid, kind) in keys.items())
    body = f'<graph edgedefault="directed"><data key="g">{json.dumps(listed)}</data>\n' + nodes + edges + "</graph></graphml>\n"
    f = tmp_path / "g.graphml"
    f.write_text(head + body)
    return f


def write_kgx_jsonl(tmp_path, node, edge):
    d = tmp_path / "kgxj"
    d.mkdir()
    rec = {"id": "h", "category": ["biolink:PhenotypicFeature"]}
    rec.update({KGX_KEY.get(k, k): v for k, v in node.items() if k != "id"})
    lines = [rec, {"id": "b", "category": ["biolink:PhenotypicFeature"], "name": "Back pain"}]
    (d / "nodes.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines))
    erec = {"subject": "h", "predicate": "biolink:causes", "object": "b"}
    erec.update({KGX_KEY.get(k, k): v for k, v in (edge or {}).items() if k not in ("source", "target", "relation")})
    (d / "edges.jsonl").write_text(json.dumps(erec) + "\n" if edge else "")
    return d


WRITERS = {"json": write_node_link, "cytoscape": write_cytoscape, "graphml": write_graphml, "kgx-jsonl": write_kgx_jsonl}


def _line_of(path, needle):
    """Line of ``needle`` in ``path`` (a file, or the nodes or edges file of a KGX folder)."""
    for i, line in enumerate(path.read_text().splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {path}")


def _refused(runner, path, *args):
    result = runner.invoke(cli, ["--graph", str(path), *args])
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    return result.output


def _expected(fmt, field, message):
    """The message as the reader names the field (KGX by its own key), and its number hint."""
    if fmt == "kgx-jsonl":
        message = message.replace(f"'{field}'", f"'{KGX_KEY.get(field, field)}'")
    return message


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("case", sorted(BAD_NODE))
def test_a_bad_node_field_is_refused_by_every_reader_as_by_the_yaml(runner, tmp_path, fmt, case):
    field, value, message = BAD_NODE[case]
    if fmt == "kgx-jsonl" and field == "related_terms":
        pytest.skip("KGX reads a lone text in a multivalued slot as a list of one: see test_kgx_jsonl_reads_a_lone_related_term_as_one")
    path = WRITERS[fmt](tmp_path, _node(field, value), _edge("note", "n"))
    out = _refused(runner, path, "show", "back pain")
    where = path / "nodes.jsonl" if path.is_dir() else path
    line = _line_of(where, '<node id="h"' if fmt == "graphml" else '"id": "h"')
    assert f"{where}:{line}: [h] {_expected(fmt, field, message)}" in out, out
    if message.endswith("got a number"):  # the hint says how to write it as text in this format
        hint = 'declare its <key> attr.type="string"' if fmt == "graphml" else "quote it"
        assert f"{_expected(fmt, field, message)} ({hint})" in out
    # nothing half-loaded: validate refuses it too, the same way
    assert _expected(fmt, field, message) in _refused(runner, path, "validate")


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("case", sorted(BAD_EDGE))
def test_a_bad_edge_field_is_refused_by_every_reader_as_by_the_yaml(runner, tmp_path, fmt, case):
    field, value, message = BAD_EDGE[case]
    path = WRITERS[fmt](tmp_path, _node("description", "d"), _edge(field, value))
    out = _refused(runner, path, "paths", "h", "b")
    where = path / "edges.jsonl" if path.is_dir() else path
    line = _line_of(where, {"graphml": "<edge ", "kgx-jsonl": '"subject": "h"'}.get(fmt, '"source": "h"'))
    record = "h biolink:causes b" if fmt == "kgx-jsonl" else "h -> b"
    assert f"{where}:{line}: [{record}] {_expected(fmt, field, message)}" in out, out


def test_json_related_terms_as_text_no_longer_read_by_character(runner, tmp_path):
    """The review's case: a related term given as text was read letter by letter ("'h' is a related term")."""
    f = tmp_path / "rt.json"
    f.write_text('{"nodes": [\n {"id": "h", "label": "Bunion", "related_terms": "hallux valgus"}\n], "edges": []}')
    out = _refused(runner, f, "show", "h")
    assert out.endswith(f"{f}:2: [h] 'related_terms' must be a list of non-empty text, got the text 'hallux valgus', not a list\n")
    assert "is a related term" not in out


def test_kgx_jsonl_reads_a_lone_related_term_as_one(runner, tmp_path):
    """KGX reads a lone text in a multivalued slot as a list of one: so does footback, for related terms too."""
    path = write_kgx_jsonl(tmp_path, {"label": "Bunion", "related_terms": "hallux valgus"}, None)
    from graph.formats import load_graph

    assert load_graph(path).nodes["h"]["related_terms"] == ["hallux valgus"]
    result = runner.invoke(cli, ["--graph", str(path), "show", "h"])
    assert result.exit_code == 0 and "'h' is a related term" not in result.output


def test_an_unknown_text_type_is_kept_and_a_missing_one_is_unknown(runner, tmp_path):
    """As docs/formats.md says: a type footback does not know is kept; a node without one is `unknown`."""
    f = tmp_path / "g.json"
    f.write_text(json.dumps({"nodes": [{"id": "a", "type": "biolink:Gene"}, {"id": "b", "type": None}, {"id": "c", "type": ""}], "edges": [{"source": "a", "target": "b"}]}))
    result = runner.invoke(cli, ["--graph", str(f), "validate"])
    assert result.exit_code == 0, result.output
    assert result.output == "valid: 3 nodes (1 biolink:Gene, 2 unknown); 1 edge (1 related_to)\n"


def test_kgx_tsv_red_flag_and_values_kept_in_metadata_are_checked(runner, tmp_path):
    """KGX TSV cells are text; a red_flag cell other than true/false, and a value metadata.json
    puts back in a cell's place, are held to the same rules."""
    d = tmp_path / "kgx"
    d.mkdir()
    cat = "biolink:PhenotypicFeature"
    (d / "nodes.tsv").write_text(f"id\tcategory\tname\tred_flag\nh\t{cat}\tHeel pain\tyes\nb\t{cat}\t42\t\nc\t{cat}\tC\t\ne\t{cat}\tE\t\n")
    (d / "edges.tsv").write_text("subject\tpredicate\tobject\tdescription\nc\tbiolink:causes\te\t2.5\n")
    (d / "metadata.json").write_text(json.dumps({"footback_exact": {"nodes.tsv": {"3": {"name": 42}}, "edges.tsv": {"2": {"description": 2.5}}}}))
    out = _refused(runner, d, "stats")
    assert f"{d / 'nodes.tsv'}:2: [h] 'red_flag' must be true or false, and true only on a symptom (got 'yes' on a symptom)" in out
    assert f"{d / 'nodes.tsv'}:3: [b] 'name' must be text, got a number (quote it)" in out
    assert f"{d / 'edges.tsv'}:2: [c biolink:causes e] 'description' must be text, got a number (quote it)" in out
    (d / "metadata.json").unlink()  # the cells alone are text: read as text
    (d / "nodes.tsv").write_text((d / "nodes.tsv").read_text().replace("yes", "true"))
    result = runner.invoke(cli, ["--graph", str(d), "show", "b", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["label"] == "42"


def test_kgx_jsonl_footback_relation_must_be_text(runner, tmp_path):
    path = write_kgx_jsonl(tmp_path, {"label": "Heel pain"}, {"footback_relation": 5})
    out = _refused(runner, path, "stats")
    assert f"{path / 'edges.jsonl'}:1: [h biolink:causes b] 'footback_relation' must be text, got a number (quote it)" in out
