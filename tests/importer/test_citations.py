"""Archival citations and credits: structured only when the edition prints them back as printed."""

from __future__ import annotations

import pytest

from edition.importer import import_text
from edition.importer.citations import derived_texts, parse_citation

from tests.importer.support import import_fixture, text_edition


def test_citation_mirrors_print_what_the_stylesheets_print():
    imp = import_fixture("wilson-seedlike.txt")
    flat = text_edition(imp.tree)
    for line in derived_texts(imp.tree):
        assert line in flat


@pytest.mark.parametrize("printed, idnos, sheets, abbr", [
    ("RGANI, f. 52, op. 1, d. 498, l. 43.", [("fond", "52"), ("opis", "1"), ("delo", "498")], "43", {}),
    ("RGANI, f. 5, op. 30, d. 141, ll. 9-17.", [("fond", "5"), ("opis", "30"), ("delo", "141")], "9-17", {"sheets": "ll."}),
    ("AVPRF, f. 0100, op. 46, papka 12, d. 5, l. 9 ob.",
     [("fond", "0100"), ("opis", "46"), ("papka", "12"), ("delo", "5")], "9 ob.", {"papka": "papka"}),
    ("AVPRF, f. 0128, op. 9, p. 41, d. 7, ll. 3-5, 8 ob.",
     [("fond", "0128"), ("opis", "9"), ("papka", "41"), ("delo", "7")], "3-5, 8 ob.", {"sheets": "ll."}),
    ("GARF, f. 5446, op. 91, d. 37, l. 12-14.", [("fond", "5446"), ("opis", "91"), ("delo", "37")], "12-14", {}),
])
def test_russian_archival_conventions_are_structured_and_printed_back(printed, idnos, sheets, abbr, tmp_path):
    """Several sheets (ll.), a sheet's back (ob.), a folder (papka, p.): each parsed, and the edition's
    text prints the citation exactly as the source did (issue: only "l. N" was understood)."""
    c, form, rest = parse_citation(printed)
    assert (c.idnos, c.sheets, c.abbr, form, rest) == (idnos, sheets, abbr, "short", "")
    text = f"Talks on the school buildings, 2 July 1962\n\nKIRILLOV: We agree.\n\nBATBAYAR: So do we.\n\n{printed}\n"
    imported = import_text(text, source="talks.txt")
    assert imported.lost == [] and imported.report.citation[0].text == printed
    assert f"Archival citation: {printed}" in text_edition(imported.tree)


@pytest.mark.parametrize("printed", [
    "RGANI, f. 52, op. 1, d. 498, l. 43",  # no full stop: the edition would add one
    "RGANI, f. 52, op. 1, d. 498, ll. 43-44 (copy).",
    "RGANI, f. 52, papka 3, op. 1, d. 498, l. 43.",  # a folder comes after the inventory
    "RGANI. Fond 52. Opis 1. Delo 498.",
])
def test_a_citation_the_edition_cannot_print_back_is_not_structured(printed):
    assert parse_citation(printed) is None
    text = f"Talks on the school buildings, 2 July 1962\n\nKIRILLOV: We agree.\n\n{printed}\n"
    imported = import_text(text, source="talks.txt")
    assert imported.report.citation == [] and imported.lost == []
    assert "citation-unparsed" in {i.kind for i in imported.report.review}


def test_the_long_form_is_still_understood():
    assert parse_citation("RGANI. Collection 52. Inventory 1. File 498. Sheets 43. Typescript.") is not None
