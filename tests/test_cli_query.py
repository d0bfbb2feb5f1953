"""The query commands through CliRunner: output, JSON shapes, exit codes, colour, --graph."""

import json

import pytest

import cli
from cli import cli as footback
from graph.errors import EXIT_DATA, EXIT_EMPTY, EXIT_OK, EXIT_USAGE
from tests import HEEL_SPUR, HIP, HIP_ACHE, ICE, LEG, LIMPING, NUMB_TOE, TINY_DIR

NODE_KEYS = {"id", "label", "type"}
QUERY_COMMANDS = ["paths", "explain", "causes", "effects", "treatments", "show", "search", "list", "stats"]


def run(runner, *args, graph=TINY_DIR, **kwargs):
    argv = (["--graph", str(graph)] if graph else []) + [str(a) for a in args]
    result = runner.invoke(footback, argv, **kwargs)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def run_json(runner, *args, graph=TINY_DIR, code=EXIT_OK):
    result = run(runner, *args, "--json", graph=graph)
    assert result.exit_code == code, result.output
    return json.loads(result.stdout)


def assert_node(obj, node_id=None):
    assert NODE_KEYS <= set(obj), obj
    assert all(isinstance(obj[k], str) for k in NODE_KEYS)
    if node_id is not None:
        assert obj["id"] == node_id


# --- paths ---------------------------------------------------------------------------


def test_paths_tiny_exact_output(runner):
    result = run(runner, "paths", "heel spur", "hip ache")
    assert result.exit_code == EXIT_OK
    assert result.stderr == ""
    assert result.stdout == (
        "1 path from Heel spur to Hip ache (causes links, at most 6 hops):\n"
        "\n"
        "1. Heel spur → Limping → Hip ache  (2 steps)\n"
        "   Heel spur  can lead to  Limping\n"
        "       A spur makes walking uneven.  [Part One]\n"
        "   Limping    can lead to  Hip ache\n"
        "       Uneven walking tires the hip.  [Part One]\n"
    )


def test_paths_json_shape(runner):
    doc = run_json(runner, "paths", "calcaneal spur", "sore hip")
    assert_node(doc["source"], HEEL_SPUR)
    assert_node(doc["target"], HIP_ACHE)
    assert doc["more"] is False
    [path] = doc["paths"]
    assert path["hops"] == 2
    assert [n["id"] for n in path["nodes"]] == [HEEL_SPUR, LIMPING, HIP_ACHE]
    for n in path["nodes"]:
        assert_node(n)
    for e in path["edges"]:
        assert {"source", "target", "relation", "note", "section"} <= set(e)
        assert isinstance(e["source"], str) and isinstance(e["target"], str)
    assert path["edges"][0] == {
        "source": HEEL_SPUR,
        "target": LIMPING,
        "relation": "causes",
        "note": "A spur makes walking uneven.",
        "section": ["Part One"],
        "cites": "notes",
        "evidence": None,
    }


def test_paths_curated_plantar_fasciitis_to_back_pain(runner):
    result = run(runner, "paths", "plantar fascitis", "lower back pain", graph=None)
    assert result.exit_code == EXIT_OK
    assert result.stdout.startswith("4 paths from Plantar fasciitis to Lower back pain (causes links, at most 6 hops):\n")
    assert "1. Plantar fasciitis → Heel pain → Change in posture → Lower back pain  (3 steps)" in result.stdout
    assert "A painful plantar fascia can make the heel hurt.  [Plantar Fasciitis]" in result.stdout
    assert "how sure: hypothesis." in result.stdout


def test_paths_limit_says_there_are_more(runner):
    result = run(runner, "paths", "plantar fasciitis", "lower back pain", "--limit", "2", graph=None)
    assert result.exit_code == EXIT_OK
    assert result.stdout.count(" → Lower back pain  (3 steps)") == 2
    assert "more exist: raise --limit" in result.stdout.splitlines()[0]
    doc = run_json(runner, "paths", "plantar fasciitis", "lower back pain", "--limit", "2", graph=None)
    assert len(doc["paths"]) == 2 and doc["more"] is True


def test_paths_via_and_avoid(runner):
    doc = run_json(runner, "paths", "plantar fasciitis", "lower back pain", "--via", "spinal misalignment", graph=None)
    assert doc["paths"] and all("spinal-misalignment" in [n["id"] for n in p["nodes"]] for p in doc["paths"])
    doc = run_json(runner, "paths", "plantar fasciitis", "lower back pain", "--avoid", "heel pain", "--avoid", "posture change", graph=None)
    assert [[n["id"] for n in p["nodes"]] for p in doc["paths"]] == [["plantar-fasciitis", "arch-pain", "spinal-misalignment", "lower-back-pain"]]


