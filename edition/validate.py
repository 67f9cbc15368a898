"""Grammar validation: RelaxNG (XML syntax) with lxml, compiled once per process.

libxml2's messages are terse ("Did not expect element p there") and often come in
cascades (the child's error, then "Element div has extra content", then "failed to
validate content" for every ancestor). ``validate`` turns them into one diagnostic
per cause, located at the element's start tag, saying what is wrong and where.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from lxml import etree

from edition import resources
from edition.diagnostics import Diagnostic, error
from edition.parse import TEI_NS, Source


class SchemaError(Exception):
    """The schema itself cannot be used (the tool cannot run: exit 2)."""


@cache
def compile_schema(path: Path | None = None) -> etree.RelaxNG:
    """The compiled RelaxNG schema at ``path`` (default: the edition's), once per process."""
    path = Path(path) if path else resources.schema()
    try:
        doc = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False))
        return etree.RelaxNG(doc)
    except OSError as exc:
        raise SchemaError(f"{path}: cannot read the schema: {exc}") from None
    except (etree.XMLSyntaxError, etree.RelaxNGParseError) as exc:
        raise SchemaError(f"{path}: not a usable RelaxNG schema (XML syntax): {exc}") from None


_ELEMWRONG = re.compile(r"Did not expect element (\S+) there")
_EXTRA = re.compile(r"Element (\S+) has extra content: (\S+)")
_FAILED = re.compile(r"Element (\S+) failed to validate (content|attributes)")
_INVALIDATTR = re.compile(r"Invalid attribute (\S+) for element (\S+)")
_EXPECTING = re.compile(r"Expecting element (\S+), got (\S+)")
_WRONGNS = re.compile(r"Element (\S+) has wrong namespace: expecting (\S+)")
_TYPEVAL = re.compile(r"Type (\S+) doesn't allow value '(.*)'")
_NOELEM = re.compile(r"Expecting an element (\S+), got nothing")


def _name(el: etree._Element | None) -> str:
    if el is None or not isinstance(el.tag, str):
        return "?"
    q = etree.QName(el)
    return q.localname if q.namespace == TEI_NS else (f"{{{q.namespace}}}{q.localname}" if q.namespace else q.localname)


def _where(el: etree._Element | None) -> str:
    parent = el.getparent() if el is not None else None
    return f"inside <{_name(parent)}>" if parent is not None else "as the root element"


def _explain(entry, el: etree._Element | None) -> tuple[str, str] | None:
    """(code, message) for one libxml2 entry, or None for a follow-on of another error."""
    msg = entry.message
    if m := _ELEMWRONG.match(msg):
        name = m.group(1)
        if el is not None and etree.QName(el).namespace != TEI_NS:
            return "schema-namespace", (f"element <{name}> is not in the TEI namespace; only TEI elements "
                                        f"(xmlns=\"{TEI_NS}\") are allowed in the edition")
        return "schema-element", (f"element <{name}> is not allowed here {_where(el)}; "
                                  f"check its spelling and where it stands (see schemas/edition.rng for what <{_name(el.getparent()) if el is not None and el.getparent() is not None else name}> may contain)")
    if _EXTRA.match(msg) or _FAILED.match(msg) and _FAILED.match(msg).group(2) == "content":
        return None
    if m := _INVALIDATTR.match(msg):
        return "schema-attribute", f"attribute @{m.group(1)} is not allowed on <{m.group(2)}>; remove it or use an attribute the schema admits"
    if m := _EXPECTING.match(msg):
        return "schema-element", f"expected <{m.group(1)}> here {_where(el)}, found <{m.group(2)}>"
    if m := _NOELEM.match(msg):
        return "schema-missing", f"<{_name(el)}> is incomplete: a required <{m.group(1)}> is missing"
    if m := _WRONGNS.match(msg):
        return "schema-namespace", f"element <{m.group(1)}> is in the wrong namespace; TEI elements use xmlns=\"{m.group(2)}\""
    if m := _TYPEVAL.match(msg):
        return "schema-value", f"value '{m.group(2)}' on <{_name(el)}> is not a valid {m.group(1)}"
    if m := _FAILED.match(msg):  # attributes
        return "schema-attribute", (f"<{m.group(1)}> has a missing or invalid attribute "
                                    f"(a note needs @type, a date needs @when, @from/@to or @notBefore/@notAfter, "
                                    f"a speech needs @who); see schemas/edition.rng")
    return "schema", msg.rstrip(".")


def validate(source: Source, schema: etree.RelaxNG | None = None) -> list[Diagnostic]:
    """Grammar problems in ``source``, one diagnostic per cause."""
    schema = schema if schema is not None else compile_schema()
    if schema.validate(source.tree):
        return []
    out: list[Diagnostic] = []
    located: set[tuple[int, str]] = set()
    entries = list(schema.error_log)
    typeval_paths = {e.path for e in entries if _TYPEVAL.match(e.message)}
    for entry in entries:
        el = None
        if entry.path:
            try:
                found = source.tree.xpath(entry.path)
                el = found[0] if found else None
            except etree.XPathError:
                el = None
        if _FAILED.match(entry.message) and entry.path in typeval_paths:
            continue  # the value error already says it
        explained = _explain(entry, el)
        if explained is None:
            continue
        code, message = explained
        if el is not None:
            line, col = source.position(el)
        elif entry.line:
            line, col = entry.line, entry.column or 1
        else:
            line, col = _guess(source, entry.message)
        key = (line, code)
        if key in located:
            continue
        located.add(key)
        out.append(error(code, source.display, line, col, message))
    if not out:  # a failure libxml2 did not explain
        out.append(error("schema", source.display, 1, 1, "the document does not match the schema"))
    return out


def _guess(source: Source, message: str) -> tuple[int, int]:
    """Where an error libxml2 did not locate probably is: the first element it names."""
    m = re.match(r"Element (\S+)", message)
    if m:
        for el in source.root.iter(f"{{{TEI_NS}}}{m.group(1)}"):
            return source.position(el)
    return 1, 1
