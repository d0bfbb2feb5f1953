"""Each written format read by the tool it is written for, not by footback's own reader.

Graphviz ``dot`` for DOT, Mermaid's own parser and renderer (the npm package,
in headless Chromium) for Mermaid, Cytoscape.js (npm, under Node) for
``.cyjs``, networkx for GraphML, GEXF and node-link JSON. The npm packages
are installed by ``npm ci --prefix tests/js`` (``make test`` runs it).
Locally a test skips when its reader is missing; under CI (``CI=true``) it fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from xml.etree import ElementTree as ET

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings

from graph.model.attrcodec import decode, original_names
from graph.exporters import export
from graph.formats._draw import verb
from tests.hostile import HOSTILE, as_data, hostile_graphs

JS = Path(__file__).resolve().parent / "js"
MERMAID_JS = JS / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"a real reader is missing under CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def dot_bin():
    found = shutil.which("dot")
    if not found:
        _unavailable("Graphviz dot not found (apt-get install graphviz)")
    return found


@pytest.fixture(scope="session")
def node_bin():
    found = shutil.which("node")
    if not found or not (JS / "node_modules" / "cytoscape").is_dir():
        _unavailable("node or the npm package cytoscape is missing (apt-get install nodejs npm; npm ci --prefix tests/js)")
    return found


@pytest.fixture(scope="module")
def mermaid(browser):
    """A page holding the real Mermaid; ``render(text)`` returns its drawn labels or its error."""
    if not MERMAID_JS.is_file():
        _unavailable("the npm package mermaid is missing (npm ci --prefix tests/js)")
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><html><body></body></html>")
    page.add_script_tag(path=str(MERMAID_JS))
    page.evaluate("() => { mermaid.initialize({startOnLoad: false, securityLevel: 'strict'}); window.n = 0; }")

    def render(text: str) -> dict:
        return page.evaluate(
            """async (text) => {
              try { await mermaid.parse(text); } catch (e) { return {error: String(e && e.message || e)}; }
              const {svg} = await mermaid.render('d' + (++window.n), text);
              const div = document.createElement('div');
              div.innerHTML = svg;
              const nodes = {};
              for (const g of div.querySelectorAll('g.node')) nodes[g.id.replace(/^d\\d+-flowchart-/, '').replace(/-\\d+$/, '')] = g.querySelector('.nodeLabel').textContent;
              const edges = [...div.querySelectorAll('g.edgeLabel')].map((e) => e.textContent);
              return {nodes, edges};
            }""",
            text,
        )

    yield render
    context.close()


def _hostile_graph() -> nx.MultiDiGraph:
    """One node per hostile text (as label, description), a chain of edges whose relations and notes are hostile too."""
    G = nx.MultiDiGraph()
    texts = [h for h in HOSTILE if h]
    for i, h in enumerate(texts):
        G.add_node(f"n{i}", label=h, type="condition", description=h)
    for i in range(len(texts) - 1):
        G.add_edge(f"n{i}", f"n{i + 1}", key=texts[i], relation=texts[i], note=texts[-1 - i])
    return G


# --- Mermaid -----------------------------------------------------------------------


def _html(text: str) -> str:
    """Text as a browser holds it: HTML turns every CR (and CRLF) into LF, and NUL into U+FFFD."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")


def _check_mermaid(render, G, tmp: Path) -> None:
    text = export(G, "mermaid", tmp / "g.mmd").read_text(encoding="utf-8")
    drawn = render(text)
    assert "error" not in drawn, (drawn, text)
    ids = {n: f"n{i}" for i, n in enumerate(G.nodes)}
    assert drawn["nodes"] == {ids[n]: _html(d["label"]) for n, d in G.nodes(data=True)}
    # Mermaid draws a loop as three segments, two of them unlabelled; several
    # loops on one node are one loop naming each relation.
    loops: dict = {}
    for u, v, d in G.edges(data=True):
        if u == v:
            loops.setdefault(u, []).append(verb(d["relation"]))
    expected = []
    for u, v, d in G.edges(data=True):
        if u != v:
            expected.append(verb(d["relation"]))
        elif u in loops:
            expected.append("; ".join(loops.pop(u)))
    assert [e for e in drawn["edges"] if e] == [_html(e) for e in expected]


def test_mermaid_draws_every_label_exactly(mermaid, tmp_path):
    _check_mermaid(mermaid, _hostile_graph(), tmp_path)


def test_mermaid_backtick_case(mermaid, tmp_path):
    """A label starting with a backtick no longer makes Mermaid refuse the diagram."""
    from graph.formats import load_graph

    G = load_graph(Path(__file__).parent / "data" / "cases" / "mermaid-backtick" / "labels.json")
    _check_mermaid(mermaid, G, tmp_path)
    assert "`prompt_file` setting" in [d["label"] for _, d in G.nodes(data=True)]


def test_mermaid_draws_any_graph(mermaid):
    @SETTINGS
    @given(G=hostile_graphs())
    def check(G):
        with tempfile.TemporaryDirectory() as tmp:
            _check_mermaid(mermaid, G, Path(tmp))

    check()


# --- Graphviz dot ------------------------------------------------------------------

XLINK = "{http://www.w3.org/1999/xlink}title"
SVG = "{http://www.w3.org/2000/svg}"


def _dot_svg(dot_bin: str, path: Path) -> ET.Element:
    proc = subprocess.run([dot_bin, "-Tsvg", str(path)], capture_output=True, timeout=60)
    assert proc.returncode == 0 and not proc.stderr, proc.stderr.decode()
    return ET.fromstring(proc.stdout)


