"""Edition-level outputs: pages made from every document at once.

The persons index (``html/persons.html``) lists each person with every speech they
give and every place they are named, linked to the exact anchor on the document's
page. The per-document step renders ``persons-data.xsl`` with each document (cached
with it for incremental builds): who the document's persons are, and each one's entry
for the index, already rendered. Once per build, ``persons_page`` orders the documents,
has ``persons.xsl`` render the page from the persons alone, and joins each person's
entries into it as the page is written.

So the edition step never hands Saxon every document at once: its memory and time grow
with the number of persons, not of documents, and the page streams to disk
(``output.write_atomic_chunks``). Markup stays in the stylesheets; this module only
orders, gathers and joins.

Like the index page, the persons index is kept as it was when some sources have
errors, rather than losing their entries.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterator

from lxml import etree

from edition import transform
from edition.output import Format

#: The persons index: one page for the edition.
PERSONS = Format("persons", "persons.xsl", "html", ".html", "text/html")
#: What the persons index needs from one document.
PERSONS_DATA = "persons-data.xsl"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)

#: Where persons.xsl leaves room for a person's entries.
_SLOT = re.compile(r'<template data-persons-entries="([^"]*)"></template>')


class Persons:
    """Every person of the edition, gathered from each document's ``persons-data.xsl`` output."""

    def __init__(self, documents: list[str]):
        parsed = [etree.fromstring(xml.encode("utf-8"), _PARSER) for xml in documents]
        # documents by date, then title, then id: the order of each person's entries
        parsed.sort(key=lambda d: (d.get("when") or "9999", d.findtext("title") or "", d.get("id") or ""))
        self.people: dict[str, dict] = {}  # id -> sort key, names, details: in order of first appearance
        self.entries: dict[str, list[str]] = {}  # id -> the person's entries (HTML), documents in order
        for doc in parsed:
            for person in doc.iterfind("person"):
                pid = person.get("id") or ""
                known = self.people.setdefault(pid, {"sort": person.get("sort") or "", "names": [], "details": []})
                for field, tag in (("names", "name"), ("details", "details")):
                    for value in person.iterfind(tag):
                        text = value.text or ""
                        if text not in known[field]:
                            known[field].append(text)
                self.entries.setdefault(pid, []).append(person.findtext("entry") or "")

    def skeleton_input(self) -> str:
        """What persons.xsl renders the page from: the persons alone."""
        edition = etree.Element("edition")
        for pid, known in self.people.items():
            person = etree.SubElement(edition, "person", id=pid, sort=known["sort"])
            for field, tag in (("names", "name"), ("details", "details")):
                for text in known[field]:
                    etree.SubElement(person, tag).text = text
        return etree.tostring(edition, encoding="unicode")

    def fingerprint(self) -> str:
        """A hash of everything the page depends on (for the build's change check), made without
        joining the entries into one string."""
        h = hashlib.sha256(self.skeleton_input().encode("utf-8"))
        for pid in self.people:
            for entry in self.entries[pid]:
                h.update(b"\0" + entry.encode("utf-8"))
        return h.hexdigest()


def persons_page(persons: Persons, params: dict) -> Iterator[bytes]:
    """The persons index page, in pieces: persons.xsl's page, with each person's entries in their slot."""
    page = transform.render_text(persons.skeleton_input(), PERSONS.stylesheet, params)
    last = 0
    for slot in _SLOT.finditer(page):
        yield page[last:slot.start()].encode("utf-8")
        for entry in persons.entries.get(html.unescape(slot.group(1)), []):
            yield entry.encode("utf-8")
        last = slot.end()
    yield page[last:].encode("utf-8")
