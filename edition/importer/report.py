"""What an import found and what needs an editor's eye: the report printed beside the draft, and
the problem that stops an import.

Every stage adds to one ``Report`` it is handed: what it recognised (title, date,
speakers, notes, citation, credits...), what it dropped as page chrome or repeats,
and the review items, each with the input line it concerns.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


class ImportProblem(Exception):
    """Why the input cannot become a draft (a bad input: exit 1): a code, a message, and the input
    line it concerns (0: the whole input)."""

    def __init__(self, code: str, message: str, line: int = 0):
        super().__init__(message)
        self.code = code
        self.message = message
        self.line = line


@dataclass
class Item:
    """One thing the report lists: where in the input (1-based line), what, and why."""

    line: int
    kind: str
    text: str
    message: str = ""


@dataclass
class Speaker:
    """A declared person, as the report lists it: the labels it spoke under and the lines of its turns."""

    id: str
    name: str
    labels: list[str]
    turns: int
    lines: list[int]
    register: str = ""  # its entry in the edition's register, when the speaker was found there


@dataclass
class Report:
    """Everything an import found; ``lines`` and ``review_lines`` print it, ``to_json`` as JSON."""

    source: str = "<input>"
    layout: str = "plain"  # "wilson" (the Wilson Center page layout) or "plain"
    doc_id: str = ""
    title: Item | None = None
    date: Item | None = None
    speakers: list[Speaker] = field(default_factory=list)
    register: str = ""  # the register of persons the speakers were looked up in (its display name), if any
    turns: int = 0
    notes: list[Item] = field(default_factory=list)  # linked notes: line of the note text, n
    citation: list[Item] = field(default_factory=list)
    related: list[Item] = field(default_factory=list)
    recognised: list[Item] = field(default_factory=list)  # funder, summary, rights, credits, type, dateline
    chrome: list[Item] = field(default_factory=list)  # dropped: page chrome, empty labels, section headings
    repeats: list[Item] = field(default_factory=list)  # lines whose text the TEI already holds once
    consumed: list[Item] = field(default_factory=list)  # connecting words turned into structure ("and", ".")
    review: list[Item] = field(default_factory=list)  # what needs an editor's eye

    def flag(self, line: int, kind: str, text: str, message: str) -> None:
        self.review.append(Item(line, kind, text, message))

    @property
    def notes_linked(self) -> int:
        return sum(1 for n in self.notes if n.kind == "note")

    def to_json(self, **extra) -> str:
        data = asdict(self)
        data.update(extra)
        data["notes_linked"] = self.notes_linked
        data["review"] = sorted(data["review"], key=lambda i: (i["line"], i["kind"]))
        return json.dumps(data, ensure_ascii=False, indent=2)

    def lines(self) -> list[str]:
        """The report as a person reads it."""
        out = [f"{self.source}: {self.layout} layout, document id {self.doc_id!r}"]
        if self.title:
            out.append(f"  title (line {self.title.line}): {self.title.text}")
        if self.date:
            out.append(f"  date (line {self.date.line}): {self.date.text}" + (f" = {self.date.message}" if self.date.message else ""))
        out.append(f"  speakers: {len(self.speakers)}, turns: {self.turns}")
        if self.register:
            linked = sum(1 for s in self.speakers if s.register)
            out.append(f"  register of persons ({self.register}): {linked} linked, {len(self.speakers) - linked} new")
        for s in self.speakers:
            where = (f" -> {s.register} (linked to the register)" if s.register
                     else " (new: not in the register)" if self.register else "")
            out.append(f"    {'#' + s.id if not s.register else s.register} {s.name}: {s.turns} turn{'s' if s.turns != 1 else ''} as "
                       + ", ".join(repr(label) for label in s.labels)
                       + f" (lines {', '.join(map(str, s.lines[:12]))}{', ...' if len(s.lines) > 12 else ''}){where}")
        out.append(f"  notes linked to their markers: {self.notes_linked} of {len(self.notes)}")
        for c in self.citation:
            out.append(f"  archival citation (line {c.line}): {c.text}")
        if self.related:
            out.append(f"  related documents: {len(self.related)} (lines {', '.join(str(r.line) for r in self.related)})")
        for r in self.recognised:
            out.append(f"  {r.kind} (line {r.line}): {shorten(r.text)}")
        for c in self.chrome:
            out.append(f"  dropped (line {c.line}): {c.text!r} ({c.message})")
        for c in self.repeats:
            out.append(f"  repeat (line {c.line}): {c.text!r} ({c.message})")
        for c in self.consumed:
            out.append(f"  {c.kind} (line {c.line}): {c.text!r} ({c.message})")
        return out

    def review_lines(self) -> list[str]:
        return [f"{self.source}:{i.line}: review[{i.kind}]: {i.message}"
                for i in sorted(self.review, key=lambda i: (i.line, i.kind))]


def shorten(text: str, width: int = 70) -> str:
    """``text``, cut to ``width`` characters with "…" if longer."""
    return text if len(text) <= width else text[: width - 1] + "…"
