"""What libxml2's RelaxNG errors mean, said as a fix.

libxml2 judges; its messages are terse ("Did not expect element p there",
"Element note failed to validate attributes", sometimes with line 0 and no path)
and come in cascades (the child's error, then "Element div has extra content",
then "failed to validate content"). ``explain`` turns them into one diagnostic
per cause, at the element's start tag, naming the element, its parent and what
the schema allows at that point: the elements that may come next, the attributes
that are required or allowed, the values an attribute takes. What is allowed is
read from the schema itself by ``edition.validation.grammar`` (cached per schema), so
the messages hold for ``--schema tei_all.rng`` as for the edition's own schema.
"""

from __future__ import annotations

import re

from lxml import etree

from edition.diagnostics import Diagnostic, error
from edition.sources.parse import TEI_NS, Source
from edition.validation.datatypes import TYPE_HINTS, datatype_problem
from edition.validation.grammar import Grammar, NameKey, attribute_key, display
from edition.validation.messages import duplicate_id_message


def explain(source: Source, entries: list, g: Grammar | None) -> tuple[list[Diagnostic], set[tuple[str, str]]]:
    """libxml2's error ``entries`` for ``source`` as one diagnostic per cause, and the attributes they
    concern ((element path, attribute) pairs: a rule finding the same fault keeps quiet). Without a
    static view of the schema (``g`` None), or for a pathological one, libxml2's own words."""
    if g is None:
        return _plain(source, entries), set()
    try:
        return _explained(source, entries, _Explainer(source, g))
    except RecursionError:  # a pathological schema: fall back to libxml2's words
        return _plain(source, entries), set()


# libxml2's RelaxNG messages (relaxng.c, xmlRelaxNGGetErrorString)
_ELEMWRONG = re.compile(r"Did not expect element (\S+) there")
_EXPECTING = re.compile(r"Expecting element (\S+), got (\S+)")
_NOELEM = re.compile(r"Expecting an element (\S*), got nothing")
_TEXTWRONG = re.compile(r"Did not expect text in element (\S+) content|Expecting an element got text()")
_NOTEMPTY = re.compile(r"Expecting element (\S+) to be empty")
_INVALIDATTR = re.compile(r"Invalid attribute (\S+) for element (\S+)")
_ATTRVALID = re.compile(r"Element (\S+) failed to validate attributes")
_TYPEVAL = re.compile(r"Type (\S+) doesn't allow value '(.*)'", re.S)
_DUPID = re.compile(r"ID (\S+) redefined")
_WRONGNS = re.compile(r"Element (\S+) has wrong namespace: expecting (\S+)")
_NONS = re.compile(r"Expecting a namespace for element (\S+)")
_EXTRANS = re.compile(r"Expecting no namespace for element (\S+)")
# follow-ons of another error: reported only when nothing else explains them
_EXTRA = re.compile(r"Element (\S+) has extra content: (\S+)")
_CONTENTVALID = re.compile(r"Element (\S+) failed to validate content")
_INTERLEAVE = re.compile(r"Invalid sequence in interleave|Extra element (\S+) in interleave")

_FOLLOW_ON = (_EXTRA, _CONTENTVALID, _INTERLEAVE)
_MAX_LISTED = 16


def _key(el: etree._Element) -> NameKey:
    q = etree.QName(el)
    return q.namespace or "", q.localname


def _name(el: etree._Element | None) -> str:
    if el is None or not isinstance(el.tag, str):
        return "?"
    return display(_key(el))


def _who(el: etree._Element) -> str:
    """An element and where it stands: "<note> (inside <dateline>)"."""
    parent = el.getparent()
    return f"<{_name(el)}>" + (f" (inside <{_name(parent)}>)" if parent is not None else "")


def _elements(parent: etree._Element):
    return [c for c in parent if isinstance(c.tag, str)]


def _listing(names: list[str], conj: str = "or") -> str:
    names = list(dict.fromkeys(names))
    if len(names) > _MAX_LISTED:
        shown = ", ".join(names[:_MAX_LISTED])
        return f"{shown} {conj} {len(names) - _MAX_LISTED} more"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + f" {conj} " + names[-1]


