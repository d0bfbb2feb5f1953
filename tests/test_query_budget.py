"""Path queries bounded in work, not only in length and count (issue 13.4).

The attack: 98 layers of two nodes, each linked to both of the next, so
2**98 paths of 99 hops. ``paths s t --max-hops 100 --limit 10000`` did not
finish in 25 minutes. Now every search spends at most PATH_WORK_BUDGET steps
and says when it was cut short.
"""

import json

import pytest

import graph.questions.query as query
from cli import cli
from graph.errors import EXIT_EMPTY, EXIT_OK
from graph.questions.explain import explain
from graph.exporters import export
from graph.questions.query import PATH_WORK_BUDGET, paths
from tests.evil_graph import LAYERED_SOURCE as S
from tests.evil_graph import LAYERED_TARGET as T
from tests.evil_graph import layered_graph


@pytest.fixture
def small_budget(monkeypatch):
    """The same behaviour at a tenth of the default budget, to keep the tests quick."""
    monkeypatch.setattr(query, "PATH_WORK_BUDGET", 300_000)


@pytest.fixture(scope="module")
def layered():
    return layered_graph()


@pytest.fixture(scope="module")
def layered_file(tmp_path_factory, layered):
    return export(layered, "json", tmp_path_factory.mktemp("layered") / "layered.json")


def test_paths_on_the_layered_graph_stop_at_the_budget_and_say_so(layered):
    found = paths(layered, S, T, max_hops=100, limit=10_000)
    assert 0 < len(found) < 10_000
    assert found.truncated and f"{PATH_WORK_BUDGET:,} steps" in found.truncated
    assert all(p["hops"] == 99 and p["nodes"][0] == S and p["nodes"][-1] == T for p in found)
    assert len({tuple(p["nodes"]) for p in found}) == len(found)


def test_the_budget_is_work_not_time_the_same_answer_every_run(layered):
    a = paths(layered, S, T, max_hops=100, limit=10_000, budget=50_000)
    b = paths(layered, S, T, max_hops=100, limit=10_000, budget=50_000)
    assert [p["nodes"] for p in a] == [p["nodes"] for p in b] and a.truncated == b.truncated
    bigger = paths(layered, S, T, max_hops=100, limit=10_000, budget=200_000)
    assert len(bigger) > len(a)
    assert [p["nodes"] for p in bigger][: len(a)] == [p["nodes"] for p in a]  # the same order, more of it


def test_via_is_bounded_too(layered, small_budget):
    found = paths(layered, S, T, max_hops=100, limit=10_000, via="n50a")
    assert found.truncated and all("n50a" in p["nodes"] for p in found)


def test_a_search_within_its_budget_is_not_marked(tiny):
    from tests import HEEL_SPUR, HIP_ACHE

    assert paths(tiny, HEEL_SPUR, HIP_ACHE).truncated is None


def test_explain_says_it_was_cut_short(layered, small_budget):
    told = explain(layered, S, T, max_hops=100, limit=10_000)
    assert told.truncated and len(told) < 10_000 and told[0]["text"]


@pytest.mark.parametrize("command", ["paths", "explain"])
def test_cli_json_says_truncated_with_a_reason(runner, layered_file, command, small_budget):
    result = runner.invoke(cli, ["--graph", str(layered_file), command, S, T, "--max-hops", "100", "--limit", "10000", "--json"])
    assert result.exit_code == EXIT_OK, result.output
    doc = json.loads(result.stdout)
    assert doc["truncated"] is True and "steps of work" in doc["truncated_reason"]
    assert 0 < len(doc["paths"]) < 10_000


def test_cli_words_say_cut_short(runner, layered_file, small_budget):
    result = runner.invoke(cli, ["--graph", str(layered_file), "paths", S, T, "--max-hops", "100", "--limit", "10000"])
    assert result.exit_code == EXIT_OK
    assert "\nCut short: the search stopped after" in result.stdout
    result = runner.invoke(cli, ["--graph", str(layered_file), "explain", S, T, "--max-hops", "100", "--limit", "10000"])
    assert "before the search was cut short" in result.stdout


def test_cli_json_of_a_complete_answer_says_not_truncated(runner):
    from tests import HEEL_SPUR, HIP_ACHE, TINY_DIR

    doc = json.loads(runner.invoke(cli, ["--graph", str(TINY_DIR), "paths", HEEL_SPUR, HIP_ACHE, "--json"]).stdout)
    assert doc["truncated"] is False and doc["truncated_reason"] is None


@pytest.mark.parametrize(
    "argv,code",
    [
        (["whatif", "--remove", "n50a"], EXIT_OK),
        (["common-causes", T], EXIT_OK),
        (["quiz", "--print", "--seed", "1"], EXIT_EMPTY),  # no safely wrong choices in one chain
        (["explain", S, T, "--max-hops", "100"], EXIT_OK),
    ],
)
def test_other_commands_that_follow_paths_finish_on_the_layered_graph(runner, layered_file, argv, code, small_budget):
    result = runner.invoke(cli, ["--graph", str(layered_file), *argv])
    assert result.exit_code == code, result.output


def test_whatif_on_a_cyclic_explosion_stops_at_its_budget(runner, tmp_path, monkeypatch):
    """Back links make the layered graph cyclic: counting is by enumeration, so it must stop."""
    import graph.teaching.whatif as w

    G = layered_graph(layers=30)
    for i in range(29):
        G.add_edge(f"n{i + 1}a", f"n{i}b", key="causes", relation="causes", note="", section="", cites="")
    monkeypatch.setattr(w, "CYCLIC_STEP_BUDGET", 100_000)
    result = w.whatif(G, ["n15a"])
    assert result["truncated"] is True
    assert any(not r["exact"] for r in result["symptoms"] + result["taken_out"])
