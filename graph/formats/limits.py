"""Limits that keep a hostile graph file from hurting footback or the machine.

A downloaded graph may be built to crash a reader (a lone surrogate that no
file can hold, values nested past Python's stack, an XML encoding Python
decodes in surprising ways) or to exhaust memory and time (an archive member
that expands a thousandfold). Each check here turns such a file into a
located :class:`~graph.errors.DataError` (exit 3) before any damage: the
importers call them, and nothing else needs to.
"""

from __future__ import annotations

import codecs
import functools
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..errors import DataError, Problem

if TYPE_CHECKING:
    from tarfile import TarFile, TarInfo

#: Attribute values nested deeper than this are refused: every export,
#: the cache and error messages walk values recursively.
MAX_DEPTH = 100

#: A lone UTF-16 surrogate: valid in a Python string (JSON's ``"\ud800"``),
#: but no UTF-8 file or terminal can take it, so every later write fails.
_SURROGATE = re.compile("[\ud800-\udfff]")
_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_ESCAPE_BYTES = re.compile(rb"\\u[dD][89a-fA-F]")


def may_hold_surrogate(text: str | bytes) -> bool:
    """Whether JSON in ``text`` (strictly decoded UTF-8) can hold a surrogate: only a ``\\uD800``-style escape makes one."""
    if isinstance(text, bytes):
        return _ESCAPE_BYTES.search(text) is not None
    return _ESCAPE.search(text) is not None


def value_problem(value: Any, strings: bool = True) -> str | None:
    """What makes ``value`` unsafe to keep (a lone surrogate, nesting too deep), or None.

    ``strings=False`` skips the search of text for surrogates (when the file
    cannot hold one) and checks only nesting. Keys of mappings are checked
    like values. The walk is iterative, so it cannot itself overflow.

    >>> value_problem({"a": [1, "b"]}) is None
    True
    >>> value_problem("x\\ud800")
    'text holds a lone surrogate (U+D800) at character 2, which no file can store'
    >>> value_problem([[[]]]) is None, value_problem(eval("[" * 101 + "]" * 101))[:22]
    (True, 'values nested 101 deep')
    """
    stack = [(value, 0)]
    while stack:
        v, depth = stack.pop()
        if isinstance(v, str):
            if strings and not v.isascii():
                m = _SURROGATE.search(v)
                if m:
                    return f"text holds a lone surrogate (U+{ord(m.group()):04X}) at character {m.start() + 1}, which no file can store"
        elif isinstance(v, (list, dict, tuple)):
            if depth >= MAX_DEPTH:
                return f"values nested {depth + 1} deep (footback reads up to {MAX_DEPTH} levels)"
            items = v.items() if isinstance(v, dict) else ((None, x) for x in v)
            for k, x in items:
                if k is not None:
                    stack.append((k, depth + 1))
                stack.append((x, depth + 1))
    return None


def record_problem(rid: Any, attrs: Any, strings: bool = True) -> str | None:
    """:func:`value_problem` of a record: its id, then its attributes."""
    problem = value_problem(rid, strings)
    if problem is None and isinstance(attrs, dict):
        if strings or any(isinstance(v, (list, dict)) for v in attrs.values()):
            problem = value_problem(attrs, strings)
    return problem


#: Python's limit on the digits of an int read from text (``sys.get_int_max_str_digits``).
_LONG_NUMBER = re.compile(r"-?\d{4301,}")


def long_number_line(text: str) -> int | None:
    """Line of the first number too long for Python to read (over 4,300 digits), if any."""
    m = _LONG_NUMBER.search(text)
    return text.count("\n", 0, m.start()) + 1 if m else None


_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def deep_json_line(text: str, depth: int = MAX_DEPTH) -> int | None:
    """Line of the first JSON array or object nested more than ``depth`` deep (outside
    strings), to place the error of a file too deeply nested to parse; None if none is.

    >>> deep_json_line('{"a": "[[[",\\n "b": [[[1]]]}', 3)
    2
    """
    level = 0
    for m in _JSON_TOKEN.finditer(text):
        c = m.group()
        if c in "[{":
            level += 1
            if level > depth:
                return text.count("\n", 0, m.start()) + 1
        elif c in "]}":
            level -= 1
    return None


def not_utf8(exc: UnicodeDecodeError, path: str | Path | None = None) -> tuple[int | None, str]:
    """The line of the first byte that is not UTF-8, and the message saying so.

    ``exc`` comes from decoding a whole file at once (its bytes hold the line
    breaks before the bad byte), or, with ``path``, from a file decoded in
    chunks, which is read again, line by line, to find it.

    >>> try:
    ...     b"nodes:\\n  - \\xff".decode("utf-8")
    ... except UnicodeDecodeError as exc:
    ...     not_utf8(exc)
    (2, 'not UTF-8 text (invalid start byte 0xff)')
    """
    line = first_bad_line(path) if path is not None else exc.object.count(b"\n", 0, exc.start) + 1
    return line, f"not UTF-8 text ({exc.reason} {exc.object[exc.start]:#04x})"


