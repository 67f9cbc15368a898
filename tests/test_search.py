"""edition/search.py: the Pagefind search bundle is built with the edition, from the document pages
alone, and a missing or failing Pagefind never costs the build (one warning, the old bundle kept).
The search as a reader uses it is tested in test_browser_reading.py."""

from __future__ import annotations

import gzip
import json
import stat

import pytest
from lxml import html as lxml_html

from conftest import ROOT, SEED_ID, run_cli
from edition import search

needs_pagefind = pytest.mark.skipif(search.executable() is None,
                                    reason="the Pagefind binary is not installed (pip install pagefind-bin)")


def _bundle(out):
    folder = out / "html" / search.FOLDER
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _indexed_text(out) -> str:
    """What Pagefind indexed of the pages: the content of its fragments."""
    fragments = sorted((out / "html" / search.FOLDER / "fragment").glob("*.pf_fragment"))
    texts = []
    for f in fragments:
        raw = gzip.decompress(f.read_bytes()).decode("utf-8")
        texts.append(json.loads(raw[raw.index("{"):])["content"])
    return "\n".join(texts)


@needs_pagefind
def test_bundle_indexes_the_document_pages_only(built):
    entry = json.loads((built / "html" / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == [search.LANGUAGE]
    assert entry["languages"]["en"]["page_count"] == 1  # the seed's page; the index page is not a result
    files = _bundle(built)
    assert {"pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-worker.js", "wasm.en.pagefind"} <= set(files)
    assert not set(files) & set(search.UNUSED)


@needs_pagefind
def test_indexed_text_is_the_documents_words_without_page_furniture(built):
    text = _indexed_text(built)
    assert "Written in pencil" in text
    assert "Date July 31, 1958 Place the airport in Beijing" in text  # cells are not run together
    assert "DateJuly" not in text
    assert "Skip to the transcript" not in text and "↩" not in text


def test_index_page_search_block_is_hidden_until_javascript_shows_it(built):
    doc = lxml_html.parse(str(built / "html" / "index.html"))
    box = doc.xpath("//main//div[@id='search']")
    assert len(box) == 1 and box[0].get("hidden") is not None and len(box[0]) == 0 and not (box[0].text or "").strip()
    script = box[0].getnext()
    assert script.tag == "script" and "pagefind/pagefind-ui.js" in script.text and "pagefind/pagefind-ui.css" in script.text
    # and no other part of the index page loads anything of the search
    assert doc.xpath("count(//script)") == 1 and not doc.xpath("//link[contains(@href, 'pagefind')]")


def test_build_without_pagefind_succeeds_with_one_warning(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(search, "executable", lambda: None)
    out = tmp_path / "out"
    code, _, err = run_cli(capsys, "build", ROOT / "tei", "--out", out)
    assert code == 0
    warnings = [line for line in err.splitlines() if "warning[" in line]
    assert len(warnings) == 1 and "warning[search-skipped]" in warnings[0], err
    assert "the Pagefind binary is not installed" in warnings[0]
    assert (out / "html" / f"{SEED_ID}.html").is_file() and (out / "html" / "index.html").is_file()
    assert not (out / "html" / "pagefind").exists()
    assert run_cli(capsys, "build", ROOT / "tei", "--out", out, "--strict")[0] == 1  # --strict: warnings fail


@needs_pagefind
def test_failing_pagefind_keeps_the_previous_bundle(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert run_cli(capsys, "build", ROOT / "tei", "--out", out)[0] == 0
    before = _bundle(out)
    assert before
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: could not read the site' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(search, "executable", lambda: broken)
    code, _, err = run_cli(capsys, "build", ROOT / "tei", "--out", out, "--force")  # (a no-op build runs no search)
    assert code == 0
    assert "warning[search-skipped]" in err and "Pagefind failed: Error: could not read the site" in err
    assert _bundle(out) == before


@needs_pagefind
def test_bundle_is_hermetic_and_old_files_are_removed(built, tmp_path, capsys, monkeypatch):
    # a Pagefind config file in the working folder and PAGEFIND_* variables change nothing
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pagefind.yml").write_text("output_subdir: elsewhere\nforce_language: fr\n", encoding="utf-8")
    monkeypatch.setenv("PAGEFIND_FORCE_LANGUAGE", "de")
    monkeypatch.setenv("PAGEFIND_EXCLUDE_SELECTORS", "main")
    out = tmp_path / "out"
    stale = out / "html" / "pagefind" / "fragment" / "en_0000000.pf_fragment"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"an older bundle's fragment")
    assert run_cli(capsys, "build", ROOT / "tei", "--out", out)[0] == 0
    assert not stale.exists()
    assert _bundle(out) == _bundle(built)


def test_an_edition_without_documents_has_no_search_bundle(tmp_path, capsys):
    (tmp_path / "tei").mkdir()
    out = tmp_path / "out"
    old = out / "html" / "pagefind" / "pagefind-entry.json"  # left by an earlier build with documents
    old.parent.mkdir(parents=True)
    old.write_text('{"version":"1.5.2","languages":{}}', encoding="utf-8")
    code, _, err = run_cli(capsys, "build", tmp_path / "tei", "--out", out)
    assert code == 0 and "warning[search-skipped]" not in err
    assert "warning[no-sources]" in err  # an empty edition is said, and still built
    assert (out / "html" / "index.html").is_file()
    assert not (out / "html" / "pagefind").exists()
