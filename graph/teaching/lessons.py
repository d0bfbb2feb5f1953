"""Lessons: teacher-written guided tours through the graph.

A lesson is a small YAML file::

    title: From the foot up
    summary: How a problem in the foot can end as an aching lower back.
    steps:
      - node: flat-feet
        text: Start with the foot itself ...
      - title: The arch gives way          # optional
        path: [flat-feet, arch-collapse, gait-change]
        text: ...

Each step names one ``node`` or a ``path`` (two or more nodes, each joined
to the next by an edge of the graph, in that direction) and says something
about it in ``text``. Nodes may be named by id, label or synonym, as on the
command line. A lesson is checked against the graph it is shown with and
every problem is reported at once with its file and line, like graph data
(:class:`~graph.errors.DataError`, exit code 3), so a lesson can only point
at what the graph holds.

The shipped lessons live in ``graph/data/lessons/``; the graph loader reads
only ``*.yaml`` directly inside the data directory, so they are never taken
for graph data.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import AmbiguousName, DataError, FootbackError, NameNotFound, Problem
from ..language.grammar import count
from ..formats.yamlfile import DATA_DIR, YAML_SUFFIXES, line_of, read_yaml, yaml_files
from ..model import RELATIONS
from .wording import NOT_ADVICE, chain_text, edge_record, explain_lines, label

LESSONS_DIR = DATA_DIR / "lessons"
LESSON_KEYS_REQUIRED = ("title", "steps")
LESSON_KEYS_OPTIONAL = ("summary", "objectives", "check")
STEP_KEYS = ("title", "node", "path", "text")


class LessonError(DataError):
    """A lesson is invalid or does not fit the graph (exit code 3, like graph data)."""

    def __init__(self, problems: list[Problem] | Problem | str):
        super().__init__(problems)
        n = len(self.problems)
        self.args = (f"{n} problem{'s' if n != 1 else ''} in lesson data:\n" + "\n".join(f"  {p}" for p in self.problems),)


@dataclass(frozen=True)
class Step:
    """One step: the nodes (and edges) to highlight and what to say."""

    text: str
    nodes: tuple[str, ...]
    edges: tuple[dict[str, Any], ...] = ()
    title: str = ""


@dataclass(frozen=True)
class Lesson:
    name: str
    title: str
    steps: tuple[Step, ...]
    summary: str = ""
    origin: str = field(default="", compare=False)
    #: What a student should be able to do after the lesson.
    objectives: tuple[str, ...] = ()
    #: A check-your-understanding question (see :mod:`graph.lesson_check`), or None.
    check: dict[str, Any] | None = field(default=None, compare=False)

    def to_dict(self, G: Any) -> dict[str, Any]:
        """Plain data for ``--json`` and the HTML page."""
        return {
            "name": self.name,
            "title": self.title,
            "summary": self.summary,
            "objectives": list(self.objectives),
            "check": self._check_dict(G),
            "steps": [
                {
                    "title": s.title,
                    "text": s.text,
                    "nodes": list(s.nodes),
                    "labels": [label(G, n) for n in s.nodes],
                    "edges": [dict(e) for e in s.edges],
                }
                for s in self.steps
            ],
        }

    def _check_dict(self, G: Any) -> dict[str, Any] | None:
        if self.check is None:
            return None
        choices = sorted([self.check["answer"], *self.check["wrong"]], key=lambda n: label(G, n))
        return {**self.check, "choices": [{"id": c, "label": label(G, c)} for c in choices]}


def lesson_files(directory: str | Path = LESSONS_DIR) -> list[Path]:
    """The lesson files of a folder, sorted by name."""
    return yaml_files(directory)


def find_lesson(name: str, directory: str | Path = LESSONS_DIR) -> Path:
    """A lesson file from a path, or from a shipped lesson's name or title.

    Raises
    ------
    FootbackError
        No such lesson (exit code 2); the message lists the lessons there are.
    """
    p = Path(name)
    if p.suffix in YAML_SUFFIXES and p.is_file():
        return p
    from ..language.names import normalize

    files = lesson_files(directory)
    for f in files:
        if normalize(f.stem) == normalize(name):
            return f
    for f in files:
        title = peek_title(f)
        if title and normalize(title) == normalize(name):
            return f
    known = ", ".join(f.stem for f in files) or "none"
    raise FootbackError(f"no lesson named {name!r} (lessons: {known}; or give the path of a lesson .yaml file)")


def peek_title(path: Path) -> str:
    """A lesson file's title, without checking the lesson ('' if unreadable)."""
    doc = read_yaml(path, str(path), [])
    title = doc.get("title") if isinstance(doc, dict) else None
    return title.strip() if isinstance(title, str) else ""


