"""The quiz: questions from the graph, distractors really wrong, seeded, clean terminal sessions."""

import json

import networkx as nx
import pytest

from cli import cli
from graph.build import load_graph_dir
from graph.errors import EXIT_EMPTY, EXIT_OK, EXIT_USAGE
from graph.interactive import parse_answer, run_quiz
from graph.quiz import KINDS, NoQuestions, all_questions, generate, is_correct
from tests import HEEL_SPUR, HIP, HIP_ACHE, HOBBLING, ICE, LIMPING, NUMB_TOE, SQUINTING, TWO_AREAS_DIR


@pytest.fixture(scope="module")
def two_areas():
    return load_graph_dir(TWO_AREAS_DIR)


def test_every_answer_right_and_every_distractor_wrong(curated):
    questions = all_questions(curated)
    assert {q.kind for q in questions} == set(KINDS)
    for q in questions:
        assert len(set(q.choices)) == len(q.choices) == 4, q.key
        assert is_correct(curated, q, q.answer_id), q.key
        for c in q.choices:
            if c != q.answer_id:
                assert not is_correct(curated, q, c), (q.key, c)


def test_distractors_checked_independently(curated):
    """Recheck from first principles, without the quiz module's helpers."""
    causal = nx.DiGraph((u, v) for u, v, r in curated.edges(keys=True) if r == "causes")
    for q in all_questions(curated):
        wrong = [c for c in q.choices if c != q.answer_id]
        if q.kind == "middle":
            before, after = q.chain[q.hidden - 1], q.chain[q.hidden + 1]
            assert causal.has_edge(before, q.answer_id) and causal.has_edge(q.answer_id, after)
            for c in wrong:
                assert not (c in nx.descendants(causal, before) and after in nx.descendants(causal, c)), (q.key, c)
        elif q.kind == "leads-to":
            target = q.edges[-1]["target"]
            assert q.answer_id in nx.ancestors(causal, target)
            assert not set(wrong) & nx.ancestors(causal, target), q.key
        elif q.kind == "where":
            node = q.edges[0]["source"]
            assert curated.has_edge(node, q.answer_id, "located_in")
            assert all(not curated.has_edge(node, c, "located_in") for c in wrong)
        else:
            node = q.edges[0]["target"]
            assert curated.has_edge(q.answer_id, node, q.edges[0]["relation"])
            for c in wrong:
                assert not curated.has_edge(c, node, "treats") and not curated.has_edge(c, node, "prevents")
        # Same type as the answer whenever the graph has enough really wrong ones.
        own = curated.nodes[q.answer_id]["type"]
        available = [n for n, t in curated.nodes(data="type") if t == own and not is_correct(curated, q, n)]
        same = [c for c in wrong if curated.nodes[c]["type"] == own]
        assert len(same) == min(3, len(available)), q.key


# --- one quiz, no repeated subject -------------------------------------------------

@pytest.mark.parametrize("graph", ["curated", "two_areas"])
def test_no_topic_twice_while_others_are_left(graph, request):
    """A quiz asks about a hidden step, symptom or node again only once every other
    question of the graph has been asked or would repeat one too."""
    G = request.getfixturevalue(graph)
    topics = {}
    for q in all_questions(G):
        topics.setdefault(q.kind, set()).add(q.topic)
    for seed in range(25):
        for kinds in [None, ["middle"], ["leads-to"], ["where"]]:
            quiz = generate(G, count=40, seed=seed, kinds=kinds)
            distinct = sum(len(topics.get(k, ())) for k in kinds or KINDS)
            first = [(q.kind, q.topic) for q in quiz[:distinct]]
            assert len(set(first)) == len(first) == min(distinct, len(quiz)), (seed, kinds)


def test_middle_does_not_hide_the_same_step_twice(two_areas):
    """Eye strain and glare both lead through squinting to a headache: a two-question
    middle quiz hides squinting once and hobbling once, whatever the seed."""
    for seed in range(30):
        quiz = generate(two_areas, count=2, seed=seed, kinds=["middle"])
        assert sorted(q.topic for q in quiz) == [HOBBLING, SQUINTING], seed
    three = generate(two_areas, count=3, seed=0, kinds=["middle"])
    assert sorted(q.topic for q in three) == [HOBBLING, SQUINTING, SQUINTING]  # then it repeats: nothing else is left


