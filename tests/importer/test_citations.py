"""Archival citations and credits: structured only when the edition prints them back as printed."""

from __future__ import annotations

from edition.importer.citations import derived_texts, parse_citation

from .support import import_fixture, text_edition


def test_citation_mirrors_print_what_the_stylesheets_print():
    imp = import_fixture("wilson-seedlike.txt")
    flat = text_edition(imp.tree)
    for line in derived_texts(imp.tree):
        assert line in flat


def test_a_citation_the_edition_cannot_print_back_is_not_structured():
    assert parse_citation("RGANI, f. 52, op. 1, d. 498, l. 43.") is not None
    assert parse_citation("RGANI, f. 52, op. 1, d. 498, ll. 43-44.") is None
    assert parse_citation("RGANI. Collection 52. Inventory 1. File 498. Sheets 43. Typescript.") is not None
    assert parse_citation("RGANI. Fond 52. Opis 1. Delo 498.") is None
