"""Edition-level outputs: pages made from every document at once.

``write_edition_pages`` runs once per build, after the documents are rendered (the
pipeline calls it as one hook). It writes ``html/persons.html``, the persons index:
each person with every speech they give and every place they are named, linked to
the exact anchor on the document's page.

Per-document work stays in stylesheets: ``persons-data.xsl`` says, for one document,
who speaks and who is named where (with the anchors html.xsl writes, from the same
functions in common/common.xsl); ``persons.xsl`` renders the gathered list. This
module only gathers and writes.

Like the index page, the persons index is kept as it was when some sources have
errors, rather than losing their entries.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from edition import transform
from edition.output import Format, target, write_atomic

#: The persons index: one page for the edition.
PERSONS = Format("persons", "persons.xsl", "html", ".html", "text/html")
#: What the persons index needs from one document.
PERSONS_DATA = "persons-data.xsl"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def persons_data(checked: list, params: dict) -> etree._Element:
    """``<edition>`` with one ``<document>`` (persons-data.xsl's output) per rendered source."""
    edition = etree.Element("edition")
    for c in checked:
        doc_id = c.source.doc_id or c.path.stem
        xml = transform.render(c.source.tree, PERSONS_DATA, {**params, "document-id": doc_id})
        edition.append(etree.fromstring(xml.encode("utf-8"), _PARSER))
    return edition


def write_edition_pages(result, out: Path, params: dict) -> None:
    """Write the edition-level pages for a build's ``result`` (a ``pipeline.Result``) into ``out``.

    Uses every source that was rendered (``Checked.ok``); does nothing when some source
    has errors, so the pages keep the entries of documents that failed this time."""
    if any(not c.ok for c in result.checked):
        return
    data = persons_data([c for c in result.checked if c.ok], params)
    html = transform.render_text(etree.tostring(data, encoding="unicode"), PERSONS.stylesheet, params)
    path = target(out, PERSONS, "persons")
    (result.written if write_atomic(path, html.encode("utf-8")) else result.unchanged).append(path)
