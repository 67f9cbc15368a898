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
import stat
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from edition.diagnostics import Diagnostic, error, warning

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XINCLUDE_NS = ("http://www.w3.org/2001/XInclude", "http://www.w3.org/2003/XInclude")

#: Sources larger than this are refused before parsing (bounded memory).
MAX_BYTES = 64 * 1024 * 1024

# What the stylesheets' XML parser accepts. Saxon (saxonche) parses the tree this door passes it
# with a parser of its own, whose limits are lower than libxml2's; a document past one of them is
# valid to libxml2 and the schema, then fails to render. These are Saxon's, found by experiment
# (saxonche 13.1: a document at each limit renders, one past it does not; tests/sources/test_limits.py
# renders both sides), so a source is refused here, by ``edition validate`` and ``build`` alike.
#: Elements nested deeper than this (the root is at depth 1): Saxon's jdk.xml.maxElementDepth.
MAX_DEPTH = 100
#: Attributes plus namespace declarations on one element: Saxon's jdk.xml.elementAttributeLimit.
#: (It also bounds the validator's time: lxml's attrib.items() is quadratic, 100,000 attributes
#: take 35 s; 200 take 0.1 ms.)
MAX_ATTRIBUTES = 200
#: Characters in a name (an element's, an attribute's, a processing instruction's), in a namespace
#: prefix and in a namespace name (its URI): Saxon's jdk.xml.maxXMLNameLimit.
MAX_NAME = 1000


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
            # lines as XML counts them (LF only: not U+2028, form feeds and the like)
            if text.startswith("\ufeff"):
                text = text[1:]
            self._lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return self._lines

    def _start_tags(self) -> dict:
        """id(element) -> (line, column) of its start tag, from the text itself.

        libxml2's ``sourceline`` is the line where a start tag *ends*, and says nothing of
        columns. In well-formed XML every "<" outside comments, CDATA sections and processing
        instructions opens a tag, so the n-th start tag in the text is the n-th element.
        """
        if not hasattr(self, "_starts"):
            positions = list(self._start_tag_positions())
            elements = [e for e in self.root.iter() if isinstance(e.tag, str)]
            self._elements = elements  # keeps the proxies (and so their ids) alive
            self._starts = dict(zip(map(id, elements), positions)) if len(positions) == len(elements) else {}
        return self._starts

    def _start_tag_positions(self):
        """(line, column) of each start tag in the text, in order."""
        text = "\n".join(self.lines())
        line, last = 1, 0
        for m in _MARKUP.finditer(text):
            if m.group(0) != "<":
                continue
            pos = m.start()
            line += text.count("\n", last, pos)
            last = pos
            yield line, pos - (text.rfind("\n", 0, pos) + 1) + 1

    def position(self, element: etree._Element) -> tuple[int, int]:
        """(line, column) of the start of ``element``'s start tag (or of a processing instruction)."""
        if element is self.root and not hasattr(self, "_starts"):
            # the root's is the first start tag: no need to find every one
            found = next(self._start_tag_positions(), None)
            if found is not None:
                return found
        if isinstance(element.tag, str):
            found = self._start_tags().get(id(element))
            if found is not None:
                return found
        line = element.sourceline or 0
        lines = self.lines()
        if isinstance(element, etree._ProcessingInstruction):
            pattern = re.compile(r"<\?" + re.escape(element.target) + r"(?=\s|\?>)")
        elif not isinstance(element.tag, str):
            return line, 1
        else:
            local = etree.QName(element).localname
            qname = element.prefix + ":" + local if element.prefix else local
            pattern = re.compile(r"<" + re.escape(qname) + r"(?=[\s/>]|$)")
        for ln in range(min(line, len(lines)), max(line - 20, 0), -1):
            matches = list(pattern.finditer(lines[ln - 1]))
            if matches:
                return ln, matches[0].start() + 1
        return line, 1


