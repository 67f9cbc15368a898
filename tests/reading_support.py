"""Helpers for the reading-edition tests (tests/test_reading_*.py): render one source with
one stylesheet in this process (the compiled stylesheets are shared by the session), and
read the pages the way the tests check them."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from conftest import ROOT
from edition.sources import parse
from edition.render import saxon as transform

FIXTURES = ROOT / "tests" / "fixtures" / "reading"
SIGNS = FIXTURES / "reading-signs.xml"
SIGNS_ID = SIGNS.stem


def render(path: Path, stylesheet: str, **params) -> str:
    """``path`` through the hardened parser, then ``stylesheet`` (no validation: the
    stylesheets must be safe on any tree the parser accepts)."""
    source, problems = parse.load(path, str(path))
    assert source is not None, problems
    return transform.render(source.tree, stylesheet, {"document-id": source.doc_id or path.stem, **params})


def html_of(path: Path, **params):
    return lxml_html.document_fromstring(render(path, "html.xsl", **params))


def page(path: Path):
    return lxml_html.parse(str(path)).getroot()


def anchors(doc) -> dict[str, str]:
    """Each speech's and paragraph's anchor on a rendered page -> its text, normalised."""
    return {el.get("id"): " ".join(el.text_content().split())
            for el in doc.xpath("//section[@id='transcript']//*[self::div[@class='sp'] or self::p][@id]")}