def _resolve(G: Any, name: Any, shown: str, line: int | None, record: str, problems: list[Problem], index: dict[str, set[str]] | None = None) -> str | None:
    """The node ``name`` names. With a name ``index`` (the page's, which only
    asks whether a lesson fits), a lesson with a problem already is not looked
    into further, and a name that matches nothing is reported without "did you
    mean" suggestions: each costs a search of every name (a tenth of a second
    and more per name on a 5,000-node graph)."""
    from ..language.names import normalize, resolve, typo_matches

    if index is not None and problems:
        return None
    if not isinstance(name, str) or not name.strip():
        problems.append(Problem(shown, line, f"a node must be named by text, got {name!r}", record))
        return None
    if index is not None and name not in G and normalize(name) not in index and not typo_matches(G, name, index):
        problems.append(Problem(shown, line, f"unknown node: {name}", record))
        return None
    try:
        return resolve(G, name, index)
    except (NameNotFound, AmbiguousName) as err:
        problems.append(Problem(shown, line, f"unknown node: {err}", record))
        return None


def _edge_between(G: Any, u: str, v: str) -> str | None:
    """The relation of an edge u -> v, in model order (causes first)."""
    for rel in RELATIONS:
        if G.has_edge(u, v, rel):
            return rel
    for _, w, key in G.out_edges(u, keys=True):
        if w == v:
            return str(key)
    return None


def load_lesson(G: Any, path: str | Path, *, index: dict[str, set[str]] | None = None) -> Lesson:
    """Read and check one lesson against ``G``.

    Raises
    ------
    LessonError
        Every problem at once, each with file, line and step (a DataError).

    Examples
    --------
    >>> import tempfile
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> for n, name in [("heel-spur", "Heel spur"), ("limping", "Limping"), ("hip-ache", "Hip ache")]:
    ...     G.add_node(n, label=name, type="condition")
    >>> for u, v in [("heel-spur", "limping"), ("limping", "hip-ache")]:
    ...     _ = G.add_edge(u, v, key="causes", relation="causes")
    >>> path = Path(tempfile.mkdtemp()) / "tiny-tour.yaml"
    >>> _ = path.write_text("\\n".join(["title: A tiny tour", "steps:", "  - node: heel spur", "    text: Start at the heel spur.",
    ...                                 "  - path: [heel-spur, limping, hip ache]", "    text: The walk turns uneven and the hip aches."]))
    >>> lesson = load_lesson(G, path)
    >>> lesson.title, [s.nodes for s in lesson.steps]
    ('A tiny tour', [('heel-spur',), ('heel-spur', 'limping', 'hip-ache')])
    """
    path = Path(path)
    shown = str(path)
    problems: list[Problem] = []
    doc = read_yaml(path, shown, problems)
    if problems:
        raise LessonError(problems)
    if not isinstance(doc, dict):
        raise LessonError(Problem(shown, 1, "a lesson must be a mapping with 'title' and 'steps'"))
    for key, line in getattr(doc, "duplicate_keys", []):
        problems.append(Problem(shown, line, f"lesson repeats the key {key!r}"))
    for key in doc:
        if key not in LESSON_KEYS_REQUIRED + LESSON_KEYS_OPTIONAL:
            allowed = ", ".join(LESSON_KEYS_REQUIRED + LESSON_KEYS_OPTIONAL)
            problems.append(Problem(shown, line_of(doc, key), f"lesson has unknown key {key!r} (allowed: {allowed})"))
    title = doc.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(Problem(shown, line_of(doc, "title" if "title" in doc else None), "lesson needs a non-empty 'title'"))
    summary = doc.get("summary") or ""
    if not isinstance(summary, str):
        problems.append(Problem(shown, line_of(doc, "summary"), "'summary' must be text"))
        summary = ""
    objectives = doc.get("objectives") or []
    if not isinstance(objectives, list) or not all(isinstance(o, str) and o.strip() for o in objectives):
        problems.append(Problem(shown, line_of(doc, "objectives"), "'objectives' must be a list of text"))
        objectives = []
    check = None
    if "check" in doc:
        from .lesson_check import check_item

        def resolve(name: Any, line: int | None) -> str | None:
            return _resolve(G, name, shown, line, "check", problems, index)

        check = check_item(G, doc["check"], shown, resolve, line_of, problems)
    raw_steps = doc.get("steps")
    steps: list[Step] = []
    if not isinstance(raw_steps, list) or not raw_steps:
        problems.append(Problem(shown, line_of(doc, "steps" if "steps" in doc else None), "lesson needs 'steps': a non-empty list"))
        raw_steps = []
    for n, rec in enumerate(raw_steps, 1):
        step = _step(G, rec, n, shown, line_of(doc, "steps"), problems, index)
        if step is not None:
            steps.append(step)
    if problems:
        raise LessonError(problems)
    return Lesson(path.stem, str(title).strip(), tuple(steps), " ".join(summary.split()), shown, tuple(" ".join(o.split()) for o in objectives), check)


