"""Small scripts that write hostile graph files, for the hardening tests.

Each function writes one attack into a folder and returns its path; nothing
large is committed. The files are tiny on disk: the harm is in what a naive
reader would make of them (a thousandfold expansion, a recursion, a string
no file can store).
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import tarfile
from pathlib import Path

GRAPHML_HEAD = '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
GRAPHML_TAIL = "</graph></graphml>\n"


def graphml_with_encoding(dest: Path, encoding: str) -> Path:
    """A two-node GraphML file that declares ``encoding``."""
    path = dest / f"enc-{encoding}.graphml"
    body = f'<?xml version="1.0" encoding="{encoding}"?>\n{GRAPHML_HEAD}<node id="a"/><node id="b"/><edge source="a" target="b"/>{GRAPHML_TAIL}'
    path.write_bytes(body.encode("ascii"))
    return path


def nested_yed_groups(dest: Path, depth: int = 5000) -> Path:
    """yEd group nodes, each holding the next (networkx reads them recursively)."""
    path = dest / "nested.graphml"
    opening = "".join(f'<node id="n{i}" yfiles.foldertype="group"><graph id="n{i}:" edgedefault="directed">' for i in range(depth))
    path.write_text(f'<?xml version="1.0"?>\n{GRAPHML_HEAD}{opening}<node id="leaf"/>{"</graph></node>" * depth}{GRAPHML_TAIL}')
    return path


def node_link(dest: Path, name: str, label: str = '"A"', extra: str = "") -> Path:
    """Node-link JSON with node ``a`` (its label written as the JSON text ``label``) linked to ``b``."""
    path = dest / name
    path.write_text(
        '{"directed": true, "multigraph": true, "graph": {},\n'
        f' "nodes": [{{"id": "a", "label": {label}{extra}}},\n'
        '  {"id": "b", "label": "B"}],\n'
        ' "edges": [{"source": "a", "target": "b", "relation": "causes"}]}\n'
    )
    return path


def long_integer(dest: Path, digits: int = 5000) -> Path:
    return node_link(dest, "bigint.json", extra=f', "weight": {"9" * digits}')


def lone_surrogate(dest: Path) -> Path:
    return node_link(dest, "surrogate.json", label='"A\\ud800"')


def deep_json(dest: Path, depth: int = 900) -> Path:
    """A value nested ``depth`` deep: json reads it, but writing it again overflows the stack."""
    return node_link(dest, "deep.json", extra=f', "x": {"[" * depth}{"]" * depth}')


# --- archives --------------------------------------------------------------

KGX_NODES = b"id\tcategory\tname\nfootback:a\tbiolink:Disease\tA\nfootback:b\tbiolink:PhenotypicFeature\tB\n"
KGX_EDGES = b"subject\tpredicate\tobject\nfootback:a\tbiolink:causes\tfootback:b\n"


def _add(tar: tarfile.TarFile, name: str, data: bytes, **info: object) -> None:
    ti = tarfile.TarInfo(name)
    ti.size = len(data)
    for k, v in info.items():
        setattr(ti, k, v)
    tar.addfile(ti, io.BytesIO(data))


def gzip_bomb(dest: Path, mib: int = 1024) -> Path:
    """A ~1 MB ``.tar.gz`` whose nodes file expands to ``mib`` MiB (a header row, then zeros).

    Built from gzip members (a gzip file may hold several, read one after
    another), each of a MiB of zeros compressed once: written in a moment.
    """
    path = dest / "bomb.tar.gz"
    header = tarfile.TarInfo("g/nodes.tsv")
    header.size = mib << 20
    first = b"id\tcategory\n"
    zeros = gzip.compress(b"\0" * (1 << 20), 9)
    tail = io.BytesIO()
    with tarfile.open(fileobj=tail, mode="w", format=tarfile.GNU_FORMAT) as tar:
        _add(tar, "g/edges.tsv", KGX_EDGES)
    with open(path, "wb") as f:
        f.write(gzip.compress(header.tobuf(format=tarfile.GNU_FORMAT) + first + b"\0" * ((1 << 20) - len(first)), 9))
        for _ in range(mib - 1):
            f.write(zeros)
        f.write(gzip.compress(tail.getvalue(), 9))
    return path


def sparse_tar(dest: Path, size: int = 8 * 1024**3) -> Path:
    """A ~10 KB GNU sparse ``.tar`` whose nodes file claims ``size`` bytes (all but one block a hole)."""
    path = dest / "sparse.tar"
    out = io.BytesIO()
    info = tarfile.TarInfo("g/nodes.tsv")
    info.type = tarfile.GNUTYPE_SPARSE
    info.size = 512  # stored bytes
    buf = bytearray(info.tobuf(format=tarfile.GNU_FORMAT))

    # GNU sparse header: (offset, numbytes) pairs at 386, then isextended, then realsize at 483.
    def octal(n: int, width: int) -> bytes:
        return (b"%0*o" % (width - 1, n)) + b"\0"

    buf[386 : 386 + 24] = octal(size - 512, 12) + octal(512, 12)
    buf[482] = 0
    buf[483:495] = octal(size, 12)
    buf[148:156] = b" " * 8
    buf[148:156] = b"%06o\0 " % sum(buf[:512])
    out.write(bytes(buf[:512]))
    out.write(b"x" * 511 + b"\n")
    tail = io.BytesIO()
    with tarfile.open(fileobj=tail, mode="w", format=tarfile.GNU_FORMAT) as tar:
        _add(tar, "g/edges.tsv", KGX_EDGES)
    out.write(tail.getvalue())
    path.write_bytes(out.getvalue())
    return path


def many_members(dest: Path, count: int = 200_000) -> Path:
    """A small ``.tar.gz`` of ``count`` empty members, then the pair."""
    path = dest / "members.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for i in range(count):
            _add(tar, f"junk/{i}", b"")
        _add(tar, "g/nodes.tsv", KGX_NODES)
        _add(tar, "g/edges.tsv", KGX_EDGES)
    return path


def archive_with_special(dest: Path, kind: str) -> Path:
    """A ``.tar`` whose nodes file is a FIFO, a device or a symlink."""
    path = dest / f"special-{kind}.tar"
    with tarfile.open(path, "w") as tar:
        if kind == "fifo":
            _add(tar, "g/nodes.tsv", b"", type=tarfile.FIFOTYPE)
        elif kind == "device":
            _add(tar, "g/nodes.tsv", b"", type=tarfile.CHRTYPE, devmajor=1, devminor=5)
        else:
            _add(tar, "g/nodes.tsv", b"", type=tarfile.SYMTYPE, linkname="/dev/zero")
        _add(tar, "g/edges.tsv", KGX_EDGES)
    return path


if __name__ == "__main__":  # write every attack into a folder, to try by hand
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "attacks")
    out.mkdir(exist_ok=True)
    for enc in ("rot13", "utf-7", "idna", "nonsense"):
        graphml_with_encoding(out, enc)
    for make in (nested_yed_groups, long_integer, lone_surrogate, deep_json, gzip_bomb, sparse_tar, many_members):
        print(make(out))
    print(json.dumps(sorted(p.name for p in out.iterdir())))


# --- linear time and bounded memory ------------------------------------------------


def wide_kgx_header(dest: Path, width: int = 200_000) -> Path:
    """A KGX nodes file whose header has ``width`` columns (about 1.7 MB); its pair beside it."""
    path = dest / "wide_nodes.tsv"
    path.write_text("id\tcategory\t" + "\t".join(f"c{i}" for i in range(width)) + "\nfootback:a\tbiolink:Disease" + "\t" * width + "\n")
    (dest / "wide_edges.tsv").write_text("subject\tpredicate\tobject\nfootback:a\tbiolink:causes\tfootback:a\n")
    return path


def repeated_kgx_nodes(dest: Path, n: int = 30_000) -> Path:
    """``n`` nodes, then the last one repeated ``n`` times (about 2 MB)."""
    d = dest / "repeated-nodes"
    d.mkdir()
    rows = [f"footback:n{i}\tbiolink:Disease\n" for i in range(n)] + [f"footback:n{n - 1}\tbiolink:Disease\n"] * n
    (d / "nodes.tsv").write_text("id\tcategory\n" + "".join(rows))
    (d / "edges.tsv").write_text("subject\tpredicate\tobject\n")
    return d


def repeated_kgx_edges(dest: Path, n: int = 60_000) -> Path:
    """One edge repeated ``n`` times, each row with its own source and publication (about 4 MB)."""
    d = dest / "repeated-edges"
    d.mkdir()
    (d / "nodes.tsv").write_text("id\tcategory\nfootback:a\tbiolink:Disease\nfootback:b\tbiolink:Disease\n")
    rows = "".join(f"footback:a\tbiolink:causes\tfootback:b\tinfores:s{i}\tPMID:{i}\n" for i in range(n))
    (d / "edges.tsv").write_text("subject\tpredicate\tobject\tprimary_knowledge_source\tpublications\n" + rows)
    return d


def many_graphml_nodes(dest: Path, n: int = 100_000) -> Path:
    """GraphML of ``n`` tiny nodes (about 40 bytes each): small on disk, large as Python objects."""
    path = dest / "many.graphml"
    nodes = "".join(f'<node id="{i}"><data key="d0"/></node>' for i in range(n))
    path.write_text(
        f'<?xml version="1.0"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><key id="d0" for="node" attr.name="x" attr.type="string"/><graph edgedefault="directed">{nodes}{GRAPHML_TAIL}'
    )
    return path
