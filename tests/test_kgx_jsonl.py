"""KGX JSON Lines: read (plain, .gz, in an archive) and written, with located errors."""

from __future__ import annotations

import gzip
import io
import json
import tarfile

import pytest

from cli import cli
from graph.errors import DataError
from graph.exporters import export
from graph.formats import detect_format, load_graph

NODES = (
    '{"id": "HGNC:11603", "name": "TBX4", "category": ["biolink:Gene"]}\n'
    '{"id": "MONDO:0005002", "name": "chronic obstructive pulmonary disease", "category": ["biolink:Disease"], "synonym": ["COPD"]}\n'
    '{"id": "MONDO:0005002", "category": ["biolink:Disease"], "synonym": ["COLD"], "provided_by": ["infores:mondo"]}\n'
)
EDGES = (
    '{"id": "a8575c4e", "subject": "HGNC:11603", "object": "MONDO:0005002", "predicate": "biolink:related_to", "relation": "RO:0003304", "publications": ["PMID:1", "PMID:2"]}\n'
    '{"id": "2d38345a", "subject": "HGNC:11603", "object": "MONDO:0005002", "predicate": "biolink:related_to", "primary_knowledge_source": "infores:ctd"}\n'
)


def pair(tmp_path, nodes=NODES, edges=EDGES, name="kgxj", gz=False):
    d = tmp_path / name
    d.mkdir()
    for fname, text in (("nodes.jsonl", nodes), ("edges.jsonl", edges)):
        data = text.encode() if isinstance(text, str) else text
        if gz:
            (d / (fname + ".gz")).write_bytes(gzip.compress(data))
        else:
            (d / fname).write_bytes(data)
    return d


def problem_of(path):
    with pytest.raises(DataError) as info:
        load_graph(path)
    return info.value.problems[0]


def test_reads_kgx_jsonl_as_kgx_writes_it(tmp_path):
    d = pair(tmp_path)
    assert detect_format(d) == "kgx-jsonl" and detect_format(d / "edges.jsonl") == "kgx-jsonl"
    G = load_graph(d)
    assert G.nodes["MONDO:0005002"]["label"] == "chronic obstructive pulmonary disease"
    assert G.nodes["MONDO:0005002"]["synonyms"] == ["COPD", "COLD"]  # the repeated node merged
    assert G.nodes["MONDO:0005002"]["provided_by"] == ["infores:mondo"]
    assert G.nodes["HGNC:11603"]["type"] == "biolink:Gene"
    e = G.edges["HGNC:11603", "MONDO:0005002", "biolink:related_to"]
    assert e["publications"] == ["PMID:1", "PMID:2"] and e["attr:relation"] == "RO:0003304" and e["cites"] == "ctd"
    for path in (d / "nodes.jsonl", d / "edges.jsonl"):
        assert list(load_graph(path)) == list(G)


def test_gz_and_archived_pairs(tmp_path):
    plain = load_graph(pair(tmp_path))
    gz = load_graph(pair(tmp_path, name="gz", gz=True))
    assert list(gz.nodes(data=True)) == list(plain.nodes(data=True))
    arch = tmp_path / "kg.tar.gz"
    with tarfile.open(arch, "w:gz") as tar:
        for fname, text in (("kg_nodes.jsonl", NODES), ("kg_edges.jsonl", EDGES)):
            info = tarfile.TarInfo(f"kg/{fname}")
            info.size = len(text.encode())
            tar.addfile(info, io.BytesIO(text.encode()))
    assert detect_format(arch) == "kgx"
    G = load_graph(arch)
    assert list(G.nodes(data=True)) == list(plain.nodes(data=True))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gz", "kg.tar.gz", "kgxj"]  # nothing extracted


