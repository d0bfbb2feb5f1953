"""Mermaid flowcharts for documents and slides (GitHub, GitLab, Obsidian render them).

Nodes show their label, coloured by type; edges show their relation in
plain words (``can lead to``). ``--path SOURCE TARGET`` draws only the
causal paths between two nodes; ``--focus NODE`` a neighbourhood. Mermaid
itself draws at most 500 edges by default, so a larger graph is refused
with a hint to use ``--focus`` or ``--path``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..errors import ExportError
from ..model.records import about
from ._draw import HIGHLIGHT, colour, path_graph, verb

MAX_EDGES = 500


#: Characters written as themselves in a label; every other one is written as
#: Mermaid's entity code (``#96;`` for a backtick), which Mermaid draws as
#: that character and never reads as syntax (a leading backtick would open a
#: Markdown string, ``&amp;`` would be drawn as ``&``, a quote would end the label).
_PLAIN = re.compile(r"[A-Za-z0-9 ,.:!?'()_/+=@$%*~-]|[^\x00-\x7f]")


def _text(s: Any) -> str:
    """A label's text for inside Mermaid's quotes, drawn exactly as it is.

    >>> _text('`x` & "y"#')
    '#96;x#96; #38; #34;y#34;#35;'
    """
    out = []
    for ch in str(s):
        # Non-ASCII is written as it is (a code for U+0080 to U+009F would be
        # drawn as a Windows-1252 character), but for JavaScript's line breaks.
        out.append(ch if _PLAIN.fullmatch(ch) and ch not in "\u2028\u2029" else f"#{ord(ch)};")
    text = "".join(out)
    # Mermaid trims a label's outer spaces: write those as codes too.
    stripped = text.strip(" ")
    lead, trail = len(text) - len(text.lstrip(" ")), len(text) - len(text.rstrip(" "))
    return "#32;" * lead + stripped + "#32;" * trail if stripped else "#32;" * len(text)


def to_text(G: Any, path: tuple[str, str] | None = None) -> str:
    """The Mermaid source for ``G`` (or the paths ``path`` names)."""
    H, highlight = path_graph(G, path)
    if H.number_of_edges() > MAX_EDGES:
        raise ExportError(f"{H.number_of_edges()} edges is too many for a Mermaid diagram (at most {MAX_EDGES}); draw a part with --focus NODE --radius 1 or --path SOURCE TARGET")
    disclaimer = about(G)["disclaimer"]
    out = ["flowchart LR"]
    if disclaimer:
        out.append("  %% " + " ".join(disclaimer.split()))
    ids = {n: f"n{i}" for i, n in enumerate(H.nodes)}
    types: dict[str, list[str]] = {}
    for n, d in H.nodes(data=True):
        out.append(f'  {ids[n]}["{_text(d.get("label", n))}"]')
        types.setdefault(str(d.get("type", "")), []).append(ids[n])
    strong = []
    # Mermaid draws only the last of several loops on one node: they are
    # drawn as one loop labelled with each relation, joined by "; ".
    loops: dict[Any, list[str]] = {}
    for u, v, k, d in H.edges(keys=True, data=True):
        if u == v:
            loops.setdefault(u, []).append(verb(str(d.get("relation", k))))
    i = 0
    for u, v, k, d in H.edges(keys=True, data=True):
        if u == v:
            if u not in loops:
                continue
            text = "; ".join(loops.pop(u))
        else:
            text = verb(str(d.get("relation", k)))
        arrow = "==>" if (u, v, k) in highlight else "-->"
        out.append(f'  {ids[u]} {arrow}|"{_text(text)}"| {ids[v]}')
        if (u, v, k) in highlight:
            strong.append(str(i))
        i += 1
    for t, members in types.items():
        cls = "t_" + re.sub(r"\W", "_", t)
        out.append(f"  classDef {cls} fill:{colour(t)},stroke:#555,color:#111")
        out.append(f"  class {','.join(members)} {cls}")
    if strong:
        out.append(f"  linkStyle {','.join(strong)} stroke:{HIGHLIGHT},stroke-width:3px")
    return "\n".join(out) + "\n"


def write(G: Any, dest: Path, path: tuple[str, str] | None = None, **options: Any) -> None:
    """Write the Mermaid source to ``dest``."""
    Path(dest).write_text(to_text(G, path), encoding="utf-8")
