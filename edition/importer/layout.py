"""Layout: the input's lines, and the paragraphs they make (wrapped lines joined, a new paragraph
where a turn, a note, a citation or a page number starts, or where lines are not wrapped prose)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from edition.importer.citations import citation_like, parse_credits
from edition.importer.dates import parse_date
from edition.importer.notes import NOTE_TEXT
from edition.importer.report import Report, shorten
from edition.importer.speakers import match_turn, person_key

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
class Mark:
    """What a word processor says of a stretch of a paragraph's text (a plain text says nothing):
    ``hi`` (``value``: "italic", "bold"), ``foreign`` (``value``: the language), or, at one offset
    (``start`` = ``end``), a ``note`` (``value``: "footnote", "endnote"; ``note``: its text)."""

    start: int
    end: int
    kind: str
    value: str = ""
    note: "Para | None" = None
    rend: str = ""  # a foreign stretch's look: "italic"


@dataclass
class Para:
    """A paragraph of the input: its text (lines joined by a space) and where each line starts.

    From a word processor also: ``marks`` on its text, ``label`` (the length of a speaker's label
    the file marks as one, in bold or capitals), ``head`` (a heading's level), ``rows`` (a
    table's cells, each a paragraph; ``text`` is then theirs, joined)."""

    text: str
    lines: list[int]  # input line of each joined segment
    starts: list[int]  # offset of each segment in text
    marks: list[Mark] = field(default_factory=list)
    label: int = 0
    head: int = 0
    rows: "list[list[Para]] | None" = None

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
        marks = [Mark(m.start - start, m.end - start, m.kind, m.value, m.note, m.rend) for m in self.marks
                 if start <= m.start and m.end <= end and (m.start < end or m.kind == "note")]
        return Para(self.text[start:end], lines, starts, marks, self.label if start == 0 else 0)


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
                              or bool(PAGE_NUMBER.match(prev)) or citation_like(t) or parse_credits(t) is not None
                              or _date_line(t) or _date_line(prev))
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


def _date_line(t: str) -> bool:
    """A line that is a date with its month and year and nothing else ("17 November 1956"): a title's
    date on the line under it is a paragraph of its own, not the title's end."""
    return len(t) <= 40 and bool(parse_date(t)) and len(parse_date(t)) >= 7


def _join(cur: list[tuple[int, str]]) -> Para:
    text, lines, starts = "", [], []
    for n, t in cur:
        if text:
            text += " "
        starts.append(len(text))
        lines.append(n)
        text += t
    return Para(text, lines, starts)



# where a speaker label may follow a sentence's end in run-together text: a colon soon after, or a
# word in capitals (cheap to find; match_turn then decides)
_LABEL_AFTER_SENTENCE = re.compile(r"(?<=[.!?…\"”»)\]])\s+(?=[^\W\d_a-z][^:.!?\[\]]{0,60}:\s|(?:[^\W\d_]\.){0,3}\s?[^\W\d_a-z]{2,}\b)")
_NOTE_AFTER_SENTENCE = re.compile(r"(?<=[.!?…\"”»)\]])\s+(?=\[(\d{1,3})\]\s+[^\W\d_])")


def split_run_together(paras: list[Para], report: Report) -> list[Para]:
    """Paragraphs in which a conversation's turns run together (a PDF export that lost its line
    breaks), split where a speaker label follows the end of a sentence; after the last turn,
    where the text of a note follows one (``[3] ...``, its marker met earlier). Taken only when
    the paragraph has two such labels and a speaker speaks twice; the report says where."""
    out: list[Para] = []
    for p in paras:
        text = p.text
        if len(text) < 200:
            out.append(p)
            continue
        cuts, keys = [], []
        first = match_turn(text[:200])
        if first is not None and first.form in ("colon", "stop"):
            keys.append(person_key(first.label)[0])
        for m in _LABEL_AFTER_SENTENCE.finditer(text):
            turn = match_turn(text[m.end(): m.end() + 200])
            if turn is not None and turn.form in ("colon", "stop") and turn.rest:
                cuts.append(m)
                keys.append(person_key(turn.label)[0])
        if len(cuts) < 2 or len(set(keys)) == len(keys):
            out.append(p)
            continue
        # a note's text follows its marker: "[3] ..." after the last turn, its "[3]" met before
        seen: dict[str, int] = {}
        for m in re.finditer(r"\[(\d{1,3})\]", text):
            seen.setdefault(m.group(1), m.start())
        for m in _NOTE_AFTER_SENTENCE.finditer(text, cuts[-1].end()):
            if seen.get(m.group(1), len(text)) < m.start():
                cuts.append(m)
        bounds = [0] + sorted({m.end() for m in cuts}) + [len(text)]
        pieces = [p.slice(a, b) for a, b in zip(bounds, bounds[1:])]
        for piece in pieces:
            piece.text = piece.text.rstrip()
        out += [piece for piece in pieces if piece.text]
        report.flag(p.line, "run-together", shorten(text, 40),
                    f"one paragraph held {len(pieces)} (turns and notes that ran together, as in a PDF export): "
                    f"split where a speaker's label or a note's number follows the end of a sentence; check")
    return out
