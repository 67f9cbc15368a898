"""Editorial notes: anchored where they apply, numbered in order."""

from __future__ import annotations


from lxml import etree

from edition.diagnostics import Severity
from edition.validation.rules.registry import Document, NS, T, rule


def _is_footnote(note: etree._Element) -> bool:
    return note.get("type") == "editorial"


@rule("note-unanchored", Severity.ERROR, "an editorial note stands where it applies inside <text>, or points there with @target")
def _note_anchor(doc: Document):
    text = doc.root.find(T + "text")
    for note in doc.root.iter(T + "note"):
        if not _is_footnote(note):
            continue
        inside = text is not None and any(a is text for a in note.iterancestors(T + "text"))
        if not inside and not note.get("target"):
            yield note, ('editorial note is not anchored: put it inside <text> at the point it applies to, '
                         'or give it @target="#id" pointing to an <anchor> there')


@rule("note-numbering", Severity.ERROR, "editorial notes are numbered 1, 2, 3... in document order, without gaps or duplicates")
def _note_numbers(doc: Document):
    expected = 0
    seen: dict[str, int] = {}
    for note in doc.root.iterfind(".//t:text//t:note", NS):
        if not _is_footnote(note):
            continue
        expected += 1
        n = note.get("n")
        if n is None:
            yield note, f'editorial note has no @n; add n="{expected}" (notes are numbered in document order)'
            continue
        if n in seen:
            yield note, f'note number {n} is used twice (first on line {seen[n]}); number notes 1, 2, 3... in order: this one is n="{expected}"'
        elif n != str(expected):
            yield note, f'note is numbered n="{n}" but is note {expected} in document order; number notes 1, 2, 3... without gaps'
        seen.setdefault(n, note.sourceline or 0)
