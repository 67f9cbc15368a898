"""The words check: no word of a source is lost between it and its outputs.

Part of every build, not only of its tests (``edition.builder.document``, after rendering): the
words of every part of the source a reader is given (each ``text``, with its ``front``, ``body``,
``back`` and ``group``; a ``sourceDoc``; and the parts of the header the page shows, ``HEADER``)
are counted and compared with the words of the text edition and of the HTML page's text. A word
that one of them lacks is an error, ``text-lost``, at the element that holds it.

Words are runs of letters and digits (``\\w+``), compared without case. Where a word ends is
decided as the stylesheets render:

* an element is a word boundary, except the phrase elements in ``JOIN``, which the formats render
  with nothing around them (``<hi>A</hi>bc`` is one word, "Abc");
* ``lb`` with ``break="no"`` joins the word it stands in, and the whitespace around it is layout
  (TEI's reading); a ``pb`` or ``cb`` inside a word is shown where it falls, so the word is
  checked as its two parts;
* the alternatives of a ``choice`` (``sic``/``corr``, ``abbr``/``expan``, ``orig``/``reg``) and
  the readings of an ``app`` are words of their own, never glued to one another.

A word a format glues to a sign of its own ("word¹", "[word]") is found by a second look: its
occurrences in the format's text, as a substring. The HTML's text is what a reader is given:
the page's text without its head, scripts, styles and ``hidden`` elements, with images'
alternative text, and without the edition's own markers (note and apparatus numbers, line
numbers, page marks: ``MARKERS``), which are not words of the source.

What the edition deliberately does not show is in ``NOT_SHOWN``, each with its reason
(docs/encoding.md repeats them): their words are not looked for.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from lxml import etree

from edition.diagnostics import Diagnostic, error

TEI_NS = "http://www.tei-c.org/ns/1.0"
T = f"{{{TEI_NS}}}"

#: Phrase elements that both formats render with nothing of their own around their text, so that a
#: word may run through them ("<hi>A</hi>bc", "Cde<persName>s</persName>").
JOIN = frozenset(T + name for name in (
    "hi", "emph", "seg", "w", "c", "g", "pc", "m", "s", "cl", "phr",
    "persName", "placeName", "orgName", "name", "rs", "roleName", "forename", "surname", "addName", "genName",
    "nameLink", "geogName", "geogFeat", "settlement", "region", "country", "bloc", "district", "date", "time",
    "num", "measure", "term", "title", "damage", "orig", "reg", "abbr", "expan", "sic", "corr",
    "rhyme", "said", "distinct", "mentioned", "lang", "objectName", "eventName", "affiliation",
))
#: What the edition deliberately does not show, with why (docs/encoding.md, "What is not shown").
NOT_SHOWN = {
    T + "binaryObject": "binary data (an image, a sound) encoded as text: not words a reader reads",
    T + "index": "a back-of-book index entry marks its place for an index; its terms are not part of the text",
}
#: The parts of the header the page (and the text edition) shows, from teiHeader.
HEADER = ("fileDesc/titleStmt", "fileDesc/editionStmt", "fileDesc/sourceDesc", "profileDesc/abstract",
          "profileDesc/correspDesc")
#: Milestones whose break="no" joins the word they stand in; pb and cb show a mark there instead.
_JOINING = T + "lb"
_CHOICE = T + "choice"
_MILESTONES = frozenset((T + "lb", T + "pb", T + "cb"))
#: The edition's own markers in its HTML (classes): not words of the source.
MARKERS = frozenset(("noteref", "appref", "lineno", "pb", "pb-line", "edition-sign"))
#: HTML elements that end a word (block boxes, line breaks, images, table cells).
_HTML_BLOCKS = frozenset((
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog", "div", "dl",
    "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hgroup", "hr", "img", "li", "main", "nav", "ol", "option", "p", "pre", "section", "select", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "rt",
))
_HTML_SKIP = frozenset(("head", "script", "style", "template", "noscript"))
_WORD = re.compile(r"\w+")
_SPACE_END = re.compile(r"\s+$")
_SPACE_START = re.compile(r"^\s+")


def parts(root: etree._Element) -> list[etree._Element]:
    """The parts of a TEI document (or teiCorpus) whose words the outputs must hold, in document order."""
    found: list[etree._Element] = []
    header = root.find(T + "teiHeader")
    if header is not None:
        for path in HEADER:
            found.extend(header.findall(T + path.replace("/", "/" + T)))
    for child in root:
        if child.tag in (T + "text", T + "sourceDoc"):
            found.append(child)
        elif child.tag in (T + "TEI", T + "teiCorpus"):  # a corpus: each document's title and text
            inner = child.find(T + "teiHeader")
            if inner is not None:
                found.extend(inner.findall(f"{T}fileDesc/{T}titleStmt/{T}title"))
            found.extend(p for p in parts(child) if p.tag != T + "teiHeader" and not _in_header(p))
    return found


def _in_header(el: etree._Element) -> bool:
    return any(a.tag == T + "teiHeader" for a in el.iterancestors())


@dataclass
class _Text:
    text: str
    starts: list[int]  # offsets in text where each chunk starts (only when tracked)
    owners: list  # the element each chunk's text belongs to (None for a word boundary)


class _Chunks:
    """Text put together chunk by chunk: the text of elements and word boundaries (" ")."""

    def __init__(self, track: bool):
        self.out: list[str] = []
        self.text: list[bool] = []  # whether each chunk is text (else a boundary)
        self.owners: list = []
        self.track = track
        self.strip_next = False  # the next text starts without its layout whitespace

    def add(self, s: str | None, owner) -> None:
        if not s:
            return
        if self.strip_next:
            s = _SPACE_START.sub("", s)
            if not s:
                return
            self.strip_next = False
        self.out.append(s)
        self.text.append(True)
        if self.track:
            self.owners.append(owner)

    def boundary(self) -> None:
        self.out.append(" ")
        self.text.append(False)
        self.strip_next = False
        if self.track:
            self.owners.append(None)

    def join(self) -> None:
        """A word goes on here: the whitespace of the text before (layout) and after is dropped."""
        while self.out and self.text[-1]:
            kept = _SPACE_END.sub("", self.out[-1])
            if kept:
                self.out[-1] = kept
                break
            self.out.pop()
            self.text.pop()
            if self.track:
                self.owners.pop()
        self.strip_next = True

    def result(self) -> _Text:
        starts = []
        if self.track:
            size = 0
            for s in self.out:
                starts.append(size)
                size += len(s)
        return _Text("".join(self.out), starts, self.owners)


def _text(elements: list[etree._Element], track: bool = False) -> _Text:
    """The text of ``elements`` (and their descendants), with a space wherever a word ends."""
    if not track:
        return _Text(_plain_text(elements), [], [])
    chunks = _Chunks(track)
    for part in elements:
        chunks.boundary()
        walker = etree.iterwalk(part, events=("start", "end", "comment", "pi"))
        apart: list[bool] = []  # for each open element: whether its children are words apart (it has no text of its own)
        for event, el in walker:
            tag = el.tag
            if event in ("comment", "pi"):  # only its tail is text
                chunks.add(el.tail, el.getparent())
                continue
            joining = tag == _JOINING and el.get("break") == "no"
            if event == "start":
                if tag in NOT_SHOWN:
                    walker.skip_subtree()
                    chunks.boundary()
                    apart.append(False)
                    continue
                if joining:
                    chunks.join()
                    apart.append(False)
                    continue
                if tag not in JOIN or (apart and apart[-1]) or _alternative(el):
                    chunks.boundary()
                apart.append(len(el) > 1 and _element_only(el))
                chunks.add(el.text, el)
            else:
                apart.pop()
                if tag in NOT_SHOWN or joining:
                    pass
                elif tag not in JOIN or (apart and apart[-1]) or _alternative(el):
                    chunks.boundary()
                if el is not part:
                    chunks.add(el.tail, el.getparent())
        chunks.boundary()
    return chunks.result()


def _plain_text(elements: list[etree._Element]) -> str:
    """``_text`` without tracking where each piece comes from: the same text, made faster (every
    build runs it on every document)."""
    out: list[str] = []
    append = out.append
    strip_next = False
    join_tags, not_shown, choice, joining = JOIN, NOT_SHOWN, _CHOICE, _JOINING
    for part in elements:
        append("\0")
        walker = etree.iterwalk(part, events=("start", "end", "comment", "pi"))
        apart: list[bool] = []
        for event, el in walker:
            if event == "start":
                tag = el.tag
                if tag in not_shown:
                    walker.skip_subtree()
                    append("\0")
                    apart.append(False)
                    strip_next = False
                    continue
                if tag == joining and el.get("break") == "no":
                    while out and out[-1] != "\0":  # the layout whitespace before it goes (not a boundary: NUL, no XML character)
                        kept = out[-1].rstrip()
                        if kept:
                            out[-1] = kept
                            break
                        out.pop()
                    strip_next = True
                    apart.append(False)
                    continue
                if tag not in join_tags or (apart and apart[-1]) or el.getparent() is not None and el.getparent().tag == choice:
                    append("\0")
                    strip_next = False
                apart.append(len(el) > 1 and _element_only(el))
                text = el.text
            elif event == "end":
                tag = el.tag
                apart.pop()
                if tag in not_shown or (tag == joining and el.get("break") == "no"):
                    pass
                elif tag not in join_tags or (apart and apart[-1]) or el.getparent() is not None and el.getparent().tag == choice:
                    append("\0")
                    strip_next = False
                text = el.tail if el is not part else None
            else:  # a comment or processing instruction: only its tail is text
                text = el.tail
            if text:
                if strip_next:
                    text = text.lstrip()
                    if not text:
                        continue
                    strip_next = False
                append(text)
        append("\0")
        strip_next = False
    return "".join(out).replace("\0", " ")


def _element_only(el: etree._Element) -> bool:
    """Whether ``el`` has no text of its own between its children (the formats separate them)."""
    if el.text and not el.text.isspace():
        return False
    return all(not c.tail or c.tail.isspace() for c in el)


def _alternative(el: etree._Element) -> bool:
    """Whether ``el`` is one of the alternatives of a choice (a word of its own)."""
    parent = el.getparent()
    return parent is not None and parent.tag == _CHOICE


_HTML_PARSER = etree.HTMLParser(remove_comments=True, remove_pis=True)


def html_text(page: str) -> str:
    """What a reader of an HTML page is given as text (module docstring)."""
    root = reader_tree(page)
    return "" if root is None else "".join(root.itertext())


def reader_tree(page: str) -> etree._Element | None:
    """An HTML page parsed, its text as a reader is given it (``html_text``): what is hidden and the
    edition's markers emptied, a space around each block. None for a page with nothing in it."""
    root = etree.fromstring(page.encode("utf-8"), _HTML_PARSER)
    if root is None:
        return None
    hidden, blocks = [], []
    for el in root.iter():  # one pass; the tree is changed after it
        tag = el.tag
        if tag in _HTML_SKIP or el.get("hidden") is not None:
            hidden.append(el)
            continue
        names = el.get("class")
        if names and not MARKERS.isdisjoint(names.split()):
            hidden.append(el)
        elif tag in _HTML_BLOCKS:
            blocks.append(el)
    for el in hidden:
        el.clear(keep_tail=True)
        el.text = " "
    for el in blocks:
        el.text = " " + el.text if el.text else " "
        alt = el.get("alt") if el.tag == "img" else None
        el.tail = (" " + alt + " " if alt else " ") + (el.tail or "")
    return root


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def words(text: str) -> Counter:
    """The words of a folded text, counted."""
    found = []
    word = _WORD.findall
    for piece in text.split():
        if piece.isalnum():
            found.append(piece)
        else:
            found.extend(word(piece))
    return Counter(found)


