"""Terminal sessions for the quiz and the lessons, with injectable input and output.

These interleave reading and writing (a question, an answer, its verdict; a
step, a key), so their lines are laid out here; an answer printed at once,
such as the printable quiz sheet, is laid out in :mod:`graph.report`.

``read`` returns one line of input, or ``None`` when input has ended (EOF,
Ctrl-D, Ctrl-C); ``write`` prints one line. The CLI passes functions over
stdin and stdout; tests pass a list and collect the lines. Nothing here
raises on early end: a quiz reports the score so far.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .question import Question
from .quiz import KINDS
from .wording import NOT_ADVICE, explain_lines, label

Read = Callable[[str], "str | None"]
Write = Callable[[str], None]

LETTERS = "abcd"


@dataclass
class Score:
    right: int = 0
    asked: int = 0
    finished: bool = False

    def line(self) -> str:
        pct = f" ({round(100 * self.right / self.asked)}%)" if self.asked else ""
        head = "Score" if self.finished else "Quiz ended early. Score so far"
        return f"{head}: {self.right} of {self.asked}{pct}"


def choice_lines(G: Any, q: Question, indent: str = "  ") -> list[str]:
    return [f"{indent}{LETTERS[i]}) {label(G, c)}" for i, c in enumerate(q.choices)]


def parse_answer(text: str, n_choices: int) -> int | None | str:
    """A letter or number to a choice index; ``"quit"`` for q; ``None`` if unreadable.

    >>> parse_answer(" B ", 4), parse_answer("3", 4), parse_answer("q", 4), parse_answer("e", 4)
    (1, 2, 'quit', None)
    """
    t = text.strip().lower()
    if t in ("q", "quit", "exit"):
        return "quit"
    if len(t) == 1 and t in LETTERS[:n_choices]:
        return LETTERS.index(t)
    if t.isdigit() and 1 <= int(t) <= n_choices:
        return int(t) - 1
    return None


def run_quiz(G: Any, questions: list[Question], read: Read, write: Write, *, seed: int | None = None, note: str | None = None) -> Score:
    """Ask each question, tell right or wrong with the chain and its source, keep score.

    ``note`` (say, that fewer questions came than were asked for) is shown first.
    """
    score = Score()
    write(NOT_ADVICE)
    if note:
        write(note)
    intro = f"{len(questions)} question{'s' if len(questions) != 1 else ''}"
    if seed is not None:
        intro += f" (seed {seed}: use --seed {seed} to get the same quiz again)"
    write(intro + ". Answer with a letter; q quits.")
    for n, q in enumerate(questions, 1):
        write("")
        write(f"Question {n} of {len(questions)} ({KINDS[q.kind]})")
        write(q.prompt)
        for line in choice_lines(G, q):
            write(line)
        letters = LETTERS[: len(q.choices)]
        while True:
            text = read(f"Your answer ({', '.join(letters)}; q to quit): ")
            if text is None:
                write("")
                write(score.line())
                return score
            picked = parse_answer(text, len(q.choices))
            if picked == "quit":
                write(score.line())
                return score
            if picked is not None:
                break
            write(f"Please answer with one of {', '.join(letters)} (or q to quit).")
        assert isinstance(picked, int)  # the loop ends on a letter's number only
        score.asked += 1
        if picked == q.answer:
            score.right += 1
            write("Right!")
        else:
            write(f"Not quite: the answer is {q.letter}) {label(G, q.answer_id)}.")
            for line in textwrap.wrap(q.not_said(G, q.choices[picked]), width=78, initial_indent="  ", subsequent_indent="    "):
                write(line)
        for line in explain_lines(G, list(q.edges)):
            write(line)
    score.finished = True
    write("")
    write(score.line())
    return score


def step_lesson(G: Any, steps: list[list[str]], read: Read | None, write: Write) -> int:
    """Show rendered steps one by one; with ``read`` None, show all at once.

    Interactive keys: Enter or n goes on, b (or p) goes back, q quits.
    Returns how many steps were shown.
    """
    if read is None:
        for i, lines in enumerate(steps):
            if i:
                write("")
            for line in lines:
                write(line)
        return len(steps)
    i, shown = 0, set()
    while 0 <= i < len(steps):
        write("")
        for line in steps[i]:
            write(line)
        shown.add(i)
        keys = "Enter: next, b: back, q: quit" if i < len(steps) - 1 else "Enter: finish, b: back"
        text = read(f"[{keys}] ")
        if text is None:
            write("")
            break
        t = text.strip().lower()
        if t in ("q", "quit"):
            break
        if t in ("b", "p", "back", "prev"):
            i = max(0, i - 1)
        else:
            i += 1
    return len(shown)
