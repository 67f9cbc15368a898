"""Stable anchors (docs/encoding.md, "Anchors"): a speech is sp-SPEAKER-N (its number among
that speaker's speeches), a paragraph in it SPEECH-pN, another paragraph p-N, an
xml:id wins. Unrelated insertions elsewhere must leave every existing anchor, and what
it points to, exactly as it was."""

from __future__ import annotations

import pytest

from tests.support import SEED
from tests.support import anchors, html_of

SEED_ANCHORS = {
    "sp-mao-1": "MAO ZEDONG proposes to discuss the sequence of the meetings and suggests the expediency of a small group meeting initially.",
    "sp-mao-1-p1": "MAO ZEDONG proposes to discuss the sequence of the meetings and suggests the expediency of a small group meeting initially.",
    "p-1": "They concur that Cdes. ⟨Comrades⟩ Khrushchev, Mao Zedong, Ponomarev, and Deng Xiaoping will take part in the conversation.",
    "sp-mao-2": "MAO ZEDONG expressed the view that after the small group meeting, they convene a larger group.",
    "sp-mao-2-p1": "MAO ZEDONG expressed the view that after the small group meeting, they convene a larger group.",
    "sp-khrushchev-1": "N.S. KHRUSHCHEV accepted the proposal.",
    "sp-khrushchev-1-p1": "N.S. KHRUSHCHEV accepted the proposal.",
}

FIRST_SP = '        <sp who="#mao">\n          <speaker>MAO ZEDONG</speaker>\n          <p>proposes'
KHRUSHCHEV_P = "<p>accepted the proposal.</p>"
NARRATIVE_P = "will take part in the conversation.</p>"


def test_the_seed_has_the_documented_anchors():
    assert anchors(html_of(SEED)) == SEED_ANCHORS


# each change is unrelated to the existing anchors, except the speech it edits (whose
# text, not anchor, may change): (old, new, anchors whose text may change)
CHANGES = {
    "a speech by another speaker before all others": (
        FIRST_SP, '        <sp who="#deng">\n          <speaker>DENG XIAOPING</speaker>\n          <p>opened the meeting.</p>\n        </sp>\n' + FIRST_SP, set()),
    "a paragraph at the end of another speech": (
        KHRUSHCHEV_P, KHRUSHCHEV_P + "\n          <p>He added a word of thanks.</p>", {"sp-khrushchev-1"}),
    "a narrative paragraph after the existing one": (
        NARRATIVE_P, NARRATIVE_P + "\n        <p>Tea was served.</p>", set()),
    "a speech by the same speaker after the existing ones": (
        KHRUSHCHEV_P + "\n        </sp>", KHRUSHCHEV_P + '\n        </sp>\n        <sp who="#mao"><speaker>MAO ZEDONG</speaker><p>agreed.</p></sp>', set()),
    "an edit inside another speech": (
        "accepted the proposal.", "accepted the proposal at once.", {"sp-khrushchev-1", "sp-khrushchev-1-p1"}),
    "a page break and a gap between speeches": (
        FIRST_SP, '        <pb n="44"/>\n        <gap reason="omitted" extent="one line"/>\n' + FIRST_SP, set()),
}


@pytest.mark.parametrize("what", sorted(CHANGES))
def test_unrelated_changes_leave_existing_anchors_in_place(what, variant):
    old, new, edited = CHANGES[what]
    doc = html_of(variant((old, new)))
    after = anchors(doc)
    assert set(SEED_ANCHORS) <= set(after), f"{what}: anchors lost: {sorted(set(SEED_ANCHORS) - set(after))}"
    moved = {a for a, t in SEED_ANCHORS.items() if after[a] != t and a not in edited}
    assert moved == set(), f"{what}: anchors now point elsewhere: {sorted(moved)}"
    transcript = " ".join(doc.xpath("string(//section[@id='transcript'])").split())
    assert transcript != " ".join(html_of(SEED).xpath("string(//section[@id='transcript'])").split()), \
        "the change did not reach the transcript: the test would test nothing"


def test_a_new_paragraph_in_a_speech_numbers_after_its_place(variant):
    """Only a paragraph added before it in the same speech moves a paragraph anchor."""
    after = anchors(html_of(variant(("<p>accepted", "<p>smiled.</p><p>accepted"))))
    assert after["sp-khrushchev-1-p1"] == "N.S. KHRUSHCHEV smiled."
    assert after["sp-khrushchev-1-p2"] == "accepted the proposal."
    assert {a: after[a] for a in SEED_ANCHORS if "khrushchev" not in a} == {
        a: t for a, t in SEED_ANCHORS.items() if "khrushchev" not in a}


PINNED = '<sp who="#mao" xml:id="mao-proposal">'


def test_what_moves_an_anchor_is_documented_and_xml_id_pins_it(variant):
    """A new speech by the same speaker before it renumbers that speaker's speeches
    (docs/encoding.md says so); an xml:id on the speech keeps its anchor, and its paragraphs'."""
    earlier = '        <sp who="#mao"><speaker>MAO ZEDONG</speaker><p>began.</p></sp>\n'
    moved = anchors(html_of(variant((FIRST_SP, earlier + FIRST_SP))))
    assert moved["sp-mao-2"] == SEED_ANCHORS["sp-mao-1"]
    assert moved["sp-khrushchev-1"] == SEED_ANCHORS["sp-khrushchev-1"]
    pinned_first = FIRST_SP.replace('<sp who="#mao">', PINNED)
    before = anchors(html_of(variant((FIRST_SP, pinned_first))))
    after = anchors(html_of(variant((FIRST_SP, earlier + pinned_first))))
    assert before["mao-proposal"] == after["mao-proposal"] == SEED_ANCHORS["sp-mao-1"]
    assert before["mao-proposal-p1"] == after["mao-proposal-p1"] == SEED_ANCHORS["sp-mao-1-p1"]


def test_a_generated_anchor_never_takes_an_id_the_document_uses(variant):
    doc = html_of(variant(("<p>They concur", '<p>They concur<anchor xml:id="p-1"/>')))
    ids = doc.xpath("//@id")
    assert ids.count("p-1") == 1
    assert doc.xpath("//p[@id='p-1-a']")
