"""Incremental builds: a document is rebuilt only when one of its inputs changed (content
hashes, kept in output/.edition-manifest.json); outputs of removed documents go; damaged
outputs are repaired; the manifest is the same bytes wherever and however it is built."""

from __future__ import annotations

import json
import sys

from tests.support import ROOT, SEED, run_cli
from edition.builder import output
from edition.builder.publish import publish
from edition.config import Config
from edition.results import Result
from edition.validation import check_all
from edition.builder.output import MANIFEST
from edition.render.formats import FORMATS, target

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402  (bench/synth.py: the synthetic edition the benchmark builds too)


def edition(folder, n=4):
    return synth.write(folder, [SEED], n)


def build(src, out, **options) -> Result:
    return publish([src], out, Config(**{"jobs": 1, **options}))


def outputs_of(out, doc_id) -> list[str]:
    """Every file the build writes for one document (one per format in the registry)."""
    return sorted(target(out, fmt, doc_id).relative_to(out).as_posix() for fmt in FORMATS.values())


def state(out):
    return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(out.rglob("*")) if p.is_file()}


def test_noop_build_processes_nothing_and_writes_nothing(tmp_path):
    src, out = tmp_path / "tei", tmp_path / "out"
    edition(src)
    first = build(src, out)
    assert first.rendered == 4 and first.diagnostics == []
    before = state(out)
    again = build(src, out)
    assert again.rendered == 0
    assert again.written == [] and again.removed == []
    assert len(again.checked) == 4 and again.diagnostics == []
    assert state(out) == before
    # the report accounts for every file as unchanged, search bundles included: what the fresh build wrote
    assert sorted(again.unchanged) == sorted(first.written)


def test_only_the_changed_source_is_rebuilt(tmp_path):
    src, out = tmp_path / "tei", tmp_path / "out"
    paths = edition(src)
    build(src, out)
    before = state(out)
    changed = paths[2]
    changed.write_text(changed.read_text(encoding="utf-8").replace("(copy 2)", "(copy two)"), encoding="utf-8")
    result = build(src, out)
    assert result.rendered == 1
    after = state(out)
    doc = changed.stem
    changed_files = sorted(rel for rel in after if after[rel] != before.get(rel))
    # the document's own outputs, the edition pages that list it, and the search bundle (html/pagefind/)
    assert [rel for rel in changed_files if not rel.startswith("html/pagefind/")] == sorted(
        [MANIFEST, "html/index.html", "html/persons.html", "html/places.html", *outputs_of(out, doc)])
    assert "(copy two)" in after[f"text/{doc}.txt"][0].decode()
    assert "(copy two)" in after["html/index.html"][0].decode()


def test_changed_parameter_rebuilds_everything_and_force_rebuilds_unchanged_bytes(tmp_path):
    src, out = tmp_path / "tei", tmp_path / "out"
    edition(src, 3)
    build(src, out)
    titled = build(src, out, params={"edition-title": "Scale test"})
    assert titled.rendered == 3
    assert "<title>Scale test</title>" in (out / "html" / "index.html").read_text(encoding="utf-8")
    assert build(src, out, params={"edition-title": "Scale test"}).rendered == 0
    before = state(out)
    forced = build(src, out, params={"edition-title": "Scale test"}, force=True)
    assert forced.rendered == 3
    assert forced.written == []  # the same bytes: nothing rewritten
    assert state(out) == before


def test_removed_source_loses_its_outputs_and_nothing_else_goes(tmp_path, capsys):
    src, out = tmp_path / "tei", tmp_path / "out"
    paths = edition(src, 3)
    build(src, out)
    (out / "html" / "notes.html").write_text("the editor's own page")
    (out / "README").write_text("not the build's")
    gone = paths[1].stem
    paths[1].unlink()
    result = build(src, out)
    removed = sorted(p.relative_to(out).as_posix() for p in result.removed)
    # the document's outputs, and search-bundle files the new bundle no longer has
    assert [rel for rel in removed if not rel.startswith("html/pagefind/")] == outputs_of(out, gone)
    assert not (out / "html" / f"{gone}.html").exists() and not (out / "text" / f"{gone}.txt").exists()
    assert (out / "html" / "notes.html").read_text() == "the editor's own page"
    assert (out / "README").read_text() == "not the build's"
    assert gone not in (out / "html" / "index.html").read_text(encoding="utf-8")
    assert gone not in json.loads((out / MANIFEST).read_text(encoding="utf-8"))["documents"]
    for p in (paths[0], paths[2]):
        assert (out / "html" / f"{p.stem}.html").exists()


