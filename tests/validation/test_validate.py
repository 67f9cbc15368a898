"""Grammar messages an editor can act on: element, parent, and what the schema allows there.

Each broken variant of the seed must give exactly one diagnostic (no libxml2 cascade), at the
element's start tag, whose message names what is allowed at that point, read from the schema
itself: the edition's schema here, the full TEI P5 schema (tei_all.rng) below.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.support import ROOT, TEI_ALL, line_of, run_cli
from edition import resources
from edition.validation import datatypes, grammar
from edition.sources import parse
from edition.validation import relaxng as validate

T = "{http://www.tei-c.org/ns/1.0}"


def problems(path, schema=None) -> list[str]:
    source, diagnostics = parse.load(path, "doc.xml")
    assert source is not None, diagnostics
    return [str(d) for d in validate.validate(source, validate.compile_schema(schema))[0]]


# (id, replacements, marker of the line, column, exact diagnostic after "doc.xml:LINE:COL: ")
MESSAGES = [
    ("sp-without-speaker",
     [("<speaker>MAO ZEDONG</speaker>\n          <p>proposes", "<p>proposes")], "<p>proposes", 11,
     "error[schema-element]: <p> may stand inside <sp>, but not as the first element; allowed here: <speaker> "
     "(<sp> holds: <speaker>, (<p> | <stage> | <pb> | <lb> | <anchor> | <gap>)+)"),
    ("unknown-element",
     [("<p>They concur", "<para/><p>They concur")], "<para/>", 9,
     "error[schema-element]: <para> is not an element of the schema; inside <div> after <sp>, allowed here: "
     "<anchor>, <closer>, <div>, <gap>, <lb>, <listBibl>, <p>, <pb>, <sp>, <stage>, <table> or the end of <div>"),
    ("misspelled-element",
     [("<speaker>N.S. KHRUSHCHEV</speaker>", "<speeker>N.S. KHRUSHCHEV</speeker>")], "<speeker>", 11,
     "error[schema-element]: <speeker> is not an element of the schema (did you mean <speaker>?); "
     "inside <sp> as the first element, allowed here: <speaker>"),
    ("head-after-p",
     [("<p>They concur", "<head>Late</head><p>They concur")], "<head>Late", 9,
     "error[schema-element]: <head> may stand inside <div>, but not after <sp>; allowed here: <anchor>, <closer>, <div>, "
     "<gap>, <lb>, <listBibl>, <p>, <pb>, <sp>, <stage>, <table> or the end of <div> (<div> holds: <head>*, <opener>?, "
     "(<sp> | <p> | <stage> | <div> | <listBibl> | <table> | <pb> | <lb> | <anchor> | <gap>)+, <closer>?)"),
    ("note-without-type",  # libxml2: "Element note failed to validate attributes", line 0, no path
     [('<note type="editorial" n="1"', '<note n="1"')], '<note n="1"', 121,
     "error[schema-attribute]: <note> (inside <dateline>) lacks the required attribute @type: add type=\"...\" (a name: letters, digits, "
     "'-', '_' or '.', no spaces or colons, not starting with a digit)"),
    ("date-without-value",
     [('<date when="1958-07-31">July 31</date>', "<date>July 31</date>")], "<date>July 31", 21,
     "error[schema-attribute]: <date> (inside <dateline>) needs one of @from, @notAfter, @notBefore or @when "
     "(for a date: when=\"1958-07-31\", or from/to, notBefore/notAfter)"),
    ("attribute-not-allowed",
     [('<sp who="#khrushchev">', '<sp who="#khrushchev" speaker="N.S.">')], 'speaker="N.S."', 9,
     "error[schema-attribute]: @speaker is not allowed on <sp> (inside <div>); remove it or use one the schema defines: "
     "<sp> admits @who (required), @n, @rend, @xml:id and @xml:lang"),
    ("value-not-listed",
     [('<date when="1958-08-02">', '<date when="1958-08-02" cert="sure">')], 'cert="sure"', 11,
     'error[schema-value]: @cert="sure" on <date> (inside <bibl>) is not valid: expected one of "high", "medium", "low", "unknown"'),
    ("language-value",
     [('xml:lang="en"', 'xml:lang="english_US"')], 'xml:lang="english_US"', 1,
     'error[schema-value]: @xml:lang="english_US" on <TEI> is not valid: expected a language tag such as "en", "ru" or "zh-Latn"'),
    ("choice-incomplete",
     [("<expan>Comrades</expan>", "")], "<choice><abbr>Cdes.", 29,
     "error[schema-missing]: <choice> is incomplete: after <abbr> it needs <expan> "
     "(<choice> holds: (<sic> & <corr>) | (<abbr> & <expan>) | (<orig> & <reg>))"),
    ("text-in-div",
     [("<p>They concur", "Loose words <p>They concur")], "Loose words", 9,
     "error[schema-element]: text is not allowed directly inside <div>; put it inside <p>, <head> or <stage>"),
    ("text-in-empty-element",
     [('<p>They concur', '<p><gap reason="illegible">lost</gap> They concur')], '<gap reason="illegible">lost', 36,
     "error[schema-element]: text is not allowed directly inside <gap>; <gap> must be empty (write <gap/>, and put the text after it)"),
    ("duplicate-id",  # libxml2 checks xsd:ID: the same words as the id-duplicate rule, reported once
     [('<person xml:id="deng">', '<person xml:id="mao">'), ('ref="#deng"', 'ref="#mao"')], '<person xml:id="mao">', 11,
     'error[id-duplicate]: xml:id "mao" is already used on line 74; every xml:id must be unique: rename this one (and the pointers to it)'),
]


@pytest.mark.parametrize("name,replacements,marker,column,expected", MESSAGES, ids=[m[0] for m in MESSAGES])
def test_one_actionable_diagnostic_per_cause(name, replacements, marker, column, expected, variant):
    path = variant(*replacements)
    occurrence = 2 if name == "duplicate-id" else 1
    assert problems(path) == [f"doc.xml:{line_of(path, marker, occurrence)}:{column}: {expected}"]


def test_attribute_errors_without_a_line_are_located_on_every_element_concerned(variant):
    """libxml2 reports "Element note failed to validate attributes" once, at line 0: both notes are found."""
    path = variant(('<note type="editorial" n="1"', '<note n="1"'), ('<note type="summary">On this', "<note>On this"))
    got = problems(path)
    assert [g.split(": ")[0] for g in got] == [f"doc.xml:{line_of(path, '<note n=')}:121",
                                               f"doc.xml:{line_of(path, '<note>On this')}:11"]
    assert all("error[schema-attribute]: <note> (inside <" in g and "lacks the required attribute @type" in g for g in got)


def test_no_rule_repeats_what_the_grammar_said(variant, capsys):
    path = variant(('xml:lang="en"', 'xml:lang="english_US"'))
    code, out, err = run_cli(capsys, "validate", path)
    lines = [l for l in err.splitlines() if "error[" in l]
    assert len(lines) == 1 and "error[schema-value]" in lines[0], err  # not lang-tag as well


def test_the_analysis_is_cached_per_schema():
    schema = validate.compile_schema()
    assert schema.analysis() is grammar.load(resources.schema())
    assert grammar.load(resources.schema()) is grammar.load(resources.schema())


def test_a_schema_compiled_elsewhere_still_gets_libxml2s_words(variant):
    path = variant(("<p>They concur", "<para/><p>They concur"))
    source, _ = parse.load(path, "doc.xml")
    foreign = etree.RelaxNG(etree.parse(str(resources.schema())))
    got, _ = validate.validate(source, validate.Schema(None, foreign))
    assert [(d.code, d.line) for d in got] == [("schema-element", line_of(path, "<para/>"))]
    assert got[0].message == "Did not expect element para there"


# ------------------------------------------------------------------ the grammar's static view

@pytest.fixture(scope="module")
def edition_grammar():
    return grammar.load(resources.schema())


def test_required_attributes_come_from_the_schema(edition_grammar):
    g = edition_grammar
    T_NS = "http://www.tei-c.org/ns/1.0"
    (date,) = g.by_name((T_NS, "date"))
    assert g.required(date) == [frozenset({("", "when"), ("", "from"), ("", "notBefore"), ("", "notAfter")})]
    (note,) = g.by_name((T_NS, "note"))
    assert g.required(note) == [frozenset({("", "type")})]
    publishers = g.by_name((T_NS, "publisher"))
    assert len(publishers) == 2  # defined twice (publicationStmt, bibl): merged where the parent is unknown


@pytest.mark.parametrize("type_name,value,ok", [
    ("date", "1958-07-31", True), ("date", "1958-02-30", False), ("date", "1960-02-29", True), ("date", "1958-13-01", False),
    ("gYear", "1958", True), ("language", "zh-Latn", True), ("language", "english_US", False),
    ("NCName", "editorial", True), ("NCName", "edit orial", False), ("NCName", "1st", False),
    ("decimal", "2.5", True), ("nonNegativeInteger", "-1", False), ("anyURI", "https://example.org/a b", False),
])
def test_datatypes(type_name, value, ok):
    assert datatypes.datatype_ok(type_name, value) is ok


def test_xsd_patterns_with_unicode_categories():
    rx = datatypes.xsd_regex(r"[^\p{C}\p{Z}]+")  # TEI's teidata.enumerated
    assert rx.fullmatch("editorial") and not rx.fullmatch("edit orial")


# ------------------------------------------------------------------ the full TEI P5 schema

@pytest.fixture(scope="module")
def tei_all():
    if not TEI_ALL.exists():
        pytest.skip(f"the full TEI P5 schema ({TEI_ALL}) is not on this machine")
    return TEI_ALL


def test_tei_all_messages_come_from_tei_all(tei_all, variant):
    path = variant(("<speaker>N.S. KHRUSHCHEV</speaker>", "<speeker>N.S. KHRUSHCHEV</speeker>"))
    got = problems(path, tei_all)
    assert len(got) == 1, got
    assert got[0].startswith(f"doc.xml:{line_of(path, '<speeker>')}:11: error[schema-element]: "
                             "<speeker> is not an element of the schema (did you mean <speaker>?); inside <sp> as the first element, "
                             "allowed here: <ab>, ")  # <ab> is TEI's, not the edition's


def test_tei_all_cascades_are_dropped(tei_all, variant):
    """An impossible date inside a <bibl>: libxml2 with tei_all also says "Did not expect element bibl
    there", "Expecting element desc, got head" and "listBibl has extra content"; one cause, one line."""
    path = variant(('when="1958-08-01"', 'when="1958-02-30"'))
    got = problems(path, tei_all)
    assert len(got) == 1, got
    assert got[0].startswith(f'doc.xml:{line_of(path, "1958-02-30")}:11: error[schema-value]: @when="1958-02-30" on <date> '
                             "(inside <bibl>) is not valid: it is not a real calendar date: February 1958 has no day 30")


