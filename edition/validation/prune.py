"""A schema pruned to the names a document uses: the same verdicts, compiled in milliseconds.

libxml2 compiles the whole of a RelaxNG schema before it validates anything: the full TEI
P5 ``tei_all.rng`` (2.3 MB, 594 element patterns) takes 9 to 14 seconds, while a document
uses a few dozen elements. In a document where no element is called X, a pattern
``element X {...}`` matches nothing, exactly as ``notAllowed`` does; the same holds for an
attribute no element of the document carries. So a schema in which such patterns are
``notAllowed`` gives that document the same verdict as the full schema, element by element.

``notAllowed`` left in place makes libxml2 slower, not faster (it still tries every
alternative), so the pruned schema is simplified as RelaxNG's own simplification does
(sections 4.19 and 4.20 of the specification): a choice drops its ``notAllowed`` alternatives; a
group, interleave, oneOrMore, list, mixed or attribute holding one is ``notAllowed``; an
optional or zeroOrMore of one is ``empty``; ``empty`` drops out of groups; and so on
through the defines, whose references go too. Only what the start still reaches is
written. ``notAllowed`` stops at elements whose name is used: an element that cannot be
valid (it requires a child the document never has) is still matched by its name, so libxml2
reports it where the full schema would, and whether a define is notAllowed never depends on
a define being computed (one pass, no fixed point).

Name classes (``<choice>`` of ``<name>``s, ``anyName``/``nsName`` with ``except``) are
matched against the names used, never simplified as patterns. Datatypes, values and
parameters are copied as the schema says them, with the datatype library they inherit made
explicit. Schemas this module does not read (``include``, ``externalRef``, nested grammars,
``parentRef``, QName values) are compiled whole, as before.

Each document gets two prunings (``_Pruning``): a judge, as small and fast as it can be, and,
only if the judge rejects the document, a faithful one whose libxml2 errors are the ones
edition explains. The explanations read the full schema's static view
(``edition.validation.grammar``), so the "allowed here" hints are the full schema's.
"""

from __future__ import annotations

import bisect
import os
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

from edition.validation.grammar import XML_NS, NameClass, NameKey

RNG = "http://relaxng.org/ns/structure/1.0"

#: Schemas smaller than this compile in milliseconds (the edition's own: 30 KB, 8 ms):
#: pruning them would cost more than it saves, so they are compiled whole.
MIN_BYTES = 256 * 1024

#: Compiled pruned schemas kept per process, of each kind (about 1 MB each). Documents of an
#: edition rarely share their exact names; a judge also serves a document whose names it covers.
CACHE_SIZE = 8

PLACEHOLDER_NS = "urn:x-edition:pruned"


def quoteattr(value: str) -> str:
    """An attribute value, quoted and escaped (xml.sax.saxutils would import urllib: 20 ms)."""
    for a, b in (("&", "&amp;"), ("<", "&lt;"), ('"', "&quot;"), ("\n", "&#10;"), ("\r", "&#13;"), ("\t", "&#9;")):
        value = value.replace(a, b)
    return f'"{value}"'


def escape(text: str) -> str:
    """Character data, escaped."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class Unsupported(Exception):
    """A construct this module does not prune: the schema is compiled whole."""


# ------------------------------------------------------------------ name classes

class NC(NameClass):
    """The schema analysis' name class (``grammar.NameClass``), with what pruning asks of it."""

    @cached_property
    def named(self) -> frozenset[NameKey] | None:
        """The names it matches, when it names them all (None for anyName/nsName)."""
        if self.kind == "name":
            return frozenset(((self.ns, self.local),))
        if self.kind == "choice":
            parts = [p.named for p in self.parts]
            return None if any(p is None for p in parts) else frozenset().union(*parts)
        return None

    def used(self, names: frozenset[NameKey]) -> bool:
        """Whether any of ``names`` matches."""
        named = self.named
        if named is not None:
            return not named.isdisjoint(names)
        return any(self.matches(k) for k in names)

    @cached_property
    def xml(self) -> str:
        if self.kind == "name":
            return f"<name ns={quoteattr(self.ns)}>{escape(self.local)}</name>"
        if self.kind == "choice":
            return "<choice>" + "".join(p.xml for p in self.parts) + "</choice>"
        exc = "<except>" + "".join(p.xml for p in self.parts) + "</except>" if self.parts else ""
        if self.kind == "any":
            return f"<anyName>{exc}</anyName>"
        return f"<nsName ns={quoteattr(self.ns)}>{exc}</nsName>"


