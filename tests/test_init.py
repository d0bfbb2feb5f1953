"""``footback init``: a copy of the curated data to edit. The worked example of the data
format page (docs/data-format.md: a teacher adds knee pain) is run here as written."""

import re
import shlex
from pathlib import Path

import pytest

from cli import cli
from graph.formats.yamlfile import load_graph_dir
from graph.formats.yamlfile import DATA_DIR
from graph.store.scaffold import init_data

PAGE = (Path(__file__).resolve().parent.parent / "docs" / "data-format.md").read_text(encoding="utf-8")
SECTION = PAGE.split("\n## Your own copy: `footback init`\n", 1)[1].split("\n## ", 1)[0]


def _example():
    yaml_text = re.search(r"```yaml\n(.*?)```", SECTION, re.DOTALL).group(1)
    block = re.search(r"```console\n(.*?)```", SECTION, re.DOTALL).group(1)
    steps = []
    for part in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
        command, _, output = part.partition("\n")
        steps.append((command, output.rstrip("\n")))
    return yaml_text, steps


def test_the_worked_example_is_real(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    yaml_text, steps = _example()
    assert [shlex.split(c)[1] for c, _ in steps][:2] == ["init", "validate"]
    for i, (command, shown) in enumerate(steps):
        result = runner.invoke(cli, shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.output)
        assert result.output.rstrip("\n") == shown, command
        if i == 0:  # after init, the teacher adds the file the page shows
            (tmp_path / "my-graph" / "knee.yaml").write_text(yaml_text, encoding="utf-8")


def test_init_copies_the_curated_data_and_explains_it(tmp_path):
    written = init_data(tmp_path / "mine")
    names = sorted(p.name for p in written)
    assert names == sorted([p.name for p in DATA_DIR.glob("*.yaml")] + ["README.md"])
    for p in DATA_DIR.glob("*.yaml"):
        assert (tmp_path / "mine" / p.name).read_bytes() == p.read_bytes()
    readme = (tmp_path / "mine" / "README.md").read_text()
    assert "footback validate --graph mine" in readme and "```yaml" in readme
    G = load_graph_dir(tmp_path / "mine")
    assert len(G) == len(load_graph_dir(DATA_DIR))


def test_the_readme_of_the_copy_has_a_snippet_that_validates(tmp_path):
    init_data(tmp_path / "mine")
    snippet = re.search(r"```yaml\n(.*?)```", (tmp_path / "mine" / "README.md").read_text(), re.DOTALL).group(1)
    (tmp_path / "mine" / "knee.yaml").write_text(snippet)
    assert "knee-pain" in load_graph_dir(tmp_path / "mine")


@pytest.mark.parametrize("occupied", ["file", "folder with a file"])
def test_init_refuses_an_occupied_target_and_writes_nothing(runner, tmp_path, occupied):
    target = tmp_path / "mine"
    if occupied == "file":
        target.write_text("keep me")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("keep me")
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    result = runner.invoke(cli, ["init", str(target)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    if occupied == "file":
        assert "is a file" in result.stderr
    else:
        assert result.stderr == f"footback: error: {target} already exists and is not an empty folder: choose a new one (nothing written)\n"
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before


def test_init_into_an_empty_folder_and_a_missing_parent(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    assert runner.invoke(cli, ["init", str(tmp_path / "empty")]).exit_code == 0
    assert (tmp_path / "empty" / "nodes.yaml").exists()
    result = runner.invoke(cli, ["init", str(tmp_path / "no" / "such")])
    assert result.exit_code == 2 and "does not exist" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "no").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary folder left behind
