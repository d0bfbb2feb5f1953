"""graph.present: no terminal injection from a loaded graph (issue 13.2).

Every id, label, note, title, type, relation and file name of a hostile
graph carries control characters (tests/evil_graph.py). Every command's
human output and every error message must show them as visible escapes,
on a terminal or not, with or without NO_COLOR; ``--json`` keeps the
exact strings (escaped the JSON way).
"""

import json
import re

import pytest

from cli import cli
from graph.present import json_text, style, terminal_text, visible
from tests.evil_graph import RAW_CONTROLS, TERMINAL_ATTACKS, write_terminal_copy

PF, LBP, HEEL_PAIN, ORTHOTICS, ARCH = "plantar-fasciitis", "lower-back-pain", "heel-pain", "orthotics", "arch-collapse"
OWN_COLOUR = re.compile(r"\x1b\[[0-9;]*m")
SHOWN = ("\\x1b", "\\x07", "\\u202e", "\\x9b", "\\r", "\\x85", "\\u2066")


@pytest.fixture(scope="module")
def evil(tmp_path_factory, curated):
    path = tmp_path_factory.mktemp("evil") / "evil.json"
    ids = write_terminal_copy(curated, path)
    return path, ids


def commands(ids, tmp):
    i = ids.get
    return {
        "validate": ["validate"],
        "stats": ["stats"],
        "list": ["list"],
        "list-type": ["list", "--type", "condition"],
        "show": ["show", i(PF)],
        "search": ["search", "heel"],
        "paths": ["paths", i(PF), i(LBP)],
        "explain": ["explain", i(PF), i(LBP)],
        "causes": ["causes", i(LBP)],
        "effects": ["effects", i(PF)],
        "treatments": ["treatments", i(HEEL_PAIN)],
        "whatif": ["whatif", "--remove", i(ARCH)],
        "whatif-treat": ["whatif", "--treat", i(ORTHOTICS)],
        "common-causes": ["common-causes", i(LBP), i(HEEL_PAIN)],
        "evidence": ["evidence", i(ORTHOTICS)],
        "min-evidence": ["paths", i(PF), i(LBP), "--min-evidence", "established"],
        "quiz-print": ["quiz", "--print", "--seed", "1", "-n", "6"],
        "quiz": ["quiz", "--seed", "2", "-n", "3"],
        "lesson": ["lesson"],
        "export": ["export", "mermaid", "-o", str(tmp / "g.mmd")],
        "build": ["build", "--out", str(tmp / "out")],
        # errors naming the graph's own strings
        "unknown-name": ["paths", i(PF), "plantar fascitis heel"],
        "unknown-relation": ["paths", i(PF), i(LBP), "--relation", "nope"],
        "unknown-type": ["list", "--type", "nope"],
        "no-path": ["paths", i(LBP), i(PF)],
        "not-a-treatment": ["whatif", "--treat", i(PF)],
    }


def assert_safe(text, *, colour=False):
    if colour:
        text = OWN_COLOUR.sub("", text)
    bad = sorted({c for c in text if c in RAW_CONTROLS})
    assert not bad, f"raw control characters reached the output: {bad!r}"


CASES = list(commands({}, __import__("pathlib").Path(".")))


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("how", ["plain", "terminal", "no-color"])
def test_every_command_shows_control_characters_as_escapes(runner, evil, tmp_path, case, how):
    path, ids = evil
    argv = commands(ids, tmp_path)[case]
    env = {"NO_COLOR": "1"} if how == "no-color" else {}
    result = runner.invoke(cli, ["--graph", str(path), *argv], input="a\nb\nc\n", color=how != "plain", env=env)
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output, result.exception)
    assert "Traceback" not in result.output
    for text in (result.stdout, result.stderr):
        assert_safe(text, colour=how == "terminal")
    if how != "terminal":
        assert "\x1b" not in result.stdout + result.stderr
    if case not in ("export", "build", "lesson"):  # those print only footback's own words and paths
        assert any(s in result.stdout + result.stderr for s in SHOWN), result.output


@pytest.mark.parametrize(
    "argv",
    [
        ["show", PF, "--json"],
        ["paths", PF, LBP, "--json"],
        ["explain", PF, LBP, "--json"],
        ["list", "--json"],
        ["search", "heel", "--json"],
        ["whatif", "--remove", ARCH, "--json"],
        ["quiz", "--seed", "1", "-n", "3", "--json"],
        ["stats", "--json"],
    ],
)
def test_json_keeps_the_exact_strings_and_is_safe_on_a_terminal(runner, evil, argv):
    path, ids = evil
    argv = [ids.get(a, a) for a in argv]
    result = runner.invoke(cli, ["--graph", str(path), *argv], color=True)
    assert result.exit_code == 0, result.output
    assert_safe(result.stdout)
    assert "\x1b" not in result.stdout
    doc = json.loads(result.stdout)
    strings = set()

    def walk(x):
        if isinstance(x, str):
            strings.add(x)
        elif isinstance(x, dict):
            for k, v in x.items():
                walk(k)
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(doc)
    assert any(attack in s for s in strings for attack in TERMINAL_ATTACKS)


