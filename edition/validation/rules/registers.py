"""Registers: two entries are not one authority's record, and a register's entries stay in registers/.

What concerns the edition as a whole (an entry no document uses, one id named differently in two
documents) is checked once every document has been read: ``validation.edition``."""

from __future__ import annotations

from edition.diagnostics import Severity
from edition.sources.registers import ENTRY_NAMES
from edition.validation.rules.registry import Document, T, XML_ID, rule


@rule("authority-duplicate", Severity.ERROR, "no two register entries carry the same authority id (an idno of one "
                                             "type and value: Wikidata, VIAF, GND, GeoNames...)")
def _authority_duplicate(doc: Document):
    if not doc.register:
        return
    first: dict[tuple[str, str], object] = {}
    for entry in doc.registers.entries():
        for kind, value, _, _ in entry.authorities:
            first.setdefault((kind.casefold(), value), entry)
    for el in doc.root.iter(*(T + k for k in ENTRY_NAMES)):
        eid = el.get(XML_ID)
        for idno in el.iterfind(T + "idno"):
            key = ((idno.get("type") or "").casefold(), " ".join((idno.text or "").split()))
            other = first.get(key)
            if other is not None and not (other.id == eid and other.register == doc.source.display):
                shown = f'{idno.get("type")} {key[1]}' if idno.get("type") else key[1]
                yield idno, (f'the authority id {shown} of "{eid}" is also that of "{other.id}" ({other.register}, '
                             f"line {other.line}): two entries for one person, place or body; merge them into one "
                             f"(its other names as variants), or correct the id")


@rule("register-outside", Severity.ERROR, "a register's entries (<standOff>) stand in registers/, not in a document")
def _register_outside(doc: Document):
    if doc.register:
        return
    for el in doc.root.iterfind(T + "standOff"):
        yield el, ("<standOff> holds a register's entries, and this file is a document of the edition, whose "
                   "pages show only its <text>; move the entries to the edition's register (registers/persons.xml, "
                   "places.xml, orgs.xml) and point at them")
