"""Shipped lessons: four of them, objectives at the top, a checked question at the end,
and step texts that name only the step's own conditions, mechanisms and symptoms."""

import re

import pytest

from cli import cli
from graph.errors import EXIT_DATA
from graph.teaching.lessons import LESSONS_DIR, load_lesson, load_lessons, render
from graph.language.names import normalize

SHIPPED = {"from-the-foot-up", "from-the-back-down", "where-the-numbness-is", "what-the-evidence-says"}
CLINICAL = ("condition", "mechanism", "symptom")


def names_in(G, text):
    """Clinical nodes whose label or a synonym appears in ``text`` as whole words."""
    said = f" {normalize(text)} "
    out = set()
    for n, d in G.nodes(data=True):
        if d.get("type") not in CLINICAL:
            continue
        for name in (d.get("label") or "", *(d.get("synonyms") or ())):
            key = normalize(name)
            if key and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", said):
                out.add(n)
    return out


def test_four_shipped_lessons_with_objectives_and_a_check(curated):
    lessons = {lesson.name: lesson for lesson in load_lessons(curated)}
    assert SHIPPED <= set(lessons)
    for lesson in lessons.values():
        assert len(lesson.objectives) >= 2, lesson.name
        assert lesson.check is not None and lesson.check["wrong"], lesson.name
        blocks = render(curated, lesson)
        assert "By the end you should be able to:" in blocks[0]
        assert blocks[-1][0] == "Check your understanding" and blocks[-1][-1].startswith("  Answer: ")


def test_step_text_names_only_nodes_of_its_step(curated):
    """A lesson never states a mechanism the graph does not hold at that step."""
    for lesson in load_lessons(curated):
        for step in lesson.steps:
            extra = names_in(curated, step.text) - set(step.nodes)
            assert not extra, (lesson.name, step.title, sorted(extra))


def test_names_in_finds_a_mechanism_named_outside_its_step(curated):
    assert names_in(curated, "Then the arch collapse begins.") == {"arch-collapse"}


def write_lesson(tmp_path, check):
    p = tmp_path / "l.yaml"
    p.write_text("title: T\nsteps:\n  - node: heel\n    text: The heel.\ncheck:\n" + check)
    return p


@pytest.mark.parametrize(
    "check, message",
    [
        ("  kind: root\n  about: numb-top-of-foot\n  question: Which root?\n  answer: S1 nerve root\n  wrong: [L4 nerve root]\n", "does not make 's1-nerve-root' a right answer"),
        ("  kind: root\n  about: numb-top-of-foot\n  question: Which root?\n  answer: L5 nerve root\n  wrong: [L4 nerve root, L5 root]\n", "'l5-nerve-root' is not provably wrong"),
        ("  kind: middle\n  about: heel\n  question: Q?\n  answer: heel\n  wrong: [foot]\n", "check kind 'middle' is not one a teacher may write"),
        ("  kind: root\n  about: numb-top-of-foot\n  question: Q?\n  answer: L5 nerve root\n", "check needs 'wrong'"),
    ],
)
def test_a_wrong_check_item_is_a_located_error(runner, curated, tmp_path, check, message):
    p = write_lesson(tmp_path, check)
    result = runner.invoke(cli, ["lesson", str(p)], input="")
    assert result.exit_code == EXIT_DATA
    assert message in result.output and f"{p}:" in result.output and "Traceback" not in result.output


def test_lesson_checks_page_data(curated):
    from graph.teaching.lessons import page_lessons

    data = {lesson["name"]: lesson for lesson in page_lessons(curated)}
    check = data["where-the-numbness-is"]["check"]
    assert check["answer"] == "l5-nerve-root" and {c["id"] for c in check["choices"]} == {"l4-nerve-root", "l5-nerve-root", "s1-nerve-root"}
    assert data["where-the-numbness-is"]["objectives"]
    assert load_lesson(curated, LESSONS_DIR / "where-the-numbness-is.yaml").check["kind"] == "root"
