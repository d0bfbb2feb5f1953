"""The docs site (docs/, mkdocs.yml) builds strictly and offline, its command reference is
the commands' own --help, and every `$ footback` example in the README and in the docs is
run by a test and compared with the real output: the pages' own tests (test_docs.py,
test_docs_formats.py, test_docs_teaching.py, test_init.py, test_database.py) run theirs,
and this file runs the rest, in a temporary folder laid out as each page says."""

import os
import re
import shlex
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cli import cli

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
PAGES = [README, *sorted(DOCS.glob("*.md"))]


def _unavailable(reason):
    if os.environ.get("CI") == "true":
        pytest.fail(f"the docs site cannot be built under CI: {reason}")
    pytest.skip(f"docs site test skipped: {reason}")


# --- the examples ---------------------------------------------------------------------


def console_examples(text):
    """``(command, pasted output, exit code)`` of every ``$ footback`` line in ``text``'s
    console blocks, in order; the exit code is the one an ``echo $?`` after it shows, else 0."""
    out = []
    for block in re.findall(r"```(?:console|shell-session)\n(.*?)```", text, re.DOTALL):
        parts = re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]
        for i, part in enumerate(parts):
            command, _, output = part.partition("\n")
            if "footback " not in command or command.startswith("eval "):
                continue
            code = 0
            if i + 1 < len(parts) and parts[i + 1].startswith("echo $?\n"):
                code = int(parts[i + 1].split("\n")[1])
            out.append((command, output.rstrip("\n"), code))
    return out


def _run_elsewhere():
    """``{page name: commands}`` that the pages' own tests run."""
    from tests import test_docs, test_docs_formats, test_docs_teaching, test_init

    formats = (DOCS / "formats.md").read_text(encoding="utf-8")
    database = formats.split("\n## Graphs larger than memory", 1)[1].split("```shell-session\n", 1)[1].split("```", 1)[0]
    return {
        "cli.md": {c for c, _, _ in test_docs.EXAMPLES} | {c for c, _, _ in test_docs.JSON_EXAMPLES},
        "formats.md": {c for c, _, _ in test_docs_formats.EXAMPLES} | {c for c, _, _ in console_examples(f"```console\n{database}```")},
        "teaching.md": {c for c, _ in test_docs_teaching.EXAMPLES},
        "data-format.md": {c for c, _ in test_init._example()[1]},
    }


def _setup_data_format(tmp):
    """The broken folder the validation example shows, and the small graph the page holds."""
    bad = tmp / "my-graph"
    bad.mkdir()
    (bad / "nodes.yaml").write_text("nodes:\n  - {id: a, label: A, type: symptom, description: A thing.}\n")
    (bad / "notes.yaml").write_text("sources:\n  - {id: notes, title: Notes}\n")
    (bad / "more.yaml").write_text("edges:\n  - {from: x, relation: causes, to: y, cites: z, section: s, note: n}\n")
    page = (DOCS / "data-format.md").read_text(encoding="utf-8")
    (tmp / "small").mkdir()
    small = page.split("\n## A small graph, whole\n", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp / "small" / "graph.yaml").write_text(small, encoding="utf-8")


def _setup_explorer(tmp):
    from graph.store.scaffold import init_data

    init_data(tmp / "my-graph")


SETUP = {"data-format.md": _setup_data_format, "explorer.md": _setup_explorer}
OWN = [(page.name, command, pasted, code) for page in PAGES for command, pasted, code in console_examples(page.read_text(encoding="utf-8"))]


#: Examples each page shows (at least): a page that loses its examples fails here.
SHOWN = {"README.md": 5, "cli.md": 23, "formats.md": 17, "teaching.md": 13, "data-format.md": 6, "explorer.md": 4}


def test_every_example_is_run_by_a_test():
    """The pages' own tests find the examples they run on the page named (so a page that
    moves or renames a section cannot leave its examples unrun), and the rest are run here."""
    elsewhere = _run_elsewhere()
    for page, commands in elsewhere.items():
        on_page = {c for p, c, _, _ in OWN if p == page}
        assert commands and commands <= on_page, (page, commands - on_page)
    shown = {}
    for p, _, _, _ in OWN:
        shown[p] = shown.get(p, 0) + 1
    assert {p: shown.get(p, 0) for p in SHOWN} == {p: max(n, shown.get(p, 0)) for p, n in SHOWN.items()}
    assert {p for p, _, _, _ in _examples_here()} == {"README.md", "cli.md", "data-format.md", "explorer.md"}


def _examples_here():
    elsewhere = _run_elsewhere()
    return [e for e in OWN if e[1] not in elsewhere.get(e[0], set())]


@pytest.mark.parametrize("page", sorted({p for p, _, _, _ in _examples_here()}))
def test_the_remaining_examples_are_real(runner, tmp_path, monkeypatch, page):
    """Each page's examples not run elsewhere, in order in one folder (the README's
    init then validate, the explorer's exports, the data format's validation)."""
    monkeypatch.chdir(tmp_path)
    if page in SETUP:
        SETUP[page](tmp_path)
    ran = 0
    for p, command, pasted, code in _examples_here():
        if p != page:
            continue
        result = runner.invoke(cli, shlex.split(command)[1:])
        assert result.output.rstrip("\n") == pasted, command
        assert result.exit_code == code, (command, result.output)
        ran += 1
    assert ran


