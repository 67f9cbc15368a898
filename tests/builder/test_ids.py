"""Document ids name the output files: what could not be written on some file system is refused by
`edition validate` and `edition build` alike, before anything is written: an id too long in bytes,
an edition page's name in another case, a Windows device name, characters a file name cannot have,
and two ids that differ only in case (one file on macOS and Windows)."""

from __future__ import annotations

import re

import pytest

from tests.support import SEED_ID, run_cli
from edition.render import formats

def write_doc(folder, doc_id: str, seed_text: str):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{doc_id}.xml"
    path.write_text(seed_text.replace(f'xml:id="{SEED_ID}"', f'xml:id="{doc_id}"'), encoding="utf-8")
    return path


@pytest.mark.parametrize("doc_id", ["Index", "PERSONS", "CON", "nul", "Com1", "LPT9", "aux.draft", "Prn.v2"])
def test_ids_that_cannot_name_a_file_everywhere_are_refused_by_validate_and_build(doc_id, tmp_path, seed_text, capsys):
    path = write_doc(tmp_path / "tei", doc_id, seed_text)
    for command in (["validate", path], ["build", path, "--out", tmp_path / "out"]):
        exit_code, _, err = run_cli(capsys, *command)
        assert exit_code == 1, err
        assert f'{path}:3:1: error[unsafe-id]: document id "{doc_id}" cannot name an output file' in err, err
    assert not list((tmp_path / "out" / "html").glob(f"{doc_id}*"))


def test_an_id_as_long_as_file_names_allow_builds_and_one_byte_more_is_refused(tmp_path, seed_text, capsys):
    """File names are limited in bytes (255); the longest output name is the id, ".html" and the
    temporary name it is written under: 236 bytes of id, 118 "é"."""
    longest = write_doc(tmp_path / "ok", "é" * 118, seed_text)
    exit_code, _, err = run_cli(capsys, "build", longest, "--out", tmp_path / "out-ok")
    assert exit_code == 0, err
    assert (tmp_path / "out-ok" / "html" / f"{'é' * 118}.html").is_file()

    too_long = write_doc(tmp_path / "bad", "é" * 119, seed_text)
    for command in (["validate", too_long], ["build", too_long, "--out", tmp_path / "out-bad"]):
        exit_code, _, err = run_cli(capsys, *command)
        assert exit_code == 1, err  # not "OSError: File name too long" half-way through the build
        assert re.search(r":3:1: error\[id-too-long\]: document id \"é+\.\.\.\" is 238 bytes long as a file name;", err), err
        assert "at most 236 bytes" in err and "Traceback" not in err and "internal error" not in err
    assert formats.MAX_ID_BYTES == 236


def test_ids_that_differ_only_in_case_are_reported_as_duplicates(tmp_path, seed_text, capsys):
    """On macOS and Windows "Foo" and "foo" name one file: the second would overwrite the first."""
    src = tmp_path / "tei"
    write_doc(src, "Foo", seed_text)
    second = write_doc(src, "foo", seed_text)
    exit_code, _, err = run_cli(capsys, "build", src, "--out", tmp_path / "out")
    assert exit_code == 1, err
    assert (f'{second}:3:1: error[doc-id-duplicate]: document id "foo" differs from "Foo" (used by {src / "Foo.xml"}) '
            f"only in case") in err, err


@pytest.mark.parametrize("doc_id, safe", [
    ("khrushchev-mao-1958", True), ("index", False), ("Index", False), ("INDEX", False), ("persons", False),
    ("Persons", False), ("index2", True), ("con", False), ("CON", False), ("con.x", False), ("console", True),
    ("COM1", False), ("com9", False), ("COM10", True), ("lpt1", False), ("LPT1.txt", False), ("aux", False),
    ("NUL", False), ("nul.tar.gz", False), ("prn", False), ("a?b", False), ("a*b", False), ("a|b", False),
    ('a"b', False), ("a<b", False), ("a:b", False), ("a/b", False), ("a\\b", False), (".hidden", False),
    ("-x", False), ("", False), ("a" * 236, True), ("a" * 237, False), ("é" * 118, True), ("é" * 119, False),
    ("e\u0301" * 78, True), ("e\u0301" * 79, False),  # decomposed: 3 bytes each
])
def test_safe_name(doc_id, safe):
    assert formats.safe_name(doc_id) is safe
