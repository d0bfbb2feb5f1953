"""graph.exporters.export: where an export may write, atomically, and what it leaves alone."""

import errno
import os
import sys
import tarfile
from pathlib import Path

import pytest

from cli import cli
from graph.errors import EXIT_USAGE, ExportError
from graph.exporters import export
from graph.formats import load_graph

KGX_FILES = ["edges.tsv", "metadata.json", "nodes.tsv"]


def names(folder):
    return sorted(p.name for p in Path(folder).iterdir())


def snapshot(folder):
    """Every file under ``folder`` (relative path -> bytes)."""
    root = Path(folder)
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def assert_no_traceback(result):
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


# --- a folder format into an existing folder ----------------------------------------


def test_kgx_into_an_existing_folder_keeps_every_other_file(tiny, tmp_path):
    d = tmp_path / "d"
    (d / "sub").mkdir(parents=True)
    (d / "notes.txt").write_text("x\n")
    (d / "sub" / "keep.yaml").write_text("k\n")
    (d / ".hidden").write_text("h\n")
    export(tiny, "kgx", d)
    assert names(d) == sorted([".hidden", "notes.txt", "sub", *KGX_FILES])
    assert (d / "notes.txt").read_text() == "x\n" and (d / "sub" / "keep.yaml").read_text() == "k\n"
    assert (d / ".hidden").read_text() == "h\n"
    assert load_graph(d).number_of_nodes() == tiny.number_of_nodes()
    assert names(tmp_path) == ["d"]


def test_cli_kgx_into_the_current_folder_leaves_the_project(runner, tmp_path, monkeypatch):
    project = tmp_path / "project"
    (project / "src").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[project]\n")
    (project / "src" / "main.py").write_text("print()\n")
    before = snapshot(project)
    monkeypatch.chdir(project)
    result = runner.invoke(cli, ["export", "kgx", "-o", "."])
    assert result.exit_code == 0, result.output
    assert names(project) == sorted(["pyproject.toml", "src", *KGX_FILES])
    after = snapshot(project)
    assert {k: after[k] for k in before} == before


def test_kgx_replaces_its_own_files_in_an_existing_folder(curated, tiny, tmp_path):
    """Replaced: its three files. Kept: anything else, even another .tsv (it did not write it)."""
    out = export(curated, "kgx", tmp_path / "kgx")
    (out / "stale.tsv").write_text("old")
    export(tiny, "kgx", out)
    assert len((out / "nodes.tsv").read_text().splitlines()) == tiny.number_of_nodes() + 1
    assert names(out) == sorted(["stale.tsv", *KGX_FILES]) and (out / "stale.tsv").read_text() == "old"
    assert names(tmp_path) == ["kgx"]


def test_kgx_refuses_a_file_and_leaves_it(runner, tiny, tmp_path):
    f = tmp_path / "afile"
    f.write_text("mine\n")
    with pytest.raises(ExportError, match=r"it is a file, and kgx writes a folder"):
        export(tiny, "kgx", f)
    result = runner.invoke(cli, ["export", "kgx", "-o", str(f)])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == f"footback: error: cannot write {f}: it is a file, and kgx writes a folder (name a new or existing folder)\n"
    assert_no_traceback(result)
    assert f.read_text() == "mine\n" and names(tmp_path) == ["afile"]


@pytest.mark.parametrize("fmt", ["json", "graphml", "html"])
def test_a_file_format_refuses_a_folder_and_leaves_it(runner, tiny, tmp_path, fmt):
    d = tmp_path / "d"
    d.mkdir()
    (d / "notes.txt").write_text("x\n")
    with pytest.raises(ExportError, match=f"it is a folder, and {fmt} writes one file"):
        export(tiny, fmt, d)
    result = runner.invoke(cli, ["export", fmt, "-o", str(d)])
    assert result.exit_code == EXIT_USAGE and "it is a folder" in result.stderr
    assert_no_traceback(result)
    assert names(d) == ["notes.txt"] and names(tmp_path) == ["d"]


def test_kgx_refuses_a_folder_where_it_writes_a_file_before_replacing_any(curated, tiny, tmp_path):
    out = export(curated, "kgx", tmp_path / "kgx")
    (out / "nodes.tsv").unlink()
    (out / "nodes.tsv").mkdir()
    before = snapshot(out)
    with pytest.raises(ExportError, match=r"nodes.tsv: it is a folder"):
        export(tiny, "kgx", out)
    assert snapshot(out) == before and names(out) == KGX_FILES