# ------------------------------------------------------------------ patterns

class P:
    """A pattern of the schema as read (before pruning)."""

    __slots__ = ("kind", "kids", "nc", "name", "xml")

    def __init__(self, kind: str, kids: tuple = (), nc: NC | None = None, name: str = "", xml: str = ""):
        self.kind, self.kids, self.nc, self.name, self.xml = kind, kids, nc, name, xml


EMPTY = P("empty", xml="<empty/>")
#: (faithful pruning) what is left of optional attributes the document does not use: nothing. Not
#: EMPTY: libxml2 moves an element's attribute-only patterns to the attributes it checks first,
#: and an <empty/> left in their place would not be moved, so GONE drops out of sequences.
GONE = P("empty", xml="<empty/>")
NOT_ALLOWED = P("notAllowed", xml="<notAllowed/>")
TEXT = P("text", xml="<text/>")


class Schema:
    """A RelaxNG schema (XML syntax, one grammar) read into patterns, ready to be pruned."""

    def __init__(self, root: etree._Element):
        if etree.QName(root).namespace != RNG:
            raise Unsupported("not a RelaxNG schema in XML syntax")
        if etree.QName(root).localname != "grammar":
            self.defines: dict[str, P] = {}
            self.quoted: dict[str, str] = {}
            self.written: dict = {}
            self.start = self._pattern(root)
            return
        bodies: dict[str, list[tuple[str | None, P]]] = {}
        starts: list[tuple[str | None, P]] = []
        for node in self._components(root):
            tag = etree.QName(node).localname
            if tag == "define":
                bodies.setdefault(node.get("name", "").strip(), []).append((node.get("combine"), self._group(node)))
            elif tag == "start":
                starts.append((node.get("combine"), self._group(node)))
            else:
                raise Unsupported(f"<{tag}> in a grammar")
        self.defines = {name: self._combine(parts) for name, parts in bodies.items()}
        self.quoted = {name: quoteattr(name) for name in self.defines}  # written often: escaped once
        self.written: dict[P, tuple[str, list[str]]] = {}  # attribute -> (its XML, the defines it refers to)
        if not starts:
            raise Unsupported("a grammar without <start>")
        self.start = self._combine(starts)
        for name in self._refs():
            if name not in self.defines:
                raise Unsupported(f"a reference to an undefined pattern {name!r}")

    # ---------------------------------------------------------- reading
    @staticmethod
    def _rng(node) -> list:
        return [c for c in node if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")]

    def _components(self, grammar) -> list:
        out = []
        for c in self._rng(grammar):
            if etree.QName(c).localname == "div":
                out += self._components(c)
            else:
                out.append(c)
        return out

    @staticmethod
    def _combine(parts: list[tuple[str | None, P]]) -> P:
        if len(parts) == 1:
            return parts[0][1]
        how = {c for c, _ in parts if c}
        if len(how) != 1:
            raise Unsupported("definitions combined without (or with two kinds of) @combine")
        return P(how.pop(), tuple(p for _, p in parts))

    def _group(self, node, skip: int = 0) -> P:
        kids = [self._pattern(c) for c in self._rng(node)[skip:]]
        if not kids:
            raise Unsupported(f"an empty <{etree.QName(node).localname}>")
        return kids[0] if len(kids) == 1 else P("seq", tuple(kids))

    @staticmethod
    def _inherited(node, attr: str) -> str:
        for n in (node, *node.iterancestors()):
            value = n.get(attr)
            if value is not None:
                return value
        return ""

    def _nc(self, node) -> NC:
        tag = etree.QName(node).localname
        if tag == "name":
            return self._qname((node.text or "").strip(), node, True)
        if tag == "choice":
            return NC("choice", parts=tuple(self._nc(c) for c in self._rng(node)))
        exc = [c for c in self._rng(node) if etree.QName(c).localname == "except"]
        parts = tuple(self._nc(c) for e in exc for c in self._rng(e))
        if tag == "anyName":
            return NC("any", parts=parts)
        if tag == "nsName":
            return NC("ns", ns=self._inherited(node, "ns"), parts=parts)
        raise Unsupported(f"<{tag}> as a name class")

    def _qname(self, name: str, node, inherit_ns: bool) -> NC:
        if ":" in name:
            prefix, local = name.split(":", 1)
            ns = XML_NS if prefix == "xml" else node.nsmap.get(prefix)
            if ns is None:
                raise Unsupported(f"an undeclared prefix in {name!r}")
            return NC("name", ns=ns, local=local)
        if inherit_ns or node.get("ns") is not None:
            return NC("name", ns=self._inherited(node, "ns"), local=name)
        return NC("name", local=name)

    def _pattern(self, node) -> P:
        tag = etree.QName(node).localname
        if tag in ("element", "attribute"):
            named = node.get("name")
            if named is not None:
                nc, skip = self._qname(named.strip(), node, tag == "element"), 0
            else:
                kids = self._rng(node)
                if not kids:
                    raise Unsupported(f"<{tag}> without a name")
                nc, skip = self._nc(kids[0]), 1
            if tag == "attribute" and len(self._rng(node)) == skip:
                return P(tag, (TEXT,), nc=nc)  # an attribute's value defaults to text
            return P(tag, (self._group(node, skip),), nc=nc)
        if tag == "ref":
            return P("ref", name=node.get("name", "").strip())
        if tag == "empty":
            return EMPTY
        if tag == "notAllowed":
            return NOT_ALLOWED
        if tag == "text":
            return TEXT
        if tag in ("value", "data"):
            return P(tag, xml=self._datatype(node))
        if tag in ("group", "interleave", "choice"):
            kids = tuple(self._pattern(c) for c in self._rng(node))
            if not kids:
                raise Unsupported(f"an empty <{tag}>")
            return P(tag, kids)  # even of one pattern: libxml2 reports errors in a choice of one otherwise
        if tag in ("optional", "zeroOrMore", "oneOrMore", "list", "mixed"):
            return P(tag, (self._group(node),))
        raise Unsupported(f"<{tag}>")  # include, externalRef, grammar, parentRef

    def _datatype(self, node) -> str:
        """A ``value`` or ``data`` as XML, with what it inherits (library, namespace) made explicit."""
        tag = etree.QName(node).localname
        library = self._inherited(node, "datatypeLibrary")
        attrs = f" datatypeLibrary={quoteattr(library)}"
        if node.get("type") is not None:
            if node.get("type").strip() in ("QName", "NOTATION"):
                raise Unsupported("QName values (their prefixes depend on the schema's namespace declarations)")
            attrs += f" type={quoteattr(node.get('type').strip())}"
        if tag == "value":
            attrs += f" ns={quoteattr(self._inherited(node, 'ns'))}"
            return f"<value{attrs}>{escape(node.text or '')}</value>"
        inner = ""
        for c in self._rng(node):
            ctag = etree.QName(c).localname
            if ctag == "param":
                inner += f"<param name={quoteattr(c.get('name', '').strip())}>{escape(c.text or '')}</param>"
            elif ctag == "except":
                inner += "<except>" + "".join(self._except(k) for k in self._rng(c)) + "</except>"
            else:
                raise Unsupported(f"<{ctag}> in <data>")
        return f"<data{attrs}>{inner}</data>"

    def _except(self, node) -> str:
        tag = etree.QName(node).localname
        if tag in ("value", "data"):
            return self._datatype(node)
        if tag == "choice":
            return "<choice>" + "".join(self._except(k) for k in self._rng(node)) + "</choice>"
        raise Unsupported(f"<{tag}> in a data exception")

    def _refs(self):
        seen: set[int] = set()
        todo = [self.start, *self.defines.values()]
        while todo:
            p = todo.pop()
            if id(p) in seen:
                continue
            seen.add(id(p))
            if p.kind == "ref":
                yield p.name
            todo.extend(p.kids)

    # ---------------------------------------------------------- pruning
    def pruned(self, elements: frozenset[NameKey], attributes: frozenset[NameKey], faithful: bool = False) -> str | None:
        """This schema for documents whose element and attribute names are among those given, as
        RelaxNG XML; None when no such document can be valid (no element the start allows is used).

        ``faithful``: for libxml2's error reports, not for speed (see ``_Pruning``)."""
        return _Pruning(self, elements, attributes, faithful).xml()


_REPEATS = ("oneOrMore", "zeroOrMore", "optional")


def _walk(p: P):
    yield p
    for c in p.kids:
        yield from _walk(c)


def _attributes_only(p: P) -> bool:
    """Whether ``p`` is a stub of attributes only (unused ones: it matches nothing)."""
    def inside(q: P) -> bool:
        return q.kind == "attribute" or (q.kind in ("stub", "choice") and all(inside(c) for c in q.kids))
    return p.kind == "stub" and inside(p)


def _blocks(p: P) -> bool:
    """Whether ``p`` is (x+, y*): blocks of x each followed by y's."""
    return (p.kind in ("seq", "group") and len(p.kids) == 2
            and p.kids[0].kind == "oneOrMore" and p.kids[1].kind == "zeroOrMore")


class _Pruning:
    """One pruning: the simplified patterns, then the schema as XML.

    Two kinds, for two uses:

    * the judge (``faithful=False``), as small and fast as it can be: unused elements and
      attributes are notAllowed, simplified away; ``(x+, y*)+`` is written ``x, (x | y)*``
      and nested repetitions are merged ((p+)+ = p+, (p?)* = p*...);
    * the faithful one, for a document the judge rejected. libxml2 reports errors along the
      way its matching went, which depends on how the schema is written (it names the
      alternatives it tried, a choice of one pattern is not that pattern to it), so this one
      is the full schema but for the content of unused elements: every attribute, every
      group, every choice as written, an unused element as a stub, ``element X {
      notAllowed }``, which matches nothing as X did and costs libxml2 nothing to compile
      (the unused elements' content is what takes it seconds). Stubs are dropped from a
      choice that keeps another alternative (a choice keeps two). On the corpora and on
      mutated documents its errors are those of the schema compiled whole, line for line.

    ``notAllowed`` stops at elements whose name is used, in both: an element that cannot be
    valid (it lacks a required child the document never has) is still matched by name. (That
    also keeps the computation to one pass: whether a define is notAllowed never depends on a
    define being computed.)
    """

    def __init__(self, schema: Schema, elements: frozenset, attributes: frozenset, faithful: bool):
        self.schema, self.elements, self.attributes, self.faithful = schema, elements, attributes, faithful
        self.status: dict[str, P] = {}  # define -> its simplified body
        self.used_nc: dict[tuple[int, bool], bool] = {}

    def _used(self, nc: NC, element: bool) -> bool:
        key = (id(nc), element)
        found = self.used_nc.get(key)
        if found is None:
            found = self.used_nc[key] = nc.used(self.elements if element else self.attributes)
        return found

    def define(self, name: str) -> P:
        found = self.status.get(name)
        if found is None:
            self.status[name] = NOT_ALLOWED  # a reference cycle outside elements is not RelaxNG
            found = self.status[name] = self.simplify(self.schema.defines[name])
        return found

    def simplify(self, p: P) -> P:
        """``p`` pruned and simplified; element content is left for later (``notAllowed`` stops at
        elements whose name is used)."""
        return self._faithful(p) if self.faithful else self._judge(p)

    def _judge(self, p: P) -> P:
        k = p.kind
        if k in ("empty", "notAllowed", "text", "value", "data"):
            return p
        if k == "ref":
            body = self.define(p.name)
            return body if body is EMPTY or body is NOT_ALLOWED else p
        if k == "element":
            return p if self._used(p.nc, True) else NOT_ALLOWED
        if k == "attribute":
            if not self._used(p.nc, False):
                return NOT_ALLOWED
            value = self._judge(p.kids[0])
            if value is NOT_ALLOWED:
                return NOT_ALLOWED
            return p if value is p.kids[0] else P("attribute", (value,), nc=p.nc)
        if k == "choice":
            kids, changed = [], False
            for c in p.kids:
                s = self._judge(c)
                changed |= s is not c
                if s is NOT_ALLOWED or (s is EMPTY and EMPTY in kids):
                    continue
                kids.append(s)
            if not kids:
                return NOT_ALLOWED
            if len(kids) == 1:
                return kids[0]
            return P(k, tuple(kids)) if changed or len(kids) != len(p.kids) else p
        if k in ("group", "seq", "interleave"):
            kids, changed = [], False
            for c in p.kids:
                s = self._judge(c)
                if s is NOT_ALLOWED:
                    return NOT_ALLOWED
                changed |= s is not c
                if s is not EMPTY:
                    kids.append(s)
            if not kids:
                return EMPTY
            if len(kids) == 1:
                return kids[0]
            return P(k, tuple(kids)) if changed or len(kids) != len(p.kids) else p
        inner = self._judge(p.kids[0])  # optional, zeroOrMore, oneOrMore, list, mixed
        if inner is NOT_ALLOWED:
            return EMPTY if k in ("optional", "zeroOrMore") else NOT_ALLOWED
        if inner is EMPTY and k != "list":
            return TEXT if k == "mixed" else EMPTY
        if k in _REPEATS:
            if inner.kind in _REPEATS:  # (p+)+ = p+, (p?)? = p?, (p*)* and any other nesting = p*
                return inner if inner.kind == k else P("zeroOrMore", inner.kids)
            if k != "optional" and _blocks(inner):
                # (x+, y*)+ = x, (x | y)*  and  (x+, y*)* = (x, (x | y)*)?  (the registers' content:
                # listPerson, listBibl, listPlace...). The same language, but libxml2 follows every
                # way of splitting a run of x into blocks: quadratic in the run (24 s for 3,000 persons)
                x, y = inner.kids[0].kids[0], inner.kids[1].kids[0]
                once = P("seq", (x, P("zeroOrMore", (P("choice", (x, y)),))))
                return once if k == "oneOrMore" else P("optional", (once,))
        return p if inner is p.kids[0] else P(k, (inner,))

    def _faithful(self, p: P) -> P:
        """As the schema says it, but for unused elements and attributes: stubs, dropped from
        choices that keep another alternative; optional unused attributes go. A stub matches
        nothing, like notAllowed, but is written out."""
        k = p.kind
        if k in ("empty", "notAllowed", "text", "value", "data", "stub"):
            return p
        if k == "ref":
            body = self.define(p.name)
            if body is NOT_ALLOWED or body is GONE:
                return body
            return P("stub", (p,)) if body.kind == "stub" else p
        if k == "element":
            return p if self._used(p.nc, True) else P("stub", (P("element", (NOT_ALLOWED,), nc=p.nc),))
        if k == "attribute":
            return p if self._used(p.nc, False) else P("stub", (p,))
        kids = tuple(self._faithful(c) for c in p.kids)
        if k == "choice" and GONE in kids:
            # an optional attribute the document does not use, as an alternative: it stays as it
            # is (gone, it would be <empty/>, and libxml2 would no longer take the choice for
            # attributes, which it checks before the content, as it does with the full schema)
            kids = tuple(c if c is not GONE else o for c, o in zip(kids, p.kids))
        changed = any(a is not b for a, b in zip(kids, p.kids))
        if k == "choice":
            # Only stubs go (unused elements, references to them, choices of them): an alternative
            # holding an unused element and something else, interleave(orig, reg), stays, for
            # libxml2 tries it when it meets reg. And a choice stays a choice, of two alternatives
            # at least if it had them: libxml2 reports a mismatch in a choice ("Did not expect
            # element text there") otherwise than in one pattern.
            # The first alternative stays too: libxml2 names it ("Expecting an element org, got
            # nothing", org the first of org | person | personGrp).
            alive = [c for c in kids if c is not NOT_ALLOWED]
            stubs = [c for c in alive if c.kind == "stub"]
            if len(stubs) == len(alive):  # the first two are enough for that (and all cost seconds)
                return P("stub", (P(k, tuple(stubs[:2])),)) if stubs else NOT_ALLOWED
            kept = [c for i, c in enumerate(alive) if i == 0 or c.kind != "stub"]
            if len(kept) == 1 and stubs:
                kept.append(stubs[0])
            return P(k, tuple(kept)) if changed or len(kept) != len(kids) else p
        if NOT_ALLOWED in kids:
            return EMPTY if k in ("optional", "zeroOrMore") else NOT_ALLOWED
        if k in ("optional", "zeroOrMore", "oneOrMore") and (kids[0] is GONE or _attributes_only(kids[0])):
            # an attribute the document does not use, where it may be absent: it goes (libxml2
            # spends most of its compile time on attributes: tei_all has hundreds per element)
            return GONE if k != "oneOrMore" or kids[0] is GONE else P("stub", kids)
        if k in ("group", "seq", "interleave") and GONE in kids:
            kids = tuple(c for c in kids if c is not GONE)
            if not kids:
                return GONE
            return P(k, kids)
        return p if not changed else P(k, kids)

    # ---------------------------------------------------------- writing
    def xml(self) -> str | None:
        start = self.simplify(self.schema.start)
        if start is NOT_ALLOWED:
            return None
        self.written: dict[str, str] = {}
        self.todo: list[str] = []
        out = [f'<grammar xmlns="{RNG}"><start>', self.write(start), "</start>"]
        while self.todo:
            name = self.todo.pop()
            out.append(f"<define name={self.schema.quoted[name]}>{self.written[name]}</define>")
        out.append("</grammar>")
        return "".join(out)

    def write(self, p: P) -> str:
        """``p`` (already simplified) as RelaxNG XML; the defines it refers to are written too."""
        k = p.kind
        if p.xml:
            return p.xml
        if k == "ref":
            if p.name not in self.written:
                self.written[p.name] = ""  # a placeholder: recursion through elements
                self.written[p.name] = self.content(self.define(p.name))
                self.todo.append(p.name)
            return f"<ref name={self.schema.quoted[p.name]}/>"
        if k == "element":
            content = self.simplify(p.kids[0])
            return f"<element>{p.nc.xml}{self.content(content) if content is not GONE else self._placeholder()}</element>"
        if k == "attribute":
            return self._attribute(p)
        if k == "stub":
            return self.write(p.kids[0])
        if k == "seq":  # where one pattern is expected (in a choice, a start, an attribute)
            return "<group>" + "".join([self.write(c) for c in p.kids]) + "</group>"
        if k in ("choice", "group", "interleave"):
            return f"<{k}>" + "".join([self.write(c) for c in p.kids]) + f"</{k}>"
        return f"<{k}>{self.content(p.kids[0])}</{k}>"

    def _attribute(self, p: P) -> str:
        """An attribute is written the same in every pruning (its value holds no element or attribute
        to prune): once per schema, with the defines its value refers to."""
        done = self.schema.written.get(p)
        if done is None:
            refs = [c.name for c in _walk(p.kids[0]) if c.kind == "ref"]
            done = self.schema.written[p] = (f"<attribute>{p.nc.xml}{self.write(p.kids[0])}</attribute>", refs)
        for name in done[1]:
            self.write(P("ref", name=name))
        return done[0]

    def _placeholder(self) -> str:
        """Where an element had only attributes the document does not use: an optional attribute
        it does not use either, so the element keeps an attribute-only pattern and no content,
        as libxml2 makes of the full schema's."""
        n = 0
        while (PLACEHOLDER_NS, f"unused{n}") in self.attributes:
            n += 1
        return f'<optional><attribute><name ns="{PLACEHOLDER_NS}">unused{n}</name><text/></attribute></optional>'

    def content(self, p: P) -> str:
        """``p`` where several patterns may stand in a row (in an element, a define, a oneOrMore...):
        an implicit sequence stays implicit, as the schema wrote it. libxml2 treats the two
        differently: it moves the attribute-only patterns of an element's list of patterns to
        the attributes it checks first, not those inside a <group> (4x slower to validate)."""
        if p.kind == "stub":
            return self.content(p.kids[0])
        if p.kind == "seq":
            return "".join([self.write(c) for c in p.kids])
        return self.write(p)


# ------------------------------------------------------------------ per process

_PARSER = dict(no_network=True, resolve_entities=False)


def schema(path: Path) -> Schema | None:
    """The schema at ``path`` read for pruning, or None if it is to be compiled whole. Not cached
    here: ``relaxng.compile_schema`` is, and ``edition serve`` forgets it when the schema changes."""
    try:
        doc = etree.parse(str(path), etree.XMLParser(remove_comments=True, **_PARSER))
        full = Schema(doc.getroot())
        # libxml2 must accept the schema as a whole, as it would compiled whole (or as jing
        # does), not only the parts a document uses: every part compiled once, quickly
        # (0.1 s for tei_all), as the judge of a document using every name would have it,
        # with sequences kept in groups (libxml2 compiles those 100 times faster)
        whole = _Whole(full).xml()
        if whole is None:
            raise Unsupported("a start that allows nothing")
        etree.RelaxNG(etree.fromstring(whole.encode("utf-8")))
        return full
    except (OSError, etree.XMLSyntaxError, etree.RelaxNGParseError, Unsupported, RecursionError):
        return None  # compiled whole (and any problem reported as it always was)


class _Whole(_Pruning):
    """The schema as a document using every name would have it judged, every define written
    (libxml2 checks the datatypes of those nothing refers to as well)."""

    def __init__(self, full: Schema):
        super().__init__(full, frozenset(), frozenset(), faithful=False)

    def _used(self, nc: NC, element: bool) -> bool:
        return True

    def content(self, p: P) -> str:
        return self.write(p)

    def xml(self) -> str | None:
        text = super().xml()
        if text is None:
            return None
        for name in self.schema.defines:
            self.write(P("ref", name=name))
        rest = "".join(f"<define name={self.schema.quoted[n]}>{self.written[n]}</define>" for n in self.todo)
        return text.replace("</grammar>", rest + "</grammar>")


def load(path: Path) -> Pruned | None:
    """What ``edition.validation.relaxng`` validates with for the schema at ``path``: pruned per document,
    or None if the schema is to be compiled whole (small, or not understood here)."""
    path = Path(path)
    try:
        if os.path.getsize(path) < MIN_BYTES:
            return None
    except OSError:
        return None  # reported by the whole compile
    full = schema(path)
    return Pruned(full, path) if full is not None else None


def names(root: etree._Element) -> tuple[frozenset[NameKey], frozenset[NameKey]]:
    """(element names, attribute names) used in the document at ``root``."""
    tags: set[str] = set()
    attrs: set[str] = set()
    for el in root.iter(etree.Element):
        tags.add(el.tag)
        keys = el.keys()  # a list: faster than the el.attrib proxy
        if keys:
            attrs.update(keys)
    return frozenset(map(_key, tags)), frozenset(map(_key, attrs))


def _key(qname: str) -> NameKey:
    if qname[0] == "{":
        ns, local = qname[1:].split("}", 1)
        return ns, local
    return "", qname


class Pruned:
    """A large schema, validated against as ``etree.RelaxNG`` is (``validate(tree)``, then
    ``error_log``), pruned to each document's names.

    The judge decides; for a document it finds invalid, libxml2's errors come from the
    faithful pruning. Compiled schemas are kept by the names they were pruned to.

    Per document, not per run: libxml2's compile time grows faster than the schema (the
    union of the names of the 63 varied documents, 330 elements, compiles in 2 s; a
    document's own, 40 to 120, in 2 to 60 ms), and a union lets back the ambiguities that
    make libxml2 slow on some documents (the varied corpus: 1.4 s per document, 1.8 s for one
    union pruning, 32 s growing a union document by document).
    """

    def __init__(self, full: Schema, path: Path):
        self.full, self.path = full, path
        self.judges: OrderedDict[tuple, etree.RelaxNG | None] = OrderedDict()
        self.faithful: OrderedDict[tuple, etree.RelaxNG | None] = OrderedDict()
        self._whole: etree.RelaxNG | None = None
        self.error_log: etree._ListErrorLog | list = []

    def validate(self, tree: etree._ElementTree) -> bool:
        key = names(tree.getroot())
        judge = self._judge(key)
        if judge is not None and judge.validate(tree):
            self.error_log = judge.error_log
            return True
        # libxml2 leaves state in a document it validates (the xml:id values it met, as IDs), and a
        # second validation of it reports otherwise (duplicates where the first stopped short):
        # the explaining validation reads the document as parsed, fresh
        doc = _Fresh(tree) if judge is not None else _Fresh(tree, copy=False)
        explain = self._get(self.faithful, key, True)
        if explain is None or explain.validate(doc.tree):
            # never expected: the judge (or its absence: no element the start allows) says
            # invalid, the faithful pruning valid. The schema compiled whole decides.
            doc = _Fresh(tree)
            explain = self.whole()
            valid = explain.validate(doc.tree)
        else:
            valid = False
        self.error_log = doc.entries(explain.error_log)
        return valid

    def _judge(self, key: tuple) -> etree.RelaxNG | None:
        """A judge for these names: pruned to them, or to more names (the same verdicts)."""
        elements, attributes = key
        for (e, a), judge in reversed(self.judges.items()):
            if judge is not None and elements <= e and attributes <= a:
                self.judges.move_to_end((e, a))
                return judge
        return self._get(self.judges, key, False)

    def whole(self) -> etree.RelaxNG:
        """The full schema, compiled whole (seconds): only if a pruning could not be compiled."""
        if self._whole is None:
            self._whole = etree.RelaxNG(etree.parse(str(self.path), etree.XMLParser(**_PARSER)))
        return self._whole

    def _get(self, cache: OrderedDict, key: tuple, faithful: bool) -> etree.RelaxNG | None:
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
        text = self.full.pruned(*key, faithful=faithful)
        try:
            compiled = None if text is None else etree.RelaxNG(etree.fromstring(text.encode("utf-8")))
        except etree.RelaxNGParseError:  # never expected (the whole was compiled once): see whole()
            compiled = None
        cache[key] = compiled
        if len(cache) > CACHE_SIZE:
            cache.popitem(last=False)
        return compiled


@dataclass(frozen=True)
class Entry:
    """A libxml2 error about the original document (an ``etree._LogEntry``'s fields that
    ``edition.validation.explain`` reads)."""

    message: str
    line: int
    column: int
    path: str

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.message}"


