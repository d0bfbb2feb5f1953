"""Fuzz every loader: garbage and near-valid files either load or raise DataError.

Near-valid files are footback's own exports of the tiny graph with one
mutation (a slice deleted, duplicated or replaced, text inserted, the file
cut short), so most of them get past the first syntax check and exercise the
later ones. Anything but a graph or footback's own error (a traceback at the
command line) fails the test.
"""

import tarfile
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.formats.yamlfile import load_graph_dir
from graph.errors import DataError
from graph.exporters import export
from graph.formats import load_graph
from tests import TINY_DIR

#: loader -> the file names to write, relative to a fresh folder.
LOADERS = {
    "yaml": ["nodes.yaml", "edges.yaml", "sources.yaml"],
    "kgx": ["nodes.tsv", "edges.tsv", "metadata.json"],
    "kgx-archive": ["g.tar"],  # uncompressed, so that mutations reach the TSV inside
    "kgx-jsonl": ["nodes.jsonl", "edges.jsonl", "metadata.json"],
    "kgx-jsonl-gz": ["nodes.jsonl.gz", "edges.jsonl.gz"],
    "graphml": ["g.graphml"],
    "json": ["g.json"],
    "cytoscape": ["g.cyjs"],
}
SNIPPETS = [
    "\t",
    "\n",
    "|",
    '"',
    "'",
    ",",
    "{",
    "}",
    "[",
    "]",
    ":",
    "<",
    ">",
    "&",
    "\x00",
    "\xff",
    "- ",
    "id",
    "null",
    "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>",
    '<node id="zz"/>',
    '<edge source="a" target="nowhere"/>',
    '{"source": "x", "target": "y"}',
    "footback:nowhere\tbiolink:causes\tfootback:ice\n",
    "&amp;",
    "1e999",
    "type: nonsense",
    "relation: causes",
    "synonyms: 3",
    "\ufeff",
    "NaN",
    "[[[[[[[[",
]


def _valid_files() -> dict[str, dict[str, bytes]]:
    G = load_graph_dir(TINY_DIR)
    out: dict[str, dict[str, bytes]] = {"yaml": {p.name: p.read_bytes() for p in TINY_DIR.glob("*.yaml")}}
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        export(G, "kgx", t / "kgx")
        out["kgx"] = {n: (t / "kgx" / n).read_bytes() for n in LOADERS["kgx"]}
        for fmt, name in (("graphml", "g.graphml"), ("json", "g.json"), ("cytoscape", "g.cyjs")):
            out[fmt] = {name: export(G, fmt, t / name).read_bytes()}
        export(G, "kgx-jsonl", t / "kgxj")
        out["kgx-jsonl"] = {n: (t / "kgxj" / n).read_bytes() for n in LOADERS["kgx-jsonl"]}
        import gzip

        out["kgx-jsonl-gz"] = {n + ".gz": gzip.compress((t / "kgxj" / n).read_bytes(), mtime=0) for n in ("nodes.jsonl", "edges.jsonl")}
        with tarfile.open(t / "g.tar", "w") as tar:
            for name in LOADERS["kgx"]:
                tar.add(t / "kgx" / name, arcname=f"g/tiny_{name}")
        out["kgx-archive"] = {"g.tar": (t / "g.tar").read_bytes()}
    return out


VALID = _valid_files()


