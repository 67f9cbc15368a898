"""Speakers: the forms of turn labels, what is not a turn, and one person for all the spellings
of a speaker."""

from __future__ import annotations

import pytest

from edition.importer.speakers import compatible, match_turn, person_key

from .support import NS, import_fixture, xpath


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
