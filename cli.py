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
        self.min_evidence: str | None = None
        self._graph: Any = None

    def load(self, *, cache: bool = True) -> Any:
        """The graph, loaded on first use; YAML data through the cache unless ``cache=False``."""
        if self._graph is None and isinstance(self.graph_path, str):  # falkordb://HOST:PORT/NAME
            from graph.database import open_graph

            self._graph = open_graph(self.graph_path)
        if self._graph is None:
            from graph.cache import load_graph_for_life

            self._graph = load_graph_for_life(self.graph_path, self.graph_format, cache=cache)
        return self._graph

    @property
    def graph(self) -> Any:
        """The graph, keeping only links at or above ``--min-evidence`` when given."""
        G = self.load()
        if self.min_evidence is None:
            return G
        from graph.evidence import at_least

        return at_least(G, self.min_evidence)


pass_state = click.make_pass_decorator(State, ensure=True)


class FootbackError2Click(click.ClickException):
    """A library error shown as a one-line message with its exit code."""

    def __init__(self, err: FootbackError):
        super().__init__(str(err))
        self.exit_code = err.exit_code
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
        os.dup2(devnull, sys.__stdout__.fileno())
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
                    formatter.write_dl([(n, self.get_command(ctx, n).get_short_help_str(limit=1000)) for n in members])

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

    from graph.cache import _names_of, cached_names, load_graph_cached

    state = ctx.find_object(State) or State()
    try:
        names = cached_names(state.graph_path, state.graph_format)
        if names is None:
            names = _names_of(load_graph_cached(state.graph_path, state.graph_format))
    except Exception:  # a broken graph completes nothing; the command itself says why
        return []
    typed = incomplete.casefold()
    return [CompletionItem(n) for n in sorted(n for n in names if n.casefold().startswith(typed))[:200]]


class GraphSource(click.Path):
    """An existing file or folder, or a ``falkordb://HOST:PORT/NAME`` URL (kept as text)."""

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        if isinstance(value, str) and value.startswith(("falkordb://", "redis://", "rediss://")):
            return value
        return super().convert(value, param, ctx)


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
    from graph.build import summary
    from graph.grammar import count
    from graph.importers import import_notes

    G = state.load(cache=False)  # always check the data afresh
    counts = summary(G)
    n_nodes, n_edges = sum(counts["nodes"].values()), sum(counts["edges"].values())
    by_type = ", ".join(f"{v} {k}" for k, v in counts["nodes"].items())
    by_rel = ", ".join(f"{v} {k}" for k, v in counts["edges"].items())
    click.echo(f"valid: {count(n_nodes, 'node')} ({by_type}); {count(n_edges, 'edge')} ({by_rel})")
    for note in import_notes(G):
        click.echo(f"note: {note}")


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

    for path in write_artifacts(state.load(cache=False), out_dir):
        click.echo(f"wrote {path}")


class ExportCommand(click.Command):
    """``footback export --help`` ends with the formats, a line each."""

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from graph.export import FORMATS

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
    from graph.scaffold import init_data

    for path in init_data(folder):
        click.echo(f"wrote {path}")
    click.echo(f"Edit the YAML files (see {folder / 'README.md'}), then: footback validate --graph {_shell_quote(str(folder))}")


def _format_names() -> list[str]:
    from graph.export import FORMATS

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
    from graph.errors import NoPath
    from graph.export import FORMATS, export as run_export
    from graph.names import resolve, resolve_all
    from graph.query import neighbourhood

    if focus is None and click.get_current_context().get_parameter_source("radius") is not click.core.ParameterSource.DEFAULT:
        raise click.UsageError("--radius needs --focus NODE: it is the number of hops around NODE")
    G = state.graph
    options: dict[str, Any] = {}
    if path is not None:
        options["path"] = tuple(resolve_all(G, path))
    caps_itself = "max_nodes" in FORMATS[fmt].options  # e.g. html, with a note naming what it left out
    if focus is not None:
        cut = max_nodes
        if caps_itself:  # cut here as the page would (nearest, then most linked): no copy of the whole neighbourhood
            from graph.export.html import DEFAULT_MAX_NODES

            cut = None if path is not None else max_nodes or DEFAULT_MAX_NODES
        G, _ = neighbourhood(G, resolve(G, focus), radius=radius, max_nodes=cut, by_degree=caps_itself)
    if max_nodes is not None and caps_itself:
        options["max_nodes"] = max_nodes
    if str(out) == "-":  # text formats to standard output
        from graph.export import export_bytes

        try:
            data = export_bytes(G, fmt, **options)
        except NoPath:
            from graph.whynot import no_path_message

            raise NoPath(no_path_message(G, *options["path"])) from None
        _write_stdout(data)
        return
    try:
        written = run_export(G, fmt, out, replace_symlink=replace_symlink, **options)
    except NoPath:  # every format with --path: exit 1, saying why, nothing written
        from graph.whynot import no_path_message

        raise NoPath(no_path_message(G, *options["path"])) from None
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
    from graph.database import default_workdir, load, shown, streamed_source

    # A KGX graph is streamed from its files, never held whole in memory.
    source = streamed_source(state.graph_path, state.graph_format) if state.min_evidence is None else None
    done = load(None if source else state.graph, url, name, replace=replace, workdir=default_workdir(), source=source)
    click.echo(f"loaded {done['nodes']:,} nodes and {done['edges']:,} edges into {name!r} at {shown(url)} in {done['seconds']:.1f} s")
    click.echo(f"ask it with: footback --graph falkordb://{shown(url).split('://', 1)[1].rstrip('/')}/{name} ...")