def missing(wanted: Counter, text: str) -> Counter:
    """The words of ``wanted`` that the folded ``text`` lacks: fewer occurrences as words, and
    (the second look) as substrings."""
    have = words(text)
    short = Counter()
    for word, n in wanted.items():
        if have[word] < n:
            found = max(have[word], text.count(word))
            if found < n:
                short[word] = n - found
    return short


def lost(root: etree._Element, outputs: dict[str, str], display: str, position) -> list[Diagnostic]:
    """``text-lost`` errors for the words of ``root``'s shown parts that one of ``outputs`` (format
    name -> the folded text a reader is given) lacks, one per element that holds them, at its
    start tag (``position(element)``: line, column)."""
    selected = parts(root)
    source = _text(selected)
    wanted = words(_fold(source.text))
    short = {name: missing(wanted, text) for name, text in outputs.items()}
    if not any(short.values()):
        return []
    tracked = _text(selected, track=True)  # the rare case: where are they?
    where: dict[int, tuple[etree._Element, dict[str, list[str]]]] = {}
    for name, counter in short.items():
        sequence = " " + " ".join(_WORD.findall(outputs[name])) + " "
        for word, n in counter.items():
            for owner in _owners(tracked, word, n, sequence):
                entry = where.setdefault(id(owner), (owner, {}))
                entry[1].setdefault(name, []).append(word)
    problems = []
    for owner, by_format in where.values():
        line, column = position(owner)
        said = []
        for name, found in by_format.items():
            said.append(f"the {FORMAT_NAMES.get(name, name)} lacks {listing(Counter(found))}")
        problems.append(error("text-lost", display, line, column,
                              f"words of <{etree.QName(owner).localname}> are not in the outputs: {'; '.join(said)} "
                              f"(a bug of the stylesheets: please report it with this source)"))
    return problems


