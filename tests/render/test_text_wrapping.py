"""The text edition wraps paragraphs the way it always has, now that wrapping no longer uses
a regular expression: greedy lines of at most 72 characters, a word longer than a line whole
on a line of its own, the edition ending in exactly one newline. The expected lines come from
the regular expression the stylesheet used before (re.sub here), applied to the same words.
Footnotes keep the numbers counting gave them, now that they are computed once per document."""

from __future__ import annotations

import re

from lxml import etree

from edition.sources import parse

from edition.render import saxon as transform


def regex_lines(text: str, room: int = 72) -> list[str]:
    broken = re.sub(r"(.{1,%d})( |$)" % max(room, 20), "\\1\n", " ".join(text.split()))
    return [" ".join(l.split()) for l in broken.split("\n") if l.strip()]


WORDS = ("a " * 3 + "x" * 71 + " bb " + "y" * 72 + " c " + "z" * 73 + " dd ee " + "w" * 150
         + " ff " + " ".join("word%d" % i * (i % 4 + 1) for i in range(120)) + " " + "q" * 80)


def render_text(path):
    source, diagnostics = parse.load(path)
    assert source is not None, diagnostics
    return transform.render(source.tree, "text.xsl", {"document-id": source.path.stem})


def test_a_long_paragraph_wraps_as_the_regular_expression_did(variant):
    path = variant(("<p>At the airport in Beijing, Mao and Khrushchev agree on how to organize their meetings over the next several days.</p>",
                    f"<p>{WORDS}</p>"))
    out = render_text(path)
    expected = regex_lines(WORDS)
    assert any(len(l) > 72 for l in expected), "the fixture has words longer than a line"
    lines = out.split("\n")
    start = lines.index(expected[0])
    assert lines[start:start + len(expected)] == expected
    assert lines[start + len(expected)] == ""
    # words longer than a line stay whole, alone on their line
    for word in ("x" * 71, "y" * 72, "z" * 73, "w" * 150, "q" * 80):
        assert any(word in l for l in lines[start:start + len(expected)])
    assert "z" * 73 in lines and "w" * 150 in lines


def test_the_edition_ends_in_one_newline_whatever_whitespace_the_source_ends_with(variant):
    # trailing blanks of every kind XPath's \s knows (space, tab, CR as a character reference, LF)
    path = variant(("</licence>", "</licence>" + "<p>last words" + " \t&#13;\n" * 40 + "</p>"))
    out = render_text(path)
    assert out.endswith("last words\n")


def test_footnotes_are_numbered_in_document_order_nested_ones_included(variant):
    # note numbers now come from a map computed once per document: same numbers as counting
    inner = '<note type="editorial" n="x">inner</note>'
    notes = "".join(f'<note type="editorial" n="{i}">Note {i}{inner if i == 3 else ""}.</note>' for i in range(2, 6))
    path = variant(('Written in pencil.</note></dateline>', f'Written in pencil.</note> in Beijing{notes}</dateline>'))
    out = render_text(path)
    assert "July 31, at the airport[1] in Beijing[2][3][5][6]" in out
    assert "[3] Note 3[4].\n" in out and "[4] inner\n" in out and "[6] Note 5.\n" in out
    html = etree.fromstring(transform.render(parse.load(path)[0].tree, "html.xsl", {"document-id": path.stem}).encode(),
                            etree.HTMLParser())
    assert html.xpath("//li[starts-with(@id, 'note-')]/@value") == ["1", "2", "3", "4", "5", "6"]
