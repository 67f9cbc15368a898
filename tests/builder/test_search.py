"""edition/search.py: the Pagefind search bundle is built with the edition, from the document pages
alone, and a missing or failing Pagefind never costs the build (one warning, the old bundle kept).
A large edition is indexed in shards: each page in exactly one, a shard indexed again only when its
pages changed, the same bytes whatever --jobs. The search as a reader uses it is tested in
test_browser_reading.py."""

from __future__ import annotations

import gzip
import hashlib
import json
import stat
import sys

import pytest
from lxml import html as lxml_html

from tests.support import ROOT, SEED, SEED_ID, TEI_DIR, run_cli
from edition.builder import search

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
    code, _, err = run_cli(capsys, "build", TEI_DIR, "--out", out)
    assert code == 0
    warnings = [line for line in err.splitlines() if "warning[" in line]
    assert len(warnings) == 1 and "warning[search-skipped]" in warnings[0], err
    assert "the Pagefind binary is not installed" in warnings[0]
    assert (out / "html" / f"{SEED_ID}.html").is_file() and (out / "html" / "index.html").is_file()
    assert not (out / "html" / "pagefind").exists()
    assert run_cli(capsys, "build", TEI_DIR, "--out", out, "--strict")[0] == 1  # --strict: warnings fail


