"""The command line: exit codes, messages, never a traceback."""

from cli import cli
from graph.errors import EXIT_DATA, EXIT_OK, EXIT_USAGE


def test_validate_curated(runner):
    result = runner.invoke(cli, ["validate"])
    assert result.exit_code == EXIT_OK, result.output
    assert result.output.startswith("valid: 92 nodes (7 condition,")
    assert "causes" in result.output and result.output.count("\n") == 1


def test_validate_tiny_with_graph_option(runner, tiny_dir):
    for args in (["--graph", str(tiny_dir), "validate"], ["validate", "--graph", str(tiny_dir)]):
        result = runner.invoke(cli, args)
        assert result.exit_code == EXIT_OK, result.output
        assert result.output == ("valid: 7 nodes (1 condition, 1 mechanism, 2 symptom, 2 body_region, 1 treatment); 6 edges (3 causes, 1 located_in, 1 part_of, 1 treats)\n")


def test_validate_a_graph_without_edges_says_so_plainly(runner, tmp_path):
    f = tmp_path / "lonely.json"
    f.write_text('{"nodes": [{"id": "a", "type": "condition"}], "edges": []}')
    result = runner.invoke(cli, ["--graph", str(f), "validate"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == "valid: 1 node (1 condition); 0 edges"


def test_validate_broken_data_exits_3_with_located_messages(runner, tiny_dir):
    edges = tiny_dir / "edges.yaml"
    with open(edges, "a") as f:
        f.write("  - {from: ice, relation: treats, to: nowhere, cites: notes, section: Part One, note: x}\n")
        f.write("  - {from: ice, relation: heals, to: hip-ache, cites: notes, section: Part One, note: x}\n")
    n = len(edges.read_text().splitlines())
    result = runner.invoke(cli, ["validate", "--graph", str(tiny_dir)])
    assert result.exit_code == EXIT_DATA
    assert "Traceback" not in result.output
    assert "2 problems in graph data" in result.output
    assert f"{edges}:{n - 1}: [ice treats nowhere] edge 'to' names unknown node 'nowhere'" in result.output
    assert f"{edges}:{n}: [ice heals hip-ache] unknown relation 'heals'" in result.output


def test_validate_missing_directory_is_usage_error(runner, tmp_path):
    result = runner.invoke(cli, ["validate", "--graph", str(tmp_path / "absent")])
    assert result.exit_code == EXIT_USAGE
    assert "does not exist" in result.output


def test_build_writes_artifacts(runner, tmp_path):
    result = runner.invoke(cli, ["build", "--out", str(tmp_path)])
    assert result.exit_code == EXIT_OK, result.output
    assert (tmp_path / "graph.json").exists()
    assert f"wrote {tmp_path / 'graph.json'}" in result.output


def test_build_broken_data_exits_3_and_writes_nothing(runner, tiny_dir, tmp_path):
    (tiny_dir / "nodes.yaml").write_text("nodes: [")
    result = runner.invoke(cli, ["build", "--graph", str(tiny_dir), "--out", str(tmp_path / "o")])
    assert result.exit_code == EXIT_DATA
    assert "YAML syntax error" in result.output
    assert not (tmp_path / "o" / "graph.json").exists()


def test_build_graph_script_same_path(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    proc = subprocess.run([sys.executable, str(repo / "build_graph.py"), "--out", str(tmp_path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "graph.json").read_bytes() == (repo / "output" / "graph.json").read_bytes()
