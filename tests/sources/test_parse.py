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