def test_an_interrupted_kgx_export_into_a_folder_changes_nothing(curated, tiny, tmp_path, monkeypatch):
    out = export(curated, "kgx", tmp_path / "kgx")
    (out / "notes.txt").write_text("x\n")
    before = snapshot(out)

    def interrupted(G, dest, **options):
        (Path(dest) / "nodes.tsv").write_text("id\tcat")  # half a file
        raise KeyboardInterrupt

    monkeypatch.setattr("graph.formats.kgx.write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export(tiny, "kgx", out)
    assert snapshot(out) == before and names(out) == sorted(["notes.txt", *KGX_FILES])


def test_kgx_files_are_each_old_or_new_when_a_rename_fails(curated, tiny, tmp_path, monkeypatch):
    """Between two renames no file is half-written, and no temporary is left."""
    out = export(curated, "kgx", tmp_path / "kgx")
    old = snapshot(out)
    new = snapshot(export(tiny, "kgx", tmp_path / "new"))
    real, calls = os.replace, []

    def fail_second(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", fail_second)
    with pytest.raises(ExportError, match=r"cannot write .*kgx: Input/output error"):
        export(tiny, "kgx", out)
    now = snapshot(out)
    assert names(out) == KGX_FILES
    assert all(now[n] in (old[n], new[n]) for n in KGX_FILES)
    assert now[Path(calls[0]).name] == new[Path(calls[0]).name]


def test_an_interrupted_new_kgx_folder_is_not_left(tiny, tmp_path, monkeypatch):
    def interrupted(G, dest, **options):
        (Path(dest) / "nodes.tsv").write_text("id")
        raise KeyboardInterrupt

    monkeypatch.setattr("graph.formats.kgx.write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export(tiny, "kgx", tmp_path / "kgx")
    assert names(tmp_path) == []


def test_exports_have_a_new_files_mode(tiny, tmp_path):
    """The temporary files are private while written; what is renamed into place is not."""
    mask = os.umask(0o022)
    try:
        f = export(tiny, "json", tmp_path / "g.json")
        d = export(tiny, "kgx", tmp_path / "kgx")
    finally:
        os.umask(mask)
    assert f.stat().st_mode & 0o777 == 0o644
    assert d.stat().st_mode & 0o777 == 0o755
    assert (d / "nodes.tsv").stat().st_mode & 0o777 == 0o644


# --- the operating system refuses ------------------------------------------------


def test_a_path_under_a_regular_file_is_an_export_error(runner, tiny, tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(ExportError, match=r"afile is not a folder"):
        export(tiny, "json", tmp_path / "afile" / "x.json")
    result = runner.invoke(cli, ["export", "kgx", "-o", str(tmp_path / "afile" / "kgx")])
    assert result.exit_code == EXIT_USAGE and "afile is not a folder" in result.stderr
    assert_no_traceback(result)


@pytest.mark.parametrize("fmt, name", [("json", "g.json"), ("kgx", "kgx"), ("html", "page.html")])
def test_a_refused_rename_is_an_export_error_and_leaves_no_temporary(tiny, tmp_path, monkeypatch, fmt, name):
    def refuse(src, dst):
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", refuse)
    monkeypatch.setattr(os, "rename", refuse)
    with pytest.raises(ExportError) as err:
        export(tiny, fmt, tmp_path / name)
    assert str(err.value) == f"cannot write {tmp_path / name}: Permission denied"
    assert names(tmp_path) == []


def test_a_full_disk_while_writing_is_an_export_error(runner, tiny, tmp_path, monkeypatch):
    def full(G, dest, **options):
        Path(dest).write_text("{")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("graph.formats.jsonfile.write", full)
    (tmp_path / "g.json").write_text("old")
    result = runner.invoke(cli, ["export", "json", "-o", str(tmp_path / "g.json")])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == f"footback: error: cannot write {tmp_path / 'g.json'}: No space left on device\n"
    assert_no_traceback(result)
    assert (tmp_path / "g.json").read_text() == "old" and names(tmp_path) == ["g.json"]


@pytest.mark.skipif(not sys.platform.startswith("linux") or not Path("/proc/self").exists(), reason="needs Linux /proc and /sys")
@pytest.mark.parametrize("fmt, out", [("json", "/sys/x.json"), ("json", "/proc/x.json"), ("kgx", "/proc/kgx")])
def test_cli_export_where_the_os_refuses(runner, fmt, out):
    result = runner.invoke(cli, ["export", fmt, "-o", out])
    assert result.exit_code == EXIT_USAGE, result.output
    assert result.stderr.startswith(f"footback: error: cannot write {out}: ")
    assert_no_traceback(result)
    assert not Path(out).exists()


# --- never over the graph's own data ---------------------------------------------


@pytest.mark.parametrize("fmt, name", [("graphml", "g2.graphml"), ("json", "g2.json"), ("cytoscape", "g2.cyjs")])
def test_export_refuses_the_file_the_graph_was_loaded_from(runner, curated, tmp_path, fmt, name):
    src = export(curated, fmt, tmp_path / name)
    before = src.read_bytes()
    G = load_graph(src)
    for other in ("json", "graphml", "kgx"):
        with pytest.raises(ExportError, match="the graph was loaded from it"):
            export(G, other, src)
    result = runner.invoke(cli, ["--graph", str(src), "export", "json", "-o", str(src)])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == f"footback: error: refusing to write {src}: the graph was loaded from it\n"
    assert src.read_bytes() == before
    # Beside it is fine: only the file itself is the graph's.
    assert runner.invoke(cli, ["--graph", str(src), "export", "json", "-o", str(tmp_path / "copy.json")]).exit_code == 0


def test_export_refuses_the_origin_through_a_symlink_or_hard_link(curated, tmp_path):
    src = export(curated, "graphml", tmp_path / "g.graphml")
    (tmp_path / "sym.graphml").symlink_to(src)
    os.link(src, tmp_path / "hard.graphml")
    G = load_graph(src)
    for alias in ("sym.graphml", "hard.graphml"):
        with pytest.raises(ExportError, match="the graph was loaded from it"):
            export(G, "graphml", tmp_path / alias)


def test_export_refuses_the_kgx_archive_the_graph_was_loaded_from(runner, curated, tmp_path):
    d = export(curated, "kgx", tmp_path / "kgx")
    archive = tmp_path / "kg.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        for n in KGX_FILES:
            tar.add(d / n, arcname=n)
    before = archive.read_bytes()
    result = runner.invoke(cli, ["--graph", str(archive), "export", "json", "-o", str(archive)])
    assert result.exit_code == EXIT_USAGE and "the graph was loaded from it" in result.stderr
    assert archive.read_bytes() == before
    assert runner.invoke(cli, ["--graph", str(archive), "export", "json", "-o", str(tmp_path / "g.json")]).exit_code == 0


@pytest.mark.parametrize("pair_file", ["nodes.tsv", "edges.tsv"])
def test_export_refuses_the_folder_of_a_kgx_pair_file(runner, curated, tmp_path, pair_file):
    d = export(curated, "kgx", tmp_path / "kgx")
    before = snapshot(d)
    result = runner.invoke(cli, ["--graph", str(d / pair_file), "export", "json", "-o", str(d / "x.json")])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == f"footback: error: refusing to write {d / 'x.json'}: it is inside the graph data directory {d}\n"
    G = load_graph(d / pair_file)
    for fmt, out in (("kgx", d), ("graphml", d / pair_file)):
        with pytest.raises(ExportError, match="inside the graph data directory"):
            export(G, fmt, out)
    assert snapshot(d) == before


def test_kgx_into_a_folder_refuses_to_replace_the_origin_file(curated, tmp_path):
    """A JSON graph saved as metadata.json: a KGX export beside it would replace it."""
    src = export(curated, "json", tmp_path / "metadata.json")
    before = src.read_bytes()
    with pytest.raises(ExportError, match="metadata.json: the graph was loaded from it"):
        export(load_graph(src), "kgx", tmp_path)
    assert src.read_bytes() == before and names(tmp_path) == ["metadata.json"]


@pytest.mark.parametrize("fmt", ["json", "kgx"])
def test_a_pipe_or_device_target_is_refused_and_left(runner, tiny, tmp_path, fmt):
    """os.replace would swap a regular file in for a named pipe, or (as root) for /dev/full."""
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(ExportError, match="it is a device, pipe or socket, not a file"):
        export(tiny, fmt, fifo)
    assert fifo.is_fifo()
    if os.path.exists("/dev/full"):
        result = runner.invoke(cli, ["export", fmt, "-o", "/dev/full"])
        assert result.exit_code == EXIT_USAGE
        assert result.output == "footback: error: cannot write /dev/full: it is a device, pipe or socket, not a file\n"
        assert Path("/dev/full").is_char_device()


def test_export_refuses_the_origin_of_a_cached_graph_and_of_a_neighbourhood(runner, curated, tmp_path):
    """Where a graph was read from is kept beside it, not pickled with it: a graph
    served from footback's cache, and a --focus neighbourhood cut from it, still know it."""
    from graph.formats.common import origin
    from graph.questions.query import neighbourhood
    from graph.store.cache import cache_dir, import_entry_path, load_graph_cached

    src = export(curated, "json", tmp_path / "g.json")
    before = src.read_bytes()
    for _ in range(2):  # read, then served from the cache
        result = runner.invoke(cli, ["--graph", str(src), "export", "graphml", "-o", str(src)])
        assert result.exit_code == EXIT_USAGE and "the graph was loaded from it" in result.stderr
    assert import_entry_path(src, "json", cache_dir()).is_file()
    result = runner.invoke(cli, ["--graph", str(src), "export", "json", "--focus", "sciatica", "-o", str(src)])
    assert result.exit_code == EXIT_USAGE and "the graph was loaded from it" in result.stderr
    assert src.read_bytes() == before
    G = load_graph_cached(src)
    H, _ = neighbourhood(G, "sciatica")
    assert origin(G) == origin(H) == str(src.resolve()) and "origin" not in G.graph
    with pytest.raises(ExportError, match="the graph was loaded from it"):
        export(H, "json", src)
