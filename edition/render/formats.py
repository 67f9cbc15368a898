"""The format registry: every output a build writes, named in one place.

Per-document formats (``FORMATS``: the reading editions and the citation data) and the
edition's own pages (``INDEX``, ``PERSONS``, ``PLACES``) are ``Format`` entries: a name, the stylesheet
that renders it (in ``xslt/``), the folder and suffix of its files and their media type.
Adding a format is one entry here and one stylesheet; no other module names a format's
folder or suffix. ``id_problem`` (``safe_name``) says which document ids can name those files, on
every file system.
"""

from __future__ import annotations

import functools
import posixpath
import re
import urllib.parse
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Format:
    name: str
    stylesheet: str  # in xslt/
    folder: str  # below the output folder
    suffix: str
    media_type: str
    #: whether the format carries the document's text (the reading editions) or only data about it
    #: (citations): an element none of the text formats has a rule for is rendered plainly, and said
    text: bool = True
    #: a copy of the source as encoded (its bytes, as they came through the door), not a rendering:
    #: no stylesheet
    copy: bool = False
    #: whether it is the reader's page of a document: the one the search index is made from
    page: bool = False


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", "html.xsl", "html", ".html", "text/html", page=True),
        Format("text", "text.xsl", "text", ".txt", "text/plain"),
        Format("csl", "csl.xsl", "cite", ".json", "application/vnd.citationstyles.csl+json", text=False),
        Format("bibtex", "bibtex.xsl", "cite", ".bib", "application/x-bibtex", text=False),
        # the source itself travels with the edition: output/tei/ID.xml, linked from each page ("TEI source")
        Format("tei", "", "tei", ".xml", "application/tei+xml", text=False, copy=True),
    )
}
#: The formats a stylesheet renders (all but the copies of the source), in the registry's order.
RENDERED = [name for name, f in FORMATS.items() if not f.copy]

#: The format of the reader's page of a document (the search index is made from these pages).
PAGE = next(f for f in FORMATS.values() if f.page)

#: Edition-level pages, rendered once per build: the index from every document's entry, the
#: persons index from each document's persons (a page's file is its name and suffix in its folder:
#: html/index.html, html/persons.html).
INDEX = Format("index", "index.xsl", "html", ".html", "text/html")
PERSONS = Format("persons", "persons.xsl", "html", ".html", "text/html")
#: The places page, with the organisations (html/places.html).
PLACES = Format("places", "places.xsl", "html", ".html", "text/html")
PAGES = {f.name: f for f in (INDEX, PERSONS, PLACES)}
#: What the persons index and the places page need from one document (rendered with the document).
PERSONS_DATA = "persons-data.xsl"
PLACES_DATA = "places-data.xsl"
#: An edition large enough for one page per register entry (render.pages.ENTRY_PAGES_FROM): each
#: kind's own pages (html/persons/FILE.html, html/places/FILE.html, html/orgs/FILE.html; the file's
#: name is made from the entry's id by the stylesheets: e:entry-file).
ENTRY_PAGES = {f.name: f for f in (
    Format("person", "persons.xsl", "html/persons", ".html", "text/html"),
    Format("place", "places.xsl", "html/places", ".html", "text/html"),
    Format("org", "places.xsl", "html/orgs", ".html", "text/html"),
)}
ENTRY_FOLDERS = {kind: fmt.folder for kind, fmt in ENTRY_PAGES.items()}
#: The stylesheet that renders every per-document output in one run (the formats, the document's
#: entry in the index, what the persons index needs of it): render.document.
DOCUMENT = "document.xsl"

#: Static files copied into an output folder: (package data path, folder, name).
ASSETS = [("xslt", "css/edition.css", "html", "edition.css"),
          ("xslt", "js/edition.js", "html", "edition.js")]  # the witness switch of pages with an apparatus
#: The assets the pages link to, by the name of the stylesheet parameter that gets the link (NAME-href).
LINKED_ASSETS = {"css": ASSETS[0], "js": ASSETS[1]}


#: The edition's own CSS, when it has one (its xslt/css/custom.css): copied beside the built-in
#: one, and linked after it (the parameter custom-css-href).
CUSTOM_CSS = ("css/custom.css", "html", "custom.css")