# --- queries: paths, explain, causes, effects, treatments, show, search, list, stats (issue 3)

# Defaults of graph.query and graph.explain, repeated here so that importing
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


def _style(text: str, **styles: Any) -> str:
    """The only way to colour output (click.style's codes would be shown as escapes; see graph.present)."""
    from graph.present import style

    return style(text, **styles)


def _bold(text: str) -> str:
    return _style(text, bold=True)


def _dim(text: str) -> str:
    return _style(text, dim=True)


def _table(rows: list[list[str]], header: list[str] | None = None, styles: list[Any] | None = None, indent: str = "  ") -> None:
    """Print aligned columns; widths are measured before any colour is added."""
    all_rows = ([header] if header else []) + rows
    if not all_rows:
        return
    widths = [max(len(r[i]) for r in all_rows) for i in range(len(all_rows[0]))]
    last = len(widths) - 1
    if header:
        _out(indent + "  ".join(_dim(h.ljust(w) if i < last else h) for i, (h, w) in enumerate(zip(header, widths))))
    for row in rows:
        cells = []
        for i, (cell, w) in enumerate(zip(row, widths)):
            text = cell.ljust(w) if i < last else cell
            style = styles[i] if styles else None
            cells.append(style(text) if style else text)
        _out((indent + "  ".join(cells)).rstrip())


def json_option(f: Any) -> Any:
    """``--json``: the same flag, and the same promise, on every query command."""
    return click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON (shapes in the README).")(f)