def test_middle_step_excludes_other_routes(curated):
    """Heel pain leads to lower back pain through posture AND through spinal alignment:
    when one is the answer, the other must never be offered as wrong."""
    for q in all_questions(curated, kinds=["middle"]):
        if q.chain[q.hidden - 1:q.hidden + 2] == ("heel-pain", "posture-change", "lower-back-pain"):
            assert "spinal-misalignment" not in q.choices
            break
    else:
        pytest.fail("expected a question hiding the posture step after heel pain")


def test_same_seed_same_quiz_other_seed_other_quiz(curated):
    a = generate(curated, count=8, seed=42)
    assert a == generate(curated, count=8, seed=42)
    assert a != generate(curated, count=8, seed=43)
    assert len(a) == 8 and len({q.key for q in a}) == 8
    assert {q.kind for q in a} == set(KINDS)  # kinds taken in turn


def test_a_question_reads_the_same_in_any_quiz(curated):
    """Choices depend on the seed and the question, not on the rest of the quiz."""
    by_key = {q.key: q for q in all_questions(curated, seed=5)}
    for q in generate(curated, count=20, seed=5):
        assert by_key[q.key] == q


def test_kinds_and_count(curated, tiny):
    qs = generate(curated, count=5, seed=1, kinds=["where"])
    assert [q.kind for q in qs] == ["where"] * 5
    assert all(q.prompt.startswith("Where in the body does ") for q in qs)
    # The tiny graph has few questions: fewer come back than asked for.
    qs = generate(tiny, count=50, seed=1)
    assert 0 < len(qs) < 50
    with pytest.raises(ValueError):
        generate(tiny, kinds=["nonsense"])


def test_tiny_graph_questions(tiny):
    middle = generate(tiny, count=1, seed=0, kinds=["middle"])[0]
    assert middle.chain == (HEEL_SPUR, LIMPING, HIP_ACHE) and middle.answer_id == LIMPING
    assert set(middle.choices) == {LIMPING, NUMB_TOE}  # the only really wrong clinical node
    # hip-ache sits in the hip, which is part of the leg: no region is plainly wrong
    with pytest.raises(NoQuestions):
        generate(tiny, kinds=["where"])
    assert HIP in tiny


def test_graph_without_questions(tmp_path):
    (tmp_path / "g.yaml").write_text(
        "sources: [{id: s, title: S}]\n"
        "nodes:\n  - {id: a, label: A, type: condition, description: x}\n"
    )
    G = load_graph_dir(tmp_path)
    with pytest.raises(NoQuestions):
        generate(G)


def test_run_quiz_scores_and_explains(curated):
    qs = generate(curated, count=3, seed=9)
    lines = []
    answers = iter([q.letter for q in qs[:2]] + ["abcd"[(qs[2].answer + 1) % 4]])
    score = run_quiz(curated, qs, lambda prompt: next(answers), lines.append)
    assert (score.right, score.asked, score.finished) == (2, 3, True)
    assert lines.count("Right!") == 2
    assert any(line.startswith("Not quite: the answer is ") for line in lines)
    assert any("Source: The Link Between Foot and Back Pain" in line for line in lines)
    assert lines[-1] == "Score: 2 of 3 (67%)"
    assert lines[0] == "Educational material, not medical advice."


def test_run_quiz_input_ending_early(curated):
    qs = generate(curated, count=3, seed=9)
    answers = iter(["zzz", qs[0].letter, None])
    lines = []
    score = run_quiz(curated, qs, lambda prompt: next(answers), lines.append)
    assert (score.right, score.asked, score.finished) == (1, 1, False)
    assert "Please answer with one of a, b, c, d (or q to quit)." in lines
    assert lines[-1] == "Quiz ended early. Score so far: 1 of 1 (100%)"


def test_parse_answer():
    assert [parse_answer(t, 4) for t in ("a", "D", "4", "0", "5", "", "quit")] == [0, 3, 3, None, None, None, "quit"]