@pytest.mark.parametrize("command", ["paths", "explain"])
def test_via_an_end_is_no_constraint_and_via_twice_is_refused(runner, command):
    plain = run_json(runner, command, "flat feet", "lower back pain", graph=None)
    for end in ("flat feet", "lower back pain"):
        assert run_json(runner, command, "flat feet", "lower back pain", "--via", end, graph=None)["paths"] == plain["paths"]
    result = run(runner, command, "achilles tendonitis", "lower back pain", "--via", "gait change", "--via", "posture change", graph=None)
    assert result.exit_code == EXIT_USAGE
    assert "Invalid value for '--via': give it once" in result.output and "Traceback" not in result.output


def test_paths_max_hops_and_relation(runner):
    assert run(runner, "paths", HEEL_SPUR, HIP_ACHE, "--max-hops", "1").exit_code == EXIT_EMPTY
    # hip-ache reaches leg only through located_in then part_of
    assert run(runner, "paths", HIP_ACHE, LEG).exit_code == EXIT_EMPTY
    doc = run_json(runner, "paths", HIP_ACHE, LEG, "--relation", "located_in", "--relation", "part_of")
    assert [e["relation"] for e in doc["paths"][0]["edges"]] == ["located_in", "part_of"]


def test_paths_none_exits_1_with_message_on_stderr(runner):
    result = run(runner, "paths", HIP_ACHE, HEEL_SPUR)
    assert result.exit_code == EXIT_EMPTY
    assert result.stdout == ""
    assert result.stderr == (
        "footback: no path from Hip ache to Heel spur within 6 hops: the graph's sources draw none along causes links, "
        "at any length; the links run the other way\n"
        "  Hip ache leads to nothing in this graph\n"
        "  Nothing in this graph leads to Heel spur\n"
        "  Try: footback paths 'heel spur' 'hip ache'\n"
    )


def test_paths_too_few_hops_says_how_many_are_needed(runner):
    result = run(runner, "paths", "flat feet", "lower back pain", "--max-hops", "4", graph=None)
    assert result.exit_code == EXIT_EMPTY
    assert result.stderr == ("footback: no path from Flat feet to Lower back pain within 4 hops: the shortest has 5 steps\n  Try: footback paths 'flat feet' 'lower back pain' --max-hops 5\n")


def test_paths_none_with_json_still_prints_the_shape(runner):
    doc = run_json(runner, "paths", HIP_ACHE, HEEL_SPUR, code=EXIT_EMPTY)
    assert doc["paths"] == [] and doc["source"]["id"] == HIP_ACHE and doc["target"]["id"] == HEEL_SPUR


@pytest.mark.parametrize(
    "args, message",
    [
        (["--max-hops", "0"], "Invalid value for '--max-hops'"),
        (["--limit", "0"], "Invalid value for '--limit'"),
        (["--relation", "heals"], "Invalid value for '--relation'"),
        (["--via", "nowhere-at-all"], "no node named 'nowhere-at-all'"),
        (["--avoid", HEEL_SPUR], "cannot be both required and avoided"),
    ],
)
def test_paths_bad_options_exit_2(runner, args, message):
    result = run(runner, "paths", HEEL_SPUR, HIP_ACHE, *args)
    assert result.exit_code == EXIT_USAGE
    assert message in result.stderr


def test_paths_same_node_is_a_usage_error(runner):
    result = run(runner, "paths", "limp", "limping")
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == "footback: error: source and target are the same node\n"


def test_paths_missing_argument_exit_2(runner):
    result = run(runner, "paths", HEEL_SPUR)
    assert result.exit_code == EXIT_USAGE
    assert "Missing argument 'TARGET'" in result.stderr


# --- names -----------------------------------------------------------------------------


def test_unknown_name_exits_2_with_suggestions(runner):
    result = run(runner, "paths", "hernia", "lower back pain", graph=None)
    assert result.exit_code == EXIT_USAGE
    assert result.stdout == ""
    assert result.stderr == "footback: error: no node named 'hernia'; did you mean: herniated-disc?\n"


def test_unknown_name_without_suggestions_points_to_search(runner):
    result = run(runner, "show", "xyzzy")
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == "footback: error: no node named 'xyzzy' (try: footback search xyzzy)\n"


def test_ambiguous_name_exits_2_listing_candidates(runner):
    result = run(runner, "causes", "achilles", graph=None)
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == "footback: error: 'achilles' is ambiguous; it matches: achilles-tendon, achilles-tendonitis\n"