class _Explainer:
    """Explains one document's libxml2 errors with the schema's static view."""

    def __init__(self, source: Source, g: Grammar | None):
        self.source, self.g = source, g
        self._defs: dict[str, list[int]] = {}

    def path(self, el) -> str:
        return self.source.tree.getpath(el)

    # ---------------------------------------------------------- which definitions apply
    def defs(self, el: etree._Element) -> list[int]:
        """The element definitions that can apply to ``el``, given where it stands."""
        g = self.g
        p = self.path(el)
        if p in self._defs:
            return self._defs[p]
        key = _key(el)
        parent = el.getparent()
        if parent is None:
            cands = [e for e in g.start_elements() if g.name_classes[e].matches(key)]
        else:
            cands = [c for d in self.defs(parent) for c in g.summary(d).children if g.name_classes[c].matches(key)]
        if not cands:
            cands = g.by_name(key)
        self._defs[p] = list(dict.fromkeys(cands))
        return self._defs[p]

    def _names(self, eids) -> list[str]:
        return sorted({f"<{self.g.name_of(e)}>" for e in eids}, key=str.lower)

    def next_allowed(self, parent, upto=None) -> tuple[set, bool, etree._Element | None]:
        """(definitions allowed next, whether the parent may end there, the child where matching failed)."""
        P = self.g.pats
        d = P.NONE
        for e in self.defs(parent):
            d = P.choice(d, self.g.content(e))
        for child in _elements(parent):
            if child is upto:
                break
            nd = P.deriv(d, _key(child))
            if nd is P.NONE:
                return set(P.first(d)), d.nullable, child
            d = nd
        return set(P.first(d)), d.nullable, None

    def allowed_here(self, parent, allowed: set, nullable: bool) -> str:
        names = (["text"] if self.takes_text(parent) and self.defs(parent) else []) + self._names(allowed)
        if not names:
            return f"nothing more is allowed in <{_name(parent)}> at this point"
        end = [f"the end of <{_name(parent)}>"] if nullable else []
        return "allowed here: " + _listing(names + end)

    # ---------------------------------------------------------- elements
    def misplaced(self, el: etree._Element) -> tuple[str, str]:
        """An element that may not stand where it stands."""
        g = self.g
        key = _key(el)
        name = display(key)
        parent = el.getparent()
        if key[0] != TEI_NS and g.specific((TEI_NS, key[1])) and not g.specific(key):
            return "schema-namespace", (f"<{key[1]}> is in {'namespace ' + key[0] if key[0] else 'no namespace'}, not the TEI "
                                        f'namespace; declare xmlns="{TEI_NS}" on the root element')
        if parent is None:
            roots = _listing(self._names(g.start_elements()))
            if key[0] != TEI_NS and not g.specific(key):
                where = f"namespace {key[0]}" if key[0] else "no namespace"
                return "schema-namespace", (f"the root element <{key[1]}> is in {where}: this is not a TEI document; "
                                            f'the schema expects {roots} in the TEI namespace (xmlns="{TEI_NS}")')
            return "schema-element", f"<{name}> cannot be the root element; the schema expects {roots}"
        pname = _name(parent)
        allowed, nullable, failed = self.next_allowed(parent, upto=el)
        if failed is not None and failed is not el:
            allowed = set().union(*(g.summary(d).children for d in self.defs(parent)))
            nullable = False
        prev = el.getprevious()
        while prev is not None and not isinstance(prev.tag, str):
            prev = prev.getprevious()
        pos = f"after <{_name(prev)}>" if prev is not None else "as the first element"
        here = self.allowed_here(parent, allowed, nullable)
        pdefs = self.defs(parent)
        anywhere = set().union(*(g.summary(d).children for d in pdefs)) if pdefs else set()
        if not g.by_name(key) and g.complete:
            hint = g.suggest(key)
            return "schema-element", (f"<{name}> is not an element of the schema"
                                      + (f" (did you mean <{hint}>?)" if hint else "")
                                      + f"; inside <{pname}> {pos}, {here}")
        if any(g.name_classes[c].matches(key) for c in anywhere):
            model = g.model(pdefs[0]) if len(pdefs) == 1 else None
            return "schema-element", (f"<{name}> may stand inside <{pname}>, but not {pos}; {here}"
                                      + (f" (<{pname}> holds: {model})" if model else ""))
        homes = self._names(g.parents(g.by_name(key)))
        return "schema-element", (f"<{name}> is not allowed inside <{pname}>; {here}"
                                  + (f"; <{name}> belongs inside {_listing(homes)}" if homes else ""))

    def incomplete(self, el: etree._Element) -> tuple[str, str]:
        allowed, nullable, failed = self.next_allowed(el)
        if failed is not None:
            return self.misplaced(failed)
        last = _elements(el)[-1] if _elements(el) else None
        pos = f"after <{_name(last)}>" if last is not None else "at its start"
        needs = _listing(self._names(allowed))
        model = self.g.model(self.defs(el)[0]) if len(self.defs(el)) == 1 else None
        return "schema-missing", (f"<{_name(el)}> is incomplete: {pos} it needs {needs or 'more content'}"
                                  + (f" (<{_name(el)}> holds: {model})" if model else ""))

    def first_failure(self, el: etree._Element) -> tuple[etree._Element, str, str] | None:
        """Where ``el``'s content stops matching, for a content error libxml2 left unexplained."""
        allowed, nullable, failed = self.next_allowed(el)
        if failed is not None:
            return (failed, *self.misplaced(failed))
        if not nullable:
            return (el, *self.incomplete(el))
        return None

    def fits(self, el: etree._Element) -> bool:
        """Whether the schema admits ``el``'s name where it stands (after its preceding siblings)."""
        g, key = self.g, _key(el)
        parent = el.getparent()
        if parent is None:
            return any(g.name_classes[e].matches(key) for e in g.start_elements())
        allowed, nullable, failed = self.next_allowed(parent, upto=el)
        return failed is None and any(g.name_classes[e].matches(key) for e in allowed)

    def takes_text(self, el: etree._Element) -> bool:
        return any(self.g.summary(d).text for d in self.defs(el)) or not self.defs(el)

    def dig(self, el: etree._Element, budget: list) -> list[tuple]:
        """The first problems the schema shows in ``el``'s subtree: (element, code, message, attribute)."""
        budget[0] -= 1
        if budget[0] < 0:
            return []
        found = [(el, c, m, a) for c, m, a in self.attribute_problems(el)]
        f = self.first_failure(el)
        if f is not None:
            found.append((*f, None))
        elif not self.takes_text(el) and any(t and t.strip() for t in [el.text] + [c.tail for c in el]):
            found.append((el, "schema-element", self.text_not_allowed(el), None))
        if found:
            return found
        for child in _elements(el):
            found = self.dig(child, budget)
            if found:
                return found
        return []

    def text_not_allowed(self, el: etree._Element) -> str:
        g = self.g
        takers = [c for d in self.defs(el) for c in g.summary(d).children if g.summary(c).text]
        common = ("<p>", "<l>", "<ab>", "<seg>")
        names = sorted(self._names(takers), key=lambda n: (n not in common, common.index(n) if n in common else 0, n.lower()))
        wrap = f"; put it inside {_listing(names[:6])}" if takers else ""
        if not any(g.summary(d).children or g.summary(d).text for d in self.defs(el)):
            wrap = f"; <{_name(el)}> must be empty (write <{_name(el)}/>, and put the text after it)"
        return f"text is not allowed directly inside <{_name(el)}>{wrap}"

    # ---------------------------------------------------------- attributes
    def attributes(self, el: etree._Element) -> tuple[dict, bool, list]:
        """(allowed attributes: key -> patterns, any attribute allowed, required clauses)."""
        g = self.g
        defs = self.defs(el)
        allowed: dict = {}
        any_attr = False
        required = None
        for d in defs:
            s = g.summary(d)
            for k, v in s.attrs.items():
                allowed.setdefault(k, []).extend(v)
            any_attr |= s.any_attr
            r = g.required(d)
            required = r if required is None else [c for c in required if c in r]
        return allowed, any_attr, required or []

    def admits(self, el, allowed: dict, required: list) -> str:
        req = {k for c in required if len(c) == 1 for k in c}
        names = [f"@{display(k, True)}" + (" (required)" if k in req else "") for k in sorted(allowed, key=lambda k: (k not in req, display(k, True)))]
        return f"<{_name(el)}> admits " + (_listing(names, "and") if names else "no attributes")

    def attribute_problems(self, el: etree._Element, only: str | None = None) -> list[tuple[str, str, str]]:
        """(code, message, attribute) for each attribute problem of ``el`` the schema shows."""
        g = self.g
        allowed, any_attr, required = self.attributes(el)
        who = _who(el)
        present = {attribute_key(k): v for k, v in el.attrib.items()}
        out = []
        for k, v in present.items():
            disp = display(k, True)
            if only and k[1] != only:
                continue
            if k in allowed:
                why = g.value_problem(allowed[k], v)
                if why:
                    out.append(("schema-value", f'@{disp}="{v}" on {who} is not valid: {why}', disp))
            elif not any_attr:
                out.append(("schema-attribute", f"@{disp} is not allowed on {who}; remove it or use one the schema "
                                                f"defines: {self.admits(el, allowed, required)}", disp))
        if only:
            return out
        for clause in required:
            if clause & present.keys():
                continue
            names = sorted(display(k, True) for k in clause)
            if len(names) == 1:
                k = next(iter(clause))
                hint = g.expected_value(allowed.get(k, []), "").removeprefix("expected ") if allowed.get(k) else ""
                out.append(("schema-attribute", f'{who} lacks the required attribute @{names[0]}: add {names[0]}="..."'
                                                + (f" ({hint})" if hint and hint != "a different value" else ""), names[0]))
            else:
                out.append(("schema-attribute", f"{who} needs one of " + _listing([f"@{n}" for n in names])
                                                + (' (for a date: when="1958-07-31", or from/to, notBefore/notAfter)'
                                                   if {"when", "from"} <= set(names) else ""), names[0]))
        return out