# --- command line ------------------------------------------------------------

def test_cli_quiz_piped_answers(runner, curated):
    qs = generate(curated, count=4, seed=11)
    stdin = "".join(q.letter + "\n" for q in qs)
    result = runner.invoke(cli, ["quiz", "--count", "4", "--seed", "11"], input=stdin)
    assert result.exit_code == EXIT_OK, result.output
    assert "seed 11" in result.output
    assert result.output.count("Right!") == 4
    assert result.output.rstrip().endswith("Score: 4 of 4 (100%)")


def test_cli_quiz_stdin_ends_early(runner):
    result = runner.invoke(cli, ["quiz", "--count", "5", "--seed", "3"], input="b\n")
    assert result.exit_code == EXIT_OK
    assert "Traceback" not in result.output
    assert "Quiz ended early. Score so far: " in result.output and " of 1 " in result.output
    result = runner.invoke(cli, ["quiz", "--seed", "3"], input="")
    assert result.exit_code == EXIT_OK
    assert result.output.rstrip().endswith("Quiz ended early. Score so far: 0 of 0")


def test_cli_quiz_quit(runner):
    result = runner.invoke(cli, ["quiz", "--seed", "3"], input="q\n")
    assert result.exit_code == EXIT_OK
    assert result.output.rstrip().endswith("Quiz ended early. Score so far: 0 of 0")


def test_cli_quiz_print_sheet(runner, curated):
    result = runner.invoke(cli, ["quiz", "--print", "--count", "6", "--seed", "2"])
    assert result.exit_code == EXIT_OK
    out = result.output
    assert "not medical advice" in out
    questions, key = out.split("Answer key\n")
    assert questions.count("\n   a) ") == 6
    for n, q in enumerate(generate(curated, count=6, seed=2), 1):
        assert f"\n{n}. {q.letter}) {curated.nodes[q.answer_id]['label']}\n" in key
    assert runner.invoke(cli, ["quiz", "--print", "--count", "6", "--seed", "2"]).output == out


def test_cli_quiz_json(runner, curated):
    result = runner.invoke(cli, ["quiz", "--json", "--count", "3", "--seed", "4", "--kind", "treatment"])
    assert result.exit_code == EXIT_OK
    data = json.loads(result.output)
    assert data["seed"] == 4 and "not medical advice" in data["disclaimer"]
    assert [q["kind"] for q in data["questions"]] == ["treatment"] * 3
    for q in data["questions"]:
        answer = next(c for c in q["choices"] if c["letter"] == q["answer"])
        assert answer["id"] == q["answer_id"] == q["explanation"][0]["source"]
        assert q["sources"]


def test_cli_quiz_on_tiny_graph(runner, tiny_dir):
    result = runner.invoke(cli, ["quiz", "--graph", str(tiny_dir), "--json", "--seed", "1"])
    assert result.exit_code == EXIT_OK, result.output
    data = json.loads(result.output)
    assert {q["kind"] for q in data["questions"]} == {"middle", "leads-to"}
    # Ice is the only treatment: no distractor would be a treatment, so none is asked.
    result = runner.invoke(cli, ["quiz", "--graph", str(tiny_dir), "--kind", "treatment"])
    assert result.exit_code == EXIT_EMPTY
    assert result.output.endswith("this graph supports no treatment question\n")
    assert ICE in load_graph_dir(tiny_dir)


def test_cli_quiz_nothing_to_ask_exits_1(runner, tmp_path):
    (tmp_path / "g.yaml").write_text(
        "sources: [{id: s, title: S}]\n"
        "nodes:\n  - {id: a, label: A, type: condition, description: x}\n"
    )
    result = runner.invoke(cli, ["quiz", "--graph", str(tmp_path)])
    assert result.exit_code == EXIT_EMPTY
    assert "footback: this graph supports no" in result.output


def test_cli_quiz_bad_kind_exits_2(runner):
    assert runner.invoke(cli, ["quiz", "--kind", "essay"]).exit_code == EXIT_USAGE


def test_cli_kind_choices_match_the_library():
    from cli import _QUIZ_KINDS

    assert tuple(KINDS) == _QUIZ_KINDS
