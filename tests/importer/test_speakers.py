"""Speakers: the forms of turn labels, what is not a turn, and one person for all the spellings
of a speaker."""

from __future__ import annotations

import pytest

from edition.importer import import_text
from edition.importer.speakers import compatible, known_speakers, match_turn, person_key

from tests.importer.support import NS, import_fixture, xpath


def test_speaker_spellings_become_one_person_each():
    imp = import_fixture("plain-colon-spellings.txt")
    speakers = {s.id: (s.name, s.labels) for s in imp.report.speakers}
    assert speakers == {
        "kovalenko": ("N.S. Kovalenko", ["N.S. Kovalenko", "KOVALENKO N.S.", "Kovalenko"]),
        "minh": ("Tran Van Minh", ["Ambassador Tran Van Minh", "Tran Van Minh", "Minh"]),
    }
    assert [sp.findtext("t:speaker", namespaces=NS) for sp in xpath(imp, "//t:sp")] == [
        "N.S. Kovalenko:", "Ambassador Tran Van Minh:", "KOVALENKO N.S.:", "Tran Van Minh:", "Kovalenko:", "Minh:"]


def test_stop_form_keeps_the_label_as_printed_and_brackets_as_supplied():
    imp = import_fixture("wilson-stop-form.txt")
    first = xpath(imp, "//t:sp")[0]
    assert first.findtext("t:speaker", namespaces=NS) == "ZHANG WEI."
    assert first.find("t:p/t:supplied", NS).text == "at the meeting in Shenyang"
    assert xpath(imp, "//t:sp[2]/t:p/t:supplied/text()") == ["u nas"]
    assert [i.line for i in imp.report.review if i.kind == "bracket"] == [11, 13]


@pytest.mark.parametrize("text, label, speaker, form", [
    ("MAO ZEDONG. In 1954 you asked us.", "MAO ZEDONG", "MAO ZEDONG.", "stop"),
    ("MAO ZEDONG proposes to discuss the agenda.", "MAO ZEDONG", "MAO ZEDONG", "run-in"),
    ("N.S. Khrushchev: We agree.", "N.S. Khrushchev", "N.S. Khrushchev:", "colon"),
    ("KHRUSHCHEV N.S.: We agree.", "KHRUSHCHEV N.S.", "KHRUSHCHEV N.S.:", "colon"),
    ("N.S. KHRUSHCHEV accepted the proposal.", "N.S. KHRUSHCHEV", "N.S. KHRUSHCHEV", "run-in"),
    ("Cde. Mao:", "Cde. Mao", "Cde. Mao:", "alone"),
    ("Q: When?", "Q", "Q:", "colon"),
    ("KHRUSHCHEV N.S. proposes to begin.", "KHRUSHCHEV N.S.", "KHRUSHCHEV N.S.", "run-in"),
    ("KHRUSHCHEV N.S. We agree.", "KHRUSHCHEV N.S.", "KHRUSHCHEV N.S.", "stop"),
    ("Prime Minister Pham (hereafter, Pham): We agree.", "Prime Minister Pham", "Prime Minister Pham (hereafter, Pham):", "colon"),
    ("N.S. Khrushchev (after the translation ended): Good.", "N.S. Khrushchev",
     "N.S. Khrushchev (after the translation ended):", "colon"),
])
def test_turn_forms(text, label, speaker, form):
    t = match_turn(text)
    assert (t.label, t.speaker, t.form) == (label, speaker, form)


@pytest.mark.parametrize("text", [
    "Present: Comrades Orlov and Li.", "Note: the text is damaged.", "USSR is ready.", "In Moscow: nothing new.",
    "They concur that the meeting is useful.", "The Chinese side: agreed.", "NATO is a threat to peace.",
    "I think so.", "TOP SECRET", "He said: no.",
])
def test_not_turns(text):
    assert match_turn(text) is None


def test_name_keys_group_spellings_and_keep_namesakes_apart():
    k = person_key
    assert k("KHRUSHCHEV N.S.") == k("N.S. Khrushchev") == (frozenset({"khrushchev"}), "ns")
    assert k("Comrade Mao Zedong")[0] == frozenset({"mao", "zedong"})
    assert compatible(k("Khrushchev"), k("N.S. Khrushchev"))
    assert not compatible(k("KIM IL SUNG"), k("KIM JONG IL"))
    assert not compatible(k("A.A. Gromyko"), k("B.N. Gromyko"))