def custom_assets(custom) -> list[tuple[Path, str, str]]:
    """The edition's own files a build copies into the output folder: (file, folder, name), for the
    edition's own stylesheets and CSS ``custom`` (a ``saxon.Custom``), if any."""
    if not custom:
        return []
    own = Path(custom.folder) / CUSTOM_CSS[0]
    return [(own, CUSTOM_CSS[1], CUSTOM_CSS[2])] if own.is_file() else []


def links(doc_id: str | None = None, custom=None, entry_pages: bool = False, here: str = INDEX.folder) -> dict[str, str]:
    """Where the edition's files are, as the stylesheet parameters that say it (NAME-href): the
    edition pages and the assets they use and, for document ``doc_id``, the document in each
    format. Links lead from the folder of the pages (html/), where the document pages, the index
    and the persons index are; every output folder is one level below the output folder, so a
    link into another folder (../cite/ID.json) reads the same from each of them (the text edition
    prints its citation files' links so). The stylesheets name no file of their own: these do.

    With ``entry_pages`` (an edition with a page per register entry), also the folders of those pages
    (persons-folder-href...) and, for a document's entries on them, the way back to the document
    pages (entries-base-href); ``here``: the folder the links lead from, when it is one of those
    folders (html/persons/: the pages of the entries themselves)."""
    found = dict(_edition_links(here, entry_pages))
    for _, folder, name in custom_assets(custom):
        found["custom-css-href"] = _href(f"{folder}/{name}", here)
    if doc_id is not None:
        name = urllib.parse.quote(doc_id, safe="")  # as XPath's encode-for-uri: all but A-Z a-z 0-9 - _ . ~
        found.update({param: f"{folder}{name}{suffix}" for param, folder, suffix in _document_links()})
    return found


@functools.cache
def _edition_links(here: str = INDEX.folder, entry_pages: bool = False) -> tuple[tuple[str, str], ...]:
    found = [*((f"{name}-href", _href(f"{fmt.folder}/{name}{fmt.suffix}", here)) for name, fmt in PAGES.items()),
             *((f"{name}-href", _href(f"{folder}/{file}", here)) for name, (_, _, folder, file) in LINKED_ASSETS.items())]
    if entry_pages:
        found += [(f"{fmt.folder.rsplit('/', 1)[1]}-folder-href", _href(f"{fmt.folder}/x", here)[:-1] or "./")
                  for fmt in ENTRY_PAGES.values()]
        found.append(("entry-page-suffix", ENTRY_PAGES["person"].suffix))
        found.append(("entries-base-href", _href(f"{INDEX.folder}/x", ENTRY_PAGES["person"].folder)[:-1]))
    return tuple(found)


@functools.cache
def _document_links() -> tuple[tuple[str, str, str], ...]:
    """(parameter, the folder's link from the pages' folder, ending in "/" unless it is that folder, suffix),
    computed once (posixpath.relpath for every link of every document cost a tenth of the step)."""
    here = INDEX.folder
    return tuple((f"{fmt.name}-href", _href(f"{fmt.folder}/x", here)[:-1], fmt.suffix) for fmt in FORMATS.values())


def _href(path: str, start: str) -> str:
    """The relative link from folder ``start`` to ``path`` (both below the output folder)."""
    return posixpath.relpath(path, start)


