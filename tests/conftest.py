import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.formats.yamlfile import load_graph_dir
from tests import TINY_DIR


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """CLI runs cache validated graph data (graph/store/cache.py): never in the user's cache."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FOOTBACK_CACHE_DIR", str(tmp_path_factory.mktemp("footback-cache")))
        mp.delenv("FOOTBACK_NO_CACHE", raising=False)
        mp.delenv("NO_COLOR", raising=False)
        yield


@pytest.fixture(scope="session")
def curated():
    """The curated graph, loaded once."""
    from graph import load_graph

    return load_graph()


@pytest.fixture
def tiny():
    return load_graph_dir(TINY_DIR)


@pytest.fixture
def tiny_dir(tmp_path):
    """A writable copy of the tiny fixture graph."""
    dest = tmp_path / "tiny"
    shutil.copytree(TINY_DIR, dest)
    return dest


@pytest.fixture
def runner():
    return CliRunner()


# Browser tests (test_page.py, test_lessons_page.py): Debian's Chromium driven by
# Playwright. Locally they skip (with the reason) when Chromium is missing; under CI
# (CI=true) they fail instead, so CI can never pass without running them.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _browser_unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run under CI: {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run; each test opens its own context."""
    if not CHROMIUM.exists():
        _browser_unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a test extra
        _browser_unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