def test_a_hostile_file_name_in_an_error_is_shown_escaped(runner, tmp_path):
    bad = tmp_path / "graph\x1b]0;pwned\x07\u202e.json"
    bad.write_text("{not json")
    result = runner.invoke(cli, ["--graph", str(bad), "list"])
    assert result.exit_code == 3
    assert_safe(result.stderr)
    assert "graph\\x1b]0;pwned\\x07\\u202e.json" in result.stderr


def test_a_hostile_record_in_a_data_error_is_shown_escaped(runner, tmp_path):
    bad = tmp_path / "dup.json"
    bad.write_text(json.dumps({"directed": True, "multigraph": True, "graph": {}, "nodes": [{"id": "a\x1b[2Jb"}, {"id": "a\x1b[2Jb"}], "edges": [{"source": "a\x1b[2Jb"}]}))
    result = runner.invoke(cli, ["--graph", str(bad), "validate"], color=True)
    assert result.exit_code == 3
    assert_safe(result.stderr, colour=False)
    assert "\\x1b[2J" in result.stderr


# --- the helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize("attack", TERMINAL_ATTACKS)
def test_visible_leaves_no_control_character(attack):
    shown = visible(attack)
    assert not set(shown) & set(RAW_CONTROLS)
    assert visible(shown) == shown  # idempotent: text shown once is shown the same again


def test_own_colour_survives_and_forged_colour_does_not():
    forged = "\ufdd0" + "0" * 12 + "[31m"  # a guess at the marker
    text = style("ok", bold=True) + " \x1b[31mred " + forged
    assert terminal_text(text, colour=True) == "\x1b[1mok\x1b[0m \\x1b[31mred " + forged
    assert terminal_text(text, colour=False) == "ok \\x1b[31mred " + forged


def test_json_text_keeps_strings_exactly_and_writes_no_nan():
    data = {"label": "a\x1b]0;x\x07\u202e\x85\ud800b", "x": float("nan"), "y": [float("inf"), -float("inf"), 1.5]}
    text = json_text(data)
    assert not set(text) & set(RAW_CONTROLS + "\ud800")
    back = json.loads(text)
    assert back == {"label": data["label"], "x": None, "y": [None, None, 1.5]}


def test_colour_is_written_only_through_the_one_helper():
    """A click.style call in cli.py would be shown as an escape on a terminal."""
    from pathlib import Path

    source = (Path(__file__).parent.parent / "cli.py").read_text()
    assert source.count("click.style(") == 0
    assert source.count("click.secho(") == 0


# --- NaN and infinities never reach a JSON export (issue 13.6) ----------------------------------


def _strict(text):
    """json.loads as JavaScript's JSON.parse: NaN, Infinity and -Infinity are errors."""

    def refuse(name):
        raise ValueError(f"{name} is not JSON")

    return json.loads(text, parse_constant=refuse)


@pytest.fixture
def non_finite(tiny):
    from tests import HEEL_SPUR, LIMPING

    tiny.nodes[HEEL_SPUR].update(weight=float("nan"), pos=[1.5, float("inf")])
    next(iter(tiny[HEEL_SPUR][LIMPING].values()))["strength"] = float("-inf")
    tiny.graph["score"] = float("nan")
    return tiny


@pytest.mark.parametrize("fmt", ["json", "cytoscape"])
def test_json_exports_write_non_finite_numbers_as_null(non_finite, tmp_path, fmt):
    from graph.exporters import export
    from graph.formats import load_graph
    from tests import HEEL_SPUR

    out = export(non_finite, fmt, tmp_path / f"g.{fmt}")
    text = out.read_text()
    assert "NaN" not in text and "Infinity" not in text
    _strict(text)
    back = load_graph(out)
    assert back.nodes[HEEL_SPUR]["weight"] is None and back.nodes[HEEL_SPUR]["pos"] == [1.5, None]


def test_the_page_data_parses_with_non_finite_numbers(non_finite, tmp_path):
    from graph.exporters import export

    html = export(non_finite, "html", tmp_path / "g.html").read_text()
    data = re.search(r'<script[^>]*type="application/json"[^>]*>(.*?)</script>', html, re.S).group(1)
    _strict(data)


def test_kgx_and_graphml_json_cells_are_strict_json(non_finite, tmp_path):
    from graph.exporters import export

    d = export(non_finite, "kgx", tmp_path / "kgx")
    _strict((d / "metadata.json").read_text())
    # GraphML keeps a list attribute as JSON text: strict JSON too.
    text = export(non_finite, "graphml", tmp_path / "g.graphml").read_text()
    assert "[1.5, null]" in text and "Infinity" not in text
