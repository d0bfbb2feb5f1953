"""footback's command line: parse, call the ``graph`` package, format.

Exit codes (one place maps errors onto them, see ``FootbackGroup.invoke``):
0 answered, 1 empty answer, 2 bad command line or name, 3 invalid graph data.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from graph.errors import FootbackError
from graph.model.evidence import LEVELS

#: A click command function, as a decorator takes and gives it.
F = TypeVar("F", bound=Callable[..., Any])


class State:
    """What every command shares: where the graph comes from, loaded once."""

    def __init__(self) -> None:
        self.graph_path: Path | str | None = None  # a str: falkordb://HOST:PORT/NAME
        self.graph_format: str | None = None
        self.min_evidence: str | None = None
        self._graph: Any = None

    def load(self, *, cache: bool = True) -> Any:
        """The graph, loaded on first use; YAML data through the cache unless ``cache=False``."""
        if self._graph is None and isinstance(self.graph_path, str):  # falkordb://HOST:PORT/NAME
            from graph.store.database import open_graph

            self._graph = open_graph(self.graph_path)
        if self._graph is None:
            from graph.store.cache import load_graph_for_life

            self._graph = load_graph_for_life(self.graph_path, self.graph_format, cache=cache)
        return self._graph

    @property
    def graph(self) -> Any:
        """The graph, keeping only links at or above ``--min-evidence`` when given."""
        G = self.load()
        if self.min_evidence is None:
            return G
        from graph.model.evidence import at_least

        return at_least(G, self.min_evidence)


pass_state = click.make_pass_decorator(State, ensure=True)


class FootbackError2Click(click.ClickException):
    """A library error shown as a one-line message with its exit code."""

    def __init__(self, err: FootbackError):
        super().__init__(str(err))
        self.exit_code = err.exit_code  # type: ignore[misc]  # click's class default, set per error
        self.error = err

    def show(self, file: Any = None) -> None:
        from graph.errors import EXIT_EMPTY, NameNotFound

        message = self.format_message()
        if isinstance(self.error, NameNotFound) and not self.error.suggestions and self.error.name.strip():
            message += f" (try: footback search {_shell_quote(self.error.name)})"
        # An empty answer is not an error: say so plainly, still on stderr.
        prefix = "footback: " if self.exit_code == EXIT_EMPTY else "footback: error: "
        # Made visible here, before click.echo, which would silently drop colour codes off a terminal.
        from graph.present import visible

        click.echo(visible(prefix + message), err=True)


def _quiet_stdout() -> None:
    """Send what is left of standard output nowhere, so flushing it at exit cannot fail again."""
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())  # type: ignore[union-attr]  # None: AttributeError, below
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # no real file descriptor (a test runner)
        pass


def _write_stdout(data: bytes) -> None:
    """An export's bytes on standard output: exactly, into a pipe or file; on a
    terminal, through the safe stream like all other output."""
    from graph.present import SafeStream

    raw = sys.stdout.inner if isinstance(sys.stdout, SafeStream) else sys.stdout
    binary = getattr(raw, "buffer", None)
    if raw.isatty() or binary is None:
        click.echo(data.decode("utf-8", "replace"), nl=False)
        return
    raw.flush()
    binary.write(data)
    binary.flush()


def _shell_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


# How `footback --help` groups the commands; a command not named here is listed under "Other".
COMMAND_GROUPS: dict[str, tuple[str, ...]] = {
    "Explore": ("paths", "explain", "causes", "effects", "treatments", "evidence", "show", "search", "list", "stats"),
    "Teach": ("quiz", "lesson", "whatif", "common-causes"),
    "Data and formats": ("validate", "build", "export", "init", "db"),
}


class FootbackGroup(click.Group):
    def main(self, *args: Any, **kwargs: Any) -> Any:
        # Every line footback prints, errors included, shows a graph's control
        # characters as visible escapes (graph.present).
        from graph.present import safe_streams

        with safe_streams():
            return super().main(*args, **kwargs)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Commands in groups, each with its whole first sentence (click cuts it at 45 characters)."""
        names = [n for n in self.list_commands(ctx) if not getattr(self.get_command(ctx, n), "hidden", True)]
        grouped = [(title, [n for n in members if n in names]) for title, members in COMMAND_GROUPS.items()]
        listed = {n for _, members in grouped for n in members}
        grouped.append(("Other", [n for n in names if n not in listed]))
        for title, members in grouped:
            if members:
                with formatter.section(f"{title} commands"):
                    formatter.write_dl([(n, self.get_command(ctx, n).get_short_help_str(limit=1000)) for n in members])  # type: ignore[union-attr]

    def invoke(self, ctx: click.Context) -> Any:
        from graph.errors import UnknownRelation

        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # e.g. `footback list | head`: the reader has all it wants
            _quiet_stdout()
            ctx.exit(0)
        except UnknownRelation as err:
            raise click.BadParameter(str(err), param_hint="'--relation'") from None
        except FootbackError as err:
            raise FootbackError2Click(err) from None
        except Exception as err:
            nx = sys.modules.get("networkx")  # not imported for --help: then it raised nothing
            if nx is not None and isinstance(err, nx.NodeNotFound):
                raise click.UsageError(str(err)) from None
            raise


