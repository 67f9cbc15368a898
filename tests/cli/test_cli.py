"""The command line: exit codes, one-line messages, no tracebacks, the same via python -m."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, SEED, TEI_DIR, line_of, run_cli


def test_clean_sources_exit_0(capsys):
    assert run_cli(capsys, "validate")[0] == 0 if Path.cwd() == ROOT else run_cli(capsys, "validate", TEI_DIR)[0] == 0


def test_problems_exit_1_with_path_line_col_code(variant, capsys):
    path = variant(('<sp who="#khrushchev">', '<sp who="#nobody">'))
    code, out, err = run_cli(capsys, "validate", path)
    assert code == 1
    line = line_of(path, '<sp who="#nobody">')
    assert f"{path}:{line}:9: error[who-unresolved]: @who=\"#nobody\" names no declared person" in err


def test_missing_path_exits_2(tmp_path, capsys):
    code, out, err = run_cli(capsys, "validate", tmp_path / "nope.xml")
    assert code == 2
    assert err.strip() == f"edition: error: {tmp_path / 'nope.xml'}: no such file or folder"


def test_bad_option_exits_2(capsys):
    code, out, err = run_cli(capsys, "validate", "--no-such-option")
    assert code == 2
    assert "unrecognized arguments: --no-such-option" in err


def test_unusable_schema_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.rng"
    bad.write_text("<grammar xmlns='http://relaxng.org/ns/structure/1.0'><start><ref name='nothing'/></start></grammar>")
    code, out, err = run_cli(capsys, "validate", "--schema", bad, SEED)
    assert code == 2
    assert err.startswith(f"edition: error: {bad}: not a usable RelaxNG schema")


def test_all_problems_in_all_files_in_one_run(tmp_path, seed_text, capsys):
    (tmp_path / "a.xml").write_text("<TEI", encoding="utf-8")
    (tmp_path / "b.xml").write_text(seed_text.replace("<p>proposes", "<p></p><p>proposes"), encoding="utf-8")
    (tmp_path / SEED.name).write_text(seed_text, encoding="utf-8")
    code, out, err = run_cli(capsys, "validate", tmp_path)
    assert code == 1
    problems = [l for l in err.splitlines() if "error[" in l]
    files = [l.split(":")[0] for l in problems]
    assert files == sorted(files)
    assert any(l.startswith(f"{tmp_path / 'a.xml'}:1:") and "error[xml-syntax]" in l for l in problems), err
    assert any(f"{tmp_path / 'b.xml'}:3:" in l and "error[root-id]" in l for l in problems)
    assert any("error[empty-element]: <p> is empty" in l for l in problems)
    assert not any(l.startswith(str(tmp_path / SEED.name)) for l in problems)
    assert "3 files checked" in err


HOSTILE = {
    "malformed": ("<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader></TEI>", "xml-syntax", 1),
    "doctype": ('<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>\n<TEI>&lol2;</TEI>', "doctype", 2),
    "external-entity": ('<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]><TEI>&x;</TEI>', "doctype", 1),
    "undeclared-entity": ("<TEI xmlns='http://www.tei-c.org/ns/1.0'>\n<p>&nbsp;</p></TEI>", "entity", 2),
    "xinclude": ("<TEI xmlns='http://www.tei-c.org/ns/1.0' xmlns:xi='http://www.w3.org/2001/XInclude'>\n  <xi:include href='/etc/passwd' parse='text'/></TEI>", "xinclude", 2),
    "empty": ("", "empty", 1),
    "not-xml": ("This is a plain text transcript.\nMAO ZEDONG. Hello.\n", "xml-syntax", 1),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_bad_input_gets_one_clear_line_and_no_traceback(name, tmp_path):
    content, code, line = HOSTILE[name]
    path = tmp_path / f"{name}.xml"
    path.write_text(content, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "edition", "validate", str(path)],
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "root:" not in proc.stderr + proc.stdout  # /etc/passwd was not read into the report
    first = proc.stderr.splitlines()[0]
    assert first.startswith(f"{name}.xml:{line}:") and f": error[{code}]: " in first, proc.stderr


def test_python_m_and_console_script_agree(tmp_path):
    runs = [[sys.executable, "-m", "edition", "validate", str(TEI_DIR)]]
    script = shutil.which("edition", path=os.path.dirname(sys.executable)) or shutil.which("edition")
    if script:
        runs.append([script, "validate", str(TEI_DIR)])
    results = [subprocess.run(r, capture_output=True, text=True, timeout=60) for r in runs]
    assert [r.returncode for r in results] == [0] * len(results)
    assert len({r.stderr.split(" in ")[0] for r in results}) == 1


def test_rules_lists_every_code(capsys):
    code, out, err = run_cli(capsys, "rules")
    assert code == 0
    for c in ["root-id", "who-unresolved", "note-numbering", "date-invalid", "person-unused"]:
        assert c in out


def test_a_folder_without_sources_is_said_and_fails_under_strict(tmp_path, capsys):
    empty = tmp_path / "tei"
    empty.mkdir()
    code, out, err = run_cli(capsys, "validate", empty)
    assert code == 0
    assert err.splitlines()[0] == f"{empty}: warning[no-sources]: no TEI sources (*.xml) found; check the PATHs given"
    assert run_cli(capsys, "validate", "--strict", empty)[0] == 1
