"""footback's one error hierarchy.

Every error a user can cause derives from :class:`FootbackError` and carries
the exit code the CLI uses for it, so one place (``cli.main``) maps errors to
exit codes:

====  =====================================================
code  meaning
====  =====================================================
0     answered with results
1     the question was valid but the answer is empty
2     bad command line, including unknown or ambiguous names
3     invalid graph data
====  =====================================================
"""

from __future__ import annotations

from dataclasses import dataclass

EXIT_OK = 0
EXIT_EMPTY = 1
EXIT_USAGE = 2
EXIT_DATA = 3


class FootbackError(Exception):
    """Base class of every error footback raises on purpose."""

    exit_code = EXIT_USAGE


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in graph data: where it is and what is wrong."""

    file: str
    line: int | None
    message: str
    record: str | None = None

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        rec = f" [{self.record}]" if self.record else ""
        return f"{where}:{rec} {self.message}"


class DataError(FootbackError):
    """Graph data is invalid. Holds every problem found, not just the first."""

    exit_code = EXIT_DATA

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("<data>", None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = sorted(problems, key=lambda p: (p.file, p.line or 0, p.message))
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in graph data"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))


class NameNotFound(FootbackError):
    """A node name matched nothing well enough."""

    def __init__(self, name: str, suggestions: list[str] | None = None, note: str = ""):
        self.name = name
        self.suggestions = suggestions or []
        msg = f"no node named {name!r}"
        if note:
            msg += f" ({note})"
        if self.suggestions:
            msg += "; did you mean: " + ", ".join(_quoted(self.suggestions)) + "?"
        super().__init__(msg)


def _quoted(ids: list[str]) -> list[str]:
    """Ids as they can be pasted into a shell (most need no quotes: ``flat-feet``)."""
    import shlex

    return [shlex.quote(str(i)) for i in ids]


class NotInGraph(NameNotFound):
    """A name of something the graph does not hold ("heel spur"): says so, and names
    the nearest node it does hold without pretending it is the same thing."""

    def __init__(self, name: str, note: str, nearest: str):
        FootbackError.__init__(self, f"{note} Nearest in this graph, not the same thing: {_quoted([nearest])[0]}")
        self.name, self.note, self.nearest = name, note, nearest
        self.suggestions = [nearest]


class AmbiguousName(FootbackError):
    """A node name matched several nodes equally well."""

    def __init__(self, name: str, candidates: list[str]):
        self.name = name
        self.candidates = candidates
        super().__init__(f"{name!r} is ambiguous; it matches: " + ", ".join(_quoted(candidates)))


class UnknownRelation(FootbackError):
    """A relation asked for that the graph does not hold (and footback does not define).

    ``known`` is the graph's relations, most used first; the message names
    at most :data:`SHOWN_RELATIONS` of them.
    """

    SHOWN_RELATIONS = 20

    def __init__(self, relation: str, known: list[str], suggestions: list[str] | None = None):
        self.relation = relation
        self.known = known
        self.suggestions = suggestions or []
        msg = f"no relation {relation!r} in this graph"
        if self.suggestions:
            msg += "; did you mean: " + ", ".join(self.suggestions) + "?"
        shown = known[: self.SHOWN_RELATIONS]
        more = len(known) - len(shown)
        listed = ", ".join(shown) + (f", and {more} more" if more else "") if shown else "none"
        super().__init__(f"{msg} (its relations: {listed})")


class NoPath(FootbackError):
    """A valid question with an empty answer (e.g. no path within the bounds)."""

    exit_code = EXIT_EMPTY


class ExportError(FootbackError):
    """An export target or option that cannot be used."""

    exit_code = EXIT_USAGE
