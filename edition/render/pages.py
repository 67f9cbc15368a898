"""Edition-level outputs: pages made from every document at once.

The persons index (``html/persons.html``) lists each person with every speech they
give and every place they are named, linked to the exact anchor on the document's
page. The per-document step renders what ``persons-data.xsl`` says of each document, in
the same run as its formats (``xslt/document.xsl``; cached with it for incremental
builds): who the document's persons are, and each one's entry for the index, already
rendered. Once per build, ``persons_page`` orders the documents,
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
from functools import cached_property

from lxml import etree

from edition.render import formats, saxon as transform
from edition.render.formats import INDEX, PERSONS


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)

#: Where persons.xsl leaves room for a person's entries.
_SLOT = re.compile(r'<template data-persons-entries="([^"]*)"></template>')


def persons_data(xml: str) -> dict:
    """What the persons index keeps of one document: ``persons-data.xsl``'s output, read into plain
    lists (JSON in the manifest, no markup escaped twice): the document's sort key (date, title, id)
    and, for each person, [id, sort key, names, details, entry HTML]."""
    doc = etree.fromstring(xml.encode("utf-8"), _PARSER)
    return {"key": [doc.get("when") or "9999", doc.findtext("title") or "", doc.get("id") or ""],
            "persons": [[p.get("id") or "", p.get("sort") or "", [n.text or "" for n in p.iterfind("name")],
                         [d.text or "" for d in p.iterfind("details")], p.findtext("entry") or "",
                         int(p.get("speeches") or 0), int(p.get("mentions") or 0)]
                        for p in doc.iterfind("person")]}


class Persons:
    """Every person of the edition: the entries of its register of persons (each with what the register
    says of it, whether or not a document names it yet), and the persons of each document's
    ``persons_data`` (the same id is the same person)."""

    def __init__(self, documents: list[dict], entries=()):
        # the documents by date, then title, then id: the order of each person's entries
        self.people: dict[str, dict] = {}  # id -> sort key, names, details: in order of first appearance
        self.entries: dict[str, list[str]] = {}  # id -> the person's entries (HTML), documents in order
        self.counts: dict[str, list[int]] = {}  # id -> [documents, speeches, mentions]
        self.register: dict[str, str] = {}  # id -> its register entry (TEI), for those in the register
        for entry in entries:
            if entry.id in self.register:
                continue
            self.register[entry.id] = entry.xml
            self.people[entry.id] = {"sort": _sort_key(entry), "names": list(entry.names), "details": []}
            self.entries[entry.id] = []
            self.counts[entry.id] = [0, 0, 0]
        for data in sorted(documents, key=lambda d: d["key"]):
            for pid, sort, names, details, entry, speeches, mentions in data["persons"]:
                known = self.people.setdefault(pid, {"sort": sort, "names": [], "details": []})
                for field, values in (("names", names), ("details", details)):
                    for value in values:
                        if value not in known[field]:
                            known[field].append(value)
                self.entries.setdefault(pid, []).append(entry)
                counts = self.counts.setdefault(pid, [0, 0, 0])
                counts[0] += 1
                counts[1] += speeches
                counts[2] += mentions

    @cached_property
    def skeleton_input(self) -> str:
        """What persons.xsl renders the page from: the persons alone (and, for those of the register,
        its entry)."""
        edition = etree.Element("edition")
        for pid, known in self.people.items():
            documents, speeches, mentions = self.counts[pid]
            person = etree.SubElement(edition, "person", id=pid, sort=known["sort"], documents=str(documents),
                                      speeches=str(speeches), mentions=str(mentions))
            for field, tag in (("names", "name"), ("details", "details")):
                for text in known[field]:
                    etree.SubElement(person, tag).text = text
            if pid in self.register:
                person.append(etree.fromstring(self.register[pid].encode("utf-8"), _PARSER))
        return etree.tostring(edition, encoding="unicode")

    def fingerprint(self) -> str:
        """A hash of everything the page depends on (for the build's change check), made without
        joining the entries into one string."""
        h = hashlib.sha256(self.skeleton_input.encode("utf-8"))
        for pid in self.people:
            for entry in self.entries[pid]:
                h.update(b"\0" + entry.encode("utf-8"))
        return h.hexdigest()


def _sort_key(entry) -> str:
    """How the persons index sorts a person of the register (as e:person-sort-key does a declared
    one): the surname of the name it goes by, else its id."""
    el = etree.fromstring(entry.xml.encode("utf-8"), _PARSER)
    ns = "{http://www.tei-c.org/ns/1.0}"
    name = el.find(ns + "persName")
    surname = name.find(ns + "surname") if name is not None else None
    text = " ".join("".join(surname.itertext()).split()) if surname is not None else ""
    return (text or entry.id).lower()


def persons_page(persons: Persons, params: dict, custom: transform.Custom | None = None) -> Iterator[bytes]:
    """The persons index page, in pieces: persons.xsl's page, with each person's entries in their slot."""
    page = transform.render_text(persons.skeleton_input, PERSONS.stylesheet, {**formats.links(None, custom), **params},
                                 custom)
    return _splice(page, _SLOT, lambda key: persons.entries.get(key, []))


#: The index page (index.xsl): one for the edition, its list made of the documents' entries (each
#: rendered with its document, in the same run as its formats: xslt/document.xsl).
_INDEX_SLOT = re.compile(r'<template data-index-entries=""></template>')


def index_page(entries: list[str], params: dict, custom: transform.Custom | None = None) -> Iterator[bytes]:
    """The index page, in pieces: index.xsl's page with the documents' ``entries`` (in order) in its list."""
    page = transform.render_text(f'<edition documents="{len(entries)}"/>', INDEX.stylesheet,
                                 {**formats.links(None, custom), **params}, custom)
    return _splice(page, _INDEX_SLOT, lambda key: entries)


def _splice(page: str, slot: re.Pattern, entries) -> Iterator[bytes]:
    """``page`` with each match of ``slot`` replaced by ``entries(key)`` (the slot's unescaped group 1)."""
    last = 0
    for found in slot.finditer(page):
        yield page[last:found.start()].encode("utf-8")
        for entry in entries(html.unescape(found.group(1)) if found.groups() else ""):
            yield entry.encode("utf-8")
        last = found.end()
    yield page[last:].encode("utf-8")