class OpenTerm(click.ParamType):
    """A relation or node type: footback's own, or any the loaded graph holds.

    What a graph holds is known only once it is loaded, so the command checks
    it then (exit 2 naming the graph's own, as
    :func:`graph.query.check_relations` does for relations); shell completion
    offers footback's own (``model_attr`` of :mod:`graph.model`).
    """

    def __init__(self, name: str, model_attr: str, example: str) -> None:
        self.name, self.model_attr, self.example = name, model_attr, example

    def convert(self, value: Any, param: Any, ctx: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(f"give a {self.name}, e.g. {self.example}", param, ctx)
        from graph import model
        from graph.terms import canonical_term

        return canonical_term(value, getattr(model, self.model_attr)) or value  # "symptoms", "Located in"

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        from graph import model

        return [CompletionItem(t) for t in getattr(model, self.model_attr) if t.startswith(incomplete)]


def relation_option(what: str) -> Any:
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


def path_options(limit: int = DEFAULT_LIMIT) -> Any:
    """The bounds of a path search, shared by ``paths`` and ``explain``."""
    options = [
        click.option("--max-hops", type=click.IntRange(1, 100), default=DEFAULT_MAX_HOPS, show_default=True, help="Longest path, in steps."),
        click.option("--limit", type=click.IntRange(1, 10_000), default=limit, show_default=True, help="Most paths shown, shortest first."),
        click.option("--via", metavar="NODE", multiple=True, shell_complete=_complete_node, callback=_one_via, help="Only paths that pass through NODE (once)."),
        click.option("--avoid", metavar="NODE", multiple=True, shell_complete=_complete_node, help="Only paths that do not touch NODE (repeatable)."),
        relation_option("a path may follow"),
    ]

    def decorate(f: Any) -> Any:
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
    from graph.evidence import LEVELS

    return click.option(
        "--min-evidence",
        type=click.Choice(LEVELS, case_sensitive=False),
        default=None,
        expose_value=False,
        callback=_set_min_evidence,
        help="Keep only links research rates at least this sure (strongest first: " + ", ".join(LEVELS) + ").",
    )(f)


def _level(r: dict[str, Any]) -> str:
    """``[supported]`` for a record with evidence, ``[supported; route: hypothesis]`` when the
    causal route to what it acts on is known too (a treatment is no surer than its route)."""
    ev = r.get("evidence")
    route = r.get("route_evidence")
    if not ev:
        return f"[route: {route}{_weak_mark(route)}]" if route else ""
    return f"[{ev['level']}" + (f"; route: {route}{_weak_mark(route)}" if route else "") + "]"


def _weak_mark(level: str | None) -> str:
    """A warning after a level that a result should not be taught as fact on."""
    from graph.evidence import CONTRADICTED, WEAK

    if level not in WEAK:
        return ""
    return " (research says otherwise)" if level == CONTRADICTED else " (an untested idea)"


def _how_sure(e: dict[str, Any]) -> str:
    """``how sure: hypothesis. <note>`` for an edge record ("" when it has no evidence)."""
    ev = e.get("evidence")
    if not ev:
        return ""
    return f"how sure: {ev['level']}." + (f" {ev['note']}" if ev.get("note") else "")


def _min_evidence_hint(state: State) -> str:
    """Why a filtered answer may be empty: the filter, said plainly."""
    if state.min_evidence is None:
        return ""
    return f" with every link at least {state.min_evidence!r} (--min-evidence); the link the source draws rests on weaker evidence or none"


def depth_option(f: Any) -> Any:
    return click.option("--depth", type=click.IntRange(1), default=None, help="Go at most this many steps (default: all the way).")(f)


def _ref(G: Any, node: str, **extra: Any) -> dict[str, Any]:
    from graph.describe import node_ref

    return {**node_ref(G, node), **extra}


def _label(G: Any, node: str) -> str:
    return str(G.nodes[node].get("label") or node)


def _named(G: Any, node: str) -> str:
    """``Label (id)``, or just the id when the label says the same."""
    from graph.teaching import named

    return named(G, node)


def _steps(n: int) -> str:
    return f"{n} step" + ("" if n == 1 else "s")


def _hops(n: int) -> str:
    return f"{n} hop" + ("" if n == 1 else "s")


def _path_answer(state: State, source: str, target: str, max_hops: int, limit: int, via: str | None, avoid: tuple[str, ...], relations: tuple[str, ...], as_json: bool, explain: bool) -> tuple[Any, str, str, str | None, list[dict[str, Any]], bool]:
    """Resolve the names, then find at most ``limit`` paths (asking for one
    more tells whether there are more). With ``--json``, an empty answer is
    still printed as JSON before the exit-1 message."""
    from graph.errors import NoPath
    from graph.names import name_index, resolve

    G = state.graph
    # Exact ids need no index; building one costs seconds on a million-edge graph.
    named = [source, target, *([via] if via else []), *avoid]
    index = name_index(G) if any(n not in G for n in named) else {}
    s, t = resolve(G, source, index), resolve(G, target, index)
    v = resolve(G, via, index) if via else None
    if v in (s, t):
        v = None  # every path passes through its own ends
    a = [resolve(G, n, index) for n in avoid]
    if explain:
        from graph.explain import explain as find
    else:
        from graph.query import paths as find  # type: ignore[assignment]
    try:
        found = find(G, s, t, relations=relations, max_hops=max_hops, limit=limit + 1, via=v, avoid=a)
    except NoPath as err:
        from graph.whynot import no_path_message, why_no_path

        command = "explain" if explain else "paths"
        if as_json:
            if state.min_evidence is not None:  # the filter, not the source, left nothing: say so
                why = {"reason": "min_evidence", "text": (_min_evidence_hint(state) + _weaker_paths(state, s, t, relations, v, a, max_hops)).strip(), "reaches": [], "reached_from": []}
            else:
                why = why_no_path(G, s, t, relations=relations, max_hops=max_hops, via=v, avoid=a, command=command)
            _print_json({**_paths_json(G, s, t, [], False, explain), "why": {**why, "reaches": [_ref(G, n) for n in why["reaches"]], "reached_from": [_ref(G, n) for n in why["reached_from"]]}})
        if state.min_evidence is not None:
            raise NoPath(str(err) + _min_evidence_hint(state) + _weaker_paths(state, s, t, relations, v, a, max_hops)) from None
        head = str(err) if "joins tried" in str(err) else None
        raise NoPath(no_path_message(G, s, t, relations=relations, max_hops=max_hops, via=v, avoid=a, command=command, head=head)) from None
    from graph.query import PathList

    shown = PathList(found[:limit])
    shown.truncated = found.truncated  # the search ran out of work: more may exist
    return G, s, t, v, shown, len(found) > limit


def _weaker_paths(state: State, s: str, t: str, relations: tuple[str, ...], via: str | None, avoid: list[str], max_hops: int) -> str:
    """With --min-evidence: what the unfiltered graph holds between the two, and how sure its best path is."""
    from graph.errors import NoPath
    from graph.evidence import rank, weakest
    from graph.query import paths

    try:
        found = paths(state.load(), s, t, relations=relations, max_hops=max_hops, limit=20, via=via, avoid=avoid)
    except NoPath:
        return " (nor is there a path at any level of evidence within the bounds)"
    best = min((weakest(p["edges"]) for p in found), key=rank)
    n = len(found)
    return f" (without the filter there {'is 1 path' if n == 1 else f'are {n} paths' if n < 20 else 'are 20 or more paths'}; the best rests on a link rated {best or 'without evidence'})"


def _no_such_links(G: Any, relations: tuple[str, ...]) -> str:
    """When ``G`` holds none of ``relations``: which relations it holds (else "")."""
    from graph.query import graph_relations

    held = list(graph_relations(G))
    if not held or any(r in held for r in relations):
        return ""
    shown = ", ".join(held[:5]) + (", ..." if len(held) > 5 else "")
    return f" (this graph has no {', '.join(relations)} links; its relations: {shown}; choose with --relation)"


def _paths_json(G: Any, s: str, t: str, found: list[dict[str, Any]], more: bool, explain: bool = False) -> dict[str, Any]:
    out = []
    for p in found:
        record: dict[str, Any] = {
            "hops": p["hops"],
            "nodes": [_ref(G, n, **({"regions": p["regions"][n]} if explain else {})) for n in p["nodes"]],
            "edges": p["edges"],
        }
        if explain:
            record["text"] = p["text"]
        out.append(record)
    truncated = getattr(found, "truncated", None)
    doc: dict[str, Any] = {"source": _ref(G, s), "target": _ref(G, t), "paths": out, "more": more,
                           "truncated": truncated is not None, "truncated_reason": truncated}
    state = click.get_current_context().find_object(State)
    if state is not None and state.min_evidence:
        doc["min_evidence"] = state.min_evidence  # the answer keeps only links at least this sure
    if explain:
        from graph.teaching import disclaimer

        doc["disclaimer"] = disclaimer(G)
    return doc


def _path_heading(G: Any, s: str, t: str, n: int, more: bool, max_hops: int, relations: tuple[str, ...], via: str | None) -> str:
    what = "path" if n == 1 else "paths"
    rels = ", ".join(relations)
    through = f" through {_label(G, via)}" if via else ""
    state = click.get_current_context().find_object(State)
    sure = f", every link at least {state.min_evidence}" if state is not None and state.min_evidence else ""
    head = f"{n} {what} from {_bold(_label(G, s))} to {_bold(_label(G, t))}{through} ({rels} links, at most {_hops(max_hops)}{sure})"
    return head + ("; more exist: raise --limit to see them" if more else "") + ":"


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
    G, s, t, v, found, more = _path_answer(state, source, target, max_hops, limit, via, avoid, relations, as_json, explain=False)
    if as_json:
        _print_json(_paths_json(G, s, t, found, more))
        return
    from graph.grammar import agree
    from graph.model import RELATION_VERB

    _out(_path_heading(G, s, t, len(found), more, max_hops, relations, v))
    if found.truncated:
        _out(_dim(f"Cut short: {found.truncated}."))
    for i, p in enumerate(found, 1):
        _out()
        _out(f"{i}. " + f" {ARROW} ".join(_label(G, n) for n in p["nodes"]) + _dim(f"  ({_steps(p['hops'])})"))
        width = max(len(_label(G, e["source"])) for e in p["edges"])
        verbs = [agree(RELATION_VERB.get(e["relation"], e["relation"]), _label(G, e["source"])) for e in p["edges"]]
        vwidth = max(len(v) for v in verbs)
        for e, verb in zip(p["edges"], verbs):
            target = _label(G, e["target"])
            _out(f"   {_label(G, e['source']).ljust(width)}  {_style(verb.ljust(vwidth) if vwidth > len(verb) else verb, fg='cyan')}  {target}")
            section = _dim("[" + "; ".join(e["section"]) + "]") if e["section"] else ""
            evidence = "  ".join(part for part in (e["note"], section) if part)
            if evidence:  # imported graphs may carry neither
                _out(f"       {evidence}")
            if e.get("evidence"):
                _out(_wrap(_how_sure(e), indent="       "))


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
    G, s, t, _, found, more = _path_answer(state, source, target, max_hops, limit, via, avoid, relations, as_json, explain=True)
    if as_json:
        _print_json(_paths_json(G, s, t, found, more, explain=True))
        return
    from graph.explain import mention
    from graph.teaching import disclaimer

    how = "can lead to" if tuple(relations) == ("causes",) else "connects to"
    _out(_bold(f"How {mention(G, s)} {how} {mention(G, t)}"))
    n = len(found)
    if more:
        counted = (f"The {n} shortest paths" if n > 1 else "The shortest path") + f" within {_hops(max_hops)} (there are more: raise --limit)"
    else:
        counted = f"All {n} paths within {_hops(max_hops)}" if n > 1 else f"The only path within {_hops(max_hops)}"
    if found.truncated:
        counted = (f"The {n} shortest paths" if n > 1 else "The shortest path") + f" found within {_hops(max_hops)} before the search was cut short: {found.truncated}"
    _out(_dim(counted))
    for i, p in enumerate(found, 1):
        _out()
        _out(_bold(f"{i}. " + f" {ARROW} ".join(_label(G, x) for x in p["nodes"])))
        for step in p["text"].splitlines():
            _out(_wrap(step, indent="   "))
    _out()
    _out(_dim(_wrap(disclaimer(G))))


def _reach(state: State, node: str, depth: int | None, relations: tuple[str, ...], as_json: bool, upstream: bool) -> None:
    from graph.errors import NoPath
    from graph.model import CAUSES
    from graph.names import resolve
    from graph.query import downstream as down
    from graph.query import upstream as up

    from graph.evidence import among, chain_levels, has_evidence

    G = state.graph
    n = resolve(G, node)
    found = (up if upstream else down)(G, n, depth=depth, relations=relations)
    key = "causes" if upstream else "effects"
    # How sure the best chain between NODE and each answer is (as strong as its weakest link),
    # read off the answer's own nodes only: a graph of millions of links is not walked again.
    reached = among(G, [n, *(m for m, _ in found)]) if found else None
    levels = chain_levels(reached, [n], relations, reverse=upstream) if reached is not None and has_evidence(reached) else {}
    within = f" within {_steps(depth)}" if depth else ""
    if tuple(relations) == (CAUSES,):
        empty = (f"nothing in the graph leads to {_named(G, n)}" if upstream else f"{_named(G, n)} leads to nothing in the graph") + within
        title = f"What can lead to {_bold(_named(G, n))}" if upstream else f"What {_bold(_named(G, n))} can lead to"
    else:
        along = f" along {', '.join(relations)} links"
        empty = (f"nothing in the graph reaches {_named(G, n)}" if upstream else f"{_named(G, n)} reaches nothing in the graph") + along + within
        title = (f"What reaches {_bold(_named(G, n))}" if upstream else f"What {_bold(_named(G, n))} reaches") + along
    if not found:
        from graph.whynot import region_hint

        empty += _no_such_links(G, relations) or (region_hint(G, n, "causes" if upstream else "effects") if tuple(relations) == (CAUSES,) else "")
        empty += _min_evidence_hint(state)
    if as_json:
        _print_json({"node": _ref(G, n), key: [_ref(G, m, distance=d, evidence=levels.get(m)) for m, d in found]})
    elif found:
        _out(f"{title}{within}, nearest first:")
        if levels:
            _table([[str(d), _label(G, m), G.nodes[m].get("type", ""), levels.get(m, ""), m] for m, d in found], ["steps", "label", "type", "best chain", "id"], [None, _bold, None, None, _dim])
            _out(_dim("best chain: how sure research is of the strongest chain of links between them (a chain is as sure as its weakest link)"))
        else:
            _table([[str(d), _label(G, m), G.nodes[m].get("type", ""), m] for m, d in found], ["steps", "label", "type", "id"], [None, _bold, None, _dim])
    if not found:
        raise NoPath(empty)


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
    from graph.errors import NoPath
    from graph.names import resolve
    from graph.query import treatments
    from graph.teaching import disclaimer

    G = state.graph
    n = resolve(G, node)
    found = treatments(G, n)
    if as_json:
        _print_json(
            {
                "node": _ref(G, n),
                "treatments": [
                    _ref(G, r["treatment"], acts_on=_ref(G, r["acts_on"]), relation=r["relation"], position=r["position"], distance=r["distance"], direct=r["position"] == "direct", note=r["note"], section=r["section"], evidence=r["evidence"], route_evidence=r["route_evidence"])
                    for r in found
                ],
                "disclaimer": disclaimer(G),
            }
        )
    elif found:
        verbs = {"treats": "treats", "prevents": "helps prevent"}
        direct = [r for r in found if r["position"] == "direct"]
        _out(f"Treatments {'for' if direct else 'linked to'} {_bold(_named(G, n))}:")
        upstream = [r for r in found if r["position"] == "upstream"]
        further = [r for r in found if r["position"] == "downstream"]
        if direct:
            _out()
            _out("Directly:")
            _table([[_label(G, r["treatment"]), verbs.get(r["relation"], r["relation"]), _label(G, r["acts_on"]), _level(r)] for r in direct], styles=[_bold, None, None, None])
        if upstream:
            _out()
            _out(f"Upstream, on something that can lead to {_label(G, n)}:")
            _table(
                [[_label(G, r["treatment"]), verbs.get(r["relation"], r["relation"]), _label(G, r["acts_on"]), f"{_steps(r['distance'])} before", _level(r)] for r in upstream],
                styles=[_bold, None, None, _dim, None],
            )
        if further:
            _out()
            _out(f"Further along, on something {_label(G, n)} can lead to (not on {_label(G, n)} itself):")
            _table(
                [[_label(G, r["treatment"]), verbs.get(r["relation"], r["relation"]), _label(G, r["acts_on"]), f"{_steps(r['distance'])} after", _level(r)] for r in further],
                styles=[_bold, None, None, _dim, None],
            )
        if any(r["evidence"] for r in found):
            _out()
            _out(_dim("[level]: how sure research is of the treatment's link; route: of the best causal chain between it and " + _label(G, n) + "; see: footback evidence " + _shell_quote(_label(G, n))))
        _out()
        _out(_dim(_wrap(disclaimer(G))))
    if not found:
        raise NoPath(f"the graph names no treatment for {_named(G, n)} or anything linked to it by causes" + _min_evidence_hint(state))


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
    from graph.describe import describe
    from graph.grammar import agree
    from graph.model import RELATION_VERB
    from graph.names import resolve

    G = state.graph
    d = describe(G, resolve(G, node))
    hidden = 0
    if state.min_evidence is not None:  # say what the filter left out, never an unexplained "none"
        full = state.load()
        hidden = full.in_degree(d["id"]) + full.out_degree(d["id"]) - (G.in_degree(d["id"]) + G.out_degree(d["id"]))
        d["hidden_by_min_evidence"] = hidden
    if as_json:
        _print_json(d)
        return
    _out(f"{_bold(d['label'])}  " + _dim(f"{d['id']}, {d['type']}"))
    if "red_flag" in d:
        care = "; ".join(f"{c['treatment']['label']} for {c['for']['label']}" for c in d["red_flag"]["urgent_care"])
        _out(_wrap("RED FLAG: a warning sign that needs urgent care" + (f" ({care})." if care else "."), indent="  "))
    if d["description"]:
        _out(_wrap(d["description"], indent="  "))
    facts = []
    if d["synonyms"]:
        facts.append(["also called", ", ".join(d["synonyms"])])
    if d["codes"]:
        facts.append(["codes", ", ".join(d["codes"])])
    for r in d["regions"]:
        within = "".join(f" {ARROW} {w['label']}" for w in r["within"])
        facts.append(["sits in", r["label"] + within])
    if facts:
        _out()
        _facts(facts)
    for title, links, arrow in (("Links out", d["out"], True), ("Links in", d["in"], False)):
        _out()
        _out(f"{title} ({len(links)}):" if links else f"{title}: none")
        for link in links:
            verb = RELATION_VERB.get(link["relation"], link["relation"])
            other = link["node"]["label"]
            said = f"{agree(verb, d['label'])} {other}" if arrow else f"{other} {agree(verb, other)} {d['label']}"
            _out(f"  {_bold(said)}")
            section = _dim(" [" + "; ".join(link["section"]) + "]") if link["section"] else ""
            _out(_wrap(link["note"], indent="      ") + section)
            if link.get("evidence") and link["relation"] in ("causes", "treats", "prevents"):
                _out(_wrap(_how_sure(link), indent="      "))
    if hidden:
        _out()
        _out(_dim(f"{hidden} more link{'' if hidden == 1 else 's'} hidden: research rates {'it' if hidden == 1 else 'them'} below {state.min_evidence!r} (--min-evidence)"))


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
    from graph.errors import NoPath
    from graph.names import normalize
    from graph.search import PHRASE_SCORE, search
    from graph.words import not_in_graph

    if not normalize(text):
        raise click.BadParameter("give a word or name to search for", param_hint="TEXT")
    G = state.graph
    found = search(G, text, limit=limit)
    absent = not_in_graph(G, text) if not any(m["score"] >= PHRASE_SCORE for m in found) else None
    if absent:  # "heel spur": say so (exit 1), and name the nearest thing the graph holds
        found = []
    if as_json:
        _print_json({"query": text, "matches": [_ref(G, m["id"], score=m["score"], field=m["field"], text=m["text"]) for m in found],
                     **({"not_in_graph": {"note": absent["note"], "nearest": _ref(G, absent["nearest"])}} if absent else {})})
    elif found:
        _out(f"{len(found)} match{'es' if len(found) != 1 else ''} for {text!r}:")
        rows = []
        for m in found:
            how = f"{m['field']}: {m['text']}" if m["field"] == "synonym" else m["field"]
            rows.append([f"{m['score']:g}", _label(G, m["id"]), G.nodes[m["id"]].get("type", ""), m["id"], how])
        _table(rows, ["score", "label", "type", "id", "matched"], [None, _bold, None, None, _dim])
    if absent:
        raise NoPath(f"{absent['note']} Nearest in this graph, not the same thing: {_label(G, absent['nearest'])} (footback show {_shell_quote(absent['nearest'])})")
    if not found:
        raise NoPath(f"nothing matches {text!r}")


def _wrap(text: str, width: int = 88, indent: str = "", hang: str | None = None) -> str:
    """``text`` filled to ``width``; later lines indented by ``hang`` (default: ``indent``)."""
    import textwrap

    return textwrap.fill(" ".join(text.split()), width=width, initial_indent=indent, subsequent_indent=indent if hang is None else hang)


@cli.command("list")
@graph_options
@click.option("--type", "node_type", type=OpenTerm("node type", "NODE_TYPES", "condition"), metavar="TYPE", default=None, help="Only nodes of this type: condition, mechanism, symptom, body_region, treatment, or any other the graph holds.")
@json_option
@pass_state
def list_command(state: State, node_type: str | None, as_json: bool) -> None:
    """Every node (or every node of one type): id, type and label.

    \b
    Example:
        footback list --type condition
        footback list --json
    """
    from graph.describe import list_nodes
    from graph.errors import NoPath

    from graph.model import NODE_TYPES

    G = state.graph
    if node_type is not None and node_type not in NODE_TYPES:
        from graph.terms import canonical_term

        held = sorted({str(t) for _, t in G.nodes(data="type") if t is not None})
        node_type = canonical_term(node_type, held) or node_type
        if node_type not in held:
            raise click.BadParameter(f"{node_type!r} is not a type of this graph (types: {', '.join(held) or 'none'})", param_hint="'--type'")
    found = list_nodes(G, node_type)
    if as_json:
        _print_json({"nodes": [_ref(G, n) for n in found]})
    elif found:
        _table([[n, G.nodes[n].get("type", ""), _label(G, n)] for n in found], ["id", "type", "label"], [None, _dim, _bold], indent="")
    if not found:
        raise NoPath(f"no {node_type} nodes in this graph" if node_type else "this graph has no nodes")


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
    from graph.describe import stats

    G = state.graph
    st = stats(G)
    causal = st["causal"]
    if as_json:
        causal = {
            **causal,
            "longest_chain": None if causal["longest_chain"] is None else [_ref(G, n) for n in causal["longest_chain"]],
            "most_connected": [_ref(G, n, degree=d) for n, d in causal["most_connected"]],
        }
        _print_json({**st, "causal": causal})
        return
    title = (G.graph.get("about") or {}).get("title") or "Graph"
    _out(_bold(str(title)))
    nodes, edges = dict(st["nodes"]), dict(st["edges"])
    _table(
        [
            ["nodes", str(nodes.pop("total")), _first(f"{v} {k}" for k, v in nodes.items())],
            ["links", str(edges.pop("total")), _first(f"{v} {k}" for k, v in edges.items())],
            ["parts", str(st["components"]), "connected part" + ("" if st["components"] == 1 else "s") + (f"; unlinked: {_first(st['isolated'])}" if st["isolated"] else "")],
        ],
        styles=[_dim, None, None],
    )
    cited = [s for s in st["sources"] if s["edges"]]
    references = [s for s in st["sources"] if not s["edges"] and s["evidence_for"]]
    if cited:
        _out()
        _out("Sources:")
        _table(
            [[s["id"], s["title"], f"{s['edges']} link" + ("" if s["edges"] == 1 else "s"), f"{s['sections_cited']} of {s['sections']} sections cited" if s["sections"] else ""] for s in cited],
            styles=[_dim, _bold, None, None],
        )
    if st["evidence"]:
        _out()
        _out("How sure research is of the claim links (footback evidence lists them):")
        _table([[level, str(n)] for level, n in st["evidence"].items()], styles=[_bold, None])
        if references:
            _out(f"  resting on {len(references)} research references ({sum(s['kind'] == 'guideline' for s in references)} a guideline)")
    _out()
    _out(f"Causal links ({causal['edges']}):")
    rows = [
        ["start points", f"{len(causal['starts'])}: " + _first(_label(G, n) for n in causal["starts"])],
        ["end points", f"{len(causal['ends'])}: " + _first(_label(G, n) for n in causal["ends"])],
    ]
    if causal["longest_chain"]:
        rows.append(["longest chain", f"{_steps(len(causal['longest_chain']) - 1)}: " + f" {ARROW} ".join(_label(G, n) for n in causal["longest_chain"])])
    elif not causal["acyclic"]:
        rows.append(["cycles", "yes: some things can lead back to themselves"])
    if causal["most_connected"]:
        rows.append(["most linked", ", ".join(f"{_label(G, n)} ({d})" for n, d in causal["most_connected"])])
    _facts(rows)


#: Most names (or counts) ``stats`` prints in one row: it is a summary (--json lists all).
STATS_NAMES = 12


def _first(items: Any, most: int = STATS_NAMES) -> str:
    """The first ``most`` items joined by commas, then how many more there are."""
    items = list(items)
    more = f", and {len(items) - most:,} more" if len(items) > most else ""
    return ", ".join(str(i) for i in items[:most]) + more


def _facts(rows: list[list[str]], width: int = 88) -> None:
    """``key  value`` lines, keys aligned, long values wrapped under themselves."""
    import textwrap

    keys = max(len(k) for k, _ in rows)
    for key, value in rows:
        lines = textwrap.wrap(value, width=width - keys - 4) or [""]
        _out(f"  {_dim(key.ljust(keys))}  {lines[0]}")
        for line in lines[1:]:
            _out(" " * (keys + 4) + line)


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


_QUIZ_KINDS = ("middle", "leads-to", "where", "treatment", "root", "sign", "evidence", "red-flag")  # graph.quiz.KINDS, without importing it at startup


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
    import random

    from graph.interactive import print_sheet, run_quiz
    from graph.quiz import generate, shortfall
    from graph.teaching import disclaimer

    if seed is None:
        seed = random.SystemRandom().randrange(10_000)
    from graph.quiz import NoQuestions

    G = state.graph
    try:
        questions = generate(G, count=count, seed=seed, kinds=kinds or None)
    except NoQuestions as err:
        if as_json:  # an empty answer is still JSON, as for paths
            _print_json({"seed": seed, "disclaimer": disclaimer(G), "requested": count, "note": str(err), "questions": []})
        raise
    note = shortfall(len(questions), count, kinds)
    if as_json:
        _print_json(
            {"seed": seed, "disclaimer": disclaimer(G), "requested": count, "note": note,
             "questions": [q.to_dict(G) for q in questions]}
        )
    elif printable:
        print_sheet(G, questions, click.echo, seed=seed, note=note)
    else:
        run_quiz(G, questions, _stdin_reader(), click.echo, seed=seed, note=note)


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
    from graph.errors import DataError
    from graph.interactive import step_lesson
    from graph.lessons import find_lesson, lesson_files, load_lesson, peek_title, render

    G = state.graph
    if name is None:
        rows = []
        for f in lesson_files():
            try:
                one = load_lesson(G, f)
                rows.append({"name": one.name, "title": one.title, "steps": len(one.steps), "problems": 0})
            except DataError as err:
                rows.append({"name": f.stem, "title": peek_title(f), "steps": None, "problems": len(err.problems)})
        if as_json:
            _print_json(rows)
            return
        width = max((len(r["name"]) for r in rows), default=0)
        for r in rows:
            what = _steps(r["steps"]) if r["problems"] == 0 else f"does not fit this graph: {r['problems']} problem" + ("" if r["problems"] == 1 else "s")
            click.echo(f"{r['name']:<{width}}  {r['title']} ({what})")
        click.echo("Step through one with: footback lesson NAME")
        return
    one = load_lesson(G, find_lesson(name))
    if as_json:
        _print_json(one.to_dict(G))
        return
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    step_lesson(G, render(G, one), _stdin_reader() if interactive else None, click.echo)


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
    from graph.model import PREVENTS, RELATION_VERB, TREATS
    from graph.names import resolve, resolve_all
    from graph.teaching import NOT_ADVICE, label
    from graph.whatif import has_losses
    from graph.whatif import whatif as run_whatif

    G = state.graph
    result = run_whatif(G, resolve_all(G, removes), treat=resolve(G, treat) if treat else None)
    lost = has_losses(result)
    if as_json:
        _print_json({**result, "disclaimer": NOT_ADVICE})
    else:

        def counts(r: dict[str, Any], after: Any) -> str:
            if r["paths_before"] is None or after is None:
                return ""
            if not r["exact"]:  # the counting stopped at its budget: lower bounds
                return f" (at least {r['paths_before']} {ARROW} at least {after}: counting stopped at its step budget)"
            return f" ({r['paths_before']} {ARROW} {after})"

        def names(ids: list[str]) -> str:
            return ", ".join(label(G, n) for n in ids)

        if treat:
            acts = [
                f"{RELATION_VERB[rel]}: " + names([r["node"] for r in result["taken_out"] if rel in r["relations"]])
                for rel in (TREATS, PREVENTS)
                if any(rel in r["relations"] for r in result["taken_out"])
            ]
            others = [r["node"] for r in result["taken_out"] if not r["relations"]]
            gone = f" and {names(others)} were gone" if others else ""
            click.echo(f"What if {label(G, result['treatment'])} worked{gone}? It {'; it '.join(acts)}.")
        else:
            click.echo(f"What if {names(result['removed'])} were gone?")
        if not lost:
            click.echo("No symptom loses a causal path from a condition.")
        else:
            click.echo("\n" + ("Acted on directly:" if treat else "Taken out:"))
            for r in result["taken_out"]:
                kind = str(r["type"] or "node").replace("_", " ")
                if r["conditions_lost"]:
                    click.echo(f"\n{label(G, r['node'])} ({kind}): loses all its causal paths{counts(r, 0)}")
                    click.echo("  no longer reached from: " + names(r["conditions_lost"]))
                else:
                    click.echo(f"\n{label(G, r['node'])} ({kind}): no condition leads to it")
                if r.get("evidence"):
                    click.echo(f"  how sure that {label(G, result['treatment'])} acts on it: {r['evidence']}" + _weak_mark(r["evidence"]))
            if result["symptoms"]:
                click.echo("\nFurther along the causal links:")
            else:
                click.echo("\nFurther along the causal links, no other symptom loses a causal path.")
            for r in result["symptoms"]:
                how = "loses all its causal paths" if r["status"] == "all" else "loses some causal paths"
                click.echo(f"\n{label(G, r['symptom'])}: {how}{counts(r, r['paths_after'])}")
                if r["conditions_lost"]:
                    click.echo("  no longer reached from: " + names(r["conditions_lost"]))
                if r["conditions_left"]:
                    click.echo("  still reached from: " + names(r["conditions_left"]))
                if r.get("evidence"):
                    click.echo(f"  how sure this loss is (its best chain from what was taken out): {r['evidence']}" + _weak_mark(r["evidence"]))
        click.echo(f"\n{NOT_ADVICE} This shows how the graph's links depend on each other; it does not predict what a treatment does for a person.")
    if not lost:
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
    from graph.names import resolve_all
    from graph.teaching import chain_text, label
    from graph.whatif import common_causes as rank

    G = state.graph
    # Two names for one symptom ("back pain", "lower back pain") count once.
    wanted = list(dict.fromkeys(resolve_all(G, symptoms)))
    ranked = rank(G, wanted)
    note = "Teaching aid, not a diagnosis: these are the graph's causal paths, and only a clinician can say what causes a person's symptoms."
    if as_json:
        _print_json({"symptoms": wanted, "note": note, "conditions": ranked})
        return
    click.echo(note)
    for i, r in enumerate(ranked, 1):
        click.echo(f"\n{i}. {label(G, r['condition'])}: reaches {len(r['reaches'])} of {len(wanted)}")
        for s in r["reaches"]:
            p = r["paths"][s]
            sure = f"  [weakest link: {p['evidence']}{_weak_mark(p['evidence'])}]" if p.get("evidence") else ""
            click.echo(f"   {chain_text(G, p['nodes'])}{sure}")
        if r["misses"]:
            at = f" with every link at least {state.min_evidence}" if state.min_evidence else ""
            click.echo(f"   no causal path{at} to: " + ", ".join(label(G, s) for s in r["misses"]))


@cli.command("evidence")
@graph_options
@click.argument("node", required=False, metavar="[NODE]")
@click.option("--level", type=click.Choice(("established", "supported", "association", "hypothesis", "contradicted"), case_sensitive=False), default=None, help="Only links rated exactly this level.")
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
    from graph.errors import NoPath
    from graph.evidence import MEANING, links, references
    from graph.names import resolve
    from graph.teaching import disclaimer

    G = state.graph
    n = resolve(G, node) if node else None
    found = links(G, n, level=level)
    if as_json:
        _print_json(
            {
                "node": _ref(G, n) if n is not None else None,
                "level": level.lower() if level else None,
                "links": [
                    {**e, "source": _ref(G, e["source"]), "target": _ref(G, e["target"]),
                     "references": references(G, (e["evidence"] or {}).get("refs", []))}
                    for e in found
                ],
                "disclaimer": disclaimer(G),
            }
        )
    elif found:
        from graph.model import RELATION_VERB

        where = f" of {_bold(_named(G, n))}" if n is not None else ""
        _out(f"How sure research is of each link{where}, strongest first:")
        shown_level: str | None = "-"
        for e in found:
            lv = (e["evidence"] or {}).get("level")
            if lv != shown_level:
                shown_level = lv
                _out()
                _out(_bold(f"{lv}: {MEANING[lv]}") if lv else _bold("no evidence given"))
            verb = RELATION_VERB.get(e["relation"], e["relation"])
            _out(f"  {_label(G, e['source'])} {verb} {_label(G, e['target'])}")
            if e["evidence"]:
                if e["evidence"]["note"]:
                    _out(_wrap(e["evidence"]["note"], indent="      "))
                for ref in references(G, e["evidence"]["refs"]):
                    _out(_dim(_wrap(ref.get("reference", ref["id"]), indent="      - ", hang="        ")))
        _out()
        _out(_dim(_wrap(disclaimer(G))))
    if not found:
        what = f" of {_named(G, n)}" if n is not None else ""
        rated = f" rated {level.lower()}" if level else ""
        raise NoPath(f"no causes, treats or prevents link{what}{rated}" + _min_evidence_hint(state))


class NodeName(click.ParamType):
    """A node's name as typed; shell completion offers the ids of the graph's nodes
    whose id or label starts with what was typed (ids need no quoting)."""

    name = "node"

    def convert(self, value: Any, param: Any, ctx: Any) -> Any:
        return value

    def shell_complete(self, ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
        from click.shell_completion import CompletionItem

        from graph.names import normalize

        try:
            state = ctx.find_object(State) or State()
            G = state.graph
        except Exception:  # completion must never print a traceback into the shell
            return []
        typed = normalize(incomplete)
        found = [n for n in G.nodes if str(n).startswith(incomplete) or (typed and normalize(G.nodes[n].get("label") or "").startswith(typed))]
        return [CompletionItem(str(n), help=str(G.nodes[n].get("label") or "")) for n in sorted(found, key=str)]


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
