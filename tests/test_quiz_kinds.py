"""The anatomy of the link: nerve route, dermatomes, signs, red flags, and the quiz kinds built on them."""

import json
from collections import Counter

import networkx as nx
import pytest

from cli import cli
from graph.questions.anatomy import is_red_flag, red_flags, urgent_care
from graph.errors import EXIT_DATA
from graph.teaching.quiz import KINDS, all_questions, generate, is_correct
from graph.teaching.quiz_kinds import content_words, shares_word

SEEDS = range(50)


def route(G):
    return nx.DiGraph((u, v) for u, v, r in G.edges(keys=True) if r == "branches_into")


def test_nerve_route_runs_from_the_roots_to_the_sole(curated):
    R = route(curated)
    for root in ("l4-nerve-root", "l5-nerve-root", "s1-nerve-root"):
        assert nx.shortest_path(R, root, "medial-plantar-nerve") == [root, "sacral-plexus", "sciatic-nerve", "tibial-nerve", "medial-plantar-nerve"]
        assert nx.has_path(R, root, "common-fibular-nerve")
    # The sciatic nerve forms in the pelvis; its edge note says where it usually splits.
    assert curated.has_edge("sacral-plexus", "pelvis", "part_of")
    assert "above the knee" in curated.edges["sciatic-nerve", "tibial-nerve", "branches_into"]["note"]
    for u, v, d in curated.edges(data=True):
        if d["relation"] in ("branches_into", "supplies"):
            assert d["cites"] == "grays-anatomy-students" and d["evidence_level"] == "established", (u, v)


@pytest.mark.parametrize(
    "root, area, numb",
    [
        ("l4-nerve-root", "l4-dermatome", "numb-inner-leg"),
        ("l5-nerve-root", "l5-dermatome", "numb-top-of-foot"),
        ("s1-nerve-root", "s1-dermatome", "numb-outer-foot"),
    ],
)
def test_each_root_supplies_its_skin_area_and_its_numbness_sits_there(curated, root, area, numb):
    assert curated.has_edge(root, area, "supplies") and curated.has_edge(numb, area, "located_in")
    assert "overlap" in curated.nodes[area]["description"]  # the maps differ between sources
    pressed = root.replace("-nerve-root", "-root-compression")
    assert curated.has_edge(pressed, root, "located_in") and curated.has_edge(pressed, numb, "causes")


def test_signs_point_to_their_level(curated):
    causes = {(u, v) for u, v, r in curated.edges(keys=True) if r == "causes"}
    assert {
        ("l5-root-compression", "weak-toe-and-foot-lift"),
        ("s1-root-compression", "weak-push-off"),
        ("s1-root-compression", "reduced-ankle-reflex"),
        ("l4-root-compression", "reduced-knee-reflex"),
        ("fibular-nerve-injury", "foot-drop"),
    } <= causes


def test_the_dermatome_path_example(runner):
    result = runner.invoke(cli, ["paths", "herniated disc", "numbness on the top of the foot"])
    assert result.exit_code == 0
    assert "Herniated disc → Pressed L5 nerve root → Numbness on the top of the foot" in result.output
    told = runner.invoke(cli, ["explain", "herniated disc", "numbness on the top of the foot"]).output
    assert "in the L5 skin area (top of the foot and big toe)" in " ".join(told.split())


def test_red_flags_lead_to_urgent_care(curated, runner):
    assert red_flags(curated) == ["saddle-numbness", "bladder-bowel-trouble", "both-legs-weakening"]
    for flag in red_flags(curated):
        assert urgent_care(curated, flag) == [{"treatment": "urgent-care", "for": "cauda-equina-compression"}]
    assert not any(is_red_flag(curated, n) for n in curated if n not in red_flags(curated))
    out = runner.invoke(cli, ["show", "saddle numbness"]).output
    assert "RED FLAG: a warning sign that needs urgent care (Urgent medical care for Pressed" in out
    data = json.loads(runner.invoke(cli, ["show", "saddle numbness", "--json"]).output)
    assert data["red_flag"]["urgent_care"][0]["treatment"]["id"] == "urgent-care"
    assert "red_flag" not in json.loads(runner.invoke(cli, ["show", "heel pain", "--json"]).output)


@pytest.mark.parametrize("value, node_type", [("maybe", "symptom"), ("true", "condition")])
def test_red_flag_must_be_a_boolean_on_a_symptom(runner, tiny_dir, value, node_type):
    nodes = tiny_dir / "nodes.yaml"
    text = nodes.read_text()
    target = "  - id: numb-toe\n    label: Numb toe\n    type: symptom\n"
    assert target in text
    text = text.replace(target, f"  - id: numb-toe\n    label: Numb toe\n    type: {node_type}\n    red_flag: {value}\n")
    nodes.write_text(text)
    line = text.splitlines().index(f"    red_flag: {value}") + 1
    result = runner.invoke(cli, ["validate", "--graph", str(tiny_dir)])
    assert result.exit_code == EXIT_DATA
    assert f"nodes.yaml:{line}" in result.output and "'red_flag' must be true or false, and true only on a symptom" in result.output
    assert "Traceback" not in result.output


