"""How to cite: the recommended citation on the page and in the text edition, and the
citation data the build writes for each document (output/cite/ID.json, CSL-JSON;
output/cite/ID.bib, BibTeX), with the edition's address set by --param edition-url."""

from __future__ import annotations

import json
import re

import pytest

from tests.support import SEED, SEED_ID, run_cli
from tests.support import SIGNS, html_of, render

SEED_CITATION = (
    "“Conversation of N.S. Khrushchev with Mao Zedong, July 31, 1958, at the Airport,” July 31, 1958. "
    "RGANI, f. 52, op. 1, d. 498, l. 43. Contributed by Alexander V. Pantsov and Nikita Yu. Pivovarov; "
    "translated by Steven I. Levine. Wilson Center Digital Archive.")  # no edition URL configured: no address


# ------------------------------------------------------------------ BibTeX, parsed

def parse_bibtex(text: str) -> tuple[str, str, dict[str, str]]:
    """(entry type, key, {field: raw value}) of a file holding one entry; every value braced.
    Fails on unbalanced braces or anything after the entry."""
    m = re.match(r"\s*@(\w+)\{([^,\s{}]+),\n", text)
    assert m, text[:80]
    pos, fields = m.end(), {}
    while True:
        fm = re.compile(r"\s*(\w+)\s*=\s*\{").match(text, pos)
        if not fm:
            break
        depth, i = 1, fm.end()
        while depth:
            assert i < len(text), f"unbalanced braces in {fm.group(1)}"
            c = text[i]
            if c == "\\":
                i += 2
                continue
            depth += {"{": 1, "}": -1}.get(c, 0)
            i += 1
        fields[fm.group(1)] = text[fm.end():i - 1]
        pos = i
        if text.startswith(",", pos):
            pos += 1
    assert text[pos:] == "\n}\n", f"trailing text: {text[pos:]!r}"
    return m.group(1), m.group(2), fields


TEX = {r"\textbackslash{}": "\\", r"\{": "{", r"\}": "}", r"\$": "$", r"\&": "&", r"\%": "%",
       r"\#": "#", r"\_": "_", r"\^{}": "^", r"\~{}": "~"}


def untex(value: str) -> str:
    return re.sub("|".join(re.escape(k) for k in TEX), lambda m: TEX[m.group(0)], value)


def unescaped_specials(value: str) -> list[str]:
    """TeX special characters in a value that are not escaped (braces of the value's own
    grouping excepted: a whole value may be wrapped in one extra pair)."""
    stripped = re.sub("|".join(re.escape(k) for k in TEX), "", value)
    if stripped.startswith("{") and stripped.endswith("}"):
        stripped = stripped[1:-1]
    return re.findall(r"[\\{}$&%#_^~]", stripped)


# ------------------------------------------------------------------ the seed, built

