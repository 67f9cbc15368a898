"""Layout: wrapped lines joined into paragraphs, page numbers as page breaks, a title's date on a line of its
own, a conversation run into one paragraph split into its turns."""

from __future__ import annotations

import pytest

from edition.importer import import_text

from tests.importer.support import NS, import_fixture, xpath


def test_ocr_page_number_becomes_a_page_break_and_lines_are_unwrapped():
    imp = import_fixture("ocr-typescript.txt")
    assert xpath(imp, "//t:pb/@n") == ["2"]
    first = xpath(imp, "//t:sp[1]/t:p")[0]
    assert "".join(first.xpath("text()")).startswith("I have been instructed to inform you that the Soviet government agrees")
    assert first.find("t:note", NS).get("n") == "1"
    # note [3] has no marker: it follows note 2; [4] has no note text and stays as printed
    assert [n.get("n") for n in xpath(imp, "//t:sp[2]/t:p/t:note")] == ["2", "3"]
    assert "[4]" in xpath(imp, "string(//t:sp[4]/t:p)")
    assert xpath(imp, "//t:div[@type='transcript']/t:p/text()")[:2] == ["TOP SECRET", "Copy No. 2"]


def test_a_title_with_its_date_on_the_next_line_is_a_title_and_a_date():
    """No blank line between them: the date was appended to the title and no date was encoded."""
    imp = import_fixture("title-date-no-blank.txt")
    assert xpath(imp, "string(//t:titleStmt/t:title)") == (
        "Record of Conversation between Comrade A.N. Dubrovin and the Finnish Trade Delegation")
    assert xpath(imp, "//t:creation/t:date/@when") == ["1956-11-17"]
    assert imp.report.date.line == 2
    assert "date-from-title" not in {i.kind for i in imp.report.review}


def test_wrapped_prose_that_mentions_a_date_stays_one_paragraph():
    text = ("Talks\n\nKIM: The delegation arrived in the morning and the talks about the harbour began\n"
            "on 17 November 1956 at the ministry, after a short break.\n\nLI: Yes.\n")
    imp = import_text(text)
    assert xpath(imp, "string(//t:sp[1]/t:p)").endswith("began on 17 November 1956 at the ministry, after a short break.")


def test_a_conversation_run_into_one_paragraph_is_split_at_its_labels_and_notes():
    """A PDF export: every turn, marker and note in one paragraph; split where a label (or, after the
    last turn, a note's number whose marker came before) follows the end of a sentence."""
    imp = import_fixture("pdf-one-paragraph.txt")
    assert [(sp.findtext("t:speaker", namespaces=NS), "".join(sp.find("t:p", NS).xpath("text()")))
            for sp in xpath(imp, "//t:sp")] == [
        ("KOVALENKO:", "Welcome, comrade Ambassador. I hope the journey was not too tiring."),
        ("TRAN VAN MINH:", "Thank you. The journey was long, but the reception here makes up for it."),
        ("KOVALENKO:", "Let us turn to the question of the rice deliveries for the second quarter."),
        ("TRAN VAN MINH:", "Our government asks for a delay of one month. The floods in the delta have cut the roads."),
        ("KOVALENKO:", "We will consider it. I cannot promise more today.")]
    assert [n.text for n in xpath(imp, "//t:sp/t:p/t:note")] == [
        "The ambassador had arrived the same morning.", "The delay was granted on 20 May."]
    assert [(i.line, i.kind) for i in imp.report.review if i.kind == "run-together"] == [(3, "run-together")]


@pytest.mark.parametrize("speech", [
    # one label inside a speech, and a speaker who is not heard twice: a quotation, not turns run together
    "KIM: We read the minister's letter twice. It said what we expected. LI: the answer is no. We accept that. "
    "The rest of the letter concerns the harbour and the cranes, which are not ready yet, as we knew.",
    "KIM: I asked him in Moscow what he thought. He said: no. I asked again. He said: perhaps. Then we spoke of "
    "the weather, and of the harvest, which was poor that year in the north of the country, as everyone knew.",
])
def test_a_long_speech_is_not_split_without_signs_of_a_conversation(speech):
    imp = import_text(f"Talks\n\n{speech}\n\nLI: Yes.\n")
    assert imp.report.turns == 2
    assert "run-together" not in {i.kind for i in imp.report.review}
