"""The hardened door: where diagnostics point, and what it refuses (the catalogue is in test_hostile.py)."""

from __future__ import annotations

from edition.sources import parse


def test_positions_are_those_of_the_start_tags(tmp_path):
    """libxml2's sourceline is the line where a start tag ends; diagnostics point where it starts,
    and tell apart elements of the same name on one line (comments, CDATA and PIs may hold '<')."""
    path = tmp_path / "doc.xml"
    path.write_text('<?xml version="1.0"?>\n<!-- <p> -->\n<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <p\n'
                    '     n="1">a<![CDATA[<p>]]></p><p n="2"/> <p/><?pi <p>?>\n</TEI>\n', encoding="utf-8")
    source, problems = parse.load(path)
    assert problems == []
    assert [source.position(e) for e in source.root.iter() if isinstance(e.tag, str)] == [(3, 1), (4, 3), (5, 32), (5, 43)]


def test_crlf_and_a_bom_do_not_shift_positions(tmp_path):
    path = tmp_path / "doc.xml"
    path.write_bytes(b"\xef\xbb\xbf<TEI>\r\n  <p>x</p>\r\n</TEI>\r\n")
    source, problems = parse.load(path)
    assert problems == []
    assert source.position(source.root) == (1, 1)
    assert source.position(source.root[0]) == (2, 3)


XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'


def test_an_inclusion_with_a_fallback_is_not_followed_its_fallback_stands_in_its_place(tmp_path):
    """An XInclude is never followed (it would read another file); one with an xi:fallback builds
    with the fallback in its place, said as a warning at the inclusion."""
    (tmp_path / "other.xml").write_text("<p>never read</p>", encoding="utf-8")
    path = tmp_path / "doc.xml"
    path.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0" {XI}>\n  <p>before <xi:include href="other.xml">'
                    f"<xi:fallback>the <hi>fallback</hi> text</xi:fallback></xi:include> after</p>\n  <p n='2'/>\n</TEI>\n",
                    encoding="utf-8")
    source, problems = parse.load(path)
    assert [(d.code, d.line, d.column) for d in problems] == [("xinclude-fallback", 2, 13)]
    assert "other.xml" in problems[0].message and str(problems[0].severity) == "warning"
    first = source.root[0]
    assert "".join(first.itertext()) == "before the fallback text after"
    assert not [e for e in source.root.iter() if "XInclude" in str(e.tag)]
    assert "never read" not in "".join(source.root.itertext())
    assert source.position(source.root[1]) == (3, 3)  # the others' positions are still those in the file


def test_an_inclusion_without_a_fallback_is_refused_even_inside_a_fallback(tmp_path):
    path = tmp_path / "doc.xml"
    path.write_text(f'<TEI xmlns="http://www.tei-c.org/ns/1.0" {XI}>\n<xi:include href="a.xml"><xi:fallback>\n'
                    '  <xi:include href="b.xml"/></xi:fallback></xi:include>\n</TEI>\n', encoding="utf-8")
    source, problems = parse.load(path)
    assert source is None and [(d.code, d.line) for d in problems] == [("xinclude", 3)]