#: markup in the text of a well-formed document: the lone "<" is a start tag
_MARKUP = re.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE[^>]*>|</|<(?=[^\s!?/])", re.S)


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
    if head[:4] in (b"\x00\x00\x00<", b"<\x00\x00\x00"):
        return head[:len(head) // 4 * 4].decode("utf-32-be" if head[0] == 0 else "utf-32-le", errors="replace")
    if head[:2] in (b"\x00<", b"<\x00"):
        return head[:len(head) // 2 * 2].decode("utf-16-be" if head[0] == 0 else "utf-16-le", errors="replace")
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
        st = os.stat(path)  # never open what is not a regular file: a named pipe blocks, a device never ends
        if stat.S_ISDIR(st.st_mode):
            return None, [error("io", display, 0, 0, "is a directory, not a file; name the folder as a PATH to check every .xml file in it")]
        if not stat.S_ISREG(st.st_mode):
            return None, [_not_regular(display, st.st_mode)]
        size = st.st_size
        if size > MAX_BYTES:
            return None, [error("too-large", display, 0, 0,
                                f"file is {size // (1024 * 1024)} MB; sources larger than {MAX_BYTES // (1024 * 1024)} MB are refused")]
        with open(path, "rb", opener=_open_nonblocking) as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode):  # replaced since it was looked at
                return None, [_not_regular(display, st.st_mode)]
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


def _open_nonblocking(path: str, flags: int) -> int:
    """Open without waiting: a named pipe put in place of a regular file does not block the open
    (the file is refused once it is open); a terminal does not become the controlling one."""
    return os.open(path, flags | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))


def _not_regular(display: str, mode: int) -> Diagnostic:
    what = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a character device" if stat.S_ISCHR(mode) else "a block device" if stat.S_ISBLK(mode)
            else "not a regular file")
    return error("io", display, 0, 0, f"is {what}, not a regular file: only regular files are sources, and it is not "
                                      f"read (reading it could block or never end); remove it or name another file")