def test_the_readmes_inline_commands_work(runner, tmp_path, monkeypatch):
    """The commands the README names in its prose (the tour's lesson, quiz, handout, deck,
    what if) run as written, after its own init, and answer (exit 0)."""
    from graph.store.scaffold import init_data

    monkeypatch.chdir(tmp_path)
    init_data(tmp_path / "my-graph")
    named = sorted(set(re.findall(r"`(footback [^`]*)`", README.read_text(encoding="utf-8"))))
    assert len(named) >= 8
    for command in named:
        args = shlex.split(command.split(" > ")[0])[1:]
        result = runner.invoke(cli, args, input="")
        assert result.exit_code == 0, (command, result.output)
        assert "Traceback" not in result.output


def test_the_readme_shows_the_notebook_api_as_it_is():
    """The README's Python snippet runs, and the comment on its path is the real answer."""
    text = README.read_text(encoding="utf-8")
    code = text.split("## In a notebook", 1)[1].split("```python\n", 1)[1].split("```", 1)[0]
    shown = re.search(r'p\["nodes"\]\s+# (\[.*\])', code).group(1)
    scope = {}
    exec(code, scope)  # noqa: S102 - the README's own example
    assert repr(scope["p"]["nodes"]) == shown
    assert scope["Explorer"].__module__ == "graph.notebook"


def test_the_readme_is_short_and_links_every_page():
    text = README.read_text(encoding="utf-8")
    assert 150 <= len(text.splitlines()) <= 300
    for page in sorted(DOCS.glob("*.md")):
        if page.name != "index.md":
            assert f"(docs/{page.name})" in text, page.name
    assert "make demo" in text and "make test" in text and ".venv/bin/footback" in text
    assert "source .venv/bin/activate" in text and "not medical advice" in text


# --- the site ---------------------------------------------------------------------------


class _Assets(HTMLParser):
    """Every address a page would fetch by itself (not the links a reader may follow)."""

    def __init__(self):
        super().__init__()
        self.fetched = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.fetched.append(a["src"])
        if tag == "link" and a.get("href") and not {"canonical", "alternate"} & set((a.get("rel") or "").split()):
            self.fetched.append(a["href"])
        if tag == "object" and a.get("data"):
            self.fetched.append(a["data"])
        if "style" in a and "url(" in a["style"]:
            self.fetched.append(a["style"])


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    try:
        import material  # noqa: F401
        import mkdocs  # noqa: F401
        import mkdocstrings  # noqa: F401
    except ImportError as e:
        _unavailable(f"{e.name} is not installed (pip install -e '.[docs]')")
    out = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], check=False, cwd=ROOT, capture_output=True, text=True, env=env, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stderr, done.stderr
    return out


def test_the_site_builds_strictly_with_every_page(site):
    for page in sorted(DOCS.glob("*.md")):
        assert (site / page.with_suffix(".html").name).exists(), page.name
    assert (site / "tour.ipynb").exists() and (site / "screenshot.png").exists()
    assert not list(site.glob("*.py"))  # the hook is not published


def test_the_site_fetches_nothing_from_the_network(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 12
    for page in pages:
        parser = _Assets()
        parser.feed(page.read_text(encoding="utf-8"))
        remote = [a for a in parser.fetched if re.match(r"^(https?:)?//", a) or "url(http" in a or "url(//" in a]
        assert not remote, (page.name, remote)
    css = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.css"))
    assert "fonts.googleapis" not in css and "@import url(http" not in css


def test_the_reference_is_every_commands_help(site, runner):
    """The reference page holds, for footback and each command, exactly what --help prints."""
    import html

    sys.path.insert(0, str(DOCS))
    try:
        import hooks
    finally:
        sys.path.remove(str(DOCS))
    texts = dict(hooks.help_texts())
    assert set(texts) == {"footback", "footback db load"} | {f"footback {n}" for n in cli.commands}
    built = html.unescape(re.sub(r"<[^>]+>", "", (site / "reference.html").read_text(encoding="utf-8")))
    for path, text in texts.items():
        args = [*path.split()[1:], "--help"]
        shown = runner.invoke(cli, args, prog_name="footback", terminal_width=hooks.WIDTH).output
        assert shown.rstrip("\n") == text.rstrip("\n"), path
        assert text.strip() in built, path


def test_the_api_page_documents_every_public_name(site):
    """Each name ``from graph import ...`` offers has its section, with its docstring."""
    import graph

    page = (DOCS / "api.md").read_text(encoding="utf-8")
    listed = [n for m in re.findall(r"<!-- footback-api: ([A-Za-z_ ]+) -->", page) for n in m.split()]
    assert sorted(listed) == sorted(graph.__all__)
    built = (site / "api.html").read_text(encoding="utf-8")
    assert not re.search(r":(func|class|data|mod|meth|attr|exc):", built)  # roles shown as the code they name
    for name in graph.__all__:
        obj = getattr(graph, name)
        where = f"{obj.__module__}.{obj.__name__}" if hasattr(obj, "__module__") and hasattr(obj, "__name__") else f"graph.formats.yamlfile.{name}"
        assert f'id="{where}"' in built, name
        heading = built.split(f'id="{where}"', 1)[1].split("</h3>", 1)[0]
        heading = re.sub(r"<a [^>]*>.*?</a>|<small .*?</small>", "", heading.split(">", 1)[1], flags=re.DOTALL)
        assert re.sub(r"<[^>]+>", "", heading).split() == [name], (name, heading)