def test_while_a_source_is_broken_no_output_is_removed(tmp_path, capsys):
    src, out = tmp_path / "tei", tmp_path / "out"
    paths = edition(src, 3)
    build(src, out)
    good = paths[1].read_text(encoding="utf-8")
    paths[1].write_text(good.replace("<body>", "<body><p>unclosed"), encoding="utf-8")  # broken: its id is unknown
    paths[2].unlink()
    code, _, err = run_cli(capsys, "build", src, "--out", out, "--jobs", "1")
    assert code == 1 and "error[xml-syntax]" in err
    assert (out / "html" / f"{paths[2].stem}.html").exists(), "the broken source may be the one that moved: keep"
    assert (out / "html" / f"{paths[1].stem}.html").exists()
    paths[1].write_text(good, encoding="utf-8")
    code, _, err = run_cli(capsys, "build", src, "--out", out, "--jobs", "1")
    assert code == 0, err
    assert not (out / "html" / f"{paths[2].stem}.html").exists()


def test_damaged_or_deleted_outputs_are_repaired(tmp_path):
    src, out = tmp_path / "tei", tmp_path / "out"
    paths = edition(src, 3)
    build(src, out)
    good = state(out)
    html = out / "html" / f"{paths[0].stem}.html"
    html.write_bytes(html.read_bytes()[:100])
    (out / "text" / f"{paths[2].stem}.txt").unlink()
    (out / "html" / "index.html").write_text("")
    result = build(src, out)
    assert result.rendered == 2
    assert {rel: data for rel, (data, _) in state(out).items()} == {rel: data for rel, (data, _) in good.items()}


def test_manifest_is_the_same_bytes_wherever_it_is_built_and_names_no_absolute_path(tmp_path, monkeypatch):
    src = tmp_path / "tei"
    edition(src, 3)
    monkeypatch.chdir(tmp_path)
    build(src.relative_to(tmp_path), tmp_path / "a")
    monkeypatch.chdir(ROOT)
    build(src, tmp_path / "b", jobs=None)
    a, b = (tmp_path / "a" / MANIFEST).read_bytes(), (tmp_path / "b" / MANIFEST).read_bytes()
    assert a == b
    assert str(tmp_path).encode() not in a
    data = json.loads(a)
    assert sorted(data["documents"]) == sorted(p.stem for p in src.glob("*.xml"))
    # each source as seen from the output folder: the record stays valid when both move together
    assert {e["source"] for e in data["documents"].values()} == {f"../tei/{p.name}" for p in src.glob("*.xml")}
    assert set(data["documents"][next(iter(data["documents"]))]) >= {"inputs", "outputs", "summary", "diagnostics"}


def test_warnings_of_unchanged_documents_are_still_reported(tmp_path, variant, capsys):
    path = variant(('<listPerson>', '<listPerson><person xml:id="nobody"><persName>Nobody</persName></person>'))
    out = tmp_path / "out"
    first = run_cli(capsys, "build", path, "--out", out)
    second = run_cli(capsys, "build", path, "--out", out)
    warning = [l for l in first[2].splitlines() if "warning[person-unused]" in l]
    assert len(warning) == 1 and 'person "nobody" is declared but never speaks' in warning[0]
    assert [l for l in second[2].splitlines() if "warning[" in l] == [l for l in first[2].splitlines() if "warning[" in l]
    assert "wrote 0 files" in second[2]


def test_an_output_edited_since_the_build_wrote_it_is_not_removed(tmp_path, capsys):
    src, out = tmp_path / "tei", tmp_path / "out"
    paths = edition(src, 2)
    build(src, out)
    edited = out / "text" / f"{paths[0].stem}.txt"
    edited.write_text("the editor's notes on this document")
    paths[0].unlink()
    code, _, err = run_cli(capsys, "build", src, "--out", out)
    assert code == 0
    assert edited.read_text() == "the editor's notes on this document"
    assert f"{edited}: warning[output-kept]: its document is gone, but the file was changed" in err
    assert not (out / "html" / f"{paths[0].stem}.html").exists()


def test_validate_lets_trees_go_once_checked(tmp_path):
    """`edition validate` of 10,000 sources once held 10,000 trees (700 MB); now each goes once checked."""
    paths = edition(tmp_path / "tei", 3)
    paths[1].write_text(paths[1].read_text(encoding="utf-8").replace("<body>", "<body><p>open"), encoding="utf-8")
    result = check_all([tmp_path / "tei"], Config())
    assert [c.source for c in result.checked] == [None, None, None]
    assert [c.ok for c in result.checked] == [True, False, True]
    kept = check_all([tmp_path / "tei"], Config(), keep_sources=True)
    assert kept.checked[0].source is not None and kept.checked[0].source.doc_id == paths[0].stem


