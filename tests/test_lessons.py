"""Lessons: the shipped tours, validation with located errors, stepping in the terminal."""

import json

import pytest

from cli import cli
from graph.errors import EXIT_DATA, EXIT_OK, EXIT_USAGE, DataError
from graph.teaching.interactive import step_lesson
from graph.teaching.lessons import LESSONS_DIR, LessonError, find_lesson, lesson_files, load_lesson, load_lessons, render
from graph.formats.yamlfile import DATA_DIR, load_dir
from tests import HEEL_SPUR, HIP_ACHE, LIMPING, TINY_DIR

TINY_LESSON = TINY_DIR.parent / "lessons" / "tiny-tour.yaml"


def test_shipped_lessons_fit_the_curated_graph(curated):
    lessons = {lesson.name: lesson for lesson in load_lessons(curated)}
    assert set(lessons) == {"from-the-foot-up", "from-the-back-down", "where-the-numbness-is", "what-the-evidence-says"}
    assert lessons["from-the-foot-up"].title == "From the foot up"
    assert lessons["from-the-back-down"].title == "From the back down"
    for lesson in lessons.values():
        assert len(lesson.steps) >= 5 and lesson.summary
        for step in lesson.steps:
            assert step.text and step.title
            assert len(step.edges) == max(0, len(step.nodes) - 1)
            for e, (u, v) in zip(step.edges, zip(step.nodes, step.nodes[1:])):
                assert (e["source"], e["target"]) == (u, v) and curated.has_edge(u, v, e["relation"])
                assert e["section"] and e["note"]


def test_foot_up_goes_up_and_back_down_goes_down(curated):
    up = load_lesson(curated, LESSONS_DIR / "from-the-foot-up.yaml")
    down = load_lesson(curated, LESSONS_DIR / "from-the-back-down.yaml")
    up_nodes = {n for s in up.steps for n in s.nodes}
    down_nodes = {n for s in down.steps for n in s.nodes}
    assert {"flat-feet", "bunion", "plantar-fasciitis", "achilles-tendonitis", "lower-back-pain"} <= up_nodes
    assert {"herniated-disc", "spinal-stenosis", "sciatica", "nerve-compression", "foot-numbness"} <= down_nodes


def test_lessons_are_not_graph_data():
    assert (DATA_DIR / "lessons") == LESSONS_DIR and lesson_files()
    data = load_dir(DATA_DIR)
    assert "steps" not in {k for n in data.nodes for k in n.extra}


def test_tiny_lesson_resolves_names(tiny):
    lesson = load_lesson(tiny, TINY_LESSON)
    assert lesson.name == "tiny-tour"
    assert [s.nodes for s in lesson.steps] == [(HEEL_SPUR,), (HEEL_SPUR, LIMPING, HIP_ACHE)]
    assert [e["relation"] for e in lesson.steps[1].edges] == ["causes", "causes"]
    assert lesson.steps[1].title == "Up to the hip"


BAD_LESSON = """\
title: Broken
colour: red
steps:
  - node: heel spur
    text: fine
  - node: nowhere-at-all
    text: unknown node
  - path: [hip-ache, heel-spur]
    text: no such edge
  - node: heel-spur
    path: [heel-spur, limping]
    text: both
  - node: limping
  - path: [limping]
    text: too short
  - just text
"""


def test_bad_lesson_every_problem_located(tiny, tmp_path):
    f = tmp_path / "broken.yaml"
    f.write_text(BAD_LESSON)
    with pytest.raises(LessonError) as info:
        load_lesson(tiny, f)
    err = info.value
    assert isinstance(err, DataError) and err.exit_code == EXIT_DATA
    got = [(p.line, p.record, p.message.split(";")[0]) for p in err.problems]
    assert got == [
        (2, None, "lesson has unknown key 'colour' (allowed: title, steps, summary, objectives, check)"),
        (3, "step 7", "each step must be a mapping with 'text' and 'node' or 'path', got 'just text'"),
        (6, "step 2", "unknown node: no node named 'nowhere-at-all'"),
        (8, "step 3", "the graph has no edge from 'hip-ache' to 'heel-spur'"),
        (10, "step 4", "step must name exactly one of 'node' or 'path'"),
        (13, "step 5", "step needs a non-empty 'text'"),
        (14, "step 6", "'path' must list at least two nodes"),
    ]
    assert str(err).startswith("7 problems in lesson data:\n")


