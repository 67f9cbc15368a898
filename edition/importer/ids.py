"""Ids: the document's (from its title and date), and the slugs persons and notes are named by."""

from __future__ import annotations

import re
import unicodedata

from edition.importer.dates import DATE_IN_LINE
from edition.render.formats import MAX_ID_BYTES, safe_name


def fold(word: str) -> str:
    """Lower case without accents: how names are compared ("Kertész" = "KERTESZ")."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    """Lower-case ASCII letters and digits joined by "-": "Tran Văn Minh" -> "tran-van-minh"."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s


_STOP = {"of", "with", "the", "and", "between", "at", "in", "a", "an", "on", "to", "for", "by", "from"}


def default_id(title: str | None, iso: str | None, speakers: list[str]) -> str:
    """The document's id when no file name gives one: the title's words (or the speakers) and the date."""
    words = []
    if title:
        t = title
        for m in DATE_IN_LINE.finditer(title):
            t = t.replace(m.group(0), " ")
        words = [w for w in slug(t).split("-") if w and w not in _STOP and len(w) > 1 and not w.isdigit()][:6]
    if not words:
        words = speakers[:3]
    base = "-".join(words + ([iso] if iso else [])) or "imported-document"
    if not re.match(r"[a-z_]", base) or not safe_name(base):  # "index", "con": names the build refuses
        base = "doc-" + base
    if not safe_name(base):  # a word too long for a file name
        base = base[:MAX_ID_BYTES - 8].rstrip("-.")  # room for Builder.unique_id's "-2"
    return base


_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$", re.A)


def valid_id(value: str) -> bool:
    """Whether ``value`` can be an xml:id (an NCName in ASCII)."""
    return bool(_NCNAME.match(value))

