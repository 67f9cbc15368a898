"""Regions of the page: header, transcript, what follows it, related documents, document
information; each in the place of the draft the edition's sources give it."""

from __future__ import annotations

from lxml import etree

from tests.importer.support import NS, import_fixture, xpath


def test_wilson_seedlike_metadata_is_structured_like_the_seed():
    imp = import_fixture("wilson-seedlike.txt")
    x = lambda p: xpath(imp, p)
    assert x("string(//t:titleStmt/t:title)") == "Record of Conversation of V.P. Orlov with Li Weiming, March 3, 1957, in Harbin"
    assert x("string(//t:titleStmt/t:funder)") == "Northfield Archival Trust"
    assert [(r.find("t:resp", NS).get("key"), r.findtext("t:resp", namespaces=NS), [n.text for n in r.iterfind("t:persName", NS)])
            for r in x("//t:respStmt")] == [
        ("ctb", "Contributed by", ["Anna K. Belova"]), ("trl", "Translated by", ["Thomas R. Hale"])]
    assert x("//t:profileDesc/t:creation/t:date/@when") == ["1957-03-03"]
    assert x("string(//t:term[@type='documentType'])") == "Record of Conversation"
    assert x("string(//t:abstract)").strip() == "Orlov and Li discuss the programme of a Soviet railway delegation's visit to Harbin."
    ms = x("//t:msDesc")[0]
    assert ms.findtext("t:msIdentifier/t:repository", namespaces=NS) == "GARF"
    assert [(i.get("type"), i.text) for i in ms.iterfind("t:msIdentifier/t:idno", NS)] == [
        ("fond", "5446"), ("opis", "91"), ("delo", "37")]
    locus = ms.find("t:msContents/t:msItem/t:locus", NS)
    assert (locus.get("from"), locus.get("to"), locus.text) == ("12", "14", "12-14")
    assert ms.find("t:physDesc/t:objectDesc", NS).get("form") == "typescript"
    assert x("//t:provenance[@type='copy']/t:persName/@ref") == ["#orlov"]
    assert len(x("//t:availability/t:licence/t:p")) == 1
    dateline = x("//t:opener/t:dateline")[0]
    assert dateline.find("t:date", NS).get("when") == "1957-03-03" and dateline.find("t:date", NS).text == "March 3, 1957"
    bibls = x("//t:back/t:listBibl[@type='related']/t:bibl")
    assert [(b.find("t:date", NS).get("when"), b.findtext("t:title", namespaces=NS)) for b in bibls] == [
        ("1957-03-01", "Telegram from V.P. Orlov to the Ministry of Railways "), ("1957-03-05", "Record of Conversation of V.P. Orlov with Li Weiming, March 5, 1957")]
    assert bibls[0].find("t:title/t:supplied", NS).text == "Moscow"
    assert [n.findtext(".", namespaces=NS) for n in x("//t:body//t:note[@type='editorial']")] == [
        "The train timetable is attached to the file.", "The report has not been found."]
    assert [n.get("n") for n in x("//t:body//t:note")] == ["1", "2"]
    # the narration between reported turns stays outside the speeches
    assert x("string(//t:div[@type='transcript']/t:p)") == "Li Weiming thanked him and asked about the programme of the visit."


def test_reported_speech_narration_and_dateline():
    imp = import_fixture("reported-speech.txt")
    div = xpath(imp, "//t:div[@type='transcript']")[0]
    kinds = [etree.QName(c).localname for c in div]
    assert kinds == ["opener", "p", "sp", "sp", "sp", "p", "sp", "sp", "p", "closer"]
    assert div[-2].text == "The conversation lasted one hour."
    assert xpath(imp, "string(//t:closer/t:signed)") == "Recorded by S.N. Petrov"
    assert xpath(imp, "//t:dateline/t:date/@when") == ["1958-01-16"]
    assert xpath(imp, "//t:creation/t:date/@when") == ["1958-01-16"]
    assert [s.name for s in imp.report.speakers] == ["G.M. Zorin", "Wang Jian"]


def test_translator_file_citation_and_credit():
    imp = import_fixture("translator-file.txt")
    assert [(i.get("type"), i.text) for i in xpath(imp, "//t:msIdentifier/t:idno")] == [("fond", "77"), ("opis", "36"), ("delo", "14")]
    assert xpath(imp, "//t:respStmt/t:persName/text()") == ["Julia M. Stern"]
    assert [c.text for c in imp.report.consumed] == ["."]
    assert [p.findtext("t:persName", namespaces=NS) for p in xpath(imp, "//t:person")] == ["Orlov", "Kertesz"]
