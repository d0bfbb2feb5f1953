"""The two set-up commands: the Makefile checks the interpreter, rebuilds a venv made
with the wrong one, and ``make demo`` ends by saying how to run footback."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


def _make(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["make", "-n", *args], cwd=folder, capture_output=True, text=True, timeout=60)


@pytest.fixture
def project(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    (tmp_path / "pyproject.toml").write_text("")
    return tmp_path


def _fake_venv(folder: Path, version_ok: bool) -> None:
    bin_dir = folder / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (folder / ".venv" / "pyvenv.cfg").write_text("home = /nowhere\n")
    python = bin_dir / "python"
    python.write_text(f"#!/bin/sh\nexit {0 if version_ok else 1}\n")
    python.chmod(0o755)


def test_a_venv_made_with_an_old_python_is_made_again(project):
    _fake_venv(project, version_ok=False)
    result = _make(project, f"PYTHON={sys.executable}", "demo")
    assert "made with a Python older than 3.11" in result.stdout
    assert not (project / ".venv").exists()
    assert f"{sys.executable} -m venv .venv" in result.stdout


def test_a_good_venv_is_kept(project):
    _fake_venv(project, version_ok=True)
    result = _make(project, f"PYTHON={sys.executable}", "demo")
    assert "older than 3.11" not in result.stdout
    assert (project / ".venv" / "bin" / "python").exists()


def test_an_old_interpreter_is_refused_with_the_way_out(project, tmp_path):
    old = tmp_path / "python3.10"
    old.write_text("#!/bin/sh\n[ \"$1\" = --version ] && echo 'Python 3.10.13'\nexit 1\n")
    old.chmod(0o755)
    result = subprocess.run(["make", "python-check", f"PYTHON={old}"], cwd=project, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "footback needs Python 3.11 or newer" in result.stderr and "Python 3.10.13" in result.stderr
    assert "make PYTHON=python3.11 demo" in result.stderr


def test_demo_installs_the_package_alone_and_says_how_to_run_it(project):
    demo = _make(project, f"PYTHON={sys.executable}", "demo").stdout
    assert "install -e .\n" in demo and "[test]" not in demo
    assert ".venv/bin/footback" in demo and "source .venv/bin/activate" in demo
    test = _make(project, f"PYTHON={sys.executable}", "test").stdout
    assert "install -e '.[test]'" in test


def test_every_data_folder_is_a_package_setuptools_finds():
    """The folders holding YAML and templates are found as packages, so setuptools
    ships their files as package data instead of warning that it would ignore them."""
    import tomllib

    setuptools = pytest.importorskip("setuptools")
    find = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]["find"]
    assert find["namespaces"] is True
    found = set(setuptools.find_namespace_packages(str(ROOT), include=find["include"], exclude=find["exclude"]))
    folders = {p.parent for p in (ROOT / "graph").rglob("*") if p.suffix in (".yaml", ".js", ".css", ".html", ".j2")}
    assert folders
    assert {f.relative_to(ROOT).as_posix().replace("/", ".") for f in folders} <= found
    assert not any("__pycache__" in p for p in found)
