"""Ranked search over node labels, synonyms, everyday names, ids and descriptions.

Where :func:`graph.language.names.resolve` must pick exactly one node or refuse,
:func:`search` ranks every node that could be meant, with a score a person
can read (0-100):

===========  ==========================================================
score        how the query matched
===========  ==========================================================
100          a label, synonym, everyday name or id, ignoring case, punctuation, plurals
95           the same words as a name in another order, filler words aside
             ("pain in my lower back"; :func:`graph.language.words.phrase_key`)
100 - 8d     a whole name with ``d`` typos (rapidfuzz's OSA distance)
85 - 8e      every word of the query among a name's words (``e`` typos)
0.8 x WRatio a one-word query that starts a word of a name ("hernia", "physio";
             :func:`graph.language.words.loose_word`), ranked by rapidfuzz ``WRatio``
60 x share   words of the query found in the description (half at least)
===========  ==========================================================

Filler words such as "my" or "in" are ignored unless the query has no others,
and words that say the same ("sore", "ache" and "pain") are one word
(:mod:`graph.language.words`). A node's score is its best match; matches under
:data:`MIN_SCORE` are dropped; ties are broken by id. A query naming something
the graph does not hold is answered by :func:`graph.language.words.not_in_graph`.
"""

from __future__ import annotations

from typing import Any

from ..language.names import EDIT_PENALTY, WORDS_SCORE, _same_words_mistyped, allowed_edits, normalize

PHRASE_SCORE = 95.0
DESCRIPTION_SCORE = 60.0
LOOSE_WEIGHT = 0.8
DEFAULT_LIMIT = 10
#: Weaker matches are not shown: half the words of a two-word query in a description
#: (30), or two of three ("pain in my lower back" would find the calf, "the back of the
#: lower leg": 40).
MIN_SCORE = 45.0


def _word_hits(qwords: list[str], vocab: dict[str, set[int]]) -> list[dict[int, int]]:
    """For each query word: entry index -> fewest typos with which it occurs there."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    words = list(vocab)
    hits = []
    for qword in qwords:
        found: dict[int, int] = {}
        for word, dist, _ in process.extract(qword, words, scorer=OSA.distance, score_cutoff=allowed_edits(len(qword)), limit=None):
            for i in vocab[word]:
                found[i] = min(int(dist), found.get(i, int(dist)))
        hits.append(found)
    return hits


def search(G: Any, text: str, *, limit: int | None = DEFAULT_LIMIT) -> list[dict[str, Any]]:
    """Nodes matching ``text``, best first.

    Parameters
    ----------
    G : networkx graph
    text : str
        What to look for: a name, part of one, with typos, or words of a
        description.
    limit : int or None
        Most matches returned (``None``: all).

    Returns
    -------
    list of dict
        ``{"id", "score", "field", "text"}``: the node, its score (rounded
        to one decimal), and the field (``label``, ``synonym``, ``id`` or
        ``description``) and text it matched through.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("heel", label="Heel", description="The back of the foot.")
    >>> G.add_node("heel-pain", label="Heel pain", description="A sore heel.")
    >>> G.add_node("pf", label="Plantar fasciitis", synonyms=["policeman's heel"], description="Sore heel tissue.")
    >>> [(m["id"], m["score"], m["field"]) for m in search(G, "heel")]
    [('heel', 100.0, 'label'), ('heel-pain', 85.0, 'label'), ('pf', 85.0, 'synonym')]
    >>> [(m["id"], m["score"]) for m in search(G, "plantar fascitis")]
    [('pf', 92.0)]
    >>> search(G, "xyzzy")
    []
    """
    from rapidfuzz import fuzz, process
    from rapidfuzz.distance import OSA

    from ..language.words import content_words, everyday_names, loose_word, phrase_key

    query = normalize(text)
    if not query:
        return []

    entries: list[tuple[str, str, str, str]] = []  # node, field, text, normalised text
    for node, data in G.nodes(data=True):
        names = [("label", data.get("label"))] + [("synonym", s) for s in data.get("synonyms") or ()] + [("id", node)]
        for field, name in names:
            if name and normalize(name):
                entries.append((node, field, str(name), normalize(name)))
    taken = {e[3] for e in entries}
    entries += [(node, "everyday name", key, key) for key, node in everyday_names(G).items() if key not in taken]
    best: dict[str, tuple[float, str, str]] = {}

    def offer(node: str, score: float, field: str, shown: str) -> None:
        if score > best.get(node, (-1.0, "", ""))[0]:
            best[node] = (score, field, shown)

    keys = [e[3] for e in entries]
    qphrase = phrase_key(text)
    for i, key in enumerate(keys):
        if key == query:
            offer(entries[i][0], 100.0, entries[i][1], entries[i][2])
        elif phrase_key(key) == qphrase:
            offer(entries[i][0], PHRASE_SCORE, entries[i][1], entries[i][2])
    for _, dist, i in process.extract(query, keys, scorer=OSA.distance, score_cutoff=allowed_edits(len(query)), limit=None):
        if _same_words_mistyped(query, keys[i]):  # "neck pain" is not "back pain" mistyped
            offer(entries[i][0], 100.0 - EDIT_PENALTY * dist, entries[i][1], entries[i][2])

    vocab: dict[str, set[int]] = {}
    for i, key in enumerate(keys):
        for word in content_words(key):
            vocab.setdefault(word, set()).add(i)
    content = content_words(text)
    hits = _word_hits(content, vocab)
    for i in sorted(set(hits[0]).intersection(*hits[1:])):
        offer(entries[i][0], WORDS_SCORE - EDIT_PENALTY * sum(h[i] for h in hits), entries[i][1], entries[i][2])

    if len(content) == 1:  # one word typed as the start of a longer one
        starts = {i for word, found in vocab.items() if loose_word(content[0], word) for i in found}
        for i in sorted(starts):
            offer(entries[i][0], LOOSE_WEIGHT * fuzz.WRatio(query, keys[i]), entries[i][1], entries[i][2])

    nodes = list(G.nodes)
    dvocab: dict[str, set[int]] = {}
    for i, node in enumerate(nodes):
        for word in normalize(G.nodes[node].get("description") or "").split():
            dvocab.setdefault(word, set()).add(i)
    found: dict[int, int] = {}
    for h in _word_hits(content, dvocab):
        for i in h:
            found[i] = found.get(i, 0) + 1
    for i, n in found.items():
        if 2 * n >= len(content):
            offer(nodes[i], DESCRIPTION_SCORE * n / len(content), "description", G.nodes[nodes[i]].get("description", ""))

    ranked = sorted(((n, v) for n, v in best.items() if v[0] >= MIN_SCORE), key=lambda kv: (-kv[1][0], str(kv[0])))
    if limit is not None:
        ranked = ranked[:limit]
    return [{"id": n, "score": round(s, 1), "field": f, "text": t} for n, (s, f, t) in ranked]
