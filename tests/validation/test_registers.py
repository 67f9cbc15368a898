"""The registers' rules: one fixture folder per rule (tests/fixtures/registers/NAME/: an edition with
registers/persons.xml and its documents), each asserted exactly, by ``edition validate`` and by
``edition build`` (which must say the same)."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition.builder.publish import publish
from edition.config import Config
from edition.report.codes import CODES
from edition.validation import check_all
from tests.support import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "registers"

# folder -> [(file, line:col: severity[code], a part of the message)]
EXPECTED = {
    "resolves": [],
    "unresolved": [
        ("record.xml", "22:9: error[who-unresolved]", '"registers/persons.xml#nobody" names no entry of the register'),
        ("record.xml", "28:21: error[ref-unresolved]", 'add <person xml:id="grmyko"> there, or fix the id'),
    ],
    "wrong-kind": [("record.xml", "23:24: error[ref-unresolved]", "points to a <person> of the register")],
    "name-differs": [
        ("b-second.xml", "13:11: warning[name-differs]",
         'person "mao" is named "Mao Tse-tung" here but "Mao Zedong" in name-differs/registers/persons.xml'),
        ("b-second.xml", "14:11: warning[name-differs]",
         'named "Andrei Andreyevich Gromyko" here but "A.A. Gromyko" in name-differs/a-first.xml'),
    ],
    "unused": [("registers/persons.xml", "18:7: warning[register-unused]", 'no document points at the person "gromyko"')],
    "authority-duplicate": [("registers/persons.xml", "20:9: error[authority-duplicate]",
                             'the authority id Wikidata Q5816 of "mao-zedong" is also that of "mao"')],
}


def _got(result, folder: Path):
    return [(Path(d.path).relative_to(folder.name).as_posix(), f"{d.line}:{d.column}: {d.severity}[{d.code}]", d.message)
            for d in result.diagnostics]


def test_every_fixture_folder_is_in_the_table():
    assert sorted(p.name for p in FIXTURES.iterdir() if p.is_dir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_validate_reports_exactly(name, monkeypatch):
    monkeypatch.chdir(FIXTURES)
    got = _got(check_all([Path(name)], Config()), Path(name))
    assert [g[:2] for g in got] == [e[:2] for e in EXPECTED[name]], got
    for (_, _, message), (_, _, fragment) in zip(got, EXPECTED[name]):
        assert fragment in message


@pytest.mark.parametrize("name", ["name-differs", "unused", "unresolved"])
def test_build_reports_what_validate_does(name, monkeypatch, tmp_path):
    monkeypatch.chdir(FIXTURES)
    built = publish([Path(name)], tmp_path / "out", Config(jobs=1))
    built.extra = [d for d in built.extra if d.code != "index-kept"]  # a build with errors keeps its pages: said
    assert _got(built, Path(name)) == _got(check_all([Path(name)], Config()), Path(name))


def test_a_partial_validation_does_not_call_entries_unused(monkeypatch):
    """Only a check of the whole edition knows that no document points at an entry."""
    monkeypatch.chdir(FIXTURES)
    assert not check_all([Path("unused/record.xml")], Config()).diagnostics


def test_registers_are_not_documents(monkeypatch, tmp_path):
    """The registers folder is read as registers: no page is rendered of it."""
    monkeypatch.chdir(FIXTURES)
    result = publish([Path("resolves")], tmp_path / "out", Config(jobs=1))
    assert not result.diagnostics
    assert not (tmp_path / "out" / "html" / "persons.xml.html").exists()
    assert sorted(p.name for p in (tmp_path / "out" / "html").glob("*.html")) == ["index.html", "persons.html", "places.html", "record.html"]
    # the register travels with the sources, so that the copy's pointers resolve
    assert (tmp_path / "out" / "tei" / "registers" / "persons.xml").read_bytes() == \
        (FIXTURES / "resolves" / "registers" / "persons.xml").read_bytes()


def test_the_codes_are_registered():
    for code in ("authority-duplicate", "register-outside", "name-differs", "register-unused"):
        assert code in CODES
    documented = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    for code in ("authority-duplicate", "register-outside", "name-differs", "register-unused"):
        assert f"`{code}`" in documented
