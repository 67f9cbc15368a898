"""The words check (edition/render/words.py): where a word begins and ends in a TEI source, as the
formats render it; a word an output lacks is an error at the element that holds it; the HTML's text
is what a reader is given; what is deliberately not shown is not looked for, and is not shown."""

from __future__ import annotations

from lxml import etree

from edition.render import words
from tests.support import ROOT, render

TEI = "http://www.tei-c.org/ns/1.0"
MISCELLANY = ROOT / "tests" / "fixtures" / "anytei" / "miscellany.xml"


def document(body: str, header: str = "") -> etree._Element:
    return etree.fromstring(f"""<TEI xmlns="{TEI}"><teiHeader><fileDesc><titleStmt><title>T</title>{header}</titleStmt>
      <publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc>
      <revisionDesc><change>an unshown revision</change></revisionDesc></teiHeader>
      <text><body>{body}</body></text></TEI>""".encode())


def source_words(root) -> set[str]:
    return set(words.words(words._fold(words._text(words.parts(root)).text)))


def position(el):
    return el.sourceline or 0, 1


def test_a_line_break_inside_a_word_joins_it_and_the_layout_around_it():
    found = source_words(document("<p>he medi\n      <lb break='no'/>tate<hi>s</hi> long</p>"))
    assert "meditates" in found and "medi" not in found


def test_a_page_or_column_break_inside_a_word_is_shown_there_and_the_word_checked_as_its_parts():
    found = source_words(document("<p>the fami<pb n='2' break='no'/>ly and col<cb n='b' break='no'/>umn</p>"))
    assert {"fami", "ly", "col", "umn"} <= found


def test_the_alternatives_of_a_choice_are_words_of_their_own():
    found = source_words(document("<p>the <choice><sic>teh</sic><corr>the</corr></choice> and "
                                  "<choice><abbr>Cde</abbr><expan>Comrade</expan></choice>s</p>"))
    assert {"teh", "the", "cde", "comrade"} <= found and "tehthe" not in found


def test_markup_inside_a_word_does_not_split_it():
    found = source_words(document("<p><hi rend='bold'>A</hi>bc and Cde<persName>s</persName></p>"))
    assert {"abc", "cdes"} <= found


def test_the_parts_of_an_element_made_only_of_parts_are_words_apart():
    found = source_words(document("<p><persName><surname>Heer</surname><forename>Alfred</forename></persName></p>"))
    assert {"heer", "alfred"} <= found and "heeralfred" not in found


def outputs(html_body: str, text: str) -> dict[str, str]:
    return {"html": words._fold(words.html_text(f"<html><body><main>{html_body}</main></body></html>")),
            "text": words._fold(text)}


def both(text: str) -> dict[str, str]:
    """The same text in both formats."""
    return outputs(f"<p>{text}</p>", text)


def test_a_missing_word_is_an_error_that_names_the_element_its_line_and_the_format():
    root = document("<p>the first paragraph</p>\n<p>a second with\n  <hi>unusual</hi> words</p>")
    found = words.lost(root, outputs("<p>T S the first paragraph</p><p>a second with words</p>",
                                     "T S the first paragraph a second with unusual words"), "doc.xml", position)
    assert [(d.code, d.line) for d in found] == [("text-lost", root.find(f".//{{{TEI}}}p[2]").sourceline)]
    assert "words of <p>" in found[0].message and "the HTML edition lacks 'unusual'" in found[0].message
    assert "text edition" not in found[0].message


def test_a_word_lost_once_of_several_times_is_found_where_its_context_is_missing():
    root = document("<p>keep the word here</p>\n<div><p>and the word there</p></div>")
    found = words.lost(root, both("T S keep the word here and the there"), "doc.xml", position)
    assert len(found) == 1 and found[0].line == root.find(f".//{{{TEI}}}div/{{{TEI}}}p").sourceline
    assert "the HTML edition lacks 'word'; the text edition lacks 'word'" in found[0].message


def test_a_word_beside_a_sign_of_the_edition_is_found():
    root = document("<p>a word<note>with a note</note> and <supplied>more</supplied>s</p>")
    html = '<p>T S a word<sup class="noteref"><a>1</a></sup> and <span>[more]</span>s</p><ol><li>with a note</li></ol>'
    assert words.lost(root, outputs(html, "T S a word[1] and [more]s [1] with a note"), "doc.xml", position) == []


def test_the_html_s_text_is_what_a_reader_is_given():
    page = """<html><head><title>hidden title</title><script>var scripted;</script></head><body>
      <p>first<br>line</p><div>block</div><div>end</div><span hidden>concealed</span>
      <span class="lineno">5</span>verse <img alt="described image" src="x.png"><sup class="appref">a</sup></body></html>"""
    text = words.html_text(page).split()
    assert text == ["first", "line", "block", "end", "verse", "described", "image"]


def test_the_parts_of_the_header_the_page_shows_are_checked_the_others_not():
    root = document("<p>body text</p>", header="<title type='sub'>A subtitle</title>")
    found = words.lost(root, both("T body text P S"), "doc.xml", position)
    assert len(found) == 1 and "'subtitle'" in found[0].message and "revision" not in found[0].message


def test_what_is_not_shown_is_not_looked_for_and_not_shown():
    """docs/encoding.md, "What is not shown": an index entry's terms, binary data."""
    root = document("<p>An entry<index><term>indexterm</term></index> here <binaryObject>QUJD</binaryObject>.</p>")
    assert {"indexterm", "qujd"}.isdisjoint(source_words(root))
    assert set(words.NOT_SHOWN) == {f"{{{TEI}}}index", f"{{{TEI}}}binaryObject"}
    assert all(reason for reason in words.NOT_SHOWN.values())
    text, page = render(MISCELLANY, "text.xsl"), render(MISCELLANY, "html.xsl")
    assert "An index entry stays out of the text." in " ".join(text.split())
    assert "entry, index" not in text and "entry, index" not in page
