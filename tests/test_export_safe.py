"""graph.formats._safe: an export never writes through a link or onto what it did not create.

The attack (issue 13.1): in a shared folder, another account plants
``report.html`` as a symbolic link to a file of the victim's (or, when the
victim is an administrator, to a root-owned file). Before, the export
followed the link and replaced the file it pointed to, leaving it 0644.
"""

import os
import signal
import stat
import sys
import tempfile
from pathlib import Path

import pytest

from cli import cli
from graph.errors import EXIT_USAGE, ExportError
from graph.exporters import export
from graph.formats._safe import TMP_MARK
from tests import TINY_DIR

NOBODY = 65534
SECRET = b"secret: do not touch\n"


def leftovers(folder):
    return sorted(p.name for p in Path(folder).iterdir() if TMP_MARK in p.name)


def victim_file(path, mode=0o600):
    path.write_bytes(SECRET)
    os.chmod(path, mode)
    return path


def assert_untouched(path, mode=0o600):
    assert path.read_bytes() == SECRET
    assert stat.S_IMODE(path.stat().st_mode) == mode


# --- a link at the destination --------------------------------------------------------


@pytest.mark.parametrize("fmt", ["json", "handout", "dot"])
def test_a_link_at_the_destination_is_refused_and_what_it_points_to_untouched(runner, tiny, tmp_path, fmt):
    secret = victim_file(tmp_path / "secret.txt")
    link = tmp_path / "report.out"
    link.symlink_to(secret)
    with pytest.raises(ExportError, match=r"it is a symbolic link \(to .*secret.txt\).*--replace-symlink"):
        export(tiny, fmt, link)
    result = runner.invoke(cli, ["--graph", str(TINY_DIR), "export", fmt, "-o", str(link)])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr.startswith(f"footback: error: refusing to write {link}: it is a symbolic link (to {secret})")
    assert_untouched(secret)
    assert link.is_symlink() and leftovers(tmp_path) == []


def test_a_dangling_link_is_refused_too(tiny, tmp_path):
    link = tmp_path / "report.json"
    link.symlink_to(tmp_path / "would-be-created.json")
    with pytest.raises(ExportError, match="symbolic link"):
        export(tiny, "json", link)
    assert not (tmp_path / "would-be-created.json").exists()


def test_replace_symlink_replaces_the_link_itself(runner, tiny, tmp_path):
    secret = victim_file(tmp_path / "secret.txt")
    link = tmp_path / "report.json"
    link.symlink_to(secret)
    result = runner.invoke(cli, ["--graph", str(TINY_DIR), "export", "json", "-o", str(link), "--replace-symlink"])
    assert result.exit_code == 0, result.output
    assert not link.is_symlink() and link.read_text().startswith("{")
    assert_untouched(secret)
    assert leftovers(tmp_path) == []


def test_a_linked_folder_on_the_way_is_followed_but_the_file_is_written_in_the_real_folder(tiny, tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "via").symlink_to(real)
    export(tiny, "json", tmp_path / "via" / "g.json")
    assert (real / "g.json").is_file() and not (real / "g.json").is_symlink()


# --- KGX folders ------------------------------------------------------------------------


def test_kgx_refuses_a_link_as_its_folder(tiny, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / "kgx").symlink_to(elsewhere)
    with pytest.raises(ExportError, match="symbolic link"):
        export(tiny, "kgx", tmp_path / "kgx")
    assert list(elsewhere.iterdir()) == []
    export(tiny, "kgx", tmp_path / "kgx", replace_symlink=True)
    assert (tmp_path / "kgx").is_dir() and not (tmp_path / "kgx").is_symlink()
    assert list(elsewhere.iterdir()) == [] and leftovers(tmp_path) == []


