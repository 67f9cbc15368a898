"""edition import links speakers to the edition's register of persons: a speaker whose name or
a variant is an entry's is pointed at that entry instead of being declared again; the report
says which were linked and which are new; the draft validates against the register."""

from __future__ import annotations

from lxml import etree

from edition.builder.publish import publish
from edition.config import Config
from tests.builder.test_incremental_property import register
from tests.support import ROOT, run_cli

FIXTURE = ROOT / "tests" / "fixtures" / "import" / "plain-colon-spellings.txt"
TEI = "{http://www.tei-c.org/ns/1.0}"


def test_a_speaker_of_the_register_is_linked_and_the_others_are_new(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tei" / "registers").mkdir(parents=True)
    # the register knows Kovalenko under another name, with the spelling the transcript uses as a variant
    (tmp_path / "tei" / "registers" / "persons.xml").write_text(register([("kovalenko", "Nikolai Kovalenko")]).replace(
        "<persName>Nikolai Kovalenko</persName>",
        '<persName>Nikolai Kovalenko</persName><persName type="variant">N.S. Kovalenko</persName>'))
    code, _, err = run_cli(capsys, "import", FIXTURE, "-o", "tei/talk.xml")
    assert code == 0, err
    assert "register of persons (tei/registers/persons.xml): 1 linked, 1 new" in err
    assert "registers/persons.xml#kovalenko N.S. Kovalenko: 3 turns" in err and "(linked to the register)" in err
    assert "#minh Tran Van Minh: 3 turns" in err and "(new: not in the register)" in err
    draft = etree.parse(str(tmp_path / "tei" / "talk.xml"))
    whos = [sp.get("who") for sp in draft.iter(TEI + "sp")]
    assert whos == ["registers/persons.xml#kovalenko", "#minh"] * 3
    participants = [(p.get("sameAs"), p.get("{http://www.w3.org/XML/1998/namespace}id")) for p in draft.iter(TEI + "person")]
    assert participants == [("registers/persons.xml#kovalenko", None), (None, "minh")]
    # the draft builds with the register: Kovalenko's entry on the persons page lists his speeches
    built = publish([tmp_path / "tei"], tmp_path / "out", Config(jobs=1))
    assert not [d for d in built.diagnostics if d.is_error]
    persons = (tmp_path / "out" / "html" / "persons.html").read_text(encoding="utf-8")
    assert 'id="person-kovalenko"' in persons and "3 speeches" in persons


def test_without_a_register_every_speaker_is_declared(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tei").mkdir()
    code, _, err = run_cli(capsys, "import", FIXTURE, "-o", "tei/talk.xml")
    assert code == 0 and "register of persons" not in err
    assert 'who="#kovalenko"' in (tmp_path / "tei" / "talk.xml").read_text(encoding="utf-8")
