"""edition import, the command: the draft on standard output or in -o, the report on standard
error, exit codes, and nothing written unless the draft validates."""

from __future__ import annotations

import json

import pytest
from lxml import etree

from edition.importer import Imported, import_text

from tests.importer.support import FIXTURE_DIR, XML_ID
from tests.support import run_cli


def test_cli_writes_stdout_without_o(capsys, tmp_path):
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "plain-colon-spellings.txt")
    assert code == 0, err
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<?xml-model href="../schemas/edition.rng"')
    root = etree.fromstring(out.encode())
    assert root.get(XML_ID) == "conversation-kovalenko-ambassador-tran-van-minh-1961-05-12"
    assert "#kovalenko N.S. Kovalenko: 3 turns" in err
    assert "plain-colon-spellings.txt:9: review[bracket]:" in err
    assert list(tmp_path.iterdir()) == []


def test_cli_o_uses_the_file_name_as_id_and_the_result_validates(capsys, tmp_path):
    target = tmp_path / "tei" / "orlov-li-1957-03-03.xml"
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "wilson-seedlike.txt", "-o", target)
    assert code == 0, err
    assert out == ""
    assert etree.parse(str(target)).getroot().get(XML_ID) == "orlov-li-1957-03-03"
    assert run_cli(capsys, "validate", target)[0] == 0
    assert "edition: imported" in err and "2 speakers, 3 turns, 2 of 2 notes linked" in err


def test_cli_never_overwrites_without_force(capsys, tmp_path):
    target = tmp_path / "doc.xml"
    target.write_text("keep me", encoding="utf-8")
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "plain-turns-only.txt", "-o", target)
    assert code == 2
    assert err.strip() == f"edition: error: {target}: already exists; use --force to overwrite it"
    assert target.read_text(encoding="utf-8") == "keep me"
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "plain-turns-only.txt", "-o", target, "--force")
    assert code == 0, err
    assert etree.parse(str(target)).getroot().get(XML_ID) == "doc"


def test_cli_report_json(capsys, tmp_path):
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "ocr-typescript.txt", "-o", tmp_path / "ocr.xml", "--report", "json")
    assert code == 0
    data = json.loads(err)  # stderr holds the JSON document and nothing else
    assert data["output"] == str(tmp_path / "ocr.xml") and data["diagnostics"] == []
    assert [(s["id"], s["turns"], s["lines"]) for s in data["speakers"]] == [("semyonov", 3, [6, 12, 16]), ("pak-son-chol", 2, [9, 17])]
    assert data["notes_linked"] == 2
    assert {"line": 16, "kind": "marker-no-note", "text": "[4]",
            "message": "note marker [4] has no note text: kept as text"} in data["review"]


def test_cli_errors(capsys, tmp_path):
    code, out, err = run_cli(capsys, "import", tmp_path / "missing.txt")
    assert (code, err.strip()) == (2, f"edition: error: {tmp_path / 'missing.txt'}: no such file")
    empty = tmp_path / "empty.txt"
    empty.write_text("\n\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "import", empty, "-o", tmp_path / "empty.xml")
    assert (code, err.strip()) == (1, f"{empty}: error[no-text]: the input holds no text: nothing to import")
    assert not (tmp_path / "empty.xml").exists()
    binary = tmp_path / "scan.pdf"
    binary.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\n\x00\x01\x02\x03\x04\nendstream\n")
    code, out, err = run_cli(capsys, "import", binary, "-o", tmp_path / "scan.xml")
    assert (code, out, err.strip()) == (1, "", f"{binary}: error[not-text]: this is not a plain-text transcript: 5 of its "
                                           f"62 bytes are binary (NUL or control characters), the first at byte 46; give "
                                           f"the transcript as a text file (for a PDF or a word-processor file, save or "
                                           f"export it as plain text first)")
    assert not (tmp_path / "scan.xml").exists()
    ocr = tmp_path / "ocr.txt"  # a stray control character in OCR output is still text
    ocr.write_bytes((FIXTURE_DIR / "plain-turns-only.txt").read_bytes().replace(b"\n", b"\x0c\n", 1))
    code, out, err = run_cli(capsys, "import", ocr, "-o", tmp_path / "ocr.xml")
    assert code == 0 and (tmp_path / "ocr.xml").exists()
    utf16 = tmp_path / "notepad.txt"  # saved as "Unicode" by Windows Notepad: NUL bytes, but text
    utf16.write_bytes((FIXTURE_DIR / "plain-turns-only.txt").read_text(encoding="utf-8").encode("utf-16"))
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    drafts = []
    for folder, source in (("a", utf16), ("b", FIXTURE_DIR / "plain-turns-only.txt")):
        assert run_cli(capsys, "import", source, "-o", tmp_path / folder / "notepad.xml")[0] == 0
        drafts.append((tmp_path / folder / "notepad.xml").read_text(encoding="utf-8").replace(str(source), "SOURCE"))
    assert drafts[0] == drafts[1]  # the same draft as from the UTF-8 file
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "plain-turns-only.txt", "-o", tmp_path / "1 bad name.xml")
    assert code == 2 and "is not a valid one" in err
    assert not (tmp_path / "1 bad name.xml").exists()
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "plain-turns-only.txt", "-o", tmp_path, "--force")
    assert (code, err.strip()) == (2, f"edition: error: {tmp_path}: name the TEI file to write, ending in .xml (tei/ID.xml)")


