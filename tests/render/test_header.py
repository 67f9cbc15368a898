"""Header facts beyond the seed's: every part of the archival description, a source given
in prose, editorial principles, the edition statement, the setting and what the header
says about a person reach both formats (no text dropped between TEI and outputs)."""

from __future__ import annotations

import pytest

from tests.support import html_of, render

HEADER = [
    ("<publicationStmt>", "<editionStmt><p>Second electronic edition.</p></editionStmt>\n      <publicationStmt>"),
    ("<msIdentifier>\n            <repository>RGANI</repository>",
     "<msIdentifier>\n            <country>Russia</country><settlement>Moscow</settlement><repository>RGANI</repository>"
     "<collection>Khrushchev papers</collection>"),
    ("</msIdentifier>", "</msIdentifier><head>Memorandum, Beijing</head>"),
    ('<textLang mainLang="ru">Russian</textLang>',
     '<title>Zapis besedy</title><textLang mainLang="ru">Russian</textLang><note type="archival">Stamped "secret".</note>'),
    ('<objectDesc form="typescript"/>', '<objectDesc form="typescript"><p>Two carbon copies.</p></objectDesc>'),
    ("<provenance type=\"copy\">", "<origin>Drafted by Fedorenko.</origin><provenance type=\"copy\">"),
    ("</provenance>", "</provenance><acquisition>Declassified in 1995.</acquisition>"),
    ("</msDesc>", "</msDesc>\n        <p>Also printed in a 1998 collection of documents.</p>"),
    ("</fileDesc>", "</fileDesc>\n    <encodingDesc><editorialDecl><p>Spelling is kept as printed.</p></editorialDecl></encodingDesc>"),
    ("<persName>Ponomarev</persName>",
     "<persName>Ponomarev</persName><occupation>head of the International Department</occupation><birth when=\"1905-01-07\">1905</birth>"),
    ("<listPlace>", "<p>The VIP lounge of the airport.</p>\n        <listPlace>"),
]

FACTS = ["Second electronic edition.", "Russia", "Moscow", "Khrushchev papers", "Memorandum, Beijing",
         "Zapis besedy", 'Stamped "secret".', "Two carbon copies.", "Drafted by Fedorenko.",
         "Declassified in 1995.", "Also printed in a 1998 collection of documents.",
         "Spelling is kept as printed.", "Ponomarev, head of the International Department; born 1905",
         "The VIP lounge of the airport."]


@pytest.fixture(scope="module")
def rich(tmp_path_factory):
    from tests.support import SEED
    text = SEED.read_text(encoding="utf-8")
    for old, new in HEADER:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path_factory.mktemp("rich") / SEED.name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_variant_is_valid(rich, capsys):
    from tests.support import run_cli
    code, _, err = run_cli(capsys, "validate", rich)
    assert code == 0, err


@pytest.mark.parametrize("fact", FACTS)
def test_every_header_fact_reaches_both_formats(rich, fact):
    assert fact in " ".join(html_of(rich).text_content().split())
    assert fact in " ".join(render(rich, "text.xsl").split())


def test_source_panel_labels_each_fact(rich):
    page = html_of(rich)
    facts = dict(zip([" ".join(d.text_content().split()) for d in page.xpath("//section[@id='source']//dt")],
                     [" ".join(d.text_content().split()) for d in page.xpath("//section[@id='source']//dd")]))
    assert facts["Country"] == "Russia"
    assert facts["Physical description"] == "Two carbon copies."
    assert facts["Origin"] == "Drafted by Fedorenko."
    assert facts["Acquisition"] == "Declassified in 1995."
    assert facts["Copy"] == "N.S. Khrushchev’ Copy."
    assert page.xpath("string(//section[@id='principles']/h2)") == "Editorial principles"


def test_the_persons_index_says_what_the_header_says_about_a_person(rich, tmp_path, capsys):
    from tests.support import run_cli
    from tests.support import page
    assert run_cli(capsys, "build", rich, "--out", tmp_path / "out")[0] == 0
    persons = page(tmp_path / "out" / "html" / "persons.html")
    assert persons.xpath("string(//section[@id='person-ponomarev']/p[@class='person-details'])") == \
        "head of the International Department; born 1905"