def test_kgx_into_a_folder_refuses_a_link_among_its_files_before_replacing_any(tiny, tmp_path):
    d = tmp_path / "kgx"
    d.mkdir()
    (d / "edges.tsv").write_text("old edges\n")
    secret = victim_file(tmp_path / "secret.txt")
    (d / "nodes.tsv").symlink_to(secret)
    with pytest.raises(ExportError, match=r"nodes.tsv: it is a symbolic link"):
        export(tiny, "kgx", d)
    assert_untouched(secret)
    assert (d / "edges.tsv").read_text() == "old edges\n"  # nothing replaced
    assert leftovers(d) == [] and leftovers(tmp_path) == []
    export(tiny, "kgx", d, replace_symlink=True)
    assert not (d / "nodes.tsv").is_symlink()
    assert_untouched(secret)


# --- modes ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt,name", [("json", "g.json"), ("kgx", "nodes.tsv")])
def test_a_replaced_file_keeps_its_mode(tiny, tmp_path, fmt, name):
    if fmt == "kgx":
        export(tiny, "kgx", tmp_path)
        dest, target = tmp_path / name, tmp_path
    else:
        dest = target = tmp_path / name
        dest.write_text("old\n")
    os.chmod(dest, 0o640)
    export(tiny, fmt, target)
    assert stat.S_IMODE(dest.stat().st_mode) == 0o640
    assert dest.read_text() != "old\n"


