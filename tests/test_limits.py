"""Hostile graph files (tests/attacks.py): a located error, exit 3, no traceback, bounded memory and time."""

import os
import resource
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import cli
from graph.formats.limits import MAX_DEPTH, MAX_MEMBERS, value_problem, xml_encoding_problem
from tests import attacks

REPO = Path(__file__).resolve().parent.parent


def run(*args):
    """``footback ARGS`` in-process: (exit code, output); a traceback fails the test."""
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def run_limited(*args, memory=1_500_000_000, timeout=60):
    """``footback ARGS`` in a subprocess with at most ``memory`` bytes of address space."""

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    env = dict(os.environ, FOOTBACK_NO_CACHE="1")
    proc = subprocess.run(
        [sys.executable, "-c", "import cli; cli.main()", *map(str, args)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
        env=env,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout + proc.stderr


# --- never a traceback (13.5) -------------------------------------------------


@pytest.mark.parametrize("encoding", ["rot13", "utf-7", "idna", "nonsense", "base64", "hex", "punycode", "unicode_escape", "utf-32"])
def test_a_graphml_encoding_python_should_not_decode_is_refused_at_its_line(tmp_path, encoding):
    path = attacks.graphml_with_encoding(tmp_path, encoding)
    code, out = run("--graph", path, "stats")
    assert code == 3
    assert f"{path}:1: encoding '{encoding}'" in out


@pytest.mark.parametrize("encoding", ["UTF-8", "ISO-8859-1", "windows-1252", "latin-1", "US-ASCII"])
def test_real_text_encodings_still_load(tmp_path, encoding):
    path = attacks.graphml_with_encoding(tmp_path, encoding)
    code, out = run("--graph", path, "stats")
    assert code == 0, out
    assert xml_encoding_problem(path.read_bytes()) is None


def test_utf16_graphml_declaring_rot13_is_refused(tmp_path):
    path = tmp_path / "u16.graphml"
    path.write_bytes(attacks.graphml_with_encoding(tmp_path, "rot13").read_text().encode("utf-16"))
    code, out = run("--graph", path, "stats")
    assert code == 3 and "encoding 'rot13'" in out


def test_thousands_of_nested_yed_groups_are_refused_at_their_line(tmp_path):
    path = attacks.nested_yed_groups(tmp_path, 5000)
    code, out = run("--graph", path, "stats")
    assert code == 3
    assert f"{path}:2: elements nested more than 200 deep" in out


def test_yed_groups_nested_within_the_limit_load(tmp_path):
    path = attacks.nested_yed_groups(tmp_path, 60)
    code, out = run("--graph", path, "list")
    assert code == 0, out
    assert "leaf" in out


def test_a_5000_digit_integer_in_json_is_refused_at_its_line(tmp_path):
    path = attacks.long_integer(tmp_path)
    code, out = run("--graph", path, "stats")
    assert code == 3
    assert f"{path}:2: not readable JSON: Exceeds the limit (4300 digits)" in out


def test_a_5000_digit_integer_in_yaml_is_refused_at_its_line(tiny_dir):
    nodes = tiny_dir / "nodes.yaml"
    nodes.write_text("# a big number\nbig: " + "9" * 5000 + "\n" + nodes.read_text())
    code, out = run("--graph", tiny_dir, "stats")
    assert code == 3
    assert f"{nodes}:2: not readable YAML" in out


@pytest.mark.parametrize("command", [["list"], ["stats"], ["show", "B"], ["search", "B"], ["export", "json", "-o", "OUT"], ["export", "html", "-o", "OUT"], ["export", "kgx", "-o", "OUT"]])
def test_a_lone_surrogate_in_a_label_is_refused_at_load_by_every_command(tmp_path, command):
    path = attacks.lone_surrogate(tmp_path)
    out_path = tmp_path / "out"
    code, out = run("--graph", path, *[out_path if a == "OUT" else a for a in command])
    assert code == 3
    assert f"{path}:2: [node] text holds a lone surrogate (U+D800) at character 2" in out
    assert "is not a node" not in out  # the refused node's edges are not reported again
    assert not out_path.exists()  # nothing half-written


def test_a_lone_surrogate_in_json_inside_graphml_is_refused(tmp_path):
    from graph.formats.yamlfile import load_graph_dir
    from graph.exporters import export
    from tests import ICE, TINY_DIR

    G = load_graph_dir(TINY_DIR)
    G.nodes[ICE]["extra"] = ["fine"]  # footback writes lists as JSON text
    path = export(G, "graphml", tmp_path / "g.graphml")
    path.write_text(path.read_text().replace('["fine"]', '["\\ud800"]'))
    code, out = run("--graph", path, "stats")
    assert code == 3 and "lone surrogate (U+D800)" in out


def test_a_surrogate_pair_written_as_escapes_is_one_character_and_loads(tmp_path):
    path = attacks.node_link(tmp_path, "pair.json", label='"A \\ud83d\\ude00"')
    code, out = run("--graph", path, "list")
    assert code == 0 and "A \U0001f600" in out


def test_deep_json_is_refused_before_export_kgx_overflows(tmp_path):
    path = attacks.deep_json(tmp_path, 900)
    code, out = run("--graph", path, "export", "kgx", "-o", tmp_path / "kgx")
    assert code == 3
    assert f"values nested {MAX_DEPTH + 1} deep (footback reads up to {MAX_DEPTH} levels)" in out
    assert not (tmp_path / "kgx").exists()


def test_json_nested_within_the_limit_exports_everywhere(tmp_path):
    path = attacks.deep_json(tmp_path, MAX_DEPTH - 1)
    for fmt in ("kgx", "json", "graphml", "html", "cytoscape"):
        code, out = run("--graph", path, "export", fmt, "-o", tmp_path / f"out-{fmt}")
        assert code == 0, (fmt, out)


def test_deep_values_in_kgx_metadata_are_refused(tmp_path, tiny):
    from graph.exporters import export

    d = export(tiny, "kgx", tmp_path / "kgx")
    (d / "metadata.json").write_text('{"graph": {"x": ' + "[" * 500 + "]" * 500 + "}}")
    code, out = run("--graph", d, "stats")
    assert code == 3 and "metadata.json:1: [graph] values nested" in out


def test_value_problem_walks_without_recursing():
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert value_problem(deep).startswith(f"values nested {MAX_DEPTH + 1} deep")
    assert value_problem({"k\udfff": 1}).startswith("text holds a lone surrogate (U+DFFF)")


# --- bounded memory and time on small hostile inputs (13.3) -----------------------


def test_a_1mb_gzip_bomb_is_refused_quickly_in_little_memory(tmp_path):
    path = attacks.gzip_bomb(tmp_path, 1024)
    assert path.stat().st_size < 1_500_000
    code, out = run_limited("--graph", path, "stats", memory=1_000_000_000)
    assert code == 3, out
    assert f"{path}: g/nodes.tsv makes the members add up to 1.1 GB, more than the 107.6 MB footback reads" in out


def test_a_10kb_sparse_tar_is_refused_quickly_in_little_memory(tmp_path):
    path = attacks.sparse_tar(tmp_path)
    assert path.stat().st_size < 12_000
    code, out = run_limited("--graph", path, "stats", memory=1_000_000_000)
    assert code == 3, out
    assert f"{path}: g/nodes.tsv makes the members add up to 8.6 GB" in out


def test_a_header_that_expands_past_the_budget_is_refused(tmp_path):
    """A pax header is read whole into memory by tarfile: the stream under it is capped."""
    import gzip
    import io

    path = tmp_path / "pax.tar.gz"
    info = tarfile.TarInfo("g/nodes.tsv")
    info.pax_headers = {"comment": "x" * 70_000_000}
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        tar.addfile(info, io.BytesIO(b""))
    path.write_bytes(gzip.compress(buf.getvalue(), 1))
    assert path.stat().st_size < 1_000_000
    code, out = run_limited("--graph", path, "stats", memory=1_000_000_000)
    assert code == 3, out
    assert "expands to more than 64.0 MB, the most footback reads from this archive" in out


def test_an_archive_of_too_many_members_is_refused(tmp_path):
    path = attacks.many_members(tmp_path, MAX_MEMBERS + 10)
    code, out = run("--graph", path, "stats")
    assert code == 3
    assert f"{path}: holds more than {MAX_MEMBERS} members" in out


def test_an_archive_within_the_limits_loads(tmp_path):
    path = attacks.many_members(tmp_path, 100)
    code, out = run("--graph", path, "stats")
    assert code == 0, out


@pytest.mark.parametrize("kind, what", [("fifo", "a pipe"), ("device", "a device"), ("symlink", "a symlink")])
def test_special_members_of_an_archive_are_refused(tmp_path, kind, what):
    path = attacks.archive_with_special(tmp_path, kind)
    code, out = run("--graph", path, "stats")
    assert code == 3
    assert f"{path}/g/nodes.tsv: {what}, not a regular file" in out


@pytest.mark.parametrize("name", ["nodes.tsv", "edges.tsv", "metadata.json", "x_nodes.tsv"])
@pytest.mark.parametrize("special", ["fifo", "/dev/zero"])
def test_special_files_in_a_kgx_folder_are_refused(tmp_path, tiny, name, special):
    from graph.exporters import export

    d = export(tiny, "kgx", tmp_path / "kgx")
    if name == "x_nodes.tsv":  # a NAME_ pair whose nodes file is the special one
        (d / "edges.tsv").rename(d / "x_edges.tsv")
        (d / "nodes.tsv").unlink()
    target = d / name
    target.unlink(missing_ok=True)
    if special == "fifo":
        os.mkfifo(target)
        what = "a pipe"
    else:
        target.symlink_to(special)
        what = "a device (through a symlink)"
    code, out = run_limited("--graph", d, "stats", timeout=30)
    assert code == 3, out
    assert f"{target}: {what}, not a regular file" in out


# KGX in linear time: each of these took hours (a scan per column, per repeated
# row); the timeout only guards against a hang, the figures are in bench/.


def test_a_200000_column_kgx_header_loads(tmp_path):
    code, out = run_limited("--graph", attacks.wide_kgx_header(tmp_path), "stats", timeout=60)
    assert code == 0, out


def test_thousands_of_repeated_kgx_node_rows_are_reported_not_scanned(tmp_path):
    d = attacks.repeated_kgx_nodes(tmp_path)
    code, out = run_limited("--graph", d, "validate", timeout=60)
    # Identical repeats are merged, as KGX's own graphs need (issue 12); the point here is
    # that thousands of them are handled in linear time, within the bound.
    assert code == 0, out
    assert "repeat an earlier row's node id" in out or "repeats an earlier row's node id" in out


def test_thousands_of_repeated_kgx_edge_rows_merge_in_linear_time(tmp_path):
    from graph.formats import load_graph

    d = attacks.repeated_kgx_edges(tmp_path, 20_000)
    G = load_graph(d)
    edge = G.edges["a", "b", "causes"]
    assert len(edge["knowledge_source"]) == 20_000 and edge["knowledge_source"][:2] == ["infores:s0", "infores:s1"]
    assert edge["publications"][:3] == ["PMID:0", "PMID:1", "PMID:2"] and len(edge["publications"]) == 20_000


def test_merging_with_the_seen_index_is_merging_without_it():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from graph.formats.common import merge_edge

    values = st.one_of(st.text(max_size=3), st.lists(st.sampled_from(["a", "b", "c", "d"]), max_size=3), st.none())
    records = st.fixed_dictionaries({"cites": st.sampled_from(["", "x", "y", "z"])}, optional={"publications": values, "note": values, "knowledge_source": values})

    @settings(max_examples=200, deadline=None)
    @given(st.lists(records, min_size=1, max_size=6))
    def check(rows):
        import copy

        plain, indexed, seen = copy.deepcopy(rows[0]), copy.deepcopy(rows[0]), {}
        for row in rows[1:]:
            merge_edge(plain, copy.deepcopy(row))
            merge_edge(indexed, copy.deepcopy(row), seen)
        assert indexed == plain

    check()


def test_graphml_that_would_not_fit_in_memory_is_refused_before_reading(tmp_path):
    path = attacks.many_graphml_nodes(tmp_path, 300_000)
    code, out = run_limited("--graph", path, "stats", memory=300_000_000)
    assert code == 3, out[-2000:]
    assert f"{path}: reading it would take about" in out and "(300,000 nodes, 0 edges, 600,003 elements)" in out
    assert "refused before memory runs out" in out


def test_graphml_that_fits_loads_under_the_same_limit(tmp_path):
    path = attacks.many_graphml_nodes(tmp_path, 2_000)
    code, out = run_limited("--graph", path, "stats", memory=300_000_000)
    assert code == 0, out