def test_cli_writes_nothing_when_the_draft_does_not_validate(capsys, tmp_path, monkeypatch):
    broken = Imported.serialize
    monkeypatch.setattr(Imported, "serialize", lambda self: broken(self).replace(b"<speaker>", b"<speaker><sp/>", 1))
    target = tmp_path / "doc.xml"
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "plain-turns-only.txt", "-o", target)
    assert code == 1
    assert "error[schema-element]" in err and "does not validate; nothing written" in err
    assert not target.exists() and out == ""


def test_cli_reads_windows_1252_and_says_so(capsys, tmp_path):
    src = tmp_path / "cp.txt"
    src.write_bytes("Orlov: Caf\u00e9 \u201cnoir\u201d.\n\nLi: Yes.\n".encode("cp1252"))
    code, out, err = run_cli(capsys, "import", src)
    assert code == 0, err
    assert "Caf\u00e9 \u201cnoir\u201d." in out
    assert "review[encoding]: the file is not UTF-8: read as cp1252" in err


# ---------------------------------------------------------------- document ids the build refuses

@pytest.mark.parametrize("doc_id", ["index", "Index", "PERSONS", "CON", "nul", "Aux", "com1", "LPT9", "con.draft"])
def test_an_id_the_build_refuses_is_refused_up_front_with_the_builds_reason(capsys, tmp_path, doc_id):
    """`-o tei/index.xml` wrote a draft that `edition build` then refused (unsafe-id): the import now
    refuses it first (exit 2, nothing written), saying what the build says."""
    target = tmp_path / "tei" / f"{doc_id}.xml"
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "plain-turns-only.txt", "-o", target)
    assert code == 2 and out == ""
    assert not target.exists()
    reason = err.strip().removeprefix(f"edition: error: {target}: ")
    assert reason.startswith(f'document id "{doc_id}" cannot name an output file;')
    # the build, given a source with that id, refuses it for the same reason
    target.parent.mkdir()
    draft = import_text((FIXTURE_DIR / "plain-turns-only.txt").read_text(encoding="utf-8"), doc_id="safe").serialize()
    target.write_bytes(draft.replace(b'xml:id="safe"', f'xml:id="{doc_id}"'.encode()))
    code, out, err = run_cli(capsys, "build", target.parent, "--out", tmp_path / "out")
    assert code == 1
    assert f"error[unsafe-id]: {reason}" in err


def test_an_id_made_from_a_title_is_never_one_the_build_refuses(capsys, tmp_path):
    source = tmp_path / "index.txt"
    source.write_text("Index\n\nQ: Where is it?\n\nA: Here.\n", encoding="utf-8")
    code, out, err = run_cli(capsys, "import", source)
    assert code == 0, err
    assert etree.fromstring(out.encode()).get(XML_ID) == "doc-index"


# ---------------------------------------------------------------- a folder of transcripts

def _folder(tmp_path):
    src = tmp_path / "transcripts"
    src.mkdir()
    for name in ("plain-turns-only.txt", "wilson-seedlike.txt"):
        (src / name).write_bytes((FIXTURE_DIR / name).read_bytes())
    (src / "Talks 1958 (copy).txt").write_bytes((FIXTURE_DIR / "reported-speech.txt").read_bytes())
    (src / "scan.txt").write_bytes(b"%PDF-1.4\x00\x01\x02")
    (src / "notes.md").write_text("not a transcript", encoding="utf-8")
    return src


