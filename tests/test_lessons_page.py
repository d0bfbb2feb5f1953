"""The lessons panel of the explorer page, and the printed handout, in a real browser.

Debian's Chromium driven by Playwright, started once per run by tests/conftest.py.
Locally these tests skip (with the reason) when Chromium is missing; under CI
(``CI=true``) they fail instead.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.exporters import export
from graph.teaching.lessons import load_lessons
from tests import HEEL_SPUR, TINY_DIR


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
        page.on("dialog", lambda d: (problems.append("dialog: " + d.message), d.dismiss()))
        page.goto(path.resolve().as_uri())
        return page, problems

    yield _open
    for c in contexts:
        c.close()


@pytest.fixture(scope="module")
def curated_page(tmp_path_factory):
    from graph import load_graph

    return export(load_graph(), "html", tmp_path_factory.mktemp("page") / "footback.html")


def _step_state(page):
    return page.evaluate(
        """() => ({
            pos: document.getElementById('fb-lesson-pos').textContent,
            title: document.querySelector('#fb-lesson-step .fb-lesson-title').textContent,
            chain: document.querySelector('#fb-lesson-step .fb-lesson-chain').textContent,
            highlighted: window.footback.highlighted(),
            selected: window.footback.state.selected,
            prev: document.getElementById('fb-lesson-prev').disabled,
            next: document.getElementById('fb-lesson-next').disabled,
        })"""
    )


@pytest.mark.parametrize("name", ["from-the-foot-up", "from-the-back-down"])
def test_lesson_steps_through_with_previous_and_next(open_page, curated_page, curated, name):
    page, problems = open_page(curated_page)
    page.wait_for_function("() => window.footbackReady === true", timeout=15000)
    lesson = next(lesson for lesson in load_lessons(curated) if lesson.name == name)
    assert page.locator("#fb-lessons").is_visible()
    page.select_option("#fb-lesson-pick", label=f"{lesson.title} ({len(lesson.steps)} steps)")
    n = len(lesson.steps)
    for i, step in enumerate(lesson.steps):
        state = _step_state(page)
        assert state["pos"] == f"Step {i + 1} of {n}"
        assert state["title"] == step.title
        assert state["chain"] == " \u2192 ".join(curated.nodes[x]["label"] for x in step.nodes)
        if len(step.nodes) > 1:
            assert state["highlighted"] == sorted(step.nodes) and state["selected"] is None
        else:
            assert state["selected"] == step.nodes[0] and state["highlighted"] == []
            assert page.locator("#fb-details-h").text_content() == curated.nodes[step.nodes[0]]["label"]
        assert state["prev"] == (i == 0) and state["next"] == (i == n - 1)
        if i < n - 1:
            page.click("#fb-lesson-next")
    # and back again
    page.click("#fb-lesson-prev")
    assert _step_state(page)["pos"] == f"Step {n - 1} of {n}"
    assert _step_state(page)["highlighted"] == sorted(lesson.steps[n - 2].nodes) or len(lesson.steps[n - 2].nodes) == 1
    assert problems == []


def test_lesson_step_edges_carry_notes_and_sections(open_page, curated_page, curated):
    page, problems = open_page(curated_page)
    page.wait_for_function("() => window.footbackReady === true", timeout=15000)
    page.evaluate("window.footback.lessons.show('from-the-foot-up', 5)")
    items = page.locator("#fb-lesson-step ul.fb-lesson-edges li")
    assert items.count() == 3
    first = items.nth(0)
    assert first.locator(".fb-rel").text_content() == "Plantar fasciitis can lead to Heel pain."
    assert first.locator(".fb-why").text_content() == curated.edges["plantar-fasciitis", "heel-pain", "causes"]["note"]
    # Worded as the explorer's panel, the CLI's explain and an Anki card word it.
    assert first.locator(".fb-cite").text_content() == 'Source: The Link Between Foot and Back Pain, section "Plantar Fasciitis"'
    how = first.locator(".fb-evidence")
    assert how.text_content() == "How sure: established. " + curated.edges["plantar-fasciitis", "heel-pain", "causes"]["evidence_note"]
    assert how.locator(".fb-level-established").text_content() == "established"
    assert "not medical advice" in page.locator("#fb-lessons .fb-hint").text_content()
    assert problems == []


def test_no_lessons_panel_when_no_lesson_fits(open_page, tmp_path):
    from graph.formats.yamlfile import load_graph_dir

    page, problems = open_page(export(load_graph_dir(TINY_DIR), "html", tmp_path / "tiny.html"))
    page.wait_for_function("() => window.footbackReady === true", timeout=15000)
    assert page.locator("#fb-lessons").is_hidden()
    assert problems == []


def test_malicious_lesson_text_is_shown_not_run(open_page, tmp_path, monkeypatch):
    import shutil

    import graph.teaching.lessons as lessons_module
    from graph.formats.yamlfile import load_graph_dir

    folder = tmp_path / "lessons"
    folder.mkdir()
    shutil.copy(TINY_DIR.parent / "lessons" / "tiny-tour.yaml", folder / "tiny-tour.yaml")
    evil = "<img src=x onerror=alert(1)><script>alert(2)</script>"
    (folder / "tiny-tour.yaml").write_text(
        (folder / "tiny-tour.yaml").read_text().replace("title: A tiny tour", f"title: '{evil}'").replace("text: Start at the heel spur.", f"text: '</script>{evil}'")
    )
    monkeypatch.setattr(lessons_module, "LESSONS_DIR", folder)
    G = load_graph_dir(TINY_DIR)
    G.nodes[HEEL_SPUR]["label"] = evil
    page, problems = open_page(export(G, "html", tmp_path / "evil.html"))
    page.wait_for_function("() => window.footbackReady === true", timeout=15000)
    page.evaluate("window.footback.lessons.show(0, 0)")
    assert page.locator("#fb-lesson-step .fb-lesson-text").text_content() == "</script>" + evil
    assert page.locator("#fb-lesson-step .fb-lesson-chain").text_content() == evil
    assert evil in page.locator("#fb-lesson-pick").text_content()
    assert page.locator("#fb-lessons img, #fb-lessons script").count() == 0
    assert problems == []


def test_handout_prints_cleanly(browser, tmp_path, curated):
    html = export(curated, "handout", tmp_path / "sheet.html")
    context = browser.new_context()
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("dialog", lambda d: (problems.append(d.message), d.dismiss()))
        page.goto(html.resolve().as_uri())
        page.emulate_media(media="print")
        assert page.locator("section.condition").count() == 7
        # each condition starts a new printed page, the first one does not
        breaks = page.evaluate("[...document.querySelectorAll('section.condition')].map(s => getComputedStyle(s).breakBefore)")
        assert breaks == ["auto"] + ["page"] * 6
        pdf = page.pdf(format="A4")
        import re

        assert pdf.startswith(b"%PDF")
        assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 7  # at least a page per condition
        assert problems == []
    finally:
        context.close()


NEXT_AND_VIEW = """() => {
  const r = document.getElementById('fb-lesson-next').getBoundingClientRect();
  const line = (id) => { const e = document.getElementById(id); return e.getClientRects().length === 1 && e.offsetHeight < 2 * parseFloat(getComputedStyle(e).lineHeight || 20) + 16; };
  return {x: Math.round(r.left), y: Math.round(r.top), bottom: r.bottom, right: r.right, w: innerWidth, h: innerHeight,
          oneLine: ['fb-lesson-prev', 'fb-lesson-next', 'fb-lesson-pos'].every((id) => document.getElementById(id).offsetHeight <= 40)};
}"""

# Every highlighted node of the step, label included, fully in the drawing and clear of the toolbar.
STEP_HIDDEN = """() => {
  const c = document.getElementById('fb-network'), r = c.getBoundingClientRect();
  const t = document.getElementById('fb-toolbar').getBoundingClientRect(), out = [];
  const ids = footback.highlighted().length ? footback.highlighted() : [footback.state.selected];
  for (const id of ids) {
    // vis-network's box stops short of a label drawn below its shape: take the label's own size.
    const b = footback.network.getBoundingBox(id), s = footback.network.body.nodes[id].labelModule.size;
    const a = footback.network.canvasToDOM({x: Math.min(b.left, s.left), y: Math.min(b.top, s.top)});
    const z = footback.network.canvasToDOM({x: Math.max(b.right, s.left + s.width), y: Math.max(b.bottom, s.top + s.height)});
    const L = r.left + a.x, T = r.top + a.y, R = r.left + z.x, B = r.top + z.y;
    const underToolbar = R > t.left && L < t.right && B > t.top && T < t.bottom;
    if (a.x < 0 || a.y < 0 || z.x > c.clientWidth || z.y > c.clientHeight || underToolbar) out.push(id);
  }
  return out;
}"""


VIEW_STILL = """() => new Promise(done => {
  const view = () => JSON.stringify([footback.network.getViewPosition(), footback.network.getScale()]);
  const before = view();
  setTimeout(() => done(before === view()), 250);
})"""


@pytest.mark.parametrize("size", [(1024, 768), (1400, 900)])
@pytest.mark.parametrize("name", ["from-the-foot-up", "from-the-back-down"])
def test_lesson_next_stays_put_and_each_step_is_in_view(browser, curated_page, curated, name, size):
    """A teacher at a projector clicks Next again and again without scrolling or aiming anew,
    and every step's nodes, labels included, are drawn clear of the toolbar."""
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.goto(curated_page.resolve().as_uri())
        page.wait_for_function("() => window.footbackReady === true", timeout=15000)
        if page.evaluate("document.body.classList.contains('fb-wide')"):
            page.click("#fb-panel")
        lesson = next(lesson for lesson in load_lessons(curated) if lesson.name == name)
        page.locator("#fb-lesson-pick").scroll_into_view_if_needed()
        page.select_option("#fb-lesson-pick", label=f"{lesson.title} ({len(lesson.steps)} steps)")
        places = []
        for i in range(len(lesson.steps)):
            page.wait_for_function("() => !footback.moving()", timeout=15000)  # the step's animated move
            where = page.evaluate(NEXT_AND_VIEW)
            assert where["oneLine"], (i, where)
            assert 0 <= where["y"] and where["bottom"] <= where["h"] and where["right"] <= where["w"], (i, where)
            places.append((where["x"], where["y"]))
            assert page.evaluate(STEP_HIDDEN) == [], f"step {i + 1}"
            if i < len(lesson.steps) - 1:
                page.click("#fb-lesson-next")  # a real click: fails if the button is covered or off screen
        assert len(set(places)) == 1, places
        assert page.locator("#fb-lesson-pos").text_content() == f"Step {len(lesson.steps)} of {len(lesson.steps)}"
        assert problems == []
    finally:
        context.close()
