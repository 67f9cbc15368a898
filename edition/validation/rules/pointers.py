"""Pointers: @who, @ref, @target and the like resolve, to the right kind of element or to a document of the edition; links are safe."""

from __future__ import annotations

import re
from pathlib import Path

from edition.diagnostics import Severity
from edition.sources.parse import Source
from edition.validation.rules.registry import Document, SAFE_SCHEMES, T, _SCHEME, _local, _pointers, rule


@rule("who-unresolved", Severity.ERROR, "every sp/@who points to a person declared in the header")
def _who(doc: Document):
    ids = doc.ids
    for sp in doc.root.iter(T + "sp"):
        for ptr in _pointers(sp.get("who")):
            if not ptr.startswith("#"):
                why = _in_register(doc, ptr, ("person", "personGrp"))
                if why is None:
                    yield sp, (f'@who="{ptr}" is not a pointer to a declared person; write who="#id" with the id of a '
                               f'<person> in the header, or who="registers/persons.xml#id" for a person of the register')
                elif why:
                    yield sp, f"@who={why}"
                continue
            target = ids.get(ptr[1:])
            if target is None:
                yield sp, f'@who="{ptr}" names no declared person; declare <person xml:id="{ptr[1:]}"> in particDesc/listPerson or fix the id'
            elif _local(target) not in ("person", "personGrp"):
                yield sp, (f'@who="{ptr}" points to a <{_local(target)}>, not a <person>; point it to the <person> '
                           f'who speaks (declare one in particDesc/listPerson)')


#: what a local pointer must reach, by element and attribute ("*": any element)
_KINDS = {
    ("persName", "ref"): ("person", "personGrp"),
    ("placeName", "ref"): ("place",),
    ("orgName", "ref"): ("org",),
    ("*", "who"): ("person", "personGrp"),
}
_POINTER_ATTRS = ("ref", "target", "resp", "hand", "who", "corresp", "facs", "sameAs", "source")


def document_pointer(ptr: str) -> str | None:
    """The file a pointer names when it is a relative pointer to another document of the edition
    ("doc.xml", "doc.xml#id", "../letters/doc.xml"), else None."""
    path = ptr.split("#", 1)[0]
    if not path or _SCHEME.match(path) or path.startswith("/") or not path.endswith(".xml"):
        return None
    return path


def documents_named(source: Source) -> list[str]:
    """Every other document ``source`` points at (relative to its folder), sorted: whether each
    exists is an input of the source's diagnostics (``ref-unresolved``), as its bytes and name are."""
    found = set()
    for el in Document(source).having(_POINTER_ATTRS):
        if el.tag == T + "sp":
            continue
        for attr in _POINTER_ATTRS:
            for ptr in _pointers(el.get(attr)):
                if not ptr.startswith("#") and (path := document_pointer(ptr)) is not None:
                    found.add(path)
    return sorted(found)


def _in_register(doc: Document, ptr: str, kinds: tuple[str, ...] | None) -> str | None:
    """For a pointer into one of the edition's registers: why it does not reach an entry of the right
    kind ("" when it does); None when it is not a pointer into a register."""
    entry = doc.registers.resolve(doc.path.parent, ptr)
    if entry is False:
        return None
    path, _, fragment = ptr.partition("#")
    register = doc.registers.register_of(doc.path.parent, path)
    if entry is None:
        element = {"places.xml": "place", "orgs.xml": "org"}.get(Path(path).name, "person")
        return (f'"{ptr}" names no entry of the register {register.display}; add <{element} xml:id="{fragment}"> '
                f"there, or fix the id")
    if kinds and entry.kind not in kinds:
        wanted = " or ".join(f"<{k}>" for k in kinds)
        return (f'"{ptr}" points to a <{entry.kind}> of the register {register.display}, not a {wanted}; '
                f"point it to the {wanted} it means")
    return ""


def _document(doc: Document, ptr: str) -> str | None:
    """For a relative pointer to another document ("doc.xml", "doc.xml#id"): why it does not resolve."""
    path = document_pointer(ptr)
    if path is None:
        return None
    if (doc.path.parent / path).is_file():
        return None
    return (f'there is no document "{path}" beside this source; documents of the edition are named by their '
            f'xml:id plus .xml: fix the file name')


@rule("ref-unresolved", Severity.ERROR, 'every pointer into the edition (@ref, @target, @who on q or change, @resp, @hand, @corresp: "#id" or "doc.xml#id") resolves, to an element of the right kind or a document')
def _refs(doc: Document):
    ids = doc.ids
    for el in doc.having(_POINTER_ATTRS):
        if el.tag == T + "sp":
            continue
        name = _local(el)
        for attr in _POINTER_ATTRS:
            for ptr in _pointers(el.get(attr)):
                if not ptr.startswith("#"):
                    kinds = _KINDS.get((name, attr)) or _KINDS.get(("*", attr)) or (
                        ("person", "personGrp") if name == "person" and attr == "sameAs" else None)
                    why = _in_register(doc, ptr, kinds)
                    if why is not None:
                        if why:
                            yield el, f"@{attr}={why}"
                        continue
                    why = _document(doc, ptr)
                    if why:
                        yield el, f'@{attr}="{ptr}" on <{name}> names no document of the edition: {why}'
                    continue
                target = ids.get(ptr[1:])
                if target is None:
                    what = ("an <anchor xml:id=\"" + ptr[1:] + "\"/> where the note applies" if name == "note" and attr == "target"
                            else f'xml:id="{ptr[1:]}" on the element it means')
                    yield el, f'@{attr}="{ptr}" on <{name}> points to no element of this document; declare {what}, or fix the pointer'
                    continue
                kinds = _KINDS.get((name, attr)) or _KINDS.get(("*", attr))
                if kinds and _local(target) not in kinds:
                    wanted = " or ".join(f"<{k}>" for k in kinds)
                    yield el, (f'@{attr}="{ptr}" on <{name}> points to a <{_local(target)}>, not a {wanted}; '
                               f"point it to the {wanted} it means")
                elif name == "note" and attr == "target" and not any(a.tag == T + "text" for a in target.iterancestors()):
                    yield el, (f'@target="{ptr}" on <note> points to a <{_local(target)}> outside <text>; a note is anchored '
                               f"where it applies in the transcript: point it to an <anchor> there")


_LINK_ATTRS = ("target", "ref", "facs", "url", "corresp", "sameAs", "source", "scheme", "href")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


@rule("unsafe-link", Severity.ERROR, "links use only relative, http, https or mailto addresses (no javascript:, data:, file:...)")
def _unsafe_link(doc: Document):
    for el in doc.having(_LINK_ATTRS):
        for attr in _LINK_ATTRS:
            value = el.get(attr)
            if value is None:
                continue
            for ptr in _pointers(value) or [value]:
                # browsers ignore control characters and blanks inside a scheme ("java\tscript:")
                m = _SCHEME.match(_CONTROL.sub("", ptr))
                if m and m.group(1).lower() not in SAFE_SCHEMES:
                    shown = ptr if len(ptr) <= 60 else ptr[:57] + "..."
                    yield el, (f'@{attr}="{shown}" on <{_local(el)}> uses the "{m.group(1)}:" scheme, which can run code '
                               f"or read local data in a reader's browser; use a relative, http, https or mailto address")
                    break
