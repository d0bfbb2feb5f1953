"""Hostile strings and graphs for the round-trip tests of every exporter.

Names a format keeps for itself (``id``, ``source``, ``subject``...) as
attribute names, and text holding quotes, backslashes, backticks, ``#``,
``&``, entity look-alikes, ``|``, line breaks, tabs, unicode and nothing.
"""

from __future__ import annotations

import networkx as nx
from hypothesis import strategies as st

from graph.model.attrcodec import RESERVED_ANYWHERE

HOSTILE = [
    'say "hi"',
    "it's",
    "back\\slash",
    "\\N \\G \\n",
    "`tick` start",
    "`",
    "#1; #35;",
    "&",
    "&amp;",
    "&lt;b&gt;",
    "<b>x</b>",
    "a|b",
    "|",
    "line\nbreak",
    "tab\there",
    "cr\rlf\r\n",
    "ünïcode – 痛み 🦶",
    "",
    " ",
    "  padded  ",
    "%% not a comment",
    "[x] {y} (z)",
    "end\\",
    "$1 \\1 ${x}",
    "MATCH (n) DETACH DELETE n //",
]
#: Attribute names some format keeps for itself, and names that look renamed.
ATTR_NAMES = sorted(RESERVED_ANYWHERE | {"label", "Edge Label", "interaction", "weight", "attr:id", "attr:attr:source", "attr:weight", "x y"})

#: Text without control characters: XML (GraphML, GEXF) cannot carry them in an id.
_no_controls = st.characters(blacklist_categories=("Cc", "Cs"))
hostile_text = st.sampled_from(HOSTILE) | st.text(max_size=12)
#: A synonym or code: every reader, as footback's YAML, refuses empty text in those lists.
list_text = hostile_text.filter(lambda s: s.strip() != "")
id_text = (st.sampled_from([h for h in HOSTILE if h and not any(c in h for c in "\t\n\r")]) | st.text(_no_controls, min_size=1, max_size=10)).filter(lambda s: s.strip() != "")
relation_text = st.sampled_from(["causes", "treats", "related_to", "a|b", 'say "hi"', "`x`", "&amp;", "ünï"]) | st.text(_no_controls, min_size=1, max_size=8).filter(
    lambda s: s.strip() != "" and not s.startswith("biolink:")
)


@st.composite
def hostile_graphs(draw, max_nodes: int = 5):
    """A footback graph (a label that is not empty, as readers give a node without one its id; type, description, synonyms, codes
    (lists of text that is not empty, as every reader requires) on each node;
    note and section on each edge) whose ids, labels, relations and other
    attributes are hostile, with attribute names formats keep for themselves."""
    ids = draw(st.lists(id_text, min_size=1, max_size=max_nodes, unique=True))
    G = nx.MultiDiGraph()
    for n in ids:
        attrs = draw(st.dictionaries(st.sampled_from(ATTR_NAMES), hostile_text, max_size=3))
        attrs.update(
            label=draw(hostile_text.filter(bool)),
            type=draw(st.sampled_from(["condition", "symptom", "x & y", "ünï"])),
            description=draw(hostile_text),
            synonyms=draw(st.lists(list_text, max_size=2)),
            codes=draw(st.lists(list_text, max_size=2)),
        )
        G.add_node(n, **attrs)
    for _ in range(draw(st.integers(0, 6))):
        u, v, rel = draw(st.sampled_from(ids)), draw(st.sampled_from(ids)), draw(relation_text)
        if G.has_edge(u, v, rel):
            continue
        attrs = draw(st.dictionaries(st.sampled_from(ATTR_NAMES), hostile_text, max_size=3))
        attrs.update(relation=rel, note=draw(hostile_text), section=draw(hostile_text))
        G.add_edges_from([(u, v, rel, attrs)])
    return G


def as_data(G) -> tuple[list, list]:
    """A graph as comparable plain data: nodes and edges with attributes, in order."""
    return [(n, dict(d)) for n, d in G.nodes(data=True)], [(u, v, k, dict(d)) for u, v, k, d in G.edges(keys=True, data=True)]