def _find(source: Source, entry) -> etree._Element | None:
    if entry.path:
        try:
            found = source.tree.xpath(entry.path)
            if found and isinstance(found[0], etree._Element):
                return found[0]
        except etree.XPathError:
            pass
    return None


def _named(source: Source, name: str, line: int = 0) -> list[etree._Element]:
    """Elements called ``name`` (a local name, as libxml2 gives it), those on ``line`` first."""
    els = [e for e in source.root.iter() if isinstance(e.tag, str) and etree.QName(e).localname == name]
    if line:
        on_line = [e for e in els if e.sourceline == line]
        return on_line or els
    return els


def _explained(source: Source, entries, x: _Explainer) -> tuple[list[Diagnostic], set]:
    out: list[Diagnostic] = []
    flagged: set[tuple[str, str]] = set()  # (element path, attribute) reported: the rules do not repeat them
    reported: set[str] = set()  # tree paths of elements with a diagnostic
    under: set[str] = set()  # ... and of their ancestors
    seen: set[tuple] = set()
    swept: set[str] = set()  # element names whose every candidate was checked (errors without a location)

    def report(el, code, message, line_col=None, attr=None):
        line, col = line_col or (source.position(el) if el is not None else (1, 1))
        if (line, col, code, message) in seen:
            return
        seen.add((line, col, code, message))
        if el is not None:
            reported.add(x.path(el))
            for a in (el, *el.iterancestors()):
                p = x.path(a)
                if p in under:
                    break
                under.add(p)
            if attr:
                flagged.add((x.path(el), attr))
        out.append(error(code, source.display, line, col, message))

    def covered(el) -> bool:
        """Whether ``el`` or something inside it was already reported."""
        return x.path(el) in under

    follow_ons = []
    budget = [20000]  # elements examined for causes libxml2 did not name
    for entry in entries:
        msg = entry.message.strip()
        el = _find(source, entry)
        if any(f.match(msg) for f in _FOLLOW_ON):
            follow_ons.append((entry, el))
            continue
        if m := _ELEMWRONG.match(msg) or _EXPECTING.match(msg):
            name = m.group(m.lastindex)  # the element that is there
            if el is not None and etree.QName(el).localname != name:
                kids = [c for c in _elements(el) if etree.QName(c).localname == name]
                el = kids[0] if kids else el
            if el is None:
                el = next(iter(_named(source, name, entry.line)), None)
            if el is None:
                report(None, "schema-element", msg.rstrip("."), (entry.line or 1, 1))
                continue
            if x.fits(el):
                # the name is right here: libxml2 rejected it for what is inside (a cascade); found below
                follow_ons.append((entry, el))
                continue
            report(el, *x.misplaced(el))
        elif m := _NOELEM.match(msg):
            if el is None:
                report(None, "schema-missing", msg.rstrip("."), (entry.line or 1, 1))
                continue
            report(el, *x.incomplete(el))
        elif m := _TEXTWRONG.match(msg):
            name = m.group(1) or m.group(2)
            el = el if el is not None else next(iter(_named(source, name, entry.line)), None) if name else None
            if el is None:
                report(None, "schema-element", "text is not allowed here", (entry.line or 1, entry.column or 1))
                continue
            if x.takes_text(el):  # libxml2 names the element it was in; the text stands in a child or sibling
                found = x.dig(el, budget)
                if found:
                    for found_el, code, text, attr in found:
                        report(found_el, code, text, attr=attr)
                    continue
            report(el, "schema-element", x.text_not_allowed(el), _text_position(source, el))
        elif m := _NOTEMPTY.match(msg):
            el = el if el is not None else next(iter(_named(source, m.group(1), entry.line)), None)
            if el is not None:
                report(el, "schema-element", f"<{m.group(1)}> must be empty: it is a sign, not a container; "
                                             f"move its content after it or write <{m.group(1)}/>")
        elif m := _WRONGNS.match(msg) or _NONS.match(msg) or _EXTRANS.match(msg):
            el = el if el is not None else source.root
            ns = etree.QName(el).namespace
            report(el, "schema-namespace",
                   f"<{m.group(1)}> is in {'namespace ' + ns if ns else 'no namespace'}, not the TEI namespace; "
                   f'TEI elements use xmlns="{TEI_NS}" (declare it on the root element)')
        elif m := _INVALIDATTR.match(msg):
            attr, elname = m.group(1), m.group(2)
            cands = [el] if el is not None else _named(source, elname, entry.line)
            for c in cands:
                problems = x.attribute_problems(c, only=attr)
                for code, text, a in problems:
                    report(c, code, text, attr=a)
                if problems:
                    break
            else:
                if cands:
                    c = cands[0]
                    value = next((v for k, v in c.attrib.items() if attribute_key(k)[1] == attr), None)
                    same = [e for e in source.root.iter() if isinstance(e.tag, str) and value is not None
                            and e.get(f"{{{_XML}}}id") == value] if attr == "id" else []
                    if len(same) > 1 and c is not same[0]:
                        report(c, "id-duplicate", duplicate_id_message(value, same[0].sourceline), attr="xml:id")
                    elif value is not None:
                        allowed = x.attributes(c)[0]
                        k = next((k for k in allowed if k[1] == attr), None)
                        expected = x.g.expected_value(allowed[k], value) if k else "a different value"
                        report(c, "schema-value", f'the value "{value}" of @{display(k, True) if k else attr} on <{elname}> '
                                                  f"is not accepted by the schema here; {expected}", attr=display(k, True) if k else attr)
                    else:
                        report(c, "schema-attribute", f"attribute @{attr} is not allowed on <{elname}>; "
                                                      f"{x.admits(c, *x.attributes(c)[::2])}")
        elif m := _TYPEVAL.match(msg):
            type_name, value = m.group(1), m.group(2)
            el = el if el is not None else source.root
            attr = next((k for k, v in el.attrib.items() if v == value), None)
            if attr is not None:
                disp = display(attribute_key(attr), True)
                why = x.g.value_problem(x.attributes(el)[0].get(attribute_key(attr), []), value) \
                    or f"expected {TYPE_HINTS.get(type_name, 'a value of type ' + type_name)}"
                report(el, "schema-value", f'@{disp}="{value}" on {_who(el)} is not valid: {why}', attr=disp)
            else:
                why = datatype_problem(type_name, value)
                report(el, "schema-value", f'the text "{value[:60]}" of {_who(el)} is not valid: '
                                           + (why or f"expected {TYPE_HINTS.get(type_name, 'a value of type ' + type_name)}"))
        elif m := _DUPID.match(msg):
            value = m.group(1)
            same = [e for e in source.root.iter() if isinstance(e.tag, str) and e.get(f"{{{_XML}}}id") == value]
            target = el if el is not None else (same[1] if len(same) > 1 else None)
            if target is not None and same:
                report(target, "id-duplicate", duplicate_id_message(value, same[0].sourceline), attr="xml:id")
        elif m := _ATTRVALID.match(msg):
            follow_ons.append((entry, el))  # explained below, once the direct causes are known
        else:
            report(el, "schema", msg.rstrip("."), None if el is not None else (entry.line or 1, entry.column or 1))

    for entry, el in follow_ons:
        msg = entry.message.strip()
        if m := _ATTRVALID.match(msg):
            if el is None and not entry.line:
                if m.group(1) in swept:
                    continue  # every element of that name was checked for an earlier such entry
                swept.add(m.group(1))
            cands = [el] if el is not None else _named(source, m.group(1), entry.line)
            found = False
            for c in cands:
                if x.path(c) in reported:
                    found = True  # already explained (an invalid value, a duplicate id)
                    continue
                for code, text, a in x.attribute_problems(c):
                    report(c, code, text, attr=a)
                    found = True
            if not found and cands:
                c = cands[0]
                report(c, "schema-attribute", f"<{m.group(1)}> has an attribute the schema does not accept here; "
                                              f"{x.admits(c, *x.attributes(c)[::2])}")
            continue
        if el is None or covered(el) or (el.getparent() is not None and covered(el.getparent()) and _EXTRA.match(msg)):
            continue
        if _EXTRA.match(msg) and el.getparent() is not None and not x.fits(el):
            report(el, *x.misplaced(el))
            continue
        for found_el, code, text, attr in x.dig(el, budget):
            if not covered(found_el):
                report(found_el, code, text, attr=attr)
    if not out:
        out = _plain(source, entries)
    return sorted(out, key=Diagnostic.sort_key), flagged


