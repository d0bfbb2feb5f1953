"""Small grammar for generated sentences: "1 step", "2 steps"; "Flat feet sit in",
"Heel pain sits in"; "where do Flat feet sit".

A label is plural when its head noun is: the last word before a preposition ("Numbness
in the feet or toes" is singular, "Compressed or irritated nerves" plural), judged
by the same plural rules as names (:func:`graph.language.words.normalize`).
"""

from __future__ import annotations

import re

from .words import _IRREGULAR, _singular

# A head noun ends where its complement starts.
_COMPLEMENT = re.compile(r"\s(in|of|on|by|to|for|with|from|at|moving|standing|walking)\s", re.IGNORECASE)
# Verbs that agree with their subject (the others are "can ...").
_AGREE = {"sits in": "sit in", "is part of": "are part of", "is linked to": "are linked to", "does": "do", "is": "are", "sits": "sit"}


def count(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1.

    >>> count(1, "step"), count(2, "step"), count(0, "match", "matches")
    ('1 step', '2 steps', '0 matches')
    """
    return f"{n} {noun if n == 1 else (plural or noun + 's')}"


def is_plural(label: str) -> bool:
    """Whether a label names several things, by its head noun.

    >>> [is_plural(x) for x in ("Flat feet", "Compressed or irritated nerves", "Numbness in the feet or toes",
    ...                         "Spinal stenosis", "Orthotics", "Weakness or difficulty moving the legs", "Vertebrae")]
    [True, True, False, False, True, False, True]
    """
    head = _COMPLEMENT.split(str(label), maxsplit=1)[0].split()
    if not head:
        return False
    word = re.sub(r"[^a-z]", "", head[-1].lower())
    if word in _IRREGULAR:
        return True
    return word.endswith("s") and _singular(word) != word


def agree(verb: str, subject: str) -> str:
    """``verb`` ("sits in", "is part of", "does") as it agrees with ``subject`` (a label).

    >>> agree("sits in", "Flat feet"), agree("sits in", "Heel pain"), agree("can lead to", "Flat feet")
    ('sit in', 'sits in', 'can lead to')
    """
    return _AGREE.get(verb, verb) if is_plural(subject) else verb
