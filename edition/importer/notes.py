"""Notes: markers ``[n]`` in the text and the note texts ``[n] ...`` after it, linked by number.

While the draft is built, each marker becomes an empty ``<note>`` placeholder (``Builder.inline``);
``link_notes`` then gives each placeholder the text of its number, places the texts no marker
calls for, and numbers the notes in the order of the text.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lxml import etree

from edition.importer.report import Item
from edition.importer.tei import XML_ID, T, add

if TYPE_CHECKING:
    from edition.importer.draft import Builder
    from edition.importer.layout import Para

#: A note's text: "[3] The report has not been found."
NOTE_TEXT = re.compile(r"^\[(\d{1,3})\]\s*(\S.*)$")
#: A note marker "[3]", or text in brackets "[at the meeting]"
MARKER_OR_BRACKET = re.compile(r"\[(\d{1,3})\]|\[([^\[\]]*)\]")


def link_notes(b: Builder, texts: dict[int, tuple[Para, int]], body_div: etree._Element) -> None:
    """Markers (``b.markers``) get the note text of their number (``texts``: number -> (paragraph,
    offset of the text)); markers without text and texts without marker are reported."""
    r = b.report
    used: dict[int, etree._Element] = {}
    placed: list[tuple[int, etree._Element]] = []
    for note, number, line in b.markers:
        if number in texts and number not in used:
            p, offset = texts[number]
            b.inline(note, p, offset, notes=False, where="a note")
            used[number] = note
            placed.append((number, note))
            r.notes.append(Item(p.line, "note", p.text[offset:], f"marker on line {line}"))
        else:
            why = (f"note marker [{number}] repeats an earlier one: the note stands at the first, this one is kept as text"
                   if number in used else f"note marker [{number}] has no note text: kept as text")
            r.flag(line, "marker-no-note", f"[{number}]", why)
            _replace_with_text(note, f"[{number}]")
    for number in sorted(set(texts) - set(used)):
        p, offset = texts[number]
        note = etree.Element(T + "note", type="editorial")
        b.inline(note, p, offset, notes=False, where="a note")
        before = [el for n, el in placed if n < number]
        if before:
            anchor = max(before, key=lambda el: _doc_order(body_div, el))
            anchor.addnext(note)
            note.tail, anchor.tail = anchor.tail, None
            where = f"after note [{[n for n, el in placed if el is anchor][0]}]"
        else:
            host = _first_block(body_div)
            host.append(note)
            where = "at the end of the first paragraph of the transcript"
        placed.append((number, note))
        r.notes.append(Item(p.line, "note-unmarked", p.text[offset:], where))
        r.flag(p.line, "note-no-marker", f"[{number}]",
               f"note [{number}] has no marker in the text: placed {where}; move it to where it applies")
    # number the notes in document order, as the rules want
    for i, note in enumerate(n for n in body_div.iter(T + "note") if n.get("type") == "editorial"):
        printed = next((num for num, el in placed if el is note), None)
        note.set("n", str(i + 1))
        note.set(XML_ID, b.unique_id(f"note-{i + 1}"))
        if printed is not None and printed != i + 1:
            item = next(it for it in r.notes if it.text and it.line == texts[printed][0].line)
            r.flag(item.line, "note-renumbered", f"[{printed}]", f"note [{printed}] is note {i + 1} in the order of the text: numbered {i + 1}")


def _doc_order(root, el) -> int:
    for i, e in enumerate(root.iter()):
        if e is el:
            return i
    return -1


def _first_block(div: etree._Element) -> etree._Element:
    for child in div:
        name = etree.QName(child).localname
        if name == "opener":
            return child[0]
        if name in ("p", "stage"):
            return child
        if name == "sp":
            for c in child:
                if etree.QName(c).localname in ("p", "stage"):
                    return c
    p = add(div, "p")
    return p


def _replace_with_text(el: etree._Element, text: str) -> None:
    parent = el.getparent()
    prev = el.getprevious()
    joined = text + (el.tail or "")
    if prev is not None:
        prev.tail = (prev.tail or "") + joined
    else:
        parent.text = (parent.text or "") + joined
    parent.remove(el)