#: A document id usable as a file name on every file system an edition is built or read on (Linux,
#: macOS, Windows): nothing a file system could read as a path or refuses in a name ("/", "\\", ":",
#: the other characters Windows refuses, control characters; no leading dot or hyphen), not a
#: name an edition-level page already uses, in any case (macOS and Windows ignore case), nor a
#: Windows device name, and short enough in bytes. XML NCNames (what xml:id holds) qualify
#: for the characters.
_SAFE_NAME = re.compile(r'^[^./\\:\-\x00-\x1f\x7f<>"|?*][^/\\:\x00-\x1f\x7f<>"|?*]*$')
RESERVED = set(PAGES)  # the edition pages in html/ (index, persons, places), compared ignoring case
#: Windows device names: a file named so, with any extension ("nul.html"), cannot be created there
DEVICES = {"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in "0123456789\u00b9\u00b2\u00b3")}

#: The longest file name, in bytes: 255 on ext4, XFS, Btrfs, APFS (UTF-8); 255 UTF-16 units on
#: NTFS and HFS+ (the latter in decomposed form), never more than the UTF-8 bytes of that form.
NAME_MAX = 255
#: What a build adds to an output's name for the temporary file it writes first
#: (edition.builder.output._create_temporary): "." before it, then "." + 8 hexadecimal digits + ".tmp".
TEMPORARY_EXTRA = len(".") + len(".") + 8 + len(".tmp")
#: The longest document id, in bytes: the temporary name of its longest output file fits NAME_MAX.
MAX_ID_BYTES = NAME_MAX - TEMPORARY_EXTRA - max(len(f.suffix.encode("utf-8")) for f in FORMATS.values())


class UnsafeName(ValueError):
    """A document id that cannot name an output file."""


def safe_name(doc_id: str) -> bool:
    """Whether ``doc_id`` can name an output file without leaving its folder, on any file system."""
    return id_problem(doc_id) is None


def id_problem(doc_id: str) -> tuple[str, str] | None:
    """Why ``doc_id`` cannot name the document's output files, as (code, message); None if it can."""
    fix = 'give the document an xml:id of letters, digits, "-", "_" and "." (not first)'
    if not doc_id or not _SAFE_NAME.match(doc_id):
        return "unsafe-id", f'document id "{doc_id}" cannot name an output file; {_unsafe(doc_id)}; {fix}'
    base = doc_id.split(".", 1)[0].rstrip(" ").casefold()
    if doc_id.casefold() in RESERVED:
        return "unsafe-id", (f'document id "{doc_id}" cannot name an output file; it is the name of an edition page '
                             f"({', '.join(sorted(RESERVED))}; on macOS and Windows in any case); choose another id")
    if base in DEVICES:
        return "unsafe-id", (f'document id "{doc_id}" cannot name an output file; "{doc_id.split(".", 1)[0]}" is a device '
                             f"name on Windows (CON, PRN, AUX, NUL, COM0-COM9, LPT0-LPT9, with any extension, in any case), "
                             f"where its files cannot be created; choose another id")
    size = id_bytes(doc_id)
    if size > MAX_ID_BYTES:
        shown = doc_id if len(doc_id) <= 40 else doc_id[:40] + "..."
        return "id-too-long", (f'document id "{shown}" is {size} bytes long as a file name; file systems take names of at most '
                               f"{NAME_MAX} bytes, and its longest output file (with its suffix and the temporary name it is "
                               f"written under) needs {NAME_MAX - MAX_ID_BYTES} more, so an id may have at most "
                               f"{MAX_ID_BYTES} bytes: shorten it (and the file name)")
    return None


def unsafe_id_reason(doc_id: str) -> str:
    """Why ``doc_id`` cannot name an output file (``safe_name`` is false): the message of the build's
    ``unsafe-id`` (or ``id-too-long``), which ``edition import`` gives too before writing a draft."""
    found = id_problem(doc_id)
    return found[1] if found else f'document id "{doc_id}" can name its output files'


def id_bytes(doc_id: str) -> int:
    """The length of ``doc_id`` as a file name, in the unit file systems count: UTF-8 bytes, or UTF-16
    units of its decomposed form (HFS+), whichever is more."""
    size = len(doc_id.encode("utf-8", "surrogatepass"))
    if doc_id.isascii():
        return size
    import unicodedata  # only for non-ASCII ids

    return max(size, len(unicodedata.normalize("NFD", doc_id).encode("utf-16-le", "surrogatepass")) // 2)


def id_key(doc_id: str) -> str:
    """What a file system that ignores case (and, on macOS, normalisation) sees of ``doc_id``: two ids
    with the same key name the same files there."""
    if doc_id.isascii():
        return doc_id.lower()
    import unicodedata

    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", doc_id).casefold())


def _unsafe(doc_id: str) -> str:
    if not doc_id:
        return "it is empty"
    if doc_id[0] in ".-":
        return f'it starts with "{doc_id[0]}"'
    bad = next((c for c in doc_id if c in '/\\:<>"|?*' or ord(c) < 0x20 or ord(c) == 0x7F), "?")
    return f"it has {bad!r}, which a file name cannot have on every system"


def target(out: Path, fmt: Format, doc_id: str) -> Path:
    if not safe_name(doc_id):
        raise UnsafeName(f"document id {doc_id!r} cannot name a file")
    return out / fmt.folder / f"{doc_id}{fmt.suffix}"