class _Fresh:
    """A document as libxml2 first sees it: parsed again from its own serialisation (the door's
    parser does not collect xml:ids either), with the way back to the original's lines (which
    differ where a start tag spanned lines: serialised, it takes one)."""

    def __init__(self, original: etree._ElementTree, copy: bool = True):
        self.original = original
        self.tree = original
        if copy:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, collect_ids=False, huge_tree=True)
            self.tree = etree.fromstring(etree.tostring(original, encoding="UTF-8"), parser).getroottree()

    def entries(self, log) -> list[Entry]:
        entries = [Entry(e.message, e.line, e.column, e.path) for e in log]
        if self.tree is self.original:
            return entries
        lines = sorted({(c.sourceline, o.sourceline) for c, o in zip(self.tree.iter(), self.original.iter())
                        if c.sourceline and o.sourceline})
        starts = [c for c, _ in lines]
        prefixes: dict[str, str] = {}  # libxml2's paths name elements by the document's prefixes
        for el in self.original.iter(etree.Element):
            for prefix, uri in el.nsmap.items():
                if prefix:
                    prefixes.setdefault(prefix, uri)

        def back(entry: Entry) -> int:
            if not entry.line:
                return 0
            if entry.path:  # the node libxml2 names: the same in both trees
                try:
                    here = self.tree.xpath(entry.path, namespaces=prefixes)
                    there = self.original.xpath(entry.path, namespaces=prefixes)
                except etree.XPathError:
                    here = there = []
                if here and there and getattr(here[0], "sourceline", None) and getattr(there[0], "sourceline", None):
                    return there[0].sourceline + entry.line - here[0].sourceline
            i = bisect.bisect_right(starts, entry.line) - 1  # else the nearest node before it
            return entry.line if i < 0 else lines[i][1] + entry.line - lines[i][0]

        return [Entry(e.message, back(e), e.column, e.path) for e in entries]
