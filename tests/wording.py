"""Word runs shared with the source article, found through hashes only."""

from __future__ import annotations

import hashlib
import re

#: A run of this many words in common with the article counts as copied.
RUN = 8


def words(text: str) -> list[str]:
    """Lower-case words, punctuation dropped (an apostrophe joins: "it's" -> "its")."""
    text = text.lower().replace("’", "'").replace("'", "")
    return re.findall(r"[a-z0-9]+", text)


def runs(text: str) -> list[str]:
    w = words(text)
    return [" ".join(w[i : i + RUN]) for i in range(len(w) - RUN + 1)]


def digest(run: str) -> str:
    return hashlib.sha256(run.encode("utf-8")).hexdigest()[:16]


def run_hashes(text: str) -> set[str]:
    return {digest(r) for r in runs(text)}