@needs_pagefind
def test_failing_pagefind_keeps_the_previous_bundle(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert run_cli(capsys, "build", TEI_DIR, "--out", out)[0] == 0
    before = _bundle(out)
    assert before
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: could not read the site' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(search, "executable", lambda: broken)
    code, _, err = run_cli(capsys, "build", TEI_DIR, "--out", out, "--force")  # (a no-op build runs no search)
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
    assert run_cli(capsys, "build", TEI_DIR, "--out", out)[0] == 0
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


# ------------------------------------------------------------------ shards (large editions)
#
# A large edition is indexed in shards (edition/search.py): SHARD_BYTES is made small here so that a
# few copies of the seed (bench/synth.py, as the scale tests make them) fill several shards.

SMALL_BUDGET = 20_000  # bytes of pages per shard, on average: a copy's page is about 10 kB


def _synthetic(folder, n):
    sys.path.insert(0, str(ROOT / "bench"))
    import synth  # bench/synth.py: the synthetic edition the benchmark builds

    return synth.write(folder, [SEED], n)


def _expected_shards(html) -> tuple[int, dict[int, set[str]]]:
    """K and each shard's pages, as the contract says: K the smallest power of two with
    pages' bytes / K <= the budget, a page's shard sha256(its path below html/) mod K."""
    pages = sorted(p for p in html.glob("*.html") if p.stem not in ("index", "persons", "places"))
    total, k = sum(p.stat().st_size for p in pages), 1
    while total > k * SMALL_BUDGET:
        k *= 2
    shards: dict[int, set[str]] = {}
    for p in pages:
        shards.setdefault(int.from_bytes(hashlib.sha256(p.name.encode()).digest()[:8], "big") % k, set()).add(p.name)
    return k, shards


def _shard_dirs(out) -> dict[int, object]:
    """Shard number -> its bundle folder, as on disk."""
    root = out / "html" / search.FOLDER
    found = {0: root} if (root / "pagefind-entry.json").is_file() else {}
    found.update({int(d.name.removeprefix("shard-")): d for d in root.glob("shard-*") if d.is_dir()})
    return found


def _urls(bundle) -> list[str]:
    """The page of every fragment of one bundle (not its shards')."""
    urls = []
    for f in sorted((bundle / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(f.read_bytes()).decode("utf-8")
        urls.append(json.loads(raw[raw.index("{"):])["url"])
    return urls


def _files(folder) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def counted_pagefind(tmp_path, monkeypatch):
    """Pagefind as the build runs it, each run logged (with RAYON_NUM_THREADS) to a file."""
    real, log = search.executable(), tmp_path / "pagefind-runs.log"
    wrapper = tmp_path / "pagefind-counted"
    wrapper.write_text(f'#!/bin/sh\necho "run threads=$RAYON_NUM_THREADS" >> "{log}"\nexec "{real}" "$@"\n',
                       encoding="utf-8")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(search, "executable", lambda: wrapper)

    def runs() -> list[str]:
        lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
        log.unlink(missing_ok=True)
        return lines

    return runs


@pytest.fixture
def sharded(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "SHARD_BYTES", SMALL_BUDGET)
    src, out = tmp_path / "tei", tmp_path / "out"
    return src, out, _synthetic(src, 6)


@needs_pagefind
def test_a_large_edition_is_indexed_in_shards_each_page_in_exactly_one(sharded, capsys, counted_pagefind):
    src, out, _ = sharded
    code, _, err = run_cli(capsys, "build", src, "--out", out, "--jobs", "1")
    assert code == 0 and "warning[" not in err, err
    k, expected = _expected_shards(out / "html")
    assert k >= 4 and len(expected) >= 3  # the test edition fills several shards (see SMALL_BUDGET)
    dirs = _shard_dirs(out)
    assert sorted(dirs) == sorted(expected)
    assert len(counted_pagefind()) == len(expected)  # one Pagefind run per shard
    for n, bundle in dirs.items():
        entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert entry["languages"]["en"]["page_count"] == len(expected[n])
        assert sorted(u.lstrip("/") for u in _urls(bundle)) == sorted(expected[n]), f"shard {n}"
    # the main bundle carries the search UI; the others only what merging an index fetches
    main = {p.name for p in dirs[0].iterdir() if p.is_file()}
    assert {"pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-worker.js", "wasm.en.pagefind"} <= main
    for n in sorted(dirs)[1:]:
        files = _files(dirs[n])
        assert {rel.split("/")[0] for rel in files} <= {"pagefind-entry.json", "index", "fragment", "filter"} | {
            rel for rel in files if rel.startswith("pagefind.en_") and rel.endswith(".pf_meta")}, sorted(files)
        assert any(rel.endswith(".pf_meta") for rel in files) and any(rel.startswith("index/") for rel in files)
    # the index page lists the other shards for the search box to merge
    box = lxml_html.parse(str(out / "html" / "index.html")).xpath("//div[@id='search']")[0]
    assert box.get("data-bundles") == " ".join(f"pagefind/shard-{n}/" for n in sorted(expected) if n)


@needs_pagefind
def test_changing_one_document_indexes_its_shard_only(sharded, capsys, counted_pagefind):
    src, out, paths = sharded
    assert run_cli(capsys, "build", src, "--out", out, "--jobs", "1")[0] == 0
    k, expected = _expected_shards(out / "html")
    counted_pagefind()
    before = {n: _files(d) for n, d in _shard_dirs(out).items()}
    assert len(expected) > 2
    shard, i = next((n, i) for i, path in enumerate(paths) for n, pages in expected.items()
                    if pages == {f"{path.stem}.html"})  # a document alone in its shard
    changed = paths[i]
    text = changed.read_text(encoding="utf-8")
    changed.write_text(text.replace(f"(copy {i})", "(copy 8)"), encoding="utf-8")  # as many bytes: K stays
    code, _, err = run_cli(capsys, "build", src, "--out", out, "--jobs", "1")
    assert code == 0 and "warning[" not in err, err
    assert _expected_shards(out / "html") == (k, expected)
    assert len(counted_pagefind()) == 1
    after = {n: _files(d) for n, d in _shard_dirs(out).items()}
    assert sorted(after) == sorted(before)
    for n in after:
        own = lambda files: {rel: v for rel, v in files.items() if not rel.startswith("shard-")}  # noqa: E731
        if n == shard:
            assert own(after[n]) != own(before[n])
        else:
            assert own(after[n]) == own(before[n]), f"shard {n} was written again"  # bytes and mtimes
    assert "(copy 8)" in "\n".join(_indexed_text_of(_shard_dirs(out)[shard]))
    # a build where nothing changed runs no Pagefind; --force runs every shard again, same bytes
    assert run_cli(capsys, "build", src, "--out", out)[0] == 0 and counted_pagefind() == []
    assert run_cli(capsys, "build", src, "--out", out, "--force")[0] == 0
    assert len(counted_pagefind()) == len(expected)
    assert {n: {rel: v[0] for rel, v in _files(d).items()} for n, d in _shard_dirs(out).items()} == {
        n: {rel: v[0] for rel, v in files.items()} for n, files in after.items()}


def _indexed_text_of(bundle) -> list[str]:
    texts = []
    for f in sorted((bundle / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(f.read_bytes()).decode("utf-8")
        texts.append(json.dumps(json.loads(raw[raw.index("{"):])))
    return texts


@needs_pagefind
def test_a_damaged_shard_is_indexed_again(sharded, capsys, counted_pagefind):
    src, out, _ = sharded
    assert run_cli(capsys, "build", src, "--out", out)[0] == 0
    counted_pagefind()
    dirs = _shard_dirs(out)
    entry = dirs[max(dirs)] / "pagefind-entry.json"
    good = entry.read_bytes()
    entry.write_bytes(b"{}")
    assert run_cli(capsys, "build", src, "--out", out)[0] == 0
    assert len(counted_pagefind()) == 1 and entry.read_bytes() == good


@needs_pagefind
def test_fewer_documents_fewer_shards_and_unused_shard_folders_go(sharded, capsys):
    src, out, paths = sharded
    assert run_cli(capsys, "build", src, "--out", out)[0] == 0
    k, expected = _expected_shards(out / "html")
    assert sorted(_shard_dirs(out)) == sorted(expected) and max(expected) >= 2
    outside = out / "html" / "shard-2"  # not below html/pagefind/: never the search's to remove
    outside.mkdir()
    (outside / "keep.txt").write_text("mine", encoding="utf-8")
    for p in paths[3:]:
        p.unlink()
    code, _, err = run_cli(capsys, "build", src, "--out", out)
    assert code == 0 and "warning[" not in err, err
    fewer, expected = _expected_shards(out / "html")
    assert fewer < k and sorted(_shard_dirs(out)) == sorted(expected)
    assert sorted(p.name for p in (out / "html" / "pagefind").iterdir() if p.name.startswith("shard-")) == [
        f"shard-{n}" for n in sorted(expected) if n]
    indexed = sorted(u.lstrip("/") for d in _shard_dirs(out).values() for u in _urls(d))
    assert indexed == sorted(f"{p.stem}.html" for p in paths[:3])
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "mine"
    box = lxml_html.parse(str(out / "html" / "index.html")).xpath("//div[@id='search']")[0]
    assert box.get("data-bundles") == " ".join(f"pagefind/shard-{n}/" for n in sorted(expected) if n)


@needs_pagefind
def test_shards_are_the_same_bytes_whatever_the_jobs_and_one_job_runs_pagefind_on_one_thread(
        sharded, tmp_path, capsys, counted_pagefind):
    src, out, _ = sharded
    assert run_cli(capsys, "build", src, "--out", out, "--jobs", "1")[0] == 0
    assert set(counted_pagefind()) == {"run threads=1"}
    other = tmp_path / "other"
    assert run_cli(capsys, "build", src, "--out", other, "--jobs", "2")[0] == 0
    assert len(counted_pagefind()) == 4  # up to two at once, each on one thread of the two
    assert _bundle(other) == _bundle(out)
    assert (other / "html" / "index.html").read_bytes() == (out / "html" / "index.html").read_bytes()


@needs_pagefind
def test_a_failing_pagefind_on_a_sharded_edition_warns_once_and_keeps_every_bundle(sharded, tmp_path, capsys,
                                                                                    monkeypatch):
    src, out, paths = sharded
    assert run_cli(capsys, "build", src, "--out", out)[0] == 0
    before, shards = _bundle(out), sorted(_shard_dirs(out))
    broken = tmp_path / "pagefind"
    broken.write_text("#!/bin/sh\necho 'Error: out of memory' >&2\nexit 3\n", encoding="utf-8")
    broken.chmod(broken.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(search, "executable", lambda: broken)
    for p in paths[3:]:  # fewer shards: the old ones would go, had the new ones been made
        p.unlink()
    code, _, err = run_cli(capsys, "build", src, "--out", out, "--force")
    assert code == 0
    _, expected = _expected_shards(out / "html")
    assert len(expected) < len(shards)
    warnings = [line for line in err.splitlines() if "warning[" in line]
    assert len(warnings) == 1 and "warning[search-skipped]" in warnings[0], err
    assert (f"Pagefind failed: Error: out of memory (and {len(expected) - 1} more of the {len(expected)} "
            f"index shards)") in warnings[0]
    assert _bundle(out) == before
    # the index page lists the shards that are there, all old: together they index every page
    box = lxml_html.parse(str(out / "html" / "index.html")).xpath("//div[@id='search']")[0]
    assert box.get("data-bundles") == " ".join(f"pagefind/shard-{n}/" for n in shards if n)


def test_shard_count_is_the_smallest_power_of_two_within_the_budget():
    assert [search.shard_count(b, 100) for b in (0, 1, 100, 101, 200, 201, 400, 401, 10_000)] == [1, 1, 1, 2, 2, 4, 4, 8, 128]


@needs_pagefind
def test_a_small_edition_is_one_bundle(built):
    assert sorted(_shard_dirs(built)) == [0]
    box = lxml_html.parse(str(built / "html" / "index.html")).xpath("//div[@id='search']")[0]
    assert box.get("data-bundles") is None
