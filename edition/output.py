"""Where outputs go and how they are written.

``FORMATS`` is the registry of per-document formats: adding a format is one entry
here and one stylesheet in ``xslt/``. ``write_atomic`` writes through a temporary
file in the target folder and ``os.replace``, and leaves unchanged files alone, so
a reader never sees a half-written page and timestamps mean something.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Format:
    name: str
    stylesheet: str  # in xslt/
    folder: str  # below the output folder
    suffix: str
    media_type: str


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", "html.xsl", "html", ".html", "text/html"),
        Format("text", "text.xsl", "text", ".txt", "text/plain"),
        Format("csl", "csl.xsl", "cite", ".json", "application/vnd.citationstyles.csl+json"),
        Format("bibtex", "bibtex.xsl", "cite", ".bib", "application/x-bibtex"),
    )
}

#: Edition-level pages, rendered once per build from the list of documents.
INDEX = Format("index", "index.xsl", "html", ".html", "text/html")

#: Static files copied into an output folder: (package data path, folder, name).
ASSETS = [("xslt", "css/edition.css", "html", "edition.css")]


def target(out: Path, fmt: Format, doc_id: str) -> Path:
    return out / fmt.folder / f"{doc_id}{fmt.suffix}"


def write_atomic(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically. Returns False when the file already held it."""
    try:
        if path.read_bytes() == data:
            return False
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return True
