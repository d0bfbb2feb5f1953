"""The build is deterministic, atomic, and output/ is fresh."""

import json
from pathlib import Path

import pytest

from graph.model.records import sections_of
from graph.formats.yamlfile import to_networkx
from graph.store.build import ARTIFACTS, build
from graph.errors import DataError, ExportError
from graph.exporters import export
from graph.formats.yamlfile import DATA_DIR, load_dir

REPO = Path(__file__).resolve().parent.parent


def test_build_is_byte_identical(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    build(out_dir=a)
    build(out_dir=b)
    for name in ARTIFACTS:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_committed_output_is_fresh(tmp_path):
    build(out_dir=tmp_path)
    for name in ARTIFACTS:
        committed = REPO / "output" / name
        assert committed.exists(), f"output/{name} missing: run `make build`"
        assert committed.read_bytes() == (tmp_path / name).read_bytes(), f"output/{name} is stale: run `make build`"


def test_graph_json_holds_every_field(tmp_path):
    build(out_dir=tmp_path)
    doc = json.loads((tmp_path / "graph.json").read_text())
    data = load_dir(DATA_DIR)
    assert doc["directed"] and doc["multigraph"]
    by_id = {n["id"]: n for n in doc["nodes"]}
    assert len(by_id) == len(data.nodes)
    for node in data.nodes:
        got = by_id[node.id]
        assert (got["label"], got["type"], got["description"]) == (node.label, node.type, node.description)
        assert got["synonyms"] == list(node.synonyms) and got["codes"] == list(node.codes)
    edges = {(e["source"], e["relation"], e["target"]): e for e in doc["edges"]}
    assert len(edges) == len(data.edges)
    for edge in data.edges:
        got = edges[edge.key]
        assert (got["cites"], sections_of(got), got["note"]) == (edge.cites, list(edge.section), edge.note)
        if edge.evidence is not None:
            assert (got["evidence_level"], got["evidence_note"]) == (edge.evidence.level, edge.evidence.note)
    assert "not medical advice" in doc["graph"]["about"]["disclaimer"]


def test_invalid_data_writes_nothing(tiny_dir, tmp_path):
    (tiny_dir / "edges.yaml").write_text("edges:\n  - {from: ice, relation: treats, to: nowhere, cites: notes, section: Part One, note: x}\n")
    out = tmp_path / "out"
    with pytest.raises(DataError):
        build(tiny_dir, out)
    assert not out.exists() or not any(out.iterdir())


@pytest.mark.parametrize("script", ["cli", "build_graph"])
def test_out_folder_that_cannot_be_made_is_a_clear_error(tiny_dir, tmp_path, script):
    import subprocess
    import sys

    (tmp_path / "afile").write_text("keep me")
    out = tmp_path / "afile" / "sub"
    cmd = [sys.executable, str(REPO / f"{script}.py")]
    cmd += ["--graph", str(tiny_dir), "build", "--out", str(out)] if script == "cli" else ["--graph", str(tiny_dir), "--out", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == f"footback: error: cannot create the output folder {out}: Not a directory\n"
    assert (tmp_path / "afile").read_text() == "keep me"


def test_failed_export_leaves_old_file_untouched(tiny, tmp_path, monkeypatch):
    target = tmp_path / "graph.json"
    target.write_text("old")

    def boom(G, dest, **options):
        Path(dest).write_text("half")
        raise RuntimeError("interrupted")

    monkeypatch.setattr("graph.formats.jsonfile.write", boom)
    with pytest.raises(RuntimeError):
        export(tiny, "json", target)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]


def test_export_refuses_the_data_directory(tiny, tiny_dir, tmp_path):
    with pytest.raises(ExportError, match="inside the graph data directory"):
        export(tiny, "json", DATA_DIR / "x.json")
    from graph.formats.common import set_origin

    G = set_origin(to_networkx(load_dir(tiny_dir)), tiny_dir)
    with pytest.raises(ExportError, match="inside the graph data directory"):
        export(G, "json", tiny_dir / "nodes.yaml")
    with pytest.raises(ExportError, match="unknown export format"):
        export(tiny, "nope", tmp_path / "x")
    with pytest.raises(ExportError, match="does not exist"):
        export(tiny, "json", tmp_path / "no" / "x.json")


def test_to_networkx_is_the_graph_networkx_builds_from_the_records():
    """The curated data goes through the importers' GraphBuilder; the graph is the one add_nodes_from/add_edges_from give."""
    import networkx as nx

    data = load_dir(DATA_DIR)
    G = to_networkx(data)
    H = nx.MultiDiGraph()
    H.graph.update(about=dict(data.about), sources=[dict(s) for s in data.sources.values()])
    H.add_nodes_from((n.id, n.attrs()) for n in data.nodes)
    H.add_edges_from((e.source, e.target, e.relation, e.attrs()) for e in data.edges)
    assert type(G) is nx.MultiDiGraph
    assert G.graph == H.graph
    assert list(G.nodes(data=True)) == list(H.nodes(data=True))
    assert list(G.edges(keys=True, data=True)) == list(H.edges(keys=True, data=True))
    assert [list(G.pred[n]) for n in G] == [list(H.pred[n]) for n in H]


@pytest.mark.parametrize("module", sorted(str(p.relative_to(Path(__file__).resolve().parent.parent)) for p in (Path(__file__).resolve().parent.parent / "graph").rglob("*.py")))
def test_no_module_uses_networkx_internals(module):
    """networkx's private dicts may change shape in any release: every module of the library uses its public API."""
    import re

    text = (Path(__file__).resolve().parent.parent / module).read_text(encoding="utf-8")
    assert not re.search(r"\._(succ|pred|adj|node)\b", text)
