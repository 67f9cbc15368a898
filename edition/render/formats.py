"""The format registry: every output a build writes, named in one place.

Per-document formats (``FORMATS``: the reading editions and the citation data) and the
edition's own pages (``INDEX``, ``PERSONS``) are ``Format`` entries: a name, the stylesheet
that renders it (in ``xslt/``), the folder and suffix of its files and their media type.
Adding a format is one entry here and one stylesheet; no other module names a format's
folder or suffix. ``safe_name`` says which document ids can name those files.
"""

from __future__ import annotations

import re
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
#: persons index from each document's persons.
INDEX = Format("index", "index.xsl", "html", ".html", "text/html")
PERSONS = Format("persons", "persons.xsl", "html", ".html", "text/html")
#: What the persons index needs from one document (rendered with the document).
PERSONS_DATA = "persons-data.xsl"

#: Static files copied into an output folder: (package data path, folder, name).
ASSETS = [("xslt", "css/edition.css", "html", "edition.css")]


#: A document id usable as a file name: nothing a file system could read as a path
#: (no "/", "\\", ":", control characters, no leading dot or hyphen), and not a name
#: an edition-level page already uses. XML NCNames (what xml:id holds) qualify.
_SAFE_NAME = re.compile(r"^[^./\\:\-\x00-\x1f\x7f][^/\\:\x00-\x1f\x7f]*$")
RESERVED = {"index", "persons"}  # the edition pages in html/, in any case ("Index" is index.html on macOS and Windows)
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
