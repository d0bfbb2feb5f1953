"""footback --help groups the commands with each one's first sentence whole; export
--help lists the formats; shell completion completes node names."""

from click.shell_completion import ShellComplete

from cli import COMMAND_GROUPS, cli
from graph.exporters import FORMATS
from tests import TINY_DIR


def test_help_groups_every_command_with_its_whole_summary(runner):
    text = runner.invoke(cli, ["--help"]).output
    heads = [line for line in text.splitlines() if line.endswith("commands:")]
    assert heads == ["Explore commands:", "Teach commands:", "Data and formats commands:"]
    flat = " ".join(text.split())
    for name, command in cli.commands.items():
        summary = command.help.split("\n")[0].strip()
        assert f"{name} {summary}" in flat, name  # whole, not cut at 45 characters
    grouped = {n for members in COMMAND_GROUPS.values() for n in members}
    assert set(cli.commands) <= grouped


def test_an_unknown_command_is_listed_under_other(runner):
    import click

    @cli.command("zzz-extra")
    def extra() -> None:
        """An extra command with a long summary line that click would otherwise cut short."""

    try:
        text = runner.invoke(cli, ["--help"]).output
        assert "Other commands:\n  zzz-extra  An extra command with a long summary line that click would" in text
    finally:
        del cli.commands["zzz-extra"]
    assert isinstance(extra, click.Command)


def test_export_help_lists_the_formats_a_line_each(runner):
    text = runner.invoke(cli, ["export", "--help"]).output
    section = text.split("\nFormats:\n", 1)[1]
    for f in FORMATS.values():
        assert f"\n  {f.name} " in "\n" + section
    assert " ".join(section.split()).count(FORMATS["kgx"].help) == 1


def complete(args, incomplete):
    return [c.value for c in ShellComplete(cli, {}, "footback", "_FOOTBACK_COMPLETE").get_completions(args, incomplete)]


def test_completion_offers_node_names_by_id_label_or_synonym():
    """Completion reads the cached names (no networkx): ids, labels and synonyms alike."""
    assert {"plantar-fascia", "plantar-fasciitis", "Plantar fasciitis"} <= set(complete(["show"], "plan"))
    assert complete(["paths", "flat-feet"], "Lower back p") == ["Lower back pain"]
    assert "sciatica" in complete(["paths", "a", "b", "--avoid"], "sci")
    assert "heel-pain" in complete(["export", "html", "--focus"], "heel")
    assert set(complete(["--graph", str(TINY_DIR), "show"], "hip")) == {"hip", "hip-ache", "Hip", "Hip ache"}
    assert complete(["search"], "hee") == []  # free text, not a node name


def test_completion_script_is_documented(runner):
    from pathlib import Path

    page = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    assert "_FOOTBACK_COMPLETE=bash_source footback" in page
    result = runner.invoke(cli, [], env={"_FOOTBACK_COMPLETE": "bash_source"}, prog_name="footback")
    assert "_footback_completion()" in result.output