def _step(G: Any, rec: Any, n: int, shown: str, list_line: int | None, problems: list[Problem], index: dict[str, set[str]] | None = None) -> Step | None:
    record = f"step {n}"
    if not isinstance(rec, dict):
        problems.append(Problem(shown, list_line, f"each step must be a mapping with 'text' and 'node' or 'path', got {rec!r:.40}", record))
        return None
    line = line_of(rec)
    before = len(problems)
    for key, kline in getattr(rec, "duplicate_keys", []):
        problems.append(Problem(shown, kline, f"step repeats the key {key!r}", record))
    for key in rec:
        if key not in STEP_KEYS:
            problems.append(Problem(shown, line_of(rec, key), f"step has unknown key {key!r} (allowed: {', '.join(STEP_KEYS)})", record))
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        problems.append(Problem(shown, line_of(rec, "text" if "text" in rec else None), "step needs a non-empty 'text'", record))
    title = rec.get("title") or ""
    if not isinstance(title, str):
        problems.append(Problem(shown, line_of(rec, "title"), "step 'title' must be text", record))
    has_node, has_path = "node" in rec, "path" in rec
    nodes: list[str] = []
    edges: list[dict[str, Any]] = []
    if has_node == has_path:
        problems.append(Problem(shown, line, "step must name exactly one of 'node' or 'path'", record))
    elif has_node:
        node = _resolve(G, rec["node"], shown, line_of(rec, "node"), record, problems, index)
        nodes = [node] if node else []
    else:
        raw = rec["path"]
        pline = line_of(rec, "path")
        if not isinstance(raw, list) or len(raw) < 2:
            problems.append(Problem(shown, pline, "'path' must list at least two nodes", record))
        else:
            resolved = [_resolve(G, name, shown, pline, record, problems, index) for name in raw]
            if all(resolved):
                nodes = list(resolved)  # type: ignore[arg-type]
                for u, v in zip(nodes, nodes[1:]):
                    rel = _edge_between(G, u, v)
                    if rel is None:
                        problems.append(Problem(shown, pline, f"the graph has no edge from {u!r} to {v!r}", record))
                    else:
                        edges.append(edge_record(G, u, v, rel))
    if len(problems) > before:
        return None
    return Step(" ".join(str(text).split()), tuple(nodes), tuple(edges), title.strip())


