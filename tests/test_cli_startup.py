"""Start-up: ``footback --help`` and shell completion do not import networkx,
and node names complete in the shell (bench/startup.py times them)."""

import os
import subprocess
import sys

import pytest

from tests import HEEL_SPUR, TINY_DIR

#: Runs footback's entry point, then says whether networkx was imported.
_PROBE = "import sys\nfrom cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\nprint('NETWORKX', 'networkx' in sys.modules, file=sys.stderr)\n"


def _run(args, env=None):
    env = {**os.environ, **(env or {})}
    proc = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, env=env, timeout=120)
    return proc.stdout, proc.stderr.rsplit("NETWORKX ", 1)[1].strip() == "True"


def _complete(words, cword, graph_args=()):
    line = " ".join(["footback", *graph_args, *words])
    return _run([], {"_FOOTBACK_COMPLETE": "bash_complete", "COMP_WORDS": line, "COMP_CWORD": str(cword + len(graph_args))})


@pytest.mark.parametrize("args", [["--help"], ["paths", "--help"], ["export", "--help"]])
def test_help_does_not_import_networkx(args):
    out, networkx = _run(args)
    assert "Usage:" in out
    assert not networkx


#: What --help and completion have no use for, each costing it milliseconds:
#: the readers' common code, temporary files (with shutil, bz2, lzma, random)
#: and the codec modules the GraphML reader looks up.
_DEFERRED = ("graph.formats.common", "tempfile", "random", "encodings.cp1252")


@pytest.mark.parametrize("env", [{}, {"_FOOTBACK_COMPLETE": "bash_complete", "COMP_WORDS": "footback export --fo", "COMP_CWORD": "2"}], ids=["help", "completion"])
def test_help_and_completion_import_little(env):
    probe = _PROBE.replace("'networkx' in sys.modules", f"sorted(m for m in {_DEFERRED!r} if m in sys.modules)")
    args = ["--help"] if not env else []
    proc = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, env={**os.environ, **env}, timeout=120)
    assert proc.stderr.rsplit("NETWORKX ", 1)[1].strip() == "[]"
    assert proc.stdout  # it did print help or completions


def test_import_graph_is_lazy():
    proc = subprocess.run([sys.executable, "-c", "import sys, graph.errors, graph; print('networkx' in sys.modules); graph.paths; print('networkx' in sys.modules)"], capture_output=True, text=True)
    assert proc.stdout.split() == ["False", "True"], proc.stderr


def test_node_names_complete_without_networkx_once_cached(tmp_path):
    cache = {"FOOTBACK_CACHE_DIR": str(tmp_path / "cache")}
    args = ["--graph", str(TINY_DIR)]
    first, _ = _run([*args, "show", HEEL_SPUR], cache)  # a question caches the graph
    assert "Heel spur" in first
    env = {**cache}
    out, networkx = _run([], {**env, "_FOOTBACK_COMPLETE": "bash_complete", "COMP_WORDS": f"footback --graph {TINY_DIR} show he", "COMP_CWORD": "4"})
    offered = [line.split(",", 1)[1] for line in out.splitlines()]
    assert offered == sorted(offered) and "Heel spur" in offered and HEEL_SPUR in offered
    assert all(o.casefold().startswith("he") for o in offered)
    assert not networkx


def test_node_names_complete_for_an_imported_graph_and_every_node_option(tmp_path, tiny):
    from graph.exporters import export

    kgx = export(tiny, "kgx", tmp_path / "kgx")
    env = {"FOOTBACK_CACHE_DIR": str(tmp_path / "cache")}
    for words in (f"footback --graph {kgx} paths heel", f"footback --graph {kgx} export html -o x.html --focus heel", f"footback --graph {kgx} paths a b --avoid heel"):
        out, _ = _run([], {**env, "_FOOTBACK_COMPLETE": "bash_complete", "COMP_WORDS": words, "COMP_CWORD": str(len(words.split()) - 1)})
        assert "plain,Heel spur" in out.splitlines(), (words, out)
    out, networkx = _run([], {**env, "_FOOTBACK_COMPLETE": "bash_complete", "COMP_WORDS": f"footback --graph {kgx} causes hip", "COMP_CWORD": "4"})
    assert "plain,Hip ache" in out.splitlines() and not networkx  # the first completion cached it


def test_a_loaded_graph_is_kept_out_of_the_collector():
    """After a load the collector does not walk the graph again (gc.freeze)."""
    import gc

    from cli import State

    gc.unfreeze()
    try:
        state = State()
        state.graph_path = TINY_DIR
        G = state.load()
        assert gc.get_freeze_count() > 0
        assert gc.get_freeze_count() >= G.number_of_nodes()
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("cached", [False, True], ids=["first", "cached"])
def test_no_collection_walks_a_graph_being_loaded(tmp_path, monkeypatch, cached):
    """The collector stays off through the load and the graph is frozen before
    it is back on: no collection runs during the load, not even the one that
    merely re-enabling the collector would set off at the next allocation."""
    import gc

    from cli import State
    from graph.exporters import export
    from tests.test_database import generated_graph

    kgx = export(generated_graph(300, 3000), "kgx", tmp_path / "kgx")
    monkeypatch.setenv("FOOTBACK_CACHE_DIR", str(tmp_path / "cache"))
    if cached:
        warm = State()
        warm.graph_path = kgx
        warm.load()
    ran = []

    def seen(phase, info):
        if phase == "start":
            ran.append(info["generation"])

    gc.unfreeze()
    gc.callbacks.append(seen)
    try:
        state = State()
        state.graph_path = kgx
        G = state.load()
        during = list(ran)
        frozen = gc.get_freeze_count()
    finally:
        gc.callbacks.remove(seen)
        gc.unfreeze()
    assert during == []
    assert gc.isenabled() and frozen >= G.number_of_edges() == 3000