# libxml2's words -> what to do about it. Each: (pattern, code or None to keep, message template)
_SYNTAX = [
    (r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)", None,
     "</{3}> does not close <{1}> (opened on line {2}); close <{1}> first with </{1}>, or fix the tag names"),
    (r"Premature end of data in tag (\S+) line (\d+)", None,
     "the file ends before <{1}> (opened on line {2}) is closed; add </{1}> (or the file is truncated)"),
    (r"EndTag: '</' not found", None, "the file ends before all elements are closed (is it truncated?)"),
    (r"Couldn't find end of Start Tag (\S+) line (\d+)", None,
     "the start tag <{1}> on line {2} is not finished: close it with '>' (is the file truncated, or a quote unclosed?)"),
    (r"AttValue: \" or ' expected", None, 'attribute values must be quoted: write n="1", not n=1'),
    (r"Unescaped '<' not allowed in attributes values", None,
     "a '<' inside an attribute value (or a quote left open): write &lt; for '<', and close every quote with the same quote character"),
    (r"attributes construct error", None, "malformed attributes: write name=\"value\" pairs, separated by spaces"),
    (r"Attribute (\S+) redefined", None, "the attribute {1} appears twice on the same element; keep one"),
    (r"Specification mandates value for attribute (\S+)", None, 'the attribute {1} has no value: write {1}="..."'),
    (r"error parsing attribute name", None, "an attribute name is missing or malformed; attributes are written name=\"value\""),
    (r"xmlParseEntityRef: no name|EntityRef: expecting ';'", None,
     "a bare '&' is not allowed in XML: write it as &amp; (an entity reference is &name; and needs a ';')"),
    (r"xmlParseCharRef: invalid xmlChar value (\d+)", None,
     "the character reference names character number {1}, which XML does not allow (NUL, a surrogate or a control character); remove it"),
    (r"xmlParseCharRef: invalid decimal value|xmlParseCharRef: invalid hexadecimal value", None,
     "a malformed character reference: write &#8217; (decimal) or &#x2019; (hexadecimal)"),
    (r"Extra content at the end of the document", None,
     "there is more after the root element's end tag (a second root element, or stray text); a document has exactly one root: "
     "move it inside the root or remove it"),
    (r"CData section not finished", None, "a <![CDATA[ section is not closed with ]]>"),
    (r"Double hyphen within comment", None, "'--' is not allowed inside a comment: write a single hyphen or a dash (–)"),
    (r"Comment not terminated", None, "a comment opened with <!-- is not closed with -->"),
    (r"XML declaration allowed only at the start of the document", None,
     "the <?xml ...?> declaration must be the very first characters of the file (nothing before it, not even a blank line), "
     "and appear only once; move or remove it"),
    (r"xmlParsePITarget: invalid name prefix 'xml'|Invalid PI name", None,
     "processing instruction names beginning with 'xml' (in any case) are reserved; rename or remove it"),
    (r"PI (\S+) never end|ParsePI: PI (\S+) never end", None, "a processing instruction <?... is not closed with ?>"),
    (r"StartTag: invalid element name", None,
     "a '<' that does not start a tag (tag names begin with a letter or '_'): write &lt; for a literal '<'"),
    (r"Namespace prefix (\S+) on (\S+) is not defined", None,
     "the prefix {1}: on <{1}:{2}> is not declared; declare xmlns:{1}=\"...\" or remove the prefix (TEI elements need none)"),
    (r"Unsupported version '(.*)'", None, "there is no XML version {1}: write <?xml version=\"1.0\"?>"),
    (r"PCDATA invalid Char value (\d+)|invalid Char value (\d+)", None,
     "a control character that XML does not allow (character number {1}); remove it"),
    (r"Char 0x([0-9A-Fa-f]+) out of allowed range", None,
     "a character that XML does not allow (U+{1}); remove it"),
    (r"Start tag expected, '<' not found|Document is empty", None,
     "this is not an XML document: it does not begin with '<' (an XML declaration, a comment or the root element)"),
    (r"Unsupported encoding:? ?detecting EBCDIC", "encoding",
     "the file is EBCDIC-encoded, which is not supported; save it as UTF-8"),
    (r"Unsupported encoding:? ?(.*)", "encoding",
     "the declared encoding \"{1}\" is not supported; save the file as UTF-8 and declare encoding=\"UTF-8\" (or none)"),
    (r"Invalid bytes in character encoding|Input is not proper UTF-8", "encoding",
     "bytes that are not valid {enc}{guess}; save the file as UTF-8, or declare the encoding it really has"),
    (r"Document labelled UTF-16 but has UTF-8 content", "encoding",
     "the file declares encoding=\"UTF-16\" but is UTF-8; change the declaration to encoding=\"UTF-8\""),
    (r"Excessive depth in document: (\d+)", "too-deep",
     "elements are nested more than {1} levels deep; the stylesheets' XML parser accepts at most "
     + str(MAX_DEPTH) + " levels: flatten the markup (one <hi> with several @rend values instead of nested ones) "
     "or split the element"),
    (r"Resource limit exceeded: Text node too long|xmlSAX2Characters: huge text node|Huge input lookup", "too-large",
     "a single text node is longer than 10,000,000 characters; such documents are refused (bounded memory): "
     "split the text into paragraphs"),
    (r"Memory allocation failed|Maximum entity amplification|Detected an entity reference loop", "too-large",
     "the document is too large or too deeply expanded to parse safely"),
]
_SYNTAX = [(re.compile(p), c, m) for p, c, m in _SYNTAX]


def _friendly(message: str, code: str, data: bytes, line: int) -> tuple[str, str]:
    """(code, message): libxml2's message, told as what to do."""
    for pattern, new_code, template in _SYNTAX:
        m = pattern.search(message)
        if m:
            groups = [m.group(0)] + [g for g in m.groups() if g is not None]
            groups += [""] * (4 - len(groups))
            enc = _declared_encoding(data) or "UTF-8"
            guess = ""
            if new_code == "encoding" and enc.lower().replace("-", "") == "utf8":
                try:
                    data.decode("cp1252")
                    guess = " (the file looks like Windows-1252 or Latin-1)"
                except UnicodeDecodeError:
                    pass
            text = template.format(*groups, enc=enc, guess=guess)
            return new_code or code, text
    return code, message