@pytest.mark.parametrize("name", ["plantar fascitis", "Plantar Fasciitis", "plantar-fasciitis", "policeman's heel"])
def test_names_as_people_type_them(runner, name):
    doc = run_json(runner, "show", name, graph=None)
    assert doc["id"] == "plantar-fasciitis"


@pytest.mark.parametrize("command", ["paths", "explain", "causes", "effects", "treatments", "show"])
def test_every_node_argument_resolves_names(runner, command):
    args = [command, "calcaneal spur"] + (["sore hip"] if command in ("paths", "explain") else [])
    assert run(runner, *args).exit_code in (EXIT_OK, EXIT_EMPTY)
    args = [command, "qqqq"] + (["sore hip"] if command in ("paths", "explain") else [])
    result = run(runner, *args)
    assert result.exit_code == EXIT_USAGE and "no node named 'qqqq'" in result.stderr


# --- explain ---------------------------------------------------------------------------


def test_explain_tiny(runner):
    result = run(runner, "explain", HEEL_SPUR, HIP_ACHE)
    assert result.exit_code == EXIT_OK
    out = result.stdout
    assert out.startswith("How heel spur can lead to hip ache\nThe only path within 6 hops\n\n1. Heel spur → Limping → Hip ache\n")
    assert "Limping can lead to hip ache, in the hip." in out  # the region
    assert "(from “Part One”)" in out  # the section
    assert out.rstrip().endswith("Educational material, not medical advice. Test data only.")


def test_explain_json_adds_text_per_path(runner):
    doc = run_json(runner, "explain", HEEL_SPUR, HIP_ACHE)
    [path] = doc["paths"]
    assert path["text"] == (
        "Heel spur can lead to limping. A spur makes walking uneven (from “Part One”).\n"
        "Limping can lead to hip ache, in the hip. Uneven walking tires the hip (from “Part One”).\n"
        "Source: “Test notes”."
    )
    assert [n["regions"] for n in path["nodes"]] == [[], [], [HIP]]
    assert_node(doc["source"], HEEL_SPUR)
    assert {"hops", "nodes", "edges"} <= set(path)
    assert "not medical advice" in doc["disclaimer"]


def test_explain_curated_names_regions_and_sections(runner):
    doc = run_json(runner, "explain", "herniated disc", "nerve-foot-pain", "--limit", "1", graph=None)
    text = doc["paths"][0]["text"]
    assert "Herniated disc, in the intervertebral disc, can lead to compressed or irritated nerves, in the lumbar and sacral nerve roots." in text
    assert "(from “Herniated Disc”)" in text and "(from “How Back Problems Can Cause Foot Pain”, “Herniated Disc” and “Spinal Stenosis”)" in text
    assert "Research rates this link established." in text


def test_explain_defaults_to_three_paths(runner):
    doc = run_json(runner, "explain", "plantar fasciitis", "lower back pain", graph=None)
    assert len(doc["paths"]) == cli.DEFAULT_EXPLAIN_LIMIT == 3
    assert doc["more"] is True


def test_explain_no_path_exits_1(runner):
    result = run(runner, "explain", NUMB_TOE, HIP_ACHE)
    assert result.exit_code == EXIT_EMPTY and result.stdout == ""
    assert result.stderr.startswith("footback: no path from Numb toe to Hip ache")
    assert "  What can lead to Hip ache: Limping, Heel spur\n" in result.stderr
    assert run_json(runner, "explain", NUMB_TOE, HIP_ACHE, code=EXIT_EMPTY)["paths"] == []


# --- causes / effects ----------------------------------------------------------------


def test_causes_tiny(runner):
    result = run(runner, "causes", "sore hip")
    assert result.exit_code == EXIT_OK
    assert result.stdout == ("What can lead to Hip ache, nearest first:\n  steps  label      type       id\n  1      Limping    mechanism  limping\n  2      Heel spur  condition  heel-spur\n")


def test_causes_and_effects_json_shapes(runner):
    doc = run_json(runner, "causes", HIP_ACHE)
    assert_node(doc["node"], HIP_ACHE)
    assert [(c["id"], c["distance"]) for c in doc["causes"]] == [(LIMPING, 1), (HEEL_SPUR, 2)]
    for c in doc["causes"]:
        assert_node(c)
    doc = run_json(runner, "effects", HEEL_SPUR)
    assert [(c["id"], c["distance"]) for c in doc["effects"]] == [(LIMPING, 1), (NUMB_TOE, 1), (HIP_ACHE, 2)]
    doc = run_json(runner, "effects", HEEL_SPUR, "--depth", "1")
    assert [c["id"] for c in doc["effects"]] == [LIMPING, NUMB_TOE]


