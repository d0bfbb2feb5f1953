"""The html export, read back as text and data (the browser tests are in test_page.py)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

from graph.model.records import sections_of
from graph.formats.yamlfile import load_graph_dir
from graph.errors import ExportError, NoPath
from graph.exporters import FORMATS, export
from graph.page.html import CSP, DEFAULT_MAX_NODES, cap, page_data, render, script_json
from graph.questions.query import neighbourhood, paths
from tests import HEEL_SPUR, HIP_ACHE, TINY_DIR
from tests.evil_graph import DISCLAIMER, SECTION, TITLE, all_texts, write_evil_graph

REPO = Path(__file__).resolve().parent.parent


def embedded_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="fb-data">(.*?)</script>', html, re.S)
    assert m, "no embedded data"
    return json.loads(m.group(1))


def test_page_is_one_offline_file(curated):
    html = render(curated)
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP.replace(chr(39), "&#39;")}">' in html
    assert "default-src 'none'" in CSP and "connect-src 'none'" in CSP
    # Nothing is loaded from anywhere: no external scripts, styles, images or fonts.
    assert not re.search(r"<(script|img|iframe|link)[^>]*\s(src|href)\s*=", html, re.I)
    assert "@import" not in html and "url(http" not in html
    assert "bootstrap" not in html.lower() and "cdn" not in html.lower().replace("cdn_resources", "")
    # vis-network is inlined from the pyvis package.
    assert "vis-network" in html and "DataSet" in html
    assert "Educational, not medical advice." in html


def test_page_inlines_each_of_its_scripts_once_in_order(curated, monkeypatch, tmp_path):
    """The page's own scripts (graph.page.html.SCRIPTS), each in a <script> of its own,
    after vis-network and in the documented order: each file adds to what the ones
    before it made (window.footbackLib)."""
    from graph.page import html as page_html

    html = render(curated)
    bodies = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(bodies) == 1 + len(page_html.SCRIPTS) and "vis-network" in bodies[0]
    assert bodies[1:] == [page_html.page_script(name) for name in page_html.SCRIPTS]
    assert page_html.SCRIPTS[:3] == ("dom.js", "names.js", "paths.js") and page_html.SCRIPTS[-3:] == ("app.js", "lessons.js", "quiz.js")
    assert all((page_html.TEMPLATES / name).is_file() for name in page_html.SCRIPTS)
    # A script that could end its element is refused, whichever file it is.
    (tmp_path / "dom.js").write_text("var s = '</script>';", encoding="utf-8")
    monkeypatch.setattr(page_html, "TEMPLATES", tmp_path)
    with pytest.raises(ExportError, match="cannot inline dom.js"):
        page_html.page_script("dom.js")


def test_embedded_data_round_trips_the_graph(curated):
    data = embedded_data(render(curated))
    assert data == json.loads(json.dumps(page_data(curated)))
    assert [n["id"] for n in data["graph"]["nodes"]] == list(curated.nodes)
    assert [n["id"] for n in data["vis"]["nodes"]] == list(curated.nodes)
    assert len(data["vis"]["edges"]) == len(data["graph"]["edges"]) == curated.number_of_edges()
    for rec, (u, v, d) in zip(data["graph"]["edges"], curated.edges(data=True)):
        assert (rec["source"], rec["target"], rec["relation"], rec["note"], rec["section"]) == (u, v, d["relation"], d["note"], sections_of(d))
        assert rec["evidence"] == ({"level": d["evidence_level"], "basis": d["evidence_basis"], "refs": d.get("evidence_refs", []), "note": d["evidence_note"]} if "evidence_level" in d else None)
    for rec in data["graph"]["nodes"]:
        d = curated.nodes[rec["id"]]
        assert (rec["label"], rec["type"], rec["description"], rec["synonyms"], rec["codes"]) == (d["label"], d["type"], d["description"], d["synonyms"], d["codes"])
    # Physics off, positions precomputed, straight edges: usable at once.
    opts = data["vis"]["options"]
    assert opts["physics"]["enabled"] is False and opts["layout"]["improvedLayout"] is False
    assert opts["edges"]["smooth"] is False
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["vis"]["nodes"])
    assert {t["name"] for t in data["types"]} == {t for _, t in curated.nodes(data="type")}
    assert data["omitted"] is None and data["initial"] == {}


def test_export_does_not_change_the_graph(curated):
    G = curated.copy()
    before = (list(G.nodes(data=True)), list(G.edges(keys=True, data=True)), dict(G.graph))
    render(G)
    assert (list(G.nodes(data=True)), list(G.edges(keys=True, data=True)), dict(G.graph)) == before


def test_render_is_deterministic_across_hash_seeds(tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"page{seed}.html"
        env = {**os.environ, "PYTHONHASHSEED": seed}
        code = f"from graph.formats import load_graph; from graph.exporters import export; export(load_graph(), 'html', {str(out)!r})"
        subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO, env=env)
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]
    assert b"/tmp" not in outs[0] and str(REPO).encode() not in outs[0]


def test_malicious_text_is_escaped_everywhere(tmp_path):
    G = load_graph_dir(write_evil_graph(tmp_path / "evil"))
    html = render(G, path=("evil-condition", "evil-symptom"))
    benign = render(load_graph_dir(REPO / "tests" / "data" / "tiny"))
    # No text of the data appears raw in the page, and no tags were added.
    for text in all_texts():
        assert text not in html
    for tag in ("<script", "<img", "<svg", "<iframe", "<b ", "<!--", "</title>"):
        assert html.lower().count(tag) == benign.lower().count(tag), tag
    assert "&lt;/title&gt;&lt;script&gt;" in html.split("</title>")[0]
    # Yet the data holds every text exactly.
    data = embedded_data(html)
    assert data["title"] == TITLE and data["disclaimer"] == DISCLAIMER
    assert {s for e in data["graph"]["edges"] for s in e["section"]} == {SECTION}


def test_script_json_cannot_close_its_element():
    text = script_json({"k": "</script><!-- \u2028 & <b>"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == {"k": "</script><!-- \u2028 & <b>"}


def test_cap_keeps_the_most_connected_and_says_what_it_left_out(curated):
    H, left = cap(curated, 10)
    assert len(H) == 10 and len(left) == len(curated) - 10
    degree = dict(curated.degree())
    assert min(degree[n] for n in H) >= max(degree[n] for n in left)
    data = page_data(curated, max_nodes=10)
    assert len(data["graph"]["nodes"]) == 10
    assert data["omitted"]["left_out"] == len(curated) - 10 and data["omitted"]["shown"] == 10
    assert data["omitted"]["examples"][0] == curated.nodes[left[0]]["label"]
    assert page_data(curated, max_nodes=None)["omitted"] is None
    assert DEFAULT_MAX_NODES == 500 and len(page_data(curated)["graph"]["nodes"]) == len(curated)


def test_cap_keeps_a_path_and_the_nodes_nearest_the_focus(curated):
    pf, lbp = "plantar-fasciitis", "lower-back-pain"
    on_path = {n for p in paths(curated, pf, lbp) for n in p["nodes"]}
    data = page_data(curated, path=(pf, lbp), max_nodes=3)
    assert on_path <= {n["id"] for n in data["graph"]["nodes"]}
    assert data["initial"] == {"path": [pf, lbp]}
    H, omitted = neighbourhood(curated, "sciatica", radius=2)
    capped, left = cap(H, 4)
    dist = nx.single_source_shortest_path_length(H.to_undirected(as_view=True), "sciatica")
    assert "sciatica" in capped and max(dist[n] for n in capped) <= min(dist[n] for n in left)
    note = page_data(H, max_nodes=4)["omitted"]
    assert note["focus"] == "Sciatica" and note["radius"] == 2 and note["left_out"] == len(H) - 4 + omitted


def test_path_option_must_name_drawn_nodes(tiny, tmp_path):
    with pytest.raises(ExportError, match="not in the exported graph"):
        export(tiny, "html", tmp_path / "x.html", path=(HEEL_SPUR, "nowhere"))
    export(tiny, "html", tmp_path / "ok.html", path=(HEEL_SPUR, HIP_ACHE))
    assert embedded_data((tmp_path / "ok.html").read_text())["initial"] == {"path": [HEEL_SPUR, HIP_ACHE]}
    assert FORMATS["html"].options == {"path", "max_nodes"}


@pytest.mark.parametrize("fmt", sorted(f for f, spec in FORMATS.items() if "path" in spec.options))
def test_every_format_refuses_a_path_that_is_not_there_alike(runner, tmp_path, fmt):
    """html, mermaid and dot agree: no path between the ends is an empty answer (exit
    1) saying why, and nothing is written; a file already there is left as it was."""
    from cli import cli

    out = tmp_path / f"p.{fmt}"
    out.write_text("before")
    result = runner.invoke(cli, ["export", fmt, "--path", "lower back pain", "flat feet", "-o", str(out)])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("footback: no path from Lower back pain to Flat feet within 6 hops: ")
    assert "Try: footback paths 'flat feet' 'lower back pain'" in result.stderr
    assert out.read_text() == "before"
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]
    with pytest.raises(NoPath):
        export(load_graph_dir(TINY_DIR), fmt, tmp_path / f"q.{fmt}", path=(HIP_ACHE, HEEL_SPUR))
    assert not (tmp_path / f"q.{fmt}").exists()


def test_cli_export_html_with_path_focus_and_cap(runner, tmp_path):
    from cli import cli

    out = tmp_path / "p.html"
    result = runner.invoke(cli, ["export", "html", "--path", "Plantar Fasciitis", "lumbago", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out}\n"
    assert embedded_data(out.read_text())["initial"] == {"path": ["plantar-fasciitis", "lower-back-pain"]}
    result = runner.invoke(cli, ["export", "html", "--max-nodes", "7", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert embedded_data(out.read_text())["omitted"]["shown"] == 7
    result = runner.invoke(cli, ["export", "html", "--focus", "sciatica", "--radius", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = embedded_data(out.read_text())
    assert data["omitted"]["focus"] == "Sciatica" and data["omitted"]["left_out"] == 0
    result = runner.invoke(cli, ["export", "html", "--path", "sciatica", "nosuchthing", "-o", str(out)])
    assert result.exit_code == 2 and "footback: error:" in result.output


def test_committed_page_is_small():
    assert (REPO / "output" / "footback.html").stat().st_size < 1_000_000


def test_focused_cap_names_the_nearest_left_out_nodes(runner, tmp_path, curated):
    from cli import cli

    out = tmp_path / "f.html"
    result = runner.invoke(cli, ["export", "html", "--focus", "lumbago", "--radius", "2", "--max-nodes", "10", "-o", str(out)])
    assert result.exit_code == 0, result.output
    note = embedded_data(out.read_text())["omitted"]
    H, _ = neighbourhood(curated, "lower-back-pain", radius=2)
    dist = nx.single_source_shortest_path_length(H.to_undirected(as_view=True), "lower-back-pain")
    drawn = {n["id"] for n in embedded_data(out.read_text())["graph"]["nodes"]}
    left = [n for n in H if n not in drawn]
    assert note["shown"] == 10 and note["left_out"] == len(left) == len(H) - 10
    # The nearest left-out nodes are named, a few of them, then how many more.
    named = {curated.nodes[n]["label"]: n for n in left}
    assert len(note["examples"]) == min(10, len(left))
    assert max(dist[named[x]] for x in note["examples"]) <= min(dist[n] for n in left if curated.nodes[n]["label"] not in note["examples"])
    text = note["text"]
    assert ", ".join(note["examples"]) in text
    assert f"and {len(left) - 10} more" in text
    # Already focused: suggest a larger cap or a smaller radius, not --focus.
    assert "--focus" not in text and "--max-nodes" in text and "--radius" in text
    assert ".." not in text and "…." not in text


def test_path_cap_says_the_path_nodes_were_kept(curated):
    pf, lbp = "plantar-fasciitis", "lower-back-pain"
    on_path = {n for p in paths(curated, pf, lbp) for n in p["nodes"]}
    text = page_data(curated, path=(pf, lbp), max_nodes=3)["omitted"]["text"]
    assert text.startswith(f"Showing only the {len(on_path)} nodes on the highlighted paths.")
    assert "most connected" not in text.split(".")[0]
    text = page_data(curated, path=(pf, lbp), max_nodes=len(on_path) + 4)["omitted"]["text"]
    assert text.startswith(f"Showing the {len(on_path)} nodes on the highlighted paths and the graph's 4 most connected other nodes.")
    text = page_data(curated, max_nodes=10)["omitted"]["text"]
    assert text.startswith("Showing the graph's 10 most connected nodes.") and "--focus NODE" in text
    assert ".." not in text


@pytest.mark.parametrize(
    "note, expected",
    [
        ({"shown": 2, "left_out": 1, "examples": ["Foo Inc."], "pinned": 0}, "Showing the graph's 2 most connected nodes. 1 node was left out to keep the page fast: Foo Inc."),
        ({"shown": 3, "left_out": 0, "examples": [], "pinned": 0, "focus": "Sciatica", "radius": 1}, "Showing the neighbourhood of Sciatica (1 step around it): 3 nodes."),
    ],
)
def test_omitted_text_ends_each_sentence_once(note, expected):
    from graph.page.html import omitted_text

    assert omitted_text(note).startswith(expected)
    assert ".." not in omitted_text(note)


def test_cli_radius_without_focus_is_a_usage_error(runner, tmp_path):
    from cli import cli

    result = runner.invoke(cli, ["export", "html", "--radius", "1", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert "--radius" in result.output and "--focus" in result.output
    assert not (tmp_path / "x.html").exists()


def test_only_bands_that_hold_a_node_are_drawn(curated):
    full = page_data(curated)["layout"]["bands"]
    assert [b["label"] for b in full] == ["Back and spine", "Hips and legs", "Ankles", "Feet and toes"]
    H, _ = neighbourhood(curated, "bunion", radius=1)  # the big toe and the lower back: two bands
    data = page_data(H)
    ys = [n["y"] for n in data["vis"]["nodes"]]
    assert 0 < len(data["layout"]["bands"]) < len(full)
    for band in data["layout"]["bands"]:
        assert any(band["y0"] <= y <= band["y1"] for y in ys), band["label"]


def test_no_sources_heading_without_sources():
    G = nx.MultiDiGraph()
    G.add_node("a", label="A", type="condition")
    G.add_node("b", label="B", type="symptom")
    G.add_edge("a", "b", key="causes", relation="causes")
    html = render(G)
    assert ">Sources</h2>" not in html and "Made with footback" in html
    assert ">Sources</h2>" in render(load_graph_dir(REPO / "tests" / "data" / "tiny"))


def _bands_by_node(data: dict) -> dict[str, str]:
    """The body band each drawn node's centre sits in, by the page's own bands."""
    bands = data["layout"]["bands"]
    out = {}
    for n in data["vis"]["nodes"]:
        inside = [b["label"] for b in bands if b["y0"] <= n["y"] <= b["y1"]]
        assert len(inside) == 1, (n["id"], n["y"], bands)  # never on a boundary between two
        out[n["id"]] = inside[0]
    return out


@pytest.mark.parametrize(
    "args",
    [
        ["--path", "plantar fasciitis", "lower back pain", "--max-nodes", "5"],
        ["--focus", "plantar fasciitis", "--radius", "3"],
        ["--focus", "plantar fasciitis", "--radius", "1"],
        ["--focus", "lumbago", "--radius", "2", "--max-nodes", "10"],
        ["--focus", "herniated disc", "--radius", "1"],
    ],
)
def test_narrowed_export_draws_each_node_in_its_full_page_band(runner, tmp_path, args):
    """A neighbourhood or a capped page lacks the regions that place its nodes in the body;
    the layout still places them by the full graph, so no node changes band."""
    from cli import cli

    full, part = tmp_path / "full.html", tmp_path / "part.html"
    assert runner.invoke(cli, ["export", "html", "-o", str(full)]).exit_code == 0
    result = runner.invoke(cli, ["export", "html", *args, "-o", str(part)])
    assert result.exit_code == 0, result.output
    on_full = _bands_by_node(embedded_data(full.read_text()))
    on_part = _bands_by_node(embedded_data(part.read_text()))
    assert len(on_part) < len(on_full)
    assert {n: on_full[n] for n in on_part} == on_part
    assert on_part.get("lower-back-pain", "Back and spine") == "Back and spine"
    assert on_part["plantar-fasciitis" if "plantar fasciitis" in args else next(iter(on_part))] in on_full.values()


def test_every_radius_one_neighbourhood_keeps_the_full_page_bands(curated):
    on_full = _bands_by_node(page_data(curated))
    for focus in curated:
        H, _ = neighbourhood(curated, focus, radius=1)
        on_part = _bands_by_node(page_data(H))
        assert {n: on_full[n] for n in on_part} == on_part, focus


@pytest.mark.parametrize("omitted", [123456, "lots", None, [1]])
def test_graph_attributes_named_like_a_cut_do_not_make_the_page_say_nodes_were_left_out(tiny, tmp_path, omitted):
    """The page's note on what was left out comes from footback's own record of a
    neighbourhood (query.cut_of), never from graph attributes a file may carry."""
    G = tiny.copy()
    G.graph.update(omitted=omitted, focus=HEEL_SPUR, radius="<b>x")
    assert page_data(G)["omitted"] is None
    H, left = neighbourhood(G, HEEL_SPUR, radius=1, max_nodes=2)
    note = page_data(H)["omitted"]
    assert note["left_out"] == left and note["radius"] == 1 and note["focus"] == G.nodes[HEEL_SPUR]["label"]
    assert "123456" not in note["text"] and "<b>" not in note["text"]


def test_a_json_graph_with_omitted_text_exports_its_page(runner, tmp_path):
    from cli import cli

    src = tmp_path / "om.json"
    src.write_text(json.dumps({"graph": {"omitted": "lots", "focus": "a", "radius": "<b>x"}, "nodes": [{"id": "a"}, {"id": "b"}], "edges": [{"source": "a", "target": "b"}]}))
    result = runner.invoke(cli, ["--graph", str(src), "export", "html", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 0, result.output
    data = embedded_data((tmp_path / "x.html").read_text())
    assert data["omitted"] is None and data["title"] == "footback"