def _load(fmt: str, files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "g"
        d.mkdir()
        for name, data in files.items():
            (d / name).write_bytes(data)
        path = d if fmt in ("yaml", "kgx", "kgx-jsonl", "kgx-jsonl-gz") else d / next(iter(files))
        try:
            G = load_graph(path, fmt.replace("-archive", "").replace("-gz", ""))
        except DataError as err:
            assert err.problems and all(p.file for p in err.problems)
            assert str(err)  # the message renders
        else:
            assert G.number_of_nodes() > 0
            assert all(isinstance(n, str) for n in G)
            assert all(k == d.get("relation") for *_, k, d in G.edges(keys=True, data=True))


@st.composite
def mutated(draw, data: bytes) -> bytes:
    n = len(data)
    i = draw(st.integers(0, n))
    j = draw(st.integers(i, min(n, i + 200)))
    kind = draw(st.sampled_from(["delete", "insert", "replace", "duplicate", "truncate"]))
    junk = draw(
        st.one_of(
            st.sampled_from(SNIPPETS).map(lambda s: s.encode("utf-8", "surrogatepass") if s != "\xff" else b"\xff"),
            st.binary(max_size=40),
            st.text(max_size=40).map(lambda s: s.encode("utf-8", "surrogatepass")),
        )
    )
    if kind == "delete":
        return data[:i] + data[j:]
    if kind == "insert":
        return data[:i] + junk + data[i:]
    if kind == "replace":
        return data[:i] + junk + data[j:]
    if kind == "duplicate":
        return data[:j] + data[i:j] + data[j:]
    return data[:i]


FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("fmt", sorted(LOADERS))
@FUZZ
@given(data=st.data())
def test_near_valid_files_load_or_raise_data_error(fmt, data):
    files = dict(VALID[fmt])
    name = data.draw(st.sampled_from(sorted(files)))
    files[name] = data.draw(mutated(files[name]))
    if data.draw(st.booleans()):  # sometimes a second mutation
        files[name] = data.draw(mutated(files[name]))
    _load(fmt, files)


@pytest.mark.parametrize("fmt", sorted(LOADERS))
@FUZZ
@given(data=st.data())
def test_garbage_loads_or_raises_data_error(fmt, data):
    files = {}
    for name in LOADERS[fmt]:
        files[name] = data.draw(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass"))))
    _load(fmt, files)


def test_the_fuzzed_files_are_valid_to_start_with():
    for fmt, files in VALID.items():
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp) / "g"
            d.mkdir()
            for name, data in files.items():
                (d / name).write_bytes(data)
            path = d if fmt in ("yaml", "kgx", "kgx-jsonl", "kgx-jsonl-gz") else d / next(iter(files))
            assert load_graph(path, fmt.replace("-archive", "").replace("-gz", "")).number_of_nodes() == 7, fmt


# --- every exporter on any attribute values ----------------------------------

RESERVED = {"id", "source", "target", "key", "label", "type", "relation", "description", "synonyms", "codes", "cites", "section", "note", "category", "name"}
json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=30),
)
json_values = st.recursive(json_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=8)
attr_names = st.text(alphabet="abcdefghij_ xyzé", min_size=1, max_size=10).filter(lambda s: s.strip() == s and s not in RESERVED)


@FUZZ
@given(node_attrs=st.dictionaries(attr_names, json_values, max_size=4), edge_attrs=st.dictionaries(attr_names, json_values, max_size=4))
def test_any_attribute_values_export_everywhere_and_round_trip(node_attrs, edge_attrs):
    from graph.exporters import FORMATS

    G = load_graph_dir(TINY_DIR)
    G.nodes["ice"].update(node_attrs)
    G.edges["ice", "limping", "treats"].update(edge_attrs)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        for fmt in ("json", "graphml", "gexf", "cytoscape", "kgx", "kgx-jsonl", "cypher", "mermaid", "dot"):
            assert fmt in FORMATS
            export(G, fmt, t / fmt)
        for fmt in ("json", "graphml", "cytoscape", "kgx", "kgx-jsonl"):
            back = load_graph(t / fmt, fmt)
            assert dict(back.nodes["ice"]) == dict(G.nodes["ice"]), fmt
            assert back.edges["ice", "limping", "treats"] == G.edges["ice", "limping", "treats"], fmt


