"""One document, rendered: every per-document format of the registry from one parsed tree, with
what the edition pages need of it (its entry in the index, its persons, its summary) and the
elements no text format has a rule for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from edition import resources
from edition.render import pages, saxon
from edition.render.formats import FORMATS, PERSONS_DATA
from edition.sources.parse import TEI_NS, Source


@dataclass
class Rendered:
    outputs: dict[str, bytes]  # format name -> its bytes
    summary: dict  # what the edition pages need: id, date, title... its index entry, its persons
    unstyled: dict[str, list[int]]  # element -> [count, line, column]


def render(source: Source, doc_id: str, params: dict) -> Rendered:
    """Every per-document format of ``source``, Saxon parsing it once; TransformError if a
    stylesheet fails."""
    xml = etree.tostring(source.tree, encoding="unicode")
    params = {**params, "document-id": doc_id}
    found = summary(source, doc_id)
    rendered = saxon.render_all(xml, [fmt.stylesheet for fmt in FORMATS.values()] + [PERSONS_DATA], params)
    found["entry"] = pages.index_entry(found, params)  # its entry in the index page
    found["persons"] = pages.persons_data(rendered[-1])  # what the persons index needs of it
    outputs = {name: text.encode("utf-8") for name, text in zip(FORMATS, rendered)}
    return Rendered(outputs, found, unstyled(source))


def summary(source: Source, doc_id: str) -> dict:
    """What the index page needs to know about one document."""
    ns = {"t": TEI_NS}
    root = source.root

    def text(xpath: str) -> str:
        found = root.xpath(xpath, namespaces=ns)
        return " ".join("".join(found[0].itertext()).split()) if found else ""

    date = root.xpath("t:teiHeader/t:profileDesc/t:creation/t:date[1]", namespaces=ns)
    out = {"id": doc_id, "when": (date[0].get("when") or date[0].get("from") or date[0].get("notBefore") or "") if date else ""}
    for name, xpath in (
        ("title", "t:teiHeader/t:fileDesc/t:titleStmt/t:title[1]"),
        ("date", "t:teiHeader/t:profileDesc/t:creation/t:date[1]"),
        ("place", "t:teiHeader/t:profileDesc/t:creation/t:placeName[1]"),
        ("type", "t:teiHeader/t:profileDesc/t:textClass//t:term[@type='documentType'][1]"),
        ("summary", "t:teiHeader/t:profileDesc/t:abstract"),
    ):
        out[name] = text(xpath) or (doc_id if name == "title" else "")
    return out


_NAMED = re.compile(r"\btei:([A-Za-z][\w.\-]*)")
_IMPORT = re.compile(r"<xsl:(?:import|include)\s+href=\"([^\"]+)\"")
_DEFAULT_NS = re.compile(r"xpath-default-namespace=\"" + re.escape(TEI_NS) + "\"")
_XPATH_ATTR = re.compile(r"\s(?:match|select|test|use)=\"([^\"]*)\"")
_BARE = re.compile(r"(?<![\w$:@.\-])([A-Za-z][\w.\-]*)(?![\w.\-]*\s*\()")


@cache
def styled_elements() -> frozenset[str]:
    """TEI elements some text format's stylesheet (or one it imports) names: those it renders deliberately."""
    def names(path: Path, seen: set[Path]) -> set[str]:
        if path in seen:
            return set()
        seen.add(path)
        text = path.read_text(encoding="utf-8")
        found = set(_NAMED.findall(text))
        if _DEFAULT_NS.search(text):  # unprefixed names in XPath are TEI elements there
            for xpath in _XPATH_ATTR.findall(text):
                found.update(_BARE.findall(xpath))
        for href in _IMPORT.findall(text):
            found |= names((path.parent / href).resolve(), seen)
        return found

    sets = [names(resources.stylesheet(f.stylesheet).resolve(), set()) for f in FORMATS.values() if f.text]
    return frozenset(set().union(*sets))  # a rule in any text format: the element is rendered deliberately


def unstyled(source: Source) -> dict[str, list[int]]:
    """Elements of the text no stylesheet has a rule for (rendered as plain text): name -> [count, line, column]."""
    styled = styled_elements()
    found: dict[str, list[int]] = {}
    for text in source.root.iterfind(f"{{{TEI_NS}}}text"):
        for el in text.iterdescendants():
            if not isinstance(el.tag, str):
                continue
            q = etree.QName(el)
            if q.namespace == TEI_NS and q.localname in styled:
                continue
            name = q.localname if q.namespace == TEI_NS else q.text
            if name in found:
                found[name][0] += 1
            else:
                found[name] = [1, *source.position(el)]
    return found
