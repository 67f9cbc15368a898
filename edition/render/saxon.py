"""XSLT 3.0 with saxonche: one processor per process, each stylesheet compiled once.

``render_document(xml, formats, params)`` renders every output of a document in one run of
``xslt/document.xsl`` (the formats, its index entry, its persons data, its summary, and the
elements the text formats have no rule for); ``render(tree, stylesheet)`` runs one stylesheet
alone. Saxon gets the tree that came through the hardened door (re-serialised by lxml, so Saxon
never reads the original file). Compiled stylesheets are cached for the life of the process
and reused for every document.
"""

from __future__ import annotations

import hashlib

import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from edition import resources
from edition.errors import TransformError
from edition.render.formats import DOCUMENT


_lock = threading.Lock()


@cache
def processor():
    """The process's one Saxon processor, with the catalog that gives edition's own stylesheets their
    stable address (edition:NAME, for an edition's stylesheets that import them)."""
    from saxonche import PySaxonProcessor

    proc = PySaxonProcessor(license=False)
    proc.set_catalog_files([str(resources.folder("xslt") / "catalog.xml")])
    return proc


@dataclass(frozen=True)
class Custom:
    """An edition's own stylesheets and CSS: its folder, and a digest of its files, so that a
    compiled stylesheet is used only while they stay as they were (small and picklable: workers get
    it with each document)."""

    folder: str
    digest: str

    @classmethod
    def of(cls, folder: Path | str | None) -> "Custom | None":
        if not folder or not Path(folder).is_dir():
            return None
        folder = Path(folder).resolve()  # Saxon resolves a relative path against its own working folder
        h = hashlib.sha256()
        for f in customised(str(folder)):
            h.update(f.relative_to(folder).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
        return cls(str(folder), h.hexdigest())


@cache
def compiled(stylesheet: str, custom: Custom | None = None):
    """The compiled stylesheet ``xslt/<stylesheet>``, compiled once per process (and again when the
    edition's own stylesheets change), with those (``custom``, see ``source``) in place of the
    built-in ones they replace."""
    xslt = processor().new_xslt30_processor()
    where, kwargs = source(stylesheet, Path(custom.folder) if custom else None)
    try:
        return xslt.compile_stylesheet(**kwargs)
    except Exception as exc:  # saxonche raises PySaxonApiError
        raise TransformError(f"{where}: stylesheet does not compile: {' '.join(str(exc).split())}") from None


def source(stylesheet: str, custom: Path | None) -> tuple[Path, dict]:
    """Where ``stylesheet`` comes from, and how to hand it to Saxon, for an edition whose own
    stylesheets are in ``custom`` (its ``xslt/`` folder), if any:

    * a complete set of the stylesheets there (one with ``document.xsl``: this repository's own
      ``xslt/``, edited in place) is used instead of the package's copy;
    * otherwise each module the stylesheet imports or includes that the edition has under the same
      name (``formats/html.xsl``, ``pages/index.xsl``...) replaces the built-in one; it imports the
      built-in module as ``edition:formats/html.xsl`` and overrides single templates or functions.
    """
    builtin = resources.stylesheet(stylesheet)
    if custom is None or not custom.is_dir():
        return builtin, {"stylesheet_file": str(builtin)}
    if (custom / DOCUMENT).is_file():
        return custom / stylesheet, {"stylesheet_file": str(custom / stylesheet)}
    tree = etree.parse(str(builtin), etree.XMLParser(resolve_entities=False, no_network=True))
    replaced = False
    for ref in tree.getroot().iterchildren(f"{{{_XSL}}}import", f"{{{_XSL}}}include"):
        own = custom / ref.get("href", "")
        if ref.get("href") and own.is_file():
            ref.set("href", own.resolve().as_uri())
            replaced = True
    if not replaced:
        return builtin, {"stylesheet_file": str(builtin)}
    tree.getroot().set("{http://www.w3.org/XML/1998/namespace}base", builtin.resolve().as_uri())
    return builtin, {"stylesheet_text": etree.tostring(tree, encoding="unicode")}


_XSL = "http://www.w3.org/1999/XSL/Transform"


def customised(custom: str | None) -> list[Path]:
    """The files of an edition's own stylesheets and CSS (what a build's fingerprint covers)."""
    if not custom or not Path(custom).is_dir():
        return []
    return sorted(p for p in Path(custom).rglob("*") if p.is_file() and p.suffix in (".xsl", ".xslt", ".css", ".xml"))


@cache
def messages(language: str, custom: Custom | None = None):
    """The message catalogue of ``language`` as the XDM map the stylesheets' $messages takes, read
    once per process (each run reading the file cost a tenth of a document's rendering)."""
    from xml.etree import ElementTree

    folder = Path(custom.folder) if custom and (Path(custom.folder) / DOCUMENT).is_file() else resources.folder("xslt")
    root = ElementTree.parse(folder / "i18n" / f"{language}.xml").getroot()
    entries = {m.get("key"): m.text or "" for m in root.iter("message")}
    entries["#plural"] = root.get("plural") or "one-other"
    proc = processor()
    return proc.make_map({proc.make_string_value(k): proc.make_string_value(v) for k, v in entries.items()})


def _with_messages(params: dict | None, custom: Custom | None) -> dict:
    params = dict(params or {})
    params.setdefault("messages", messages(str(params.get("interface-language") or "en"), custom))
    return params


def _value(value):
    proc = processor()
    if not isinstance(value, (bool, int, str)) and hasattr(value, "is_node"):  # a parsed document (PyXdmNode)
        return value
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    return proc.make_string_value(str(value))


def render_text(xml: str, stylesheet: str, params: dict | None = None, custom: Custom | None = None) -> str:
    """Transform the XML document ``xml`` (a string) with ``stylesheet``."""
    executable = compiled(stylesheet, custom)
    with _lock:  # a compiled stylesheet is not shared across threads while it runs
        try:
            node = processor().parse_xml(xml_text=xml)
            executable.clear_parameters()
            for name, value in _with_messages(params, custom).items():
                executable.set_parameter(name, _value(value))
            result = executable.transform_to_string(xdm_node=node)
        except Exception as exc:
            raise TransformError(str(exc).strip()) from None
    if result is None:
        raise TransformError(f"{stylesheet} produced no output")
    return result


#: Where an edition page's stylesheet leaves the pages of the register entries (pages="entries").
_PAGES = "urn:edition:pages"


def render_pages(xml: str, stylesheet: str, params: dict | None = None, custom: Custom | None = None) -> dict[str, str]:
    """The pages ``stylesheet`` makes of the XML document ``xml`` as the map of its result document
    urn:edition:pages (key -> the page, serialised): the register entries' own pages."""
    executable = compiled(stylesheet, custom)
    with _lock:
        try:
            node = processor().parse_xml(xml_text=xml)
            executable.clear_parameters()
            for name, value in (params or {}).items():
                executable.set_parameter(name, _value(value))
            executable.set_capture_result_documents(True, True)  # kept in memory, never written
            executable.transform_to_string(xdm_node=node)
            found = (executable.get_result_documents() or {}).get(_PAGES)
            # read while the run's results are alive (they go with the next run of the stylesheet)
            pages = _python(found.head) if found is not None and found.size == 1 and found.head.is_map else None
        except Exception as exc:
            raise TransformError(str(exc).strip()) from None
    if pages is None:
        raise TransformError(f"{stylesheet} gave no pages")
    return pages


def render_all(xml: str, stylesheets: list[str], params: dict | None = None, custom: Custom | None = None) -> list[str]:
    """Transform the XML document ``xml`` with each of ``stylesheets``, parsing it once."""
    executables = [compiled(s, custom) for s in stylesheets]
    results = []
    with _lock:
        try:
            node = processor().parse_xml(xml_text=xml)
            for executable in executables:
                executable.clear_parameters()
                for name, value in _with_messages(params, custom).items():
                    executable.set_parameter(name, _value(value))
                results.append(executable.transform_to_string(xdm_node=node))
        except Exception as exc:
            raise TransformError(str(exc).strip()) from None
    for stylesheet, result in zip(stylesheets, results):
        if result is None:
            raise TransformError(f"{stylesheet} produced no output")
    return results


#: Where document.xsl leaves every output but the first (a result document kept in memory).
_OUTPUTS = "urn:edition:outputs"
#: How the text formats' rules without a match say so (common/functions/unstyled.xsl).
_NO_RULE = "e:no-rule "


@dataclass
class Outputs:
    """Every output of one document, from one run of ``document.xsl``."""

    outputs: dict[str, str]  # format name -> its text
    index_entry: str  # its entry in the index page (HTML)
    persons: str  # what the persons index needs of it (persons-data.xsl's XML)
    places: str  # what the places page needs of it (places-data.xsl's XML)
    summary: dict[str, str]  # how the index sorts it: "when", "title"
    #: the elements each text format had no rule for: format -> {element number: element name}, the
    #: number counting the document's elements in document order from 1 (the root)
    no_rule: dict[str, dict[int, str]] = field(default_factory=dict)


def render_document(xml: str, formats: Iterable[str], params: dict | None = None,
                    custom: Custom | None = None, documents: dict[str, str] | None = None) -> Outputs:
    """Every output of the XML document ``xml`` (a string) in one run: each of ``formats`` (names
    in the registry), its index entry, its persons data and summary, and what has no rule.
    ``documents``: parameters that are XML documents (name -> its text), parsed here."""
    with _lock:  # a compiled stylesheet is not shared across threads while it runs
        try:
            node = processor().parse_xml(xml_text=xml)
            nodes = {name: processor().parse_xml(xml_text=text) for name, text in (documents or {}).items()}
        except Exception as exc:
            raise TransformError(str(exc).strip()) from None
        return render_parsed(node, formats, {**(params or {}), **nodes}, custom)


def render_parsed(node, formats: Iterable[str], params: dict | None = None, custom: Custom | None = None) -> Outputs:
    """``render_document`` of a document Saxon has parsed already (``processor().parse_xml``);
    the caller holds the lock when threads share the process."""
    formats = list(formats)
    executable = compiled(DOCUMENT, custom)
    try:
        executable.clear_parameters()
        for name, value in {**_with_messages(params, custom), "formats": " ".join(formats),
                            "report-unstyled": True}.items():
            executable.set_parameter(name, _value(value))
        executable.set_save_xsl_message(True, None)  # kept for get_xsl_messages, not printed
        executable.clear_xsl_messages()
        executable.set_capture_result_documents(True, True)  # kept in memory as they are, never written
        first = executable.transform_to_string(xdm_node=node)  # the first format, serialised
        rest = (executable.get_result_documents() or {}).get(_OUTPUTS)
        messages = executable.get_xsl_messages()
        said = [messages.item_at(i).string_value for i in range(messages.size)] if messages is not None else []
    except Exception as exc:  # saxonche raises PySaxonApiError
        raise TransformError(str(exc).strip()) from None
    if first is None or rest is None or rest.size != 1 or not rest.head.is_map:
        raise TransformError(f"{DOCUMENT} did not give every output")
    found = _python(rest.head)
    no_rule: dict[str, dict[int, str]] = {}
    for message in said:
        if message.startswith(_NO_RULE):
            fmt, number, name = message[len(_NO_RULE):].split(" ", 2)
            no_rule.setdefault(fmt, {})[int(number)] = name
    return Outputs({formats[0]: first, **found["formats"]}, found["index-entry"], found["persons"], found["places"],
                   found["summary"], no_rule)


def _python(value):
    """An XDM map of strings (maps of maps of strings, as document.xsl returns) as a dict."""
    if value.is_map:
        return {key.string_value: _python(value.get(key).head) for key in value.keys()}
    return value.string_value


def render(tree: etree._ElementTree, stylesheet: str, params: dict | None = None, custom: Custom | None = None) -> str:
    """Transform a parsed tree (from ``edition.sources.parse.load``) with ``stylesheet``."""
    return render_text(etree.tostring(tree, encoding="unicode"), stylesheet, params, custom)
