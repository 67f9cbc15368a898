"""Bytes in, text out: reading the input within a bounded size, whether it is a text file at
all, and which encoding it is in."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from edition.importer.report import ImportProblem

#: Inputs larger than this are refused before they are read: the import holds the text, its
#: paragraphs and the draft's tree in memory (about 60 times the input at worst), and a
#: transcript, even of a conference of several days, is well below it.
MAX_INPUT_BYTES = 8 * 1024 * 1024


def read_input(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the file ``path``, never more than ``limit`` of them read into memory.

    Raises ``ImportProblem`` for a file larger than ``limit`` (checked before reading, and
    again while reading, for a file that grows) and ``OSError`` when it cannot be read
    (``FileNotFoundError``, ``IsADirectoryError``...). Only regular files are read: a FIFO
    or a device would block or never end."""
    info = os.stat(path)  # before opening: opening a FIFO blocks until something writes to it
    if not stat.S_ISREG(info.st_mode):
        raise ImportProblem("not-a-file", "not a regular file (a pipe, a device...): name a transcript file")
    if info.st_size > limit:
        raise ImportProblem("too-large", _too_large(info.st_size, limit))
    with open(path, "rb") as f:
        data = f.read(limit + 1)
    if len(data) > limit:
        raise ImportProblem("too-large", _too_large(len(data), limit))
    return data


def _too_large(size: int, limit: int) -> str:
    mb = 1024 * 1024
    shown = f"{size / mb:,.1f} MB" if size < 100 * mb else f"{size // mb:,} MB"
    return (f"the file is {shown}; transcripts larger than {limit // mb} MB are refused (the import holds the "
            f"whole text in memory): split it into documents")


#: Bytes no text transcript holds: NUL and the C0 controls other than tab, line feed, form feed
#: and carriage return (and DEL). A file with them is an image, a PDF, a word-processor file...
_BINARY = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def not_text(data: bytes) -> str | None:
    """Why ``data`` is not a plain-text transcript (a binary file), or None. A stray control
    character is let through (OCR output has them); a NUL, or more than one in a hundred bytes
    of control characters, is not text."""
    if data.startswith(_UTF16_BOMS):  # UTF-16 text (Windows "Unicode"): NUL bytes are part of its characters
        return None
    found = _BINARY.search(data)
    if found is None:
        return None
    count = sum(1 for _ in _BINARY.finditer(data))  # counted, not listed: memory stays flat
    if b"\x00" in data or count * 100 > len(data):
        return (f"this is not a plain-text transcript: {count} of its {len(data)} bytes are binary (NUL or control "
                f"characters), the first at byte {found.start()}; give the transcript as a text file (for a PDF or a "
                f"word-processor file, save or export it as plain text first)")
    return None


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode(data: bytes) -> tuple[str, str]:
    """The input's text and the encoding it was read in: UTF-16 when it starts with its byte-order
    mark, else UTF-8, else Windows-1252, else Latin-1."""
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes any bytes")
