"""The words people type: filler words, words that say the same, everyday names, and
things the graph does not hold.

The table is :file:`graph/data/words/everyday.yaml` (reviewed by hand; not graph
data). :mod:`graph.language.names` and :mod:`graph.questions.search` use it, and the explorer page gets
the same table (:func:`page_words`) for its port of the same rules, so the command
line and the page read a phrase the same way.

A phrase is compared through its *phrase key*: its normalised words, each replaced by
the word it says the same as ("sore" is "pain"), without filler words ("my", "in"),
sorted, once each. "pain in my lower back", "lower back pain" and "sore lower back"
share the key ``back lower pain``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "words" / "everyday.yaml"

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


@functools.lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    """The words table, normalised: ``filler`` (set), ``same_word`` (word -> word),
    ``everyday`` (normalised name -> node id), ``not_in_graph`` (list of dicts)."""
    import yaml

    raw = yaml.safe_load(WORDS_FILE.read_text(encoding="utf-8")) or {}
    return {
        "filler": frozenset(normalize(w) for w in raw.get("filler") or ()),
        "same_word": {normalize(k): normalize(v) for k, v in (raw.get("same_word") or {}).items()},
        "everyday": {normalize(k): str(v) for k, v in (raw.get("everyday") or {}).items()},
        "not_in_graph": [{"names": [str(n) for n in e["names"]], "nearest": str(e["nearest"]), "note": " ".join(str(e["note"]).split())} for e in raw.get("not_in_graph") or ()],
    }


def phrase_key(text: str) -> str:
    """The words of ``text`` that carry its meaning, sorted: how phrases are compared.

    >>> phrase_key("Pain in my lower back"), phrase_key("sore lower back")
    ('back lower pain', 'back lower pain')
    >>> phrase_key("the"), phrase_key("Change in gait")
    ('the', 'change gait')
    """
    t = table()
    words = [t["same_word"].get(w, w) for w in normalize(text).split()]
    content = [w for w in words if w not in t["filler"]] or words
    return " ".join(sorted(set(content)))


def words_of_keys(keys: Any) -> dict[str, frozenset[str]]:
    """:func:`key_words` of many index keys at once, as sets (one pass over a large
    graph's names, shared by :func:`graph.language.names.phrase_matches` and
    :func:`graph.language.names.suggestions`)."""
    t = table()
    same, filler = t["same_word"], t["filler"]
    special = filler | set(same)
    out: dict[str, frozenset[str]] = {}
    for key in keys:
        words = key.split()
        if special.isdisjoint(words):
            out[key] = frozenset(words)
        else:
            mapped = [same.get(w, w) for w in words]
            out[key] = frozenset([w for w in mapped if w not in filler] or mapped)
    return out


def key_words(key: str) -> list[str]:
    """:func:`content_words` of an already normalised name (an index key), cheaply.

    >>> key_words("pain in the foot or toe")
    ['foot', 'pain', 'toe']
    """
    t = table()
    words = [t["same_word"].get(w, w) for w in key.split()]
    content = [w for w in words if w not in t["filler"]] or words
    return sorted(set(content))


def content_words(text: str) -> list[str]:
    """The meaningful words of ``text``, in order, once each (see :func:`phrase_key`).

    >>> content_words("my feet ache")
    ['foot', 'pain']
    """
    t = table()
    words = [t["same_word"].get(w, w) for w in normalize(text).split()]
    content = [w for w in words if w not in t["filler"]] or words
    return list(dict.fromkeys(content))


def respelled(text: str) -> str:
    """``text`` normalised, with words that say the same as a graph's word replaced
    by it, in place (for typo matching, which compares words position by position).

    >>> respelled("Slipped disks")
    'slipped disc'
    """
    same = table()["same_word"]
    return " ".join(same.get(w, w) for w in normalize(text).split())


def everyday_names(G: Any) -> dict[str, str]:
    """Everyday names (normalised) of nodes ``G`` holds: name -> node id."""
    return {k: v for k, v in table()["everyday"].items() if v in G}


def with_everyday(G: Any, index: dict[str, set[str]]) -> dict[str, set[str]]:
    """``index`` (:func:`graph.language.names.name_index`) with the everyday names of the nodes
    ``G`` holds, where ``G`` does not use the name itself."""
    extra = {key: {node} for key, node in everyday_names(G).items() if key not in index}
    return {**index, **extra} if extra else index  # an imported graph has none: no copy


def not_in_graph(G: Any, text: str, index: dict[str, set[str]]) -> dict[str, Any] | None:
    """``{"name", "note", "nearest"}`` when ``text`` names something the table says
    ``G`` does not hold; else ``None``. ``index`` is ``G``'s
    (:func:`graph.language.names.name_index`).

    An entry is used only when its nearest node is in ``G`` (its note speaks of the
    curated graph) and no node of ``G`` answers to any of its names (a teacher's
    copy that adds "Knee pain" holds the knee).
    """
    key = phrase_key(text)
    if not key:
        return None
    for entry in _entries(G):
        if any(phrase_key(name) == key for name in entry["names"]):
            if _held(entry, index):
                return None
            return {"name": text, "note": entry["note"], "nearest": entry["nearest"]}
    return None


def _entries(G: Any) -> list[dict[str, Any]]:
    return [e for e in table()["not_in_graph"] if e["nearest"] in G]


def _held(entry: dict[str, Any], index: dict[str, set[str]]) -> bool:
    """Whether the graph names any of an entry's names after all."""
    return any(normalize(n) in index for n in entry["names"])


# A loose match: a word typed as the start of a longer word ("hernia" for herniated,
# "physio" for physiotherapy, "tingle" for tingling). The word must start with the typed
# word less at most LOOSE_CUT letters from its end, keeping at least LOOSE_STEM
# ("disc" does not reach "discomfort", nor "spur" "surgery"). Not a similarity
# score: no cutoff on rapidfuzz's WRatio separates true from false hits ("ice" scores
# 90 against "policeman's heel", as "hernia" does against "herniated disc"; see
# tests/test_words.py).
LOOSE_STEM = 5
LOOSE_CUT = 2


def loose_word(typed: str, word: str) -> bool:
    """Whether ``word`` (of a name) may be what ``typed`` starts to say.

    >>> loose_word("hernia", "herniated"), loose_word("tingle", "tingling")
    (True, True)
    >>> loose_word("spur", "surgery"), loose_word("ice", "policeman"), loose_word("disc", "discomfort")
    (False, False, False)
    """
    if len(typed) < LOOSE_STEM or word == typed:
        return False
    stem = typed[: max(LOOSE_STEM, len(typed) - LOOSE_CUT)]
    return word.startswith(stem)


def page_words(G: Any, index: dict[str, set[str]]) -> dict[str, Any]:
    """What the explorer page needs to read phrases as :mod:`graph.language.names` does
    (``index``: ``G``'s, :func:`graph.language.names.name_index`)."""
    t = table()
    absent = []
    for entry in _entries(G):
        if not _held(entry, index):
            absent.append({"keys": sorted({phrase_key(n) for n in entry["names"]}), "names": [normalize(n) for n in entry["names"]], "note": entry["note"], "nearest": entry["nearest"]})
    return {
        "filler": sorted(t["filler"]),
        "same_word": dict(sorted(t["same_word"].items())),
        "not_in_graph": absent,
        "loose": {"stem": LOOSE_STEM, "cut": LOOSE_CUT},
    }
