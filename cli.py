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

    def load(self, *, cache: bool = True) -> Any:
        """The graph, loaded on first use; YAML data through the cache unless ``cache=False``."""
        if self._graph is None:
            from graph.cache import load_graph_cached

            self._graph = load_graph_cached(self.graph_path, self.graph_format, cache=cache)
        return self._graph

    @property
    def graph(self) -> Any:
        return self.load()


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
        if isinstance(self.error, NameNotFound) and not self.error.suggestions:
            message += f" (try: footback search {_shell_quote(self.error.name)})"
        # An empty answer is not an error: say so plainly, still on stderr.
        prefix = "footback: " if self.exit_code == EXIT_EMPTY else "footback: error: "
        click.echo(prefix + message, err=True)


def _shell_quote(text: str) -> str:
    import shlex

    return shlex.quote(text)


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

    counts = summary(state.load(cache=False))  # always check the data afresh
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

    for path in write_artifacts(state.load(cache=False), out_dir):
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
@click.option("--max-nodes", type=click.IntRange(1), default=None, help="Most nodes kept, nearest to --focus first (html: 500 unless given).")
@pass_state
def export(state: State, fmt: str, out: Path, path: tuple[str, str] | None, focus: str | None, radius: int, max_nodes: int | None) -> None:
    """Write the graph (or a neighbourhood of it) in another format.

    \b
    Example:
        footback export json -o graph.json
        footback export json --focus sciatica --radius 1 -o sciatica.json
    """
    from graph.export import FORMATS, export as run_export
    from graph.names import resolve, resolve_all
    from graph.query import neighbourhood

    G = state.graph
    options: dict[str, Any] = {}
    if path is not None:
        options["path"] = tuple(resolve_all(G, path))
    if focus is not None:
        G, _ = neighbourhood(G, resolve(G, focus), radius=radius, max_nodes=max_nodes)
    if max_nodes is not None and "max_nodes" in FORMATS[fmt].options:
        options["max_nodes"] = max_nodes  # e.g. html caps any graph, with a note of what it left out
    click.echo(f"wrote {run_export(G, fmt, out, **options)}")


# --- teaching tools: quiz, lessons, what-if, common causes (issue 6) ---------

def _echo_json(data: Any) -> None:
    import json

    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


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


_QUIZ_KINDS = ("middle", "leads-to", "where", "treatment")  # graph.quiz.KINDS, without importing it at startup


@cli.command()
@graph_options
@click.option("-n", "--count", type=click.IntRange(1, 1000), default=10, show_default=True, help="How many questions.")
@click.option("--seed", type=int, default=None, help="The same seed gives the same quiz (default: a fresh seed, shown).")
@click.option("--kind", "kinds", multiple=True, type=click.Choice(_QUIZ_KINDS), help="Ask only this kind of question (repeatable).")
@click.option("--print", "printable", is_flag=True, help="Print a question sheet and an answer key instead of asking.")
@click.option("--json", "as_json", is_flag=True, help="Print the questions and answers as JSON.")
@pass_state
def quiz(state: State, count: int, seed: int | None, kinds: tuple[str, ...], printable: bool, as_json: bool) -> None:
    """A multiple-choice quiz generated from the graph.

    Kinds: the hidden middle step of a causal chain (middle), which of these
    can lead to a symptom (leads-to), where in the body something sits
    (where), which treatment acts on something (treatment). After each
    answer: right or wrong, the chain and its source; the score at the end.
    Answers may be piped in; input that ends early shows the score so far.

    \b
    Example:
        footback quiz --count 5 --seed 7
        footback quiz --kind middle --print --seed 1 > sheet.txt
    """
    import random

    from graph.interactive import print_sheet, run_quiz
    from graph.quiz import generate
    from graph.teaching import disclaimer

    if seed is None:
        seed = random.SystemRandom().randrange(10_000)
    G = state.graph
    questions = generate(G, count=count, seed=seed, kinds=kinds or None)
    if as_json:
        _echo_json({"seed": seed, "disclaimer": disclaimer(G), "questions": [q.to_dict(G) for q in questions]})
    elif printable:
        print_sheet(G, questions, click.echo, seed=seed)
    else:
        run_quiz(G, questions, _stdin_reader(), click.echo, seed=seed)


