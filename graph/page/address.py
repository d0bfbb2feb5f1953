"""The explorer page's address: the view named in the URL's fragment.

``footback.html#path=plantar-fasciitis,lower-back-pain&show=2`` opens the page
with those paths found and the second shown alone; ``#node=ID`` selects a node,
``#lesson=NAME&step=N`` opens a lesson's step, and ``hide``, ``evidence`` and
``layout`` carry the filters and the layout. The page writes and reads it in
``templates/address.js``; this module writes and reads the same text, so a link
made here (in a document, a handout, a test) opens the view it names.
``tests/data/golden/address.json`` holds cases both sides must meet.

Every value is escaped as the browser's ``encodeURIComponent`` escapes it, so an
id holding ``,`` ``&`` ``=`` ``#`` ``%`` or spaces reads back whole; a part that
does not decode (a link cut short in an e-mail) is reported, not guessed at.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, unquote_to_bytes

#: The page's default layout, left out of the address.
DEFAULT_LAYOUT = "anatomy"
#: Keys holding one value (commas and all); every other key holds a list split at commas.
SINGLE = frozenset({"node", "lesson"})
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def escape(text: str) -> str:
    """``text`` escaped as JavaScript's ``encodeURIComponent`` escapes it.

    >>> escape("flat feet, 50%/#1")
    'flat%20feet%2C%2050%25%2F%231'
    >>> escape("it's (very) *odd*!~")
    "it's%20(very)%20*odd*!~"
    """
    return quote(text, safe="!~*'()")


def unescape(text: str) -> str | None:
    """``text`` decoded as JavaScript's ``decodeURIComponent`` decodes it, or None where
    that throws: a ``%`` not followed by two hex digits, or bytes that are not UTF-8.

    >>> unescape("flat%20feet%2C%2050%25"), unescape("50%"), unescape("%E0%A4%A")
    ('flat feet, 50%', None, None)
    """
    if _BAD_ESCAPE.search(text):
        return None
    try:
        return unquote_to_bytes(text).decode("utf-8")
    except UnicodeDecodeError:
        return None


def write_address(
    *,
    path: tuple[str, str] | None = None,
    show: int | None = None,
    node: str | None = None,
    hide: Iterable[str] = (),
    evidence: str | None = None,
    layout: str = DEFAULT_LAYOUT,
    lesson: str | None = None,
    step: int = 1,
) -> str:
    """The fragment (without ``#``) naming a view of the page, as the page writes it.

    Parameters
    ----------
    path : the two ends of the paths found, or None.
    show : with ``path``, the path shown alone (1 for the first), or None for all.
    node : the node selected.
    hide : node types and relations hidden (written sorted).
    evidence : the weakest evidence level drawn, or None for all.
    layout : ``"anatomy"`` (the default, left out) or ``"force"``.
    lesson, step : a lesson's name and step (1 for the first): a lesson step is
        its own view, so ``path`` and ``node`` are left out.

    >>> write_address(path=("plantar-fasciitis", "lower-back-pain"), show=2)
    'path=plantar-fasciitis,lower-back-pain&show=2'
    >>> write_address(node="a,b", hide=["treats", "anatomy"], layout="force")
    'node=a%2Cb&hide=anatomy,treats&layout=force'
    >>> write_address(lesson="from-the-foot-up", step=3, node="heel-pain")
    'lesson=from-the-foot-up&step=3'
    """
    parts = []
    if lesson is not None:
        parts += [f"lesson={escape(lesson)}", f"step={step}"]
    elif path is not None:
        parts.append(f"path={escape(path[0])},{escape(path[1])}")
        if show is not None:
            parts.append(f"show={show}")
    if node and lesson is None:
        parts.append(f"node={escape(node)}")
    hidden = sorted(hide)
    if hidden:
        parts.append("hide=" + ",".join(escape(h) for h in hidden))
    if evidence:
        parts.append(f"evidence={escape(evidence)}")
    if layout and layout != DEFAULT_LAYOUT:
        parts.append(f"layout={escape(layout)}")
    return "&".join(parts)


def read_address(fragment: str) -> dict[str, Any]:
    """The fragment read as the page reads it: ``{"params": {key: value}, "unreadable": [part]}``.

    ``node`` and ``lesson`` hold one string (commas and all), every other key a
    list of strings split at commas. A part whose value does not decode, or a
    path without exactly two ends, goes to ``unreadable`` and counts for nothing;
    a part without ``key=`` is skipped; a key given twice: the last one counts.

    >>> read_address("#path=a%2C1,b&show=2&node=x,y")
    {'params': {'path': ['a,1', 'b'], 'show': ['2'], 'node': 'x,y'}, 'unreadable': []}
    >>> read_address("path=a,b,c&node=50%")
    {'params': {}, 'unreadable': ['path=a,b,c', 'node=50%']}
    """
    params: dict[str, Any] = {}
    unreadable: list[str] = []
    for part in fragment.removeprefix("#").split("&"):
        i = part.find("=")
        if i <= 0:
            continue
        key, raw = part[:i], part[i + 1 :]
        values = [unescape(v) for v in ([raw] if key in SINGLE else raw.split(","))]
        if None in values or (key == "path" and len(values) != 2):
            unreadable.append(part)
            continue
        params[key] = values[0] if key in SINGLE else values
    return {"params": params, "unreadable": unreadable}
