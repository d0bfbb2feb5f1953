"""Quiz mode of the offline page, in a real browser (skips locally without Chromium; fails under CI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.exporters import export
from graph.teaching.quiz import generate
from graph.teaching.quiz_page import PAGE_SEEDS, page_quiz


@pytest.fixture
def open_page(browser):
    contexts = []

    def _open(path: Path):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        contexts.append(context)
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.goto(path.resolve().as_uri())
        page.wait_for_function("() => window.footbackReady === true", timeout=15000)  # a function: a bare expression is evaluated with eval, which the page's CSP forbids once it must poll
        return page, problems

    yield _open
    for c in contexts:
        c.close()


def test_page_quiz_data_matches_the_cli_sets(curated):
    data = page_quiz(curated)
    assert [s["seed"] for s in data["sets"]] == list(PAGE_SEEDS)
    for s in data["sets"]:
        cli_set = generate(curated, count=10, seed=s["seed"])
        assert [q["question"] for q in s["questions"]] == [q.prompt for q in cli_set]
        assert len({q["kind"] for q in s["questions"]}) >= 4
        for q in s["questions"]:
            assert q["wrong"][q["answer"]] is None and all(w for i, w in enumerate(q["wrong"]) if i != q["answer"])
            assert q["explanation"] and len(q["path"]) >= 2


def test_take_a_quiz_offline_and_see_each_answer_s_path(open_page, tmp_path):
    from graph import load_graph

    G = load_graph()
    page, problems = open_page(export(G, "html", tmp_path / "footback.html"))
    sets = page.evaluate("window.footback.quiz.sets")
    page.select_option("#fb-quiz-pick", "0")
    for i, q in enumerate(sets[0]["questions"]):
        wrong = (q["answer"] + 1) % len(q["choices"]) if i % 2 else q["answer"]
        page.click(f"#fb-quiz-body .fb-quiz-choice >> nth={wrong}")
        verdict = page.inner_text("#fb-quiz-body .fb-quiz-verdict")
        assert verdict == "Right!" if wrong == q["answer"] else verdict.startswith("Not quite: the answer is ")
        body = page.inner_text("#fb-quiz-body")
        assert "Source: " in body
        # The answer's path is drawn: every node of it highlighted.
        assert set(q["path"]) <= set(page.evaluate("window.footback.highlighted()")), q["question"]
        page.click("#fb-quiz-body .fb-quiz-next")
    assert page.inner_text("#fb-quiz-body .fb-quiz-score") == f"Score: 5 of {len(sets[0]['questions'])}."
    assert problems == []
