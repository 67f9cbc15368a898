"""One document, rendered: every per-document format of the registry, with what the edition
pages need of it (its entry in the index, its persons, its summary) and the elements no text
format has a rule for, from one run of ``xslt/document.xsl`` over one parsed tree.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from edition.render import pages, saxon
from edition.render.formats import FORMATS, RENDERED, links
from edition.sources.parse import Source


@dataclass
class Rendered:
    outputs: dict[str, bytes]  # format name -> its bytes
    summary: dict  # what the edition pages need: id, when, title, its index entry, its persons, places and organisations
    unstyled: dict[str, list[int]]  # element -> [count, line, column]


def render(source: Source, doc_id: str, params: dict, custom: saxon.Custom | None = None,
           register_entries: str | None = None, entry_pages: bool = False) -> Rendered:
    """Every per-document output of ``source`` in one Saxon run (with the edition's own stylesheets
    and CSS in ``custom``, if any); TransformError if it fails. ``register_entries``: the entries of
    the registers it points at (``registers.entries_xml``); ``entry_pages``: whether the register
    entries have pages of their own (``render.pages``), which its links lead to."""
    xml = etree.tostring(source.tree, encoding="unicode")
    found = saxon.render_document(xml, RENDERED, {**links(doc_id, custom, entry_pages), **params, "document-id": doc_id},
                                  custom,
                                  {"register-entries": register_entries} if register_entries else None)
    summary = {"id": doc_id, **found.summary,
               "entry": found.index_entry,  # its entry in the index page
               "persons": pages.persons_data(found.persons),  # what the persons index needs of it
               "places": pages.places_data(found.places)}  # and the places page
    outputs = {name: source.data if fmt.copy else found.outputs[name].encode("utf-8") for name, fmt in FORMATS.items()}
    return Rendered(outputs, summary, unstyled(source, found.no_rule))


def unstyled(source: Source, no_rule: dict[str, dict[int, str]]) -> dict[str, list[int]]:
    """Elements of the text outside the TEI namespace that no text format has a rule for (their text
    is rendered plainly), as the formats said while rendering (``saxon.Outputs.no_rule``): name
    ("{namespace}local") -> [count, line, column of the first]. Every TEI element has a rule of its
    own (docs/coverage.md)."""
    texts = [name for name, fmt in FORMATS.items() if fmt.text]
    numbers = set.intersection(*(set(no_rule.get(name, ())) for name in texts)) if texts else set()
    numbers = {n for n in numbers if no_rule[texts[0]][n].startswith("{")}
    found: dict[str, list[int]] = {}
    first: dict[int, str] = {}  # element number -> name, for the first of each name
    for number in sorted(numbers):  # document order
        name = no_rule[texts[0]][number]
        if name in found:
            found[name][0] += 1
        else:
            found[name] = [1]
            first[number] = name
    last = max(first, default=0)  # the numbers count the document's elements in document order, the root 1
    for number, el in enumerate(source.root.iter(etree.Element), start=1):
        if number > last:
            break
        if number in first:
            found[first[number]] += source.position(el)
    return found
