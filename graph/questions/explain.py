"""Paths told as a short narrative that a student can read aloud.

Each step of a path becomes two sentences: what leads to what (naming the
body region each thing sits in, from its ``located_in`` links, the first time
it is mentioned), then the edge's own note with the source section it comes
from. Nothing is added that the graph does not say.

>>> from graph import load_graph, resolve
>>> G = load_graph()
>>> p = explain(G, resolve(G, "herniated disc"), resolve(G, "numb toes"))[0]
>>> for line in p["text"].splitlines():
...     print(line)
Herniated disc, in the intervertebral disc, can lead to compressed or irritated nerves, in the lumbar and sacral nerve roots. The disc material that pushes out squeezes nerves that leave the spine and serve the feet (from “Herniated Disc”). Research rates this link established. A disc that bulges or tears commonly presses on a lumbar or sacral nerve root; but bulges also show up on scans of many people with no pain at all.
Compressed or irritated nerves can lead to numbness in the feet or toes, in the foot and the toes. A squeezed or irritated nerve on its way to the feet can leave the feet or toes numb (from “How Back Problems Can Cause Foot Pain”, “Herniated Disc” and “Spinal Stenosis”). Research rates this link established. Numbness in the skin area a root supplies is a classic sign of a pressed nerve root.
Source: “The Link Between Foot and Back Pain”, a patient-education article.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..model.records import label as display_name, regions
from ..language.grammar import agree
from ..model import BODY_REGION, CAUSES, LOCATED_IN, RELATION_VERB
from .query import PathList, paths
from ..model.records import edge_record, sections_of

#: Paths explained unless asked otherwise: a narrative is read, not scanned.
DEFAULT_EXPLAIN_LIMIT = 3


def proper_words(G: Any) -> frozenset[str]:
    """Words that keep their capital letter mid-sentence ("Achilles").

    Synonyms are written in lower case unless a word is a name, so a capital
    in a synonym, or after the first word of a label, marks a proper noun.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("at", label="Achilles tendonitis", synonyms=["Achilles tendinitis"])
    >>> G.add_node("gp", label="Good posture", synonyms=["upright posture"])
    >>> sorted(proper_words(G))
    ['Achilles']
    """
    words: set[str] = set()
    for _, data in G.nodes(data=True):
        for syn in data.get("synonyms") or ():
            words.update(w for w in re.findall(r"[A-Za-z][\w'’-]*", str(syn)) if w[0].isupper())
        label_words = re.findall(r"[A-Za-z][\w'’-]*", str(data.get("label") or ""))
        words.update(w for w in label_words[1:] if w[0].isupper())
    return frozenset(words)


def mention(G: Any, node: str, *, start: bool = False, proper: frozenset[str] | None = None) -> str:
    """A node's label as written at the start (``start=True``) or in the middle of a sentence.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("hp", label="Heel pain")
    >>> G.add_node("at", label="Achilles tendon", synonyms=["Achilles"])
    >>> G.add_node("pt", label="PT")
    >>> mention(G, "hp"), mention(G, "hp", start=True), mention(G, "at"), mention(G, "pt")
    ('heel pain', 'Heel pain', 'Achilles tendon', 'PT')
    """
    label = display_name(G, node)
    if start:
        return label[:1].upper() + label[1:]
    proper = proper_words(G) if proper is None else proper
    first = re.match(r"[\w'’-]*", label).group(0)  # type: ignore[union-attr]
    if first in proper or first[1:2].isupper():
        return label
    return label[:1].lower() + label[1:]


def _region_clause(G: Any, node: str, proper: frozenset[str]) -> str:
    names = [mention(G, r, proper=proper) for r in regions(G, node)]
    if not names:
        return ""
    return ", in " + " and ".join(f"the {n}" for n in names)


def _cite(sections: list[str], title: str) -> str:
    quoted = [f"“{s}”" for s in sections]
    where = (", ".join(quoted[:-1]) + " and " + quoted[-1] if len(quoted) > 1 else quoted[0]) + (f", {title}" if title else "")
    return f"from {where}"


def explain_path(G: Any, path: dict[str, Any], *, proper: frozenset[str] | None = None) -> str:
    """The narrative of one path record (as returned by :func:`graph.questions.query.paths`).

    One line per step: what leads to what, then the step's note and the
    source section it comes from; then a line naming the source (when all
    steps cite one source; otherwise each step names its own).
    """
    proper = proper_words(G) if proper is None else proper
    titles = {str(s.get("id")): s for s in G.graph.get("sources") or []}
    cited = list(dict.fromkeys(e.get("cites", "") for e in path["edges"]))
    several = len(cited) > 1
    named: set[str] = set()
    lines: list[str] = []
    for e in path["edges"]:
        u, v = e["source"], e["target"]
        subj = mention(G, u, start=True, proper=proper)
        if u not in named and e.get("relation") != LOCATED_IN:  # else the step itself says where
            subj += _region_clause(G, u, proper) + ("," if regions(G, u) else "")
        obj = mention(G, v, proper=proper) + ("" if v in named else _region_clause(G, v, proper))
        if G.nodes[v].get("type") == BODY_REGION:  # "sits in the lower back"
            obj = "the " + obj
        named.update((u, v))
        verb = agree(RELATION_VERB.get(e.get("relation", ""), "is linked to"), display_name(G, u))
        lines.append(f"{subj} {verb} {obj}.")
        note = " ".join(str(e.get("note") or "").split()).rstrip(".")
        title = str(titles.get(e.get("cites", ""), {}).get("title", e.get("cites", ""))) if several else ""
        secs = sections_of(e)
        cite = _cite(secs, title) if secs else ""
        if note:
            lines[-1] += f" {note} ({cite})." if cite else f" {note}."
        elif cite:
            lines[-1] += f" ({cite[:1].upper() + cite[1:]}.)"
        ev = e.get("evidence") if "evidence" in e else edge_record(u, v, e)["evidence"]
        if ev:
            said = f"No study has tested this link ({ev['level']})." if ev.get("basis") == "none" else f"Research rates this link {ev['level']}."
            lines[-1] += f" {said}" + (f" {ev['note']}" if ev.get("note") else "")
    if not several and cited and cited[0] in titles:
        src = titles[cited[0]]
        article = "an" if str(src.get("kind", ""))[:1].lower() in "aeiou" else "a"
        kind = f", {article} {src['kind']}" if src.get("kind") else ""
        lines.append(f"Source: “{src.get('title', cited[0])}”{kind}.")
    return "\n".join(lines)


def explain(
    G: Any,
    source: str,
    target: str,
    *,
    relations: Iterable[str] = (CAUSES,),
    max_hops: int = 6,
    limit: int = DEFAULT_EXPLAIN_LIMIT,
    via: str | None = None,
    avoid: Iterable[str] = (),
) -> PathList:
    """The shortest paths from ``source`` to ``target``, each with its narrative.

    What ``footback explain`` answers (exported as ``graph.explain_paths``). Each step
    becomes two sentences: what leads to what, naming the body region each thing sits
    in the first time it is mentioned, then the edge's own note with the source
    section it comes from and, where the edge has evidence, how sure research is of
    it. Nothing is added that the graph does not say.

    Parameters
    ----------
    G : networkx graph
    source, target : str
        Node ids.
    relations, max_hops, via, avoid
        As :func:`graph.questions.query.paths`.
    limit : int
        Most paths told (default :data:`DEFAULT_EXPLAIN_LIMIT`).

    Returns
    -------
    PathList
        The path records of :func:`graph.questions.query.paths` (which say whether the
        search was cut short), each with ``"text"`` (the narrative, one step a
        line, then the sources) and ``"regions"`` (node id -> ids of the regions
        it sits in).

    Raises
    ------
    networkx.NodeNotFound, UnknownRelation, NoPath
        As :func:`graph.questions.query.paths`.

    Examples
    --------
    >>> import networkx as nx
    >>> G = nx.MultiDiGraph(sources=[{"id": "notes", "title": "Class notes", "sections": ["Feet"]}])
    >>> G.add_node("flat-feet", label="Flat feet", type="condition")
    >>> G.add_node("foot-pain", label="Foot pain", type="symptom")
    >>> G.add_node("foot", label="Foot", type="body_region")
    >>> _ = G.add_edge("flat-feet", "foot-pain", key="causes", relation="causes",
    ...                cites="notes", section="Feet", note="Low arches tire the foot.")
    >>> _ = G.add_edge("foot-pain", "foot", key="located_in", relation="located_in", cites="notes", section="Feet", note="")
    >>> p = explain(G, "flat-feet", "foot-pain")[0]
    >>> print(p["text"])
    Flat feet can lead to foot pain, in the foot. Low arches tire the foot (from “Feet”).
    Source: “Class notes”.
    >>> p["regions"]
    {'flat-feet': [], 'foot-pain': ['foot']}
    """
    found = paths(G, source, target, relations=relations, max_hops=max_hops, limit=limit, via=via, avoid=avoid)
    proper = proper_words(G)
    told = PathList({**p, "text": explain_path(G, p, proper=proper), "regions": {n: regions(G, n) for n in p["nodes"]}} for p in found)
    told.truncated = found.truncated
    return told