def test_causes_curated(runner):
    doc = run_json(runner, "causes", "lower back pain", graph=None)
    ids = {c["id"]: c["distance"] for c in doc["causes"]}
    assert ids["flat-feet"] == 5 and ids["plantar-fasciitis"] == 3 and ids["bunion"] == 2
    distances = [c["distance"] for c in doc["causes"]]
    assert distances == sorted(distances)


def test_causes_and_effects_empty_exit_1(runner):
    result = run(runner, "causes", HEEL_SPUR)
    assert result.exit_code == EXIT_EMPTY
    assert result.stderr == "footback: nothing in the graph leads to Heel spur\n"
    result = run(runner, "effects", "numb toe")
    assert result.exit_code == EXIT_EMPTY
    assert result.stderr == "footback: Numb toe leads to nothing in the graph\n"
    assert run_json(runner, "effects", NUMB_TOE, code=EXIT_EMPTY) == {
        "node": {"id": NUMB_TOE, "label": "Numb toe", "type": "symptom"},
        "effects": [],
    }


def test_depth_must_be_positive(runner):
    result = run(runner, "causes", HIP_ACHE, "--depth", "0")
    assert result.exit_code == EXIT_USAGE and "Invalid value for '--depth'" in result.stderr


# --- treatments ------------------------------------------------------------------------


def test_treatments_upstream_says_so(runner):
    result = run(runner, "treatments", HIP_ACHE)
    assert result.exit_code == EXIT_OK
    assert "Upstream, on something that can lead to Hip ache:\n  Ice  treats  Limping  1 step before\n" in result.stdout
    assert "Directly" not in result.stdout
    doc = run_json(runner, "treatments", HIP_ACHE)
    assert_node(doc["node"], HIP_ACHE)
    [t] = doc["treatments"]
    assert_node(t, ICE)
    assert_node(t["acts_on"], LIMPING)
    assert t["direct"] is False and t["distance"] == 1 and t["relation"] == "treats"


def test_treatments_direct(runner):
    doc = run_json(runner, "treatments", LIMPING)
    assert [(t["id"], t["acts_on"]["id"], t["direct"]) for t in doc["treatments"]] == [(ICE, LIMPING, True)]
    result = run(runner, "treatments", "lower back pain", graph=None)
    assert result.exit_code == EXIT_OK
    assert "Directly:\n" in result.stdout and "Upstream, on something that can lead to Lower back pain:\n" in result.stdout
    assert "not medical advice" in result.stdout


def test_treatments_further_along_say_they_act_on_the_effect(runner):
    """Heel spur -> limping, which ice treats: a treatment of what the condition leads to, said so."""
    result = run(runner, "treatments", HEEL_SPUR)
    assert result.exit_code == EXIT_OK
    assert "Further along, on something Heel spur can lead to (not on Heel spur itself):\n  Ice  treats  Limping  1 step after\n" in result.stdout
    [t] = run_json(runner, "treatments", HEEL_SPUR)["treatments"]
    assert (t["id"], t["acts_on"]["id"], t["position"], t["distance"], t["direct"]) == (ICE, LIMPING, "downstream", 1, False)
    doc = run_json(runner, "treatments", "plantar fasciitis", graph=None)
    assert {(t["id"], t["acts_on"]["id"], t["position"]) for t in doc["treatments"]} >= {("orthotics", "heel-pain", "downstream")}


def test_treatments_none_exit_1(runner):
    result = run(runner, "treatments", NUMB_TOE)
    assert result.exit_code == EXIT_EMPTY
    assert "names no treatment for Numb toe" in result.stderr
    assert run_json(runner, "treatments", NUMB_TOE, code=EXIT_EMPTY)["treatments"] == []


# --- show ------------------------------------------------------------------------------


def test_show_tiny(runner):
    result = run(runner, "show", "limp")
    assert result.exit_code == EXIT_OK
    assert result.stdout == (
        "Limping  limping, mechanism\n"
        "  Walking unevenly.\n"
        "\n"
        "  also called  limp\n"
        "\n"
        "Links out (1):\n"
        "  can lead to Hip ache\n"
        "      Uneven walking tires the hip. [Part One]\n"
        "\n"
        "Links in (2):\n"
        "  Heel spur can lead to Limping\n"
        "      A spur makes walking uneven. [Part One]\n"
        "  Ice can help with Limping\n"
        "      Cold calms the limp. [Part Two]\n"
    )