_XML = "http://www.w3.org/XML/1998/namespace"


def _text_position(source: Source, el: etree._Element) -> tuple[int, int]:
    """Where the first stray text directly inside ``el`` starts."""
    texts = [el.text] + [c.tail for c in el]
    snippet = next((t.strip().splitlines()[0].strip() for t in texts if t and t.strip()), "")
    lines = source.lines()
    start = el.sourceline or 1
    if snippet:
        for ln in range(start, min(len(lines), start + 5000) + 1):
            i = lines[ln - 1].find(snippet[:40])
            if i >= 0 and (ln > start or i > 0):
                return ln, i + 1
    return source.position(el)


def _plain(source: Source, entries) -> list[Diagnostic]:
    """libxml2's own words, one per location: for schemas the static view does not cover."""
    out = []
    seen = set()
    for entry in entries:
        msg = entry.message.strip()
        if any(f.match(msg) for f in _FOLLOW_ON):
            continue
        el = _find(source, entry)
        line, col = source.position(el) if el is not None else (entry.line or 1, entry.column or 1)
        if (line, msg) in seen:
            continue
        seen.add((line, msg))
        code = "schema-element" if _ELEMWRONG.match(msg) or _EXPECTING.match(msg) else \
            "schema-attribute" if _INVALIDATTR.match(msg) or _ATTRVALID.match(msg) else \
            "schema-value" if _TYPEVAL.match(msg) else \
            "schema-namespace" if _WRONGNS.match(msg) else "schema"
        out.append(error(code, source.display, line, col, msg.rstrip(".")))
    if not out:
        out.append(error("schema", source.display, 1, 1, "the document does not match the schema"))
    return out
