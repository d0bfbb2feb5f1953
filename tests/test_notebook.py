"""The Python API in a notebook: graph.notebook.Explorer shows the explorer page inline,
escaped into a sandboxed ``<iframe srcdoc>``, and the example notebook docs/tour.ipynb
runs from top to bottom."""

import os
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pytest

from cli import cli
from graph import AmbiguousName, Explorer, ExportError, NameNotFound, NoPath, load_graph
from graph.page.html import render
from tests import HEEL_SPUR, HIP_ACHE, TINY_DIR

ROOT = Path(__file__).resolve().parent.parent
TOUR = ROOT / "docs" / "tour.ipynb"
HOSTILE = '"><script>alert(1)</script>\' onload="alert(2)'


class _Elements(HTMLParser):
    """Every start tag of a fragment with its attributes, as a browser's parser reads them."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _frame(markup):
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return parser.tags


def _hostile_graph():
    G = nx.MultiDiGraph()
    G.add_node("a", label=HOSTILE, type="condition", description="&amp; </iframe> &quot;")
    G.add_node("b", label="Back pain", type="symptom")
    G.add_edge("a", "b", key="causes", relation="causes", note="</script>", section="", cites="")
    return G


def test_the_frame_is_one_sandboxed_iframe_holding_the_page_exactly():
    G = _hostile_graph()
    markup = Explorer(G)._repr_html_()
    tags = _frame(markup)
    assert [t for t, _ in tags] == ["iframe"], tags  # nothing of the page leaks out as markup
    attrs = tags[0][1]
    assert attrs["sandbox"] == "allow-scripts"  # scripts, but no same-origin access to the notebook
    assert "allow-same-origin" not in markup.split("srcdoc=")[0]
    assert attrs["srcdoc"] == render(G) == Explorer(G).page()
    assert HOSTILE not in markup and "<script>" not in markup


def test_a_path_and_a_focus_are_read_as_the_command_line_reads_names(tiny):
    shown = Explorer(tiny, path=("heel spur", "hip ache"))
    assert shown.path == (HEEL_SPUR, HIP_ACHE)
    assert shown.page() == render(tiny, path=(HEEL_SPUR, HIP_ACHE))
    assert "path=" in repr(shown) and f"{len(tiny)} nodes" in repr(shown)
    focused = Explorer(tiny, focus="hip ache", radius=1)
    assert focused.focus == HIP_ACHE
    assert len(focused.page()) < len(Explorer(tiny).page())


def test_bad_names_and_empty_paths_are_footback_errors(tiny):
    with pytest.raises(NameNotFound):
        Explorer(tiny, focus="no such thing at all")
    with pytest.raises(NameNotFound):
        Explorer(tiny, path=("heel spur", "zzzz qqqq"))
    G = nx.MultiDiGraph()
    G.add_node("a", label="Same", type="condition")
    G.add_node("b", label="Same!", type="symptom")
    with pytest.raises(AmbiguousName):
        Explorer(G, focus="same")


def test_a_path_without_paths_fails_at_construction_saying_why_as_the_command_line_does(tiny, runner, tmp_path):
    """Not later, when Jupyter displays it (a display-formatter traceback), and not with the short message."""
    with pytest.raises(NoPath) as raised:
        Explorer(tiny, path=("hip ache", "heel spur"))
    result = runner.invoke(cli, ["--graph", str(TINY_DIR), "export", "html", "--path", "hip ache", "heel spur", "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1 and not (tmp_path / "x.html").exists()
    assert result.stderr == f"footback: {raised.value}\n"
    assert str(raised.value).startswith("no path from Hip ache to Heel spur within 6 hops: ") and "\n  Try: footback paths 'heel spur' 'hip ache'" in str(raised.value)


def test_a_path_outside_the_focus_fails_at_construction(tiny):
    with pytest.raises(ExportError, match="is not in the exported graph"):
        Explorer(tiny, path=("heel spur", "hip ache"), focus="numb toe", radius=0)


@pytest.mark.parametrize("path", [("heel spur",), ("heel spur", "hip ache", "heel spur"), "heel spur"])
def test_a_path_is_two_names(tiny, path):
    with pytest.raises(ValueError, match="path must be two names"):
        Explorer(tiny, path=path)


def test_the_height_is_a_number_of_pixels(tiny):
    assert "height: 300px" in Explorer(tiny, height=300)._repr_html_()
    with pytest.raises((TypeError, ValueError)):
        Explorer(tiny, height="1px; background: url(x)")._repr_html_()


def test_the_frame_draws_the_page_in_a_browser_without_reaching_the_notebook(browser, tmp_path):
    """The page runs in the sandbox (drawn, its path finder answering) and cannot touch the
    document around it; a hostile label stays text."""
    G = _hostile_graph()
    host = tmp_path / "notebook.html"
    host.write_text(f"<!DOCTYPE html><title>notebook</title><p id=cell>cell</p>{Explorer(G, path=('a', 'b'))._repr_html_()}", encoding="utf-8")
    context = browser.new_context()
    page = context.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(host.as_uri())
    frame = page.frames[1]
    frame.wait_for_function("() => window.footbackReady === true", timeout=20000)
    assert frame.evaluate("() => window.footback.findPaths('a', 'b').length") == 1
    reached = frame.evaluate("() => { try { return parent.document.getElementById('cell').textContent; } catch (e) { return 'blocked'; } }")
    assert reached == "blocked"
    assert dialogs == [] and page.evaluate("() => document.querySelectorAll('script').length") == 0
    context.close()


def _kernel_unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"the notebook cannot run under CI: {reason}")
    pytest.skip(f"notebook test skipped: {reason}")


def test_the_tour_notebook_is_committed_without_outputs():
    import json

    nb = json.loads(TOUR.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c["outputs"] == [] and c["execution_count"] is None for c in code)
    assert not any("tests" in "".join(c["source"]) for c in code)  # the library alone


def test_the_tour_notebook_runs(tmp_path, monkeypatch):
    try:
        import nbformat
        from nbclient import NotebookClient
    except ImportError as e:
        _kernel_unavailable(f"{e.name} is not installed (pip install -e '.[test]')")
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # jupyter_core warns without it
    nb = nbformat.read(TOUR, as_version=4)
    NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = {}
    for cell in nb.cells:
        if cell.cell_type == "code":
            outputs[cell.source.splitlines()[0]] = cell.outputs
    assert not [o for outs in outputs.values() for o in outs if o.output_type == "error"]

    def text(first_line):
        (key,) = [k for k in outputs if k.startswith(first_line)]
        return "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in outputs[key])

    G = load_graph()
    assert text("from graph import") == repr((G.number_of_nodes(), G.number_of_edges()))
    assert text("pf = resolve") == "('plantar-fasciitis', 'lower-back-pain')"
    assert text("found = paths").startswith("3 Plantar fasciitis → Heel pain → Change in posture → Lower back pain\n")
    assert "Orthotics → Lower back pain" in text("for link in evidence_links")
    (frame,) = [o for o in outputs['Explorer(G, path=("plantar fasciitis", "lower back pain"), height=600)'] if "text/html" in o.get("data", {})]
    tags = _frame(frame["data"]["text/html"])
    assert [t for t, _ in tags] == ["iframe"] and tags[0][1]["sandbox"] == "allow-scripts"
    assert tags[0][1]["srcdoc"].startswith("<!DOCTYPE html>") and "lower-back-pain" in tags[0][1]["srcdoc"]


def test_a_graph_from_a_folder_works_the_same(tmp_path):
    """load_graph with a path, as --graph: the Explorer draws it."""
    G = load_graph(TINY_DIR)
    assert _frame(Explorer(G)._repr_html_())[0][1]["srcdoc"] == render(G)
