"""Every page of a built edition, checked by XPath: links resolve (inside the page and to
other pages, anchor included), ids are unique, every speech is one block opened by its
speaker, participants link to the persons index, and nothing needs a server or a script."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest

from tests.support import SEED_ID, TEI_DIR
from edition import cli
from tests.support import SIGNS, SIGNS_ID, page


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    """The seed and the every-sign fixture, built together into a fresh folder."""
    out = tmp_path_factory.mktemp("reading") / "output"
    assert cli.main(["build", str(TEI_DIR), str(SIGNS), "--out", str(out)]) == 0
    return out


def pages(out):
    return sorted((out / "html").glob("*.html"))


def test_the_edition_has_the_pages_a_reader_needs(edition):
    names = {p.name for p in pages(edition)}
    assert names == {"index.html", "persons.html", "places.html", f"{SEED_ID}.html", f"{SIGNS_ID}.html"}
    for doc_id in (SEED_ID, SIGNS_ID):
        assert (edition / "text" / f"{doc_id}.txt").is_file()
        assert (edition / "cite" / f"{doc_id}.json").is_file()
        assert (edition / "cite" / f"{doc_id}.bib").is_file()


@pytest.mark.parametrize("name", ["index.html", "persons.html", "places.html", f"{SEED_ID}.html", f"{SIGNS_ID}.html"])
def test_every_link_resolves_to_an_existing_file_and_anchor(edition, name):
    """#fragments on the page, and relative links to other files of the edition with their fragment."""
    path = edition / "html" / name
    doc = page(path)
    checked = 0
    for a in doc.xpath("//a[@href] | //link[@href]"):
        href = a.get("href")
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto"):
            continue
        assert not parts.scheme, f"{name}: unexpected scheme in {href!r}"
        target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
        assert target.is_file(), f"{name}: {href!r} points to a missing file"
        if parts.fragment:
            ids = set(page(target).xpath("//@id")) if target.suffix == ".html" else set()
            assert parts.fragment in ids, f"{name}: {href!r}: no id {parts.fragment!r} in {target.name}"
        checked += 1
    assert checked > 3


@pytest.mark.parametrize("name", ["index.html", "persons.html", "places.html", f"{SEED_ID}.html", f"{SIGNS_ID}.html"])
def test_ids_are_unique_and_pages_need_no_script(edition, name):
    doc = page(edition / "html" / name)
    ids = doc.xpath("//@id")
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    # the only script is the index page's optional search box (edition/search.py); nothing to read depends on it
    scripts = doc.xpath("//script")
    assert all("pagefind" in (s.text or "") + (s.get("src") or "") for s in scripts)
    assert name == "index.html" or not scripts
    assert not doc.xpath("//*[@*[starts-with(name(), 'on')]]")
    assert not doc.xpath("//@href[starts-with(normalize-space(translate(., 'JAVSCRIPT', 'javscript')), 'javascript:')]")
    assert doc.xpath("//head/link[@rel='stylesheet']/@href") == ["edition.css"]


@pytest.mark.parametrize("doc_id", [SEED_ID, SIGNS_ID])
def test_every_speech_is_one_block_opened_by_its_speaker(edition, doc_id):
    doc = page(edition / "html" / f"{doc_id}.html")
    speeches = doc.xpath("//section[@id='transcript']//div[@class='sp']")
    assert speeches
    for sp in speeches:
        first = sp.xpath("./p[1]/node()[1]")[0]
        assert first.tag == "span" and first.get("class") == "speaker" and first.text_content().strip(), sp.get("id")
        assert len(sp.xpath(".//span[@class='speaker']")) == 1
        assert sp.get("id") and all(p.get("id") for p in sp.xpath("./p"))


