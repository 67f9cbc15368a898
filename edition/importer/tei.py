"""The TEI tree's small tools: names in the TEI namespace, an element with its text and attributes,
text appended where it belongs (an element's text or its last child's tail)."""

from __future__ import annotations

from lxml import etree

from edition.sources.parse import TEI_NS, XML_NS

T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"


def add(parent, name: str, text: str | None = None, **attrs) -> etree._Element:
    """A new last child of ``parent``, the TEI element ``name`` (``xml_id=`` sets xml:id)."""
    element = etree.SubElement(parent, T + name)
    for k, v in attrs.items():
        element.set(XML_ID if k == "xml_id" else k, v)
    if text is not None:
        element.text = text
    return element


def append_text(parent: etree._Element, text: str) -> None:
    """``text`` after everything ``parent`` holds."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text