def load_lessons(G: Any, directory: str | Path = LESSONS_DIR) -> list[Lesson]:
    """Every lesson of a folder, checked against ``G``; all problems at once."""
    lessons, problems = [], []
    for f in lesson_files(directory):
        try:
            lessons.append(load_lesson(G, f))
        except DataError as err:
            problems.extend(err.problems)
    if problems:
        raise LessonError(problems)
    return lessons


def page_lessons(G: Any, directory: str | Path | None = None, *, index: dict[str, set[str]] | None = None) -> list[dict[str, Any]]:
    """The lessons that fit ``G``, as plain data for the explorer page.

    A lesson that does not fit (a teacher's own graph, a neighbourhood
    export) is left out rather than shown broken.
    """
    from ..language.names import name_index

    out, index = [], name_index(G) if index is None else index
    for f in lesson_files(LESSONS_DIR if directory is None else directory):
        try:
            out.append(load_lesson(G, f, index=index).to_dict(G))
        except DataError:
            continue
    return out


def _wrap(text: str, indent: str = "", width: int = 78) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent=indent, subsequent_indent=indent) or [indent]


def intro_lines(lesson: Lesson) -> list[str]:
    lines = [lesson.title, "=" * len(lesson.title)]
    if lesson.summary:
        lines += _wrap(lesson.summary)
    if lesson.objectives:
        lines.append("By the end you should be able to:")
        for o in lesson.objectives:
            lines += textwrap.wrap(o, width=78, initial_indent="  - ", subsequent_indent="    ")
    lines.append(f"{count(len(lesson.steps), 'step')}. {NOT_ADVICE}")
    return lines


def check_lines(G: Any, lesson: Lesson) -> list[str]:
    """The check-your-understanding question, its choices, then its answer."""
    c = lesson.check
    if c is None:
        return []
    choices = sorted([c["answer"], *c["wrong"]], key=lambda n: label(G, n))
    lines = ["Check your understanding"] + _wrap(c["question"], "  ")
    lines += [f"    {'abcd'[i]}) {label(G, n)}" for i, n in enumerate(choices)]
    lines.append(f"  Answer: {'abcd'[choices.index(c['answer'])]}) {label(G, c['answer'])}")
    return lines


def step_lines(G: Any, lesson: Lesson, i: int) -> list[str]:
    """One step as terminal lines: heading, what it highlights, text, edges and sources."""
    step = lesson.steps[i]
    head = f"Step {i + 1} of {len(lesson.steps)}"
    lines = [f"{head}: {step.title}" if step.title else head]
    if step.edges:
        lines.append("  " + chain_text(G, list(step.nodes)))
    else:
        n = step.nodes[0]
        kind = str(G.nodes[n].get("type", "")).replace("_", " ")
        lines.append(f"  {label(G, n)} ({kind})")
    lines += _wrap(step.text, "  ")
    if step.edges:
        lines += explain_lines(G, list(step.edges), indent="    ", chain=False)
    else:
        desc = G.nodes[step.nodes[0]].get("description")
        if desc:
            lines += _wrap(f"In the graph: {desc}", "    ")
    return lines


def render(G: Any, lesson: Lesson) -> list[list[str]]:
    """The lesson as blocks of lines: the introduction with step 1, then one block per step."""
    blocks = [step_lines(G, lesson, i) for i in range(len(lesson.steps))]
    blocks[0] = intro_lines(lesson) + [""] + blocks[0]
    if lesson.check is not None:
        blocks.append(check_lines(G, lesson))
    return blocks


def lesson_index(G: Any) -> list[dict[str, Any]]:
    """Every shipped lesson: name, title, steps, and how many problems it has with ``G`` (0: it fits)."""
    rows = []
    for f in lesson_files():
        try:
            one = load_lesson(G, f)
            rows.append({"name": one.name, "title": one.title, "steps": len(one.steps), "problems": 0})
        except DataError as err:
            rows.append({"name": f.stem, "title": peek_title(f), "steps": None, "problems": len(err.problems)})
    return rows