@pytest.mark.parametrize(
    "text, line, message",
    [
        ("title: Empty\nsteps: []\n", 2, "lesson needs 'steps': a non-empty list"),
        ("title: No steps\n", 1, "lesson needs 'steps': a non-empty list"),
        ("steps:\n  - {node: limping, text: x}\n", 1, "lesson needs a non-empty 'title'"),
        ("title: [unclosed\n", 2, "YAML syntax error"),
        ("- just\n- a list\n", 1, "a lesson must be a mapping with 'title' and 'steps'"),
    ],
)
def test_bad_lesson_shapes(tiny, tmp_path, text, line, message):
    f = tmp_path / "bad.yaml"
    f.write_text(text)
    with pytest.raises(LessonError) as info:
        load_lesson(tiny, f)
    assert [p.line for p in info.value.problems] == [line]
    assert info.value.problems[0].message.startswith(message)


def test_find_lesson():
    assert find_lesson("from-the-foot-up") == LESSONS_DIR / "from-the-foot-up.yaml"
    assert find_lesson("From the back down") == LESSONS_DIR / "from-the-back-down.yaml"
    assert find_lesson(str(TINY_LESSON)) == TINY_LESSON


def test_step_lesson_keys(curated):
    blocks = render(curated, load_lesson(curated, LESSONS_DIR / "from-the-foot-up.yaml"))
    keys = iter(["", "b", "", "", "q"])
    lines = []
    shown = step_lesson(curated, blocks, lambda prompt: next(keys), lines.append)
    steps = [line for line in lines if line.startswith("Step ")]
    assert steps == ["Step 1 of 9: Where it starts", "Step 2 of 9: A sinking arch", "Step 1 of 9: Where it starts", "Step 2 of 9: A sinking arch", "Step 3 of 9: The back takes up the slack"]
    assert shown == 3
    lines.clear()
    assert step_lesson(curated, blocks, lambda prompt: None, lines.append) == 1  # input ends: stop cleanly


# --- command line ------------------------------------------------------------


def test_cli_lesson_list(runner):
    result = runner.invoke(cli, ["lesson"])
    assert result.exit_code == EXIT_OK, result.output
    assert result.output.splitlines() == [
        "from-the-back-down      From the back down (11 steps)",
        "from-the-foot-up        From the foot up (9 steps)",
        "what-the-evidence-says  What the evidence says (7 steps)",
        "where-the-numbness-is   Where the numbness is (9 steps)",
        "Step through one with: footback lesson NAME",
    ]


def test_cli_lesson_list_on_another_graph(runner, tiny_dir):
    result = runner.invoke(cli, ["lesson", "--graph", str(tiny_dir), "--json"])
    assert result.exit_code == EXIT_OK
    rows = json.loads(result.output)
    assert [r["name"] for r in rows] == ["from-the-back-down", "from-the-foot-up", "what-the-evidence-says", "where-the-numbness-is"]
    assert all(r["problems"] > 0 and r["steps"] is None for r in rows)


def test_cli_lesson_prints_all_steps_without_a_terminal(runner):
    result = runner.invoke(cli, ["lesson", "from the foot up"], input="")
    assert result.exit_code == EXIT_OK, result.output
    out = result.output
    assert out.startswith("From the foot up\n================\n")
    assert "Educational material, not medical advice." in out
    assert [line for line in out.splitlines() if line.startswith("Step ")][-1] == "Step 9 of 9: What the evidence says about treating the foot for the back"
    assert "  Plantar fasciitis \u2192 Heel pain \u2192 Change in posture \u2192 Lower back pain\n" in out
    assert 'Source: The Link Between Foot and Back Pain, section "Bunions"' in out
    assert "Traceback" not in out


