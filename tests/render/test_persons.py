"""The persons index (output/html/persons.html): every declared person, with every
document and every speech where they speak or are named, each linked to the exact
anchor on the document's page; built from several documents, kept when one fails."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.support import SEED, SEED_ID, TEI_DIR, run_cli
from edition import cli
from tests.support import SIGNS, SIGNS_ID, page


@pytest.fixture(scope="module")
def edition(tmp_path_factory):
    out = tmp_path_factory.mktemp("persons") / "output"
    assert cli.main(["build", str(TEI_DIR), str(SIGNS), "--out", str(out)]) == 0
    return out


def entry(out, person_id):
    """{document href: [(kind label, link href, link text)]} for one person."""
    doc = page(out / "html" / "persons.html")
    section = doc.xpath(f"//section[@id='person-{person_id}']")
    assert len(section) == 1, person_id
    found = {}
    for li in section[0].xpath(".//ul[@class='person-documents']/li"):
        href = li.xpath("string(p[@class='person-document']/a/@href)")
        found[href] = [(" ".join(o.xpath("string(span[@class='kind'])").split()), o.xpath("string(a/@href)"),
                        " ".join(o.xpath("string(a)").split()))
                       for o in li.xpath(".//ul[@class='occurrences']/li")]
    return found


def test_every_person_links_to_existing_anchors_in_existing_pages(edition):
    persons = page(edition / "html" / "persons.html")
    links = persons.xpath("//section[@class='person']//a/@href")
    assert len(links) > 10
    for href in links:
        parts = urlsplit(href)
        target = edition / "html" / parts.path
        assert target.is_file(), href
        if parts.fragment:
            assert page(target).xpath(f"//*[@id='{parts.fragment}']"), f"{href}: no such anchor"


def test_each_speech_and_each_naming_of_a_person_is_listed_with_its_anchor(edition):
    mao = entry(edition, "mao")
    seed, signs = f"{SEED_ID}.html", f"{SIGNS_ID}.html"
    assert list(mao) == [seed, signs], "documents by date"
    assert mao[seed] == [
        ("Speaks", f"{seed}#sp-mao-1", "“proposes to discuss the sequence of the meetings and suggests …”"),
        ("Speaks", f"{seed}#sp-mao-2", "“expressed the view that after the small group meeting, they …”"),
        ("Named in the text", f"{seed}#p-1", "“They concur that Cdes. Khrushchev, Mao Zedong, Ponomarev, and Deng …”"),
    ]
    # a speech with an xml:id is linked by it; a name inside another's speech links to that paragraph
    assert [(k, h) for k, h, _ in mao[signs]] == [
        ("Speaks", f"{signs}#mao-reply"), ("Named in the text", f"{signs}#sp-gromyko-1-p1")]


def test_names_in_notes_and_in_the_source_description_are_found_too(edition):
    assert entry(edition, "gromyko")[f"{SIGNS_ID}.html"] == [
        ("Speaks", f"{SIGNS_ID}.html#sp-gromyko-1", "“greeted Cde. Mao and spoke of the kolkhoz system. He …”"),
        ("Named in a note", f"{SIGNS_ID}.html#note-1", "“The addition is in Gromyko's hand.”")]
    khrushchev = entry(edition, "khrushchev")[f"{SEED_ID}.html"]
    assert khrushchev[-1] == ("Named in the source description", f"{SEED_ID}.html#source", "Source"), "in the page's order"


def test_persons_are_sorted_by_surname_or_id_and_listed_once(edition):
    persons = page(edition / "html" / "persons.html")
    ids = persons.xpath("//section[@class='person']/@id")
    assert ids == ["person-deng", "person-gromyko", "person-khrushchev", "person-mao", "person-ponomarev"]
    assert persons.xpath("//nav[@class='persons-toc']//a/@href") == ["#" + i for i in ids]
    assert persons.xpath("string(//section[@id='person-gromyko']/h2)") == "Andrei Gromyko"


def test_a_person_who_neither_speaks_nor_is_named_is_still_listed(tmp_path, variant, capsys):
    path = variant(("<person xml:id=\"deng\">", "<person xml:id=\"kozlov\"><persName>F.R. Kozlov</persName></person>\n          <person xml:id=\"deng\">"))
    code, _, err = run_cli(capsys, "build", path, "--out", tmp_path / "out")
    assert code == 0 and "warning[person-unused]" in err
    persons = page(tmp_path / "out" / "html" / "persons.html")
    assert "neither speaks nor is named" in persons.xpath("string(//section[@id='person-kozlov'])")


def test_the_persons_index_is_kept_when_a_source_has_errors(tmp_path, seed_text, capsys):
    src = tmp_path / "tei"
    src.mkdir()
    (src / SEED.name).write_text(seed_text, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(capsys, "build", src, "--out", out)[0] == 0
    before = (out / "html" / "persons.html").read_bytes()
    (src / SEED.name).write_text(seed_text.replace('<sp who="#khrushchev">', '<sp who="#nobody">'), encoding="utf-8")
    assert run_cli(capsys, "build", src, "--out", out)[0] == 1
    assert (out / "html" / "persons.html").read_bytes() == before
