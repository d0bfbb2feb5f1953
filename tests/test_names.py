"""Names as people type them: ids, labels, synonyms, plurals, typos, unknown, ambiguous."""

import networkx as nx
import pytest

from graph.errors import EXIT_USAGE, AmbiguousName, NameNotFound
from graph.language.names import allowed_edits, fuzzy_scores, name_index, normalize, resolve, resolve_all, typo_matches
from tests import HEEL_SPUR, HIP, HIP_ACHE, LIMPING


@pytest.mark.parametrize(
    "text, key",
    [
        ("Flat-Feet", "flat foot"),
        ("flat feet", "flat foot"),
        ("FLAT  FOOT", "flat foot"),
        ("Bunions", "bunion"),
        ("Achilles' tendonitis", "achille tendonitis"),
        ("Policeman’s heel", "policeman heel"),
        ("vertebrae", "vertebra"),
        ("stenosis", "stenosis"),  # -is is not a plural
        ("hallux valgus", "hallux valgus"),  # nor is -us
        ("injuries", "injury"),
        ("crèche", "creche"),
        ("  ", ""),
    ],
)
def test_normalize(text, key):
    assert normalize(text) == key


@pytest.mark.parametrize(
    "name, node",
    [
        # ids, labels and synonyms, whatever the case, punctuation or number
        ("plantar-fasciitis", "plantar-fasciitis"),
        ("Plantar fasciitis", "plantar-fasciitis"),
        ("PLANTAR FASCIITIS", "plantar-fasciitis"),
        ("policemans heel", "plantar-fasciitis"),
        ("Flat feet", "flat-feet"),
        ("flat-foot", "flat-feet"),
        ("flatfoot", "flat-feet"),
        ("pes planus", "flat-feet"),
        ("bunions", "bunion"),
        ("Slipped disc", "herniated-disc"),
        ("slipped discs", "herniated-disc"),
        ("lumbago", "lower-back-pain"),
        ("back pain", "lower-back-pain"),
        ("numb toes", "foot-numbness"),
        ("pins and needles", "foot-tingling"),
        ("PT", "physical-therapy"),
        # typos, through rapidfuzz
        ("plantar fascitis", "plantar-fasciitis"),
        ("planter fasciitis", "plantar-fasciitis"),
        ("plantr fascitis", "plantar-fasciitis"),
        ("sciatia", "sciatica"),
        ("bunyons", "bunion"),
        ("flatfeet", "flat-feet"),
        ("lowr back pain", "lower-back-pain"),
        ("heal pain", "heel-pain"),
        ("achilles tendonitus", "achilles-tendonitis"),
        ("herniated disk", "herniated-disc"),
        ("chiropracter", "chiropractic-care"),
        ("surgury", "surgery"),
        ("toe pian", "foot-pain"),
        # every word of a longer name, in any order
        ("stenosis", "spinal-stenosis"),
        ("stenosys", "spinal-stenosis"),
        ("pain heel", "heel-pain"),
    ],
)
def test_resolve_curated(curated, name, node):
    assert resolve(curated, name) == node


@pytest.mark.parametrize(
    "name, candidates",
    [
        ("achilles", ["achilles-tendon", "achilles-tendonitis"]),
        ("posture", ["gait-posture-change", "good-posture", "posture-change"]),
        ("disc", ["herniated-disc", "intervertebral-disc"]),
        # one letter from "sciatica", and a whole word of "sciatic nerve": ask
        ("sciatic", ["sciatic-nerve", "sciatic-nerve-compression", "sciatica"]),
        ("back", ["lower-back", "lower-back-pain", "lower-back-stiffness", "lower-back-strain"]),
    ],
)
def test_ambiguous_names_list_every_candidate(curated, name, candidates):
    with pytest.raises(AmbiguousName) as exc:
        resolve(curated, name)
    assert exc.value.candidates == candidates
    assert exc.value.exit_code == EXIT_USAGE
    assert str(exc.value) == f"{name!r} is ambiguous; it matches: " + ", ".join(candidates)


@pytest.mark.parametrize(
    "name, suggestions",
    [
        ("hernia", ["herniated-disc"]),  # a different condition: suggest, never pick
        ("chiro", ["chiropractic-care"]),
        ("calm", ["calf"]),  # one letter off a four-letter word is too far to pick
        ("xyzzy", []),
        ("LBP", []),
        # Another body part typed, not a typo: never picked (two edits from a real name).
        ("neck pain", ["lower-back-pain"]),
        ("neck stiffness", ["lower-back-stiffness"]),
        ("arm pain", ["arch-pain"]),
        ("head pain", ["arch-pain"]),
        ("hip pain", ["arch-pain"]),
    ],
)
def test_unknown_names_suggest_but_never_pick(curated, name, suggestions):
    with pytest.raises(NameNotFound) as exc:
        resolve(curated, name)
    assert set(suggestions) <= set(exc.value.suggestions)
    assert bool(exc.value.suggestions) == bool(suggestions)
    assert exc.value.exit_code == EXIT_USAGE
    if suggestions:
        assert "; did you mean: " in str(exc.value) and suggestions[0] in str(exc.value)
    else:
        assert str(exc.value) == f"no node named {name!r}"


