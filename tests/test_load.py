"""Validation: every rule gets a broken data directory and a located message."""

import pytest

from graph.errors import DataError
from graph.formats.yamlfile import load_dir
from tests import HEEL_SPUR


def problems_of(path):
    with pytest.raises(DataError) as info:
        load_dir(path)
    return info.value.problems


def one_problem(path, *fragments):
    """Exactly one problem whose message holds every fragment; return it."""
    found = [p for p in problems_of(path) if all(f in p.message for f in fragments)]
    assert len(found) == 1, problems_of(path)
    return found[0]


def append(path, text):
    with open(path, "a", encoding="utf-8") as f:
        f.write(text)


def line_of(path, needle):
    """1-based line of the first line containing ``needle``."""
    for i, line in enumerate(path.read_text().splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {path}")


def test_tiny_graph_is_valid(tiny_dir):
    data = load_dir(tiny_dir)
    assert len(data.nodes) == 7 and len(data.edges) == 6
    assert data.nodes[0].id == HEEL_SPUR
    assert data.nodes[0].synonyms == ("calcaneal spur",)


def test_yaml_syntax_error_names_file_and_line(tiny_dir):
    nodes = tiny_dir / "nodes.yaml"
    append(nodes, "  - id: broken\n    label: [unclosed\n")
    p = one_problem(tiny_dir, "YAML syntax error")
    assert p.file == str(nodes)
    assert p.line is not None and p.line >= line_of(nodes, "[unclosed")


BOMB = "".join(f"    l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 10))


@pytest.mark.parametrize("where", ["about", "nodes"])
def test_yaml_aliases_are_refused_so_a_billion_laughs_cannot_expand(tiny_dir, runner, where):
    """Nine lines of nested aliases stand for 9**9 values; they must not get near the cache or an export."""
    from cli import cli

    nodes = tiny_dir / "nodes.yaml"
    if where == "about":
        bomb = "about:\n    l0: &l0 lol\n" + BOMB
        nodes.write_text(nodes.read_text().replace("nodes:", bomb.replace("    ", "  ") + "nodes:", 1))
    else:
        append(nodes, "  - id: bomb\n    label: Bomb\n    type: symptom\n    description: &l0 lol\n    bits:\n" + BOMB.replace("    ", "      "))
    p = one_problem(tiny_dir, "YAML alias *l0 is not allowed")
    assert p.file == str(nodes) and p.line == line_of(nodes, "*l0")
    for args in (["validate"], ["stats"], ["export", "json", "-o", str(tiny_dir.parent / "out.json")]):
        result = runner.invoke(cli, ["--graph", str(tiny_dir), *args])
        assert result.exit_code == 3, result.output
        assert "YAML alias *l0 is not allowed" in result.output and "Traceback" not in result.output
    assert not (tiny_dir.parent / "out.json").exists()


def test_missing_required_field(tiny_dir):
    nodes = tiny_dir / "nodes.yaml"
    append(nodes, "  - id: no-label\n    type: symptom\n    description: x\n")
    p = one_problem(tiny_dir, "missing required field 'label'")
    assert (p.file, p.line, p.record) == (str(nodes), line_of(nodes, "no-label"), "no-label")
    assert f"nodes.yaml:{p.line}" in str(p)


def test_unknown_node_type(tiny_dir):
    nodes = tiny_dir / "nodes.yaml"
    append(nodes, "  - id: odd\n    label: Odd\n    type: disease\n    description: x\n")
    p = one_problem(tiny_dir, "unknown node type 'disease'")
    assert p.line == line_of(nodes, "type: disease") and p.record == "odd"


def test_an_edge_to_an_invalid_node_is_told_the_node_is_defined_but_invalid(tiny_dir):
    nodes, edges = tiny_dir / "nodes.yaml", tiny_dir / "edges.yaml"
    append(nodes, "  - id: odd\n    label: Odd\n    type: disease\n    description: x\n")
    append(edges, "  - {from: odd, relation: causes, to: hip-ache, cites: notes, section: Part One, note: x}\n")
    one_problem(tiny_dir, "unknown node type 'disease'")
    p = one_problem(tiny_dir, "edge 'from' names unknown node 'odd'")
    assert "it is defined but invalid, see its own problem" in p.message
    append(nodes, "  - id: odd\n    label: Odd again\n    type: symptom\n    description: x\n")
    one_problem(tiny_dir, "duplicate node id 'odd'")  # a repeat of an invalid node is still a repeat


def test_unknown_relation(tiny_dir):
    edges = tiny_dir / "edges.yaml"
    append(edges, "  - {from: limping, relation: worsens, to: hip-ache, cites: notes, section: Part One, note: x}\n")
    p = one_problem(tiny_dir, "unknown relation 'worsens'")
    assert p.line == line_of(edges, "worsens") and p.file == str(edges)


def test_duplicate_node_id(tiny_dir):
    nodes = tiny_dir / "nodes.yaml"
    append(nodes, "  - id: limping\n    label: Limping again\n    type: mechanism\n    description: x\n")
    p = one_problem(tiny_dir, "duplicate node id 'limping'")
    assert p.line == len(nodes.read_text().splitlines()) - 3
    assert f"first defined at {nodes}:{line_of(nodes, 'id: limping')}" in p.message


def test_edge_field_problems_name_the_edge(tiny_dir):
    edges = tiny_dir / "edges.yaml"
    append(edges, "  - {from: limping, relation: causes, to: numb-toe, cites: notes, section: Part One, note: ''}\n")
    append(edges, "  - {relation: causes, to: hip-ache, cites: notes, section: Part One, note: x}\n")
    p = one_problem(tiny_dir, "edge field 'note' must be non-empty text")
    assert (p.line, p.record) == (line_of(edges, "note: ''"), "limping causes numb-toe")
    assert str(p) == f"{edges}:{p.line}: [limping causes numb-toe] edge field 'note' must be non-empty text"
    p = one_problem(tiny_dir, "edge is missing required field 'from'")
    assert p.record == "? causes hip-ache"


def test_edge_to_unknown_node(tiny_dir):
    edges = tiny_dir / "edges.yaml"
    append(edges, "  - {from: limping, relation: causes, to: back-ache, cites: notes, section: Part One, note: x}\n")
    p = one_problem(tiny_dir, "unknown node 'back-ache'")
    assert p.line == line_of(edges, "back-ache") and p.record == "limping causes back-ache"


@pytest.mark.parametrize(
    "edge, fragment",
    [
        ("{from: limping, relation: treats, to: hip-ache}", "'treats' must start at a treatment"),
        ("{from: hip-ache, relation: located_in, to: limping}", "'located_in' must end at a body_region"),
        ("{from: hip, relation: causes, to: hip-ache}", "'causes' must start at a condition or mechanism or symptom"),
        ("{from: ice, relation: part_of, to: leg}", "'part_of' must start at a body_region"),
    ],
)
def test_relation_between_wrong_types(tiny_dir, edge, fragment):
    edges = tiny_dir / "edges.yaml"
    append(edges, "  - " + edge[:-1] + ", cites: notes, section: Part One, note: x}\n")
    p = one_problem(tiny_dir, fragment)
    assert p.file == str(edges) and p.line == len(edges.read_text().splitlines())


def test_duplicate_edge(tiny_dir):
    edges = tiny_dir / "edges.yaml"
    append(edges, "  - {from: limping, relation: causes, to: hip-ache, cites: notes, section: Part Two, note: again}\n")
    p = one_problem(tiny_dir, "duplicate edge")
    assert p.line == len(edges.read_text().splitlines())
    assert f"first at {edges}:{line_of(edges, 'to: hip-ache')}" in p.message


def test_self_loop(tiny_dir):
    append(tiny_dir / "edges.yaml", "  - {from: limping, relation: causes, to: limping, cites: notes, section: Part One, note: x}\n")
    p = one_problem(tiny_dir, "self-loop")
    assert p.record == "limping causes limping"


def test_synonym_naming_two_nodes(tiny_dir):
    nodes = tiny_dir / "nodes.yaml"
    # "Limps" is "limp" after plural folding: a synonym of limping already.
    append(nodes, "  - id: gait\n    label: Gait\n    type: mechanism\n    description: x\n    synonyms: [Limps]\n")
    append(tiny_dir / "edges.yaml", "  - {from: gait, relation: causes, to: hip-ache, cites: notes, section: Part One, note: x}\n")
    p = one_problem(tiny_dir, "also names node")
    assert p.record in ("gait", "limping") and "'Limps'" in p.message or "'limp'" in p.message


def test_label_naming_two_nodes(tiny_dir):
    append(tiny_dir / "nodes.yaml", "  - id: hip-two\n    label: HIP\n    type: body_region\n    description: x\n")
    p = one_problem(tiny_dir, "also names node 'hip'")
    assert p.record == "hip-two"


def test_cites_not_in_sources(tiny_dir):
    edges = tiny_dir / "edges.yaml"
    append(edges, "  - {from: ice, relation: treats, to: hip-ache, cites: blog, section: Part One, note: x}\n")
    p = one_problem(tiny_dir, "cites unknown source 'blog'")
    assert p.line == line_of(edges, "cites: blog") and "sources: notes" in p.message


def test_section_not_in_source(tiny_dir):
    append(tiny_dir / "edges.yaml", "  - {from: ice, relation: treats, to: hip-ache, cites: notes, section: Part Nine, note: x}\n")
    one_problem(tiny_dir, "section 'Part Nine' is not a section of source 'notes'")


def test_unknown_field_and_bad_id(tiny_dir):
    nodes = tiny_dir / "nodes.yaml"
    append(nodes, "  - id: Bad_Id\n    lable: x\n    label: X\n    type: symptom\n    description: x\n")
    one_problem(tiny_dir, "unknown field 'lable'")
    one_problem(tiny_dir, "must be kebab-case")


def test_every_problem_reported_at_once(tiny_dir):
    append(
        tiny_dir / "edges.yaml",
        "  - {from: ice, relation: treats, to: nowhere, cites: notes, section: Part One, note: x}\n"
        "  - {from: ice, relation: cures, to: hip-ache, cites: notes, section: Part One, note: x}\n"
        "  - {from: ice, relation: treats, to: hip-ache, cites: nobody, section: Part One, note: x}\n",
    )
    messages = [p.message for p in problems_of(tiny_dir)]
    assert len(messages) == 3
    with pytest.raises(DataError, match="3 problems in graph data"):
        load_dir(tiny_dir)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("", "file is empty"),
        ("# only a comment\n", "file is empty"),
        ("- just a list\n", "top level must be a mapping"),
        ("nodes: 3\n", "'nodes' must be a list"),
        ("wires: []\n", "unknown top-level key 'wires'"),
        ("nodes:\n  - plain text\n", "each node must be a mapping"),
        ("edges:\n  - {from: ice, from: hip, relation: treats, to: hip-ache, cites: notes, section: Part One, note: x}\n", "repeats the key 'from'"),
    ],
)
def test_malformed_documents(tiny_dir, text, fragment):
    (tiny_dir / "extra.yaml").write_text(text)
    p = one_problem(tiny_dir, fragment)
    assert p.file == str(tiny_dir / "extra.yaml")


