"""An Anki deck (``.apkg``, built with genanki): the quiz questions and one card per causal link.

Two note types: a multiple-choice question (every question the graph
supports, from :func:`graph.quiz.all_questions` with seed 0) and a causal
link (front: how can X lead to Y?; back: the edge's note and the section it
comes from). Notes are tagged ``footback``, by kind, by the node types they
involve (``type::symptom``) and by the body regions those nodes sit in
(``region::heel``).

Identities are stable across builds, so re-importing an updated deck updates
its notes instead of duplicating them: deck and note-type ids are derived
from fixed strings, and each note's guid from what it is about (a question's
key, a link's two ends), never from its wording. Anki replaces a note on
import only when the incoming one is newer, so notes carry the build time as
their modification time; set ``SOURCE_DATE_EPOCH`` to fix it and get
byte-identical packages (the zip entries' dates are always fixed).
"""

from __future__ import annotations

import hashlib
import os
import time
import zipfile
from html import escape as _escape
from pathlib import Path
from typing import Any

from ..model import CAUSES
from ..model.records import about, edge_record, regions_within
from .wording import disclaimer, label, sources_of

DECK_NAME = "footback: how foot and back problems link"
#: A huge graph gives a deck of at most this many questions of each kind
#: (the first, in stable order); every causal link still gets its card.
MAX_QUESTIONS_PER_KIND = 1000
CSS = """
.card { font-family: system-ui, sans-serif; font-size: 18px; line-height: 1.4; color: #222; background: #fff; text-align: left; }
.choices li { margin: .2em 0; }
.answer { font-weight: bold; }
.chain { margin: .5em 0; }
.source, .disclaimer { font-size: 13px; color: #555; margin-top: .6em; }
"""


def escape(text: str) -> str:
    """HTML-escape text for a card field (fields are element content, never attributes).

    Anki stores a note's fields joined by U+001F: one inside a field would
    shift every field after it, so it is shown as U+241F (its visible symbol).

    >>> escape("a\x1fb <i>")
    'a\u241fb &lt;i&gt;'
    """
    return _escape(str(text), quote=False).replace("\x1f", "\u241f")


def stable_id(text: str) -> int:
    """A fixed id in Anki's usual range, derived from ``text``.

    >>> stable_id("footback") == stable_id("footback"), 1 << 30 <= stable_id("x") < 1 << 31
    (True, True)
    """
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def _models() -> tuple[Any, Any]:
    import genanki

    quiz = genanki.Model(
        stable_id("footback quiz note type v1"),
        "footback multiple choice",
        fields=[{"name": n} for n in ("Question", "Choices", "Answer", "Explanation", "Source", "Disclaimer", "Key")],
        templates=[
            {
                "name": "Question",
                "qfmt": "<div class=question>{{Question}}</div><ol class=choices type=a>{{Choices}}</ol>",
                "afmt": "{{FrontSide}}<hr id=answer><div class=answer>{{Answer}}</div>"
                "<div class=chain>{{Explanation}}</div><div class=source>{{Source}}</div>"
                "<div class=disclaimer>{{Disclaimer}}</div>",
            }
        ],
        css=CSS,
    )
    link = genanki.Model(
        stable_id("footback causal link note type v1"),
        "footback causal link",
        fields=[{"name": n} for n in ("From", "To", "Note", "Source", "Disclaimer", "Key")],
        templates=[
            {
                "name": "Link",
                "qfmt": "How can <b>{{From}}</b> lead to <b>{{To}}</b>?",
                "afmt": "{{FrontSide}}<hr id=answer><div class=answer>{{Note}}</div><div class=source>{{Source}}</div><div class=disclaimer>{{Disclaimer}}</div>",
            }
        ],
        css=CSS,
    )
    return quiz, link


def _tag(text: str) -> str:
    return "_".join(str(text).split())


def _regions(G: Any, node: str) -> list[str]:
    """Regions a node sits in, with the wholes those belong to (tags: their order does not matter)."""
    out: dict[str, None] = {}
    for region, within in regions_within(G, node):
        out[region] = None
        out.update(dict.fromkeys(within))
    return list(out)