def first_bad_line(path: str | Path) -> int | None:
    """The line of the first byte of the file ``path`` that is not UTF-8, if any."""
    try:
        with Path(path).open("rb") as f:
            for number, raw in enumerate(f, 1):
                try:
                    raw.decode("utf-8")
                except UnicodeDecodeError:
                    return number
    except OSError:
        pass
    return None


# --- XML encodings ----------------------------------------------------------

#: The encodings a GraphML file may declare: real text encodings of one byte
#: per character (expat decodes those through Python's codecs) and the ones
#: expat knows itself. Others are refused: Python's codecs include
#: transforms (rot13, base64, hex), ones whose decoding depends on context
#: (utf-7, idna, punycode) and escapes (unicode_escape), none meant for XML.
SAFE_XML_ENCODINGS = frozenset(
    ["utf-8", "utf-16", "utf-16-le", "utf-16-be", "ascii", "latin-1", "cp437", "cp850", "cp852", "cp866", "koi8-r", "koi8-u", "mac-roman"]
    + [f"iso8859-{i}" for i in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15, 16)]
    + [f"cp{i}" for i in range(1250, 1259)]
)
_DECLARATION = re.compile(r"""\s*<\?xml\s[^>]*?\bencoding\s*=\s*(["'])(.*?)\1""")


