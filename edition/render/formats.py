"""The format registry: every output a build writes, named in one place.

Per-document formats (``FORMATS``: the reading editions and the citation data) and the
edition's own pages (``INDEX``, ``PERSONS``) are ``Format`` entries: a name, the stylesheet
that renders it (in ``xslt/``), the folder and suffix of its files and their media type.
Adding a format is one entry here and one stylesheet; no other module names a format's
folder or suffix. ``safe_name`` says which document ids can name those files.
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


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", "html.xsl", "html", ".html", "text/html"),
        Format("text", "text.xsl", "text", ".txt", "text/plain"),
        Format("csl", "csl.xsl", "cite", ".json", "application/vnd.citationstyles.csl+json", text=False),
        Format("bibtex", "bibtex.xsl", "cite", ".bib", "application/x-bibtex", text=False),
    )
}

#: Edition-level pages, rendered once per build: the index from every document's entry, the
#: persons index from each document's persons (a page's file is its name and suffix in its folder:
#: html/index.html, html/persons.html).
INDEX = Format("index", "index.xsl", "html", ".html", "text/html")
PERSONS = Format("persons", "persons.xsl", "html", ".html", "text/html")
PAGES = {f.name: f for f in (INDEX, PERSONS)}
#: What the persons index needs from one document (rendered with the document).
PERSONS_DATA = "persons-data.xsl"
#: The stylesheet that renders every per-document output in one run (the formats, the document's
#: entry in the index, what the persons index needs of it): render.document.
DOCUMENT = "document.xsl"

#: Static files copied into an output folder: (package data path, folder, name).
ASSETS = [("xslt", "css/edition.css", "html", "edition.css")]
#: The assets the pages link to, by the name of the stylesheet parameter that gets the link (NAME-href).
LINKED_ASSETS = {"css": ASSETS[0]}


def links(doc_id: str | None = None) -> dict[str, str]:
    """Where the edition's files are, as the stylesheet parameters that say it (NAME-href): the
    edition pages and the assets they use and, for document ``doc_id``, the document in each
    format. Links lead from the folder of the pages (html/), where the document pages, the index
    and the persons index are; every output folder is one level below the output folder, so a
    link into another folder (../cite/ID.json) reads the same from each of them (the text edition
    prints its citation files' links so). The stylesheets name no file of their own: these do."""
    found = dict(_edition_links())
    if doc_id is not None:
        name = urllib.parse.quote(doc_id, safe="")  # as XPath's encode-for-uri: all but A-Z a-z 0-9 - _ . ~
        found.update({param: f"{folder}{name}{suffix}" for param, folder, suffix in _document_links()})
    return found


@functools.cache
def _edition_links() -> tuple[tuple[str, str], ...]:
    here = INDEX.folder
    return (*((f"{name}-href", _href(f"{fmt.folder}/{name}{fmt.suffix}", here)) for name, fmt in PAGES.items()),
            *((f"{name}-href", _href(f"{folder}/{file}", here)) for name, (_, _, folder, file) in LINKED_ASSETS.items()))


@functools.cache
def _document_links() -> tuple[tuple[str, str, str], ...]:
    """(parameter, the folder's link from the pages' folder, ending in "/" unless it is that folder, suffix),
    computed once (posixpath.relpath for every link of every document cost a tenth of the step)."""
    here = INDEX.folder
    return tuple((f"{fmt.name}-href", _href(f"{fmt.folder}/x", here)[:-1], fmt.suffix) for fmt in FORMATS.values())


def _href(path: str, start: str) -> str:
    """The relative link from folder ``start`` to ``path`` (both below the output folder)."""
    return posixpath.relpath(path, start)


#: A document id usable as a file name: nothing a file system could read as a path
#: (no "/", "\\", ":", control characters, no leading dot or hyphen), and not a name
#: an edition-level page already uses. XML NCNames (what xml:id holds) qualify.
_SAFE_NAME = re.compile(r"^[^./\\:\-\x00-\x1f\x7f][^/\\:\x00-\x1f\x7f]*$")
RESERVED = set(PAGES)  # the edition pages in html/ (index, persons), in any case ("Index" is index.html on macOS and Windows)
#: Names Windows keeps for devices, whatever follows a dot ("CON.html" is the console): compared in lower case.
DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


class UnsafeName(ValueError):
    """A document id that cannot name an output file."""


def safe_name(doc_id: str) -> bool:
    """Whether ``doc_id`` can name an output file without leaving its folder."""
    return (bool(doc_id) and len(doc_id) <= 200 and bool(_SAFE_NAME.match(doc_id)) and doc_id.lower() not in RESERVED
            and doc_id.split(".")[0].lower() not in DEVICES)


def unsafe_id_reason(doc_id: str) -> str:
    """Why ``doc_id`` cannot name an output file (``safe_name`` is false): the build's ``unsafe-id``
    message, which ``edition import`` gives too before writing a draft."""
    return (f'document id "{doc_id}" cannot name an output file; use letters, digits, "-", "_" and "." (not first), '
            f'and not the name of an edition page ("index", "persons") or of a Windows device ("CON", "NUL", "COM1"...), '
            f'in any case')


def target(out: Path, fmt: Format, doc_id: str) -> Path:
    if not safe_name(doc_id):
        raise UnsafeName(f"document id {doc_id!r} cannot name a file")
    return out / fmt.folder / f"{doc_id}{fmt.suffix}"