def test_cli_lesson_json(runner):
    data = json.loads(runner.invoke(cli, ["lesson", "from-the-back-down", "--json"]).output)
    assert data["title"] == "From the back down" and len(data["steps"]) == 11
    step = data["steps"][3]
    assert step["nodes"] == ["herniated-disc", "nerve-compression", "foot-numbness"]
    assert step["labels"][0] == "Herniated disc"
    assert [e["relation"] for e in step["edges"]] == ["causes", "causes"]


def test_cli_lesson_from_a_path_on_another_graph(runner, tiny_dir):
    result = runner.invoke(cli, ["lesson", "--graph", str(tiny_dir), str(TINY_LESSON)])
    assert result.exit_code == EXIT_OK, result.output
    assert "Step 2 of 2: Up to the hip\n  Heel spur \u2192 Limping \u2192 Hip ache\n" in result.output


def test_cli_lesson_errors(runner, tiny_dir, tmp_path):
    result = runner.invoke(cli, ["lesson", "no-such-lesson"])
    assert result.exit_code == EXIT_USAGE
    assert "lessons: from-the-back-down, from-the-foot-up" in result.output
    f = tmp_path / "bad.yaml"
    f.write_text(BAD_LESSON)
    result = runner.invoke(cli, ["lesson", "--graph", str(tiny_dir), str(f)])
    assert result.exit_code == EXIT_DATA
    assert result.output.startswith("footback: error: 7 problems in lesson data:\n")
    assert f"  {f}:8: [step 3] the graph has no edge from 'hip-ache' to 'heel-spur'\n" in result.output
    # A shipped lesson on a graph it does not fit: located problems, exit 3.
    result = runner.invoke(cli, ["lesson", "--graph", str(tiny_dir), "from-the-foot-up"])
    assert result.exit_code == EXIT_DATA
    assert "from-the-foot-up.yaml:21: [step 1] unknown node: no node named 'foot'" in result.output


#: How far down the body the back-down lesson's regions sit: the spine and its
#: tunnel first, then the sciatic nerve, its branches below the knee, the foot.
LEVEL_DOWN = {
    "spine": 0,
    "spinal-canal": 0,
    "spinal-nerve-roots": 0,
    "intervertebral-disc": 0,
    "sciatic-nerve": 1,
    "tibial-nerve": 2,
    "common-fibular-nerve": 2,
    "foot": 3,
    "toes": 3,
}


def test_back_down_paths_read_down_the_body(curated):
    """Each drawn chain of From the back down runs from the back toward the feet,
    never back up (a branch of the sciatic nerve drawn before the nerve itself)."""
    down = load_lesson(curated, LESSONS_DIR / "from-the-back-down.yaml")
    for step in down.steps:
        levels = [LEVEL_DOWN[n] for n in step.nodes if n in LEVEL_DOWN]
        assert levels == sorted(levels), (step.title, step.nodes)


def test_each_step_says_how_sure_its_links_are(curated):
    """A step resting on claim links says how sure research is, and says it right: the first
    level it names is the weakest of its links (a chain is as sure as its weakest link)."""
    import re

    from graph.model.evidence import weakest

    lessons = load_lessons(curated)
    assert len(lessons) >= 2
    for lesson in lessons:
        for step in lesson.steps:
            claims = [e for e in step.edges if e["relation"] in ("causes", "treats", "prevents")]
            if not claims:
                continue
            said = re.search(r"How sure: (\w+)", step.text)
            assert said, (lesson.name, step.title)
            assert said.group(1) == weakest(claims), (lesson.name, step.title)
