"""What the importer's tests share (besides tests/support.py): where the fixtures are, and how to
check that nothing of the input is lost (in the TEI, and in the text edition a build writes)."""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from edition.render import saxon as transform
from edition.importer import Imported, import_text
from edition.importer.citations import derived_texts
from edition.importer.layout import PAGE_NUMBER, clean_lines
from edition.importer.regions import CHROME_LINES, INFO_LABELS, RELATED_HEADING, SECTION_HEADINGS
from edition.importer.report import Report
from edition.sources.parse import TEI_NS
from tests.support import ROOT, visible_text

FIXTURE_DIR = ROOT / "tests" / "fixtures" / "import"
NS = {"t": TEI_NS}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
page_text = visible_text  # what a reader sees on an HTML page


def import_fixture(name: str) -> Imported:
    """The draft of tests/fixtures/import/NAME."""
    return import_text((FIXTURE_DIR / name).read_text(encoding="utf-8"), source=name)


def xpath(imported: Imported, path: str):
    return imported.tree.getroot().xpath(path, namespaces=NS)


# ---------------------------------------------------------------- nothing lost

MARKER = re.compile(r"\[\d{1,3}\]")


def tokens(text: str) -> list[str]:
    text = MARKER.sub(" ", text.casefold()).replace("[", " ").replace("]", " ")
    return re.findall(r"\w+|[^\w\s]", text)


def tei_text(tree: etree._ElementTree) -> str:
    return " ".join(tree.getroot().itertext()) + " " + " ".join(derived_texts(tree))


def kept_lines(text: str, report: Report) -> dict[int, str]:
    """The input's lines that must reach the TEI: all but the chrome, repeats and page numbers the report lists."""
    lines = clean_lines(text)
    allowed_chrome = CHROME_LINES | INFO_LABELS | SECTION_HEADINGS | {RELATED_HEADING}
    drop = set()
    for item in report.chrome:
        printed = " ".join(lines[item.line - 1].split())
        assert printed == item.text, f"line {item.line} reported as chrome is {printed!r}, not {item.text!r}"
        assert item.text.lower().rstrip(":") in allowed_chrome, f"line {item.line}: {item.text!r} is not chrome"
        drop.add(item.line)
    for item in report.repeats:
        assert " ".join(lines[item.line - 1].split()) == item.text
        drop.add(item.line)
    for item in report.consumed:
        if item.kind == "page-number":
            assert PAGE_NUMBER.match(" ".join(lines[item.line - 1].split()))
            drop.add(item.line)
    return {n: line for n, line in enumerate(lines, start=1) if n not in drop and line.strip()}


def assert_no_text_lost(text: str, imported: Imported) -> None:
    """Every word and sign of every kept line is in the TEI (as text, or as structure the edition prints back)."""
    report = imported.report
    wanted = Counter(t for line in kept_lines(text, report).values() for t in tokens(line))
    for item in report.consumed:
        if item.kind == "connector":
            assert item.text in ("and", "."), item
            wanted[item.text] -= 1
    for item in report.repeats:
        assert item.text.casefold() in " ".join(tei_text(imported.tree).split()).casefold()
    have = Counter(tokens(tei_text(imported.tree)))
    missing = {t: n for t, n in (wanted - have).items() if n > 0}
    assert not missing, f"text lost: {missing}"


def text_edition(tree: etree._ElementTree) -> str:
    """The plain-text edition of a draft, as one line, editorial glosses ⟨…⟩ removed."""
    txt = transform.render(tree, "text.xsl", {"document-id": tree.getroot().get(XML_ID)})
    return " ".join(re.sub(r" ?⟨[^⟩]*⟩", "", txt).split())


def assert_lines_reach_text_edition(text: str, imported: Imported) -> None:
    """Each kept input line, as printed (note numbers aside), is in the plain-text edition a build would write."""
    # an unmarked note placed after another shows as two markers in a row: one marker, for comparison
    runs = lambda t: re.sub(r"(?:\[#\])+", "[#]", MARKER.sub("[#]", t))
    flat = runs(text_edition(imported.tree)).casefold()
    r = imported.report
    # a line holding a citation and credits, or two credits joined by "and", is printed as its parts
    split = {i.line for i in r.consumed if i.kind == "connector"} | {
        c.line for c in r.citation if any(i.line == c.line and i.kind == "credits" for i in r.recognised)}
    # a paragraph of turns and notes that ran together is printed as the turns and notes it held
    run_together = {i.line for i in r.review if i.kind == "run-together"}
    for n, line in kept_lines(text, r).items():
        if n in run_together:
            for part in re.split(r"\[\d{1,3}\]", " ".join(line.split())):
                for piece in re.split(r"(?<=[.!?])\s+", part.strip()):
                    assert piece.casefold() in flat or not piece, f"line {n}: {piece!r} not in the text edition"
            continue
        if n in split:
            parts = [c.text for c in r.citation if c.line == n] + [i.text for i in r.recognised if i.line == n and i.kind == "credits"]
            assert parts
            for part in parts:
                assert part.casefold() in flat, f"line {n}: {part!r} not in the text edition"
            continue
        line = runs(" ".join(line.split())).casefold()
        assert line in flat, f"line {n} not in the text edition: {line!r}"