@pytest.mark.parametrize("doc_id", [SEED_ID, SIGNS_ID])
def test_participants_link_to_their_entry_in_the_persons_index(edition, doc_id):
    doc = page(edition / "html" / f"{doc_id}.html")
    persons = page(edition / "html" / "persons.html")
    links = doc.xpath("//header//ul[@class='participants']/li/a")
    assert links
    for a in links:
        href = a.get("href")
        assert href.startswith("persons.html#person-")
        entry = persons.xpath(f"//section[@id='{href.split('#')[1]}']")
        assert len(entry) == 1
        assert entry[0].xpath("string(h2)") == a.text_content()


def test_navigation_joins_the_pages(edition):
    for name in ("index.html", "persons.html", "places.html", f"{SEED_ID}.html"):
        nav = page(edition / "html" / name).xpath("//nav[@class='site']//a/@href")
        assert "index.html" in nav and "persons.html" in nav and "places.html" in nav
    assert page(edition / "html" / "index.html").xpath("//a[@href='persons.html']")


@pytest.mark.parametrize("name", ["index.html", "persons.html", "places.html", f"{SEED_ID}.html", f"{SIGNS_ID}.html"])
def test_pages_open_from_the_folder_without_a_server(edition, name):
    """Relative links only: no root-relative or server paths, so file:// works."""
    doc = page(edition / "html" / name)
    for ref in doc.xpath("//@href | //@src"):
        assert not ref.startswith("/"), ref
        assert urlsplit(ref).scheme in ("", "http", "https", "mailto"), ref


def test_the_every_sign_fixture_is_valid_and_clean(capsys):
    from tests.support import run_cli
    code, _, err = run_cli(capsys, "validate", SIGNS)
    assert code == 0 and "0 errors, 0 warnings" in err, err


def test_the_text_edition_carries_everything_the_page_says(edition):
    text = (edition / "text" / f"{SIGNS_ID}.txt").read_text(encoding="utf-8")
    assert [l for l in text.splitlines() if len(l) > 72 and " " in l.strip()] == []
    flat = " ".join(text.split())
    for expected in ["Document type: Record of Conversation", "Participants: Mao Zedong; Andrei Gromyko",
                     "A short conversation that uses every sign of the edition.", "EDITORIAL SIGNS",
                     "[1] The addition is in Gromyko's hand.", "AVP RF, f. 0100, op. 51, d. 6, l. 12-14.",
                     "HOW TO CITE", "Author: Ivan Petrov", "Editor: Archive Staff", "Contributed by Anna Smith",
                     "Translated by Translation Collective", "support from A Test Foundation",
                     "Published by Test Publisher", "Free to reuse for testing."]:
        assert expected in flat, expected
    headings = [l for l in text.splitlines() if l.isupper() and len(l) > 3]
    assert headings == ["SUMMARY", "TRANSCRIPT", "NOTES", "EDITORIAL SIGNS", "SOURCE", "HOW TO CITE", "CREDITS", "RIGHTS"]


def _css_block(css: str, at_rule: str) -> str:
    start = css.index(at_rule)
    depth, i = 0, css.index("{", start)
    for j in range(i, len(css)):
        depth += {"{": 1, "}": -1}.get(css[j], 0)
        if depth == 0:
            return css[i:j]
    raise AssertionError(f"unclosed {at_rule}")


def test_css_reads_in_dark_mode_and_prints_without_chrome_with_notes_at_the_foot(edition):
    css = (edition / "html" / "edition.css").read_text(encoding="utf-8")
    dark = _css_block(css, "@media (prefers-color-scheme: dark)")
    assert "--bg:" in dark and "--text:" in dark
    print_css = " ".join(_css_block(css, "@media print").split())
    assert re.search(r"nav\.site[^{]*\{ display: none; \}", print_css)
    assert "article.document > .footnotes { order: 1; }" in print_css
    assert ".alt { position: static;" in print_css, "expansions print, as in the text edition"
    assert re.search(r"sup\.noteref \{ line-height: 0;", css), "note markers do not open the line"
    assert re.search(r"main, nav\.site \{[^}]*max-width: var\(--measure\)", css)
