"""The grammar: accepts the edition, rejects broken variants of the seed at the right line."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.support import TEI_ALL, TEI_DIR, line_of, run_cli
from edition import resources
from edition.validation import relaxng as validate


@pytest.fixture(scope="session")
def tei_all():
    if not TEI_ALL.exists():
        pytest.skip(f"the full TEI P5 schema ({TEI_ALL}) is not on this machine")
    return validate.compile_schema(TEI_ALL)  # ~8 s: once per session, shared with test_validate.py and builds


def test_schema_admits_only_tei_elements():
    rng = etree.parse(str(resources.schema()))
    ns = {"r": "http://relaxng.org/ns/structure/1.0"}
    assert rng.getroot().get("ns") == "http://www.tei-c.org/ns/1.0"
    assert rng.xpath("//r:element[@ns and @ns != 'http://www.tei-c.org/ns/1.0']", namespaces=ns) == []
    assert rng.xpath("//r:anyName | //r:nsName", namespaces=ns) == []
    names = set(rng.xpath("//r:element/@name", namespaces=ns))
    for sign in ["supplied", "unclear", "gap", "choice", "sic", "corr", "abbr", "expan", "foreign", "hi",
                 "pb", "lb", "persName", "placeName", "orgName", "date", "ref"]:
        assert sign in names


@pytest.mark.parametrize("source", sorted(TEI_DIR.glob("*.xml")), ids=lambda p: p.name)
def test_edition_sources_are_valid_tei_p5(source, tei_all):
    doc = etree.parse(str(source))
    assert tei_all.relaxng.validate(doc), str(tei_all.relaxng.error_log)


def test_edition_sources_validate_clean(capsys):
    code, out, err = run_cli(capsys, "validate", TEI_DIR)
    assert code == 0, err
    assert "0 errors, 0 warnings" in err


EDITORIAL_SIGNS = """<p>We <supplied reason="omitted">met</supplied> <unclear>there</unclear> <gap reason="illegible" quantity="2" unit="words"/>
 <choice><sic>teh</sic><corr>the</corr></choice> <foreign xml:lang="ru">u nas</foreign> <hi rend="italic">now</hi><pb n="44"/><lb/>
 <orgName>CPSU</orgName> <ref target="https://example.org/">link</ref>.</p>"""


def test_schema_admits_the_usual_editorial_signs(variant, capsys):
    path = variant(("<sp who=\"#khrushchev\">", EDITORIAL_SIGNS + "\n        <sp who=\"#khrushchev\">"))
    code, out, err = run_cli(capsys, "validate", path)
    assert code == 0, err


BROKEN = [
    # (id, replacements, code, line marker in the variant)
    ("speech-without-speaker",
     [("<speaker>MAO ZEDONG</speaker>\n          <p>proposes", "<p>proposes")], "schema-element", "<p>proposes"),
    ("note-without-type",
     [('<note type="editorial" n="1"', '<note n="1"')], "schema-attribute", '<note n="1"'),
    ("date-without-value",
     [('<date when="1958-07-31">July 31</date>', "<date>July 31</date>")], "schema-attribute", "<date>July 31"),
    ("unknown-element",
     [("<p>They concur", "<para/><p>They concur")], "schema-element", "<para/>"),
    ("attribute-not-allowed",
     [('<sp who="#khrushchev">', '<sp who="#khrushchev" speaker="N.S.">')], "schema-attribute", 'speaker="N.S."'),
    ("paragraph-in-paragraph",
     [("accepted the proposal.", "accepted <p>the</p> proposal.")], "schema-element", "accepted <p>the"),
    ("impossible-date",
     [('when="1958-08-01"', 'when="1958-02-30"')], "schema-value", 'when="1958-02-30"'),
    ("wrong-namespace",
     [('xmlns="http://www.tei-c.org/ns/1.0"', 'xmlns="http://example.org/not-tei"')], "schema-namespace", "<TEI "),
    ("person-without-id",
     [('<person xml:id="deng">', "<person>"), ('ref="#deng"', 'ref="#mao"')], "schema-attribute", "<person>"),
]


@pytest.mark.parametrize("name,replacements,code,marker", BROKEN, ids=[b[0] for b in BROKEN])
def test_schema_rejects_broken_variant(name, replacements, code, marker, variant, capsys):
    path = variant(*replacements)
    rc, out, err = run_cli(capsys, "validate", path)
    assert rc == 1
    lines = [l for l in err.splitlines() if ": error[" in l]
    expected = f"{path}:{line_of(path, marker)}:"
    assert any(l.startswith(expected) and f"error[{code}]" in l for l in lines), err
