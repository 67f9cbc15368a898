"""The rules' registry, and the one view of a document that every rule reads.

A rule is a function registered with ``@rule(code, severity, summary)``; it receives a
``Document`` and yields ``(element, message)`` pairs, or ``(element, message, attribute)``
where the finding is about one attribute (the grammar may have reported that attribute
already: then the rule keeps quiet). ``Document`` computes once what several rules need (the
id map, the elements carrying given attributes) and is dropped after the run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterator

from lxml import etree

from edition.diagnostics import Severity
from edition.sources.parse import TEI_NS, XML_NS, Source
from edition.sources.registers import NO_REGISTERS, Registers

T = f"{{{TEI_NS}}}"
XML_ID = f"{{{XML_NS}}}id"
XML_LANG = f"{{{XML_NS}}}lang"
NS = {"t": TEI_NS}

#: (element, message) or (element, message, attribute)
Finding = tuple


class Document:
    """One source as the rules see it: its tree and path, and what several rules need, computed once."""

    def __init__(self, source: Source, registers: Registers = NO_REGISTERS, register: bool = False):
        self.source = source
        self.registers = registers  # the edition's registers, which pointers may reach
        self.register = register  # whether this source is itself a register
        self.tree = source.tree
        self.root = source.root
        self.path = source.path
        self.doc_id = source.doc_id
        self._having: dict[tuple[str, ...], list[etree._Element]] = {}

    @cached_property
    def ids(self) -> dict[str, etree._Element]:
        """xml:id -> the first element that has it."""
        ids: dict[str, etree._Element] = {}
        for el in self.having((XML_ID,)):
            ids.setdefault(el.get(XML_ID), el)
        return ids

    @cached_property
    def attributed(self) -> list[tuple[etree._Element, list[str]]]:
        """Every element that has attributes, with their names, in document order: one walk of the
        tree serves every rule (an XPath per rule cost more than the rules' own work)."""
        return [(el, el.keys()) for el in self.root.iter(etree.Element) if el.attrib]

    def having(self, attrs: tuple[str, ...]) -> list[etree._Element]:
        """The elements (the root included) with at least one of ``attrs`` (Clark names), in document order."""
        found = self._having.get(attrs)
        if found is None:
            wanted = frozenset(attrs)
            found = self._having[attrs] = [el for el, names in self.attributed if not wanted.isdisjoint(names)]
        return found


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    func: Callable[[Document], Iterator[Finding]]


RULES: list[Rule] = []


def rule(code: str, severity: Severity, summary: str):
    def register(func):
        RULES.append(Rule(code, severity, summary, func))
        return func
    return register


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname


def _pointers(value: str | None) -> list[str]:
    return (value or "").split()


_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
SAFE_SCHEMES = {"http", "https", "mailto"}