def test_not_utf8(tiny_dir):
    (tiny_dir / "extra.yaml").write_bytes(b"nodes: [\xff\xfe]\n")
    one_problem(tiny_dir, "not UTF-8")


def test_empty_or_missing_directory(tmp_path):
    with pytest.raises(DataError, match="no .yaml files"):
        load_dir(tmp_path)
    with pytest.raises(DataError, match="not a directory"):
        load_dir(tmp_path / "nope")


# --- messages that say where, and what a value was read as ---------------------------


def test_a_record_that_is_no_mapping_is_placed_at_its_line(tiny_dir):
    extra = tiny_dir / "extra.yaml"
    extra.write_text("sources:\n  - just a title\nedges:\n  - {from: a}\n  - limping causes hip-ache\n")
    p = one_problem(tiny_dir, "each edge must be a mapping, got str")
    assert (p.file, p.line) == (str(extra), 5)
    assert str(p) == f"{extra}:5: each edge must be a mapping, got str: 'limping causes hip-ache'"
    p = one_problem(tiny_dir, "each source must be a mapping, got str")
    assert p.line == 2


def test_not_utf8_names_the_line_of_the_first_bad_byte(tiny_dir):
    (tiny_dir / "extra.yaml").write_bytes(b"nodes:\n  - id: caf\xe9\n    label: x\n  - id: \xff\n")
    p = one_problem(tiny_dir, "not UTF-8 text")
    assert (p.line, p.message) == (2, "not UTF-8 text (invalid continuation byte 0xe9)")


