"""The one door for untrusted XML.

``load`` reads a source file and parses it with a hardened lxml parser: no DTD is
loaded, no entity resolved, nothing fetched from the network, and a DOCTYPE is
refused before the parser ever sees it (so no billion laughs, no external or
parameter entities). XInclude is never processed; an ``xi:include`` is an error.
Saxon later receives this tree re-serialised, never the original file.
"""

from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from edition.diagnostics import Diagnostic, error

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XINCLUDE_NS = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")

#: Sources larger than this are refused before parsing (bounded memory).
MAX_BYTES = 64 * 1024 * 1024


@dataclass
class Source:
    """A parsed TEI source that came through the door."""

    path: Path  # as the user named it
    display: str  # how diagnostics name it
    tree: etree._ElementTree
    data: bytes  # the bytes that were parsed

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def doc_id(self) -> str | None:
        return self.root.get(f"{{{XML_NS}}}id")

    def lines(self) -> list[str]:
        """The source's text, split in lines (for columns of elements)."""
        if not hasattr(self, "_lines"):
            enc = self.tree.docinfo.encoding or "utf-8"
            try:
                text = self.data.decode(enc, errors="replace")
            except LookupError:
                text = self.data.decode("utf-8", errors="replace")
            self._lines = text.splitlines()
        return self._lines

    def position(self, element: etree._Element) -> tuple[int, int]:
        """(line, column) of the start of ``element``'s start tag."""
        line = element.sourceline or 0
        lines = self.lines()
        qname = element.prefix + ":" + etree.QName(element).localname if element.prefix else etree.QName(element).localname
        pattern = re.compile(r"<" + re.escape(qname) + r"(?=[\s/>]|$)")
        for ln in range(min(line, len(lines)), max(line - 20, 0), -1):
            matches = list(pattern.finditer(lines[ln - 1]))
            if matches:
                return ln, (matches[-1].start() if ln != line else matches[0].start()) + 1
        return line, 1


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
        collect_ids=False,
    )


def _decode_prolog(data: bytes) -> str:
    """The first few KB as text, enough to find a DOCTYPE in the prolog."""
    head = data[:65536]
    for bom, enc in ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
                     (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
                     (codecs.BOM_UTF8, "utf-8")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, errors="replace")
    if head[:4] in (b"\x00<\x00?", b"<\x00?\x00"):
        return head.decode("utf-16-be" if head[0] == 0 else "utf-16-le", errors="replace")
    return head.decode("latin-1")


_PROLOG_ITEM = re.compile(r"\s+|<\?.*?\?>|<!--.*?-->", re.S)


def find_doctype(data: bytes) -> tuple[int, int] | None:
    """(line, column) of a DOCTYPE declaration in the prolog, or None."""
    text = _decode_prolog(data)
    pos = 0
    while True:
        m = _PROLOG_ITEM.match(text, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    if text.startswith("<!DOCTYPE", pos) or text.startswith("<!doctype", pos):
        line = text.count("\n", 0, pos) + 1
        column = pos - (text.rfind("\n", 0, pos) + 1) + 1
        return line, column
    return None


def read(path: Path, display: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of a source, or a diagnostic saying why they could not be read."""
    try:
        if path.is_dir():
            return None, [error("io", display, 0, 0, "is a directory, not a file; name the folder as a PATH to check every .xml file in it")]
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, [error("too-large", display, 0, 0,
                                f"file is {size // (1024 * 1024)} MB; sources larger than {MAX_BYTES // (1024 * 1024)} MB are refused")]
        with open(path, "rb") as f:
            # read(MAX_BYTES + 1) would allocate 64 MB for every file; read what stat says, and more if it grew
            data = f.read(size + 1)
            if len(data) > size:
                data += f.read(MAX_BYTES + 1 - len(data))
    except FileNotFoundError:
        return None, [error("io", display, 0, 0, "no such file")]
    except PermissionError:
        return None, [error("io", display, 0, 0, "cannot read the file: permission denied")]
    except OSError as exc:
        return None, [error("io", display, 0, 0, f"cannot read the file: {exc.strerror or exc}")]
    if not data.strip():
        return None, [error("empty", display, 1, 1, "the file is empty; a TEI document starts with <TEI xmlns=\"http://www.tei-c.org/ns/1.0\">")]
    return data, []


def _syntax_diagnostics(exc: etree.XMLSyntaxError, log, display: str) -> list[Diagnostic]:
    out = []
    entries = [e for e in log if e.level_name in ("ERROR", "FATAL")] or list(log)
    # libxml2 reports one cause, then what it could not finish because of it: keep the first
    for entry in entries[:1]:
        message = entry.message.strip()
        code = "xml-syntax"
        if entry.type_name == "ERR_UNDECLARED_ENTITY" or "Entity '" in message:
            code = "entity"
            message += "; named entities need a DTD, which is not allowed: write the character itself or a numeric reference (&#8217;)"
        elif "huge" in message.lower() or entry.type_name in ("ERR_RESOURCE_LIMIT",):
            code = "too-large"
        elif "Document is empty" in message or "Start tag expected" in message:
            message += "; this is not an XML document"
        elif entry.domain_name == "I18N" or "encoding" in message.lower() or "UTF-8" in message:
            code = "encoding"
        out.append(error(code, display, entry.line or 1, entry.column or 1, message))
    if not out:
        line, col = exc.position if exc.position else (1, 1)
        out.append(error("xml-syntax", display, line or 1, col or 1, str(exc)))
    return out


def load(path: Path, display: str | None = None) -> tuple[Source | None, list[Diagnostic]]:
    """Read and parse one source. Returns the source, or None and why not."""
    display = display if display is not None else str(path)
    data, problems = read(path, display)
    if data is None:
        return None, problems
    return from_bytes(data, path, display)


def from_bytes(data: bytes, path: Path, display: str) -> tuple[Source | None, list[Diagnostic]]:
    """Parse the bytes of a source already read (by ``read``, possibly in another process)."""
    doctype = find_doctype(data)
    if doctype:
        return None, [error("doctype", display, doctype[0], doctype[1],
                            "a DOCTYPE declaration is not allowed (it can define entities that expand or read files); "
                            "remove it: TEI documents are validated with the RelaxNG schema, not a DTD")]
    parser = _parser()
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        # the parser's own log: the exception's may still hold entries of earlier documents
        return None, _syntax_diagnostics(exc, parser.error_log, display)
    source = Source(path=path, display=display, tree=tree, data=data)
    for el in tree.getroot().iter(f"{{{XINCLUDE_NS[0]}}}*", f"{{{XINCLUDE_NS[1]}}}*"):
        line, col = source.position(el)
        return None, [error("xinclude", display, line, col,
                            "XInclude is not processed (it would read other files); put the included text in the document itself")]
    for el in tree.getroot().iter(etree.Entity):
        return None, [error("entity", display, el.sourceline or 1, 1,
                            f"entity reference &{el.name}; is not allowed; write the character itself")]
    return source, []


def display_path(path: Path) -> str:
    """How a path is shown in messages: relative to the working folder where it can be."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel
