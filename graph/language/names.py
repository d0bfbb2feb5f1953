"""Names as people type them: normalisation and resolution to node ids.

``normalize`` is shared by the validator (two nodes must not share a name)
and by :func:`resolve` (the CLI's NODE arguments, the page's search box), so
that what the validator guarantees unique is exactly what users can type.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import AmbiguousName, NameNotFound, NotInGraph
from .words import normalize as normalize  # public here: graph.normalize, and every caller of names


def node_names(G: Any, node: str) -> Iterator[str]:
    """Every name a node answers to: its id, label and synonyms."""
    data = G.nodes[node]
    yield node
    if data.get("label"):
        yield data["label"]
    yield from data.get("synonyms") or ()


def name_index(G: Any) -> dict[str, set[str]]:
    """Map each normalised name to the set of node ids it names.

    The graph's own names; :func:`resolve` adds the everyday names of
    :mod:`graph.language.words` ("backache") only when these match nothing, so that a
    query by a graph's own name never reads the words table.
    """
    held = getattr(G, "name_index", None)  # a database graph looks names up in its own index
    if held is not None:
        found: dict[str, set[str]] = held()
        return found
    index: dict[str, set[str]] = {}
    for node in G.nodes:
        for name in node_names(G, node):
            key = normalize(name)
            if key:
                index.setdefault(key, set()).add(node)
    return index


def phrase_matches(index: dict[str, set[str]], text: str, named: dict[str, frozenset[str]] | None = None) -> set[str]:
    """Nodes with a name saying the same words as ``text``, in any order, filler
    words aside (:func:`graph.language.words.phrase_key`): "pain in my lower back".

    ``named``: :func:`graph.language.words.words_of_keys` of ``index``, if already made.
    """
    from .words import phrase_key, words_of_keys

    key = phrase_key(text)
    found: set[str] = set()
    if key:
        wanted = frozenset(key.split())
        for name, words in (words_of_keys(index) if named is None else named).items():
            if words == wanted:
                found |= index[name]
    return found


def suggestions(index: dict[str, set[str]], text: str, limit: int = 5, named: dict[str, frozenset[str]] | None = None) -> list[str]:
    """Nodes to suggest for a name that matched nothing, best first.

    A node is suggested when one of its names has a word near a meaningful word of
    ``text`` (:func:`graph.language.words.content_words`): the same word, its start
    (:func:`graph.language.words.loose_word`), or a word of four letters or more within one
    typo more than :func:`allowed_edits`. Only nodes matching the most words of
    ``text`` are kept ("sore back" does not suggest sore feet), then those whose
    name is most covered, then by id. The explorer page ports this rule.
    """
    from .words import content_words, words_of_keys

    qwords = content_words(text)
    named = words_of_keys(index) if named is None else named
    vocab = set().union(*named.values()) if named else set()
    near = {q: _near_words(q, vocab) for q in qwords}  # each typed word: the words of names near it
    best: dict[str, tuple[int, float]] = {}
    for name, words in named.items():
        hit = sum(1 for q in qwords if not near[q].isdisjoint(words))
        if not hit:
            continue
        covered = sum(1 for w in words if any(w in near[q] for q in qwords)) / len(words)
        for node in index[name]:
            best[node] = max(best.get(node, (0, 0.0)), (hit, covered))
    if not best:
        return []
    top = max(h for h, _ in best.values())
    ranked = sorted((n for n, (h, _) in best.items() if h == top), key=lambda n: (-best[n][1], n))
    return ranked[:limit]


def _word_near(q: str, w: str) -> bool:
    """Whether word ``w`` of a name is near typed word ``q`` (see :func:`suggestions`)."""
    from rapidfuzz.distance import OSA

    from .words import loose_word

    if q == w or loose_word(q, w):
        return True
    return min(len(q), len(w)) >= 4 and OSA.distance(q, w) <= allowed_edits(max(len(q), len(w))) + 1


def _near_words(q: str, vocab: set[str]) -> set[str]:
    """The words of ``vocab`` near ``q`` (:func:`_word_near`), found with rapidfuzz's
    bounded OSA over the whole vocabulary at once (a large graph has many words)."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    words = list(vocab)
    cutoff = allowed_edits(10**6) + 1  # the most any word may differ: the exact test below decides
    close = {w for w, _, _ in process.extract(q, words, scorer=OSA.distance, score_cutoff=cutoff, limit=None)}
    from .words import LOOSE_STEM, LOOSE_CUT

    if len(q) >= LOOSE_STEM:
        stem = q[: max(LOOSE_STEM, len(q) - LOOSE_CUT)]
        close |= {w for w in words if w.startswith(stem)}
    if q in vocab:
        close.add(q)
    return {w for w in close if _word_near(q, w)}


# How typos are accepted (see :func:`typo_matches`). A score is 100 minus a
# penalty per edit: a whole name typed with ``d`` edits scores ``100 - 8d``;
# a query whose words all occur among a longer name's words scores
# ``WORDS_SCORE - 8e`` (``e``: edits summed over the words).
EDIT_PENALTY = 8.0
WORDS_SCORE = 85.0
#: A typo match must score at least this (0-100) to be accepted.
ACCEPT_SCORE = 75.0
#: Below this a fuzzy (WRatio) match is not even suggested.
SUGGEST_SCORE = 70.0
#: Nodes scoring within this of the best are a tie: the name is ambiguous.
TIE_MARGIN = 8.0


def allowed_edits(length: int) -> int:
    """Typos tolerated in a (normalised) name or word of ``length`` characters.

    Short words get none: "calm" must not become "calf", nor "hip" "lip".

    >>> [allowed_edits(n) for n in (4, 5, 6, 7, 12, 13)]
    [0, 1, 1, 2, 2, 3]
    """
    if length <= 4:
        return 0
    if length <= 6:
        return 1
    if length <= 12:
        return 2
    return 3


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
        query,
        choices,
        scorer=fuzz.WRatio,
        limit=max(limit * 5, 25),
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

    Tries, in order: an exact id; a label, synonym or everyday name after
    normalisation (case, punctuation, plurals); the same words in another order,
    filler words aside (:func:`phrase_matches`); a thing the graph does not hold
    (:func:`graph.language.words.not_in_graph`); then a typo match (:func:`typo_matches`),
    accepted only when no other node scores within :data:`TIE_MARGIN` of
    it. A poor match is never picked: it becomes a "did you mean"
    suggestion (:func:`suggestions`) instead.

    Raises
    ------
    NameNotFound
        Nothing matches well enough; carries "did you mean" suggestions.
    AmbiguousName
        Several nodes match equally well.
    NotInGraph
        ``name`` names something the graph does not hold ("heel spur"); carries
        the nearest node it does hold and a sentence on how they differ.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("flat-feet", label="Flat feet", synonyms=["pes planus"])
    >>> G.add_node("bunion", label="Bunion", synonyms=["bunions of the big toe"])
    >>> resolve(G, "Flat-foot"), resolve(G, "bunions"), resolve(G, "pes plans")
    ('flat-feet', 'bunion', 'flat-feet')
    """
    if name in G:
        return name
    index = name_index(G) if index is None else index
    exact = index.get(normalize(name))
    if not exact:
        from .words import with_everyday

        index = with_everyday(G, index)
        exact = index.get(normalize(name))
    if exact:
        if len(exact) == 1:
            return next(iter(exact))
        raise AmbiguousName(name, sorted(exact))
    related = related_to(G, name)
    if related:  # near, not the same thing: never picked, always said
        from ..model.records import label

        raise NameNotFound(name, related, note=f"it is a related term of {label(G, related[0])}, not the same thing")
    from .words import words_of_keys

    named = words_of_keys(index)
    phrased = phrase_matches(index, name, named)
    if phrased:
        if len(phrased) == 1:
            return next(iter(phrased))
        raise AmbiguousName(name, sorted(phrased))
    from .words import not_in_graph

    absent = not_in_graph(G, name, index)
    if absent:
        raise NotInGraph(name, absent["note"], absent["nearest"])
    from .words import respelled

    ranked = typo_matches(G, name, index)
    if not ranked and respelled(name) != normalize(name):  # "disk": as "disc" is
        ranked = typo_matches(G, respelled(name), index)
    if ranked:
        top = ranked[0][1]
        tied = [n for n, s in ranked if top - s < TIE_MARGIN]
        if len(tied) == 1:
            return tied[0]
        raise AmbiguousName(name, sorted(tied))
    raise NameNotFound(name, suggestions(index, name, named=named))


def related_to(G: Any, name: str) -> list[str]:
    """Nodes that list ``name`` among their ``related_terms`` (normalised), sorted.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("bunion", label="Bunion", related_terms=["hallux valgus"])
    >>> related_to(G, "Hallux valgus"), related_to(G, "bunion")
    (['bunion'], [])
    """
    key = normalize(name)
    return sorted(n for n, terms in G.nodes(data="related_terms") if terms and any(normalize(t) == key for t in terms))


def typo_matches(G: Any, name: str, index: dict[str, set[str]] | None = None) -> list[tuple[str, float]]:
    """Nodes that ``name`` names up to typos, as ``(node, score)``, best first.

    Two ways to match, both measured in edits (insertions, deletions,
    substitutions and swaps of neighbouring letters, rapidfuzz's OSA
    distance) on normalised names, tolerating :func:`allowed_edits`:

    * the whole name, mistyped: "plantar fascitis", "bunyons", "sciatia";
    * every word of ``name`` among the words of a longer name, each word
      perhaps mistyped: "stenosis" (spinal stenosis), "heal pain".

    Only matches scoring at least :data:`ACCEPT_SCORE` are returned; ties
    are broken by node id.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("sciatica", label="Sciatica", synonyms=["sciatic nerve pain"])
    >>> G.add_node("sciatic-nerve", label="Sciatic nerve")
    >>> typo_matches(G, "sciatia")
    [('sciatica', 92.0), ('sciatic-nerve', 77.0)]
    >>> typo_matches(G, "sciatic")  # as close to one as to the other
    [('sciatica', 92.0), ('sciatic-nerve', 85.0)]
    >>> typo_matches(G, "lumbago")
    []
    """
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    index = name_index(G) if index is None else index
    query = normalize(name)
    if not query:
        return []
    best: dict[str, float] = {}

    def offer(nodes: Iterable[str], score: float) -> None:
        for node in nodes:
            if score > best.get(node, -1.0):
                best[node] = score

    keys = list(index)
    for key, dist, _ in process.extract(query, keys, scorer=OSA.distance, score_cutoff=allowed_edits(len(query)), limit=None):
        if _same_words_mistyped(query, key):
            offer(index[key], 100.0 - EDIT_PENALTY * dist)

    vocab: dict[str, set[str]] = {}
    for key in keys:
        for word in key.split():
            vocab.setdefault(word, set()).add(key)
    words = list(vocab)
    per_word: list[dict[str, int]] = []
    for qword in dict.fromkeys(query.split()):
        found: dict[str, int] = {}
        for word, dist, _ in process.extract(qword, words, scorer=OSA.distance, score_cutoff=allowed_edits(len(qword)), limit=None):
            for key in vocab[word]:
                found[key] = min(int(dist), found.get(key, int(dist)))
        per_word.append(found)
    if per_word:
        common = set(per_word[0]).intersection(*per_word[1:])
        for key in sorted(common):
            offer(index[key], WORDS_SCORE - EDIT_PENALTY * sum(f[key] for f in per_word))

    ranked = [(node, score) for node, score in best.items() if score >= ACCEPT_SCORE]
    return sorted(ranked, key=lambda kv: (-kv[1], kv[0]))


def _same_words_mistyped(query: str, key: str) -> bool:
    """Whether ``query`` is ``key`` with typos in its words, not other words.

    A whole name within a few edits can still be a different name: "neck
    pain" is two edits from "back pain", "arm pain" from "arch pain". So
    each word must be within :func:`allowed_edits` of the word in its
    place; a name typed with words run together or split ("lowerback
    pain") may differ from ``key`` by one edit once spaces are ignored.

    >>> _same_words_mistyped("plantar fascitis", "plantar fasciitis")
    True
    >>> _same_words_mistyped("neck pain", "back pain")
    False
    >>> _same_words_mistyped("lowerback pain", "lower back pain")
    True
    >>> _same_words_mistyped("heal pain", "heel pain"), _same_words_mistyped("head pain", "heel pain")
    (True, False)
    """
    from rapidfuzz.distance import OSA

    qwords, kwords = query.split(), key.split()
    if len(qwords) != len(kwords):
        return OSA.distance(query.replace(" ", ""), key.replace(" ", "")) <= 1
    multi = len(kwords) > 1
    return all(_word_mistyped(q, k, multi) for q, k in zip(qwords, kwords))


def _word_mistyped(q: str, k: str, beside_others: bool) -> bool:
    """Whether word ``q`` is word ``k`` typed with a slip.

    Long words tolerate :func:`allowed_edits`. Beside other words a short
    word may carry one slip too ("heal pain", "slipped disk", "left kne
    pain"), except swapping one letter of a three-letter word ("lip" is not
    "hip"); a trailing "s" dropped as a plural may leave a cut-off word
    ("hallux valgs" reads "valg").
    """
    from rapidfuzz.distance import OSA

    d = OSA.distance(q, k)
    if d <= allowed_edits(max(len(q), len(k))):
        return True
    if not beside_others:
        return False
    if d == 1 and (min(len(q), len(k)) >= 4 or len(q) != len(k)):
        return True
    return len(q) >= 4 and k.startswith(q) and len(k) - len(q) <= 2


def resolve_all(G: Any, names: Iterable[str]) -> list[str]:
    """Resolve several names with one index."""
    index = name_index(G)
    return [resolve(G, n, index) for n in names]


def completions(G: Any, typed: str) -> list[tuple[str, str]]:
    """``(id, label)`` of the nodes whose id starts with ``typed``, or whose
    label does once both are normalised, sorted by id (shell completion).

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> G.add_node("flat-feet", label="Flat feet")
    >>> G.add_node("heel", label="Heel")
    >>> completions(G, "Flat"), completions(G, "he")
    ([('flat-feet', 'Flat feet')], [('heel', 'Heel')])
    """
    key = normalize(typed)
    found = [n for n in G.nodes if str(n).startswith(typed) or (key and normalize(G.nodes[n].get("label") or "").startswith(key))]
    return [(str(n), str(G.nodes[n].get("label") or "")) for n in sorted(found, key=str)]