def test_unknown_name_suggestions_are_capped_and_ordered(curated):
    with pytest.raises(NameNotFound) as exc:
        resolve(curated, "spinal thing")
    assert 1 <= len(exc.value.suggestions) <= 5
    assert set(exc.value.suggestions) <= {"spine", "intervertebral-disc", "lumbar-spine", "spinal-canal", "spinal-stenosis", "spinal-misalignment", "spinal-nerve-roots", "vertebrae", "thigh"}


def test_resolve_tiny_graph(tiny):
    assert resolve(tiny, HEEL_SPUR) == HEEL_SPUR
    assert resolve(tiny, "calcaneal spurs") == HEEL_SPUR
    assert resolve(tiny, "Limp") == LIMPING
    assert resolve(tiny, "sore hips") == HIP_ACHE
    assert resolve(tiny, "hip") == HIP  # exact beats "hip ache"
    assert resolve(tiny, "hip-ach") == HIP_ACHE
    assert resolve_all(tiny, ["limp", "Hip"]) == [LIMPING, HIP]


def test_equal_fuzzy_matches_are_ambiguous():
    G = nx.MultiDiGraph()
    G.add_node("left-knee-pain", label="Left knee pain")
    G.add_node("right-knee-pain", label="Right knee pain")
    with pytest.raises(AmbiguousName) as exc:
        resolve(G, "knee pain")
    assert exc.value.candidates == ["left-knee-pain", "right-knee-pain"]
    assert resolve(G, "left kne pain") == "left-knee-pain"


def test_exact_name_shared_by_two_nodes_is_ambiguous():
    # The validator forbids this in YAML data; other importers might not.
    G = nx.MultiDiGraph()
    G.add_node("a", label="Cramp")
    G.add_node("b", label="cramps")
    with pytest.raises(AmbiguousName) as exc:
        resolve(G, "CRAMP")
    assert exc.value.candidates == ["a", "b"]


def test_exact_id_wins_over_names():
    G = nx.MultiDiGraph()
    G.add_node("heel", label="Calcaneus")
    G.add_node("x", label="Heel")  # a label equal to another node's id
    assert resolve(G, "heel") == "heel"
    with pytest.raises(AmbiguousName):
        resolve(G, "Heel")


def test_typo_matches_scores():
    G = nx.MultiDiGraph()
    G.add_node("bunion", label="Bunion", synonyms=["hallux valgus"])
    assert typo_matches(G, "bunyon") == [("bunion", 92.0)]
    assert typo_matches(G, "hallux valgs") == [("bunion", 84.0)]
    assert typo_matches(G, "valgus") == [("bunion", 85.0)]
    assert typo_matches(G, "bun") == []
    assert typo_matches(G, "!!!") == []


def test_short_words_tolerate_no_typos():
    assert [allowed_edits(n) for n in range(1, 5)] == [0, 0, 0, 0]
    assert allowed_edits(30) == 3


def test_name_index_and_fuzzy_scores_are_deterministic(curated):
    index = name_index(curated)
    assert index["flat foot"] == {"flat-feet"}
    assert index["plantar fasciitis"] == {"plantar-fasciitis"}
    first = fuzzy_scores(curated, "pain", limit=6)
    assert first == fuzzy_scores(curated, "pain", limit=6)
    scores = [s for _, s, _ in first]
    assert scores == sorted(scores, reverse=True)
    assert fuzzy_scores(curated, "") == []


@pytest.mark.parametrize(
    "name, node",
    [("heal pain", "heel-pain"), ("slipped disk", "herniated-disc"), ("lowerback pain", "lower-back-pain"), ("pes plans", "flat-feet"), ("achilles tendinitis", "achilles-tendonitis")],
)
def test_typos_inside_words_are_still_picked(curated, name, node):
    assert resolve(curated, name) == node


@pytest.mark.parametrize("name, node", [("hallux valgus", "bunion"), ("Bulging disc", "herniated-disc"), ("overpronation", "flat-feet")])
def test_a_related_term_is_suggested_never_picked(curated, name, node):
    """A related term names something near, not the same thing (a bulging disc is not a herniated one)."""
    with pytest.raises(NameNotFound) as exc:
        resolve(curated, name)
    assert exc.value.suggestions == [node]
    assert "related term of" in str(exc.value) and "not the same thing" in str(exc.value)


def test_suggested_ids_are_quoted_for_a_shell():
    import shlex

    G = nx.MultiDiGraph()
    G.add_node("n 1", label="Knee strain one")
    G.add_node("n 2", label="Knee strain two")
    with pytest.raises(AmbiguousName) as exc:
        resolve(G, "knee strain")
    listed = str(exc.value).split("it matches: ")[1]
    assert shlex.split(listed.replace(",", "")) == ["n 1", "n 2"]
