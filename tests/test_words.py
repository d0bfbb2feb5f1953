"""Everyday words: filler words, words that say the same, everyday names, things the
graph does not hold, and loose matches, over the shared table of everyday phrases
(tests/data/everyday-phrases.json; the page's port is checked against it in
tests/test_page.py)."""

import json
from pathlib import Path

import pytest

from graph.errors import AmbiguousName, NameNotFound, NotInGraph
from graph.language.names import name_index, normalize, resolve
from graph.questions.search import search
from graph.language.words import LOOSE_STEM, loose_word, not_in_graph, phrase_key, table

PHRASES = json.loads((Path(__file__).parent / "data" / "everyday-phrases.json").read_text())["phrases"]


def outcome(G, phrase):
    """What resolving ``phrase`` gives, in the table's terms."""
    try:
        return resolve(G, phrase), []
    except NotInGraph as err:
        return {"not_in_graph": err.nearest}, err.suggestions
    except AmbiguousName as err:
        return {"ambiguous": err.candidates}, err.candidates
    except NameNotFound as err:
        return {"none": err.suggestions}, err.suggestions


@pytest.mark.parametrize("row", PHRASES, ids=[r["phrase"] for r in PHRASES])
def test_everyday_phrases_resolve(curated, row):
    got, offered = outcome(curated, row["phrase"])
    want = row["resolve"]
    if isinstance(want, dict) and "none" in want:
        assert isinstance(got, dict) and "none" in got, got
        assert set(want["none"]) <= set(got["none"])
    else:
        assert got == want
    assert not set(row["never"]) & set(offered)


@pytest.mark.parametrize("row", PHRASES, ids=[r["phrase"] for r in PHRASES])
def test_everyday_phrases_search(curated, row):
    found = [m["id"] for m in search(curated, row["phrase"], limit=None)]
    if row["search_first"] is None:
        assert found == [], found
    else:
        assert found[0] == row["search_first"], found
    assert not set(row["never"]) & set(found), found


def test_whole_phrases_rank_first(curated):
    found = search(curated, "pain in my lower back", limit=None)
    assert found[0]["id"] == "lower-back-pain" and found[0]["score"] == 95.0
    assert all(m["score"] < 95 for m in found[1:])


@pytest.mark.parametrize("phrase", ["heel spur", "high heels", "bad shoes", "runner's knee", "tight calves"])
def test_not_in_graph_says_so_and_names_a_true_relative(runner, phrase):
    result = runner.invoke(__import__("cli").cli, ["search", phrase])
    assert result.exit_code == 1
    assert "not in this graph" in result.stderr and "Nearest in this graph, not the same thing:" in result.stderr
    shown = runner.invoke(__import__("cli").cli, ["show", phrase])
    assert shown.exit_code == 2 and "not in this graph" in shown.stderr and "Traceback" not in shown.output


def test_the_graphs_own_name_beats_the_table(tiny):
    # the tiny graph holds a heel spur: it is found, not declared absent
    assert resolve(tiny, "heel spur") == "heel-spur"
    assert not_in_graph(tiny, "heel spur", name_index(tiny)) is None  # its nearest node is not in the tiny graph


def test_table_names_only_curated_nodes_and_never_shadows_a_name(curated):
    t = table()
    own = {normalize(n) for node in curated for n in (node, curated.nodes[node]["label"], *curated.nodes[node]["synonyms"])}
    for name, node in t["everyday"].items():
        assert node in curated, name
        assert name not in own, f"everyday name {name!r} is already a name of the graph"
    index = name_index(curated)
    own_phrases = {phrase_key(k) for k in index}
    for entry in t["not_in_graph"]:
        assert entry["nearest"] in curated
        for name in entry["names"]:
            assert normalize(name) not in index and phrase_key(name) not in own_phrases, f"{name!r} names a node after all"
            assert "not in this graph" in entry["note"]


# Loose matches (one word typed as the start of a longer word). True hits must be
# found, false hits never. rapidfuzz's WRatio, used before, cannot tell them apart at
# any cutoff: "ice" scores 90 against "policeman heel" as "hernia" does against
# "herniated disc".
TRUE_LOOSE = [("hernia", "herniated"), ("physio", "physiotherapy"), ("tingle", "tingling"), ("chiro", "chiropractor"), ("stiff", "stiffness"), ("stretch", "stretching"), ("ortho", "orthotic")]
FALSE_LOOSE = [("spur", "surgery"), ("ice", "policeman"), ("disc", "discomfort"), ("disk", "distribution"), ("heel", "heeled"), ("back", "backbone"), ("pain", "painful"), ("spin", "spinal")]


@pytest.mark.parametrize("typed, word", TRUE_LOOSE)
def test_loose_true_hits(typed, word):
    assert loose_word(typed, word)


@pytest.mark.parametrize("typed, word", FALSE_LOOSE)
def test_loose_false_hits(typed, word):
    assert not loose_word(typed, word)


def test_no_wratio_cutoff_separates_true_from_false_hits():
    from rapidfuzz import fuzz

    true = min(fuzz.WRatio("hernia", "herniated disc"), fuzz.WRatio("chiro", "chiropractic care"))
    false = max(fuzz.WRatio("ice", "policeman heel"), fuzz.WRatio("spur", "surgery"))
    assert false >= true - 15  # "spur"/"surgery" 77 and "ice"/"policeman heel" 90 against 90


def test_loose_stem_is_the_shortest_that_keeps_false_hits_out():
    # one letter shorter and "spin" (4 letters) would reach "spinal", "back" "backbone"
    assert LOOSE_STEM == 5
    assert all(len(t) >= LOOSE_STEM or not loose_word(t, w) for t, w in FALSE_LOOSE)
    assert all(len(t) >= LOOSE_STEM for t, _ in TRUE_LOOSE)


def test_a_query_by_the_graphs_own_name_does_not_read_the_words_table(tmp_path):
    """The words table (YAML) is read only when a name matches none of the graph's own,
    so the everyday query stays as fast as before (bench/startup.py)."""
    import subprocess
    import sys

    code = (
        "import sys; from cli import main\n"
        "try:\n    main(['paths', 'plantar fasciitis', 'lower back pain', '--limit', '1'])\n"
        "except SystemExit:\n    pass\n"
        "print('yaml' in sys.modules, file=sys.stderr)"
    )
    import os

    env = {k: v for k, v in os.environ.items() if k != "FOOTBACK_NO_CACHE"} | {"FOOTBACK_CACHE_DIR": str(tmp_path)}
    for _ in range(2):  # the first fills the cache (reading the data's YAML); the second is the everyday query
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parent.parent, env=env)
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr
