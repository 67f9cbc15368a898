"""The seed's substance is in the TEI, in the HTML a reader sees and in the text edition."""

from __future__ import annotations

import pytest
from lxml import etree

from tests.support import SEED, SEED_ID, SEED_PAGE, reading_text_of_tei, text_edition_flat, visible_text

# Every fact of the Wilson Center page, as printed there.
TRANSCRIPT = [
    "July 31, at the airport",
    "MAO ZEDONG proposes to discuss the sequence of the meetings and suggests the expediency of a small group meeting initially.",
    "They concur that Cdes. Khrushchev, Mao Zedong, Ponomarev, and Deng Xiaoping will take part in the conversation.",
    "MAO ZEDONG expressed the view that after the small group meeting, they convene a larger group.",
    "N.S. KHRUSHCHEV accepted the proposal.",
]
NOTE = "Written in pencil."
SUMMARY = "At the airport in Beijing, Mao and Khrushchev agree on how to organize their meetings over the next several days."
DOCUMENT_TYPE = "Memorandum of Conversation"
FUNDER = "This document was made possible with support from Blavatnik Family Foundation"
TITLE = "Conversation of N.S. Khrushchev with Mao Zedong, July 31, 1958, at the Airport"
CITATIONS = [
    "RGANI. Collection 52. Inventory 1. File 498. Sheets 43. Typescript. N.S. Khrushchev’ Copy.",
    "RGANI, f. 52, op. 1, d. 498, l. 43.",
]
CREDITS = [
    "Contributed by Alexander V. Pantsov and Nikita Yu. Pivovarov",
    "Translated by Steven I. Levine",
]
RELATED = [
    ("July 31, 1958", "First Conversation between N.S. Khrushchev and Mao Zedong, Hall of Huaizhentan [Beijing]",
     "Mao Zedong and N.S. Khrushchev discuss a joint navy, use of China’s coastline and advisers in both countries."),
    ("August 1, 1958", "Second Conversation of N.S. Khrushchev with Mao Zedong, August 1, 1958, in Zhongnanhai",
     "On this second day of the talks, international affairs were the main topic of conversation."),
    ("August 2, 1958", "Third Conversation of N.S. Khrushchev with Mao Zedong, August 2, 1958, in Fengziyuan",
     "Specifically, Mao spoke at length to Khrushchev about the successes of the Great Leap."),
    ("August 3, 1958", "Fourth Conversation between N.S. Khrushchev and Mao Zedong, Hall of Qinjendiang [Beijing]",
     "Mao and Khrushchev discuss the building of American bases around the Soviet Union, nuclear weapons testing and President Eisenhower."),
]
RIGHTS = [
    "The History and Public Policy Program welcomes reuse of Digital Archive materials for research and educational purposes.",
    "To enquire about this document's rights status or request permission for commercial use, please contact the History and Public Policy Program at [email protected].",
]
ALL_FACTS = TRANSCRIPT + [NOTE, SUMMARY, DOCUMENT_TYPE, TITLE] + CITATIONS + CREDITS + [x for r in RELATED for x in r] + RIGHTS


@pytest.fixture(scope="module")
def html_text(built):
    return visible_text(built / "html" / f"{SEED_ID}.html")


@pytest.fixture(scope="module")
def txt(built):
    return text_edition_flat(built / "text" / f"{SEED_ID}.txt")


@pytest.mark.parametrize("fact", TRANSCRIPT + [NOTE, SUMMARY, DOCUMENT_TYPE, TITLE] + [x for r in RELATED for x in r] + RIGHTS)
def test_fact_is_in_the_tei(fact):
    tei = reading_text_of_tei(SEED)
    # the speaker label and its speech are separate elements; the TEI keeps them apart by whitespace
    assert fact in tei


@pytest.mark.parametrize("fact", ALL_FACTS + [FUNDER])
def test_fact_is_visible_in_the_html(fact, html_text):
    assert fact in html_text


@pytest.mark.parametrize("fact", ALL_FACTS + [FUNDER])
def test_fact_is_in_the_text_edition(fact, txt):
    assert fact in txt


def test_tei_encodes_the_facts_in_tei_elements():
    ns = {"t": "http://www.tei-c.org/ns/1.0"}
    doc = etree.parse(str(SEED))
    x = lambda path: doc.xpath(path, namespaces=ns)
    assert x("string(/t:TEI/@xml:id)") == SEED_ID
    assert x("//t:profileDesc/t:creation/t:date/@when") == ["1958-07-31"]
    assert x("//t:profileDesc/t:creation/t:placeName/@ref") == ["#beijing-airport"]
    assert x("string(//t:term[@type='documentType'])") == DOCUMENT_TYPE
    assert x("string(//t:titleStmt/t:funder)") == "Blavatnik Family Foundation"
    note = x("//t:text//t:dateline/t:note")
    assert len(note) == 1 and note[0].get("type") == "editorial" and note[0].get("n") == "1"
    assert [p.get("{http://www.w3.org/XML/1998/namespace}id") for p in x("//t:particDesc//t:person")] == [
        "khrushchev", "mao", "ponomarev", "deng"]
    assert [(sp.get("who"), sp.findtext("t:speaker", namespaces=ns)) for sp in x("//t:sp")] == [
        ("#mao", "MAO ZEDONG"), ("#mao", "MAO ZEDONG"), ("#khrushchev", "N.S. KHRUSHCHEV")]
    assert sorted(x("//t:text//t:persName/@ref")) == sorted(["#khrushchev", "#mao", "#ponomarev", "#deng"])
    ms = x("//t:sourceDesc/t:msDesc")[0]
    assert ms.findtext("t:msIdentifier/t:repository", namespaces=ns) == "RGANI"
    assert {i.get("type"): i.text for i in ms.iterfind("t:msIdentifier/t:idno", ns)} == {"fond": "52", "opis": "1", "delo": "498"}
    assert ms.find("t:msContents/t:msItem/t:locus", ns).get("from") == "43"
    assert ms.find("t:physDesc/t:objectDesc", ns).get("form") == "typescript"
    assert x("//t:msItem/t:textLang/@mainLang") == ["ru"] and x("string(/t:TEI/@xml:lang)") == "en"
    assert [(r.get("key"), r.text) for r in x("//t:titleStmt/t:respStmt/t:resp")] == [
        ("ctb", "Contributed by"), ("trl", "Translated by")]
    assert len(x("//t:listBibl[@type='related']/t:bibl")) == 4
    assert all(b.find("t:date", ns).get("when") for b in x("//t:listBibl/t:bibl"))
    assert x("//t:choice/t:abbr/text()") == ["Cdes."]


CHROME = {"Skip to content", "Original Uploaded Date", "Record ID", "Document Information", "Related Documents"}


@pytest.mark.skipif(not SEED_PAGE.exists(), reason=f"the seed's page text ({SEED_PAGE}) is not on this machine")
def test_every_line_of_the_seed_page_reaches_both_outputs(html_text, txt):
    """Each non-chrome line of the archive's page, as printed, is in both editions."""
    special = {  # lines the page runs together, rendered as their parts
        "[1] Written in pencil.": ["Written in pencil."],
        "RGANI, f. 52, op. 1, d. 498, l. 43. Contributed by Alexander V. Pantsov and Nikita Yu. Pivovarov and translated by Steven I. Levine":
            ["RGANI, f. 52, op. 1, d. 498, l. 43.", "Contributed by Alexander V. Pantsov and Nikita Yu. Pivovarov",
             "Translated by Steven I. Levine"],
        "Blavatnik Family Foundation": ["Blavatnik Family Foundation"],
    }
    lines = [" ".join(l.split()) for l in SEED_PAGE.read_text(encoding="utf-8").splitlines()]
    lines = [l for l in lines if l and l not in CHROME]
    assert len(lines) > 20
    for line in lines:
        for part in special.get(line, [line]):
            assert part in html_text, f"not in the HTML: {part}"
            assert part in txt, f"not in the text edition: {part}"