# --- the quiz, measured on the shipped graph ----------------------------------------------


def test_quiz_figures_on_the_shipped_graph(curated):
    """The teaching page's figures: at least 60 distinct sound questions, every kind, and each
    10-question seeded set covering at least four kinds."""
    qs = all_questions(curated)
    assert len({q.key for q in qs}) == len(qs) >= 60
    assert {q.kind for q in qs} == set(KINDS)
    for q in qs:
        assert is_correct(curated, q, q.answer_id), q.key
        assert not any(is_correct(curated, q, c) for c in q.choices if c != q.answer_id), q.key
        assert 2 <= len(q.choices) <= 4
    for seed in SEEDS:
        quiz = generate(curated, count=10, seed=seed)
        assert len(quiz) == 10 and len({q.kind for q in quiz}) >= 4, seed
        facts = [q.fact for q in quiz if q.fact]
        assert len(facts) == len(set(facts)), seed
    assert len(generate(curated, count=10, seed=1, kinds=["treatment"])) >= 2


def test_most_questions_have_three_or_four_choices(curated):
    sizes = Counter(len(q.choices) for q in all_questions(curated))
    assert sizes[3] + sizes[4] >= 3 * sizes[2]


def test_where_never_names_its_answer(curated):
    assert content_words("Plantar fasciitis") & content_words("Plantar fascia") == {"plantar"}
    assert shares_word(curated, "plantar-fasciitis", "plantar-fascia")
    for q in all_questions(curated, kinds=["where"]):
        for c in q.choices:
            assert not shares_word(curated, q.topic, c), (q.key, c)


def test_root_and_sign_questions_do_not_test_the_same_fact_twice(curated):
    for seed in SEEDS:
        quiz = generate(curated, count=40, seed=seed, kinds=["root", "sign"])
        pairs = [q.fact for q in quiz]
        assert len(pairs) == len(set(pairs)), seed


def test_root_distractors_are_roots_and_never_on_the_answer_s_route(curated):
    R = route(curated)
    for q in all_questions(curated, kinds=["root"]):
        near = nx.ancestors(R, q.answer_id) | nx.descendants(R, q.answer_id)
        assert not set(q.choices) & near, q.key
        if q.answer_id.endswith("-nerve-root"):
            assert all(c.endswith("-nerve-root") for c in q.choices), q.key


def test_evidence_answer_is_strictly_surest(curated):
    from graph.model.evidence import LEVELS

    for q in all_questions(curated, kinds=["evidence"]):
        ranks = {c: LEVELS.index(curated.edges[u, v, rel]["evidence_level"]) for c, u, rel, v in q.links}
        assert ranks[q.answer_id] < min(r for c, r in ranks.items() if c != q.answer_id), q.key


def test_evidence_checker_counts_a_link_without_a_level_below_every_level(curated):
    G = curated.copy()
    q = next(iter(all_questions(G, kinds=["evidence"])))
    wrong = next(link for link in q.links if link[0] != q.answer_id)
    del G.edges[wrong[1], wrong[3], wrong[2]]["evidence_level"]
    assert is_correct(G, q, q.answer_id) and not is_correct(G, q, wrong[0])
    _, u, rel, v = next(link for link in q.links if link[0] == q.answer_id)
    del G.edges[u, v, rel]["evidence_level"]
    assert not is_correct(G, q, q.answer_id)


def test_treatment_research_form_names_the_contradicted_claim(curated):
    qs = [q for q in all_questions(curated, kinds=["treatment"]) if q.key.startswith("treatment-against:")]
    assert [q.answer_id for q in qs] == ["orthotics"]
    assert "advise against" in qs[0].prompt and "contradicted" in qs[0].edges[0]["evidence"]["level"]


def test_red_flag_care_never_offers_a_clinician_as_wrong(curated):
    for q in all_questions(curated, kinds=["red-flag"]):
        assert not {"prompt-care", "podiatrist-evaluation", "surgery"} & set(q.choices), q.key


def test_feedback_names_path_source_and_how_sure(curated):
    for q in all_questions(curated):
        d = q.to_dict(curated)
        assert d["explanation"] and d["sources"], q.key
        assert set(d["wrong_choices"]) == {c["id"] for c in d["choices"]} - {q.answer_id}
        claims = [e for e in d["explanation"] if e["relation"] in ("causes", "treats", "prevents")]
        assert all(e["evidence"] and e["evidence"]["level"] for e in claims), q.key


def test_anki_deck_and_handout_carry_the_anatomy(curated):
    from graph.teaching.anki import build_deck
    from graph.teaching.handout import to_html

    deck = build_deck(curated)
    kinds = {t for note in deck.notes for t in note.tags if t.startswith("kind::")}
    assert {"kind::root", "kind::sign", "kind::red-flag", "kind::evidence"} <= kinds
    html = to_html(curated)
    assert 'id="red-flags"' in html and 'id="nerve-route"' in html
    assert "L5 root → Sacral plexus → Sciatic nerve → Common fibular nerve" in html