def test_a_new_file_gets_the_usual_mode(tiny, tmp_path):
    old = os.umask(0o022)
    try:
        export(tiny, "json", tmp_path / "g.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "g.json").stat().st_mode) == 0o644


# --- interrupts and leftovers -------------------------------------------------------------


def _run_in_child(fn):
    """Run ``fn`` in a forked child; its exit status (or -signal)."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        code = 0
        try:
            code = fn() or 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
        except BaseException:
            code = 99
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def _dying_writer(sig):
    def write(G, dest, **options):
        Path(dest).write_text("half")
        os.kill(os.getpid(), sig)
        import time

        time.sleep(5)

    return write


@pytest.mark.parametrize("fmt", ["json", "kgx"])
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP])
def test_an_interrupt_leaves_no_temporary_file(tiny, tmp_path, monkeypatch, fmt, sig):
    from graph import exporters as registry

    spec = registry.FORMATS[fmt]
    monkeypatch.setattr(type(spec), "load", lambda self: _dying_writer(sig))
    (tmp_path / "keep.txt").write_text("k")
    status = _run_in_child(lambda: export(tiny, fmt, tmp_path / "out"))
    assert status != 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_a_kill_leaves_one_clearly_named_folder_which_the_next_export_removes(tiny, tmp_path, monkeypatch):
    from graph import exporters as registry

    monkeypatch.setattr(type(registry.FORMATS["json"]), "load", lambda self: _dying_writer(signal.SIGKILL))
    assert _run_in_child(lambda: export(tiny, "json", tmp_path / "g.json")) == -signal.SIGKILL
    left = leftovers(tmp_path)
    assert len(left) == 1 and left[0].startswith(".g.json.footback-tmp-")
    monkeypatch.undo()
    # Not ours to remove: a live process's folder, a link named like one, a file.
    alive = tmp_path / f".x{TMP_MARK}{os.getppid()}-abc"
    alive.mkdir()
    (tmp_path / f".y{TMP_MARK}999999-abc").symlink_to(alive)
    export(tiny, "json", tmp_path / "other.json")
    assert leftovers(tmp_path) == sorted([alive.name, f".y{TMP_MARK}999999-abc"])
    assert (tmp_path / "g.json").exists() is False and (tmp_path / "other.json").is_file()


# --- as other accounts -----------------------------------------------------------------------


def _shared_folder():
    """A world-writable folder with the sticky bit, like /tmp (tmp_path is private to root)."""
    d = Path(tempfile.mkdtemp(prefix="footback-shared-"))
    os.chmod(d, 0o1777)
    return d


def _as_nobody(fn):
    def run():
        os.setgid(NOBODY)
        os.setgroups([])
        os.setuid(NOBODY)
        return fn()

    return run


needs_root = pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="switching accounts needs root; the same-account tests above cover the refusal")


@needs_root
def test_an_administrator_exporting_into_a_shared_folder_cannot_be_made_to_overwrite_a_root_file(runner, tmp_path):
    """Another account (nobody) plants the link; root runs the export."""
    import shutil

    shared = _shared_folder()
    try:
        secret = victim_file(shared / "root-only.conf")  # root-owned, 0600
        report = shared / "report.html"
        assert _run_in_child(_as_nobody(lambda: os.symlink(secret, report))) == 0
        assert report.lstat().st_uid == NOBODY
        result = runner.invoke(cli, ["--graph", str(TINY_DIR), "export", "html", "-o", str(report)])
        assert result.exit_code == EXIT_USAGE and "it is a symbolic link" in result.stderr
        assert_untouched(secret)
        assert secret.stat().st_uid == 0 and report.is_symlink() and leftovers(shared) == []
    finally:
        shutil.rmtree(shared)


@needs_root
def test_a_regular_user_exporting_into_a_shared_folder_keeps_their_own_file(tiny, tmp_path):
    """Another account (root here) plants a link to the user's own file; the user (nobody) exports."""
    import shutil

    import graph.formats.jsonfile  # noqa: F401  (imported before the child loses access to the interpreter's files)

    shared = _shared_folder()
    try:
        mine = victim_file(shared / "my-notes.txt")
        os.chown(mine, NOBODY, NOBODY)
        report = shared / "report.json"
        report.symlink_to(mine)

        def attempt():
            try:
                export(tiny, "json", report)
            except ExportError:
                return 2
            return 0

        assert _run_in_child(_as_nobody(attempt)) == 2
        assert_untouched(mine)
        assert mine.stat().st_uid == NOBODY and report.is_symlink() and leftovers(shared) == []
        # And writing a fresh file as that user works, owned by them.
        assert _run_in_child(_as_nobody(lambda: export(tiny, "json", shared / "fresh.json") and 0)) == 0
        assert (shared / "fresh.json").stat().st_uid == NOBODY
    finally:
        shutil.rmtree(shared)


# --- standard output ----------------------------------------------------------------------------

TEXT_FORMATS = ["json", "handout", "graphml", "gexf", "cytoscape", "cypher", "mermaid", "dot", "html"]


@pytest.mark.parametrize("fmt", TEXT_FORMATS)
def test_export_to_standard_output_is_what_the_file_would_hold(runner, tmp_path, fmt):
    from graph.exporters import FORMATS

    dest = tmp_path / f"g{FORMATS[fmt].suffix}"
    assert runner.invoke(cli, ["export", fmt, "-o", str(dest)]).exit_code == 0
    result = runner.invoke(cli, ["export", fmt, "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes == dest.read_bytes()
    assert result.stderr == "" and list(tmp_path.iterdir()) == [dest]


@pytest.mark.parametrize("fmt,why", [("anki", "it is a binary file"), ("kgx", "it writes a folder")])
def test_export_to_standard_output_refuses_binary_and_folder_formats(runner, fmt, why):
    result = runner.invoke(cli, ["export", fmt, "-o", "-"])
    assert result.exit_code == EXIT_USAGE
    assert result.stderr.startswith(f"footback: error: cannot write {fmt} to standard output: {why}")
    assert result.stdout == ""


@pytest.mark.parametrize("argv", [["export", "html", "-o", "-"], ["list"], ["export", "json", "-o", "-"]])
def test_a_reader_that_stops_early_ends_footback_quietly(argv):
    """``footback ... | head``: exit 0 and nothing on stderr, not exit 1 (an empty answer)."""
    import subprocess

    exe = Path(sys.executable).with_name("footback")
    with subprocess.Popen([str(exe), *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE) as p:
        p.stdout.read(10)
        p.stdout.close()
        assert p.wait(timeout=60) == 0
        assert p.stderr.read() == b""
