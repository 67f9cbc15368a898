"""Notes: markers linked to note texts by number, renumbered in the order of the text; markers
without a note and notes without a marker reported."""

from __future__ import annotations

from tests.importer.support import NS, import_fixture, xpath


def test_out_of_order_and_repeated_markers_are_renumbered_and_reported():
    imp = import_fixture("wilson-messy.txt")
    notes = xpath(imp, "//t:body//t:note[@type='editorial']")
    assert [(n.get("n"), "".join(n.itertext())) for n in notes] == [
        ("1", "The shipment is not identified."), ("2", "See the telegram of 3 June 1962."),
        ("3", "Handwritten addition in the margin.")]
    date = xpath(imp, "//t:creation/t:date")[0]
    assert (date.text, date.get("notBefore"), date.get("notAfter"), date.get("cert")) == ("Summer 1962", "1962", "1962", "low")
    assert xpath(imp, "//t:back/t:div[@type='unclassified']/t:p/text()") == ["AVPRF, f. 0128, op. 9, p. 41, d. 7, ll. 3-5 (the inventory says d. 8)."]
    assert xpath(imp, "//t:back/t:div[@type='documentInformation']/t:p/text()") == [
        "Original Uploaded Date", "2014-05-21", "Record ID", "118432", "Language", "Russian",
        "The archivist's inventory describes this file as incomplete."]
    spring = xpath(imp, "//t:listBibl/t:bibl")[0]
    assert spring.find("t:date", NS) is None and spring.text.strip() == "Spring 1962"