def _drawn(root: ET.Element, cls: str) -> list[tuple[str, str | None]]:
    """Label (its lines joined by line breaks) and tooltip of each node or edge, in order."""
    out = []
    for g in root.iter(f"{SVG}g"):
        if g.get("class") != cls:
            continue
        a = next(g.iter(f"{SVG}a"), None)
        lines = [t.text or "" for t in g.iter(f"{SVG}text")]
        out.append(("\n".join(lines), a.get(XLINK) if a is not None else None))
    return out


def _tip(s: str | None) -> str | None:
    """A tooltip as an SVG reader sees it: Graphviz writes runs of spaces with
    no-break spaces, and XML reads a tab in an attribute as a space."""
    return None if s is None else _pictures(s.replace("\xa0", " ").replace("\t", " "))


def _pictures(s: str) -> str:
    """Control characters as the DOT export draws them: their Unicode pictures."""
    return "".join(chr(0x2421) if c == "\x7f" else chr(0x2400 + ord(c)) if c < " " and c not in "\t\n\r" else c for c in s)


def test_dot_labels_and_tooltips_are_drawn_exactly(dot_bin, tmp_path):
    G = _hostile_graph()
    root = _dot_svg(dot_bin, export(G, "dot", tmp_path / "g.dot"))
    nodes = _drawn(root, "node")

    # Graphviz draws a label's line breaks as lines and its spaces as it lays
    # them out (outer ones as no-break spaces, or none; no empty last line): compared line by line, trimmed.
    def lines(s: str) -> str:
        return "\n".join(line.replace("\xa0", " ").strip(" ") for line in _pictures(s).replace("\r", "").split("\n")).rstrip("\n")

    assert [lines(lab) for lab, _ in nodes] == [lines(d["label"]) for _, d in G.nodes(data=True)]
    assert [_tip(tip) for _, tip in nodes] == [_tip(d["description"]) for _, d in G.nodes(data=True)]
    edges = _drawn(root, "edge")
    assert [_tip(tip) for _, tip in edges] == [_tip(d["note"]) for *_, d in G.edges(data=True)]


def test_dot_reads_any_graph(dot_bin):
    @SETTINGS
    @given(G=hostile_graphs())
    def check(G):
        with tempfile.TemporaryDirectory() as tmp:
            root = _dot_svg(dot_bin, export(G, "dot", Path(tmp) / "g.dot"))
        # (Graphviz may emit nodes in another order than they are written.)
        tips = sorted(_tip(tip) or "" for _, tip in _drawn(root, "node"))
        assert tips == sorted(_tip(d["description"]) for _, d in G.nodes(data=True))

    check()


# --- Cytoscape.js ------------------------------------------------------------------


def test_cytoscape_js_reads_every_element_and_attribute(node_bin):
    @SETTINGS
    @given(G=hostile_graphs())
    def check(G):
        with tempfile.TemporaryDirectory() as tmp:
            out = export(G, "cytoscape", Path(tmp) / "g.cyjs")
            doc = json.loads(out.read_text(encoding="utf-8"))
            proc = subprocess.run([node_bin, str(JS / "read_cyjs.js"), str(out)], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        read = json.loads(proc.stdout)
        assert read["warnings"] == []
        assert read["nodes"] == [el["data"] for el in doc["elements"]["nodes"]]
        assert read["edges"] == [el["data"] for el in doc["elements"]["edges"]]
        assert [original_names({k: v for k, v in d.items() if k != "id"}) for d in read["nodes"]] == [dict(d) for _, d in G.nodes(data=True)]

    check()


# --- networkx: GraphML, GEXF, node-link JSON --------------------------------------------


def _xml_text(s: str) -> str:
    from graph.model.attrcodec import _plain

    return s if _plain(s) else json.dumps(s, ensure_ascii=False, sort_keys=True)


def test_networkx_reads_graphml_json_and_gexf_back_to_the_graph(tmp_path):
    @SETTINGS
    @given(G=hostile_graphs())
    def check(G):
        with tempfile.TemporaryDirectory() as tmp:
            t = Path(tmp)
            H = nx.read_graphml(export(G, "graphml", t / "g.graphml"), force_multigraph=True)
            doc = json.loads(export(G, "json", t / "g.json").read_text(encoding="utf-8"))
            X = nx.read_gexf(export(G, "gexf", t / "g.gexf"))
        decode(H, "g.graphml")
        assert [(n, original_names(d)) for n, d in H.nodes(data=True)] == as_data(G)[0]
        assert [original_names(d) for *_, d in H.edges(data=True)] == [d for *_, d in as_data(G)[1]]
        J = nx.node_link_graph(doc, edges="edges")
        assert [(n, original_names(d)) for n, d in J.nodes(data=True)] == as_data(G)[0]
        assert [original_names(d) for *_, d in J.edges(data=True)] == [d for *_, d in as_data(G)[1]]
        # GEXF, like GraphML, holds text XML cannot carry as JSON text (named in its description).
        # (An attribute is JSON text on every node when one node needs it.)
        labels = [d["label"] for _, d in G.nodes(data=True)]
        json_text = any(_xml_text(label) != label for label in labels)
        assert [d["label"] for _, d in X.nodes(data=True)] == [json.dumps(label, ensure_ascii=False, sort_keys=True) if json_text else label for label in labels]
        assert list(X.nodes) == list(G.nodes) and X.number_of_edges() == G.number_of_edges()

    check()