@pytest.mark.parametrize("text", [
    "Agreed. We will meet tomorrow.", "Mr. Smith arrived late.", "St. Petersburg is far.", "Moscow. The talks resumed.",
    "RGANI. Collection 52. Inventory 1. File 498.", "Stalin. That name was on every lip.",
])
def test_title_case_and_archive_openings_are_not_turns_by_themselves(text):
    """A capitalised word and a full stop open sentences too: only the document can vouch for a title-case label."""
    assert match_turn(text) is None
    assert match_turn(text, known_speakers([text])) is None


# ---------------------------------------------------------------- the cases of issue 15

def test_title_case_labels_the_document_vouches_for_are_turns():
    """"Sobolev. Text" and " H. Weidner.  Text": the names are in the title and the Present line;
    "Agreed." (a word the document writes in lower case too), "Karlshorst." (a place, once, named
    nowhere else) and "Sobolev said ..." (a sentence that opens with a name) are not turns."""
    imp = import_fixture("plain-titlecase-stop.txt")
    assert [(sp.get("who"), sp.findtext("t:speaker", namespaces=NS)) for sp in xpath(imp, "//t:sp")] == [
        ("#sobolev", "Sobolev."), ("#weidner", "H. Weidner."), ("#sobolev", "Sobolev."), ("#weidner", "Weidner.")]
    speeches = [" ".join("".join(p.itertext()).split()) for p in xpath(imp, "//t:sp/t:p")]
    assert speeches[1] == "The journey was good. Our delegation thanks you for the reception."
    assert any(s.startswith("Agreed. That is,") for s in speeches)
    assert any(s.startswith("Karlshorst. The talks") for s in speeches)
    assert any(s.startswith("Sobolev said that") for s in speeches)
    # the uncertain one is said, at its line; the word that is a word is not
    assert [(i.line, i.text) for i in imp.report.review if i.kind == "label-uncertain"] == [(15, "Karlshorst")]


def test_a_title_case_label_twice_and_never_a_word_is_vouched_for():
    text = ("Talks on the harbour\n\nMr. Lindqvist: Welcome.\n\nOrtega. Thank you.\n\nLindqvist: Shall we begin?\n\n"
            "Ortega. Yes, with the cranes.\n\nGood. Then the cranes.\n\nGood. The good cranes are ready.\n")
    known = known_speakers([t for t in text.split("\n") if t])
    assert frozenset({"ortega"}) in known  # twice, never in lower case
    assert frozenset({"good"}) not in known  # twice, but also a word of the text ("good cranes")
    imp = import_text(text, source="harbour.txt")
    assert {s.id: s.turns for s in imp.report.speakers} == {"lindqvist": 2, "ortega": 2}


def test_labels_that_define_a_short_form_and_labels_with_a_stage_note():
    imp = import_fixture("plain-defined-labels.txt")
    assert [(sp.get("who"), sp.findtext("t:speaker", namespaces=NS)) for sp in xpath(imp, "//t:sp")] == [
        ("#hai", "Prime Minister Tran Quoc Hai (hereafter, Hai):"),
        ("#robert-ainsley", "Ambassador Robert L. Ainsley (hereafter, the Ambassador):"),
        ("#hai", "Hai:"),
        ("#robert-ainsley", "The Ambassador (after a pause):"),
        ("#hai", "Hai (smiling):")]
    assert {s.id: (s.name, s.labels) for s in imp.report.speakers} == {
        "hai": ("Tran Quoc Hai", ["Prime Minister Tran Quoc Hai", "Hai"]),
        "robert-ainsley": ("Robert L. Ainsley", ["Ambassador Robert L. Ainsley", "The Ambassador"])}
    assert [(i.kind, i.text) for i in imp.report.recognised if i.kind in ("short form", "stage note in a label")] == [
        ("short form", "Hai"), ("short form", "the Ambassador"),
        ("stage note in a label", "(after a pause)"), ("stage note in a label", "(smiling)")]


def test_a_short_form_is_only_a_speaker_where_a_label_defined_it():
    text = "Talks\n\nThe Chinese side: agreed.\n\nKIM: Good.\n\nLI: Yes.\n"
    assert {s.id for s in import_text(text).report.speakers} == {"kim", "li"}


def test_reported_speech_with_the_name_first_and_its_initials_after():
    imp = import_fixture("reported-name-first.txt")
    assert [(sp.get("who"), sp.findtext("t:speaker", namespaces=NS), "".join(sp.find("t:p", NS).itertext())[:20])
            for sp in xpath(imp, "//t:sp")] == [
        ("#belov", "BELOV P.I.", "proposes to begin wi"), ("#li-dongming", "LI DONGMING", "agrees and says that"),
        ("#belov", "BELOV P.I.:", "The list has reached"), ("#li-dongming", "LI DONGMING:", "May I ask why?"),
        ("#belov", "BELOV P.I.", "explains that two of"), ("#belov", "BELOV P.I.", "Their papers will be")]