def _normal(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except (LookupError, ValueError):
        return ""


@functools.cache
def _safe_normal() -> frozenset[str]:
    # Looked up on first use: each lookup imports a codec module, some 40 in
    # all, which `footback --help` has no use for.
    return frozenset(_normal(n) for n in SAFE_XML_ENCODINGS)


def xml_encoding_problem(data: bytes) -> str | None:
    """Why the encoding ``data`` declares in its XML declaration is refused, or None.

    >>> xml_encoding_problem(b'<?xml version="1.0" encoding="rot13"?><a/>')[:39]
    "encoding 'rot13' is not a text encoding"
    >>> xml_encoding_problem(b'<?xml version="1.0" encoding="windows-1252"?><a/>') is None
    True
    """
    head = data[:1024]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"<\x00", b"\x00<"):
        text = head.decode("utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else ("utf-16-le" if head[0] == 0x3C else "utf-16-be"), "replace")
    else:
        text = head.decode("latin-1")
    m = _DECLARATION.match(text.lstrip("\ufeff\xef\xbb\xbf"))
    if not m:
        return None
    name = m.group(2)
    normal = _normal(name)
    if normal in _safe_normal():
        return None
    if not normal:
        why = "is unknown"
    else:
        why = "is not a text encoding footback reads"
    return f"encoding {name[:40]!r} {why} (declare one of: UTF-8, UTF-16, ISO-8859-1..16, windows-1250..1258)"


# --- archives and special files -----------------------------------------------

#: An archive may hold at most this many members (each costs memory to list).
MAX_MEMBERS = 10_000
#: What an archive's members may add up to, expanded: this many times the
#: archive's own size (KGX TSV compresses about tenfold), and never less than
#: :data:`MIN_EXPANDED`. A gzip bomb expands a thousandfold; a sparse tar
#: member claims gigabytes stored in a few blocks.
EXPANSION_RATIO = 100
MIN_EXPANDED = 64_000_000


def expanded_budget(archive_size: int) -> int:
    """How many bytes the members of an archive of ``archive_size`` bytes may expand to."""
    return max(MIN_EXPANDED, EXPANSION_RATIO * archive_size)


def _size(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if n < 1000 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1000
    return str(n)  # pragma: no cover


def _why() -> str:
    return f"{EXPANSION_RATIO} times its size, or {_size(MIN_EXPANDED)} for a smaller one"


class _Stream(Protocol):
    """What :class:`CappedReader` reads from: a binary file, plain or decompressing."""

    def read(self, size: int = -1, /) -> bytes: ...
    def seek(self, offset: int, whence: int = 0, /) -> int: ...
    def tell(self) -> int: ...
    def close(self) -> None: ...


class CappedReader:
    """A file object (``read``, ``seek``, ``tell``) that refuses to go past ``limit`` bytes.

    Wraps the decompressed stream under a tar archive, so that no header
    (a GNU long name, a pax header is read whole into memory) and no seek
    past a member decompresses more than the budget.
    """

    def __init__(self, f: _Stream, limit: int, shown: str) -> None:
        self._f, self.limit, self.shown = f, limit, shown

    def _check(self, pos: int) -> None:
        if pos > self.limit:
            raise fail(self.shown, None, f"expands to more than {_size(self.limit)}, the most footback reads from this archive ({_why()}): a compression bomb?")

    def read(self, n: int | None = -1) -> bytes:
        if n is None or n < 0:
            n = self.limit + 1 - self._f.tell()
        data = self._f.read(min(n, self.limit + 1 - self._f.tell()) if n > 0 else 0)
        self._check(self._f.tell())
        return data

    def seek(self, offset: int, whence: int = 0) -> int:
        if whence == 0:
            self._check(offset)
        pos = self._f.seek(offset, whence)
        self._check(pos)
        return pos

    def tell(self) -> int:
        return self._f.tell()

    def write(self, b: bytes) -> int:
        raise OSError("an archive is only read")

    def seekable(self) -> bool:
        return True

    def readable(self) -> bool:
        return True

    def close(self) -> None:
        self._f.close()


@contextmanager
def open_archive(archive: str | Path) -> Iterator[tuple[TarFile, int]]:
    """Open a tar archive (plain, gzip, bzip2 or xz) with a :class:`CappedReader` under it.

    Yields ``(tar, budget)``; list the members with :func:`members`.
    """
    import bz2
    import gzip
    import lzma
    import tarfile

    with open(archive, "rb") as raw:
        magic = raw.read(6)
        raw.seek(0)
        if magic[:2] == b"\x1f\x8b":
            f: _Stream = gzip.GzipFile(fileobj=raw, mode="rb")
        elif magic[:3] == b"BZh":
            f = bz2.BZ2File(raw)
        elif magic == b"\xfd7zXZ\x00":
            f = lzma.LZMAFile(raw)
        else:
            f = raw
        budget = expanded_budget(os.fstat(raw.fileno()).st_size)
        with tarfile.open(fileobj=CappedReader(f, budget, str(archive)), mode="r:") as tar:
            yield tar, budget


def members(tar: TarFile, budget: int, shown: str) -> list[TarInfo]:
    """Every member of ``tar``, refusing more than :data:`MAX_MEMBERS` or sizes adding up past ``budget``.

    Sizes are checked as each header is read, before the member's data is
    passed over, so a member claiming terabytes (sparse, or a bomb) costs
    nothing.
    """
    found: list[TarInfo] = []
    total = 0
    while True:
        m = tar.next()
        if m is None:
            return found
        found.append(m)
        total += max(m.size, 0)
        if len(found) > MAX_MEMBERS:
            raise fail(shown, None, f"holds more than {MAX_MEMBERS} members, the most footback reads from an archive")
        if total > budget:
            raise fail(shown, None, f"{m.name} makes the members add up to {_size(total)}, more than the {_size(budget)} footback reads from this archive ({_why()})")


def special_kind(mode: int) -> str | None:
    """``"a pipe"``, ``"a socket"`` or ``"a device"`` for such a file mode, else None."""
    import stat

    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "a pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode) else "a device"


def refuse_special(path: str | Path) -> None:
    """Raise a located error when ``path`` exists and is (or links to) a pipe, socket or device.

    Opening a pipe with no writer waits for ever; a device such as /dev/zero never ends.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    kind = special_kind(mode)
    if kind:
        via = " (through a symlink)" if os.path.islink(path) else ""
        raise fail(path, None, f"{kind}{via}, not a regular file: footback reads only regular files")


# --- memory --------------------------------------------------------------------


def available_memory() -> int | None:
    """Bytes this process may still allocate: the smaller of what is left under
    its address-space limit (``ulimit -v``) and the machine's available memory;
    None when neither is known."""
    import resource

    known = []
    soft, _ = resource.getrlimit(resource.RLIMIT_AS)
    if soft != resource.RLIM_INFINITY:
        try:
            with open("/proc/self/statm") as f:
                used = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
            known.append(soft - used)
        except (OSError, ValueError, IndexError):
            known.append(soft)
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    known.append(int(line.split()[1]) * 1024)
                    break
    except (OSError, ValueError, IndexError):
        pass
    return min(known) if known else None


def memory_problem(need: int, what: str) -> str | None:
    """Why reading something estimated to need ``need`` bytes is refused, or None when it fits."""
    free = available_memory()
    if free is None or need <= free:
        return None
    return f"reading it would take about {_size(need)} of memory ({what}); only about {_size(max(free, 0))} is free: refused before memory runs out"


def fail(file: str | Path, line: int | None, message: str) -> DataError:
    """A one-problem :class:`~graph.errors.DataError`, to ``raise``."""
    return DataError(Problem(str(file), line, message))
