"""Layout: the input's lines, and the paragraphs they make (wrapped lines joined, a new paragraph
where a turn, a note, a citation or a page number starts, or where lines are not wrapped prose)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from edition.importer.citations import citation_like, parse_credits
from edition.importer.notes import NOTE_TEXT
from edition.importer.speakers import match_turn

# XML 1.0 cannot hold these characters; they are replaced by a space and reported.
INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: The longest paragraph a draft may hold, in characters: the edition's parser refuses a text
#: node of more than 10,000,000 bytes (what one paragraph becomes), and no transcript has
#: paragraphs of even a tenth of this.
MAX_PARAGRAPH = 1_000_000
#: A typescript's page number on a line of its own: "- 2 -" or "2".
PAGE_NUMBER = re.compile(r"^(?:[-–—]\s*(\d{1,4})\s*[-–—]|(\d{1,4}))$")


def clean_lines(text: str) -> list[str]:
    """The input's lines: newlines normalised, characters XML cannot hold replaced by a space."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [INVALID_XML.sub(" ", line) for line in text.split("\n")]


@dataclass
class Para:
    """A paragraph of the input: its text (lines joined by a space) and where each line starts."""

    text: str
    lines: list[int]  # input line of each joined segment
    starts: list[int]  # offset of each segment in text

    @property
    def line(self) -> int:
        return self.lines[0]

    def line_at(self, offset: int) -> int:
        line = self.lines[0]
        for start, ln in zip(self.starts, self.lines):
            if start <= offset:
                line = ln
        return line

    def slice(self, start: int, end: int | None = None) -> "Para":
        """The paragraph from ``start`` (keeping line numbers right)."""
        end = len(self.text) if end is None else end
        lines, starts = [], []
        for s, ln in zip(self.starts, self.lines):
            if s < end and (s >= start or not lines):
                lines.append(ln if s >= start else self.line_at(start))
                starts.append(max(s - start, 0))
        if not lines:
            lines, starts = [self.line_at(start)], [0]
        return Para(self.text[start:end], lines, starts)


def paragraphs(lines: list[str]) -> list[Para]:
    """Blocks of non-blank lines, split where a new turn or note starts or where lines are not wrapped prose."""
    out: list[Para] = []
    block: list[tuple[int, str]] = []

    def flush():
        if not block:
            return
        longest = max(len(t) for _, t in block)
        cur: list[tuple[int, str]] = []
        for i, (n, t) in enumerate(block):
            if cur:
                prev = cur[-1][1]
                starts_new = (bool(NOTE_TEXT.match(t)) or match_turn(t) is not None or bool(PAGE_NUMBER.match(t))
                              or bool(PAGE_NUMBER.match(prev)) or citation_like(t) or parse_credits(t) is not None)
                ends = re.sub(r"\[\d{1,3}\]$", "", prev)[-1:] in ".!?:;\"”»)"
                one_per_line = ends and (len(prev) > 100 or len(prev) < 0.75 * longest)
                short_lines = longest < 50
                if starts_new or one_per_line or short_lines:
                    out.append(_join(cur))
                    cur = []
            cur.append((n, t))
        if cur:
            out.append(_join(cur))
        block.clear()

    for n, raw in enumerate(lines, start=1):
        t = " ".join(raw.split())
        if t:
            block.append((n, t))
        else:
            flush()
    flush()
    return out


def _join(cur: list[tuple[int, str]]) -> Para:
    text, lines, starts = "", [], []
    for n, t in cur:
        if text:
            text += " "
        starts.append(len(text))
        lines.append(n)
        text += t
    return Para(text, lines, starts)