@FUZZ
@given(node_attrs=st.dictionaries(attr_names, st.text(min_size=1, max_size=30), max_size=4), edge_attrs=st.dictionaries(attr_names, st.text(min_size=1, max_size=30), max_size=4))
def test_any_text_attributes_round_trip_through_kgx(node_attrs, edge_attrs):
    """KGX cells are text, never quoted; what a row cannot hold exactly (line breaks, an empty text) metadata.json keeps."""
    G = load_graph_dir(TINY_DIR)
    G.nodes["ice"].update(node_attrs)
    G.edges["ice", "limping", "treats"].update(edge_attrs)
    with tempfile.TemporaryDirectory() as tmp:
        back = load_graph(export(G, "kgx", Path(tmp) / "kgx"))
    assert dict(back.nodes["ice"]) == dict(G.nodes["ice"])
    assert back.edges["ice", "limping", "treats"] == G.edges["ice", "limping", "treats"]


# --- any JSON value where footback expects text: load cleanly, then every command copes ---

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=4), inner, max_size=2),
    max_leaves=4,
)
COMMANDS = [
    ["stats"],
    ["show", "a"],
    ["paths", "a", "b"],
    ["explain", "a", "b"],
    ["causes", "b"],
    ["treatments", "b"],
    ["search", "a"],
    ["list"],
    ["quiz", "--print", "--seed", "1"],
    ["whatif", "--remove", "a"],
    ["common-causes", "b"],
    ["export", "html", "-o", "OUT.html"],
    ["export", "handout", "-o", "OUT.md"],
    ["export", "graphml", "-o", "OUT.graphml"],
    ["export", "kgx", "-o", "OUTKGX"],
]


@settings(max_examples=400, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    node=st.dictionaries(st.sampled_from(["label", "description", "type", "synonyms", "codes", "name"]), JSON_VALUES, max_size=3),
    edge=st.dictionaries(st.sampled_from(["relation", "note", "section", "cites", "interaction", "label"]), JSON_VALUES, max_size=3),
    graph=st.dictionaries(st.sampled_from(["title", "description", "disclaimer", "sources"]), JSON_VALUES, max_size=2),
)
def test_any_attribute_values_load_or_fail_cleanly_and_every_command_copes(tmp_path_factory, node, edge, graph):
    """Typed values (numbers, lists, mappings) where text belongs: a located error, or commands that work."""
    import json

    from click.testing import CliRunner

    from cli import cli

    tmp = tmp_path_factory.mktemp("typed")
    doc = {"directed": True, "multigraph": False, "graph": graph, "nodes": [dict(node, id="a"), {"id": "b", "label": "B", "type": "symptom"}], "links": [dict(edge, source="a", target="b")]}
    path = tmp / "g.json"
    path.write_text(json.dumps(doc))
    runner = CliRunner()
    for args in COMMANDS:
        args = [str(tmp / a[3:]) if a.startswith("OUT") else a for a in args]
        result = runner.invoke(cli, ["--graph", str(path), *args])
        assert result.exit_code in (0, 1, 2, 3), (args, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        if result.exit_code == 3:
            break  # the data is refused, the same way for every command


# --- hostile shapes (issue 13): encodings, nesting, big numbers, surrogates, through every command ---

ALL_COMMANDS = COMMANDS + [
    ["validate"],
    ["lesson"],
    ["effects", "a"],
    ["search", "\ud800"],
    ["show", "b", "--json"],
    ["paths", "a", "b", "--json"],
    ["export", "json", "-o", "OUT.json"],
    ["export", "cytoscape", "-o", "OUT.cyjs"],
    ["export", "anki", "-o", "OUT.apkg"],
    ["export", "gexf", "-o", "OUT.gexf"],
    ["export", "dot", "-o", "OUT.dot"],
    ["export", "cypher", "-o", "OUT.cypher"],
    ["export", "mermaid", "-o", "OUT.mmd"],
]


def _nested(depth: int, leaf: str) -> str:
    return "[" * depth + leaf + "]" * depth


HOSTILE_JSON_VALUES = st.one_of(
    st.integers(1, 6000).map(lambda n: "9" * n),  # up to 6,000 digits
    st.integers(0, 400).map(lambda d: _nested(d, "1")),  # nested up to 400 deep
    st.sampled_from(['"\\ud800"', '"x\\udfff"', '"\\ud83d\\ude00"', '"\\ud83d"', '"\\u0000"', '"\\u202e"']),
    st.text(max_size=6).map(lambda s: json.dumps(s)),
)


def _run_everywhere(tmp, path) -> None:
    from click.testing import CliRunner

    from cli import cli

    runner = CliRunner()
    refused = None
    for args in ALL_COMMANDS:
        args = [str(tmp / a[3:]) if a.startswith("OUT") else a for a in args]
        result = runner.invoke(cli, ["--graph", str(path), *args])
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, repr(result.exception))
        assert result.exit_code in (0, 1, 2, 3), (args, result.output)
        if result.exit_code == 3:  # refused at load: by every command alike, nothing written
            assert refused in (None, result.output), args
            refused = result.output
            assert not any(p.name.startswith("OUT") for p in tmp.iterdir()), args
        elif result.exit_code in (0, 1):
            assert refused is None, (args, "loaded after another command refused the same file")


