"""Node types and relations as people type them: "symptoms", "Symptom", "body region"
and "located in" name ``symptom``, ``body_region`` and ``located_in``, forgiving case,
plurals, spaces and punctuation as names are forgiven (:func:`graph.language.names.normalize`).
"""

from __future__ import annotations

from collections.abc import Iterable

from .names import normalize


def canonical_term(text: str, terms: Iterable[str]) -> str | None:
    """The one term of ``terms`` that ``text`` names, or ``None``.

    An exact term wins; otherwise the terms whose normalised form equals that of
    ``text``, when there is exactly one.

    >>> types = ["condition", "symptom", "body_region"]
    >>> canonical_term("symptoms", types), canonical_term("Body Region", types), canonical_term("limb", types)
    ('symptom', 'body_region', None)
    >>> canonical_term("Located in", ["causes", "located_in"])
    'located_in'
    """
    terms = list(terms)
    if text in terms:
        return text
    key = normalize(text)
    found = {t for t in terms if normalize(t) == key} if key else set()
    return found.pop() if len(found) == 1 else None