def test_a_folder_is_imported_one_line_a_file_and_a_summary(capsys, tmp_path):
    src, tei = _folder(tmp_path), tmp_path / "tei"
    code, out, err = run_cli(capsys, "import", src, "-o", tei)
    assert code == 1 and out == ""  # one input could not be imported
    lines = err.strip().splitlines()
    assert lines[:4] == [
        f"{src / 'Talks 1958 (copy).txt'} -> {tei / 'talks-1958-copy.xml'}: 2 speakers, 5 turns, 0 of 0 notes linked, 3 to review",
        f"{src / 'plain-turns-only.txt'} -> {tei / 'plain-turns-only.xml'}: 2 speakers, 6 turns, 0 of 0 notes linked, 3 to review",
        f"{src / 'scan.txt'}: not imported: {src / 'scan.txt'}: error[not-text]: this is not a plain-text transcript: "
        f"3 of its 11 bytes are binary (NUL or control characters), the first at byte 8; give the transcript as a text "
        f"file (for a PDF or a word-processor file, save or export it as plain text first)",
        f"{src / 'wilson-seedlike.txt'} -> {tei / 'wilson-seedlike.xml'}: 2 speakers, 3 turns, 2 of 2 notes linked, 1 to review"]
    assert lines[4].startswith(f"edition: imported 3 of 4 files to {tei} (1 failed); 7 items to review")
    assert sorted(p.name for p in tei.iterdir()) == ["plain-turns-only.xml", "talks-1958-copy.xml", "wilson-seedlike.xml"]
    for draft in tei.iterdir():  # each named by its id, and valid
        assert etree.parse(str(draft)).getroot().get(XML_ID) == draft.stem
    assert run_cli(capsys, "validate", tei)[0] == 0


def test_a_folder_import_never_overwrites_without_force(capsys, tmp_path):
    src, tei = _folder(tmp_path), tmp_path / "tei"
    (src / "scan.txt").unlink()
    tei.mkdir()
    (tei / "plain-turns-only.xml").write_text("keep me", encoding="utf-8")
    code, out, err = run_cli(capsys, "import", src, "-o", tei)
    assert code == 2
    assert (f"{src / 'plain-turns-only.txt'}: not imported: {tei / 'plain-turns-only.xml'} already exists; "
            f"use --force to overwrite it") in err
    assert "imported 2 of 3 files" in err and "1 not overwritten: --force overwrites them" in err
    assert (tei / "plain-turns-only.xml").read_text(encoding="utf-8") == "keep me"
    code, out, err = run_cli(capsys, "import", src, "-o", tei, "--force")
    assert code == 0, err
    assert etree.parse(str(tei / "plain-turns-only.xml")).getroot().get(XML_ID) == "plain-turns-only"


def test_a_folder_import_reports_every_file_in_json(capsys, tmp_path):
    src, tei = _folder(tmp_path), tmp_path / "tei"
    code, out, err = run_cli(capsys, "import", src, "-o", tei, "--report", "json")
    data = json.loads(err)
    assert data["summary"] == {"files": 4, "written": 3, "failed": 1, "exists": 0, "review": 7}
    by_name = {f["source"].rsplit("/", 1)[1]: f for f in data["files"]}
    assert by_name["scan.txt"]["status"] == "failed" and "error[not-text]" in by_name["scan.txt"]["diagnostics"][0]
    seed = by_name["wilson-seedlike.txt"]
    assert seed["output"] == str(tei / "wilson-seedlike.xml") and seed["report"]["notes_linked"] == 2


def test_a_folder_needs_a_folder_to_write_to(capsys, tmp_path):
    src = _folder(tmp_path)
    code, out, err = run_cli(capsys, "import", src)
    assert code == 2 and "a folder is imported into a folder: name it with -o" in err
    (tmp_path / "file.xml").write_text("x", encoding="utf-8")
    code, out, err = run_cli(capsys, "import", src, "-o", tmp_path / "file.xml")
    assert code == 2 and "not a folder" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run_cli(capsys, "import", empty, "-o", tmp_path / "tei")
    assert code == 2 and "no transcripts in it" in err
