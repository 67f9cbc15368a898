"""The edition's rules: one fixture per rule (tests/fixtures/rules/), each asserted exactly.

All fixtures are validated in one run, as a user would (`edition validate FOLDER`: grammar,
then rules). Each fixture is a complete TEI document whose root xml:id equals its file name
(except root-id.xml, which shows that rule) and that breaks exactly one rule; the table says
what must be reported, where, and a part of the message that tells how to fix it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, SEED_ID, TEI_DIR, run_cli
from edition.config import Config
from edition.validation import check_all
from edition.validation import rules
from edition.validation.rules import languages
from edition.sources.parse import display_path

FIXTURES = ROOT / "tests" / "fixtures" / "rules"
PERMISSIVE = ROOT / "tests" / "fixtures" / "schemas" / "permissive.rng"

# fixture -> [(line:col: severity[code], a part of the message)]
EXPECTED = {
    "root-id.xml": [("2:1: error[root-id]", 'rename the file to "another-name.xml" or set xml:id="root-id"')],
    "id-duplicate.xml": [("33:9: error[id-duplicate]", 'xml:id "p1" is already used on line 32')],
    "who-unresolved.xml": [("28:9: error[who-unresolved]", 'declare <person xml:id="nobody"> in particDesc/listPerson')],
    "who-not-person.xml": [("35:9: error[who-unresolved]", "points to a <place>, not a <person>")],
    "ref-unresolved.xml": [("30:28: error[ref-unresolved]", 'declare xml:id="nobody" on the element it means, or fix the pointer')],
    "ref-wrong-kind.xml": [("30:25: error[ref-unresolved]", "points to a <person>, not a <place>; point it to the <place>")],
    "target-unresolved.xml": [("30:18: error[ref-unresolved]", '@target="#nowhere" on <ref> points to no element')],
    "document-unresolved.xml": [("30:18: error[ref-unresolved]", 'there is no document "no-such-document.xml" beside this source')],
    "note-target-unresolved.xml": [("30:23: error[ref-unresolved]", 'declare an <anchor xml:id="a1"/> where the note applies')],
    "note-unanchored.xml": [("20:13: error[note-unanchored]", "put it inside <text> at the point it applies to")],
    "note-numbering-gap.xml": [("30:68: error[note-numbering]", 'numbered n="3" but is note 2 in document order')],
    "note-numbering-duplicate.xml": [("34:18: error[note-numbering]", 'note number 1 is used twice (first on line 30)')],
    "note-numbering-missing.xml": [("30:23: error[note-numbering]", 'add n="1"')],
    "date-invalid.xml": [("30:21: error[date-invalid]", '@from="1958-08-03" is after @to="1958-07-31" on <date>; swap them')],
    # the grammar (xsd:date) rejects an impossible day before the rule does: one cause, one report
    "date-impossible.xml": [("30:24: error[schema-value]", "not a real calendar date: February 1958 has no day 30")],
    "date-mismatch.xml": [("30:24: error[date-mismatch]", 'does not agree with the printed date "August 1, 1958"')],
    "lang-tag.xml": [("30:22: error[lang-tag]", 'xml:lang="zh-Latn-Hans" on <foreign> is not a well-formed language tag')],
    "lang-name.xml": [("30:22: error[lang-tag]", 'xml:lang="English" on <foreign> is not a well-formed language tag; '
                                                 'did you mean "en" (English)?')],
    "empty-speaker.xml": [("29:11: error[empty-element]", "<speaker> is empty; write its text, or remove it")],
    "empty-p.xml": [("32:9: error[empty-element]", "<p> is empty")],
    "empty-supplied.xml": [("30:17: error[empty-element]", "<supplied> is empty")],
    "empty-note.xml": [("30:23: error[empty-element]", "<note> is empty")],
    "person-unused.xml": [("21:11: warning[person-unused]", 'link a mention with ref="#deng" or remove the declaration')],
    "unsafe-link-javascript.xml": [("30:18: error[unsafe-link]", 'uses the "javascript:" scheme')],
    "unsafe-link-data.xml": [("30:18: error[unsafe-link]", 'uses the "data:" scheme')],
    "remote-reference.xml": [("2:1: warning[remote-reference]", "edition never fetches it")],
    "register-outside.xml": [("10:3: error[register-outside]", "move the entries to the edition's register")],
    "pointers-valid.xml": [],  # every kind of pointer resolving: nothing to report
}


@pytest.fixture(scope="module")
def reported() -> dict[str, list]:
    result = check_all([FIXTURES], Config())
    return {c.path.name: c.diagnostics for c in result.checked}


def test_every_fixture_is_in_the_table_and_every_entry_has_a_fixture(reported):
    assert sorted(reported) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rule_fixture_reports_exactly(name, reported):
    got = [(f"{d.line}:{d.column}: {d.severity}[{d.code}]", d.message) for d in reported[name]]
    assert [g[0] for g in got] == [e[0] for e in EXPECTED[name]], got
    for (_, message), (_, fragment) in zip(got, EXPECTED[name]):
        assert fragment in message


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_says_what_it_tests(name):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert text.startswith("<!-- Rule fixture: ")


def test_every_rule_has_a_fixture():
    from tests.validation.test_registers import EXPECTED as IN_REGISTERS  # the registers' rules: a folder each

    shown = {e[0].split("[")[1].rstrip("]") for entries in EXPECTED.values() for e in entries}
    shown |= {e[1].split("[")[1].rstrip("]") for entries in IN_REGISTERS.values() for e in entries}
    assert {r.code for r in rules.RULES} <= shown


def test_every_code_is_documented():
    readme = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    table = {c for row in re.findall(r"^\| (`.*?) \|", readme, re.M) for c in re.findall(r"`([a-z-]+)`", row)}
    codes = {r.code for r in rules.RULES} | {e[0].split("[")[1].rstrip("]") for v in EXPECTED.values() for e in v}
    assert codes <= table, codes - table


def test_rules_catch_what_an_untyped_schema_lets_through(capsys):
    """With a schema that types nothing (any element, any attribute), the rules still reject
    an impossible date and a malformed language tag: the rule is no mere copy of the grammar."""
    code, out, err = run_cli(capsys, "validate", "--schema", PERMISSIVE,
                             FIXTURES / "date-impossible.xml", FIXTURES / "lang-tag.xml")
    assert code == 1
    lines = [l for l in err.splitlines() if "error[" in l]
    assert len(lines) == 2, err
    assert lines[0].startswith(f"{display_path(FIXTURES / 'date-impossible.xml')}:30:24: error[date-invalid]: "), err
    assert "February 1958 has no day 30" in lines[0]
    assert lines[1].startswith(f"{display_path(FIXTURES / 'lang-tag.xml')}:30:22: error[lang-tag]: "), err


def test_a_grammar_finding_is_not_repeated_by_a_rule(capsys):
    """libxml2 rejects 1958-02-30 (xsd:date) and the rule would too: reported once, with the reason."""
    code, out, err = run_cli(capsys, "validate", FIXTURES / "date-impossible.xml")
    lines = [l for l in err.splitlines() if "error[" in l]
    assert len(lines) == 1 and "error[schema-value]" in lines[0], err


def test_the_seed_breaks_no_rule(capsys):
    code, out, err = run_cli(capsys, "validate", "--strict", TEI_DIR)
    assert code == 0, err


# ------------------------------------------------------------------ language tags: the IANA registry

@pytest.mark.parametrize("tag", ["en", "EN", "ru", "de-CH", "zh-Latn", "zh-Hant-TW", "sr-Cyrl-RS", "es-419", "grc", "la",
                                 "de-1996", "en-GB-oxendict", "x-private", "en-x-twain", "qaa", "und", "iw", ""])
def test_registered_tags_pass(tag):
    assert languages.lang_problem(tag) is None


@pytest.mark.parametrize("tag, meant", [
    ("English", "en"), ("english", "en"), ("Russian", "ru"), ("Ancient Greek", "grc"),  # names
    ("eng", "en"), ("fra", "fr"), ("en_US", "en-US"), ("en-UK", "en-GB"), ("i-klingon", "tlh"),  # not the registry's form
])
def test_a_tag_that_is_not_in_the_registry_gets_what_it_probably_means(tag, meant):
    problem = languages.lang_problem(tag)
    assert problem is not None and f'did you mean "{meant}" (' in problem, problem


@pytest.mark.parametrize("tag", ["xx", "zh-Latn-Hans", "en-ZY", "de-1234567", "a", "en--US", "Elvish"])
def test_an_unknown_or_malformed_tag_is_refused(tag):
    problem = languages.lang_problem(tag)
    assert problem is not None and "write a BCP 47 tag" in problem, problem


def test_the_two_letter_shortcut_is_the_registry():
    """Bare two-letter tags are judged without loading the registry (start-up time): the set must be
    exactly the registry's two-letter language subtags, as langcodes has them."""
    from langcodes import Language

    letters = "abcdefghijklmnopqrstuvwxyz"
    registry = {a + b for a in letters for b in letters if Language.get(a + b, normalize=False).is_valid()}
    assert languages._TWO_LETTER == registry