import json  # noqa: E402


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    where=st.sampled_from(["label", "description", "extra", "edge-note", "edge-extra", "graph-title", "graph-extra", "id"]),
    value=HOSTILE_JSON_VALUES,
)
def test_hostile_json_values_are_refused_or_work_in_every_command(tmp_path_factory, where, value):
    tmp = tmp_path_factory.mktemp("hostile")
    node_a = {"label": '"A"', "extra": None, "description": None, "id": '"a"'}
    edge = {"note": None, "extra": None}
    graph = {"title": None, "extra": None}
    kind, _, key = where.partition("-")
    if kind == "edge":
        edge[key] = value
    elif kind == "graph":
        graph[key] = value
    else:
        node_a[where] = value
    a_id = node_a.pop("id")
    fields = "".join(f', "{k}": {v}' for k, v in node_a.items() if v is not None)
    text = (
        '{"directed": true, "multigraph": true, "graph": {' + ", ".join(f'"{k}": {v}' for k, v in graph.items() if v is not None) + "},\n"
        f' "nodes": [{{"id": {a_id}{fields}}}, {{"id": "b", "label": "B", "type": "symptom"}}],\n'
        f' "edges": [{{"source": {a_id}, "target": "b", "relation": "causes"' + "".join(f', "{k}": {v}' for k, v in edge.items() if v is not None) + "}]}\n"
    )
    path = tmp / "g.json"
    path.write_text(text)
    _run_everywhere(tmp, path)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    encoding=st.one_of(
        st.sampled_from(
            [
                "rot13",
                "utf-7",
                "idna",
                "punycode",
                "base64",
                "hex",
                "zlib",
                "bz2",
                "uu",
                "quopri",
                "unicode_escape",
                "raw_unicode_escape",
                "utf-32",
                "utf-16",
                "cp037",
                "mbcs",
                "undefined",
                "latin-1",
                "cp1252",
                "UTF-8",
                "ascii",
                "koi8-r",
            ]
        ),
        st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=12),
    ),
    groups=st.integers(0, 400),
)
def test_hostile_graphml_encodings_and_nesting_are_refused_or_work_in_every_command(tmp_path_factory, encoding, groups):
    tmp = tmp_path_factory.mktemp("hostile-xml")
    opening = "".join(f'<node id="g{i}" yfiles.foldertype="group"><graph id="g{i}:" edgedefault="directed">' for i in range(groups))
    body = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
        f'<graph edgedefault="directed">{opening}<node id="a"/><node id="b"/><edge source="a" target="b"/>'
        f"{'</graph></node>' * groups}</graph></graphml>\n"
    )
    path = tmp / "g.graphml"
    path.write_bytes(body.encode("ascii"))
    _run_everywhere(tmp, path)
