"""A page per register entry when a register page would be too long (render.pages.ENTRY_PAGES_FROM):
the register pages become indexes, each entry has its own page, the document pages link to it; the
output is the same whatever --jobs, and an incremental build that crosses the threshold (either way)
writes what a fresh build of the same sources writes, and leaves nothing of the other side behind.

The threshold is lowered for these tests (the fixture edition is small); where it lies is measured
by bench/page_weight.py (docs/encoding.md, "Large editions: a page per entry")."""

from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from edition import cli
from edition.builder.output import DIRTY, LOCK, MANIFEST
from edition.render import pages
from tests.support import ROOT, page

FIXTURE = ROOT / "tests" / "fixtures" / "places"
#: the fixture's places page holds 20 items (6 entries, 14 documents and mentions under them), its
#: persons page 11; a third document (THIRD) adds 8 to the places page
THRESHOLD = 25
THIRD = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="third">
  <teiHeader>
    <fileDesc>
      <titleStmt><title>A Third Record, July 1, 1961</title></titleStmt>
      <publicationStmt><publisher>edition test suite</publisher></publicationStmt>
      <sourceDesc><p>Written for the test suite.</p></sourceDesc>
    </fileDesc>
    <profileDesc><creation><date when="1961-07-01">July 1, 1961</date></creation></profileDesc>
  </teiHeader>
  <text>
    <body>
      <div><p>From <placeName ref="registers/places.xml#vienna">Vienna</placeName> to
        <placeName ref="registers/places.xml#Geneva">Geneva</placeName> by way of
        <placeName ref="registers/places.xml#schoenbrunn">Schönbrunn</placeName>, for the
        <orgName ref="registers/orgs.xml#un">UN</orgName>.</p></div>
    </body>
  </text>
</TEI>
"""
BOOKKEEPING = {MANIFEST, LOCK, DIRTY}


@pytest.fixture(autouse=True)
def low_threshold(monkeypatch):
    monkeypatch.setattr(pages, "ENTRY_PAGES_FROM", THRESHOLD)


def sources(tmp_path: Path, third: bool) -> Path:
    src = tmp_path / "tei"
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(FIXTURE, src)
    if third:
        (src / "third.xml").write_text(THIRD, encoding="utf-8")
    return src


def build(src: Path, out: Path, *more: str) -> None:
    assert cli.main(["build", str(src), "--out", str(out), *more]) == 0


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.relative_to(out).as_posix() not in BOOKKEEPING}


def entry_files(out: Path) -> list[str]:
    return sorted(rel for rel in files(out) if rel.split("/")[:2] in (["html", "persons"], ["html", "places"],
                                                                      ["html", "orgs"]))


def test_above_the_threshold_each_entry_has_its_page_and_every_link_leads_to_it(tmp_path):
    out = tmp_path / "out"
    build(sources(tmp_path, third=True), out)
    assert entry_files(out) == [
        "html/orgs/un.html", "html/persons/gromyko.html", "html/persons/k.html", "html/persons/kennedy.html",
        "html/places/embassy.html", "html/places/nowhere.html",
        "html/places/schoenbrunn.html", "html/places/vienna.html", "html/places/~geneva.html"]
    index = page(out / "html" / "places.html")
    assert index.xpath("//ul[@class='entity-index']/li/a/@href")[:2] == ["places/~geneva.html", "places/schoenbrunn.html"]
    assert index.xpath("//li[@id='place-vienna']//span[@class='entity-counts']/text()") == ["In 3 documents: 3 mentions."]
    assert not index.xpath("//ul[@class='entry-documents']"), "the index lists no passages"
    vienna = page(out / "html" / "places" / "vienna.html")
    assert vienna.xpath("//h1/text()") == ["Vienna"]
    assert vienna.xpath("//ul[@class='entry-documents']/li/p/a/@href") == [
        "../letter.html", "../summit.html", "../third.html"]
    summit = page(out / "html" / "summit.html")
    assert summit.xpath("//a[@class='placeName']/@href")[:2] == ["places/schoenbrunn.html", "places/vienna.html"]
    assert summit.xpath("//ul[@class='participants']//a/@href") == ["persons/k.html", "persons/kennedy.html"]
    # every link of every page reaches a file, and its anchor
    html = out / "html"
    for path in html.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        for href in page(path).xpath("//a/@href"):
            parts = urlsplit(href)
            if parts.scheme:
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file(), (path.name, href)
            if parts.fragment:
                assert page(target).xpath(f"//*[@id='{parts.fragment}']"), (path.name, href)


def test_the_same_output_whatever_the_jobs(tmp_path):
    src = sources(tmp_path, third=True)
    build(src, tmp_path / "one", "--jobs", "1")
    build(src, tmp_path / "two", "--jobs", "2")
    assert files(tmp_path / "one") == files(tmp_path / "two")
    assert entry_files(tmp_path / "two")


def test_an_incremental_build_across_the_threshold_equals_a_fresh_one(tmp_path):
    out = tmp_path / "out"
    build(sources(tmp_path, third=False), out)
    assert entry_files(out) == [], "below the threshold: one page"
    below = files(out)
    # up: a document more takes the places page over the threshold
    src = sources(tmp_path, third=True)
    build(src, out)
    build(src, tmp_path / "fresh-up")
    assert files(out) == files(tmp_path / "fresh-up")
    assert entry_files(out)
    # down again: the entries' pages are removed, the documents link to the one page again
    src = sources(tmp_path, third=False)
    build(src, out)
    build(src, tmp_path / "fresh-down")
    assert files(out) == files(tmp_path / "fresh-down") == below
    assert entry_files(out) == []