@cli.command()
@graph_options
@click.argument("name", required=False, metavar="[NAME]")
@click.option("--json", "as_json", is_flag=True, help="Print the lesson (or the list) as JSON.")
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
            _echo_json(rows)
            return
        width = max((len(r["name"]) for r in rows), default=0)
        for r in rows:
            what = f"{r['steps']} steps" if r["problems"] == 0 else f"does not fit this graph: {r['problems']} problems"
            click.echo(f"{r['name']:<{width}}  {r['title']} ({what})")
        click.echo("Step through one with: footback lesson NAME")
        return
    one = load_lesson(G, find_lesson(name))
    if as_json:
        _echo_json(one.to_dict(G))
        return
    interactive = sys.stdin.isatty() and sys.stdout.isatty()
    step_lesson(G, render(G, one), _stdin_reader() if interactive else None, click.echo)


@cli.command()
@graph_options
@click.option("--remove", "removes", multiple=True, metavar="NODE", help="Take NODE out of the graph (repeatable).")
@click.option("--treat", metavar="TREATMENT", default=None, help="Take out everything TREATMENT treats or helps prevent.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@pass_state
def whatif(state: State, removes: tuple[str, ...], treat: str | None, as_json: bool) -> None:
    """Which symptoms lose causal paths when a node (or what a treatment acts on) is gone.

    Shows, for each symptom reached from a condition, whether it loses some
    or all of its causal paths and which conditions no longer reach it.
    Exits 1 when no symptom is affected.

    \b
    Example:
        footback whatif --treat orthotics
        footback whatif --remove "nerve compression"
    """
    from graph.names import resolve, resolve_all
    from graph.teaching import NOT_ADVICE, label
    from graph.whatif import whatif as run_whatif

    G = state.graph
    result = run_whatif(G, resolve_all(G, removes), treat=resolve(G, treat) if treat else None)
    if as_json:
        _echo_json({**result, "disclaimer": NOT_ADVICE})
    else:
        names = ", ".join(label(G, n) for n in result["removed"])
        if treat:
            click.echo(f"What if {label(G, result['treatment'])} worked? It acts on: {names}.")
        else:
            click.echo(f"What if {names} were gone?")
        if not result["symptoms"]:
            click.echo("No symptom loses a causal path from a condition.")
        for r in result["symptoms"]:
            how = "loses all its causal paths" if r["status"] == "all" else "loses some causal paths"
            counts = f"{r['paths_before']} {chr(0x2192)} {r['paths_after']}" + ("" if r["exact"] else ", at least")
            click.echo(f"\n{label(G, r['symptom'])}: {how} ({counts})")
            if r["conditions_lost"]:
                click.echo("  no longer reached from: " + ", ".join(label(G, c) for c in r["conditions_lost"]))
            if r["conditions_left"]:
                click.echo("  still reached from: " + ", ".join(label(G, c) for c in r["conditions_left"]))
        click.echo(f"\n{NOT_ADVICE} This shows how the graph's links depend on each other; it does not predict what a treatment does for a person.")
    if not result["symptoms"]:
        click.get_current_context().exit(1)


@cli.command("common-causes")
@graph_options
@click.argument("symptoms", nargs=-1, required=True, metavar="SYMPTOM...")
@click.option("--json", "as_json", is_flag=True, help="Print the ranking as JSON.")
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
    wanted = resolve_all(G, symptoms)
    ranked = rank(G, wanted)
    note = "Teaching aid, not a diagnosis: these are the graph's causal paths, and only a clinician can say what causes a person's symptoms."
    if as_json:
        _echo_json({"symptoms": wanted, "note": note, "conditions": ranked})
        return
    click.echo(note)
    for i, r in enumerate(ranked, 1):
        click.echo(f"\n{i}. {label(G, r['condition'])}: reaches {len(r['reaches'])} of {len(wanted)}")
        for s in r["reaches"]:
            p = r["paths"][s]
            click.echo(f"   {chain_text(G, p['nodes'])}")
        if r["misses"]:
            click.echo("   no causal path to: " + ", ".join(label(G, s) for s in r["misses"]))


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point."""
    try:
        cli.main(args=argv, prog_name="footback")
    except BrokenPipeError:  # e.g. `footback list | head`
        sys.stderr.close()
        sys.exit(0)


if __name__ == "__main__":
    main()
