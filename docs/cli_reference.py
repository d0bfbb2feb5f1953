"""The command-line reference page, written from the click commands themselves.

A MkDocs hook (see ``mkdocs.yml``): the page ``reference.md`` holds a marker that is
replaced, at every build, by the ``--help`` text of ``footback`` and of each of its
commands, exactly as ``footback COMMAND --help`` prints it at 80 columns. The reference
therefore cannot drift from the code; ``tests/test_docs_site.py`` checks that it does not.
"""

from __future__ import annotations

import click

MARKER = "<!-- footback-cli-reference -->"
WIDTH = 80


def _walk(command: click.Command, ctx: click.Context):
    """``(words, context)`` for ``command`` and every command under it, in help order."""
    yield ctx.command_path, ctx
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or sub.hidden:
                continue
            yield from _walk(sub, _context(sub, name, ctx))


def _context(command: click.Command, name: str, parent: click.Context | None = None) -> click.Context:
    """A context as ``footback ... --help`` makes it: the command's own settings (``-h``
    as well as ``--help``), at :data:`WIDTH` columns."""
    settings = {"terminal_width": WIDTH, "max_content_width": WIDTH, **command.context_settings}
    return click.Context(command, info_name=name, parent=parent, **settings)


def help_texts() -> list[tuple[str, str]]:
    """``(command path, --help text)`` for ``footback`` and each of its commands."""
    from cli import cli

    return [(path, click.unstyle(ctx.get_help())) for path, ctx in _walk(cli, _context(cli, "footback"))]


def reference_markdown() -> str:
    """The reference as Markdown: a heading and a text block per command."""
    out = []
    for path, text in help_texts():
        level = "##" if path == "footback" else "###" if path.count(" ") == 1 else "####"
        out += [f"{level} `{path}`", "", "```text", text.rstrip("\n"), "```", ""]
    return "\n".join(out)


def on_page_markdown(markdown: str, page, config, files) -> str:  # noqa: ARG001 (MkDocs' hook signature)
    if MARKER in markdown:
        return markdown.replace(MARKER, reference_markdown())
    return markdown
