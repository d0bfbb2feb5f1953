"""MkDocs hooks (see ``mkdocs.yml``): pages written from the code at every build.

- The command reference: ``reference.md`` holds a marker that is replaced by the
  ``--help`` text of ``footback`` and of each of its commands, exactly as
  ``footback COMMAND --help`` prints it at 80 columns, so the reference cannot drift
  from the code (``tests/test_docs_site.py`` checks it).
- The Python API: ``<!-- footback-api: NAME ... -->`` in ``api.md`` becomes one
  mkdocstrings block per public name of ``graph``, found where ``graph`` itself finds
  it, so the page follows a function that moves to another module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import click

MARKER = "<!-- footback-cli-reference -->"
API_MARKER = re.compile(r"<!-- footback-api: ([A-Za-z_ ]+) -->")
#: A Sphinx cross-reference as mkdocstrings leaves it in numpydoc text: ``:func:`~graph.x.f```.
SPHINX_ROLE = re.compile(r":(?:func|class|data|mod|meth|attr|exc|obj):<code>~?([^<]*)</code>")
WIDTH = 80


def _walk(command: click.Command, ctx: click.Context) -> Iterator[tuple[str, click.Context]]:
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


def api_block(name: str) -> str:
    """The mkdocstrings block documenting ``graph.NAME`` (under that name)."""
    import graph

    if name not in graph.__all__:
        raise ValueError(f"graph has no public name {name!r} (public: {', '.join(graph.__all__)})")
    where = graph._WHERE[name]
    module, attr = where if isinstance(where, tuple) else (where, name)
    block = f"::: graph.{module}.{attr}"
    if attr != name:  # exported under another name than its own: graph.explain_paths
        block += f"\n    options:\n      heading: {name}\n      toc_label: {name}"
    return block


def _role(match: re.Match[str]) -> str:
    """A cross-reference read as code: the name alone, its module path dropped after a ``~``."""
    name = match.group(1)
    return f"<code>{name.rsplit('.', 1)[-1] if match.group(0).count('~') else name}</code>"


def on_page_content(html: str, page: Any, config: Any, files: Any) -> str:
    """The docstrings' Sphinx roles (``:func:`paths```), which mkdocstrings prints as they
    are, shown as the code they name."""
    return SPHINX_ROLE.sub(_role, html)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    markdown = markdown.replace(MARKER, reference_markdown()) if MARKER in markdown else markdown
    return API_MARKER.sub(lambda m: "\n\n".join(api_block(n) for n in m.group(1).split()), markdown)