def test_show_json_shape(runner):
    doc = run_json(runner, "show", HIP_ACHE)
    assert_node(doc, HIP_ACHE)
    assert doc["description"] == "An aching hip." and doc["synonyms"] == ["sore hip"]
    assert [r["id"] for r in doc["regions"]] == [HIP]
    assert [w["id"] for w in doc["regions"][0]["within"]] == [LEG]
    assert [(link["relation"], link["node"]["id"]) for link in doc["in"]] == [("causes", LIMPING)]
    assert [(link["relation"], link["node"]["id"]) for link in doc["out"]] == [("located_in", HIP)]
    for link in doc["in"] + doc["out"]:
        assert_node(link["node"])
        assert {"relation", "note", "section"} <= set(link)


def test_show_curated_codes_and_regions(runner):
    result = run(runner, "show", "sciatica", graph=None)
    assert result.exit_code == EXIT_OK
    assert "codes        ICD10CM:M54.30" in result.stdout
    assert "sits in      Sciatic nerve → Lower limb" in result.stdout


# --- search ----------------------------------------------------------------------------


def test_search_tiny(runner):
    result = run(runner, "search", "hip")
    assert result.exit_code == EXIT_OK
    assert result.stdout == (
        "2 matches for 'hip':\n  score  label     type         id        matched\n  100    Hip       body_region  hip       label\n  85     Hip ache  symptom      hip-ache  label\n"
    )


def test_search_json_shape_and_ranking(runner):
    doc = run_json(runner, "search", "heel", graph=None)
    assert doc["query"] == "heel"
    scores = [m["score"] for m in doc["matches"]]
    assert scores == sorted(scores, reverse=True)
    assert doc["matches"][0]["id"] == "heel" and doc["matches"][0]["score"] == 100
    for m in doc["matches"]:
        assert_node(m)
        assert isinstance(m["score"], (int, float))
    by_id = {m["id"]: m for m in doc["matches"]}
    assert by_id["plantar-fasciitis"]["field"] == "synonym" and by_id["plantar-fasciitis"]["text"] == "policeman's heel"
    assert len(run_json(runner, "search", "heel", "--limit", "2", graph=None)["matches"]) == 2


def test_search_nothing_exit_1(runner):
    result = run(runner, "search", "xyzzy")
    assert result.exit_code == EXIT_EMPTY
    assert result.stderr == "footback: nothing matches 'xyzzy'\n"
    assert run_json(runner, "search", "xyzzy", code=EXIT_EMPTY) == {"query": "xyzzy", "matches": []}


# --- list / stats ----------------------------------------------------------------------


def test_list_tiny(runner):
    result = run(runner, "list", "--type", "symptom")
    assert result.exit_code == EXIT_OK
    assert result.stdout == "id        type     label\nhip-ache  symptom  Hip ache\nnumb-toe  symptom  Numb toe\n"
    doc = run_json(runner, "list")
    assert [n["id"] for n in doc["nodes"]] == [HEEL_SPUR, LIMPING, HIP_ACHE, NUMB_TOE, HIP, LEG, ICE]
    for n in doc["nodes"]:
        assert set(n) == NODE_KEYS


def test_list_curated_counts(runner):
    assert len(run_json(runner, "list", graph=None)["nodes"]) == 92
    assert len(run_json(runner, "list", "--type", "condition", graph=None)["nodes"]) == 7
    assert run(runner, "list", "--type", "organ").exit_code == EXIT_USAGE


def test_list_type_of_an_imported_graph(runner, tmp_path):
    """--type takes any type the graph holds (KGX categories kept as they are), and lists the graph's types otherwise."""
    import json

    doc = {"directed": True, "multigraph": False, "graph": {}, "nodes": [{"id": "g", "type": "biolink:Gene"}, {"id": "x", "type": "symptom"}], "links": []}
    (tmp_path / "g.json").write_text(json.dumps(doc))
    result = run(runner, "list", "--type", "biolink:Gene", graph=tmp_path / "g.json")
    assert result.exit_code == EXIT_OK and result.stdout.splitlines()[1].split() == ["g", "biolink:Gene", "g"]
    result = run(runner, "list", "--type", "organ", graph=tmp_path / "g.json")
    assert result.exit_code == EXIT_USAGE
    assert "'organ' is not a type of this graph (types: biolink:Gene, symptom)" in result.output


