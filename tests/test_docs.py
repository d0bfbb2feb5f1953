"""The documentation keeps up with the code (as sqlite-utils' tests/test_docs.py does):
every command has --help with an example and a place in the docs, and the pasted query
output of the Command line page (docs/cli.md) is what the commands print today."""

import re
import shlex
from pathlib import Path

import pytest

from cli import cli

DOCS = Path(__file__).resolve().parent.parent / "docs"
CLI_PAGE = (DOCS / "cli.md").read_text(encoding="utf-8")
#: The hand-written pages (the command reference is written from --help itself).
PAGES = "\n".join(p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md")) if p.name != "reference.md")
QUERY_COMMANDS = {"paths", "explain", "causes", "effects", "treatments", "show", "search", "list", "stats", "evidence"}


@pytest.fixture(scope="module")
def help_texts():
    from click.testing import CliRunner

    runner = CliRunner()
    texts = {None: runner.invoke(cli, ["--help"]).output}
    for name in cli.commands:
        texts[name] = runner.invoke(cli, [name, "--help"]).output
    return texts


def test_top_level_help_has_an_example(help_texts):
    assert "Example:\n      footback " in help_texts[None]


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_an_example(help_texts, name):
    text = help_texts[name]
    assert text.startswith(f"Usage: cli {name} ") or text.startswith(f"Usage: footback {name} ")
    # click's \b keeps the example's lines as written
    assert re.search(rf"\n  Example:\n      footback {re.escape(name)}\b", text), text


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_documented_in_the_docs(name):
    assert re.search(rf"^#+ .*`footback {re.escape(name)}\b", PAGES, re.MULTILINE), f"no heading in docs/ names `footback {name}`"


def _console_examples():
    """``(command, pasted output, exit code or None)`` from the Command line page."""
    for block in re.findall(r"```console\n(.*?)```", CLI_PAGE, re.DOTALL):
        parts = re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]
        for i, part in enumerate(parts):
            command, _, output = part.partition("\n")
            if command == "echo $?":
                continue
            code = None
            if i + 1 < len(parts) and parts[i + 1].startswith("echo $?\n"):
                code = int(parts[i + 1].split("\n")[1])
            yield command, output.rstrip("\n"), code


EXAMPLES = [e for e in _console_examples() if shlex.split(e[0])[1] in QUERY_COMMANDS and "|" not in e[0]]


def test_the_cli_page_shows_every_query_command():
    assert {shlex.split(c)[1] for c, _, _ in EXAMPLES} == QUERY_COMMANDS


@pytest.mark.parametrize("command, pasted, code", EXAMPLES, ids=[e[0] for e in EXAMPLES])
def test_cli_page_output_is_real(runner, command, pasted, code):
    args = shlex.split(command)[1:]
    result = runner.invoke(cli, args)
    assert result.output.rstrip("\n") == pasted
    if code is not None:
        assert result.exit_code == code


JSON_EXAMPLES = [e for e in _console_examples() if e[0].endswith(" --json | python -m json.tool")]


@pytest.mark.parametrize("command, pasted, code", JSON_EXAMPLES, ids=[e[0] for e in JSON_EXAMPLES])
def test_cli_page_json_output_is_real(runner, command, pasted, code):
    import json

    args = shlex.split(command.split("|")[0])[1:]
    result = runner.invoke(cli, args)
    assert json.loads(result.output) == json.loads(pasted)


def test_the_cli_page_has_a_json_example():
    assert JSON_EXAMPLES
