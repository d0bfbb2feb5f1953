"""Small helpers shared by the teaching tools: labels, chains, citations, disclaimer.

The quiz, lessons, what-if, common causes, Anki deck and handout all show
the same things (a node's label, a causal chain, the section an edge rests
on, the disclaimer), so they say them the same way.
"""

from __future__ import annotations

from typing import Any

from ..model import RELATION_VERB
from ..model.records import label as label  # a node's display name, for every teaching tool

#: Said by every teaching artifact.
NOT_ADVICE = "Educational material, not medical advice."
ARROW = "\u2192"


def named(G: Any, node: str) -> str:
    """``Label (id)``, or just the id when the label says the same (or there is none).

    How commands name a node in a message, so that an unlabelled node is
    still shown the way ``footback causes`` shows it.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("flat-feet", label="Flat feet")
    >>> G.add_node("lbp", label="Lower back pain")
    >>> G.add_node("2")
    >>> named(G, "flat-feet"), named(G, "lbp"), named(G, "2")
    ('Flat feet', 'Lower back pain (lbp)', '2')
    """
    from ..language.names import normalize

    text = str(label(G, node))
    return text if normalize(text) == normalize(node) else f"{text} ({node})"


def disclaimer(G: Any) -> str:
    """The short disclaimer, followed by the graph's own one when it has one."""
    from ..model.records import about

    own = " ".join(about(G)["disclaimer"].split())
    return f"{NOT_ADVICE} {own}".strip() if own and own != NOT_ADVICE else NOT_ADVICE


def chain_text(G: Any, nodes: list[str], hidden: int | None = None) -> str:
    """``A → B → C`` with labels; the node at index ``hidden`` shown as ``?``.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a", {"label": "A"}), ("b", {"label": "B"}), ("c", {"label": "C"})])
    >>> chain_text(G, ["a", "b", "c"], hidden=1)
    'A → ? → C'
    """
    return f" {ARROW} ".join("?" if i == hidden else label(G, n) for i, n in enumerate(nodes))


def source_title(G: Any, source_id: str) -> str:
    """The title of a source, by id (the id itself when unknown); the first source of that id wins.

    Read from the graph each time, so a title edited in place is seen at once
    (a scan of the sources is quicker than a lookup table kept beside the
    graph was, for the curated graph's 35 sources: 0.3 against 1.7 µs).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(sources=[{"id": "art", "title": "An article"}])
    >>> source_title(G, "art"), source_title(G, "book")
    ('An article', 'book')
    >>> G.graph["sources"][0]["title"] = "Renamed"
    >>> source_title(G, "art")
    'Renamed'
    """
    for src in G.graph.get("sources") or ():
        if isinstance(src, dict) and src.get("id") == source_id:
            return str(src.get("title") or source_id)
    return source_id


def citation(G: Any, edge: dict[str, Any]) -> str:
    """Where an edge comes from: ``Title, section "Heading"``."""
    from ..model.records import sections_of

    title = source_title(G, edge.get("cites", "")) if edge.get("cites") else ""
    secs = sections_of(edge)
    where = ("section " if len(secs) == 1 else "sections ") + ", ".join(f'"{s}"' for s in secs) if secs else ""
    if title and where:
        return f"{title}, {where}"
    return title or where or "no source given"


def evidence_text(ev: dict[str, Any]) -> str:
    """How sure research is of a link, from its record's ``evidence``.

    The explorer page words it the same (``panels.js``), its level as a badge.

    >>> evidence_text({"level": "supported", "note": "Two trials agree."})
    'How sure: supported. Two trials agree.'
    """
    return f"How sure: {ev['level']}." + (f" {ev['note']}" if ev.get("note") else "")


def edge_record(G: Any, u: str, v: str, relation: str) -> dict[str, Any]:
    """An edge as the plain record the queries use (``source``, ``target``, ...)."""
    from ..model.records import edge_record as record

    return record(u, v, G.edges[u, v, relation], relation)


def edge_sentence(G: Any, edge: dict[str, Any]) -> str:
    """``Flat feet can lead to Arch collapse.``"""
    from ..language.grammar import agree

    verb = agree(RELATION_VERB.get(edge["relation"], edge["relation"]), label(G, edge["source"]))
    return f"{label(G, edge['source'])} {verb} {label(G, edge['target'])}."


def explain_lines(G: Any, edges: list[dict[str, Any]], indent: str = "  ", *, chain: bool = True, width: int | None = 78) -> list[str]:
    """The chain (when several edges), one line per edge with its note, then the sources.

    Lines longer than ``width`` are wrapped with a hanging indent.
    """
    lines = []
    if chain and len(edges) > 1 and all(a["target"] == b["source"] for a, b in zip(edges, edges[1:])):
        lines.append(f"{indent}Chain: " + chain_text(G, [edges[0]["source"], *(e["target"] for e in edges)]))
    for e in edges:
        note = f" {e['note']}" if e.get("note") else ""
        lines.append(f"{indent}{edge_sentence(G, e)}{note}")
        if e.get("evidence"):
            lines.append(f"{indent}{evidence_text(e['evidence'])}")
    for cite in sources_of(G, edges):
        lines.append(f"{indent}Source: {cite}")
    if width is None:
        return lines
    import textwrap

    out = []
    for line in lines:
        out += textwrap.wrap(line, width=width, subsequent_indent=indent + "  ", break_on_hyphens=False) or [line]
    return out


def sources_of(G: Any, edges: list[dict[str, Any]]) -> list[str]:
    """The citations of ``edges``, one per source with its sections, in first-use order.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(sources=[{"id": "a", "title": "Article"}])
    >>> sources_of(G, [{"cites": "a", "section": "One"}, {"cites": "a", "section": "Two"}])
    ['Article, sections "One", "Two"']
    """
    from ..model.records import sections_of

    sections: dict[str, list[str]] = {}
    for e in edges:
        title = source_title(G, e.get("cites", "")) if e.get("cites") else "no source given"
        got = sections.setdefault(title, [])
        for sec in sections_of(e):
            if sec not in got:
                got.append(sec)
    out = []
    for title, secs in sections.items():
        if secs:
            word = "section" if len(secs) == 1 else "sections"
            out.append(f"{title}, {word} " + ", ".join(f'"{s}"' for s in secs))
        else:
            out.append(title)
    return out


def edge_json(G: Any, edge: dict[str, Any]) -> dict[str, Any]:
    """An edge record with the labels of its ends, for ``--json``."""
    return {
        **edge,
        "source_label": label(G, edge["source"]),
        "target_label": label(G, edge["target"]),
    }
