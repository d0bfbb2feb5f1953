"""Text from a graph, made safe to show in a terminal; JSON that every reader accepts.

A graph downloaded from anywhere can hold control characters in its labels,
notes, ids, titles or file names: an escape sequence that retitles the
window, clears the screen or hides text, a bell, a C1 control, a bidi
override (U+202E) that shows text reversed. footback prints all of its
human output through :class:`SafeStream`, which shows each such character
as a visible escape (``\\x1b``, ``\\u202e``), whether or not the output is a
terminal and whatever ``NO_COLOR`` says. footback's own colours are written
as markers no graph can forge (:func:`style`) and turned into colour codes
only there, and only when colour is wanted.

``--json`` keeps the exact strings: :func:`json_text` writes them with JSON's
own ``\\u`` escapes for the same characters (and for lone surrogates), so
the text is still valid JSON and still safe on a terminal. It also writes
``NaN`` and infinities, which JSON has no words for, as ``null``.
"""

from __future__ import annotations

import io
import json
import math
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

#: Characters shown as escapes: C0 controls but the line break, DEL, C1
#: controls, bidi embedding/override/isolate marks, line and paragraph
#: separators, interlinear annotation marks, and lone surrogates.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufff9-\ufffb\ud800-\udfff]")
UNSAFE_IN_LINE = re.compile(UNSAFE.pattern.replace("\x00-\x09\x0b", "\x00-\x1f", 1))


_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(m: re.Match[str]) -> str:
    ch = m.group()
    if ch in _NAMED:
        return _NAMED[ch]
    c = ord(ch)
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def visible(text: str, *, newlines: bool = True) -> str:
    """``text`` with every unsafe character shown as an escape.

    ``newlines=False`` escapes line breaks too (for one field on one line).

    >>> visible("a\\x1b]0;pwned\\x07b\\u202ec")
    'a\\\\x1b]0;pwned\\\\x07b\\\\u202ec'
    >>> visible("two\\nlines"), visible("two\\nlines", newlines=False)
    ('two\\nlines', 'two\\\\nlines')
    """
    return (UNSAFE if newlines else UNSAFE_IN_LINE).sub(_escape, text)


# footback's own colour codes are written as this marker in place of ESC:
# a noncharacter (reserved by Unicode for a program's internal use) and a
# token chosen afresh by each run, so no graph can carry a real one.
_MARK = "\ufdd0" + os.urandom(6).hex()


def style(text: str, **styles: Any) -> str:
    """``click.style(text, **styles)`` as markers that only :class:`SafeStream` turns into colour."""
    import click

    head, tail = click.style("\0", **styles).split("\0")
    return head.replace("\x1b", _MARK) + text + tail.replace("\x1b", _MARK)


_OWN_CODE = re.compile(re.escape(_MARK) + r"\[[0-9;]*m")


def terminal_text(text: str, *, colour: bool) -> str:
    """``text`` as it may reach a terminal: unsafe characters escaped, footback's
    own colour markers made colour codes (or removed when ``colour`` is false)."""
    if not colour:
        return visible(_OWN_CODE.sub("", text))
    return "\x1b".join(visible(part) for part in text.split(_MARK))


class SafeStream(io.TextIOBase):
    """A text stream that writes through :func:`terminal_text`.

    Colour follows click's rule for the stream under it (a terminal, or
    what a test runner asks for), and never with ``NO_COLOR``.
    """

    def __init__(self, inner: TextIO) -> None:
        self.inner = inner

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.inner, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.inner, "errors", None)

    def _colour(self) -> bool:
        import click.utils

        if os.environ.get("NO_COLOR"):
            return False
        # Asked without a context's colour setting: footback's group sets it
        # so that click passes a graph's escapes on here, to be shown.
        return not click.utils.should_strip_ansi(self.inner, None)  # type: ignore[attr-defined]

    def write(self, s: Any) -> int:
        if isinstance(s, (bytes, bytearray)):  # a library writing bytes (click's completion does): as text
            s = bytes(s).decode(self.encoding, "replace")
        if not isinstance(s, str):
            raise TypeError("SafeStream writes text")
        if s:
            self.inner.write(terminal_text(s, colour=self._colour()))
        return len(s)

    def writable(self) -> bool:
        return True

    def flush(self) -> None:
        self.inner.flush()

    def isatty(self) -> bool:
        return bool(getattr(self.inner, "isatty", lambda: False)())

    def fileno(self) -> int:
        return self.inner.fileno()


@contextmanager
def safe_streams() -> Iterator[tuple[TextIO, TextIO]]:
    """Within the block, ``sys.stdout`` and ``sys.stderr`` are :class:`SafeStream`
    over the streams they were; yields those (for writing exact bytes, as
    ``export -o -`` does into a pipe)."""
    import sys

    out, err = sys.stdout, sys.stderr
    if isinstance(out, SafeStream) or isinstance(err, SafeStream):  # already guarded (nested call)
        yield (out.inner if isinstance(out, SafeStream) else out), (err.inner if isinstance(err, SafeStream) else err)
        return
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        yield out, err
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        sys.stdout, sys.stderr = out, err


def finite(data: Any) -> Any:
    """``data`` with every NaN or infinite float replaced by ``None``.

    >>> finite({"x": float("nan"), "y": [1.5, float("-inf")]})
    {'x': None, 'y': [1.5, None]}
    """
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {k: finite(v) for k, v in data.items()}
    if isinstance(data, (list, tuple)):
        return [finite(v) for v in data]
    return data


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufff9-\ufffb\ud800-\udfff]")


def json_text(data: Any, **options: Any) -> str:
    """``json.dumps(data, ensure_ascii=False, **options)`` that every JSON reader
    accepts and a terminal shows safely.

    NaN and infinities become ``null`` (as JavaScript's ``JSON.stringify``
    writes them); DEL, C1 controls, bidi marks, line separators and lone
    surrogates are written as ``\\u`` escapes, so the parsed strings are
    exactly the graph's.

    >>> json_text({"a": float("nan"), "b": "x\\u202ey"})
    '{"a": null, "b": "x\\\\u202ey"}'
    """
    text = json.dumps(finite(data), ensure_ascii=False, allow_nan=False, **options)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
