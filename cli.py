"""footback's command line: parse, call the ``graph`` package, format.

Exit codes (one place maps errors onto them, see ``FootbackGroup.invoke``):
0 answered, 1 empty answer, 2 bad command line or name, 3 invalid graph data.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from graph.errors import EXIT_DATA, EXIT_USAGE, FootbackError


class State:
    """What every command shares: where the graph comes from, loaded once."""

    def __init__(self) -> None:
        self.graph_path: Path | None = None
        self.graph_format: str | None = None
        self._graph: Any = None

    @property
    def graph(self) -> Any:
        if self._graph is None:
            from graph.importers import load_graph

            self._graph = load_graph(self.graph_path, self.graph_format)
        return self._graph


pass_state = click.make_pass_decorator(State, ensure=True)


class FootbackError2Click(click.ClickException):
    """A library error shown as a one-line message with its exit code."""

    def __init__(self, err: FootbackError):
        super().__init__(str(err))
        self.exit_code = err.exit_code

    def show(self, file: Any = None) -> None:
        click.echo(f"footback: error: {self.format_message()}", err=True)


class FootbackGroup(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        import networkx as nx

        try:
            return super().invoke(ctx)
        except FootbackError as err:
            raise FootbackError2Click(err) from None
        except nx.NodeNotFound as err:
            raise click.UsageError(str(err)) from None


def _set_graph(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None:
        state = ctx.ensure_object(State)
        setattr(state, param.name, value)
    return value


def graph_options(f: Any) -> Any:
    """``--graph`` and ``--graph-format``: the same meaning on every command."""
    from graph.importers import IMPORTERS

    f = click.option(
        "--graph-format",
        "graph_format",
        type=click.Choice(sorted(IMPORTERS)),
        default=None,
        expose_value=False,
        callback=_set_graph,
        help="Format of --graph (default: detected from the path).",
    )(f)
    return click.option(
        "--graph",
        "graph_path",
        type=click.Path(exists=True, path_type=Path),
        default=None,
        expose_value=False,
        callback=_set_graph,
        help="Graph to use instead of the curated one (a data directory in footback's YAML format).",
    )(f)


@click.group(cls=FootbackGroup, context_settings={"help_option_names": ["-h", "--help"]})
@graph_options
@click.version_option(package_name="footback", message="%(prog)s %(version)s")
def cli() -> None:
    """Explore how foot problems and back problems lead to each other.

    Educational material, not medical advice.

    \b
    Example:
        footback validate
        footback build --out output
    """


@cli.command()
@graph_options
@pass_state
def validate(state: State) -> None:
    """Check graph data; list every problem with its file and line.

    Exits 0 when the data is valid, 3 when it is not.

    \b
    Example:
        footback validate --graph my-graph/
    """
    from graph.build import summary

    counts = summary(state.graph)
    n_nodes, n_edges = sum(counts["nodes"].values()), sum(counts["edges"].values())
    by_type = ", ".join(f"{v} {k}" for k, v in counts["nodes"].items())
    by_rel = ", ".join(f"{v} {k}" for k, v in counts["edges"].items())
    click.echo(f"valid: {n_nodes} nodes ({by_type}); {n_edges} edges ({by_rel})")


@cli.command()
@graph_options
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"), show_default=True, help="Folder to write the artifacts into.")
@pass_state
def build(state: State, out_dir: Path) -> None:
    """Validate the data and write the artifacts (graph.json, ...) into a folder.

    The same data always gives byte-identical files.

    \b
    Example:
        footback build --out output
    """
    from graph.build import write_artifacts

    for path in write_artifacts(state.graph, out_dir):
        click.echo(f"wrote {path}")


def _format_names() -> list[str]:
    from graph.export import FORMATS

    return sorted(FORMATS)


@cli.command()
@graph_options
@click.argument("fmt", metavar="FORMAT", type=click.Choice(_format_names()))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=True, path_type=Path), help="File (or folder, for multi-file formats) to write.")
@click.option("--path", "path", nargs=2, metavar="SOURCE TARGET", default=None, help="Highlight (or keep) the causal paths from SOURCE to TARGET.")
@click.option("--focus", metavar="NODE", default=None, help="Export only the neighbourhood of NODE.")
@click.option("--radius", type=click.IntRange(0, 50), default=2, show_default=True, help="With --focus: how many hops around NODE.")
@click.option("--max-nodes", type=click.IntRange(1), default=None, help="With --focus: most nodes kept, nearest first.")
@pass_state
def export(state: State, fmt: str, out: Path, path: tuple[str, str] | None, focus: str | None, radius: int, max_nodes: int | None) -> None:
    """Write the graph (or a neighbourhood of it) in another format.

    \b
    Example:
        footback export json -o graph.json
        footback export json --focus sciatica --radius 1 -o sciatica.json
    """
    from graph.export import export as run_export
    from graph.names import resolve, resolve_all
    from graph.query import neighbourhood

    G = state.graph
    options: dict[str, Any] = {}
    if path is not None:
        options["path"] = tuple(resolve_all(G, path))
    if focus is not None:
        G, _ = neighbourhood(G, resolve(G, focus), radius=radius, max_nodes=max_nodes)
    click.echo(f"wrote {run_export(G, fmt, out, **options)}")


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    try:
        cli.main(args=argv, prog_name="footback")
    except BrokenPipeError:  # e.g. `footback list | head`
        sys.stderr.close()
        sys.exit(0)


if __name__ == "__main__":
    main()