def test_tei_all_duplicate_id(tei_all, variant):
    path = variant(('<person xml:id="deng">', '<person xml:id="mao">'), ('ref="#deng"', 'ref="#mao"'))
    got = problems(path, tei_all)
    marker = '<person xml:id="mao">'
    assert got == [f'doc.xml:{line_of(path, marker, 2)}:11: error[id-duplicate]: xml:id "mao" is already '
                   "used on line 74; every xml:id must be unique: rename this one (and the pointers to it)"]


def test_every_invalid_mutation_is_explained_without_crashing(seed_text):
    """300 seeded random mutations of the seed (elements removed, renamed, moved; attributes removed
    or given bad values; stray text): whenever libxml2 rejects the result, ``validate`` gives at least
    one diagnostic, explains it from the schema (never the generic "schema" code) and never raises."""
    import random

    from edition.sources.parse import Source, _parser

    rnd = random.Random(20260727)
    schema = validate.compile_schema()
    names = ["p", "div", "note", "speaker", "sp", "date", "head", "persName", "foo", "listBibl", "choice", "gap"]
    invalid = 0
    for _ in range(300):
        root = etree.fromstring(seed_text.encode("utf-8"), _parser())
        els = [e for e in root.iter() if isinstance(e.tag, str)][1:]
        for _ in range(rnd.randint(1, 3)):
            e = rnd.choice(els)
            op = rnd.randrange(6)
            if op == 0 and e.getparent() is not None:
                e.getparent().remove(e)
            elif op == 1:
                e.tag = T + rnd.choice(names)
            elif op == 2 and e.attrib:
                del e.attrib[rnd.choice(sorted(e.attrib))]
            elif op == 3:
                e.set(rnd.choice(["when", "type", "cert", "who", "n", "foo"]), rnd.choice(["x y", "1958-02-30", "#nobody", "sure"]))
            elif op == 4:
                e.text = (e.text or "") + "stray"
            elif op == 5 and e.getparent() is not None:
                parent = e.getparent()
                i = parent.index(e)
                parent.remove(e)
                parent.insert(max(0, i - 1), e)
        data = etree.tostring(root, encoding="UTF-8", xml_declaration=True)
        tree = etree.fromstring(data, _parser()).getroottree()
        if schema.relaxng.validate(tree):
            continue
        invalid += 1
        got, _ = validate.validate(Source(path=Path("doc.xml"), display="doc.xml", tree=tree, data=data), schema)
        assert got, data.decode()
        assert all(d.code != "schema" and d.line > 0 for d in got), [str(d) for d in got]
    assert invalid > 150


