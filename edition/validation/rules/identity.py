"""Identity: the document's id and the uniqueness of xml:id values."""

from __future__ import annotations


from lxml import etree

from edition.diagnostics import Severity
from edition.validation.messages import duplicate_id_message
from edition.validation.rules.registry import Document, T, XML_ID, rule


@rule("root-id", Severity.ERROR, "the root <TEI> has an xml:id equal to its file name without .xml")
def _root_id(doc: Document):
    stem = doc.path.name[:-4] if doc.path.name.endswith(".xml") else doc.path.stem
    doc_id = doc.doc_id
    if doc.root.tag != T + "TEI":
        return
    if doc_id is None:
        yield doc.root, f'the root <TEI> has no xml:id; add xml:id="{stem}" (the file name without .xml)', "xml:id"
    elif doc_id != stem:
        yield doc.root, (f'the root xml:id "{doc_id}" does not match the file name "{doc.path.name}"; '
                            f'rename the file to "{doc_id}.xml" or set xml:id="{stem}"')


@rule("id-duplicate", Severity.ERROR, "xml:id values are unique within a document")
def _id_duplicate(doc: Document):
    seen: dict[str, etree._Element] = {}
    for el in doc.having((XML_ID,)):
        value = el.get(XML_ID)
        if value in seen:
            yield el, duplicate_id_message(value, seen[value].sourceline), "xml:id"
        else:
            seen[value] = el
