"""The curated data says things in its own words: no run of 8 words is shared with the article.

The article is not in the project: tests/data/article-runs.txt holds hashes of its 8-word runs
(made once by tests/make_article_hashes.py); see tests/wording.py for the normalisation.
"""

import re
from pathlib import Path

import pytest
import yaml

from graph.formats.yamlfile import DATA_DIR
from tests.wording import RUN, digest, runs

ARTICLE_RUNS = {line.strip() for line in (Path(__file__).resolve().parent / "data" / "article-runs.txt").read_text(encoding="utf-8").splitlines() if line.strip() and not line.startswith("#")}
# Fields that cite the article by its headings and title are quotations on purpose.
CITATION_FIELDS = {"section", "sections", "title", "cites", "id", "from", "to", "relation", "refs"}


def _texts(value, where):
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _texts(v, f"{where}[{i}]")
    elif isinstance(value, dict):
        for k, v in value.items():
            if k not in CITATION_FIELDS:
                yield from _texts(v, f"{where}.{k}")


def _data_texts():
    for path in sorted(DATA_DIR.rglob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        # Research sources are bibliographic records, quoted as published.
        if isinstance(doc, dict) and "sources" in doc:
            doc = {k: v for k, v in doc.items() if k != "sources"}
        yield from _texts(doc, path.name)


def test_the_fixture_holds_the_article_s_runs():
    assert len(ARTICLE_RUNS) > 500


@pytest.mark.parametrize("where, text", list(_data_texts()), ids=lambda x: x if isinstance(x, str) and len(x) < 60 else "")
def test_no_eight_word_run_of_the_article(where, text):
    copied = [r for r in runs(text) if digest(r) in ARTICLE_RUNS]
    assert not copied, f"{where} repeats {RUN} or more words of the article: {copied[0]!r}"


def test_the_check_finds_a_copied_run():
    """A section heading of nine words is quoted on purpose in every citation: its runs are
    the article's, so the check would catch them anywhere else."""
    heading = "Prevention and Treatment Options of Foot and Back Pain"
    assert [r for r in runs(heading) if digest(r) in ARTICLE_RUNS] == runs(heading) != []
    assert not [r for r in runs("Options of foot and back pain prevention and treatment") if digest(r) in ARTICLE_RUNS]


def _headings():
    """The article's title and headings (quoted as citations) and the node labels (names, which
    listings print side by side): left out of the check of running text."""
    doc = yaml.safe_load((DATA_DIR / "sources.yaml").read_text(encoding="utf-8"))
    out = []
    for s in doc["sources"]:
        out += [s["title"], *(s.get("sections") or [])]
    nodes = yaml.safe_load((DATA_DIR / "nodes.yaml").read_text(encoding="utf-8"))["nodes"]
    out += [n["label"] for n in nodes]
    return sorted(out, key=len, reverse=True)


ROOT = Path(__file__).resolve().parent.parent
PROSE = [
    ROOT / "README.md",
    *sorted((ROOT / "docs").rglob("*.md")),
    ROOT / "docs" / "tour.ipynb",
    ROOT / "mkdocs.yml",
    *sorted((ROOT / "graph").rglob("*.py")),
    *sorted((ROOT / "graph").rglob("templates/*")),
]


@pytest.mark.parametrize("path", PROSE, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_eight_word_run_of_the_article_in_docs_or_code(path):
    """The README, docs, code and templates say things in their own words too; the
    article's headings and title, quoted as citations, are left out of the check."""
    text = path.read_text(encoding="utf-8")
    for heading in _headings():
        # A name wrapped over two lines of a listing is still the name.
        text = re.sub(r"\s+".join(map(re.escape, heading.split())), " HEADING ", text, flags=re.IGNORECASE)
    copied = [r for r in runs(text) if digest(r) in ARTICLE_RUNS]
    assert not copied, f"{path.name} repeats {RUN} or more words of the article: {copied[0]!r}"
