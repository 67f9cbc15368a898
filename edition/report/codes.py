"""Every code a diagnostic can carry, with what it checks: the rules' own (``validation.rules``)
and those of the parser, the schema and the build. docs/codes.md lists them all; SARIF lists
them as rules."""

from __future__ import annotations

from dataclasses import dataclass

from edition.diagnostics import Severity
from edition.validation import rules


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    summary: str


E, W = Severity.ERROR, Severity.WARNING

# Codes that do not come from a rule in rules.py: reading and parsing (parse.py),
# the grammar (validate.py) and the build (pipeline.py). docs/codes.md lists them all.
_OTHER_CODES = [
    Code("io", E, "the file can be read: it exists, is a file, and may be read"),
    Code("too-large", E, "the file stays within the size limits for a source (64 MB, text nodes of 10 M characters)"),
    Code("too-deep", E, "elements are nested at most 100 deep (the stylesheets' XML parser accepts no more)"),
    Code("too-many-attributes", E, "no element has more than 200 attributes and namespace declarations "
                                   "(the stylesheets' XML parser accepts no more)"),
    Code("name-too-long", E, "names, namespace prefixes and namespace names have at most 1,000 characters "
                             "(the stylesheets' XML parser accepts no more)"),
    Code("name-character", E, "names use only characters XML 1.0 admitted before its fifth edition "
                              "(the stylesheets' XML parser admits no others)"),
    Code("empty", E, "the file is not empty"),
    Code("xml-syntax", E, "the file is well-formed XML"),
    Code("encoding", E, "the file's bytes are in the encoding it declares (UTF-8 unless declared)"),
    Code("entity", E, "no entity references other than the five XML predefines"),
    Code("doctype", E, "no DOCTYPE declaration (no DTDs, no entities)"),
    Code("xinclude", E, "no XInclude without a fallback (an inclusion is never followed)"),
    Code("xinclude-fallback", W, "an XInclude is not processed (it would read another file): its xi:fallback stands in its place"),
    Code("schema-element", E, "every element is allowed where it stands by the grammar"),
    Code("schema-attribute", E, "every attribute is allowed, and required attributes are present"),
    Code("schema-value", E, "attribute values have the datatype the grammar requires"),
    Code("schema-missing", E, "no element lacks a child the grammar requires"),
    Code("schema-namespace", E, "every element is in the TEI namespace"),
    Code("schema", E, "the document matches the grammar (a problem the other schema-* codes do not name)"),
    Code("doc-id-duplicate", E, "two sources do not share a document id, nor ids that differ only in case"),
    Code("render", E, "the document can be rendered by the edition's stylesheets"),
    Code("index-kept", W, "the index page is rewritten only when every source is valid"),
    Code("unsafe-id", E, "the document id can name its output files on every system (no path separators or characters "
                         "Windows refuses, no leading dot or hyphen; not index or persons in any case, nor a Windows "
                         "device name such as CON or NUL)"),
    Code("id-too-long", E, "the document id is short enough, in bytes, for its output files' names (at most 236)"),
    Code("output-kept", W, "an output of a removed document is removed only if nobody changed it since the build wrote it"),
    Code("unstyled-element", W, "an element of the text outside the TEI namespace has a rendering rule (else its text is shown plainly)"),
    Code("no-sources", W, "the PATHs given hold TEI sources (*.xml) to check"),
    Code("manifest-damaged", W, "the build's record of the last build (output/.edition-manifest.json) is as a build wrote it (else what it says is not trusted, and rebuilt)"),
    Code("name-differs", W, "one person id has one name across the edition: the register's (or a variant it lists), else the "
                            "first document's"),
    Code("register-unused", W, "every entry of a register is pointed at by some document (said when the whole edition is checked)"),
    Code("search-skipped", W, "the search index could be built (the Pagefind binary is installed and ran)"),
    # edition import (edition/importer/): its input, and the words check of its draft
    Code("no-text", E, "a transcript to import holds text"),
    Code("not-text", E, "a transcript to import is a text file (not an image, a PDF, a word-processor file)"),
    Code("not-docx", E, "a .docx to import is a Word document python-docx can read"),
    Code("not-a-file", E, "a transcript to import is a regular file (not a pipe or a device)"),
    Code("paragraph-too-long", E, "a paragraph of a transcript to import is at most 1,000,000 characters"),
    Code("unreadable", E, "a transcript of a folder being imported can be read"),
    Code("id-taken", E, "two transcripts of a folder being imported do not give one document id"),
    # the words check: of the build (edition/render/words.py) and of an import (edition/importer/words.py)
    Code("text-lost", E, "every word of a document's shown parts is in its HTML and text editions, and every word of a "
                         "register entry on its register page (the build); an import's "
                         "draft holds every word and sign of its input (else it is a bug of the stylesheets, or of the import)"),
]

CODES: dict[str, Code] = {c.code: c for c in _OTHER_CODES}
CODES.update({r.code: Code(r.code, r.severity, r.summary) for r in rules.RULES})


def describe(code: str) -> Code:
    """What ``code`` checks; a code nobody registered still gets a usable description."""
    return CODES.get(code) or Code(code, E, f"{code} (see docs/codes.md)")
