"""The formats page (docs/formats.md) keeps up with the code: every format is listed, and
the pasted commands print what they print today (run in a temporary folder)."""

import re
import shlex
from pathlib import Path


from cli import cli
from graph.exporters import FORMATS
from graph.formats import IMPORTERS

SECTION = (Path(__file__).resolve().parent.parent / "docs" / "formats.md").read_text(encoding="utf-8")
TABLE = SECTION.split("\n\n| format |", 1)[1].split("\n\n", 1)[0]

#: Files the error example reads (the page shows their errors, not their text).
BAD_NODES = "id\tcategory\tname\nfootback:a\tbiolink:Disease\tA\nfootback:b\tbiolink:Disease\tB\tstray\n"
BAD_EDGES = "subject\tpredicate\tobject\nfootback:a\tbiolink:causes\tfootback:c\n"
#: The undirected Gephi export the --relation example opens.
GEPHI = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="label" for="node" attr.name="label" attr.type="string"/>
  <graph edgedefault="undirected">
    <node id="n0"><data key="label">Flat feet</data></node>
    <node id="n1"><data key="label">Knee strain</data></node>
    <node id="n2"><data key="label">Back pain</data></node>
    <edge id="0" source="n0" target="n1"/>
    <edge id="1" source="n1" target="n2"/>
  </graph>
</graphml>
"""


def test_every_export_format_is_in_the_table():
    for name in FORMATS:
        assert f"`{name}`" in TABLE, name


def test_every_reader_is_described():
    opening = SECTION.split("\n## Opening other graphs", 1)[1].split("\n## ", 1)[0]
    for words in ("YAML", "KGX", "GraphML", "node-link", "Cytoscape.js", "--graph-format"):
        assert words in opening, words
    assert set(IMPORTERS) == {"yaml", "kgx", "kgx-jsonl", "graphml", "json", "cytoscape"}


def _examples():
    for block in re.findall(r"```console\n(.*?)```", SECTION, re.DOTALL):
        parts = re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]
        for i, part in enumerate(parts):
            command, _, output = part.partition("\n")
            if not command.startswith("footback "):
                continue
            code = None
            if i + 1 < len(parts) and parts[i + 1].startswith("echo $?\n"):
                code = int(parts[i + 1].split("\n")[1])
            yield command, output.rstrip("\n"), code


EXAMPLES = list(_examples())


def test_the_section_has_examples():
    assert len(EXAMPLES) >= 6


def test_format_examples_are_real(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "nodes.tsv").write_text(BAD_NODES)
    (tmp_path / "bad" / "edges.tsv").write_text(BAD_EDGES)
    (tmp_path / "gephi.graphml").write_text(GEPHI)
    import shutil

    cases = Path(__file__).resolve().parent / "data" / "cases"
    shutil.copy(cases / "gephi-edge-label" / "gephi-export.graphml", tmp_path)
    shutil.copy(cases / "graphml-no-namespace" / "cytoscape-no-ns.graphml", tmp_path)
    shutil.copytree(cases / "kgx-short-rows-repeated-nodes", tmp_path / "kgx-short-rows")
    for command, pasted, code in EXAMPLES:  # in order: later commands read earlier files
        result = runner.invoke(cli, shlex.split(command)[1:])
        assert result.output.rstrip("\n") == pasted, command
        assert result.exit_code == (code if code is not None else 0), command
