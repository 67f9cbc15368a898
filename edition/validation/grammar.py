"""What a RelaxNG schema allows, read statically from its XML syntax.

libxml2 says *that* a document does not match ("Did not expect element p there");
this module says *what would*: for an element in its parent's context, which child
elements may come next, which attributes are required or allowed, and whether an
attribute value fits its datatype. It reads the schema (the edition's
``schemas/edition.rng`` or any ``--schema``, such as the full ``tei_all.rng``) as
plain XML and analyses ``define``/``ref``/``choice``/``group``/``interleave``/
``optional``/``zeroOrMore``/``oneOrMore``/``element``/``attribute``:

* per element definition: its child element definitions, its attributes (with
  their value patterns), whether text is allowed, and the attributes it requires
  (as clauses "one of these must be present");
* per element definition, an element-only content pattern for Brzozowski
  derivatives (the technique of James Clark's RelaxNG algorithm), so that after
  the preceding siblings we know exactly which elements may come next.

It is a simplification (no nested grammars, name classes only as far as needed),
used for messages only: libxml2 remains the judge of validity. Everything is
computed lazily and cached per schema file, so a valid document costs nothing.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from edition.validation.datatypes import TYPE_HINTS, datatype_ok, datatype_problem, xsd_regex

RNG = "http://relaxng.org/ns/structure/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
TEI_NS = "http://www.tei-c.org/ns/1.0"
XSD = "http://www.w3.org/2001/XMLSchema-datatypes"

NameKey = tuple[str, str]  # (namespace, local name)


# ------------------------------------------------------------------ name classes

@dataclass(frozen=True)
class NameClass:
    kind: str  # "name", "any", "ns", "choice"
    ns: str = ""
    local: str = ""
    parts: tuple = ()  # choice: the alternatives; any/ns: the exceptions

    def matches(self, key: NameKey) -> bool:
        if self.kind == "name":
            return key == (self.ns, self.local)
        if self.kind == "choice":
            return any(p.matches(key) for p in self.parts)
        inside = self.kind == "any" or key[0] == self.ns
        return inside and not any(p.matches(key) for p in self.parts)

    def names(self) -> list[NameKey]:
        if self.kind == "name":
            return [(self.ns, self.local)]
        if self.kind == "choice":
            return [n for p in self.parts for n in p.names()]
        return []

    @property
    def is_specific(self) -> bool:
        return self.kind == "name" or (self.kind == "choice" and all(p.is_specific for p in self.parts))


def display(key: NameKey, attribute: bool = False) -> str:
    """How a name is shown: TEI elements by their local name, xml:* attributes with their prefix."""
    ns, local = key
    if ns == XML_NS:
        return f"xml:{local}"
    if not ns or (ns == TEI_NS and not attribute):
        return local
    return f"{{{ns}}}{local}"


def attribute_key(qname: str) -> NameKey:
    """An lxml attribute name ("{ns}local" or "local") as a NameKey."""
    if qname.startswith("{"):
        ns, local = qname[1:].split("}", 1)
        return ns, local
    return "", qname


# ------------------------------------------------------------------ content patterns (element-only)

class Pat:
    """An interned element-only pattern; identity is equality."""

    __slots__ = ("kind", "a", "b", "eid", "nullable")

    def __init__(self, kind, a=None, b=None, eid=None, nullable=False):
        self.kind, self.a, self.b, self.eid, self.nullable = kind, a, b, eid, nullable


class Patterns:
    def __init__(self, matches):
        self._intern: dict = {}
        self._matches = matches  # (eid, NameKey) -> bool
        self.EMPTY = Pat("empty", nullable=True)
        self.NONE = Pat("notAllowed")
        self._deriv: dict = {}
        self._first: dict = {}

    def _mk(self, kind, a=None, b=None, eid=None):
        key = (kind, id(a), id(b), eid)
        p = self._intern.get(key)
        if p is None:
            if kind == "el":
                nullable = False
            elif kind == "choice":
                nullable = a.nullable or b.nullable
            elif kind in ("group", "interleave"):
                nullable = a.nullable and b.nullable
            else:  # oneOrMore
                nullable = a.nullable
            p = Pat(kind, a, b, eid, nullable)
            self._intern[key] = (p, a, b)  # keep a and b alive: ids stay unique
            return p
        return p[0]

    def el(self, eid):
        return self._mk("el", eid=eid)

    def choice(self, a, b):
        if a is self.NONE:
            return b
        if b is self.NONE or a is b:
            return a
        if id(a) > id(b):
            a, b = b, a
        return self._mk("choice", a, b)

    def group(self, a, b):
        return self._sequence("group", a, b)

    def interleave(self, a, b):
        return self._sequence("interleave", a, b)

    def _sequence(self, kind: str, a, b):
        """``a`` and ``b`` both, in order (group) or in any order (interleave): nothing matches if
        either cannot, and an empty side drops out."""
        if a is self.NONE or b is self.NONE:
            return self.NONE
        if a is self.EMPTY:
            return b
        if b is self.EMPTY:
            return a
        return self._mk(kind, a, b)

    def one_or_more(self, a):
        if a is self.NONE or a is self.EMPTY:
            return a
        return self._mk("oneOrMore", a)

    def deriv(self, p: Pat, key: NameKey) -> Pat:
        """What may follow once an element called ``key`` has been matched."""
        memo = (id(p), key)
        if memo in self._deriv:
            return self._deriv[memo]
        k = p.kind
        if k in ("empty", "notAllowed"):
            r = self.NONE
        elif k == "el":
            r = self.EMPTY if self._matches(p.eid, key) else self.NONE
        elif k == "choice":
            r = self.choice(self.deriv(p.a, key), self.deriv(p.b, key))
        elif k == "group":
            r = self.group(self.deriv(p.a, key), p.b)
            if p.a.nullable:
                r = self.choice(r, self.deriv(p.b, key))
        elif k == "interleave":
            r = self.choice(self.interleave(self.deriv(p.a, key), p.b), self.interleave(p.a, self.deriv(p.b, key)))
        else:  # oneOrMore
            r = self.group(self.deriv(p.a, key), self.choice(p, self.EMPTY))
        self._deriv[memo] = r
        return r

    def first(self, p: Pat) -> frozenset:
        """The element definitions that may come next."""
        if id(p) in self._first:
            return self._first[id(p)]
        k = p.kind
        if k == "el":
            r = frozenset((p.eid,))
        elif k in ("choice", "interleave"):
            r = self.first(p.a) | self.first(p.b)
        elif k == "group":
            r = self.first(p.a) | (self.first(p.b) if p.a.nullable else frozenset())
        elif k == "oneOrMore":
            r = self.first(p.a)
        else:
            r = frozenset()
        self._first[id(p)] = r
        return r


# ------------------------------------------------------------------ the grammar

@dataclass
class Summary:
    children: set = field(default_factory=set)  # element definition ids
    attrs: dict = field(default_factory=dict)  # NameKey -> [attribute nodes]
    any_attr: bool = False
    text: bool = False

    def merge(self, other: "Summary") -> None:
        self.children |= other.children
        for k, v in other.attrs.items():
            self.attrs.setdefault(k, []).extend(v)
        self.any_attr |= other.any_attr
        self.text |= other.text


class Grammar:
    """The static view of one RelaxNG schema (XML syntax)."""

    complete = True  # every include was followed: an element not found is not in the schema

    def __init__(self, root: etree._Element):
        self.defines: dict[str, list[etree._Element]] = {}
        self.elements: list[etree._Element] = []
        self._eids: dict[int, int] = {}  # id(node) -> eid (nodes kept alive in self.elements)
        self.start: list[etree._Element] = []
        for node in root.iter(f"{{{RNG}}}define", f"{{{RNG}}}start", f"{{{RNG}}}element"):
            tag = etree.QName(node).localname
            if tag == "define":
                self.defines.setdefault(node.get("name", ""), []).append(node)
            elif tag == "start":
                self.start.append(node)
            else:
                self._eids[id(node)] = len(self.elements)
                self.elements.append(node)
        self.name_classes = [self._element_nc(n) for n in self.elements]
        self._summaries: dict = {}
        self._required: dict = {}
        self._pats: dict = {}
        self.pats = Patterns(lambda eid, key: self.name_classes[eid].matches(key))
        self._by_name: dict[NameKey, list[int]] | None = None
        self._parents: dict[int, set] | None = None

    # ---------------------------------------------------------- name classes
    def _nc(self, node: etree._Element) -> NameClass:
        tag = etree.QName(node).localname
        if tag == "name":
            return self._qname((node.text or "").strip(), node, element=True)
        if tag == "choice":
            return NameClass("choice", parts=tuple(self._nc(c) for c in self._rng_children(node)))
        exc = [c for c in self._rng_children(node) if etree.QName(c).localname == "except"]
        parts = tuple(self._nc(c) for e in exc for c in self._rng_children(e))
        if tag == "anyName":
            return NameClass("any", parts=parts)
        return NameClass("ns", ns=self._inherited_ns(node), parts=parts)

    def _qname(self, name: str, node, element: bool) -> NameClass:
        if ":" in name:
            prefix, local = name.split(":", 1)
            ns = XML_NS if prefix == "xml" else (node.nsmap.get(prefix) or "")
            return NameClass("name", ns=ns, local=local)
        if element or node.get("ns") is not None:
            return NameClass("name", ns=self._inherited_ns(node), local=name)
        return NameClass("name", ns="", local=name)

    @staticmethod
    def _inherited_ns(node) -> str:
        for n in (node, *node.iterancestors()):
            if n.get("ns") is not None:
                return n.get("ns")
        return ""

    def _element_nc(self, node) -> NameClass:
        if node.get("name") is not None:
            return self._qname(node.get("name").strip(), node, element=True)
        kids = self._rng_children(node)
        return self._nc(kids[0]) if kids else NameClass("any")

    def _attribute_nc(self, node) -> NameClass:
        if node.get("name") is not None:
            return self._qname(node.get("name").strip(), node, element=False)
        kids = self._rng_children(node)
        return self._nc(kids[0]) if kids else NameClass("any")

    @staticmethod
    def _rng_children(node) -> list:
        return [c for c in node if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")]

    def _patterns(self, node) -> list:
        """The pattern children of a node (without the name class of element/attribute)."""
        kids = self._rng_children(node)
        if etree.QName(node).localname in ("element", "attribute") and node.get("name") is None:
            kids = kids[1:]
        return kids

    # ---------------------------------------------------------- lookups
    def eid(self, node) -> int:
        return self._eids[id(node)]

    def name_of(self, eid: int) -> str:
        nc = self.name_classes[eid]
        if nc.kind == "name":
            return display((nc.ns, nc.local))
        if nc.kind == "choice" and nc.is_specific:
            return "|".join(display(k) for k in nc.names())
        if nc.kind == "ns":
            return f"any element in {nc.ns or 'no namespace'}"
        return "any element"

    def by_name(self, key: NameKey) -> list[int]:
        if self._by_name is None:
            index: dict = {}
            for eid, nc in enumerate(self.name_classes):
                for k in nc.names():
                    index.setdefault(k, []).append(eid)
            self._by_name = index
        found = self._by_name.get(key)
        if found:
            return found
        return [eid for eid, nc in enumerate(self.name_classes) if not nc.is_specific and nc.matches(key)]

    def specific(self, key: NameKey) -> list[int]:
        """Definitions that name ``key`` explicitly (not through anyName/nsName)."""
        self.by_name(("", ""))
        return self._by_name.get(key, [])

    def known_names(self, ns: str) -> list[str]:
        self.by_name(("", ""))
        return sorted({k[1] for k in self._by_name if k[0] == ns})

    def suggest(self, key: NameKey) -> str | None:
        close = difflib.get_close_matches(key[1], self.known_names(key[0]), n=1, cutoff=0.6)
        return close[0] if close else None

    def parents(self, eids) -> set[int]:
        """The element definitions that admit any of ``eids`` as a child."""
        if self._parents is None:
            index: dict[int, set] = {}
            for p in range(len(self.elements)):
                for c in self.summary(p).children:
                    index.setdefault(c, set()).add(p)
            self._parents = index
        return set().union(*(self._parents.get(e, set()) for e in eids))

    # ---------------------------------------------------------- summaries
    def start_elements(self) -> set[int]:
        s = Summary()
        for st in self.start:
            for c in self._patterns(st):
                self._collect(c, s)
        return s.children

    def summary(self, eid: int) -> Summary:
        if eid not in self._summaries:
            s = Summary()
            for c in self._patterns(self.elements[eid]):
                self._collect(c, s)
            self._summaries[eid] = s
        return self._summaries[eid]

    def _define_summary(self, name: str) -> Summary:
        key = ("define", name)
        if key not in self._summaries:
            self._summaries[key] = Summary()  # a guard against a (forbidden) recursion
            s = Summary()
            for d in self.defines.get(name, []):
                for c in self._patterns(d):
                    self._collect(c, s)
            self._summaries[key] = s
        return self._summaries[key]

    def _collect(self, node, s: Summary) -> None:
        tag = etree.QName(node).localname
        if tag == "element":
            s.children.add(self.eid(node))
        elif tag == "attribute":
            nc = self._attribute_nc(node)
            if nc.is_specific:
                for k in nc.names():
                    s.attrs.setdefault(k, []).append(node)
            else:
                s.any_attr = True
        elif tag == "ref":
            s.merge(self._define_summary(node.get("name", "")))
        elif tag in ("text", "data", "value", "list"):
            s.text = True
        elif tag in ("empty", "notAllowed", "grammar", "externalRef", "parentRef", "param"):
            pass
        else:  # choice, group, interleave, optional, zeroOrMore, oneOrMore, mixed
            if tag == "mixed":
                s.text = True
            for c in self._patterns(node):
                self._collect(c, s)

    # ---------------------------------------------------------- required attributes
    def required(self, eid: int) -> list[frozenset]:
        """Clauses of attribute names, each "at least one of these must be present"."""
        key = ("element", eid)
        if key not in self._required:
            self._required[key] = self._req_seq(self._patterns(self.elements[eid]))
        return self._required[key]

    def _req_seq(self, nodes) -> list[frozenset]:
        out: list[frozenset] = []
        for n in nodes:
            for clause in self._req(n):
                if clause not in out:
                    out.append(clause)
        return out

    def _req(self, node) -> list[frozenset]:
        tag = etree.QName(node).localname
        if tag == "attribute":
            nc = self._attribute_nc(node)
            return [frozenset(nc.names())] if nc.is_specific else []
        if tag in ("optional", "zeroOrMore", "element", "text", "empty", "data", "value", "list", "notAllowed"):
            return []
        if tag == "ref":
            name = node.get("name", "")
            key = ("define", name)
            if key not in self._required:
                self._required[key] = []
                defs = self.defines.get(name, [])
                if len(defs) > 1 and any(d.get("combine") == "choice" for d in defs):
                    self._required[key] = self._req_choice([self._req_seq(self._patterns(d)) for d in defs])
                else:
                    self._required[key] = self._req_seq([c for d in defs for c in self._patterns(d)])
            return self._required[key]
        if tag == "choice":
            return self._req_choice([self._req(c) for c in self._patterns(node)])
        return self._req_seq(self._patterns(node))  # group, interleave, oneOrMore, mixed

    @staticmethod
    def _req_choice(branches: list[list[frozenset]]) -> list[frozenset]:
        if not branches or any(not b for b in branches):
            return []
        common = [c for c in branches[0] if all(c in b for b in branches[1:])]
        if common:
            return common
        return [frozenset().union(*(b[0] for b in branches))]

    # ---------------------------------------------------------- content patterns
    def content(self, eid: int) -> Pat:
        key = ("element", eid)
        if key not in self._pats:
            self._pats[key] = self._pat_seq(self._patterns(self.elements[eid]))
        return self._pats[key]

    def _pat_seq(self, nodes) -> Pat:
        p = self.pats.EMPTY
        for n in nodes:
            p = self.pats.group(p, self._pat(n))
        return p

    def _pat(self, node) -> Pat:
        P = self.pats
        tag = etree.QName(node).localname
        if tag == "element":
            return P.el(self.eid(node))
        if tag in ("attribute", "text", "data", "value", "list", "empty"):
            return P.EMPTY
        if tag == "notAllowed":
            return P.NONE
        if tag == "ref":
            name = node.get("name", "")
            key = ("define", name)
            if key not in self._pats:
                self._pats[key] = P.EMPTY  # guard
                defs = self.defines.get(name, [])
                combine = next((d.get("combine") for d in defs if d.get("combine")), "choice")
                result = None
                for d in defs:
                    p = self._pat_seq(self._patterns(d))
                    result = p if result is None else (P.interleave(result, p) if combine == "interleave" else P.choice(result, p))
                self._pats[key] = result if result is not None else P.NONE
            return self._pats[key]
        kids = self._patterns(node)
        if tag == "choice":
            return _balanced([self._pat(c) for c in kids], P.choice, P.NONE)
        if tag == "interleave":
            return _balanced([self._pat(c) for c in kids], P.interleave, P.EMPTY)
        inner = self._pat_seq(kids)
        if tag == "optional":
            return P.choice(inner, P.EMPTY)
        if tag == "zeroOrMore":
            return P.choice(P.one_or_more(inner), P.EMPTY)
        if tag == "oneOrMore":
            return P.one_or_more(inner)
        return inner  # group, mixed

    # ---------------------------------------------------------- a readable content model
    def model(self, eid: int, limit: int = 240) -> str | None:
        """The content model as a short expression ("speaker, (p | stage | gap)+"), or None if long."""
        try:
            text = self._render_seq(self._patterns(self.elements[eid]), limit, set())
        except _TooLong:
            return None
        if text.startswith("(") and _closing(text, 0) == len(text) - 1:
            text = text[1:-1]
        return text or "empty"

    def _render_seq(self, nodes, limit, seen) -> str:
        parts = [r for r in (self._render(n, limit, seen) for n in nodes) if r]
        out = ", ".join(parts)
        if len(out) > limit:
            raise _TooLong
        return out

    def _render(self, node, limit, seen) -> str:
        tag = etree.QName(node).localname
        kids = self._patterns(node)
        if tag == "element":
            return f"<{self.name_of(self.eid(node))}>"
        if tag in ("attribute", "empty", "notAllowed", "param"):
            return ""
        if tag in ("text", "data", "value", "list"):
            return "text"
        if tag == "ref":
            name = node.get("name", "")
            if name in seen:
                raise _TooLong
            defs = self.defines.get(name, [])
            inner = [self._render_seq(self._patterns(d), limit, seen | {name}) for d in defs]
            inner = [i for i in inner if i]
            return inner[0] if len(inner) == 1 else " | ".join(f"({i})" if ", " in i else i for i in inner)
        if tag in ("choice", "interleave"):
            sep = " | " if tag == "choice" else " & "
            items = [self._render(c, limit, seen) for c in kids]
            nullable = tag == "choice" and any(r == "" for r in items)
            flat = []
            for r in items:
                flat.extend(_split(r, sep) if r else [])
            items = list(dict.fromkeys(flat))
            if not items:
                return ""
            out = sep.join(items)
            if len(out) > limit:
                raise _TooLong
            if len(items) > 1:
                out = f"({out})"
            return out + ("?" if nullable and not out.endswith(("?", "*")) else "")
        inner = self._render_seq(kids, limit, seen)
        if not inner:
            return ""
        wrapped = inner if _atomic(inner) else f"({inner})"
        if tag == "optional":
            return inner if inner.endswith(("?", "*")) else wrapped + "?"
        if tag == "zeroOrMore":
            return (wrapped[:-1] if wrapped.endswith(("?", "+")) else wrapped) + "*" if not wrapped.endswith("*") else wrapped
        if tag == "oneOrMore":
            return wrapped if wrapped.endswith(("+", "*")) else (wrapped[:-1] + "*" if wrapped.endswith("?") else wrapped + "+")
        return inner  # group, mixed

    # ---------------------------------------------------------- attribute values
    def value_problem(self, attr_nodes: list, value: str) -> str | None:
        """Why ``value`` fits none of these attribute patterns, or None if it fits (or we cannot tell)."""
        verdicts = []
        for node in attr_nodes:
            kids = self._patterns(node)
            if not kids:
                return None  # text: anything goes
            verdicts.append(self._value(kids[0] if len(kids) == 1 else node, value, set()))
        if any(v is None or v is True for v in verdicts):
            return None
        return self.expected_value(attr_nodes, value)

    def expected_value(self, attr_nodes: list, value: str) -> str:
        values, types = [], []
        for node in attr_nodes:
            for c in node.iter(f"{{{RNG}}}value", f"{{{RNG}}}data", f"{{{RNG}}}ref"):
                self._expected(c, values, types, set())
        why = [datatype_problem(t.partition(" /")[0], value) for t in dict.fromkeys(types)]
        why = [w for w in why if w]
        parts = []
        if values:
            parts.append("one of " + ", ".join(f'"{v}"' for v in dict.fromkeys(values)))
        for t in dict.fromkeys(types):
            base, _, pattern = t.partition(" /")
            hint = TYPE_HINTS.get(base, f"a value of type {base}")
            if pattern:
                pattern = pattern[:-1]
                hint += " without spaces" if pattern == r"[^\p{C}\p{Z}]+" else f" matching the pattern {pattern}"
            parts.append(hint)
        expected = " or ".join(parts) if parts else "a different value"
        return (why[0] + "; " if len(why) == 1 and not values else "") + f"expected {expected}"

    def _expected(self, node, values, types, seen):
        tag = etree.QName(node).localname
        if tag == "value":
            values.append(node.text or "")
        elif tag == "data":
            pattern = next((p.text for p in node.iterchildren(f"{{{RNG}}}param") if p.get("name") == "pattern"), None)
            types.append(node.get("type", "token") + (f" /{pattern}/" if pattern else ""))
        elif tag == "ref" and node.get("name") not in seen:
            seen.add(node.get("name"))
            for d in self.defines.get(node.get("name"), []):
                for c in d.iter(f"{{{RNG}}}value", f"{{{RNG}}}data", f"{{{RNG}}}ref"):
                    self._expected(c, values, types, seen)

    def _value(self, node, value: str, seen) -> bool | None:
        tag = etree.QName(node).localname
        kids = self._patterns(node)
        if tag == "value":
            if node.get("type", "token") == "string":
                return value == (node.text or "")
            return " ".join(value.split()) == " ".join((node.text or "").split())
        if tag == "data":
            ok = datatype_ok(node.get("type", "token"), value)
            if ok is False:
                return False
            for p in node.iterchildren(f"{{{RNG}}}param"):
                if p.get("name") == "pattern":
                    rx = xsd_regex(p.text or "")
                    if rx is None:
                        return None
                    if not rx.fullmatch(value):
                        return False
            for e in node.iterchildren(f"{{{RNG}}}except"):
                if any(self._value(c, value, seen) is True for c in self._patterns(e)):
                    return False
            return ok
        if tag == "text":
            return True
        if tag == "empty":
            return value == ""
        if tag == "choice":
            results = [self._value(c, value, seen) for c in kids]
            return True if True in results else (None if None in results else False)
        if tag == "list":
            tokens = value.split()
            inner = kids[0] if len(kids) == 1 else None
            if inner is None:
                return None
            item = inner
            while etree.QName(item).localname in ("oneOrMore", "zeroOrMore") and len(self._patterns(item)) == 1:
                if etree.QName(item).localname == "oneOrMore" and not tokens:
                    return False
                item = self._patterns(item)[0]
            results = [self._value(item, t, seen) for t in tokens]
            return False if False in results else (None if None in results else True)
        if tag == "ref":
            name = node.get("name", "")
            if name in seen:
                return None
            results = [self._value(c, value, seen | {name}) if len(self._patterns(d)) == 1 else None
                       for d in self.defines.get(name, []) for c in self._patterns(d)[:1]]
            return True if True in results else (None if None in results or not results else False)
        if tag == "attribute":
            return self._value(kids[0], value, seen) if len(kids) == 1 else None
        return None


class _TooLong(Exception):
    pass


def _balanced(items: list, join, unit):
    """Join many alternatives as a balanced tree: recursion stays shallow for TEI's large classes."""
    if not items:
        return unit
    while len(items) > 1:
        items = [join(items[i], items[i + 1]) if i + 1 < len(items) else items[i] for i in range(0, len(items), 2)]
    return items[0]