@pytest.fixture(scope="module")
def csl(built):
    return json.loads((built / "cite" / f"{SEED_ID}.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bib(built):
    return (built / "cite" / f"{SEED_ID}.bib").read_text(encoding="utf-8")


def test_the_page_gives_the_citation_and_links_the_citation_data(built):
    page = html_of(SEED)
    section = page.xpath("//section[@id='cite']")[0]
    assert section.xpath("string(h2)") == "How to cite"
    assert " ".join(section.xpath("string(p[@class='citation'])").split()) == SEED_CITATION
    links = section.xpath(".//a/@href")
    assert links == [f"../cite/{SEED_ID}.json", f"../cite/{SEED_ID}.bib", f"../tei/{SEED_ID}.xml"]
    for href in links:
        assert (built / "html" / href).resolve().is_file()


def test_the_text_edition_gives_the_same_citation(built):
    text = (built / "text" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    section = text.split("HOW TO CITE\n-----------\n\n", 1)[1].split("\n\n")
    assert " ".join(section[0].split()) == SEED_CITATION
    assert f"CSL-JSON:      ../cite/{SEED_ID}.json" in section[1]
    assert f"BibTeX:        ../cite/{SEED_ID}.bib" in section[1]


def test_csl_json_has_the_shape_reference_managers_read(csl):
    assert isinstance(csl, list) and len(csl) == 1
    item = csl[0]
    assert item["id"] == SEED_ID
    assert item["type"] == "manuscript"
    assert item["title"] == "Conversation of N.S. Khrushchev with Mao Zedong, July 31, 1958, at the Airport"
    assert item["issued"] == {"date-parts": [[1958, 7, 31]]}
    assert item["contributor"] == [{"family": "Pantsov", "given": "Alexander V."},
                                   {"family": "Pivovarov", "given": "Nikita Yu."}]
    assert item["translator"] == [{"family": "Levine", "given": "Steven I."}]
    assert item["archive"] == "RGANI"
    assert item["archive_location"] == "f. 52, op. 1, d. 498, l. 43"
    assert "URL" not in item, "no edition URL configured: no address, not a placeholder"
    assert item["genre"] == "Memorandum of Conversation"
    assert "accessed" not in item, "the access date is the reader's"
    for names in ("author", "editor", "contributor", "translator"):
        for name in item.get(names, []):
            assert set(name) in ({"family", "given"}, {"family"}, {"literal"}), name


def test_bibtex_entry_parses_with_balanced_braces(bib):
    kind, key, fields = parse_bibtex(bib)
    assert (kind, key) == ("misc", SEED_ID)
    assert untex(fields["title"]) == "{Conversation of N.S. Khrushchev with Mao Zedong, July 31, 1958, at the Airport}"
    assert fields["translator"] == "Levine, Steven I."
    assert (fields["date"], fields["year"], fields["month"]) == ("1958-07-31", "1958", "7")
    assert "RGANI, f. 52, op. 1, d. 498, l. 43." in fields["note"]
    assert "Contributed by Alexander V. Pantsov and Nikita Yu. Pivovarov." in fields["note"]
    assert "url" not in fields, "no edition URL configured: no address, not a placeholder"
    for name, value in fields.items():
        assert unescaped_specials(value) == [], name


# ------------------------------------------------------------------ variants

def test_edition_url_parameter_reaches_page_text_and_citation_data(tmp_path, capsys):
    out = tmp_path / "out"
    code, _, _ = run_cli(capsys, "build", SEED, "--out", out, "--param", "edition-url=https://example.org/edition/")
    assert code == 0
    url = f"https://example.org/edition/{SEED_ID}.html"
    page = html_of(SEED, **{"edition-url": "https://example.org/edition/"})
    assert page.xpath("string(//p[@class='citation'])").endswith(f"{url} (accessed [date]).")
    text = (out / "text" / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    assert f"{url} (accessed [date])." in " ".join(text.split())
    assert url in text, "the address is not broken across lines"
    assert json.loads((out / "cite" / f"{SEED_ID}.json").read_text(encoding="utf-8"))[0]["URL"] == url
    assert parse_bibtex((out / "cite" / f"{SEED_ID}.bib").read_text(encoding="utf-8"))[2]["url"] == url


def test_names_are_split_only_where_the_header_splits_them():
    item = json.loads(render(SIGNS, "csl.xsl"))[0]
    assert item["author"] == [{"family": "Petrov", "given": "Ivan"}]
    assert item["editor"] == [{"literal": "Archive Staff"}]
    assert item["contributor"] == [{"family": "Smith", "given": "Anna"}]
    assert item["translator"] == [{"literal": "Translation Collective"}]
    fields = parse_bibtex(render(SIGNS, "bibtex.xsl"))[2]
    assert fields["author"] == "Petrov, Ivan"
    assert fields["editor"] == "{Archive Staff}"
    assert fields["translator"] == "{Translation Collective}"
    citation = " ".join(html_of(SIGNS).xpath("string(//p[@class='citation'])").split())
    assert citation.startswith("Ivan Petrov, “Record of a Conversation with Every Editorial Sign, August 3, 1958,” August 3, 1958.")
    assert "Edited by Archive Staff; contributed by Anna Smith; translated by Translation Collective." in citation


SPECIAL = 'Notes on 50% & $5 #1 a_b {x} ~y ^z \\w "q" ’'


def test_special_characters_are_escaped_in_bibtex_and_json(variant):
    path = variant(("<title>Conversation of N.S. Khrushchev with Mao Zedong, July 31, 1958, at the Airport</title>",
                    f"<title>{SPECIAL.replace('&', '&amp;')}</title>"))
    fields = parse_bibtex(render(path, "bibtex.xsl"))[2]
    assert untex(fields["title"]) == "{" + SPECIAL + "}"
    assert unescaped_specials(fields["title"]) == []
    assert json.loads(render(path, "csl.xsl"))[0]["title"] == SPECIAL


def test_date_ranges_and_partial_dates_become_date_parts(variant):
    ranged = variant(('<date when="1958-07-31">July 31, 1958</date>\n        <placeName',
                      '<date from="1958-07-31" to="1958-08-03">July 31 to August 3, 1958</date>\n        <placeName'))
    assert json.loads(render(ranged, "csl.xsl"))[0]["issued"] == {"date-parts": [[1958, 7, 31], [1958, 8, 3]]}
    header = html_of(ranged).xpath("//header")[0]
    assert "July 31 to August 3, 1958" in header.text_content()
    assert all("/" not in d for d in header.xpath(".//time/@datetime")), "a <time> holds one date, not a range"
    month = variant(('<date when="1958-07-31">July 31, 1958</date>\n        <placeName',
                     '<date when="1958-07">July 1958</date>\n        <placeName'), name="month.xml")
    assert json.loads(render(month, "csl.xsl"))[0]["issued"] == {"date-parts": [[1958, 7]]}
    fields = parse_bibtex(render(month, "bibtex.xsl"))[2]
    assert (fields["date"], fields["year"], fields["month"]) == ("1958-07", "1958", "7")


def test_citation_punctuation_without_a_date_and_with_a_question_title(variant):
    undated = variant(('<date when="1958-07-31">July 31, 1958</date>\n        <placeName', '<placeName'))
    citation = " ".join(html_of(undated).xpath("string(//p[@class='citation'])").split())
    assert citation.startswith("“Conversation of N.S. Khrushchev with Mao Zedong, July 31, 1958, at the Airport.” RGANI,")
    asking = variant(("at the Airport</title>", "at the Airport?</title>"), name="asking.xml")
    citation = " ".join(html_of(asking).xpath("string(//p[@class='citation'])").split())
    assert "at the Airport?” July 31, 1958. RGANI" in citation