def _set_graph(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None:
        state = ctx.ensure_object(State)
        setattr(state, param.name, value)
    return value


def _complete_node(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Node names (ids, labels, synonyms) starting with what was typed, any case.

    Read from the cache without networkx when the graph is cached (it is
    after any question); otherwise the graph is loaded, and cached, once.
    """
    from click.shell_completion import CompletionItem

    from graph.store.cache import names_starting

    state = ctx.find_object(State) or State()
    try:
        return [CompletionItem(n) for n in names_starting(incomplete, state.graph_path, state.graph_format)]
    except Exception:  # a broken graph completes nothing; the command itself says why
        return []


class GraphSource(click.Path):
    """An existing file or folder, or a ``falkordb://HOST:PORT/NAME`` URL (kept as text)."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str) and value.startswith(("falkordb://", "redis://", "rediss://")):
            return value
        return super().convert(value, param, ctx)


def graph_options(f: Any) -> Any:
    """``--graph`` and ``--graph-format``: the same meaning on every command."""
    from graph.formats import IMPORTERS

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
        type=GraphSource(exists=True, path_type=Path),
        default=None,
        expose_value=False,
        callback=_set_graph,
        help="Graph to use instead of the curated one: a footback YAML data directory, a KGX pair (its folder, either file, or a .tar.gz of it), GraphML, node-link/Cytoscape JSON, or falkordb://HOST:PORT/NAME (a graph loaded with footback db load).",
    )(f)


# color=True: click passes every escape on to SafeStream, which shows a
# graph's as text and decides whether footback's own are colour.
@click.group(cls=FootbackGroup, context_settings={"help_option_names": ["-h", "--help"], "color": True})
@graph_options
@click.version_option(package_name="footback", message="%(prog)s %(version)s")
def cli() -> None:
    """Explore how foot problems and back problems lead to each other.

    Educational material, not medical advice. NODE, SOURCE and TARGET may be
    an id, a label or a synonym, typed loosely ("flat-foot", "sciatia").
    Exit codes: 0 answered, 1 empty answer, 2 bad command line or name,
    3 invalid graph data.

    \b
    Example:
        footback paths "plantar fasciitis" "lower back pain"
        footback explain "herniated disc" "numb toes"
        footback search heel
        footback validate --graph my-graph/
    """


@cli.command()
@graph_options
@pass_state
def validate(state: State) -> None:
    """Check graph data; list every problem with its file and line.

    Exits 0 when the data is valid, 3 when it is not. For an imported graph,
    also says what reading it took beyond reading (duplicate edges merged,
    undirected edges read both ways).

    \b
    Example:
        footback validate --graph my-graph/
    """
    from graph.questions.describe import summary
    from graph.formats import import_notes
    from graph.report import validate_text

    G = state.load(cache=False)  # always check the data afresh
    validate_text(click.echo, summary(G), import_notes(G))


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
    from graph.store.build import write_artifacts

    for path in write_artifacts(state.load(cache=False), out_dir):
        click.echo(f"wrote {path}")


class ExportCommand(click.Command):
    """``footback export --help`` ends with the formats, a line each."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from graph.exporters import FORMATS

        with formatter.section("Formats"):
            formatter.write_dl([(f.name, f.help) for f in sorted(FORMATS.values(), key=lambda f: f.name)])
        super().format_epilog(ctx, formatter)


@cli.command()
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
def init(folder: Path) -> None:
    """Copy the curated graph into a new FOLDER to edit, with a README on how.

    Use the copy with --graph FOLDER on any command. Exits 2, writing
    nothing, when FOLDER exists and is not empty.

    \b
    Example:
        footback init my-graph
        footback validate --graph my-graph
    """
    from graph.store.scaffold import init_data

    for path in init_data(folder):
        click.echo(f"wrote {path}")
    click.echo(f"Edit the YAML files (see {folder / 'README.md'}), then: footback validate --graph {_shell_quote(str(folder))}")


def _format_names() -> list[str]:
    from graph.exporters import FORMATS

    return sorted(FORMATS)


@cli.command(cls=ExportCommand)
@graph_options
@click.argument("fmt", metavar="FORMAT", type=click.Choice(_format_names()))
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=True, path_type=Path), help="File (or folder, for multi-file formats) to write; - for standard output (text formats).")
@click.option("--path", "path", nargs=2, metavar="SOURCE TARGET", default=None, help="Highlight (or keep) the causal paths from SOURCE to TARGET.")
@click.option("--focus", metavar="NODE", default=None, shell_complete=_complete_node, help="Export only the neighbourhood of NODE.")
@click.option("--radius", type=click.IntRange(0, 50), default=2, show_default=True, help="With --focus: how many hops around NODE.")
@click.option("--max-nodes", type=click.IntRange(1), default=None, help="Most nodes kept, nearest to --focus first (html: 500 unless given).")
@click.option("--replace-symlink", is_flag=True, help="Where -o names a symbolic link, replace the link itself (never what it points to); without it, a link is refused.")
@pass_state
def export(state: State, fmt: str, out: Path, path: tuple[str, str] | None, focus: str | None, radius: int, max_nodes: int | None, replace_symlink: bool) -> None:
    """Write the graph (or a neighbourhood of it) in another format.

    \b
    Example:
        footback export json -o graph.json
        footback export json --focus sciatica --radius 1 -o sciatica.json
        footback export html --path "plantar fasciitis" "lower back pain" -o pf.html
        footback export kgx -o kgx
        footback export mermaid --path "flat feet" "lower back pain" -o path.mmd
        footback --graph kgx export cypher -o graph.cypher
        footback export mermaid -o - | head
    """
    from graph.answers import export, export_view

    if focus is None and click.get_current_context().get_parameter_source("radius") is not click.core.ParameterSource.DEFAULT:
        raise click.UsageError("--radius needs --focus NODE: it is the number of hops around NODE")
    G, options = export_view(state.graph, fmt, path=path, focus=focus, radius=radius, max_nodes=max_nodes)
    written = export(G, fmt, out, replace_symlink=replace_symlink, **options)
    if isinstance(written, bytes):  # -o -: text formats to standard output
        _write_stdout(written)
    else:
        click.echo(f"wrote {written}")


@cli.group()
def db() -> None:
    """Move a graph into FalkorDB, for graphs too large to load for every question.

    Then ask with --graph falkordb://HOST:PORT/NAME: show, search, list,
    causes, effects, treatments, evidence, paths, explain and export --focus
    answer from the database as they do in memory. Exit codes: 2 when the URL
    names nothing usable (bad URL, unreachable, wrong password, no such
    graph), 3 when the database fails mid-answer or holds no footback graph.

    \b
    Example:
        footback db load --url redis://localhost:6379 --name footback
        footback --graph kgx/ db load --url redis://localhost:6379 --name mykg
        footback --graph falkordb://localhost:6379/mykg causes "back pain"
    """


@db.command("load")
@graph_options
@click.option("--url", required=True, metavar="URL", help="The FalkorDB server: redis://[:PASSWORD@]HOST:PORT.")
@click.option("--name", required=True, metavar="NAME", help="Name of the graph in the database.")
@click.option("--replace", is_flag=True, help="Replace a graph of that name (default: refuse).")
@pass_state
def db_load(state: State, url: str, name: str, replace: bool) -> None:
    """Write the graph (curated, or --graph) into FalkorDB with its bulk loader, and index it.

    A KGX graph (TSV or JSON Lines; a folder, file or archive) is streamed
    from its files into the bulk loader's CSV files, never held whole in
    memory, and checked row by row as --graph checks it. The CSV files are
    written in $FOOTBACK_TMPDIR (default: the system's temporary folder) and
    removed afterwards. The graph is loaded under a temporary name and
    renamed when complete: a failed load leaves nothing behind.

    \b
    Example:
        footback db load --url redis://localhost:6379 --name footback
        footback --graph kgx/ db load --url redis://localhost:6379 --name mykg --replace
    """
    from graph.store.database import default_workdir, load, shown, streamed_source

    # A KGX graph is streamed from its files, never held whole in memory.
    source = streamed_source(state.graph_path, state.graph_format) if state.min_evidence is None else None
    done = load(None if source else state.graph, url, name, replace=replace, workdir=default_workdir(), source=source)
    click.echo(f"loaded {done['nodes']:,} nodes and {done['edges']:,} edges into {name!r} at {shown(url)} in {done['seconds']:.1f} s")
    click.echo(f"ask it with: footback --graph falkordb://{shown(url).split('://', 1)[1].rstrip('/')}/{name} ...")


# --- queries: paths, explain, causes, effects, treatments, show, search, list, stats (issue 3)

# Defaults of graph.questions.query and graph.questions.explain, repeated here so that importing
# the CLI (e.g. for --help) does not import networkx; tests/test_cli_query.py
# checks that they agree.
DEFAULT_MAX_HOPS = 6
DEFAULT_LIMIT = 10
DEFAULT_EXPLAIN_LIMIT = 3
DEFAULT_SEARCH_LIMIT = 10
ARROW = "\u2192"


def _out(text: str = "") -> None:
    # Colour, and NO_COLOR (https://no-color.org), are decided where output
    # is written: graph.present.SafeStream.
    click.echo(text)


def _print_json(data: Any) -> None:
    from graph.present import json_text

    click.echo(json_text(data, indent=2))


def _empty(message: str) -> None:
    """An empty answer (``message`` says why) exits 1; none, and the command is done."""
    if message:
        from graph.errors import NoPath

        raise NoPath(message)


def json_option(f: Any) -> Any:
    """``--json``: the same flag, and the same promise, on every query command."""
    return click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON (shapes in the README).")(f)


class OpenTerm(click.ParamType):  # type: ignore[type-arg]
    """A relation or node type: footback's own, or any the loaded graph holds.

    What a graph holds is known only once it is loaded, so the command checks
    it then (exit 2 naming the graph's own, as
    :func:`graph.questions.query.check_relations` does for relations); shell completion
    offers footback's own (``model_attr`` of :mod:`graph.model`).
    """

    def __init__(self, name: str, model_attr: str, example: str) -> None:
        self.name, self.model_attr, self.example = name, model_attr, example

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(f"give a {self.name}, e.g. {self.example}", param, ctx)
        from graph import model
        from graph.language.terms import canonical_term

        return canonical_term(value, getattr(model, self.model_attr)) or value  # "symptoms", "Located in"

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        from graph import model

        return [CompletionItem(t) for t in getattr(model, self.model_attr) if t.startswith(incomplete)]


def relation_option(what: str) -> Callable[[F], F]:
    """``--relation``, repeatable, default ``causes``: the same on every command that follows links."""
    from graph.model import CAUSES, RELATIONS

    return click.option(
        "--relation",
        "relations",
        type=OpenTerm("relation", "RELATIONS", "causes"),
        metavar="RELATION",
        multiple=True,
        default=(CAUSES,),
        show_default=True,
        help=f"Relation {what} (repeatable): {', '.join(RELATIONS)}, or any other the graph holds (e.g. related_to in a graph from Gephi).",
    )


def _one_via(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> str | None:
    """``--via`` once: a second one would otherwise silently replace the first."""
    if len(value) > 1:
        raise click.BadParameter("give it once (paths through several given nodes are not supported)")
    return value[0] if value else None


def path_options(limit: int = DEFAULT_LIMIT) -> Callable[[F], F]:
    """The bounds of a path search, shared by ``paths`` and ``explain``."""
    options = [
        click.option("--max-hops", type=click.IntRange(1, 100), default=DEFAULT_MAX_HOPS, show_default=True, help="Longest path, in steps."),
        click.option("--limit", type=click.IntRange(1, 10_000), default=limit, show_default=True, help="Most paths shown, shortest first."),
        click.option("--via", metavar="NODE", multiple=True, shell_complete=_complete_node, callback=_one_via, help="Only paths that pass through NODE (once)."),
        click.option("--avoid", metavar="NODE", multiple=True, shell_complete=_complete_node, help="Only paths that do not touch NODE (repeatable)."),
        relation_option("a path may follow"),
    ]

    def decorate(f: F) -> F:
        for option in reversed(options):
            f = option(f)
        return f

    return decorate


def _set_min_evidence(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
    if value is not None:
        ctx.ensure_object(State).min_evidence = value.lower()
    return value


def evidence_option(f: Any) -> Any:
    """``--min-evidence LEVEL``: the same meaning on every query command."""

    return click.option(
        "--min-evidence",
        type=click.Choice(LEVELS, case_sensitive=False),
        default=None,
        expose_value=False,
        callback=_set_min_evidence,
        help="Keep only links research rates at least this sure (strongest first: " + ", ".join(LEVELS) + ").",
    )(f)


def depth_option(f: Any) -> Any:
    return click.option("--depth", type=click.IntRange(1), default=None, help="Go at most this many steps (default: all the way).")(f)


def _paths(state: State, source: str, target: str, max_hops: int, limit: int, via: str | None, avoid: tuple[str, ...], relations: tuple[str, ...], as_json: bool, explain: bool) -> Any:
    from graph.answers import path_answer

    unfiltered = state.load() if state.min_evidence is not None else None
    return path_answer(
        state.graph,
        source,
        target,
        max_hops=max_hops,
        limit=limit,
        via=via,
        avoid=avoid,
        relations=relations,
        explain=explain,
        want_why=as_json,
        min_evidence=state.min_evidence,
        unfiltered=unfiltered,
    )


@cli.command("paths")
@graph_options
@click.argument("source", shell_complete=_complete_node)
@click.argument("target", shell_complete=_complete_node)
@path_options()
@evidence_option
@json_option
@pass_state
def paths_command(state: State, source: str, target: str, max_hops: int, limit: int, via: str | None, avoid: tuple[str, ...], relations: tuple[str, ...], as_json: bool) -> None:
    """Paths from SOURCE to TARGET, shortest first, with notes.

    Each step shows its relation, its note and the source section it rests on.
    Paths follow causes links unless --relation names others: footback's
    own, or any the graph holds (a graph from elsewhere may have only
    related_to, or Biolink predicates such as biolink:has_phenotype).

    SOURCE, TARGET and the NODE of --via/--avoid may be an id, a label or a
    synonym; case, punctuation, plurals and small typos do not matter.
    Exits 1 when there is no path within the bounds.

    \b
    Example:
        footback paths "plantar fasciitis" "lower back pain"
        footback paths "flat feet" "back pain" --max-hops 4 --limit 3
        footback paths "slipped disc" "numb toes" --avoid sciatica --json
        footback --graph gephi.graphml paths A B --relation related_to
    """
    from graph.report import paths_json, paths_text

    answer = _paths(state, source, target, max_hops, limit, via, avoid, relations, as_json, explain=False)
    if as_json:
        _print_json(paths_json(state.graph, answer, min_evidence=state.min_evidence))
    elif answer.paths:
        paths_text(_out, state.graph, answer, max_hops=max_hops, relations=relations, min_evidence=state.min_evidence)
    _empty(answer.message)


@cli.command("explain")
@graph_options
@click.argument("source", shell_complete=_complete_node)
@click.argument("target", shell_complete=_complete_node)
@path_options(limit=DEFAULT_EXPLAIN_LIMIT)
@evidence_option
@json_option
@pass_state
def explain_command(state: State, source: str, target: str, max_hops: int, limit: int, via: str | None, avoid: tuple[str, ...], relations: tuple[str, ...], as_json: bool) -> None:
    """The shortest paths from SOURCE to TARGET, told as a story.

    A narrative a student can read aloud: each step names the body region things sit in and the article section
    the claim comes from. Takes the same options as `footback paths`.
    Exits 1 when there is no path within the bounds.

    \b
    Example:
        footback explain "plantar fasciitis" "lower back pain"
        footback explain "herniated disc" "numb toes" --limit 1
    """
    from graph.report import explain_text, paths_json

    answer = _paths(state, source, target, max_hops, limit, via, avoid, relations, as_json, explain=True)
    if as_json:
        _print_json(paths_json(state.graph, answer, explain=True, min_evidence=state.min_evidence))
    elif answer.paths:
        explain_text(_out, state.graph, answer, max_hops=max_hops, relations=relations)
    _empty(answer.message)


def _reach(state: State, node: str, depth: int | None, relations: tuple[str, ...], as_json: bool, upstream: bool) -> None:
    from graph.answers import reach
    from graph.report import reach_json, reach_text

    G = state.graph
    answer = reach(G, node, depth=depth, relations=relations, upstream=upstream, min_evidence=state.min_evidence)
    if as_json:
        _print_json(reach_json(G, answer))
    elif answer.found:
        reach_text(_out, G, answer, depth=depth, relations=relations)
    _empty(answer.message)


@cli.command("causes")
@graph_options
@click.argument("node", shell_complete=_complete_node)
@depth_option
@relation_option("followed backwards from NODE")
@evidence_option
@json_option
@pass_state
def causes_command(state: State, node: str, depth: int | None, relations: tuple[str, ...], as_json: bool) -> None:
    """What can lead to NODE (upstream), nearest first.

    Lists everything upstream of NODE with how many steps away it is, along
    causes links unless --relation names others.

    Exits 1 when nothing leads to NODE.

    \b
    Example:
        footback causes "lower back pain"
        footback causes "numb toes" --depth 1
        footback causes heel --relation part_of
    """
    _reach(state, node, depth, relations, as_json, upstream=True)


@cli.command("effects")
@graph_options
@click.argument("node", shell_complete=_complete_node)
@depth_option
@relation_option("followed from NODE")
@evidence_option
@json_option
@pass_state
def effects_command(state: State, node: str, depth: int | None, relations: tuple[str, ...], as_json: bool) -> None:
    """What NODE can lead to (downstream), nearest first.

    Lists everything downstream of NODE with how many steps away it is,
    along causes links unless --relation names others.

    Exits 1 when NODE leads to nothing.

    \b
    Example:
        footback effects "flat feet"
        footback effects "herniated disc" --depth 1 --json
        footback --graph gephi.graphml effects A --relation related_to
    """
    _reach(state, node, depth, relations, as_json, upstream=False)


@cli.command("treatments")
@graph_options
@click.argument("node", shell_complete=_complete_node)
@evidence_option
@json_option
@pass_state
def treatments_command(state: State, node: str, as_json: bool) -> None:
    """Treatments acting on NODE, on what leads to it, or on what it leads to.

    Says for each whether it acts on NODE directly, upstream (on a cause) or
    further along (on something NODE can lead to, as orthotics act on the heel
    pain that plantar fasciitis can lead to), and on what.

    Exits 1 when the graph names no treatment for NODE or anything linked to it.

    \b
    Example:
        footback treatments "heel pain"
        footback treatments "plantar fasciitis"
        footback treatments "lower back pain" --json
    """
    from graph.answers import treatments_of
    from graph.report import treatments_json, treatments_text

    G = state.graph
    n, found, why = treatments_of(G, node, min_evidence=state.min_evidence)
    if as_json:
        _print_json(treatments_json(G, n, found))
    elif found:
        treatments_text(_out, G, n, found)
    _empty(why)


@cli.command("show")
@graph_options
@click.argument("node", shell_complete=_complete_node)
@evidence_option
@json_option
@pass_state
def show_command(state: State, node: str, as_json: bool) -> None:
    """One node whole: description, names, regions, links.

    Shows its type, description, synonyms, codes, the body regions it sits
    in, and every link in and out with its note and source section.

    \b
    Example:
        footback show sciatica
        footback show "policeman's heel" --json
    """
    from graph.answers import show
    from graph.report import show_text

    d = show(state.graph, node, unfiltered=state.load() if state.min_evidence is not None else None)
    if as_json:
        _print_json(d)
    else:
        show_text(_out, d, min_evidence=state.min_evidence)


@cli.command("search")
@graph_options
@click.argument("text")
@click.option("--limit", type=click.IntRange(1), default=DEFAULT_SEARCH_LIMIT, show_default=True, help="Most matches shown.")
@json_option
@pass_state
def search_command(state: State, text: str, limit: int, as_json: bool) -> None:
    """Nodes whose names or description match TEXT, best first.

    Scores: 100 an exact name; lower for typos, parts of names, and words of
    descriptions. Exits 1 when nothing matches.

    \b
    Example:
        footback search heel
        footback search "nerve pain" --limit 5 --json
    """
    from graph.answers import NothingToSearch, search
    from graph.report import search_json, search_text

    G = state.graph
    try:
        answer = search(G, text, limit=limit)
    except NothingToSearch as err:
        raise click.BadParameter(str(err), param_hint="TEXT") from None
    if as_json:
        _print_json(search_json(G, text, answer.found, answer.absent))
    elif answer.found:
        search_text(_out, G, text, answer.found)
    _empty(answer.message)


@cli.command("list")
@graph_options
@click.option(
    "--type",
    "node_type",
    type=OpenTerm("node type", "NODE_TYPES", "condition"),
    metavar="TYPE",
    default=None,
    help="Only nodes of this type: condition, mechanism, symptom, body_region, treatment, or any other the graph holds.",
)
@json_option
@pass_state
def list_command(state: State, node_type: str | None, as_json: bool) -> None:
    """Every node (or every node of one type): id, type and label.

    \b
    Example:
        footback list --type condition
        footback list --json
    """
    from graph.answers import UnknownNodeType, nodes_of_type
    from graph.report import nodes_json, nodes_text

    G = state.graph
    try:
        answer = nodes_of_type(G, node_type)
    except UnknownNodeType as err:
        raise click.BadParameter(str(err), param_hint="'--type'") from None
    if as_json:
        _print_json(nodes_json(G, answer.nodes))
    elif answer.nodes:
        nodes_text(_out, G, answer.nodes)
    _empty(answer.message)


@cli.command("stats")
@graph_options
@json_option
@pass_state
def stats_command(state: State, as_json: bool) -> None:
    """Counts, sources cited and the shape of the causal links.

    \b
    Example:
        footback stats
        footback stats --graph my-graph/ --json
    """
    from graph.questions.describe import stats
    from graph.report import stats_json, stats_text

    G = state.graph
    if as_json:
        _print_json(stats_json(G, stats(G)))
    else:
        stats_text(_out, G, stats(G))


# --- teaching tools: quiz, lessons, what-if, common causes (issue 6) ---------


def _stdin_reader() -> Any:
    """``read(prompt)`` over stdin: a line, or None at EOF or Ctrl-C.

    Piped answers are echoed so that a transcript reads like a session.
    """
    stdin = sys.stdin
    tty = stdin.isatty()

    def read(prompt: str) -> str | None:
        click.echo(prompt, nl=False)
        try:
            line = stdin.readline()
        except KeyboardInterrupt:
            line = ""
        if not line:
            return None
        if not tty:
            click.echo(line.rstrip("\n"))
        return line

    return read


_QUIZ_KINDS = ("middle", "leads-to", "where", "treatment", "root", "sign", "evidence", "red-flag")  # graph.teaching.quiz.KINDS, without importing it at startup


@cli.command()
@graph_options
@click.option("-n", "--count", type=click.IntRange(1, 1000), default=10, show_default=True, help="How many questions.")
@click.option("--seed", type=int, default=None, help="The same seed gives the same quiz (default: a fresh seed, shown).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(_QUIZ_KINDS), help="Ask only this kind of question (repeatable).")
@click.option("--print", "printable", is_flag=True, help="Print a question sheet and an answer key instead of asking.")
@json_option
@pass_state
def quiz(state: State, count: int, seed: int | None, kinds: tuple[str, ...], printable: bool, as_json: bool) -> None:
    """A multiple-choice quiz generated from the graph.

    Kinds: the hidden middle step of a causal chain (middle), which of these
    can lead to a symptom (leads-to), where in the body something sits
    (where), which treatment acts on something (treatment), each as the
    source tells it. Wrong choices are kept only when they are far from the
    question in the graph, so a kind may give fewer questions than asked
    for (the quiz says so). After each answer: right or wrong, the chain
    and its source; the score at the end. Answers may be piped in; input
    that ends early shows the score so far.

    \b
    Example:
        footback quiz --count 5 --seed 7
        footback quiz --kind middle --print --seed 1 > sheet.txt
    """
    from graph.answers import quiz as draw
    from graph.report import quiz_sheet_text

    G = state.graph
    answer = draw(G, count=count, seed=seed, kinds=kinds)
    if as_json:  # an empty answer is still JSON, as for paths
        _print_json(answer.to_dict(G))
    elif printable and answer.questions:
        quiz_sheet_text(click.echo, G, answer.questions, seed=answer.seed, note=answer.note)
    elif answer.questions:
        from graph.teaching.interactive import run_quiz

        run_quiz(G, answer.questions, _stdin_reader(), click.echo, seed=answer.seed, note=answer.note)
    if answer.empty is not None:
        raise answer.empty


@cli.command()
@graph_options
@click.argument("name", required=False, metavar="[NAME]")
@json_option
@pass_state
def lesson(state: State, name: str | None, as_json: bool) -> None:
    """List the lessons, or step through one (a shipped lesson's name or a .yaml path).

    In a terminal, Enter goes to the next step, b goes back and q quits;
    when input is not a terminal, every step is printed. A lesson that
    names nodes or edges the graph does not hold exits 3 with each problem
    located.

    \b
    Example:
        footback lesson
        footback lesson from-the-foot-up
        footback lesson my-lessons/arches.yaml
    """
    from graph.answers import lesson as find
    from graph.report import lessons_text

    G = state.graph
    answer = find(G, name)
    if as_json:
        _print_json(answer.to_dict(G))
    elif answer.index is not None:
        lessons_text(click.echo, answer.index)
    else:
        from graph.teaching.interactive import step_lesson

        interactive = sys.stdin.isatty() and sys.stdout.isatty()
        step_lesson(G, answer.steps(G), _stdin_reader() if interactive else None, click.echo)


@cli.command()
@graph_options
@click.option("--remove", "removes", multiple=True, metavar="NODE", shell_complete=_complete_node, help="Take NODE out of the graph (repeatable).")
@click.option("--treat", metavar="TREATMENT", default=None, shell_complete=_complete_node, help="Take out everything TREATMENT treats or helps prevent.")
@evidence_option
@json_option
@pass_state
def whatif(state: State, removes: tuple[str, ...], treat: str | None, as_json: bool) -> None:
    """Which symptoms lose causal paths when a node (or what a treatment acts on) is gone.

    Shows what is taken out (a symptom a treatment acts on loses all its
    causal paths from conditions), then each symptom further along that
    loses some or all of its paths, and which conditions no longer reach it.
    Exits 1 when nothing loses a causal path from a condition.

    \b
    Example:
        footback whatif --treat orthotics
        footback whatif --treat "good posture"
        footback whatif --remove "nerve compression"
    """
    from graph.answers import whatif as run_whatif
    from graph.report import whatif_json, whatif_text

    G = state.graph
    answer = run_whatif(G, removes, treat=treat)
    if as_json:
        _print_json(whatif_json(answer.result))
    else:
        whatif_text(click.echo, G, answer.result, treat=bool(treat))
    if not answer.losses:
        click.get_current_context().exit(1)


@cli.command("common-causes")
@graph_options
@click.argument("symptoms", nargs=-1, required=True, metavar="SYMPTOM...", shell_complete=_complete_node)
@evidence_option
@json_option
@pass_state
def common_causes(state: State, symptoms: tuple[str, ...], as_json: bool) -> None:
    """Rank conditions whose causal paths reach the most of the given symptoms.

    A teaching aid about the graph's structure, not a diagnosis.

    \b
    Example:
        footback common-causes "foot numbness" "leg weakness"
    """
    from graph.answers import common_causes as rank
    from graph.report import common_causes_json, common_causes_text

    G = state.graph
    wanted, ranked = rank(G, symptoms)
    if as_json:
        _print_json(common_causes_json(wanted, ranked))
    else:
        common_causes_text(click.echo, G, wanted, ranked, min_evidence=state.min_evidence)


@cli.command("evidence")
@graph_options
@click.argument("node", required=False, metavar="[NODE]")
@click.option("--level", type=click.Choice(LEVELS, case_sensitive=False), default=None, help="Only links rated exactly this level.")
@evidence_option
@json_option
@pass_state
def evidence_command(state: State, node: str | None, level: str | None, as_json: bool) -> None:
    """How sure research is of each link: level, a note in plain words, references.

    Lists the causes, treats and prevents links (of NODE, or of the whole
    graph), strongest evidence first. Levels, strongest first: established
    (textbook or guideline fact), supported (trials or reviews find an
    effect), association (seen together; which causes which is unknown),
    hypothesis (an idea with little or no data), contradicted (research or a
    guideline says otherwise).

    Exits 1 when no link matches.

    \b
    Example:
        footback evidence "flat feet"
        footback evidence --level contradicted
        footback evidence orthotics --json
    """
    from graph.answers import evidence
    from graph.report import evidence_json, evidence_text

    G = state.graph
    answer = evidence(G, node, level=level, min_evidence=state.min_evidence)
    if as_json:
        _print_json(evidence_json(G, answer.node, level, answer.links))
    elif answer.links:
        evidence_text(_out, G, answer.node, answer.links)
    _empty(answer.message)


class NodeName(click.ParamType):  # type: ignore[type-arg]
    """A node's name as typed; shell completion offers the ids of the graph's nodes
    whose id or label starts with what was typed (ids need no quoting)."""

    name = "node"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        return value

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        from graph.language.names import completions

        try:
            state = ctx.find_object(State) or State()
            G = state.graph
        except Exception:  # completion must never print a traceback into the shell
            return []
        return [CompletionItem(n, help=label) for n, label in completions(G, incomplete)]


# Every argument or option that names nodes completes node names.
_NODE_PARAMS = {"source", "target", "node", "via", "avoid", "focus", "path", "removes", "treat", "symptoms"}
for _command in cli.commands.values():
    for _param in _command.params:
        if _param.name in _NODE_PARAMS and isinstance(_param.type, click.types.StringParamType):
            _param.type = NodeName()


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    try:
        cli.main(args=argv, prog_name="footback")
    except BrokenPipeError:  # e.g. `footback list | head`
        sys.stderr.close()
        sys.exit(0)


if __name__ == "__main__":
    main()