def _syntax_diagnostics(exc: etree.XMLSyntaxError, log, display: str, data: bytes) -> list[Diagnostic]:
    out = []
    entries = [e for e in log if e.level_name in ("ERROR", "FATAL")] or list(log)
    # libxml2 reports one cause, then what it could not finish because of it: keep the first
    for entry in entries[:1]:
        message = entry.message.strip().splitlines()[0] if entry.message.strip() else "not well-formed"
        code = "xml-syntax"
        if entry.type_name == "ERR_UNDECLARED_ENTITY" or "Entity '" in message:
            code = "entity"
            message += "; named entities need a DTD, which is not allowed: write the character itself or a numeric reference (&#8217;)"
        elif entry.domain_name == "I18N" or "encoding" in message.lower() or "UTF-8" in message:
            code = "encoding"
        code, message = _friendly(message, code, data, entry.line)
        out.append(error(code, display, entry.line or 1, entry.column or 1, message))
    if not out:
        line, col = exc.position if exc.position else (1, 1)
        out.append(error("xml-syntax", display, line or 1, col or 1, str(exc)))
    return out


_DECL_ENCODING = re.compile(rb"""^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._\-]*)["']""")


def _declared_encoding(data: bytes) -> str | None:
    m = _DECL_ENCODING.match(data[3:200] if data.startswith(codecs.BOM_UTF8) else data[:200])
    return m.group(1).decode("ascii") if m else None


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


_WIDE = (("UTF-32LE", "utf-32-le", codecs.BOM_UTF32_LE), ("UTF-32BE", "utf-32-be", codecs.BOM_UTF32_BE),
         ("UTF-16LE", "utf-16-le", codecs.BOM_UTF16_LE), ("UTF-16BE", "utf-16-be", codecs.BOM_UTF16_BE))


