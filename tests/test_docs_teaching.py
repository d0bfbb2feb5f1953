"""The Teaching tools page's examples (docs/teaching.md) are real: each is re-run and compared."""

import re
import shlex
from pathlib import Path

import pytest

from cli import cli

PAGE = Path(__file__).resolve().parent.parent / "docs" / "teaching.md"


def teaching_examples():
    """(command line, piped input, expected output, complete?) for each `$ footback` in the section."""
    section = PAGE.read_text(encoding="utf-8")
    out = []
    for block in re.findall(r"```console\n(.*?)```", section, flags=re.S):
        parts = re.split(r"^\$ ", block, flags=re.M)[1:]
        for part in parts:
            command, _, expected = part.partition("\n")
            out.append((command, expected))
    return out


EXAMPLES = teaching_examples()


def test_every_teaching_command_is_documented():
    commands = {shlex.split(c.split("|")[-1])[1] for c, _ in EXAMPLES}
    assert {"quiz", "lesson", "whatif", "common-causes", "export"} <= commands
    for name in ("quiz", "lesson", "whatif", "common-causes"):
        assert cli.get_command(None, name).help, name


@pytest.mark.parametrize("command, expected", EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_teaching_example_is_real(runner, tmp_path, monkeypatch, command, expected):
    monkeypatch.chdir(tmp_path)
    stdin = ""
    if "|" in command:
        printf, command = command.split("|")
        stdin = shlex.split(printf)[1].encode().decode("unicode_escape")
    command = command.replace("< /dev/null", "")
    args = shlex.split(command)[1:]
    if args[0] == "lesson" and args[-1] == "my-lesson.yaml":
        (tmp_path / "my-lesson.yaml").write_text(
            "title: Arches\nsteps:\n  - node: flat feet\n    text: Start with the arch.\n"
            "  - title: Oops\n    node: flat foots arch\n    text: A typo in a name.\n"
            "  - path: [lower back pain, flat feet]\n    text: This edge is not in the graph.\n"
        )
    result = runner.invoke(cli, args, input=stdin)
    shown = expected.rstrip("\n")
    if shown.endswith("..."):
        assert result.output.startswith(shown[: -len("...")].rstrip(" ")), command
    else:
        assert result.output.rstrip("\n") == shown, command
