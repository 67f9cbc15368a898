"""The probe document: every element of TEI that can hold text, each with a word of its own, where
the schema lets it stand (tools/tei-elements.tsv), rendered by the edition's stylesheets, and what
each format made of it (the coverage table, docs/coverage.md).

Used by tools/coverage.py (``table``) and tests/render/test_coverage.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.sax.saxutils import escape

from lxml import etree, html as lxml_html

from tools.coverage import Element

TEI_NS = "http://www.tei-c.org/ns/1.0"
#: Elements that stand only where the page does not show them: parts of the header a reader is not
#: given (the encoding's declarations, the classification's categories, data of other vocabularies).
HEADER_ONLY = "only in the header's declarations (encodingDesc, and the like), which the page does not show"


def word(name: str) -> str:
    """The probe word of an element: a word no other element has ("probeaddname")."""
    return "probe" + re.sub(r"[^A-Za-z0-9]", "", name).lower()


@dataclass(frozen=True)
class Probe:
    xml: str  # the probe document
    placed: dict[str, str]  # element name -> "text" (in the text), "header" (only in the header)


def document(elements: list[Element]) -> Probe:
    """The probe document: each element that can hold text inside the chain of elements that leads to
    it (from body: in the text; from sourceDoc; from the header: in the header), with its word."""
    body, source_doc, header = [], [], []
    placed = {}
    for el in elements:
        if not el.text or not el.context:
            continue
        chain = el.context
        inner = f"<{el.name}>{word(el.name)}</{el.name}>"
        for name in reversed(chain[1:]):
            inner = f"<{name}>{inner}</{name}>"
        if chain[0] == "body":
            body.append(inner)
            placed[el.name] = "text"
        elif chain[0] == "sourceDoc":
            source_doc.append(inner)
            placed[el.name] = "text"
        elif chain[0] == "teiHeader":
            header.append(inner)
            placed[el.name] = "header"
        else:
            placed[el.name] = "header"
    xml = (f'<TEI xmlns="{TEI_NS}" xml:id="probe" xml:lang="en"><teiHeader><fileDesc><titleStmt><title>Probe</title>'
           f"</titleStmt><publicationStmt><p>Probe</p></publicationStmt><sourceDesc><p>Probe</p></sourceDesc></fileDesc>"
           f"{''.join(header)}</teiHeader><sourceDoc>{''.join(source_doc)}</sourceDoc>"
           f"<text><body>{''.join(body)}</body></text></TEI>")
    return Probe(xml, placed)


def render(probe: Probe):
    """The probe rendered as a build renders a document: its outputs, the elements that fell to a
    format's last rule (saxon.Outputs.no_rule) and the words check's errors."""
    from edition.render import saxon
    from edition.render.formats import RENDERED, links
    from edition.render import words

    tree = etree.fromstring(probe.xml.encode("utf-8"))
    found = saxon.render_document(probe.xml, RENDERED, {**links("probe"), "document-id": "probe"})
    lost = words.check(tree, found.outputs, "probe", lambda el: (el.sourceline or 0, 0))
    return found, lost


def _html_of(page: str, name: str) -> str:
    """What the HTML made of an element: the innermost HTML element that holds its word, and the text
    around the word in it ("…" for the word)."""
    doc = lxml_html.document_fromstring(page)
    w = word(name)
    hits = doc.xpath(f"//*[text()[contains(., '{w}')]] | //img[contains(@alt, '{w}')]")
    if not hits:
        return "(not found)"
    el = hits[0]
    if el.tag == "img":
        return "`<img alt>`"
    attrs = "".join(f' {k}="{v}"' for k, v in el.attrib.items() if k in ("class",))
    text = " ".join("".join(el.itertext()).split()).replace(w, "…")
    shown = f"`<{el.tag}{attrs}>`"
    return shown + (f" {escape(text)}" if text != "…" else "")


def _text_of(text: str, name: str) -> str:
    """What the text edition made of an element: the word with the signs and label around it."""
    w = word(name)
    for line in text.splitlines():
        if w not in line:
            continue
        i = line.index(w)
        start = i
        while start > 0 and not line[start - 1].isspace():
            start -= 1
        end = i + len(w)
        while end < len(line) and not line[end].isspace():
            end += 1
        lead = line[start:i]
        opened = max(line.rfind(c, 0, start) for c in "[{⟦(“")
        closers = {"[": "]", "{": "}", "⟦": "⟧", "(": ")", "“": "”"}
        if opened >= 0 and start - opened <= 40 and closers[line[opened]] not in line[opened:start]:
            lead = line[opened:i]  # a bracket with its label: "[added above the line: …"
        else:
            label = re.search(r"(^|\s)([A-Z][\w ()-]*:)\s*$", line[:start])
            if label:
                lead = label.group(2) + " " + lead
        return " ".join((lead + "…" + line[i + len(w):end]).split()) or "…"
    return "(not found)"


def table(elements: list[Element]) -> str:
    """The coverage table (docs/coverage.md): every element of TEI that can hold text, and what the
    HTML and the text edition make of it."""
    from edition.render import words

    probe = document(elements)
    found, lost = render(probe)
    page, text = found.outputs["html"], found.outputs["text"]
    no_rule = {n for names in found.no_rule.values() for n in names.values()}
    rows = []
    for el in elements:
        if not el.text:
            continue
        where = probe.placed.get(el.name, "header")
        if f"{{{TEI_NS}}}{el.name}" in words.NOT_SHOWN:
            html = txt = "not shown: " + words.NOT_SHOWN[f"{{{TEI_NS}}}{el.name}"]
        elif where == "header":
            html = txt = "not shown: " + HEADER_ONLY
        else:
            html, txt = _html_of(page, el.name), _text_of(text, el.name)
        if el.name in no_rule:
            html += " (no rule of its own)"
        rows.append(f"| `{el.name}` | {html.replace('|', '&#124;')} | {txt.replace('|', '&#124;')} |")
    counted = sum(1 for e in elements if e.text)
    return "\n".join([
        "# Coverage: every TEI element that can hold text",
        "",
        "Generated by `python tools/coverage.py table` (do not edit): each element of TEI P5 (`tei_all.rng`)",
        f"whose content can be text ({counted} of {len(elements)}), put where the schema lets it stand with a word",
        "of its own, rendered by the edition's stylesheets. *HTML*: the innermost element that holds the",
        "word, with the text around it (`…` for the word); *text*: the word with the signs and labels",
        "around it in the text edition. `tests/render/test_coverage.py` renders the same document: every",
        "element has a rule of its own, every word reaches both formats, and this table is current.",
        "What is not shown, and why, is in [encoding.md](encoding.md), \"What is not shown\".",
        "",
        "| element | HTML | text |",
        "| --- | --- | --- |",
        *rows,
        "",
    ])