def tags_for(G: Any, nodes: list[str], *extra: str, cache: dict[str, list[str]] | None = None) -> list[str]:
    """``footback``, the extras, ``type::T`` of each node, ``region::R`` of where each sits.

    ``cache`` (one dict per deck) keeps each node's region tags, asked for by many notes.
    """
    tags = {"footback", *extra}
    for n in nodes:
        tags.add("type::" + _tag(G.nodes[n].get("type", "unknown")))
        if cache is None:
            tags.update("region::" + _tag(r) for r in _regions(G, n))
        else:
            if n not in cache:
                cache[n] = ["region::" + _tag(r) for r in _regions(G, n)]
            tags.update(cache[n])
    return sorted(tags)


def _source_html(G: Any, edges: list[dict[str, Any]]) -> str:
    """The sources of ``edges``, then how sure research is of each (its level and note)."""
    lines = ["Source: " + escape(s) for s in sources_of(G, edges)]
    for e in edges:
        ev = e.get("evidence")
        if ev:
            which = f" ({label(G, e['source'])} \u2192 {label(G, e['target'])})" if len(edges) > 1 else ""
            lines.append(f"How sure{escape(which)}: <b>{escape(ev['level'])}</b>. " + escape(ev.get("note", "")))
    return "<br>".join(lines)


def build_deck(G: Any) -> Any:
    """The genanki ``Deck`` for ``G`` (not yet written)."""
    import genanki

    from .quiz import all_questions

    quiz_model, link_model = _models()
    region_tags: dict[str, list[str]] = {}
    note_text = escape(disclaimer(G))
    title = about(G)["title"]
    deck = genanki.Deck(
        stable_id("footback deck v1"),
        DECK_NAME,
        description=escape(f"Questions and causal links from {title or 'a footback graph'}. {disclaimer(G)}"),
    )
    for q in all_questions(G, seed=0, per_kind=MAX_QUESTIONS_PER_KIND):
        edges = list(q.edges)
        nodes = list(dict.fromkeys([e["source"] for e in edges] + [e["target"] for e in edges]))
        choices = "".join(f"<li>{escape(label(G, c))}</li>" for c in q.choices)
        explanation = "<br>".join(escape(f"{label(G, e['source'])} \u2192 {label(G, e['target'])}: {e['note']}") for e in edges)
        deck.add_note(
            genanki.Note(
                model=quiz_model,
                fields=[
                    escape(q.prompt).replace("\n", "<br>"),
                    choices,
                    escape(f"{q.letter}) {label(G, q.answer_id)}"),
                    explanation,
                    _source_html(G, edges),
                    note_text,
                    escape(q.key),
                ],
                tags=tags_for(G, nodes, "quiz", "kind::" + q.kind, cache=region_tags),
                guid=genanki.guid_for("footback", "quiz", q.key),
            )
        )
    for u, v, rel, d in sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
        if rel != CAUSES:
            continue
        edge = edge_record(u, v, d, rel)
        deck.add_note(
            genanki.Note(
                model=link_model,
                fields=[
                    escape(label(G, u)),
                    escape(label(G, v)),
                    escape(edge["note"] or f"{label(G, u)} can lead to {label(G, v)}."),
                    _source_html(G, [edge]),
                    note_text,
                    escape(f"link:{u}/{v}"),
                ],
                tags=tags_for(G, [u, v], "link", cache=region_tags),
                guid=genanki.guid_for("footback", "link", u, v),
            )
        )
    return deck


def _timestamp() -> float:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return float(epoch) if epoch.isdigit() else time.time()


def write(G: Any, dest: Path, **options: Any) -> None:
    """Write the deck to ``dest`` as an ``.apkg`` package."""
    import genanki

    dest = Path(dest)
    raw = dest.with_name(dest.name + ".raw")
    try:
        genanki.Package(build_deck(G)).write_to_file(str(raw), timestamp=_timestamp())
        # genanki stamps zip entries with the current time; fix them.
        with zipfile.ZipFile(raw) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
            for info in sorted(src.infolist(), key=lambda i: i.filename):
                fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
                fixed.compress_type = zipfile.ZIP_DEFLATED
                fixed.external_attr = 0o644 << 16
                out.writestr(fixed, src.read(info.filename))
    finally:
        raw.unlink(missing_ok=True)
