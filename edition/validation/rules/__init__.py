"""Rules the grammar cannot say, each with a stable code and a fix.

One module per family of rules (identity, pointers, notes, dates, languages, content,
processing instructions), each registering its rules in ``registry.RULES``. ``check`` runs
them all and turns what they yield into diagnostics at the element's start tag. Each rule has
a fixture in tests/fixtures/rules/ and a line in docs/codes.md; ``edition rules`` lists the
codes with their summaries.
"""

from __future__ import annotations

from lxml import etree

from edition.diagnostics import Diagnostic
from edition.sources.parse import TEI_NS, Source
from edition.sources.registers import NO_REGISTERS, Registers
# each family registers its rules as it is imported; ``edition rules`` lists them in this order
from edition.validation.rules import identity  # noqa: F401
from edition.validation.rules import pointers  # noqa: F401
from edition.validation.rules import notes  # noqa: F401
from edition.validation.rules import dates  # noqa: F401
from edition.validation.rules import languages  # noqa: F401
from edition.validation.rules import content  # noqa: F401
from edition.validation.rules import instructions  # noqa: F401
from edition.validation.rules import registers as _registers  # noqa: F401
from edition.validation.rules.dates import MONTHS
from edition.validation.rules.pointers import documents_named
from edition.validation.rules.registry import RULES, Document, Rule

__all__ = ["RULES", "Rule", "check", "documents_named", "MONTHS"]


def check(source: Source, flagged: set[tuple[str, str]] = frozenset(), registers: Registers = NO_REGISTERS,
          register: bool = False) -> list[Diagnostic]:
    """Every rule's findings in ``source``, at the start tag of the element concerned.

    The rules are about TEI documents: a root that is not a TEI element has already been
    reported by the grammar (schema-namespace, schema-element) and gets no rule findings.
    A finding on an attribute the grammar already rejected (``flagged``: (element path,
    attribute) pairs, as ``validation.relaxng.validate`` returns them: an invalid date or
    language value, a duplicate xml:id) is one cause: it is reported once.
    """
    if etree.QName(source.root).namespace != TEI_NS:
        return []
    doc = Document(source, registers, register)
    out = []
    for r in RULES:
        for finding in r.func(doc):
            element, message = finding[0], finding[1]
            if len(finding) > 2 and flagged and (source.tree.getpath(element), finding[2]) in flagged:
                continue
            line, col = source.position(element)
            out.append(Diagnostic(r.severity, r.code, source.display, line, col, message))
    return out
