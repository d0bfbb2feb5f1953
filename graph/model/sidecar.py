"""What footback keeps about a graph object: beside it, never on it.

A graph's ``graph`` attributes are data, and every exporter writes them: a
user's attribute of any name (``origin``, ``focus``, ``omitted``...) is kept
and written as it is. What footback learns about one graph object is not
data: where it was read from, what its reader did beyond reading, the graph
a neighbourhood was cut from and how, a lookup table built once. That is kept here, in a table keyed weakly by the graph object, so it
goes when the graph goes, is never copied with it (a subgraph starts with
nothing) and is never exported, and no attribute of a networkx object is set
or read for it.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> beside(G).get(IMPORT_NOTES) is None
True
>>> beside(G).setdefault(IMPORT_NOTES, []).append("merged 2 duplicate edges")
>>> beside(G)[IMPORT_NOTES], beside(G.copy()).get(IMPORT_NOTES)
(['merged 2 duplicate edges'], None)
"""

from __future__ import annotations

import weakref
from typing import Any

#: The resolved path a graph was read from (:func:`graph.formats.common.origin`).
ORIGIN = "origin"
#: What the reader of a graph did beyond reading (list of sentences; :func:`graph.formats.import_notes`).
IMPORT_NOTES = "import_notes"
#: The graph a neighbourhood was cut from (:func:`graph.questions.query.whole`).
WHOLE = "whole"
#: The first nodes a neighbourhood's cap left out (:func:`graph.questions.query.left_out`).
LEFT_OUT = "left_out"
#: How a neighbourhood was cut: its focus, radius and how many nodes the cap
#: left out (:func:`graph.questions.query.cut_of`).
CUT = "cut"
#: Lookup tables built once per graph (a causal view the handout builds for
#: itself, never a user's graph): each node's place, how many symptoms each node reaches.
POSITIONS = "positions"
SYMPTOMS_REACHED = "symptoms_reached"

_TABLE: weakref.WeakKeyDictionary[Any, dict[str, Any]] = weakref.WeakKeyDictionary()


def beside(G: Any) -> dict[str, Any]:
    """What footback keeps about the graph object ``G`` (empty at first)."""
    kept = _TABLE.get(G)
    if kept is None:
        kept = _TABLE[G] = {}
    return kept
