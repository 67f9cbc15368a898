"""What concerns the edition as a whole, checked once every document has been read: one person id
named differently in two documents (or in a document and the register), and register entries no
document points at. ``edition validate`` and ``edition build`` both run it, over what each document
said of itself (``facts``): a build keeps that in its manifest, so an incremental build reports
exactly what a fresh one would.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from edition.diagnostics import Diagnostic, warning
from edition.sources.parse import Source
from edition.sources.registers import ENTRY_NAMES, Registers, T, XML_ID, used

#: A person a document declares itself: [id, name, line, column].
Declared = list


@dataclass
class Facts:
    """What the edition-level checks need of one document."""

    display: str
    persons: list[Declared] = field(default_factory=list)  # the persons it declares itself
    uses: set[tuple[str, str]] = field(default_factory=set)  # (register display, entry id) it points at
    checked: bool = True  # whether this run checked it (a partial build keeps others: not reported on)


def declared(source: Source) -> list[Declared]:
    """The persons ``source`` declares in its header, with the name each goes by."""
    out = []
    for person in source.root.iterfind(f".//{T}teiHeader//{T}person"):
        pid = person.get(XML_ID)
        name = person.find(T + "persName")
        if pid and name is not None:
            out.append([pid, " ".join("".join(name.itertext()).split()), *source.position(person)])
    return out


def uses(pointers, registers: Registers, base) -> set[tuple[str, str]]:
    """(register, entry id) of every pointer of a document (in folder ``base``) that reaches an entry."""
    found = set()
    for ptr in pointers:
        entry = registers.resolve(base, ptr)
        if entry:
            found.add((entry.register, entry.id))
    return found


def facts(source: Source, registers: Registers) -> Facts:
    return Facts(source.display, declared(source),
                 {(e.register, e.id) for e in used(source, registers).values() if e is not None})


def check(registers: Registers, documents: list[Facts], whole: bool) -> dict[str, list[Diagnostic]]:
    """The edition-level warnings, by the display name of the source they concern."""
    out: dict[str, list[Diagnostic]] = {}
    # one id, one person: the register's names (the name and its variants), else the first document's
    known: dict[str, tuple[tuple[str, ...], str]] = {}
    for entry in registers.entries(("person", "personGrp")):
        known.setdefault(entry.id, (entry.names, entry.register))
    ordered = sorted(documents, key=lambda f: f.display)
    for f in ordered:
        for pid, name, line, column in f.persons:
            if pid not in known:
                known[pid] = ((name,), f.display)
                continue
            names, where = known[pid]
            if where == f.display or _fold(name) in {_fold(n) for n in names}:
                continue
            if f.checked:
                hint = (f'or add "{name}" to its names there (<persName type="variant">)' if where in {r.display for r in registers.registers}
                        else "or declare the person once, in the register (registers/persons.xml), and point at it")
                out.setdefault(f.display, []).append(warning(
                    "name-differs", f.display, line, column,
                    f'person "{pid}" is named "{name}" here but "{names[0]}" in {where}; one id is one person '
                    f"(the persons index shows one name): write the same name, {hint}"))
    if whole:
        reached = set().union(*(f.uses for f in documents)) if documents else set()
        for entry in registers.entries():
            if (entry.register, entry.id) not in reached:
                kind = {"person": "person", "personGrp": "group", "place": "place", "org": "organisation"}[entry.kind]
                attr = "who or ref" if entry.kind in ("person", "personGrp") else "ref"
                out.setdefault(entry.register, []).append(warning(
                    "register-unused", entry.register, entry.line, entry.column,
                    f'no document points at the {kind} "{entry.id}" ({entry.names[0] if entry.names else entry.id}); '
                    f'point a mention at it ({attr}="registers/{_file(entry)}#{entry.id}") or remove the entry'))
    return out


def _file(entry) -> str:
    return entry.register.replace("\\", "/").rsplit("/", 1)[-1]


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


__all__ = ["Facts", "check", "declared", "facts", "uses", "ENTRY_NAMES"]
