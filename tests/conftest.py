import shutil

import pytest
from click.testing import CliRunner

from graph.build import load_graph_dir
from tests import TINY_DIR


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """CLI runs cache validated graph data (graph/cache.py): never in the user's cache."""
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
