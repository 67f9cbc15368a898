"""Every element of TEI that can hold text has a rendering of its own, in HTML and in text
(docs/coverage.md). The list of elements comes from the full TEI schema (tools/tei-elements.tsv,
derived by tools/coverage.py, committed: machines without the schema have it); a probe document
holds each element where the schema lets it stand, with a word of its own (tools/probe.py)."""

from __future__ import annotations

import pytest

from edition.render import words
from tests.support import ROOT, TEI_ALL
from tools import coverage, probe


@pytest.fixture(scope="module")
def elements():
    return coverage.read_list()


@pytest.fixture(scope="module")
def rendered(elements):
    return probe.render(probe.document(elements))


def test_the_list_holds_the_elements_of_tei(elements):
    names = {e.name for e in elements}
    assert len(elements) > 500 and {"p", "app", "msDesc", "castList", "lb"} <= names
    texts = [e for e in elements if e.text]
    assert len(texts) > 250 and all(e.context for e in texts if e.name not in ("TEI",))


def test_no_element_of_tei_that_can_hold_text_falls_to_a_last_rule(elements, rendered):
    found, _ = rendered
    fell = {name for names in found.no_rule.values() for name in names.values()}
    texts = {e.name for e in elements if e.text}
    assert fell & texts == set(), f"elements without a rule of their own: {sorted(fell & texts)}"


def test_every_word_of_the_probe_reaches_both_formats(rendered):
    found, lost = rendered
    assert [d.message for d in lost] == []
    shown = [e for e, where in probe.document(coverage.read_list()).placed.items() if where == "text"]
    assert len(shown) > 250
    for name in shown:
        if f"{{{probe.TEI_NS}}}{name}" not in words.NOT_SHOWN:
            assert probe.word(name) in found.outputs["text"], name


def test_the_coverage_table_is_the_one_the_probe_gives(elements):
    table = (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8")
    assert table == probe.table(elements), "docs/coverage.md is out of date: run python tools/coverage.py table"


@pytest.mark.skipif(not TEI_ALL.exists(), reason=f"the full TEI P5 schema ({TEI_ALL}) is not on this machine")
def test_the_committed_list_is_the_one_tei_all_gives(elements):
    assert coverage.derive(TEI_ALL) == elements, "tools/tei-elements.tsv is out of date: run python tools/coverage.py derive"
