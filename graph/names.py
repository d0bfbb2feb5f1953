"""Names as people type them: normalisation and resolution to node ids.

``normalize`` is shared by the validator (two nodes must not share a name)
and by :func:`resolve` (the CLI's NODE arguments, the page's search box), so
that what the validator guarantees unique is exactly what users can type.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import AmbiguousName, NameNotFound

# Irregular plurals that occur in anatomy teaching.
_IRREGULAR = {
    "feet": "foot",
    "teeth": "tooth",
    "vertebrae": "vertebra",
    "calves": "calf",
    "halves": "half",
    "men": "man",
    "women": "woman",
    "children": "child",
}
# Words ending in -s that are not plurals.
_KEEP_S = ("ss", "us", "is", "ys", "as")


def _singular(word: str) -> str:
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) <= 3 or word.endswith(_KEEP_S) or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    return word[:-1]


def normalize(name: str) -> str:
    """Reduce a name to the key that matching uses.

    Case, accents, punctuation, spacing and plurals are ignored.

    >>> normalize("Flat-Feet")
    'flat foot'
    >>> normalize("  Bunions ")
    'bunion'
    >>> normalize("Achilles' tendonitis")
    'achille tendonitis'
    """
    text = unicodedata.normalize("NFKD", str(name))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("'", "").replace("\u2019", "")
    words = re.findall(r"[a-z0-9]+", text)
    return " ".join(_singular(w) for w in words)


def node_names(G: Any, node: str) -> Iterator[str]:
    """Every name a node answers to: its id, label and synonyms."""
    data = G.nodes[node]
    yield node
    if data.get("label"):
        yield data["label"]
    yield from data.get("synonyms") or ()


def name_index(G: Any) -> dict[str, set[str]]:
    """Map each normalised name to the set of node ids it names."""
    index: dict[str, set[str]] = {}
    for node in G.nodes:
        for name in node_names(G, node):
            key = normalize(name)
            if key:
                index.setdefault(key, set()).add(node)
    return index


#: A fuzzy match must score at least this (0-100) to be accepted.
ACCEPT_SCORE = 86.0
#: Below this a fuzzy match is not even suggested.
SUGGEST_SCORE = 60.0
#: Two nodes whose best scores differ by less than this are a tie.
TIE_MARGIN = 2.0


def fuzzy_scores(G: Any, text: str, limit: int = 10) -> list[tuple[str, float, str]]:
    """Best fuzzy matches of ``text`` over all names: ``(node, score, name)``.

    One entry per node (its best-scoring name), highest score first, ties
    broken by node id so results are deterministic.
    """
    from rapidfuzz import fuzz, process

    index = name_index(G)
    query = normalize(text)
    if not query:
        return []
    choices = list(index)
    best: dict[str, tuple[float, str]] = {}
    hits = process.extract(
        query, choices, scorer=fuzz.WRatio, limit=max(limit * 5, 25),
        score_cutoff=SUGGEST_SCORE,
    )
    for key, score, _ in hits:
        for node in index[key]:
            if node not in best or score > best[node][0]:
                best[node] = (float(score), key)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))
    return [(node, score, key) for node, (score, key) in ranked[:limit]]


def resolve(G: Any, name: str, index: dict[str, set[str]] | None = None) -> str:
    """Return the id of the node that ``name`` names.

    Tries, in order: an exact id; a label or synonym after normalisation
    (case, punctuation, plurals); then a fuzzy match for typos, accepted
    only when it is good and clearly better than the next node.

    Raises
    ------
    NameNotFound
        Nothing matches well enough; carries "did you mean" suggestions.
    AmbiguousName
        Several nodes match equally well.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("flat-feet", label="Flat feet", synonyms=["pes planus"])
    >>> G.add_node("bunion", label="Bunion", synonyms=["hallux valgus"])
    >>> resolve(G, "Flat-foot"), resolve(G, "bunions"), resolve(G, "hallux valgs")
    ('flat-feet', 'bunion', 'bunion')
    """
    if name in G:
        return name
    index = name_index(G) if index is None else index
    exact = index.get(normalize(name))
    if exact:
        if len(exact) == 1:
            return next(iter(exact))
        raise AmbiguousName(name, sorted(exact))
    scored = fuzzy_scores(G, name)
    if scored and scored[0][1] >= ACCEPT_SCORE:
        top = scored[0][1]
        tied = [n for n, s, _ in scored if top - s < TIE_MARGIN]
        if len(tied) == 1:
            return tied[0]
        raise AmbiguousName(name, sorted(tied))
    raise NameNotFound(name, [n for n, _, _ in scored[:5]])


def resolve_all(G: Any, names: Iterable[str]) -> list[str]:
    """Resolve several names with one index."""
    index = name_index(G)
    return [resolve(G, n, index) for n in names]
