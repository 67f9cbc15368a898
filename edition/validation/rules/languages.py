"""Languages: language tags are well-formed."""

from __future__ import annotations

import re

from edition.diagnostics import Severity
from edition.validation.rules.registry import Document, T, XML_LANG, _local, rule


_BCP47 = re.compile(
    r"^(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"  # language
    r"(?:-[A-Za-z]{4})?"                                     # script
    r"(?:-(?:[A-Za-z]{2}|\d{3}))?"                           # region
    r"(?:-(?:[A-Za-z0-9]{5,8}|\d[A-Za-z0-9]{3}))*"           # variants
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"        # extensions
    r"(?:-x(?:-[A-Za-z0-9]{1,8})+)?$"                       # private use
    r"|^x(?:-[A-Za-z0-9]{1,8})+$|^$"
)


@rule("lang-tag", Severity.ERROR, "xml:lang values (and language/@ident, textLang/@mainLang) are well-formed BCP 47 tags")
def _lang(doc: Document):
    for el in doc.having((XML_LANG, "ident", "mainLang")):
        for attr in (XML_LANG, "ident" if el.tag == T + "language" else None, "mainLang"):
            if attr is None:
                continue
            value = el.get(attr)
            if value is not None and not _BCP47.match(value):
                name = "xml:lang" if attr == XML_LANG else "@" + attr
                yield el, (f'{name}="{value}" on <{_local(el)}> is not a well-formed language tag; write a BCP 47 tag: '
                           f'a language, then optionally one script, one region, variants ("en", "ru", "zh-Latn", "de-CH")'), name.lstrip("@")
