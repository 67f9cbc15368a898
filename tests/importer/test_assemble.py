"""The draft's tree: where what the reader found goes (closing narration, the publication
statement, leftovers of a web page)."""

from __future__ import annotations

import pytest
from lxml import etree

from edition.importer import import_text

from tests.importer.support import import_fixture, text_edition, xpath


def test_closing_narration_is_not_the_last_speech():
    """"The conversation lasted two hours." and "Recorded by ..." after the last turn were put inside it."""
    text = ("Record of Conversation with V.A. Grishin, 2 February 1961\n\nGRISHIN: We have read your note.\n\n"
            "NOVAK: Then you know our position.\n\nGRISHIN: We do. We will answer in writing.\n\n"
            "The conversation lasted two hours.\n\nRecorded by V. Petrov\n")
    imp = import_text(text, source="grishin.txt")
    div = xpath(imp, "//t:div[@type='transcript']")[0]
    assert [etree.QName(c).localname for c in div] == ["sp", "sp", "sp", "p", "closer"]
    assert xpath(imp, "string(//t:sp[3])").split() == ["GRISHIN:", "We", "do.", "We", "will", "answer", "in", "writing."]
    assert xpath(imp, "string(//t:div[@type='transcript']/t:p)") == "The conversation lasted two hours."
    assert xpath(imp, "string(//t:closer/t:signed)") == "Recorded by V. Petrov"
    assert "continuation" not in {i.kind for i in imp.report.review}
    # the same words inside a speech, before its end, are the speaker's
    text = text.replace("GRISHIN: We do.", "GRISHIN: The conversation lasted two hours last time.\n\nGRISHIN: We do.")
    assert xpath(import_text(text), "count(//t:sp)") == 4


def test_closing_narration_after_reported_speech():
    imp = import_fixture("reported-name-first.txt")
    div = xpath(imp, "//t:div[@type='transcript']")[0]
    assert etree.QName(div[-1]).localname == "p"
    assert div[-1].text == "After this the conversation turned to the summer timetable of the trains."


def test_a_plain_transcript_is_not_published_by_unpublished_draft():
    """The draft said <authority>Unpublished draft</authority>, which the edition printed as
    "Published by Unpublished draft"; a statement in prose is printed as it is."""
    imp = import_fixture("plain-turns-only.txt")
    assert xpath(imp, "string(//t:publicationStmt/t:p)") == "Unpublished draft."
    assert not xpath(imp, "//t:publicationStmt/t:authority")
    printed = text_edition(imp.tree)
    assert "Unpublished draft." in printed and "Published by" not in printed
    # a page of the archive still says who published it
    assert "Published by Wilson Center Digital Archive" in text_edition(import_fixture("wilson-seedlike.txt").tree)


def test_a_web_pages_hidden_address_is_kept_and_listed_for_review():
    """"[email protected]" is what a web page shows for an e-mail address it hides: copied into
    the rights without a review item before."""
    imp = import_fixture("wilson-email-rights.txt")
    assert "write to [email protected]." in xpath(imp, "string(//t:availability)")
    items = [i for i in imp.report.review if i.kind == "web-leftover"]
    assert [(i.line, i.text) for i in items] == [(17, "[email protected]")]
    assert "the address is not in the text" in items[0].message


@pytest.mark.parametrize("title", ["LPT0", "Con", "Index", "PERSONS", "aux.draft", "x" * 400])
def test_an_id_made_from_the_title_can_name_the_output_files_everywhere(title):
    """The id of a draft without -o comes from its title: never a Windows device name, an edition page's
    name in any case, or longer than file names allow (edition validate refuses those ids)."""
    from edition.importer.ids import default_id
    from edition.render import formats

    assert formats.safe_name(default_id(title, None, []))