def listing(counted: Counter) -> str:
    """Missing words as an error lists them: 'word', 'other' ×2 ... (the first eight, and how many more)."""
    listed = [repr(w) + (f" ×{n}" if n > 1 else "") for w, n in counted.items()]
    more = f" and {len(listed) - 8} more" if len(listed) > 8 else ""
    return ", ".join(listed[:8]) + more


def _owners(tracked: _Text, word: str, n: int, sequence: str) -> list[etree._Element]:
    """The elements that hold the ``n`` occurrences of ``word`` an output lacks: those whose words
    around it (two on each side, in the same element) the output does not have in that order;
    the first occurrences when it has all of them."""
    found, seen = [], []
    for i, (start, owner) in enumerate(zip(tracked.starts, tracked.owners)):
        if owner is None:
            continue
        chunk = _fold(tracked.text[start:tracked.starts[i + 1] if i + 1 < len(tracked.starts) else len(tracked.text)])
        if word not in chunk:
            continue
        tokens = _WORD.findall(chunk)
        for k, token in enumerate(tokens):
            if token != word:
                continue
            element = _shown_owner(owner)
            seen.append(element)
            context = " " + " ".join(tokens[max(0, k - 2):k + 3]) + " "
            if context not in sequence:
                found.append(element)
    found = found[:n]
    return found + [e for e in seen if e not in found][:n - len(found)]


def _shown_owner(el: etree._Element) -> etree._Element:
    """The element a word is said to be in: the nearest that is not a phrase element joined to its
    surroundings (a word of "<hi>A</hi>bc" is in the paragraph)."""
    while el.tag in JOIN and el.getparent() is not None:
        el = el.getparent()
    return el


FORMAT_NAMES = {"html": "HTML edition", "text": "text edition"}


def check(root: etree._Element, rendered: dict[str, bytes | str], display: str, position) -> list[Diagnostic]:
    """The words check of one document: its outputs as the build renders them (format name -> text
    or bytes): the text edition and the HTML page."""
    outputs = {}
    for name, data in rendered.items():
        text = data.decode("utf-8") if isinstance(data, bytes) else data
        if name == "html":
            outputs[name] = _fold(html_text(text))
        elif name == "text":
            outputs[name] = _fold(text)
    return lost(root, outputs, display, position)
