"""Helpers shared by the tests: where things are, running the command line in-process, reading
pages and text editions the way the tests check them, rendering one source with one stylesheet.

Imported as ``from tests.support import ...`` (fixtures live in conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree, html as lxml_html

from edition import cli
from edition.render import saxon
from edition.sources import parse
from edition.sources.parse import TEI_NS

ROOT = Path(__file__).resolve().parent.parent
#: The tool's tests use fixtures, never this repository's edition in tei/ (which may hold anything):
#: an edition of one document, a copy of the seed (Khrushchev and Mao at the Beijing airport).
TEI_DIR = ROOT / "tests" / "fixtures" / "seed"
SEED = TEI_DIR / "khrushchev-mao-1958-07-31-airport.xml"
SEED_ID = SEED.stem
SHARED = ROOT.parent / "shared"
SEED_PAGE = SHARED / "seeds" / "000_ec7246e2879919db.txt"
TEI_ALL = SHARED / "schemas" / "tei_all.rng"


def small_document(doc_id: str | None, words: str = "We met at the airport.", title: str | None = None) -> str:
    """A small valid TEI document (one speaker, one speech) whose words and title a test chooses;
    without ``doc_id`` it has no xml:id (its file name gives the document id)."""
    ident = f' xml:id="{doc_id}"' if doc_id else ""
    title = title or f"Record {doc_id or 'without id'}"
    return f"""<TEI xmlns="http://www.tei-c.org/ns/1.0"{ident}>
  <teiHeader>
    <fileDesc>
      <titleStmt><title>{title}</title></titleStmt>
      <publicationStmt><publisher>edition test suite</publisher></publicationStmt>
      <sourceDesc><p>Written for the test suite.</p></sourceDesc>
    </fileDesc>
    <profileDesc>
      <particDesc><listPerson><person xml:id="mao"><persName>Mao Zedong</persName></person></listPerson></particDesc>
    </profileDesc>
  </teiHeader>
  <text><body><div><sp who="#mao"><speaker>MAO ZEDONG</speaker><p>{words}</p></sp></div></body></text>
</TEI>
"""


def run_cli(capsys, *argv) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """The 1-based line on which ``needle`` occurs (the n-th time) in a file."""
    seen = 0
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        seen += line.count(needle)
        if seen >= occurrence:
            return i
    raise AssertionError(f"{needle!r} not in {path}")


def visible_text(html_path: Path) -> str:
    """What a reader sees: the page's text without scripts, styles and visually hidden alternatives."""
    doc = lxml_html.parse(str(html_path))
    for el in doc.xpath("//script | //style | //*[contains(concat(' ', @class, ' '), ' alt ')]"):
        el.drop_tree()
    return " ".join(doc.getroot().text_content().split())


def reading_text_of_tei(path: Path) -> str:
    """The TEI's reading text: printed forms (abbr, sic), supplied text in brackets, notes inline."""
    tree = etree.parse(str(path))
    t = f"{{{TEI_NS}}}"
    for el in list(tree.iter(t + "expan", t + "corr", t + "reg")):
        el.getparent().remove(el) if el.tail is None else _drop_keep_tail(el)
    for el in tree.iter(t + "supplied"):
        el.text = "[" + (el.text or "")
        if len(el):
            el[-1].tail = (el[-1].tail or "") + "]"
        else:
            el.text += "]"
    return " ".join("".join(tree.getroot().itertext()).split())


def _drop_keep_tail(el):
    parent, tail = el.getparent(), el.tail
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def text_edition_flat(path: Path) -> str:
    """The text edition as one line, editorial glosses ⟨…⟩ removed."""
    text = path.read_text(encoding="utf-8")
    return " ".join(re.sub(r" ?⟨[^⟩]*⟩", "", text).split())


# ------------------------------------------------------------------ rendering one source

FIXTURES = ROOT / "tests" / "fixtures" / "reading"
SIGNS = FIXTURES / "reading-signs.xml"
SIGNS_ID = SIGNS.stem


def render(path: Path, stylesheet: str, **params) -> str:
    """``path`` through the hardened parser, then ``stylesheet`` (no validation: the
    stylesheets must be safe on any tree the parser accepts)."""
    source, problems = parse.load(path, str(path))
    assert source is not None, problems
    return saxon.render(source.tree, stylesheet, {"document-id": source.doc_id or path.stem, **params})


def html_of(path: Path, **params):
    return lxml_html.document_fromstring(render(path, "html.xsl", **params))


def page(path: Path):
    return lxml_html.parse(str(path)).getroot()


def anchors(doc) -> dict[str, str]:
    """Each speech's and paragraph's anchor on a rendered page -> its text, normalised."""
    return {el.get("id"): " ".join(el.text_content().split())
            for el in doc.xpath("//section[@id='transcript']//*[self::div[@class='sp'] or self::p][@id]")}
