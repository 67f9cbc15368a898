"""A large schema pruned to each document's names (edition.validation.prune) judges as the schema compiled whole.

For every document, the pruned validation must give the verdict of the schema compiled whole by
libxml2 and, for an invalid document, the same errors from libxml2 (line, node, words) and so the
same diagnostics after edition's explanation (codes, positions, messages, the "allowed here"
hints read from the full schema, the attributes the rules then leave alone). Checked on
mutated documents (Hypothesis: elements and attributes renamed, moved, dropped and duplicated,
starting from small valid TEI documents), against the edition's own schema (pruned here on
purpose: it is small enough to be compiled whole in normal use) and against the full TEI P5
schema, and on every file of the shared corpora (marked ``corpus``: slow).
"""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from edition import resources
from edition.sources import parse
from edition.sources.parse import TEI_NS, Source
from edition.validation import prune, relaxng
from tests.support import ROOT, SHARED, TEI_ALL, run_cli

FIXTURES = ROOT / "tests" / "fixtures"
STARTS = [FIXTURES / "rules" / "pointers-valid.xml", FIXTURES / "reading" / "reading-signs.xml",
          *sorted((FIXTURES / "prune").glob("*.xml"))]
CORPORA = [SHARED / "corpora" / "shakedracor", SHARED / "corpora" / "varied"]
RNG = "http://relaxng.org/ns/structure/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"