def _wide(data: bytes) -> tuple[str, str, bool] | None:
    """(name, codec, whether it has a byte order mark) when ``data`` is UTF-16 or UTF-32 text: with its
    byte order mark, or without one but starting as XML does (optional white space, then "<")."""
    for name, codec, bom in _WIDE:  # UTF-32 first: its little-endian mark begins with UTF-16's
        if data.startswith(bom):
            return name, codec, True
    head = data[:64]
    if b"\x00" not in head:
        return None
    for name, codec, _ in _WIDE:
        unit = 4 if "32" in codec else 2
        try:
            text = head[:len(head) // unit * unit].decode(codec)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and text.lstrip(" \t\r\n").startswith("<"):
            return name, codec, False
    return None


def _wide_problem(data: bytes, display: str) -> Diagnostic | None:
    """UTF-16 (or UTF-32) without a byte order mark, or declaring another encoding: the parser guesses or
    reads past the mismatch, XML editors and other tools do not; say which it is and how to fix it."""
    wide = _wide(data)
    if wide is None:
        return None
    name, codec, bom = wide
    family = name[:6]
    if not bom:
        return error("encoding", display, 1, 1,
                     f"the file is {family} ({name}) without a byte order mark"
                     + (", which XML requires of UTF-16" if family == "UTF-16" else "")
                     + f"; save it as UTF-8 (or as {family} with a byte order mark)")
    text = data[len(dict((n, b) for n, _, b in _WIDE)[name]):][:400].decode(codec, errors="replace")
    m = _DECL_ENCODING.match(text.encode("ascii", errors="replace"))
    if m is None:
        return None
    declared = m.group(1).decode("ascii")
    norm = declared.lower().replace("-", "").replace("_", "")
    if norm.startswith(family.lower().replace("-", "")) or (family == "UTF-16" and norm in ("ucs2", "iso10646ucs2")) \
            or (family == "UTF-32" and norm in ("ucs4", "iso10646ucs4")):
        return None
    return error("encoding", display, 1, 1,
                 f'the XML declaration says encoding="{declared}", but the file is {family} (it starts with a {family} '
                 f'byte order mark); save it as {declared}, as it says, or declare encoding="{family}"')


def sniff(data: bytes, display: str) -> Diagnostic | None:
    """Byte-level problems the parser reports badly: binary data, an encoding the declaration lies about."""
    wide_problem = _wide_problem(data, display)
    if wide_problem is not None:
        return wide_problem
    head = data[:4]
    wide = head[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, b"\x00<", b"<\x00") or head in (
        codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, b"\x00\x00\x00<", b"<\x00\x00\x00")
    if not wide:
        nul = data.find(b"\x00")
        if nul >= 0:
            line, col = _line_col(data, nul)
            starts_like_xml = data.lstrip(codecs.BOM_UTF8 + b" \t\r\n")[:1] == b"<"
            what = ("a NUL byte, which XML does not allow anywhere: remove it" if starts_like_xml
                    else "NUL bytes: this is a binary file, not an XML document")
            return error("encoding", display, line, col, f"the file contains {what}")
    declared = _declared_encoding(data)
    if declared is None or wide:
        return None
    norm = declared.lower().replace("-", "").replace("_", "")
    if norm.startswith(("utf16", "utf32", "ucs2", "ucs4")):
        return error("encoding", display, 1, 1,
                     f'the XML declaration says encoding="{declared}", but the file is not {declared} '
                     f"(it reads as ASCII/UTF-8 and has no byte order mark); declare encoding=\"UTF-8\"")
    if norm in ("iso88591", "latin1", "l1", "cp1252", "windows1252", "iso885915", "usascii", "ascii"):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        m = re.search(r"[^\x00-\x7f]", text)  # linear: no backtracking over long words
        if m is not None:
            start = max(text.rfind(c, 0, m.start()) for c in " \t\n<>\"") + 1
            ends = [i for i in (text.find(c, m.end()) for c in " \t\n<>\"") if i >= 0]
            end = min(ends) if ends else len(text)
            sample = text[max(start, m.start() - 20):min(end, m.end() + 20)]
            offset = len(text[:m.start()].encode("utf-8"))
            line, col = _line_col(data, offset)
            misread = sample.encode("utf-8").decode("latin-1", errors="replace")
            return error("encoding", display, line, col,
                         f'the XML declaration says encoding="{declared}", but the bytes are UTF-8: "{sample}" would be '
                         f'read as "{misread[:40]}"; declare encoding="UTF-8"')
    return None


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
        return None, [_doctype_error(display, *doctype)]
    sniffed = sniff(data, display)
    if sniffed:
        return None, [sniffed]
    parser = _parser()
    try:
        tree = etree.fromstring(data, parser).getroottree()
    except etree.XMLSyntaxError as exc:
        # the parser's own log: the exception's may still hold entries of earlier documents
        return None, _syntax_diagnostics(exc, parser.error_log, display, data)
    except (ValueError, MemoryError) as exc:  # lxml refuses some inputs before libxml2 sees them
        return None, [error("xml-syntax", display, 1, 1, f"cannot be parsed as XML: {exc}")]
    if tree.docinfo.internalDTD is not None or tree.docinfo.doctype:
        # a DOCTYPE in an encoding the prolog scan could not read: refused all the same
        return None, [_doctype_error(display, 1, 1)]
    source = Source(path=path, display=display, tree=tree, data=data)
    warnings: list[Diagnostic] = []
    for el in tree.getroot().iter(f"{{{XINCLUDE_NS[0]}}}*", f"{{{XINCLUDE_NS[1]}}}*"):
        if _fallback(el) is el:  # the fallback of an include: said with its include
            continue
        line, col = source.position(el)
        fallback = _fallback(el)
        if fallback is None:
            return None, [error("xinclude", display, line, col,
                                "XInclude is not processed (it would read other files); put the included text in the document "
                                "itself, or give the inclusion an <xi:fallback> to stand in its place")]
        warnings.append(warning("xinclude-fallback", display, line, col,
                                f'XInclude of "{el.get("href", "")}" is not processed (it would read another file); '
                                f"its <xi:fallback> stands in its place"))
    if warnings:
        _use_fallbacks(source)
    for el in tree.getroot().iter(etree.Entity):
        return None, [error("entity", display, el.sourceline or 1, 1,
                            f"entity reference &{el.name}; is not allowed; write the character itself")]
    beyond = limits(source)
    if beyond:
        return None, beyond
    return source, warnings


def _insert_text(parent: etree._Element, index: int, text: str | None) -> None:
    """Add ``text`` where the child at ``index`` of ``parent`` would stand (after the one before it)."""
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text


def _fallback(include: etree._Element) -> etree._Element | None:
    """The xi:fallback of an xi:include (None for another XInclude element, or an include without
    one). A fallback may hold includes of its own: each needs a fallback too."""
    if etree.QName(include).localname != "include":
        parent = include.getparent()
        inside = parent is not None and etree.QName(parent).namespace in XINCLUDE_NS and etree.QName(parent).localname == "include"
        return include if inside and etree.QName(include).localname == "fallback" else None
    found = [c for c in include if isinstance(c.tag, str) and etree.QName(c).localname == "fallback"
             and etree.QName(c).namespace in XINCLUDE_NS]
    return found[0] if found else None


def _use_fallbacks(source: Source) -> None:
    """Each xi:include (none is ever followed) replaced by the content of its xi:fallback, in the tree
    the build renders; the positions of the other elements are taken first (they stay as in the file)."""
    source._start_tags()
    root = source.root
    while True:
        include = next((el for el in root.iter(f"{{{XINCLUDE_NS[0]}}}include", f"{{{XINCLUDE_NS[1]}}}include")), None)
        if include is None:
            return
        fallback = _fallback(include)
        parent = include.getparent()
        if parent is None:  # the root itself: nothing can stand in its place
            return
        index = parent.index(include)
        content = list(fallback) if fallback is not None else []
        text = fallback.text if fallback is not None else None
        tail = include.tail
        parent.remove(include)
        _insert_text(parent, index, text)
        for offset, child in enumerate(content):
            parent.insert(index + offset, child)
        _insert_text(parent, index + len(content), tail)


# ------------------------------------------------------------------ what the stylesheets' parser accepts

_TOO_DEEP = etree.XPath("boolean(" + "/*" * (MAX_DEPTH + 1) + ")")  # cheaper than finding the element
_FIRST_TOO_DEEP = etree.XPath("(" + "/*" * (MAX_DEPTH + 1) + ")[1]")
# an element past MAX_ATTRIBUTES has more than half of them as attributes or as declarations (and then
# more than half + 1 namespaces in scope, the xml namespace included): candidates, counted exactly
_MANY_ATTRIBUTES = etree.XPath(f"//*[@*[{MAX_ATTRIBUTES // 2 + 1}]]")
_MANY_ATTRIBUTES_OR_NAMESPACES = etree.XPath(
    f"//*[@*[{MAX_ATTRIBUTES // 2 + 1}] or namespace::*[{MAX_ATTRIBUTES // 2 + 2}]]")
#: encodings in which every character takes at least one byte and markup is ASCII: there the bytes
#: tell cheaply that no limit can be reached (most documents), and the tree is not walked
_BYTE_COUNTABLE = re.compile(r"^(?:utf-?8|(?:us-?)?ascii|iso-?8859-\d+|latin-?\d|windows-125\d|cp125\d)$", re.I)
#: the bytes of a document in a few classes, to find where a limit could be reached: "h" a byte of a
#: non-ASCII character, "a" an ASCII name character, " " white space; "<", "/", "?" and "=" as they are;
#: anything else "."
_CLASSES = bytes(ord("h") if b >= 0x80 else b if chr(b) in "</?=" else ord("a") if chr(b).isalnum() or chr(b) in "._-:"
                 else ord(" ") if chr(b) in " \t\r\n" else ord(".") for b in range(256))
_NON_ASCII_AS_NAME = bytes(ord("a") if b == ord("h") else b for b in range(256))
_ALL_BUT_TAG_AND_EQUALS = bytes(b for b in range(256) if b not in b"<=")
#: a non-ASCII character in an element name or a processing-instruction target (only markup holds "<")
_NON_ASCII_TAG = re.compile(rb"<[/?]?a*h")
#: a namespace declaration as written: (prefix, namespace name), as bytes
_DECLARATION = re.compile(rb"""xmlns(?::([^\s=]*))?\s*=\s*(?:"([^"]*)|'([^']*))""")
_ATTRIBUTE = re.compile(r"""\s*([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')""")


def limits(source: Source) -> list[Diagnostic]:
    """What Saxon's XML parser would refuse in ``source`` (see MAX_DEPTH): one diagnostic per limit,
    at the first element past it. Cheap for a document far from every limit: the bytes say so."""
    found: dict[str, Diagnostic] = {}
    if _TOO_DEEP(source.tree):
        el = _FIRST_TOO_DEEP(source.tree)[0]
        line, col = source.position(el)
        found["too-deep"] = error("too-deep", source.display, line, col,
                                  f"<{_qname(el)}> is nested {MAX_DEPTH + 1} elements deep; the stylesheets' XML parser "
                                  f"accepts at most {MAX_DEPTH} levels: flatten the markup (one <hi> with several @rend "
                                  f"values instead of nested ones) or split the element")
    data = source.data
    countable = bool(_BYTE_COUNTABLE.match(source.tree.docinfo.encoding or "UTF-8"))
    classes = data.translate(_CLASSES) if countable else b""
    # a start tag of more than MAX_ATTRIBUTES attributes and declarations holds as many "=" before the next "<"
    if not countable or b"=" * (MAX_ATTRIBUTES + 1) in classes.translate(None, _ALL_BUT_TAG_AND_EQUALS):
        many = _MANY_ATTRIBUTES_OR_NAMESPACES if not countable or data.count(b"xmlns") > MAX_ATTRIBUTES // 2 \
            else _MANY_ATTRIBUTES
        tags = None
        for el in many(source.tree):
            attributes = len(el.attrib)
            if attributes + len(el.nsmap) <= MAX_ATTRIBUTES:  # it cannot declare more than it has in scope
                continue
            tags = tags or _StartTags(source)
            declarations = tags.declarations(el)
            if attributes + declarations > MAX_ATTRIBUTES:
                line, col = source.position(el)
                found["too-many-attributes"] = error(
                    "too-many-attributes", source.display, line, col,
                    f"<{_qname(el)}> has {attributes + declarations} attributes and namespace declarations "
                    f"({_count(attributes, 'attribute')}, {_count(declarations, 'declaration')}); the stylesheets' XML "
                    f"parser accepts at most {MAX_ATTRIBUTES} on one element: remove those not needed, and declare each "
                    f"namespace once, on the root")
                break
    # names: the bytes rule out most documents (no run of name bytes long enough; no byte beyond ASCII in a
    # tag's name or before an "="); namespace declarations are read from the bytes, and walked only if one
    # looks long or non-ASCII
    if not countable:
        found.update(_names(source, elements=True, attributes=True, namespaces=True))
    else:
        namespaces = any(len(prefix) > MAX_NAME or not prefix.isascii() or max(len(uri), len(uri2)) > MAX_NAME
                         for prefix, uri, uri2 in _DECLARATION.findall(data))
        elements = attributes = b"a" * (MAX_NAME + 1) in classes.translate(_NON_ASCII_AS_NAME)
        if not data.isascii() and not elements:
            elements = _NON_ASCII_TAG.search(classes) is not None
            attributes = _follows(classes.translate(None, b"a "), ord("="), ord("h"))
        if namespaces or elements or attributes:
            found.update(_names(source, elements, attributes, namespaces))
    return sorted(found.values(), key=Diagnostic.sort_key)


def _follows(text: bytes, mark: int, byte: int) -> bool:
    """Whether some ``mark`` in ``text`` comes right after ``byte``. (Here: some "=" after a non-ASCII byte, once
    ASCII name characters and white space are taken out: the name before an "=" has a non-ASCII character.)"""
    i = text.find(mark)
    while i != -1:
        if i and text[i - 1] == byte:
            return True
        i = text.find(mark, i + 1)
    return False


def _names(source: Source, elements: bool, attributes: bool, namespaces: bool) -> dict[str, Diagnostic]:
    """The first name too long and the first name with a character Saxon's parser refuses, walking the
    names of elements and processing instructions, of attributes, of namespace declarations, as asked."""
    found: dict[str, Diagnostic] = {}
    root = source.root

    def check(node, kind: str, name: str) -> None:
        if len(name) > MAX_NAME and "name-too-long" not in found:
            line, col = source.position(node)
            found["name-too-long"] = error(
                "name-too-long", source.display, line, col,
                f'the {kind} "{name[:40]}..." is {len(name)} characters long; the stylesheets\' XML parser '
                f"accepts names of at most {MAX_NAME} characters: shorten it")
        if not name.isascii() and "name-character" not in found:
            bad = _refused_character(name)
            if bad is not None:
                line, col = source.position(node)
                found["name-character"] = error(
                    "name-character", source.display, line, col,
                    f'the {kind} "{name[:40]}" has the character "{bad}" (U+{ord(bad):04X}), which XML names '
                    f"admit only since the fifth edition of XML 1.0 (2008); the stylesheets' XML parser follows the "
                    f"earlier rules and refuses it: rename it with letters and digits both admit (ASCII always works)")

    if elements:
        pis = [*root.itersiblings(etree.PI, preceding=True), *root.iter(etree.PI), *root.itersiblings(etree.PI)]
        for pi in pis:
            check(pi, "processing-instruction target", pi.target)
    for el in root.iter(etree.Element):
        tag = el.tag
        if elements and (not tag.isascii() or len(tag) > MAX_NAME):  # "{namespace}local": local is checked
            check(el, "element name", tag.rpartition("}")[2])
        if attributes:
            for key in el.keys():
                if not key.isascii() or len(key) > MAX_NAME:
                    check(el, "attribute name", key.rpartition("}")[2])
        if namespaces:
            parent = el.getparent()
            inherited = parent.nsmap if parent is not None else {}
            for prefix, uri in el.nsmap.items():
                if prefix in inherited and inherited[prefix] == uri:
                    continue
                if prefix:
                    check(el, "namespace prefix", prefix)
                # libxml2 admits only ASCII namespace names ("not a valid URI"): a character is a UTF-16 unit
                if len(uri) > MAX_NAME and "name-too-long" not in found:
                    line, col = source.position(el)
                    found["name-too-long"] = error(
                        "name-too-long", source.display, line, col,
                        f'the namespace name "{uri[:40]}..." declared on <{_qname(el)}> is {len(uri)} characters '
                        f"long; the stylesheets' XML parser accepts at most {MAX_NAME}: use a shorter namespace URI")
        if len(found) == 2:
            break
    return found


def _refused_character(name: str) -> str | None:
    """The first character of ``name`` (a name libxml2 accepted) that makes Saxon's parser refuse it."""
    if _xml10_name(name):
        return None
    for i in range(1, len(name) + 1):
        if not _xml10_name(name[:i]):
            return name[i - 1]
    return name[-1]  # pragma: no cover (a name refused whole is refused from some prefix on)


@cache
def _xml10_name(name: str) -> bool:
    """Whether ``name`` is a Name by the rules of XML 1.0 before its fifth edition, which Saxon's parser
    follows (libxml2 follows the fifth's, which admits some 20,000 more characters). expat keeps the same
    tables: for every character up to U+FFFF both accept the same names."""
    import xml.parsers.expat  # only for documents with non-ASCII names

    parser = xml.parsers.expat.ParserCreate()
    try:
        parser.Parse(f"<{name}/>".encode("utf-8"), True)
    except xml.parsers.expat.ExpatError:
        return False
    return True


class _StartTags:
    """Reads start tags as written, for what lxml does not say: which namespaces a tag declares."""

    _NAME = re.compile(r"<[^\s/>]+")

    def __init__(self, source: Source):
        self.source = source
        lines = source.lines()
        self.text = "\n".join(lines)
        self.starts = [0]
        for ln in lines[:-1]:
            self.starts.append(self.starts[-1] + len(ln) + 1)

    def declarations(self, el: etree._Element) -> int:
        """How many namespaces ``el``'s start tag declares."""
        line, col = self.source.position(el)
        if not 0 < line <= len(self.starts):
            return 0
        m = self._NAME.match(self.text, self.starts[line - 1] + col - 1)
        if m is None:
            return 0
        pos, count = m.end(), 0
        while (m := _ATTRIBUTE.match(self.text, pos)) is not None:
            name = m.group(1)
            count += name == "xmlns" or name.startswith("xmlns:")
            pos = m.end()
        return count


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _qname(el: etree._Element) -> str:
    local = etree.QName(el).localname
    return f"{el.prefix}:{local}" if el.prefix else local


def _doctype_error(display: str, line: int, col: int) -> Diagnostic:
    return error("doctype", display, line, col,
                 "a DOCTYPE declaration is not allowed (it can define entities that expand or read files); "
                 "remove it: TEI documents are validated with the RelaxNG schema, not a DTD")


def display_path(path: Path) -> str:
    """How a path is shown in messages: relative to the working folder where it can be."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel
