"""Edition-level outputs: pages made from every document at once.

The persons index (``html/persons.html``) lists each person with every speech they
give and every place they are named, linked to the exact anchor on the document's
page. The pipeline renders ``persons-data.xsl`` with each document (in the
per-document step, cached with it for incremental builds), then, once per build,
``gather`` collects those and ``render_persons`` writes the page.

Per-document work stays in stylesheets: ``persons-data.xsl`` says, for one document,
who speaks and who is named where (with the anchors html.xsl writes, from the same
functions in common/common.xsl); ``persons.xsl`` renders the gathered list. This
module only gathers and writes.

Like the index page, the persons index is kept as it was when some sources have
errors, rather than losing their entries.
"""

from __future__ import annotations


from lxml import etree

from edition import transform
from edition.output import Format

#: The persons index: one page for the edition.
PERSONS = Format("persons", "persons.xsl", "html", ".html", "text/html")
#: What the persons index needs from one document.
PERSONS_DATA = "persons-data.xsl"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def gather(documents: list[str]) -> str:
    """``<edition>`` holding each document's ``persons-data.xsl`` output (strings, in edition order)."""
    edition = etree.Element("edition")
    for xml in documents:
        edition.append(etree.fromstring(xml.encode("utf-8"), _PARSER))
    return etree.tostring(edition, encoding="unicode")


def render_persons(gathered: str, params: dict) -> bytes:
    """The persons index page from ``gather``'s result."""
    return transform.render_text(gathered, PERSONS.stylesheet, params).encode("utf-8")
