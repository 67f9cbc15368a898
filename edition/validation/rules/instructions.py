"""Processing instructions: xml-model and xml-stylesheet name local files."""

from __future__ import annotations

import re

from lxml import etree

from edition.diagnostics import Severity
from edition.validation.rules.registry import Document, _SCHEME, rule


_HREF = re.compile(r"""\bhref\s*=\s*(["'])(.*?)\1""", re.S)


@rule("remote-reference", Severity.WARNING, "xml-model and xml-stylesheet instructions name local files, not remote addresses")
def _remote_reference(doc: Document):
    pis = [n for n in doc.root.itersiblings(preceding=True) if isinstance(n, etree._ProcessingInstruction)]
    pis += [n for n in doc.root.iter(etree.PI)]
    for pi in pis:
        if pi.target not in ("xml-model", "xml-stylesheet"):
            continue
        m = _HREF.search(pi.text or "")
        if not m:
            continue
        href = m.group(2).strip()
        scheme = _SCHEME.match(href)
        if scheme or href.startswith("//"):
            shown = href if len(href) <= 60 else href[:57] + "..."
            yield pi, (f'<?{pi.target} href="{shown}"?> points to a remote address; edition never fetches it, but XML '
                       f"editors and browsers would: point it to a file in the repository (for the schema: "
                       f'href="../schemas/edition.rng")')
