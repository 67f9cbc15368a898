"""Content: no empty elements that must hold text; every declared person is used."""

from __future__ import annotations

from collections import Counter

from edition.diagnostics import Severity
from edition.validation.rules.registry import Document, NS, T, XML_ID, _local, _pointers, rule


_MUST_HAVE_TEXT = ("speaker", "p", "supplied", "note", "head", "title")


@rule("empty-element", Severity.ERROR, "no empty <speaker>, <p>, <supplied>, <note>, <head> or <title>")
def _empty(doc: Document):
    for name in _MUST_HAVE_TEXT:
        for el in doc.root.iter(T + name):
            if "".join(el.itertext()).strip():
                continue
            # a paragraph holding only a gap or a page break is a statement, not an empty element
            has_sign = any(isinstance(c.tag, str) and _local(c) in ("gap", "pb", "graphic") for c in el.iter())
            if not has_sign:
                yield el, f"<{name}> is empty; write its text, or remove it (mark lost text with <gap reason=\"...\"/>)"


@rule("person-unused", Severity.WARNING, "every person declared in the header speaks or is named somewhere")
def _person_unused(doc: Document):
    used: Counter[str] = Counter()
    for el in doc.having(("who", "ref", "corresp", "resp")):
        for attr in ("who", "ref", "corresp", "resp"):
            for ptr in _pointers(el.get(attr)):
                if ptr.startswith("#"):
                    used[ptr[1:]] += 1
    for person in doc.root.iterfind(".//t:teiHeader//t:person", NS):
        pid = person.get(XML_ID)
        if pid and not used[pid]:
            yield person, (f'person "{pid}" is declared but never speaks (sp/@who) or is named (persName/@ref); '
                           f'link a mention with ref="#{pid}" or remove the declaration')