@pytest.mark.parametrize(
    "field, written, message",
    [
        ("id", "2020-01-01", "node field 'id' must be text, got 2020-01-01, read as a date (quote it)"),
        ("label", "42", "node field 'label' must be text, got a number (quote it)"),
        ("label", "yes", "node field 'label' must be text, got true (quote it)"),
        ("description", ".nan", "node field 'description' must be text, got NaN, a missing value (leave the field out)"),
        ("description", "''", "node field 'description' must be non-empty text"),
        ("label", "[Odd]", "node field 'label' must be text, got a list ['Odd']"),
    ],
)
def test_a_value_that_is_not_text_says_what_it_was_read_as(tiny_dir, field, written, message):
    nodes = tiny_dir / "nodes.yaml"
    rec = {"id": "odd", "label": "Odd", "type": "symptom", "description": "x"}
    rec[field] = written
    append(nodes, "  - " + "\n    ".join(f"{k}: {v}" for k, v in rec.items()) + "\n")
    p = one_problem(tiny_dir, message)
    assert p.line == line_of(nodes, f"{field}: {written}")
    assert p.message == message


def test_a_source_id_read_as_a_date_says_so(tiny_dir):
    (tiny_dir / "extra.yaml").write_text("sources:\n  - id: 2019-05-01\n    title: A date\n")
    p = one_problem(tiny_dir, "source field 'id' must be text, got 2019-05-01, read as a date (quote it)")
    assert p.line == 2


@pytest.mark.parametrize(
    "field, written, message",
    [
        ("related_terms", "hallux valgus", "'related_terms' must be a list of non-empty text, got the text 'hallux valgus', not a list"),
        ("synonyms", "[big toe, 7]", "'synonyms' must be a list of non-empty text, got a list whose item 2 is a number (quote it)"),
        ("red_flag", "'yes'", "'red_flag' must be true or false, and true only on a symptom (got 'yes' on a symptom)"),
    ],
)
def test_yaml_and_imports_word_a_bad_list_or_flag_the_same(tiny_dir, tmp_path, field, written, message):
    """One rule, one message: the YAML validator and every importer share graph/formats/checks.py."""
    import json

    import yaml

    from graph.formats import load_graph

    append(tiny_dir / "nodes.yaml", f"  - id: odd\n    label: Odd\n    type: symptom\n    description: x\n    {field}: {written}\n")
    assert one_problem(tiny_dir, message).message == message
    f = tmp_path / "g.json"
    f.write_text(json.dumps({"nodes": [{"id": "odd", "type": "symptom", field: yaml.safe_load(written)}], "edges": []}))
    with pytest.raises(DataError) as info:
        load_graph(f)
    assert [p.message for p in info.value.problems] == [message]
