"""The words check, part of every import: a draft that lacks a word of its input is an error, at the
input line that holds the word, and is not written."""

from __future__ import annotations

import pytest

from edition.importer import import_text, words
from edition.importer.report import Item
from edition.importer.tei import T

from tests.importer.support import FIXTURE_DIR
from tests.support import run_cli

TEXT = "Talks on the railway, 3 March 1957\n\nORLOV: The train leaves at nine.\n\nLI: We agree.\n"


def test_a_faithful_draft_has_no_lost_words():
    imported = import_text(TEXT, source="talks.txt")
    assert imported.lost == []


def test_a_word_the_draft_lacks_is_an_error_at_its_line():
    imported = import_text(TEXT, source="talks.txt")
    speech = next(p for p in imported.tree.getroot().iter(T + "p") if p.text == "The train leaves at nine.")
    speech.text = speech.text.replace(" nine", "")
    lost = words.lost(TEXT.split("\n"), imported.report, imported.tree, "talks.txt")
    assert [str(d) for d in lost] == [
        "talks.txt:3:1: error[text-lost]: words or signs of the input missing from the draft (first on this line): 'nine'"]


def test_a_line_called_chrome_that_is_not_chrome_still_counts():
    """The report may drop only what an import may drop: a line it wrongly called page chrome is wanted."""
    imported = import_text(TEXT, source="talks.txt")
    imported.report.chrome.append(Item(5, "chrome", "LI: We agree.", "page chrome"))
    for p in imported.tree.getroot().iter(T + "p"):
        if p.text == "We agree.":
            p.text = ""
    lost = words.lost(TEXT.split("\n"), imported.report, imported.tree, "talks.txt")
    assert [(d.line, d.code) for d in lost] == [(5, "text-lost")]
    assert "'agree'" in lost[0].message


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURE_DIR.glob("*.txt")))
def test_no_fixture_loses_a_word(name):
    assert import_text((FIXTURE_DIR / name).read_text(encoding="utf-8"), source=name).lost == []


def test_the_command_writes_nothing_when_a_word_is_lost(capsys, tmp_path, monkeypatch):
    from edition.importer import assemble

    real = assemble.draft_tree

    def losing(b, rd, doc_id):  # an importer bug: the last speech loses its last word
        tree = real(b, rd, doc_id)
        last = list(tree.getroot().iter(T + "p"))[-1]
        last.text = last.text.rsplit(" ", 1)[0]
        return tree

    monkeypatch.setattr("edition.importer.draft_tree", losing)
    target = tmp_path / "doc.xml"
    code, out, err = run_cli(capsys, "import", FIXTURE_DIR / "plain-turns-only.txt", "-o", target)
    assert code == 1
    assert "error[text-lost]" in err
    assert "loses text of its input; nothing written (this is a bug in edition import" in err
    assert not target.exists()