BROKEN = {
    "not json": ('{"id": "a:1", "category": ["biolink:Disease"]}\n{"id": "b:2", \n', "", "nodes.jsonl", 2, "not valid JSON"),
    "not an object": ('["a:1"]\n', "", "nodes.jsonl", 1, "must be a JSON object"),
    "empty id": ('{"id": "", "category": ["biolink:Disease"]}\n', "", "nodes.jsonl", 1, "empty id"),
    "no category": ('{"id": "a:1"}\n', "", "nodes.jsonl", 1, "empty category"),
    "bad synonym": (
        '{"id": "a:1", "category": ["biolink:Disease"], "synonym": [1]}\n',
        "",
        "nodes.jsonl",
        1,
        "'synonym' must be a list of non-empty text, got a list whose item 1 is a number (quote it)",
    ),
    "repeat disagrees": (
        '{"id": "a:1", "category": ["biolink:Disease"], "name": "A"}\n{"id": "a:1", "category": ["biolink:Disease"], "name": "B"}\n',
        "",
        "nodes.jsonl",
        2,
        "with a different name: 'B', not 'A'",
    ),
    "unknown object": ('{"id": "a:1", "category": ["biolink:Disease"]}\n', '\n{"subject": "a:1", "predicate": "biolink:causes", "object": "b:2"}\n', "edges.jsonl", 2, "object 'b:2' is not a node"),
    "no predicate": ('{"id": "a:1", "category": ["biolink:Disease"]}\n', '{"subject": "a:1", "object": "a:1"}\n', "edges.jsonl", 1, "empty predicate"),
    "not utf-8": (b'{"id": "a:1", "category": ["biolink:Disease"], "name": "\xff"}\n', "", "nodes.jsonl", 1, "not UTF-8 text"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_jsonl_names_file_line_and_problem(tmp_path, case):
    nodes, edges, file, line, message = BROKEN[case]
    p = problem_of(pair(tmp_path, nodes, edges))
    assert p.file.endswith(file) and message in p.message, p
    assert p.line == line


def test_broken_gz_is_located(tmp_path):
    d = pair(tmp_path, gz=True)
    data = (d / "edges.jsonl.gz").read_bytes()
    (d / "edges.jsonl.gz").write_bytes(data[: len(data) // 2])
    p = problem_of(d)
    assert p.file.endswith("edges.jsonl.gz") and "cannot read" in p.message


def test_cli_refuses_bad_jsonl_with_exit_3_and_writes_nothing(runner, tmp_path):
    d = pair(tmp_path, '{"id": "a:1", "category": ["biolink:Disease"]}\n{oops\n', "")
    result = runner.invoke(cli, ["--graph", str(d), "export", "json", "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 3 and (result.exception is None or isinstance(result.exception, SystemExit))
    assert f"{d / 'nodes.jsonl'}:2" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out.json").exists()


def test_export_writes_one_record_a_line_and_reads_back(curated, tmp_path, runner):
    result = runner.invoke(cli, ["export", "kgx-jsonl", "-o", str(tmp_path / "kg")])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "kg" / "nodes.jsonl").read_text(encoding="utf-8").splitlines()
    first = json.loads(lines[0])
    assert first["id"] == "footback:flat-feet" and first["category"] == ["biolink:Disease"] and isinstance(first["synonym"], list)
    edge = json.loads((tmp_path / "kg" / "edges.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert edge["predicate"] == "biolink:causes" and edge["primary_knowledge_source"] == "infores:article"
    back = load_graph(tmp_path / "kg")
    assert list(back.nodes(data=True)) == list(curated.nodes(data=True))
    assert list(back.edges(keys=True, data=True)) == list(curated.edges(keys=True, data=True))
    assert back.graph["about"] == curated.graph["about"]


def test_kgx_reader_settings_read_the_jsonl_export(tmp_path):
    """KGX's JsonlSource reads each line with a JSON parser: every line is one object."""
    from graph.formats.yamlfile import load_graph_dir
    from tests import TINY_DIR

    out = export(load_graph_dir(TINY_DIR), "kgx-jsonl", tmp_path / "kg")
    for name in ("nodes.jsonl", "edges.jsonl"):
        for line in (out / name).read_text(encoding="utf-8").split("\n")[:-1]:
            assert isinstance(json.loads(line), dict)


def test_numbers_beyond_64_bits_and_nan_keep_their_value(tmp_path):
    nodes = '{"id": "a:1", "category": ["biolink:Disease"], "big": 18446744073709551616, "neg": -9223372036854775809, "f": NaN}\n'
    G = load_graph(pair(tmp_path, nodes, ""))
    d = G.nodes["a:1"]
    assert d["big"] == 2**64 and d["neg"] == -(2**63) - 1 and d["f"] != d["f"]
