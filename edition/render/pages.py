"""Edition-level outputs: pages made from every document at once.

The register pages list every entry of a kind with every place a document names it, linked to the
exact anchor on the document's page: the persons index (``html/persons.html``: each speech a person
gives, each place they are named) and the places page (``html/places.html``: places, then
organisations). The per-document step renders what ``persons-data.xsl`` and ``places-data.xsl`` say
of each document, in the same run as its formats (``xslt/document.xsl``; cached with it for
incremental builds): which entries the document names, and its entry under each, already rendered.
Once per build, ``Register`` gathers them by entry, in document order (date, title, id), and
``register_page`` has ``persons.xsl`` or ``places.xsl`` render the page from the entries alone,
and joins each entry's documents into it as the page is written.

So the edition step never hands Saxon every document at once: its memory and time grow with the
number of entries, not of documents, and each page streams to disk
(``output.write_atomic_chunks``). Markup stays in the stylesheets; this module only orders,
gathers and joins.

An edition whose register page would hold more than ``ENTRY_PAGES_FROM`` items (entries,
documents under them, speeches and mentions) gets an index page instead (names, years, counts,
one link each) and one page per entry (``html/persons/FILE.html``, ``html/places/FILE.html``,
``html/orgs/FILE.html``: ``entry_pages``). The document pages link to those pages then, so the
choice is made before the documents are rendered (``build.publish``).

Like the index page, the register pages are kept as they were when some sources have errors,
rather than losing their entries.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections import Counter
from collections.abc import Iterator
from functools import cached_property

from lxml import etree

from edition.render import formats, saxon as transform
from edition.render.formats import ENTRY_FOLDERS, ENTRY_PAGES, INDEX


_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)

#: Above this many items (entries, the documents under them, their speeches and mentions) on one
#: register page, each entry gets a page of its own. Measured with bench/page_weight.py: the persons
#: page of seed-shaped documents has about 12 items per document and 215 bytes per item; on a phone
#: (Chromium, a 390 px screen, the processor slowed four times, Lighthouse's mobile setting) a page
#: of 2,404 items (200 documents, 518 kB) loads from disk in 1.25 s, of 4,804 items (1 MB) in 2.2 s,
#: of 9,604 (2 MB) in 2.6 s (docs/encoding.md has the table). 2,500 items keep a page near half a
#: megabyte and a second and a quarter there (about 200 seed-shaped documents).
ENTRY_PAGES_FROM = 2500

#: Where persons.xsl and places.xsl leave room for an entry's documents ("person mao", "place beijing").
_SLOT = re.compile(r'<template data-register-entries="([^"]*)"></template>')
#: What e:entry-file makes of an id (the stylesheets name an entry's page; this only checks it).
_FILE = re.compile(r"^[a-z0-9_~][a-z0-9._~-]*$")
_TEI = "{http://www.tei-c.org/ns/1.0}"

#: The pages of the registers: the kinds of entries each lists, and its stylesheet.
PAGE_KINDS = {"persons": ("person",), "places": ("place", "org")}
#: The register entries each kind gathers (a group of persons is listed with the persons).
ENTRY_KINDS = {"person": ("person", "personGrp"), "place": ("place",), "org": ("org",)}


def persons_data(xml: str) -> dict:
    """What the persons index keeps of one document: ``persons-data.xsl``'s output, read into plain
    lists (JSON in the manifest, no markup escaped twice): the document's sort key (date, title, id)
    and, for each person, [id, sort key, names, details, entry HTML, speeches, mentions]."""
    doc = etree.fromstring(xml.encode("utf-8"), _PARSER)
    return {"key": [doc.get("when") or "9999", doc.findtext("title") or "", doc.get("id") or ""],
            "persons": [[p.get("id") or "", p.get("sort") or "", [n.text or "" for n in p.iterfind("name")],
                         [d.text or "" for d in p.iterfind("details")], p.findtext("entry") or "",
                         int(p.get("speeches") or 0), int(p.get("mentions") or 0)]
                        for p in doc.iterfind("person")]}


def places_data(xml: str) -> dict:
    """What the places page keeps of one document (``places-data.xsl``'s output), by kind ("place",
    "org"): [id, sort key, names, the document's own declarations of it (TEI, serialised), entry
    HTML, 0, mentions] (the shape of ``persons_data``'s persons)."""
    doc = etree.fromstring(xml.encode("utf-8"), _PARSER)
    return {kind: [[p.get("id") or "", p.get("sort") or "", [n.text or "" for n in p.iterfind("name")],
                    [d.text or "" for d in p.iterfind("declared")], p.findtext("entry") or "",
                    0, int(p.get("mentions") or 0)]
                   for p in doc.iterfind(kind)]
            for kind in PAGE_KINDS["places"]}


class Register:
    """Every entry of the kinds one register page lists (``PAGE_KINDS``): the entries of the edition's
    registers of those kinds (each with what the register says, whether or not a document names it
    yet), and those of each document's data (the same id is the same entry).

    ``documents``: each document's sort key (date, title, id) and its rows by kind."""

    def __init__(self, page: str, documents: list[tuple[list[str], dict[str, list]]], entries=()):
        self.page = page
        self.kinds = PAGE_KINDS[page]
        #: (kind, id) -> sort key, names, details: in order of first appearance
        self.known: dict[tuple[str, str], dict] = {}
        self.entries: dict[tuple[str, str], list[str]] = {}  # (kind, id) -> its documents' entries (HTML), in order
        self.counts: dict[tuple[str, str], list[int]] = {}  # (kind, id) -> [documents, speeches, mentions]
        self.register: dict[tuple[str, str], str] = {}  # (kind, id) -> its register entry (TEI)
        self.sources: dict[tuple[str, str], object] = {}  # (kind, id) -> its registers.Entry (where it is)
        for entry in entries:
            kind = next((k for k in self.kinds if entry.kind in ENTRY_KINDS[k]), None)
            if kind is None or (kind, entry.id) in self.register:
                continue
            key = (kind, entry.id)
            self.register[key] = entry.xml
            self.sources[key] = entry
            self.known[key] = {"sort": _sort_key(kind, entry), "names": list(entry.names), "details": []}
            self.entries[key] = []
            self.counts[key] = [0, 0, 0]
        for _, rows in sorted(documents, key=lambda d: d[0]):
            for kind in self.kinds:
                for eid, sort, names, details, entry, speeches, mentions in rows.get(kind, ()):
                    key = (kind, eid)
                    known = self.known.setdefault(key, {"sort": sort, "names": [], "details": []})
                    for field, values in (("names", names), ("details", details)):
                        for value in values:
                            if value not in known[field]:
                                known[field].append(value)
                    self.entries.setdefault(key, []).append(entry)
                    counts = self.counts.setdefault(key, [0, 0, 0])
                    counts[0] += 1
                    counts[1] += speeches
                    counts[2] += mentions

    @property
    def items(self) -> int:
        """How much the page would hold: its entries, and under them each document, speech and mention."""
        return len(self.known) + sum(sum(c) for c in self.counts.values())

    def skeleton_input(self, pages: str = "one", keys=None) -> str:
        """What the page's stylesheet renders from: the entries alone (with, for those of a register, its
        entry, and for places and organisations the documents' own declarations), all of them or those
        of ``keys``. ``pages``: "one" (the whole page), "index", "entries" (each entry's own page)."""
        edition = etree.Element("edition", pages=pages)
        for key in (self.known if keys is None else keys):
            kind, eid = key
            known = self.known[key]
            documents, speeches, mentions = self.counts[key]
            el = etree.SubElement(edition, kind, id=eid, sort=known["sort"], documents=str(documents),
                                  speeches=str(speeches), mentions=str(mentions))
            for text in known["names"]:
                etree.SubElement(el, "name").text = text
            if key in self.register:
                el.append(etree.fromstring(self.register[key].encode("utf-8"), _PARSER))
            if kind == "person":
                for text in known["details"]:
                    etree.SubElement(el, "details").text = text
            else:  # a document's own declaration of a place or organisation: each different one, as it says it
                seen = {" ".join(self.register[key].split())} if key in self.register else set()
                for declared in known["details"]:
                    if " ".join(declared.split()) not in seen:
                        seen.add(" ".join(declared.split()))
                        el.append(etree.fromstring(declared.encode("utf-8"), _PARSER))
        return etree.tostring(edition, encoding="unicode")

    @cached_property
    def _skeleton(self) -> str:
        return self.skeleton_input()

    def fingerprint(self) -> str:
        """A hash of everything the pages depend on (for the build's change check), made without
        joining the entries into one string."""
        h = hashlib.sha256(self._skeleton.encode("utf-8"))
        for key in self.known:
            for entry in self.entries[key]:
                h.update(b"\0" + entry.encode("utf-8"))
        return h.hexdigest()

    def entries_of(self, slot: str) -> list[str]:
        """The documents' entries of the entry a page's slot names ("person mao")."""
        kind, _, eid = slot.partition(" ")
        return self.entries.get((kind, eid), [])


def _sort_key(kind: str, entry) -> str:
    """How a register page sorts an entry of the register (as the stylesheets do a document's): a
    person by the surname of the name it goes by (e:person-sort-key), a place or organisation by
    that name; else by its id."""
    if kind != "person":
        return (entry.names[0] if entry.names else entry.id).lower()
    el = etree.fromstring(entry.xml.encode("utf-8"), _PARSER)
    name = el.find(_TEI + "persName")
    surname = name.find(_TEI + "surname") if name is not None else None
    text = " ".join("".join(surname.itertext()).split()) if surname is not None else ""
    return (text or entry.id).lower()


def entry_pages_needed(registers: list[Register]) -> bool:
    """Whether the edition gets a page per register entry: some register page would be too long for
    a phone (``ENTRY_PAGES_FROM``)."""
    return any(r.items > ENTRY_PAGES_FROM for r in registers)


def register_page(register: Register, params: dict, custom: transform.Custom | None = None,
                  entry_pages: bool = False, problems: list | None = None) -> Iterator[bytes]:
    """A register page (persons.html, places.html), in pieces: its stylesheet's page with each entry's
    documents in their slot; with ``entry_pages``, the index of the entries' own pages. ``problems``
    gets the words check's errors for the register entries the page shows (``lost``)."""
    stylesheet = formats.PAGES[register.page].stylesheet
    page = transform.render_text(register.skeleton_input("index" if entry_pages else "one"), stylesheet,
                                 {**formats.links(None, custom, entry_pages), **params}, custom)
    if problems is not None and not entry_pages:
        problems += lost(register, page, register.known)
    return _splice(page, _SLOT, register.entries_of)


def lost(register: Register, page: str, keys) -> list:
    """The words check of the registers (as ``words.lost`` is of a document): every word of each
    register entry of ``keys`` must be in the text of its section of ``page`` (an element with the id
    KIND-ID: its section of the one page, or its own page), else a ``text-lost`` error at the entry.
    An entry inside it with an id of its own (a place within a place) is checked on its own section."""
    from edition.diagnostics import error
    from edition.render import words

    wanted_keys = [k for k in keys if k in register.sources]
    if not wanted_keys:
        return []
    root = words.reader_tree(page)  # parsed once, as a reader is given it; each entry's section read from it
    by_id = {el.get("id"): el for el in root.iter() if el.get("id")} if root is not None else {}
    problems = []
    for key in wanted_keys:
        entry = register.sources[key]
        tei = etree.fromstring(entry.xml.encode("utf-8"), _PARSER)
        for inner in [el for el in tei.iterdescendants() if el.get("{http://www.w3.org/XML/1998/namespace}id")
                      and etree.QName(el).localname in ("person", "personGrp", "place", "org")]:
            if inner.getparent() is not None:
                inner.getparent().remove(inner)
        wanted = words.words(words._fold(words._text([tei]).text))
        shown = by_id.get(f"{key[0]}-{key[1]}")
        text = words._fold("".join(shown.itertext()) + (shown.tail or "")) if shown is not None else ""
        # as words, not as substrings (words.missing's second look is for a document's signs glued to
        # its words, "word¹"; a register page glues none: two words run together are a fault)
        have = words.words(text)
        short = {w: n - have[w] for w, n in wanted.items() if have[w] < n}
        if short:
            problems.append(error(
                "text-lost", entry.register, entry.line, entry.column,
                f"words of the register entry <{entry.kind} xml:id=\"{entry.id}\"> are not on the {register.page} "
                f"page: it lacks {words.listing(Counter(short))} (a bug of the stylesheets: please report it with "
                f"this register)"))
    return problems


#: How many entries' pages one run of the stylesheet makes (their pages are held until written).
BATCH = 200


def entry_pages(register: Register, params: dict, custom: transform.Custom | None = None,
                problems: list | None = None) -> Iterator[tuple[str, Iterator[bytes]]]:
    """Each entry's own page: (its path below the output folder, the page in pieces), made a batch of
    entries at a time, the links as they read from the entries' folders. ``problems`` gets the words
    check's errors for the register entries (``lost``)."""
    stylesheet = formats.PAGES[register.page].stylesheet
    here = ENTRY_FOLDERS[register.kinds[0]]
    link_params = {**formats.links(None, custom, True, here=here), **params}
    keys = list(register.known)
    for start in range(0, len(keys), BATCH):
        found = transform.render_pages(register.skeleton_input("entries", keys[start:start + BATCH]), stylesheet,
                                       link_params, custom)
        if problems is not None:
            batch = keys[start:start + BATCH]
            files = {f"{kind} {_entry_file(eid)}": (kind, eid) for kind, eid in batch}
            for name, page in found.items():
                if name in files:
                    problems += lost(register, page, [files[name]])
            if not set(files) <= set(found):  # else the words check would pass over an entry unseen
                raise transform.TransformError(f"{stylesheet} gave no page for {sorted(set(files) - set(found))[:3]}")
        for key in sorted(found):
            kind, _, file = key.partition(" ")
            if kind not in ENTRY_PAGES or not _FILE.match(file):
                raise transform.TransformError(f"{stylesheet} named a page {key!r} that is no entry's page")
            yield f"{ENTRY_PAGES[kind].folder}/{file}{ENTRY_PAGES[kind].suffix}", _splice(found[key], _SLOT, register.entries_of)


_DEVICES = {"con", "prn", "aux", "nul", *(f"{p}{d}" for p in ("com", "lpt") for d in range(10))}


def _entry_file(eid: str) -> str:
    """The name of an entry's own page, as e:entry-file makes it (registers.xsl), to find it again."""
    encoded = "".join(c if c in "-._" or "0" <= c <= "9" or "a" <= c <= "z"
                      else "~" + c.lower() if "A" <= c <= "Z" else f"~~{ord(c):x}~" for c in eid)
    base = encoded.split(".", 1)[0]
    return base + "~" + encoded[len(base):] if base in _DEVICES else encoded


#: The index page (index.xsl): one for the edition, its list made of the documents' entries (each
#: rendered with its document, in the same run as its formats: xslt/document.xsl).
_INDEX_SLOT = re.compile(r'<template data-index-entries=""></template>')


def index_page(entries: list[str], params: dict, custom: transform.Custom | None = None,
               entry_pages: bool = False) -> Iterator[bytes]:
    """The index page, in pieces: index.xsl's page with the documents' ``entries`` (in order) in its list."""
    page = transform.render_text(f'<edition documents="{len(entries)}"/>', INDEX.stylesheet,
                                 {**formats.links(None, custom, entry_pages), **params}, custom)
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
