"""The Anki deck: open the package (a zip holding an SQLite collection) and check its cards."""

import json
import sqlite3
import zipfile

import pytest

from cli import cli
from graph.errors import EXIT_OK
from graph.exporters import export
from graph.teaching.quiz import all_questions
from tests import HEEL_SPUR, HIP_ACHE, LIMPING, NUMB_TOE


def read_package(path, tmp_path):
    """Notes (fields, tags, guid, note type name), cards, and the deck names of an .apkg."""
    with zipfile.ZipFile(path) as z:
        assert sorted(z.namelist()) == ["collection.anki2", "media"]
        assert json.loads(z.read("media")) == {}
        db = tmp_path / "collection.anki2"
        db.write_bytes(z.read("collection.anki2"))
    con = sqlite3.connect(db)
    try:
        models = json.loads(con.execute("select models from col").fetchone()[0])
        decks = json.loads(con.execute("select decks from col").fetchone()[0])
        notes = [
            {"guid": guid, "model": models[str(mid)]["name"], "fields": flds.split("\x1f"), "tags": tags.split()}
            for guid, mid, flds, tags in con.execute("select guid, mid, flds, tags from notes order by id")
        ]
        cards = con.execute("select nid, did from cards").fetchall()
    finally:
        con.close()
    return notes, cards, decks


@pytest.fixture
def stable_time(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def test_deck_cards(curated, tmp_path, stable_time):
    out = export(curated, "anki", tmp_path / "deck.apkg")
    notes, cards, decks = read_package(out, tmp_path)
    quiz = [n for n in notes if n["model"] == "footback multiple choice"]
    links = [n for n in notes if n["model"] == "footback causal link"]
    n_causes = sum(1 for *_, r in curated.edges(keys=True) if r == "causes")
    assert len(quiz) == len(all_questions(curated)) and len(links) == n_causes
    assert len(cards) == len(notes)  # one card per note, all in the footback deck
    deck_ids = {did for _, did in cards}
    assert len(deck_ids) == 1 and decks[str(deck_ids.pop())]["name"] == "footback: how foot and back problems link"

    link = next(n for n in links if n["fields"][-1] == "link:plantar-fasciitis/heel-pain")
    frm, to, note, source, disclaimer, _ = link["fields"]
    assert (frm, to) == ("Plantar fasciitis", "Heel pain")
    assert note == curated.edges["plantar-fasciitis", "heel-pain", "causes"]["note"]
    assert source.startswith('Source: The Link Between Foot and Back Pain, section "Plantar Fasciitis"<br>How sure: <b>established</b>. ')
    assert "not medical advice" in disclaimer
    assert {"footback", "link", "type::condition", "type::symptom", "region::heel", "region::foot", "region::plantar-fascia"} <= set(link["tags"])

    for n in quiz:
        assert "quiz" in n["tags"] and any(t.startswith("kind::") for t in n["tags"])
        question, choices, answer, explanation, source = n["fields"][:5]
        assert 2 <= choices.count("<li>") <= 4 and answer[:2] in ("a)", "b)", "c)", "d)")
        assert answer[3:] in choices and source.startswith("Source: ")


def test_note_identities_are_stable(curated, tiny, tmp_path, stable_time):
    a = read_package(export(curated, "anki", tmp_path / "a.apkg"), tmp_path)[0]
    b = read_package(export(curated, "anki", tmp_path / "b.apkg"), tmp_path)[0]
    assert [n["guid"] for n in a] == [n["guid"] for n in b]
    assert len({n["guid"] for n in a}) == len(a)
    assert (tmp_path / "a.apkg").read_bytes() == (tmp_path / "b.apkg").read_bytes()
    # A link keeps its identity when the rest of the graph changes.
    curated_guids = {n["fields"][-1]: n["guid"] for n in a}
    tiny_notes = read_package(export(tiny, "anki", tmp_path / "t.apkg"), tmp_path)[0]
    import genanki

    assert {n["fields"][-1]: n["guid"] for n in tiny_notes}[f"link:{HEEL_SPUR}/{LIMPING}"] == genanki.guid_for("footback", "link", HEEL_SPUR, LIMPING)
    assert curated_guids["link:plantar-fasciitis/heel-pain"] == genanki.guid_for("footback", "link", "plantar-fasciitis", "heel-pain")


def test_tiny_deck(tiny, tmp_path, stable_time):
    notes = read_package(export(tiny, "anki", tmp_path / "t.apkg"), tmp_path)[0]
    keys = sorted(n["fields"][-1] for n in notes if n["model"] == "footback causal link")
    assert keys == [f"link:{HEEL_SPUR}/{LIMPING}", f"link:{HEEL_SPUR}/{NUMB_TOE}", f"link:{LIMPING}/{HIP_ACHE}"]


def test_labels_are_escaped(tiny, tmp_path, stable_time):
    tiny.nodes[HEEL_SPUR]["label"] = "<script>alert(1)</script> & spur"
    notes = read_package(export(tiny, "anki", tmp_path / "t.apkg"), tmp_path)[0]
    text = "".join("".join(n["fields"]) for n in notes)
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; spur" in text


def test_a_field_separator_in_a_text_cannot_shift_a_notes_fields(tiny, tmp_path, stable_time):
    """Anki joins a note's fields with U+001F (issue 13.6)."""
    before = read_package(export(tiny, "anki", tmp_path / "a.apkg"), tmp_path)[0]
    tiny.nodes[HEEL_SPUR]["label"] = "Heel\x1fspur"
    for *_, d in tiny.edges(data=True):
        d["note"] = "a\x1fnote\x1f"
    after = read_package(export(tiny, "anki", tmp_path / "b.apkg"), tmp_path)[0]
    assert [len(n["fields"]) for n in after] == [len(n["fields"]) for n in before]
    assert [n["fields"][-1] for n in after] == [n["fields"][-1] for n in before]  # the keys stay last, in place
    text = "".join("".join(n["fields"]) for n in after)
    assert "Heel\u241fspur" in text and "a\u241fnote\u241f" in text


def test_cli_export_anki(runner, tmp_path):
    result = runner.invoke(cli, ["export", "anki", "-o", str(tmp_path / "deck.apkg")])
    assert result.exit_code == EXIT_OK, result.output
    assert result.output == f"wrote {tmp_path / 'deck.apkg'}\n"
    assert zipfile.is_zipfile(tmp_path / "deck.apkg")