EXAMPLES = int(os.environ.get("EDITION_PRUNE_EXAMPLES", "100"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def compiled(path: Path, pruned: bool) -> relaxng.Schema:
    """The schema at ``path`` as validation uses it, pruned per document or compiled whole
    (whatever its size), with the full schema's static view for the messages either way."""
    with pytest.MonkeyPatch.context() as mp:
        if pruned:
            mp.setattr(prune, "MIN_BYTES", 0)
        else:
            mp.setattr(prune, "load", lambda path: None)
        schema = relaxng.compile_schema.__wrapped__(path)  # uncached: a validator of its own
    assert isinstance(schema.relaxng, prune.Pruned) is pruned
    return schema


def judged(schema: relaxng.Schema, data: bytes) -> list[str]:
    """The grammar's diagnostics for a document (none: valid), the attributes they concern, and
    libxml2's own errors (line, node, message) that they explain."""
    tree = etree.fromstring(data, parse._parser()).getroottree()
    found, flagged = relaxng.validate(Source(path=Path("doc.xml"), display="doc.xml", tree=tree, data=data), schema)
    said = [f"libxml2 {e.line} {e.path}: {e.message}" for e in schema.relaxng.error_log] if found else []
    return [str(d) for d in found] + sorted(f"flagged {path} @{attr}" for path, attr in flagged) + said


@pytest.fixture(scope="session")
def edition_schemas():
    path = resources.schema()
    return compiled(path, pruned=False), compiled(path, pruned=True)


@pytest.fixture(scope="session")
def tei_all_schemas():
    if not TEI_ALL.exists():
        pytest.skip(f"the full TEI P5 schema ({TEI_ALL}) is not on this machine")
    return compiled(TEI_ALL, pruned=False), compiled(TEI_ALL, pruned=True)  # ~10 s to compile whole: once


# ------------------------------------------------------------------ mutated documents

START_BYTES = [p.read_bytes() for p in STARTS]
ELEMENTS = sorted({etree.QName(e).localname for data in START_BYTES
                   for e in etree.fromstring(data).iter(etree.Element)}
                  | {"div", "p", "note", "head", "lg", "l", "listBibl", "bibl", "foo", "teiHeader", "text", "TEI"})
ATTRIBUTES = ["type", "n", "when", "who", "ref", "rend", XML_ID, "{http://www.w3.org/XML/1998/namespace}lang",
              "foo", "{http://example.org/ns}bar"]
VALUES = ["x", "#p1", "1958-02-30", "1902-05-03", "two words", "", "12"]


@st.composite
def mutated(draw) -> bytes:
    """A start document with 1 to 6 elements or attributes renamed, moved, dropped or duplicated
    (within the document, or from another one), or text put where it may not be."""
    root = etree.fromstring(draw(st.sampled_from(START_BYTES)))
    for _ in range(draw(st.integers(1, 6))):
        elements = list(root.iter(etree.Element))
        el = draw(st.sampled_from(elements))
        op = draw(st.sampled_from(["rename", "move", "drop", "duplicate", "transplant", "text",
                                   "rename-attribute", "move-attribute", "drop-attribute", "duplicate-attribute"]))
        parent = el.getparent()
        if op == "rename":
            ns = draw(st.sampled_from([TEI_NS, TEI_NS, TEI_NS, "", "http://example.org/ns"]))
            el.tag = etree.QName(ns or None, draw(st.sampled_from(ELEMENTS))).text
        elif op == "move" and parent is not None:
            targets = [t for t in elements if t is not el and el not in t.iterancestors()]
            target = draw(st.sampled_from(targets))
            parent.remove(el)
            target.insert(draw(st.integers(0, len(target))), el)
        elif op == "drop" and parent is not None:
            parent.remove(el)
        elif op == "duplicate" and parent is not None:
            parent.insert(parent.index(el) + 1, copy.deepcopy(el))
        elif op == "transplant":
            other = list(etree.fromstring(draw(st.sampled_from(START_BYTES))).iter(etree.Element))
            el.insert(draw(st.integers(0, len(el))), copy.deepcopy(draw(st.sampled_from(other[1:]))))
        elif op == "text":
            el.text = (el.text or "") + draw(st.sampled_from(["stray", " ", "1958"]))
        elif op == "rename-attribute" and el.attrib:
            name = draw(st.sampled_from(sorted(el.attrib)))
            value = el.attrib.pop(name)
            el.set(draw(st.sampled_from(ATTRIBUTES)), value)
        elif op in ("move-attribute", "duplicate-attribute") and el.attrib:
            name = draw(st.sampled_from(sorted(el.attrib)))
            value = el.attrib.pop(name) if op == "move-attribute" else el.get(name)
            draw(st.sampled_from(elements)).set(name, value)
        elif op == "drop-attribute" and el.attrib:
            del el.attrib[draw(st.sampled_from(sorted(el.attrib)))]
        else:  # nothing of that kind here: set an attribute instead
            el.set(draw(st.sampled_from(ATTRIBUTES)), draw(st.sampled_from(VALUES)))
    data = etree.tostring(root, encoding="UTF-8", xml_declaration=True)
    if draw(st.booleans()):  # start tags over several lines, as people write them
        data = re.sub(rb'" (?=[^\s"=<>]+=")', b'"\n      ', data)
    return data


@SETTINGS
@given(mutated())
def test_pruned_edition_schema_judges_as_the_whole(edition_schemas, data):
    whole, pruned = edition_schemas
    assert judged(pruned, data) == judged(whole, data), data.decode()


@SETTINGS
@given(mutated())
def test_pruned_tei_all_judges_as_the_whole(tei_all_schemas, data):
    whole, pruned = tei_all_schemas
    assert judged(pruned, data) == judged(whole, data), data.decode()


@pytest.mark.parametrize("start", STARTS, ids=lambda p: p.name)
def test_the_start_documents_are_valid_tei(tei_all_schemas, start):
    whole, pruned = tei_all_schemas
    assert judged(whole, start.read_bytes()) == judged(pruned, start.read_bytes()) == []


# ------------------------------------------------------------------ the shared corpora

def corpus_files() -> list[Path]:
    return sorted(f for folder in CORPORA if folder.is_dir() for f in folder.glob("*.xml"))


@pytest.mark.corpus
@pytest.mark.skipif(not corpus_files(), reason=f"the shared corpora ({SHARED / 'corpora'}) are not on this machine")
@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.name)
def test_corpus_file_judged_as_by_the_whole(tei_all_schemas, path):
    """Every file of the shared corpora, read as libxml2 reads it (the XInclude files too, which
    edition itself refuses before validation): same verdict, same diagnostics."""
    whole, pruned = tei_all_schemas
    data = path.read_bytes()
    assert judged(pruned, data) == judged(whole, data)


# ------------------------------------------------------------------ small schemas, one point each

def grammar(body: str) -> str:
    return f'<grammar xmlns="{RNG}" datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">{body}</grammar>'


REGISTER = grammar("""
  <start><element name="list"><oneOrMore><oneOrMore><choice><ref name="x"/><ref name="z"/></choice></oneOrMore>
    <zeroOrMore><ref name="y"/></zeroOrMore></oneOrMore></element></start>
  <define name="x"><element name="x"><optional><attribute name="n"><data type="integer"/></attribute></optional><empty/></element></define>
  <define name="y"><element name="y"><text/></element></define>
  <define name="z"><element name="z"><empty/></element></define>
  <define name="unused"><element name="w"><ref name="unused"/></element></define>""")


@pytest.fixture(scope="module")
def register_schemas(tmp_path_factory):
    path = tmp_path_factory.mktemp("register") / "register.rng"
    path.write_text(REGISTER, encoding="utf-8")
    return compiled(path, pruned=False), compiled(path, pruned=True)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.sampled_from(["<x/>", "<y>t</y>", "<z/>", '<x n="1"/>', '<x n="one"/>', "<w/>", "text"]), max_size=8))
