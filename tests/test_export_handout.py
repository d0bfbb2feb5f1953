"""The handout: one section per condition, HTML and Markdown, nothing from the data executes."""

from html.parser import HTMLParser

import pytest

from cli import cli
from graph.errors import EXIT_OK
from graph.exporters import export
from graph.teaching.handout import handout_data, md_escape
from tests import HEEL_SPUR, HIP_ACHE, LIMPING

EVIL = '<script>alert("x")</script><img src=x onerror=alert(1)>'


class Collector(HTMLParser):
    """Tags and text of a page."""

    def __init__(self):
        super().__init__()
        self.tags, self.attrs, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(name for name, _ in attrs)

    def handle_data(self, data):
        self.text.append(data)


def parse(html):
    c = Collector()
    c.feed(html)
    return c


def test_handout_html_sections(curated, tmp_path):
    html = export(curated, "handout", tmp_path / "sheet.html").read_text()
    conditions = [n for n, t in curated.nodes(data="type") if t == "condition"]
    assert html.count('<section class="condition"') == len(conditions) == 7
    for n in conditions:
        assert f"<h2>{curated.nodes[n]['label']}</h2>" in html
    assert "Educational material, not medical advice." in html
    assert "@media print" in html and "break-before: page" in html
    assert "<code>ICD10CM:M72.2</code>" in html
    assert "Plantar fasciitis \u2192 Heel pain \u2192 Change in posture \u2192 Lower back pain" in html
    assert "Orthotics can help with Heel pain" in html
    assert "Gray&#39;s Anatomy for Students" in html  # sources listed, escaped
    page = parse(html)
    assert "script" not in page.tags and not any(a.startswith("on") for a in page.attrs)
    assert export(curated, "handout", tmp_path / "again.html").read_text() == html


def test_handout_data_matches_graph(curated):
    pf = next(c for c in handout_data(curated)["conditions"] if c["id"] == "plantar-fasciitis")
    assert [r["label"] for r in pf["regions"]] == ["Plantar fascia"]
    assert pf["regions"][0]["within"] == ["Foot", "Lower limb"]
    assert {ch["symptom"] for ch in pf["chains"]} == {"Heel pain", "Arch pain", "Lower back pain"}
    assert {(t["label"], t["acts_on"]) for t in pf["treatments"]} >= {("Orthotics", "Heel pain"), ("Physical therapy", "Lower back pain")}
    assert pf["codes"] == ["ICD10CM:M72.2"]


@pytest.fixture
def evil_tiny(tiny):
    tiny.nodes[HEEL_SPUR]["label"] = EVIL
    tiny.nodes[HEEL_SPUR]["description"] = "[click](javascript:alert(1)) *bold* <b>x</b>"
    tiny.nodes[HEEL_SPUR]["codes"] = ["</code><script>alert(2)</script>"]
    tiny.nodes[HIP_ACHE]["label"] = "Hip </li></ul><script>alert(3)</script>"
    tiny.edges[HEEL_SPUR, LIMPING, "causes"]["note"] = "<iframe src=javascript:alert(4)>"
    tiny.graph["sources"][0]["title"] = "<svg onload=alert(5)>"
    return tiny


def test_handout_html_escapes_everything(evil_tiny, tmp_path):
    html = export(evil_tiny, "handout", tmp_path / "evil.html").read_text()
    page = parse(html)
    assert not {"script", "img", "iframe", "svg", "b"} & set(page.tags)
    assert not any(a.startswith("on") for a in page.attrs)
    assert "<script" not in html and "<iframe" not in html
    text = "".join(page.text)
    assert EVIL in text  # shown as text, exactly as written
    assert "<iframe src=javascript:alert(4)>" in text


def test_handout_markdown_escapes_everything(evil_tiny, tmp_path):
    md = export(evil_tiny, "handout", tmp_path / "evil.md").read_text()
    assert md.startswith("# Study sheet: Tiny test graph\n")
    assert "<" not in md.replace("\u2192", "")
    assert "&lt;script&gt;" in md
    assert "\\[click\\]\\(javascript:alert\\(1\\)\\) \\*bold\\*" in md
    # Rendered by a Markdown library that allows raw HTML, nothing is live.
    markdown = pytest.importorskip("markdown")
    page = parse(markdown.markdown(md))
    assert not {"script", "img", "iframe", "svg"} & set(page.tags)


def test_handout_markdown(curated, tmp_path):
    md = export(curated, "handout", tmp_path / "sheet.md").read_text()
    assert md.count("\n## ") == 7 + 3  # one per condition, red flags, the nerve route, then the sources
    assert "## Red flags: get urgent care\n\n- **Numbness in the saddle area**:" in md
    assert "- L5 root \u2192 Sacral plexus \u2192 Sciatic nerve \u2192 Tibial nerve \u2192 Medial plantar nerve\n" in md
    assert "- L5 root \u2192 L5 skin area \\(top of the foot and big toe\\):" in md
    assert "> **Educational material, not medical advice.**" in md
    assert "- Plantar fasciitis \u2192 Heel pain \u2192 Change in posture \u2192 Lower back pain *(weakest link: hypothesis)*\n" in md
    assert "**How sure is each link?**" in md and "How sure: **contradicted**." in md
    assert "doi:10.1186/1471-2474-15-140" in md  # the research behind the levels, listed
    assert "**Codes:** `ICD10CM:M72.2`" in md
    assert "**Codes:** `ICD10CM:M72.2`" in md


def test_md_escape():
    assert md_escape("a_b *c* `d` #e") == "a\\_b \\*c\\* \\`d\\` \\#e"
    assert md_escape("- not a list") == "\\- not a list"


def test_cli_export_handout(runner, tmp_path):
    for name in ("sheet.html", "sheet.md"):
        result = runner.invoke(cli, ["export", "handout", "-o", str(tmp_path / name)])
        assert result.exit_code == EXIT_OK, result.output
        assert result.output == f"wrote {tmp_path / name}\n"
    assert (tmp_path / "sheet.html").read_text().startswith("<!DOCTYPE html>")
    assert (tmp_path / "sheet.md").read_text().startswith("# Study sheet")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sheet.html", "sheet.md"]  # no temporary files left