def test_list_type_with_no_nodes_exit_1(runner, tiny_dir):
    nodes = tiny_dir / "nodes.yaml"
    nodes.write_text(nodes.read_text().replace("type: treatment", "type: mechanism"))
    edges = tiny_dir / "edges.yaml"
    edges.write_text("\n".join(line for line in edges.read_text().splitlines() if "from: ice" not in line) + "\n")
    result = run(runner, "list", "--type", "treatment", graph=tiny_dir)
    assert result.exit_code == EXIT_EMPTY, result.output
    assert result.stderr == "footback: no treatment nodes in this graph\n"


def test_stats(runner):
    result = run(runner, "stats")
    assert result.exit_code == EXIT_OK
    assert result.stdout.startswith("Tiny test graph\n  nodes  7  1 condition, 1 mechanism, 2 symptom, 2 body_region, 1 treatment\n")
    assert "longest chain  2 steps: Heel spur → Limping → Hip ache" in result.stdout
    doc = run_json(runner, "stats")
    assert doc["nodes"]["total"] == 7 and doc["edges"]["causes"] == 3
    assert [n["id"] for n in doc["causal"]["longest_chain"]] == [HEEL_SPUR, LIMPING, HIP_ACHE]
    assert_node(doc["causal"]["most_connected"][0])
    assert doc["sources"] == [{"id": "notes", "title": "Test notes", "kind": "", "edges": 6, "sections_cited": 2, "sections": 2, "evidence_for": 0}]
    assert doc["evidence"] == {}


# --- every query command -----------------------------------------------------------------


ARGS = {
    "paths": [HEEL_SPUR, HIP_ACHE],
    "explain": [HEEL_SPUR, HIP_ACHE],
    "causes": [HIP_ACHE],
    "effects": [HEEL_SPUR],
    "treatments": [HIP_ACHE],
    "show": [LIMPING],
    "search": ["hip"],
    "list": [],
    "stats": [],
}


@pytest.mark.parametrize("command", QUERY_COMMANDS)
def test_every_query_command_answers_json(runner, command):
    doc = run_json(runner, command, *ARGS[command])
    assert isinstance(doc, dict)


@pytest.mark.parametrize("command", QUERY_COMMANDS)
def test_graph_option_before_or_after_the_command(runner, command):
    before = run(runner, command, *ARGS[command])
    after = runner.invoke(footback, [command, *ARGS[command], "--graph", str(TINY_DIR)])
    assert before.exit_code == after.exit_code == EXIT_OK
    assert before.stdout == after.stdout


@pytest.mark.parametrize("command", QUERY_COMMANDS)
def test_invalid_data_exits_3(runner, tiny_dir, command):
    (tiny_dir / "edges.yaml").write_text("edges:\n  - {from: heel-spur, relation: causes, to: nowhere, cites: notes, section: Part One, note: x}\n")
    result = run(runner, command, *ARGS[command], graph=tiny_dir)
    assert result.exit_code == EXIT_DATA
    assert result.stdout == ""
    assert "edge 'to' names unknown node 'nowhere'" in result.stderr


@pytest.mark.parametrize("command", QUERY_COMMANDS)
def test_colour_only_when_asked_and_never_with_no_color(runner, command):
    plain = run(runner, command, *ARGS[command])
    assert "\x1b[" not in plain.stdout  # not a terminal
    coloured = run(runner, command, *ARGS[command], color=True)  # as on a terminal
    assert "\x1b[" in coloured.stdout
    no_color = run(runner, command, *ARGS[command], color=True, env={"NO_COLOR": "1"})
    assert no_color.stdout == plain.stdout


def test_json_output_is_never_coloured(runner):
    result = run(runner, "paths", HEEL_SPUR, HIP_ACHE, "--json", color=True)
    assert "\x1b[" not in result.stdout
    json.loads(result.stdout)


def test_cli_defaults_agree_with_the_library():
    from graph.questions import explain
    from graph.questions import query
    from graph.questions import search

    assert cli.DEFAULT_MAX_HOPS == query.DEFAULT_MAX_HOPS
    assert cli.DEFAULT_LIMIT == query.DEFAULT_LIMIT
    assert cli.DEFAULT_EXPLAIN_LIMIT == explain.DEFAULT_EXPLAIN_LIMIT
    assert cli.DEFAULT_SEARCH_LIMIT == search.DEFAULT_LIMIT


def test_query_does_not_write_into_the_data_directory(runner, tiny_dir):
    before = sorted(p.name for p in tiny_dir.iterdir())
    assert run(runner, "paths", HEEL_SPUR, HIP_ACHE, graph=tiny_dir).exit_code == EXIT_OK
    assert sorted(p.name for p in tiny_dir.iterdir()) == before