def test_a_register_rewritten_for_speed_judges_as_the_whole(register_schemas, children):
    """(x+, y*)+ is validated as x, (x | y)*: the same language, without libxml2's quadratic search."""
    whole, pruned = register_schemas
    data = f"<list>{''.join(children)}</list>".encode()
    assert judged(pruned, data) == judged(whole, data)


def test_a_document_is_judged_by_its_own_elements_only():
    """The schema libxml2 compiles for a document holds the elements it uses (and the root the start
    allows), not the schema's others: that is what makes it fast."""
    full = prune.Schema(etree.fromstring(REGISTER))
    text = full.pruned(frozenset({("", "list"), ("", "x"), ("", "y")}), frozenset())
    assert text is not None
    names = {n.text for n in etree.fromstring(text).iter(f"{{{RNG}}}name")}
    assert names == {"list", "x", "y"}  # not z, nor w: no element of the document is called so
    assert full.pruned(frozenset({("", "html")}), frozenset()) is None  # no root it allows: invalid, nothing to compile


@pytest.mark.skipif(not TEI_ALL.exists(), reason=f"the full TEI P5 schema ({TEI_ALL}) is not on this machine")
def test_tei_all_is_pruned_for_validation():
    schema = relaxng.compile_schema(TEI_ALL)
    assert isinstance(schema.relaxng, prune.Pruned)
    assert schema.relaxng.validate(etree.parse(str(STARTS[0])))
    assert schema.analysis() is not None  # messages from the full schema


def test_a_schema_split_by_include_is_compiled_whole(monkeypatch):
    monkeypatch.setattr(prune, "MIN_BYTES", 0)
    assert prune.load(FIXTURES / "schemas" / "include-main.rng") is None


def test_the_edition_schema_is_compiled_whole():
    assert prune.load(resources.schema()) is None  # 30 KB: 8 ms to compile, nothing to gain


def test_a_large_schema_broken_where_no_document_goes_is_still_refused(tmp_path, capsys):
    """A schema libxml2 rejects is refused (exit 2) as when it was compiled whole, even if the broken
    part (here an unknown datatype) is in an element no document uses."""
    rng = resources.schema().read_text(encoding="utf-8")
    broken = rng.replace("</grammar>", '<define name="broken"><element name="broken"><data type="noSuchType"/>'
                                       "</element></define></grammar>")
    path = tmp_path / "big.rng"
    path.write_text(broken + "<!-- " + "padding " * (prune.MIN_BYTES // 8) + "-->\n", encoding="utf-8")
    assert path.stat().st_size > prune.MIN_BYTES
    code, out, err = run_cli(capsys, "validate", "--no-rules", "--schema", path, STARTS[0])
    assert code == 2
    assert "not a usable RelaxNG schema" in err


def test_explained_as_libxml2_first_saw_the_document(tei_all_schemas):
    """libxml2 remembers the xml:ids of a document it validated: had the explaining validation read
    the document the judge had read, it would report the duplicate id g1 (<personGrp>, then
    <listPlace>), which the whole schema, stopping at the duplicate p1, never reaches. And start
    tags over several lines: libxml2's lines are the document's, not those of the copy it read."""
    text = (FIXTURES / "prune" / "registers.xml").read_text(encoding="utf-8")
    start = text.index('<person xml:id="p1"')
    p1 = text[start:text.index("</person>", start) + len("</person>")]
    text = text.replace(p1, p1 + "\n          " + p1).replace("<listPlace>", '<listPlace\n          xml:id="g1">')
    whole, pruned = tei_all_schemas
    got = judged(pruned, text.encode("utf-8"))
    assert got == judged(whole, text.encode("utf-8"))
    assert any('"p1" is already used' in line for line in got)
    assert not any('"g1"' in line for line in got)
