"""Graphviz DOT for documents and slides (``dot -Tsvg graph.dot -o graph.svg``).

Nodes are boxes with their label, filled by type, with the description as
tooltip; edges carry their relation in plain words and the note as tooltip.
``--path SOURCE TARGET`` draws only the causal paths between two nodes,
highlighted; ``--focus NODE`` a neighbourhood.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..model.records import about
from ._draw import HIGHLIGHT, colour, path_graph, verb


def quote(s: Any) -> str:
    r"""A DOT double-quoted string.

    >>> print(quote('say "hi"\\now'))
    "say \"hi\"\\now"
    """
    text = str(s).replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r", "").replace("\n", "\\n") + '"'


def _escaped(s: Any, backslash: str) -> str:
    out = []
    for ch in str(s):
        if ch == "\\":
            out.append(backslash)
        elif ch == '"':
            out.append('\\"')
        elif ch == "&":
            out.append("&amp;")  # Graphviz reads entities in text: "&amp;" would be drawn "&"
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("&#13;")
        elif ch < " " and ch != "\t" or ch == "\x7f":
            # Graphviz would copy a control character into its SVG, which no
            # XML reader then opens: it is drawn as its Unicode picture (U+2400...).
            out.append(chr(0x2421) if ch == "\x7f" else chr(0x2400 + ord(ch)))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def label(s: Any) -> str:
    r"""A DOT label drawn exactly as ``s`` reads (a line break starts a new line).

    Graphviz reads a label's backslashes as escapes (``\N`` is the node's
    name) and its ``&...;`` as entities, so both are escaped.

    >>> print(label('a\\N & "b"'))
    "a\\N &amp; \"b\""
    """
    return _escaped(s, "\\\\")


def tooltip(s: Any) -> str:
    """A DOT tooltip shown exactly as ``s`` reads.

    Graphviz reads a tooltip's escapes twice over (once for ``\\G``-style
    names, once as a label's), so a backslash is written four times.
    """
    return _escaped(s, "\\\\\\\\")


def to_text(G: Any, path: tuple[str, str] | None = None) -> str:
    """The DOT source for ``G`` (or the paths ``path`` names)."""
    H, highlight = path_graph(G, path)
    said = about(G)
    out = ["digraph footback {"]
    title = " ".join(said["title"].split())
    if said["disclaimer"]:
        out.append("  // " + " ".join(said["disclaimer"].split()))
    graph_attrs = 'rankdir=LR, fontname="Helvetica", fontsize=11'
    if title:
        graph_attrs += f", label={label(title + ' (educational, not medical advice)')}, labelloc=t"
    out.append(f"  graph [{graph_attrs}];")
    out.append('  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=11, color="#555555"];')
    out.append('  edge [fontname="Helvetica", fontsize=9, color="#666666"];')
    for n, d in H.nodes(data=True):
        attrs = [f"label={label(d.get('label', n))}", f"fillcolor={quote(colour(d.get('type')))}"]
        if d.get("description"):
            attrs.append(f"tooltip={tooltip(d['description'])}")
        out.append(f"  {quote(n)} [{', '.join(attrs)}];")
    for u, v, k, d in H.edges(keys=True, data=True):
        attrs = [f"label={label(verb(str(d.get('relation', k))))}"]
        if d.get("note"):
            attrs.append(f"tooltip={tooltip(d['note'])}")
        if (u, v, k) in highlight:
            attrs += [f"color={quote(HIGHLIGHT)}", "penwidth=2.5"]
        out.append(f"  {quote(u)} -> {quote(v)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def write(G: Any, dest: Path, path: tuple[str, str] | None = None, **options: Any) -> None:
    """Write the DOT source to ``dest``."""
    Path(dest).write_text(to_text(G, path), encoding="utf-8")