@pytest.mark.parametrize("text", ["", "  ", "--"])
def test_search_without_words_is_a_usage_error(runner, text):
    result = run(runner, "search", "--", text) if text == "--" else run(runner, "search", text)
    assert result.exit_code == EXIT_USAGE
    assert "give a word or name to search for" in result.stderr


def test_empty_name_is_a_usage_error_without_a_search_hint(runner):
    result = run(runner, "show", "")
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == "footback: error: no node named ''\n"


# --- --relation on imported graphs ------------------------------------------------------

GEPHI = """<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
<key id="label" for="node" attr.name="label" attr.type="string"/>
<graph edgedefault="directed">
<node id="n0"><data key="label">Flat feet</data></node>
<node id="n1"><data key="label">Knee strain</data></node>
<node id="n2"><data key="label">Back pain</data></node>
<edge id="e0" source="n0" target="n1"/>
<edge id="e1" source="n1" target="n2"/>
</graph>
</graphml>
"""


@pytest.fixture
def gephi(tmp_path):
    f = tmp_path / "gephi.graphml"
    f.write_text(GEPHI)
    return f


@pytest.fixture
def kgx_dir(tmp_path):
    d = tmp_path / "kgx"
    d.mkdir()
    (d / "nodes.tsv").write_text("id\tcategory\tname\nMONDO:1\tbiolink:Disease\tFlat foot\nHP:2\tbiolink:PhenotypicFeature\tBack pain\n")
    (d / "edges.tsv").write_text("subject\tpredicate\tobject\nMONDO:1\tbiolink:has_phenotype\tHP:2\n")
    return d


def test_paths_along_an_imported_relation(runner, gephi, kgx_dir):
    result = run(runner, "paths", "flat feet", "back pain", "--relation", "related_to", graph=gephi)
    assert result.exit_code == EXIT_OK, result.output
    assert result.stdout.startswith("1 path from Flat feet to Back pain (related_to links, at most 6 hops):\n")
    assert "   Flat feet    related_to  Knee strain\n" in result.stdout
    doc = run_json(runner, "paths", "flat foot", "back pain", "--relation", "biolink:has_phenotype", graph=kgx_dir)
    assert [e["relation"] for e in doc["paths"][0]["edges"]] == ["biolink:has_phenotype"]
    assert run(runner, "explain", "flat foot", "back pain", "--relation", "biolink:has_phenotype", graph=kgx_dir).exit_code == EXIT_OK


def test_causes_and_effects_follow_relation(runner, gephi):
    result = run(runner, "effects", "flat feet", "--relation", "related_to", graph=gephi)
    assert result.exit_code == EXIT_OK, result.output
    assert result.stdout.splitlines()[0] == "What Flat feet (n0) reaches along related_to links, nearest first:"
    doc = run_json(runner, "causes", "back pain", "--relation", "related_to", "--depth", "1", graph=gephi)
    assert [c["id"] for c in doc["causes"]] == ["n1"]
    doc = run_json(runner, "causes", LEG, "--relation", "part_of")  # footback's own, on the tiny graph
    assert [c["id"] for c in doc["causes"]] == [HIP]


@pytest.mark.parametrize("command", [["paths", "flat feet", "back pain"], ["explain", "flat feet", "back pain"], ["causes", "back pain"], ["effects", "flat feet"]])
def test_a_relation_the_graph_lacks_exits_2_naming_its_relations(runner, gephi, command):
    result = run(runner, *command, "--relation", "relatd_to", graph=gephi)
    assert result.exit_code == EXIT_USAGE
    assert result.stderr == ("Error: Invalid value for '--relation': no relation 'relatd_to' in this graph; did you mean: related_to? (its relations: related_to)\n")


def test_an_unknown_relation_on_a_kgx_graph_suggests_the_biolink_one(runner, kgx_dir):
    result = run(runner, "paths", "flat foot", "back pain", "--relation", "has_phenotype", graph=kgx_dir)
    assert result.exit_code == EXIT_USAGE
    assert "did you mean: biolink:has_phenotype?" in result.stderr


def test_the_default_relation_missing_says_which_the_graph_has(runner, gephi):
    result = run(runner, "paths", "flat feet", "back pain", graph=gephi)
    assert result.exit_code == EXIT_EMPTY
    assert result.stderr == ("footback: no path from Flat feet to Back pain within 6 hops: this graph has no causes links; its relations: related_to; choose with --relation\n")
    result = run(runner, "causes", "back pain", graph=gephi)
    assert result.exit_code == EXIT_EMPTY
    assert "(this graph has no causes links; its relations: related_to; choose with --relation)" in result.stderr