def test_after_an_unfinished_build_every_output_is_read_again(tmp_path):
    """A build that did not finish leaves .edition-dirty: the next one compares contents, not sizes."""
    src, out = tmp_path / "tei", tmp_path / "out"
    paths = edition(src, 2)
    build(src, out)
    assert not (out / output.DIRTY).exists(), "a finished build leaves no mark"
    page = out / "text" / f"{paths[1].stem}.txt"
    good = page.read_bytes()
    page.write_bytes(good.replace(b"Khrushchev", b"KHRUSHCHEV", 1))  # same size, other bytes
    (out / output.DIRTY).touch()
    result = build(src, out)
    assert result.rendered == 1
    assert page.read_bytes() == good
    assert not (out / output.DIRTY).exists()


def _dated(folder, n, dates):
    """``n`` copies of the seed; copy i created on ``dates[i]`` (ISO, printed date): the header's date."""
    paths = edition(folder, n)
    for path, (iso, printed) in zip(paths, dates):
        text = path.read_text(encoding="utf-8")
        old = '<date when="1958-07-31">July 31, 1958</date>'
        assert old in text
        path.write_text(text.replace(old, f'<date when="{iso}">{printed}</date>', 1), encoding="utf-8")
    return paths


def _listed(out):
    """(the index page's lead, its documents in order, Mao's documents in order on the persons page)."""
    from lxml import html as lxml_html

    index = lxml_html.parse(str(out / "html" / "index.html"))
    persons = lxml_html.parse(str(out / "html" / "persons.html"))
    return (" ".join(index.xpath("string(//p[@class='lead'])").split()),
            [a.get("href")[:-5] for a in index.xpath("//ol[@class='documents']/li/h2/a")],
            [a.get("href")[:-5] for a in persons.xpath(
                "//section[@id='person-mao']//p[@class='person-document']/a")])


def test_index_and_persons_pages_list_every_document_by_date_as_the_edition_changes(tmp_path):
    """The edition pages are joined from entries rendered with each document; documents rendered in
    an earlier build (their entries from the manifest) and new ones stand in one order, by date."""
    src, out = tmp_path / "tei", tmp_path / "out"
    ids = [p.stem for p in _dated(src, 3, [("1958-09-05", "September 5, 1958"), ("1958-07-31", "July 31, 1958"),
                                           ("1957-01-02", "January 2, 1957")])]
    build(src, out)
    assert _listed(out) == ("3 documents, by date. Each is also available as plain text.",
                            [ids[2], ids[1], ids[0]], [ids[2], ids[1], ids[0]])

    added = _dated(tmp_path / "more", 4, [("1958-07-31", "July 31, 1958")] * 3 + [("1958-08-15", "August 15, 1958")])[3]
    (src / added.name).write_bytes(added.read_bytes())
    result = build(src, out)
    assert result.rendered == 1  # the others' entries came from the manifest
    order = [ids[2], ids[1], added.stem, ids[0]]
    assert _listed(out) == ("4 documents, by date. Each is also available as plain text.", order, order)

    (src / f"{ids[2]}.xml").unlink()
    build(src, out)
    assert _listed(out)[1:] == (order[1:], order[1:])
    assert _listed(out)[0].startswith("3 documents")

    fresh = tmp_path / "fresh"
    build(src, fresh)  # the same pages as a build that rendered every document
    for name in ("index.html", "persons.html"):
        assert (fresh / "html" / name).read_bytes() == (out / "html" / name).read_bytes()


def test_a_register_edit_renders_again_only_the_documents_using_the_entry(tmp_path):
    """A register entry's digest is an input of each document that points at it: changing Mao's
    name renders Mao's document again, not Deng's; the persons index follows."""
    from tests.builder.test_incremental_property import document, register

    src, out = tmp_path / "tei", tmp_path / "out"
    (src / "registers").mkdir(parents=True)
    (src / "registers" / "persons.xml").write_text(register([("mao", "Mao Zedong"), ("deng", "Deng Xiaoping")]))
    (src / "a.xml").write_text(document("a", "airport", None, False, "mao"))
    (src / "b.xml").write_text(document("b", "pencil", None, False, "deng"))
    first = publish([src], out, Config(jobs=1))
    assert first.rendered == 2 and not first.diagnostics
    (src / "registers" / "persons.xml").write_text(register([("mao", "Mao Tse-tung"), ("deng", "Deng Xiaoping")]))
    second = publish([src], out, Config(jobs=1))
    assert second.rendered == 1
    assert "Mao Tse-tung" in (out / "html" / "a.html").read_text(encoding="utf-8")
    assert "Mao Tse-tung" in (out / "html" / "persons.html").read_text(encoding="utf-8")
    # an entry removed: its users are rendered again, and say what they miss
    (src / "registers" / "persons.xml").write_text(register([("mao", "Mao Tse-tung")]))
    third = publish([src], out, Config(jobs=1))
    assert sorted((d.path, d.code) for d in third.diagnostics if d.is_error) == [
        (str(src / "b.xml"), "ref-unresolved"), (str(src / "b.xml"), "who-unresolved")]  # the participant, the speech
