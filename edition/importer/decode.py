"""Bytes in, text out: whether the input is a text file at all, and which encoding it is in."""

from __future__ import annotations

import re

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
    count = len(_BINARY.findall(data))
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