@pytest.mark.parametrize(
    "args, reason, said",
    [
        (["herniated disc", "lower back pain"], "no_link", "  Herniated disc can lead to: Compressed or irritated nerves, "),
        (["heel", "lower back pain"], "body_region", "  Try: footback paths 'heel pain' 'lower back pain'\n"),
        (["lower back pain", "flat feet"], "no_link", "; the links run the other way\n"),
        (["flat feet", "lower back pain", "--max-hops", "4"], "max_hops", "--max-hops 5\n"),
        (["flat feet", "lower back pain", "--avoid", "change in gait", "--avoid", "arch collapse"], "avoid", "--avoid leaves out"),
        (["plantar fasciitis", "lower back pain", "--via", "sciatica"], "via", "none within 6 hops passes through Sciatica"),
        (["heel", "foot"], "body_region", "  Try: footback paths heel foot --relation part_of\n"),
    ],
)
def test_an_empty_path_answer_says_why(runner, args, reason, said):
    result = run(runner, "paths", *args, graph=None)
    assert result.exit_code == EXIT_EMPTY and result.stdout == ""
    assert said in result.stderr
    why = json.loads(run(runner, "paths", *args, "--json", graph=None).stdout)["why"]
    assert why["reason"] == reason
    if reason == "no_link" and args[0] == "herniated disc":
        assert why["reaches"][0]["id"] == "nerve-compression" and why["reached_from"]
    # every suggested command is real shell text that answers
    for command in why["try"]:
        import shlex

        tried = run(runner, *shlex.split(command)[1:], graph=None)
        assert tried.exit_code == 0, (command, tried.stderr)


def test_relation_help_and_completion_offer_footbacks_relations(runner):
    from click.shell_completion import ShellComplete

    for command in ("paths", "causes", "effects"):
        text = " ".join(run(runner, command, "--help", graph=None).stdout.split())
        assert "--relation RELATION" in text and "causes, located_in, part_of, treats, prevents, branches_into, supplies, or any other the graph holds" in text, text
    complete = ShellComplete(footback, {}, "footback", "_FOOTBACK_COMPLETE")
    assert [c.value for c in complete.get_completions(["paths", "a", "b", "--relation"], "p")] == ["part_of", "prevents"]
    assert [c.value for c in complete.get_completions(["list", "--type"], "s")] == ["symptom"]


@pytest.mark.parametrize("typed", ["symptoms", "Symptom", "SYMPTOM", "symptom"])
def test_list_type_forgives_case_and_plurals(runner, typed):
    result = run(runner, "list", "--type", typed, "--json", graph=None)
    assert result.exit_code == 0, result.output
    assert {n["type"] for n in json.loads(result.stdout)["nodes"]} == {"symptom"}


def test_list_type_forgives_spaces(runner):
    spaced = json.loads(run(runner, "list", "--type", "body region", "--json", graph=None).stdout)
    assert spaced == json.loads(run(runner, "list", "--type", "body_region", "--json", graph=None).stdout)
    assert run(runner, "list", "--type", "body parts", graph=None).exit_code == 2


def test_relations_forgive_case_plurals_and_spaces(runner, gephi):
    assert run(runner, "causes", "heel", "--relation", "Part of", "--json", graph=None).output == run(runner, "causes", "heel", "--relation", "part_of", "--json", graph=None).output
    ours = run(runner, "effects", "heel", "--relation", "Part of", "--json", graph=None)
    assert ours.exit_code == 0 and "foot" in ours.stdout
    theirs = run(runner, "paths", "flat feet", "back pain", "--relation", "Related to", graph=gephi)
    assert theirs.exit_code == 0 and "Knee strain" in theirs.stdout
    assert run(runner, "paths", "flat feet", "back pain", "--relation", "relates", graph=gephi).exit_code == 2


def test_causes_of_a_body_region_points_to_what_sits_in_it(runner):
    result = run(runner, "causes", "heel", graph=None)
    assert result.exit_code == EXIT_EMPTY
    assert result.stderr == (
        "footback: nothing in the graph leads to Heel (Heel is a body region, and causes links join conditions, "
        "mechanisms and symptoms, not places; what sits in it: Heel pain; try: footback causes 'heel pain')\n"
    )
    effects = run(runner, "effects", "lower back", graph=None)
    assert "try: footback effects 'stress and tension in the lower back')" in effects.stderr
    assert run(runner, "causes", "heel pain", graph=None).exit_code == 0