def test_a_language_name_does_not_reach_the_html_page(tmp_path, variant, capsys):
    path = variant((f'xml:id="{SEED_ID}" xml:lang="en"', f'xml:id="{SEED_ID}" xml:lang="English"'))
    code, _, err = run_cli(capsys, "build", path, "--out", tmp_path / "out")
    assert code == 1 and 'error[lang-tag]: xml:lang="English" on <TEI> is not a well-formed language tag; did you mean "en"' in err
    assert not (tmp_path / "out" / "html" / path.with_suffix(".html").name).exists()


def test_language_tags_are_checked_offline_and_the_registry_is_loaded_only_when_needed():
    """Nothing is fetched (the data ships in the packages: sockets are refused here), and a validation
    whose tags are all bare two-letter languages (the seed: en, ru) never imports langcodes."""
    script = (
        "import socket, sys\n"
        "def refuse(*a, **k):\n"
        "    raise OSError('network access')\n"
        "socket.socket = socket.create_connection = refuse\n"
        "from edition import cli\n"
        "from edition.validation.rules import languages\n"
        f"assert cli.main(['validate', {str(TEI_DIR)!r}]) == 0\n"
        "assert 'langcodes' not in sys.modules, 'loaded for en and ru'\n"
        "print(languages.lang_problem('English'))\n"
        "print(languages.lang_problem('sr-Cyrl-RS'))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ['is not a well-formed language tag; did you mean "en" (English)?', "None"]
