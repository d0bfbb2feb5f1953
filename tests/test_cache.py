"""The cache of validated graph data (graph/store/cache.py): hit, invalidation, no cache, damage."""

import json
import os
import sys

import pytest
from networkx.readwrite import json_graph

from cli import cli as footback
from graph.store import cache
from graph.formats.yamlfile import load_graph_dir
from graph.store.cache import cache_dir, cache_key, entry_path, load_graph_cached
from graph.errors import EXIT_DATA, EXIT_OK, DataError
from tests import HEEL_SPUR, HIP_ACHE, LIMPING


@pytest.fixture
def cache_in(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv("FOOTBACK_CACHE_DIR", str(where))
    monkeypatch.delenv("FOOTBACK_NO_CACHE", raising=False)
    return where


@pytest.fixture
def count_loads(monkeypatch):
    """How many times the YAML is actually parsed and validated."""
    import graph.formats.yamlfile

    calls = []
    real = graph.formats.yamlfile.load_dir

    def counting(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(graph.formats.yamlfile, "load_dir", counting)  # cached and uncached paths alike
    return calls


def dump(G):
    return json.dumps(json_graph.node_link_data(G, edges="edges"), sort_keys=False)


def test_cached_graph_is_identical_to_a_fresh_one(cache_in, tiny_dir, curated, count_loads):
    first = load_graph_cached(tiny_dir)
    second = load_graph_cached(tiny_dir)
    assert len(count_loads) == 1  # the second came from the cache
    fresh = load_graph_dir(tiny_dir)
    assert dump(first) == dump(second) == dump(fresh)
    assert list(second.pred[HIP_ACHE]) == list(fresh.pred[HIP_ACHE])
    assert second.graph == fresh.graph
    assert dump(load_graph_cached()) == dump(load_graph_cached()) == dump(curated)


def test_the_cache_keys_the_files_the_yaml_reader_reads(tiny_dir):
    """data_files (light, for shell completion) lists what yaml_files lists: the curated
    data, and a folder with .yml files, a sub-folder and files of other kinds."""
    from graph.formats.yamlfile import DATA_DIR, yaml_files

    assert cache.data_files(DATA_DIR) == yaml_files(DATA_DIR) and len(yaml_files(DATA_DIR)) >= 3
    (tiny_dir / "more.yml").write_text("nodes: []\n", encoding="utf-8")
    (tiny_dir / "a.yaml").write_text("edges: []\n", encoding="utf-8")
    (tiny_dir / "notes.txt").write_text("not data", encoding="utf-8")
    (tiny_dir / "old.yaml.bak").write_text("nodes: []\n", encoding="utf-8")
    (tiny_dir / "sub.yaml").mkdir()
    (tiny_dir / "sub.yaml" / "inner.yaml").write_text("nodes: []\n", encoding="utf-8")
    listed = cache.data_files(tiny_dir)
    assert listed == yaml_files(tiny_dir)
    assert {"more.yml", "a.yaml"} <= {p.name for p in listed} and not {"notes.txt", "old.yaml.bak", "sub.yaml", "inner.yaml"} & {p.name for p in listed}


def test_one_entry_per_directory_written_atomically(cache_in, tiny_dir):
    load_graph_cached(tiny_dir)
    files = sorted(p.name for p in cache_in.iterdir())
    assert files == [entry_path(tiny_dir, cache_in).name]  # no temporary files left
    entry = json.loads(entry_path(tiny_dir, cache_in).read_text())
    assert entry["key"] == cache_key(tiny_dir) and entry["format"] == cache.CACHE_FORMAT


def test_changed_data_invalidates_the_entry(cache_in, tiny_dir, count_loads):
    load_graph_cached(tiny_dir)
    nodes = tiny_dir / "nodes.yaml"
    nodes.write_text(nodes.read_text().replace("label: Limping", "label: Hobbling"))
    G = load_graph_cached(tiny_dir)
    assert G.nodes[LIMPING]["label"] == "Hobbling"
    assert len(count_loads) == 2
    assert len(list(cache_in.iterdir())) == 1  # overwritten, not piled up


def test_a_new_data_file_invalidates_the_entry(cache_in, tiny_dir):
    key = cache_key(tiny_dir)
    (tiny_dir / "more.yaml").write_text("nodes:\n  - {id: extra, label: Extra, type: symptom, description: More.}\n")
    assert cache_key(tiny_dir) != key
    assert "extra" in load_graph_cached(tiny_dir)


def test_invalid_data_is_never_cached(cache_in, tiny_dir):
    (tiny_dir / "edges.yaml").write_text("edges: [")
    with pytest.raises(DataError):
        load_graph_cached(tiny_dir)
    assert not cache_in.exists() or not list(cache_in.iterdir())


def test_a_mismatched_or_damaged_entry_is_not_trusted(cache_in, tiny_dir, count_loads):
    load_graph_cached(tiny_dir)
    file = entry_path(tiny_dir, cache_in)
    entry = json.loads(file.read_text())
    entry["data"]["nodes"][0][1] = "Forged label"
    entry["key"] = "0" * 64
    file.write_text(json.dumps(entry))
    assert load_graph_cached(tiny_dir).nodes[HEEL_SPUR]["label"] == "Heel spur"
    right = {"format": cache.CACHE_FORMAT, "key": cache_key(tiny_dir)}
    for damage in ("{not json", json.dumps(right | {"data": {"nodes": 5}}), "[]", json.dumps(right | {"data": [["heel-spur"]]})):
        file.write_text(damage)
        assert load_graph_cached(tiny_dir).nodes[HEEL_SPUR]["label"] == "Heel spur"
    assert cache.read_entry(file, cache_key(tiny_dir)) is not None  # rewritten by the last load
    file.write_text(json.dumps(right | {"data": [["heel-spur"]]}))
    assert cache.read_entry(file, cache_key(tiny_dir)) is None  # data that is not a mapping is a miss
    assert len(count_loads) == 6


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_cache_dir_silently_means_no_cache(tmp_path, monkeypatch, tiny_dir, count_loads):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    monkeypatch.setenv("FOOTBACK_CACHE_DIR", str(locked / "cache"))
    try:
        assert HEEL_SPUR in load_graph_cached(tiny_dir)
        assert HEEL_SPUR in load_graph_cached(tiny_dir)
    finally:
        locked.chmod(0o700)
    assert len(count_loads) == 2


def test_cache_dir_that_is_a_file_silently_means_no_cache(tmp_path, monkeypatch, tiny_dir, count_loads, runner):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    monkeypatch.setenv("FOOTBACK_CACHE_DIR", str(blocker))
    assert HEEL_SPUR in load_graph_cached(tiny_dir)
    assert HEEL_SPUR in load_graph_cached(tiny_dir)
    assert len(count_loads) == 2
    result = runner.invoke(footback, ["--graph", str(tiny_dir), "paths", HEEL_SPUR, HIP_ACHE])
    assert result.exit_code == EXIT_OK and result.stderr == ""
    assert blocker.read_text() == "x"


def test_data_json_cannot_hold_exactly_is_not_cached(cache_in, tiny_dir, count_loads):
    sources = tiny_dir / "sources.yaml"
    sources.write_text(sources.read_text() + "    published: 2024-01-31\n")  # a YAML date
    load_graph_cached(tiny_dir)
    assert load_graph_cached(tiny_dir).graph["sources"][0]["published"].isoformat() == "2024-01-31"
    assert len(count_loads) == 2
    assert not cache_in.exists() or not list(cache_in.iterdir())


def test_no_cache_switch_and_cache_false(cache_in, tiny_dir, monkeypatch, count_loads):
    load_graph_cached(tiny_dir, cache=False)
    assert not cache_in.exists()
    monkeypatch.setenv("FOOTBACK_NO_CACHE", "1")
    assert cache_dir() is None
    load_graph_cached(tiny_dir)
    assert not cache_in.exists()
    assert len(count_loads) == 2


def test_cache_dir_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("FOOTBACK_CACHE_DIR", raising=False)
    monkeypatch.delenv("FOOTBACK_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "footback"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "footback"


def test_cli_queries_use_the_cache_but_validate_does_not(cache_in, tiny_dir, runner, count_loads):
    args = ["--graph", str(tiny_dir)]
    assert runner.invoke(footback, args + ["paths", HEEL_SPUR, HIP_ACHE]).exit_code == EXIT_OK
    assert runner.invoke(footback, args + ["causes", HIP_ACHE]).exit_code == EXIT_OK
    assert len(count_loads) == 1
    assert runner.invoke(footback, args + ["validate"]).exit_code == EXIT_OK
    assert len(count_loads) == 2
    (tiny_dir / "edges.yaml").write_text("edges: [")
    result = runner.invoke(footback, args + ["paths", HEEL_SPUR, HIP_ACHE])
    assert result.exit_code == EXIT_DATA and "YAML syntax error" in result.stderr


# --- imported graphs (KGX, GraphML, JSON): cached whole, never trusted blindly --------------

import pickle  # noqa: E402

from graph.store.cache import import_entry_path, import_key, read_import  # noqa: E402


@pytest.fixture
def kgx_dir(tmp_path, tiny):
    from graph.exporters import export

    return export(tiny, "kgx", tmp_path / "kgx")


@pytest.fixture
def count_imports(monkeypatch):
    """How many times an imported graph is actually read by its importer."""
    import graph.formats.kgx

    calls = []
    real = graph.formats.kgx.read

    def counting(path):
        calls.append(path)
        return real(path)

    monkeypatch.setattr(graph.formats.kgx, "read", counting)
    return calls


def test_imported_graph_is_read_once_then_served_identical(cache_in, kgx_dir, count_imports):
    from graph.formats import load_graph

    first = load_graph_cached(kgx_dir)
    second = load_graph_cached(kgx_dir)
    assert len(count_imports) == 1
    assert dump(second) == dump(first) == dump(load_graph(kgx_dir))
    entry = import_entry_path(kgx_dir, "kgx", cache_in)
    assert entry.stat().st_mode & 0o777 == 0o600 and cache_in.stat().st_mode & 0o777 == 0o700


def test_imported_graph_changed_in_place_is_read_again(cache_in, kgx_dir, count_imports):
    """Same size, same mtime: the content hash still tells."""
    load_graph_cached(kgx_dir)
    nodes = kgx_dir / "nodes.tsv"
    st = nodes.stat()
    text = nodes.read_text()
    assert "Heel spur" in text
    nodes.write_text(text.replace("Heel spur", "Heel spus"))
    os.utime(nodes, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert nodes.stat().st_size == st.st_size
    assert load_graph_cached(kgx_dir).nodes[HEEL_SPUR]["label"] == "Heel spus"
    assert len(count_imports) == 2


class _Boom:
    """Unpickling this runs code: it writes the marker file."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (exec, (f"open({self.marker!r}, 'w').write('ran')",))


def _plant(entry, key, payload, mode=0o600):
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(b"footback-import-cache " + key.encode() + b"\n" + pickle.dumps(payload))
    entry.chmod(mode)


def _foreign(path):
    """Make ``path`` belong to another user (root can; others skip)."""
    if os.geteuid() != 0:
        pytest.skip("only root can give a file to another user")
    os.chown(path, 65534, 65534, follow_symlinks=False)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX owners and modes")
@pytest.mark.parametrize("how", ["group-writable entry", "foreign entry", "foreign directory", "world-writable directory", "symlinked entry"])
def test_a_planted_entry_is_never_unpickled(cache_in, kgx_dir, tmp_path, count_imports, runner, how):
    marker = tmp_path / "ran"
    key = import_key(kgx_dir, "kgx")
    entry = import_entry_path(kgx_dir, "kgx", cache_in)
    cache_in.mkdir(mode=0o700)
    if how == "symlinked entry":
        elsewhere = tmp_path / "elsewhere.pickle"
        _plant(elsewhere, key, _Boom(marker))
        entry.symlink_to(elsewhere)
    else:
        _plant(entry, key, _Boom(marker), mode=0o620 if how == "group-writable entry" else 0o600)
    if how == "foreign entry":
        _foreign(entry)
    elif how == "foreign directory":
        _foreign(cache_in)
    elif how == "world-writable directory":
        cache_in.chmod(0o777)
    result = runner.invoke(footback, ["--graph", str(kgx_dir), "show", HEEL_SPUR, "--json"])
    assert result.exit_code == EXIT_OK, result.output
    assert json.loads(result.stdout)["label"] == "Heel spur"
    assert not marker.exists()
    assert len(count_imports) == 1  # read afresh
    if how in ("foreign directory", "world-writable directory"):
        assert load_graph_cached(kgx_dir) is not None and len(count_imports) == 2  # and never cached there


@pytest.mark.parametrize(
    "damage",
    [b"", b"footback-import-cache", b"not a cache entry at all", b"KEY garbage", b"KEY" + pickle.dumps([1, 2, 3]), b"KEY" + pickle.dumps({"nodes": 5})[:-3]],
    ids=["empty", "header cut short", "foreign bytes", "damaged pickle", "not a graph", "truncated"],
)
def test_a_malformed_entry_is_ignored_and_rebuilt(cache_in, kgx_dir, count_imports, runner, damage):
    load_graph_cached(kgx_dir)
    entry = import_entry_path(kgx_dir, "kgx", cache_in)
    head = b"footback-import-cache " + import_key(kgx_dir, "kgx").encode() + b"\n"
    entry.write_bytes(damage.replace(b"KEY", head))
    result = runner.invoke(footback, ["--graph", str(kgx_dir), "causes", HIP_ACHE, "--json"])
    assert result.exit_code == EXIT_OK, result.output
    assert [c["id"] for c in json.loads(result.stdout)["causes"]] == [LIMPING, HEEL_SPUR]
    assert len(count_imports) == 2
    assert read_import(entry, import_key(kgx_dir, "kgx")) is not None  # rebuilt


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX owners and modes")
def test_yaml_entries_in_a_shared_directory_are_not_trusted(cache_in, tiny_dir, count_loads):
    load_graph_cached(tiny_dir)
    file = entry_path(tiny_dir, cache_in)
    entry = json.loads(file.read_text())
    entry["data"]["nodes"][0][1] = "Forged label"
    file.write_text(json.dumps(entry))
    cache_in.chmod(0o777)  # anyone could have written that
    assert load_graph_cached(tiny_dir).nodes[HEEL_SPUR]["label"] == "Heel spur"
    assert len(count_loads) == 2


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX pipes")
def test_a_pipe_planted_as_an_entry_does_not_hang(cache_in, kgx_dir, count_imports):
    cache_in.mkdir(mode=0o700)
    os.mkfifo(import_entry_path(kgx_dir, "kgx", cache_in), 0o600)
    assert HEEL_SPUR in load_graph_cached(kgx_dir)
    assert len(count_imports) == 1


def test_the_key_covers_every_module_that_decides_what_the_yaml_loader_accepts():
    """An entry is used without validating again: a change to any module whose code the
    YAML validator runs (its shared checks too) must change the key."""
    import ast
    from pathlib import Path

    import graph

    package = Path(graph.__file__).parent
    # Run only on a refusal (its words), or after the cache, on the records it holds.
    not_deciding = {"formats/limits.py", "formats/common.py"}
    imported = set()
    for node in ast.walk(ast.parse((package / "formats/yamlfile.py").read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = Path("formats").parents[node.level - 2] if node.level > 1 else Path("formats")
            for alias in node.names if node.module is None else [None]:
                target = base.joinpath(*(node.module or alias.name).split("."))
                imported.add(f"{target}.py" if (package / f"{target}.py").is_file() else f"{target}/__init__.py")
    assert imported - not_deciding <= set(cache._LOADER_MODULES), imported - set(cache._LOADER_MODULES)
    assert "formats/checks.py" in imported
