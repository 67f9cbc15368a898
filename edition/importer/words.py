"""The words check: every word and sign of the input is in the draft.

Part of every import, not only of its tests: the words and signs of each input line are counted
and compared with those of the draft (its text, and what the stylesheets print from its header's
structure: citations, credits, the funder line). The only lines left out are those the report
lists as dropped, and only when they are what the import may drop (page chrome such as "Skip to
content", empty labels, section headings the TEI expresses by structure; a repeat of a name the
draft already holds; a page number encoded as ``<pb>``); the connecting words the report lists
as turned into structure ("and" between two credits, a credit line's final ".") are taken off.
Note markers ``[n]`` and brackets are not words: they become notes and ``<supplied>``.

A word the draft lacks is an error at the first input line that holds it: the draft is not
written.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml import etree

from edition.diagnostics import Diagnostic, error
from edition.importer.citations import derived_texts
from edition.importer.layout import PAGE_NUMBER
from edition.importer.regions import CHROME_LINES, INFO_LABELS, RELATED_HEADING, SECTION_HEADINGS
from edition.importer.report import Report

_MARKER = re.compile(r"\[\d{1,3}\]")
_TOKEN = re.compile(r"\w+|[^\w\s]")
#: What a line the report calls chrome may say.
DROPPABLE = CHROME_LINES | INFO_LABELS | SECTION_HEADINGS | {RELATED_HEADING}


def tokens(text: str) -> list[str]:
    """The words and signs of ``text``, in lower case; note markers and brackets left out."""
    text = _MARKER.sub(" ", text.casefold()).replace("[", " ").replace("]", " ")
    return _TOKEN.findall(text)


def draft_text(tree: etree._ElementTree) -> str:
    """The draft's text, and what the edition prints from its header's structure."""
    return " ".join(tree.getroot().itertext()) + " " + " ".join(derived_texts(tree))


def dropped_lines(lines: list[str], report: Report) -> set[int]:
    """The input lines the report says were dropped, when they are what an import may drop."""
    def printed(n: int) -> str:
        return " ".join(lines[n - 1].split()) if 1 <= n <= len(lines) else ""

    drop = {i.line for i in report.chrome if printed(i.line) == i.text and i.text.lower().rstrip(":") in DROPPABLE}
    drop |= {i.line for i in report.repeats if printed(i.line) == i.text}
    drop |= {i.line for i in report.consumed if i.kind == "page-number" and PAGE_NUMBER.match(printed(i.line))}
    return drop


def lost(lines: list[str], report: Report, tree: etree._ElementTree, display: str) -> list[Diagnostic]:
    """``text-lost`` errors for the words and signs of ``lines`` (the input, as the import numbered
    its lines) that the draft ``tree`` does not hold."""
    drop = dropped_lines(lines, report)
    wanted: Counter = Counter()
    first: dict[str, int] = {}
    for n, line in enumerate(lines, start=1):
        if n in drop:
            continue
        for t in tokens(line):
            wanted[t] += 1
            first.setdefault(t, n)
    for item in report.consumed:
        if item.kind == "connector":
            wanted[item.text] -= 1
    text = draft_text(tree)
    missing = wanted - Counter(tokens(text))
    folded = " ".join(text.split()).casefold()
    for item in report.repeats:  # a repeat is dropped because the draft holds it once
        if item.line in drop and item.text.casefold() not in folded:
            missing.update(tokens(item.text))
            first.update({t: item.line for t in tokens(item.text)})
    by_line: dict[int, list[str]] = {}
    for t, n in sorted(missing.items()):
        by_line.setdefault(first[t], []).append(repr(t) + (f" ×{n}" if n > 1 else ""))
    return [error("text-lost", display, line, 0,
                  "words or signs of the input missing from the draft (first on this line): "
                  + ", ".join(words[:12]) + (f" and {len(words) - 12} more" if len(words) > 12 else ""))
            for line, words in sorted(by_line.items())]