def test_a_schema_split_by_include_is_read_whole(tmp_path):
    schemas = ROOT / "tests" / "fixtures" / "schemas"
    doc = tmp_path / "doc.xml"
    doc.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<p>One.</p>\n<q>Two.</q>\n</TEI>\n', encoding="utf-8")
    got = problems(doc, schemas / "include-main.rng")
    assert got == [
        "doc.xml:2:1: error[schema-attribute]: <p> (inside <TEI>) lacks the required attribute @n: add n=\"...\"",
        "doc.xml:3:1: error[schema-element]: <q> is not an element of the schema; inside <TEI> after <p>, "
        "allowed here: <p> or the end of <TEI>",
    ]


def test_many_unlocated_errors_stay_fast(seed_text, tmp_path):
    """3,000 notes without @type: libxml2 says "failed to validate attributes" 3,000 times, at line 0.
    Each note is found once (not 3,000 x 3,000 checks): one diagnostic per note, in well under a second."""
    import time

    notes = "".join(f"<p>x<note n=\"{i}\">n</note></p>\n" for i in range(3000))
    path = tmp_path / "doc.xml"
    path.write_text(seed_text.replace("<p>They concur", notes + "<p>They concur"), encoding="utf-8")
    source, _ = parse.load(path, "doc.xml")
    started = time.perf_counter()
    got, _ = validate.validate(source, validate.compile_schema())
    elapsed = time.perf_counter() - started
    assert len(got) == 3000 and len({d.line for d in got}) == 3000
    assert all(d.code == "schema-attribute" and "lacks the required attribute @type" in d.message for d in got)
    assert elapsed < 10, elapsed