def _closing(s: str, i: int) -> int:
    depth = 0
    for j in range(i, len(s)):
        depth += {"(": 1, ")": -1}.get(s[j], 0)
        if depth == 0:
            return j
    return -1


def _atomic(s: str) -> bool:
    """One term: "<p>", "text", or a parenthesised expression, possibly with ?, * or +."""
    core = s.rstrip("?*+")
    return bool(re.fullmatch(r"<[^<>]+>|text", core)) or (core.startswith("(") and _closing(core, 0) == len(core) - 1)


def _split(s: str, sep: str) -> list[str]:
    """The alternatives of "(a | b | c)" when joining into another choice with the same separator."""
    if not (s.startswith("(") and s.endswith(")") and _closing(s, 0) == len(s) - 1):
        return [s]
    inner, parts, depth, start = s[1:-1], [], 0, 0
    for j, ch in enumerate(inner):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and inner.startswith(sep, j):
            parts.append(inner[start:j])
            start = j + len(sep)
    parts.append(inner[start:])
    if len(parts) == 1 or any(", " in p and not _atomic(p) for p in parts):
        return [s]
    return parts


# ------------------------------------------------------------------ cache per schema

_RNG_PARSER = dict(no_network=True, resolve_entities=False, load_dtd=False)


def _flatten(path: Path, seen: frozenset, overridden: frozenset = frozenset(), skip_start: bool = False) -> tuple[list, bool]:
    """The top-level components (define, start) of the grammar at ``path`` with its ``include``s
    resolved from local files, as copies carrying their inherited ``ns``; and whether all was found."""
    try:
        root = etree.parse(str(path), etree.XMLParser(**_RNG_PARSER)).getroot()
    except (OSError, etree.XMLSyntaxError):
        return [], False
    complete = root.tag == f"{{{RNG}}}grammar"
    if not complete:  # a schema that is one pattern: wrap it as the start
        start = etree.Element(f"{{{RNG}}}start")
        start.append(root)
        return [start], True
    out = []
    ns = root.get("ns")
    for child in root:
        if not isinstance(child.tag, str) or not child.tag.startswith(f"{{{RNG}}}"):
            continue
        tag = etree.QName(child).localname
        if tag == "include":
            href = child.get("href", "")
            inner_names = frozenset(d.get("name") for d in child.iterchildren(f"{{{RNG}}}define"))
            has_start = child.find(f"{{{RNG}}}start") is not None
            target = (path.parent / href).resolve()
            if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) or target in seen:
                complete = False  # remote (never fetched) or circular
            else:
                parts, ok = _flatten(target, seen | {target}, inner_names, has_start)
                out.extend(parts)
                complete &= ok
            for c in child:  # the include's own components override the included ones
                if isinstance(c.tag, str) and etree.QName(c).localname in ("define", "start", "div"):
                    out.extend(_copy(c, ns))
            continue
        if tag == "div":
            out.extend(c for c in _copy(child, ns)
                       if not (c.get("name") in overridden or etree.QName(c).localname == "start" and skip_start))
            continue
        if tag == "define" and child.get("name") in overridden or tag == "start" and skip_start:
            continue
        if tag in ("define", "start"):
            out.extend(_copy(child, ns))
    if any(True for _ in root.iter(f"{{{RNG}}}externalRef", f"{{{RNG}}}parentRef")):
        complete = False  # not followed: the analysis may not know every element
    return out, complete


def _copy(node, ns: str | None) -> list:
    if etree.QName(node).localname == "div":
        return [c for d in node.iter(f"{{{RNG}}}define", f"{{{RNG}}}start") for c in _copy(d, ns)]
    copy = etree.fromstring(etree.tostring(node))
    if ns is not None and copy.get("ns") is None:
        copy.set("ns", ns)
    return [copy]


@cache
def load(path: Path) -> Grammar | None:
    """The analysed grammar of the schema at ``path``, once per process (None if unreadable).

    Local ``include``s are resolved (nothing is fetched); where something is not followed
    (a remote include, ``externalRef``), ``Grammar.complete`` is False and messages do not
    claim that an element is unknown to the schema.
    """
    path = Path(path).resolve()
    parts, complete = _flatten(path, frozenset({path}))
    if not parts:
        return None
    root = etree.Element(f"{{{RNG}}}grammar")
    root.extend(parts)
    g = Grammar(root)
    g.complete = complete and not any(
        True for e in root.iter(f"{{{RNG}}}grammar") if e is not root)
    return g
