"""Reports for machines: every --format is read back by a real consumer (junitparser,
jsonschema with the official SARIF 2.1.0 schema, sarif-tools, a strict regex for GitHub's
workflow commands) and must carry exactly the diagnostics the text report shows."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, SEED, SEED_ID, TEI_DIR, line_of, run_cli
from edition import __version__, report
from edition.validation import rules
from edition.diagnostics import error, warning

SARIF_SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
TEXT_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning)\[(?P<code>[a-z0-9-]+)\]: (?P<message>.*)$")
SUMMARY = re.compile(r"^edition: \d+ files? checked: \d+ errors?, \d+ warnings? in \d+\.\d\ds$")
UNUSED_PERSON = ('<person xml:id="deng">',
                 '<person xml:id="zhou">\n            <persName>Zhou Enlai</persName>\n          </person>\n          <person xml:id="deng">')


@pytest.fixture
def mixed(tmp_path, seed_text, monkeypatch):
    """tei/ with one file of each kind: broken XML, an error, a warning only, clean. cwd is its parent."""
    tei = tmp_path / "tei"
    tei.mkdir()

    def doc(doc_id: str, *replacements) -> str:
        text = seed_text.replace(f'xml:id="{SEED_ID}"', f'xml:id="{doc_id}"', 1)
        for old, new in replacements:
            assert old in text
            text = text.replace(old, new, 1)
        (tei / f"{doc_id}.xml").write_text(text, encoding="utf-8")
        return text

    (tei / "a-broken.xml").write_text("<!-- not well-formed: the start tag never ends -->\n<TEI", encoding="utf-8")
    doc("b-warning", UNUSED_PERSON)
    doc("c-error", ('<sp who="#khrushchev">', '<sp who="#nobody">'))
    doc("d-clean")
    monkeypatch.chdir(tmp_path)
    return tei


EXPECTED_FILES = ["tei/a-broken.xml", "tei/b-warning.xml", "tei/c-error.xml", "tei/d-clean.xml"]


def _as_tuples(diagnostics) -> list[tuple]:
    return [(d["path"], d["line"], d["column"], d["severity"], d["code"], d["message"]) for d in diagnostics]


def _text_diagnostics(mixed, capsys, *options) -> tuple[int, list[tuple]]:
    code, out, err = run_cli(capsys, "validate", "tei", *options)
    assert out == ""
    lines = err.splitlines()
    assert SUMMARY.match(lines[-1]), lines[-1]
    parsed = [TEXT_LINE.match(l) for l in lines[:-1]]
    assert all(parsed), err
    return code, [(m["path"], int(m["line"]), int(m["column"]), m["severity"], m["code"], m["message"]) for m in parsed]


# ------------------------------------------------------------------ consumers, one per format

def read_text(out: str, err: str) -> list[tuple]:
    return [tuple(int(v) if k in ("line", "column") else v for k, v in m.groupdict().items())
            for m in map(TEXT_LINE.match, err.splitlines()[:-1])]


def read_json(out: str, err: str) -> list[tuple]:
    return _as_tuples(json.loads(out)["diagnostics"])


GITHUB_LINE = re.compile(
    r"^::(?P<severity>error|warning) "
    r"file=(?P<path>(?:[^,:%\r\n]|%25|%0D|%0A|%3A|%2C)+)"
    r"(?:,line=(?P<line>[1-9][0-9]*),col=(?P<column>[1-9][0-9]*))?"
    r",title=(?P<code>[a-z0-9-]+)"
    r"::(?P<message>(?:[^%\r\n]|%25|%0D|%0A)*)$")


def _gh_unescape(s: str) -> str:
    return re.sub(r"%(25|0D|0A|3A|2C)", lambda m: {"25": "%", "0D": "\r", "0A": "\n", "3A": ":", "2C": ","}[m[1]], s)


def read_github(out: str, err: str) -> list[tuple]:
    found = []
    for line in out.splitlines():
        m = GITHUB_LINE.match(line)
        assert m, f"not a GitHub workflow command: {line!r}"
        found.append((_gh_unescape(m["path"]), int(m["line"] or 0), int(m["column"] or 0), m["severity"],
                      m["code"], _gh_unescape(m["message"])))
    return found


def read_junit(out: str, err: str, tmp: Path | None = None) -> list[tuple]:
    """Failures and the warnings listed in system-out, as the text report writes them."""
    from junitparser import Failure, JUnitXml

    xml = JUnitXml.fromstring(out.encode("utf-8"))
    found = []
    for suite in xml:
        for case in suite:
            for result in case.result:
                assert isinstance(result, Failure)
                found.append(result.message)
            found += (case.system_out or "").splitlines()
    return sorted(tuple(int(v) if k in ("line", "column") else v for k, v in TEXT_LINE.match(l).groupdict().items())
                  for l in found)


def read_sarif(out: str, err: str) -> list[tuple]:
    doc = json.loads(out)
    run = doc["runs"][0]
    found = []
    for r in run["results"]:
        loc = r["locations"][0]["physicalLocation"]
        region = loc.get("region", {})
        found.append((loc["artifactLocation"]["uri"], region.get("startLine", 0), region.get("startColumn", 0),
                      r["level"], r["ruleId"], r["message"]["text"]))
    return found


CONSUMERS = {"text": read_text, "json": read_json, "github": read_github, "junit": read_junit, "sarif": read_sarif}


def test_every_format_has_a_consumer_test():
    assert set(CONSUMERS) == set(report.REPORTERS)


@pytest.mark.parametrize("fmt", sorted(CONSUMERS))
def test_every_format_carries_the_same_diagnostics(fmt, mixed, capsys):
    code, expected = _text_diagnostics(mixed, capsys)
    assert code == 1
    # the three kinds are all there, where they are
    assert ("tei/a-broken.xml", 2, 5, "error", "xml-syntax") in [e[:5] for e in expected]
    who = line_of(mixed / "c-error.xml", '<sp who="#nobody">')
    assert ("tei/c-error.xml", who, 9, "error", "who-unresolved") in [e[:5] for e in expected]
    zhou = line_of(mixed / "b-warning.xml", 'xml:id="zhou"')
    assert ("tei/b-warning.xml", zhou, 11, "warning", "person-unused") in [e[:5] for e in expected]
    assert not [e for e in expected if e[0] == "tei/d-clean.xml"]

    code, out, err = run_cli(capsys, "validate", "tei", "--format", fmt)
    assert code == 1
    if fmt != "text":  # machine formats on stdout; stderr has the summary line only
        assert len(err.splitlines()) == 1 and SUMMARY.match(err.strip()), err
    got = CONSUMERS[fmt](out, err)
    assert sorted(got) == sorted(expected)


# ------------------------------------------------------------------ json

def test_json_is_one_document_with_files_and_counts(mixed, capsys):
    code, out, err = run_cli(capsys, "validate", "tei", "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert list(doc) == ["format_version", "tool", "command", "files", "summary", "diagnostics"]
    assert doc["format_version"] == 1
    assert doc["tool"] == {"name": "edition", "version": __version__}
    assert doc["command"] == "validate"
    assert doc["files"] == EXPECTED_FILES
    errors = sum(d["severity"] == "error" for d in doc["diagnostics"])
    assert doc["summary"] == {"files": 4, "errors": errors, "warnings": len(doc["diagnostics"]) - errors}
    assert doc["summary"]["warnings"] == 1 and errors >= 2
    for d in doc["diagnostics"]:
        assert list(d) == ["path", "line", "column", "severity", "code", "message"]
        assert isinstance(d["line"], int) and isinstance(d["column"], int)
    assert f"4 files checked: {errors} errors, 1 warning" in err


def test_json_of_a_clean_run_is_still_a_document(capsys):
    code, out, err = run_cli(capsys, "validate", SEED, "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["diagnostics"] == [] and doc["summary"] == {"files": 1, "errors": 0, "warnings": 0}
    assert len(doc["files"]) == 1 and doc["files"][0].endswith(SEED.name)


def test_build_takes_format_too(tmp_path, capsys):
    code, out, err = run_cli(capsys, "build", SEED, "--out", tmp_path / "out", "--format", "json")
    assert code == 0
    doc = json.loads(out)
    assert doc["command"] == "build" and doc["diagnostics"] == []
    assert "wrote" in err


# ------------------------------------------------------------------ junit

def test_junit_one_case_per_file_failures_for_errors_only(mixed, capsys):
    from junitparser import JUnitXml

    code, out, err = run_cli(capsys, "validate", "tei", "--format", "junit")
    assert code == 1
    (mixed.parent / "report.xml").write_text(out, encoding="utf-8")  # as CI stores it
    xml = JUnitXml.fromfile(str(mixed.parent / "report.xml"))
    suites = list(xml)
    assert len(suites) == 1
    suite = suites[0]
    cases = {c.name: c for c in suite}
    assert list(cases) == EXPECTED_FILES
    assert suite.tests == 4
    failed = {name for name, c in cases.items() if not c.is_passed}
    assert failed == {"tei/a-broken.xml", "tei/c-error.xml"}
    assert suite.failures == len(failed)
    broken = cases["tei/a-broken.xml"].result
    assert [r.type for r in broken] == ["xml-syntax"]
    assert broken[0].message.startswith("tei/a-broken.xml:2:5: error[xml-syntax]: ")
    who = line_of(mixed / "c-error.xml", '<sp who="#nobody">')
    assert any(r.type == "who-unresolved" and r.message.startswith(f"tei/c-error.xml:{who}:9: ")
               for r in cases["tei/c-error.xml"].result)
    # a warning does not fail without --strict, but is not hidden either
    assert cases["tei/b-warning.xml"].is_passed
    assert "warning[person-unused]" in cases["tei/b-warning.xml"].system_out
    assert cases["tei/d-clean.xml"].is_passed and not cases["tei/d-clean.xml"].system_out


def test_junit_strict_makes_warnings_failures(mixed, capsys):
    from junitparser import JUnitXml

    code, out, err = run_cli(capsys, "validate", "tei/b-warning.xml", "--format", "junit", "--strict")
    assert code == 1
    case = next(iter(next(iter(JUnitXml.fromstring(out.encode("utf-8"))))))
    assert [r.type for r in case.result] == ["person-unused"]
    assert not case.is_passed


def test_junit_survives_control_characters_in_messages(tmp_path):
    import io

    from junitparser import JUnitXml

    stream = io.StringIO()
    report.junit(report.Report([error("xml-syntax", "a.xml", 1, 1, "bad byte \x01 here \x1b[31m")], ["a.xml"]), stream)
    case = next(iter(next(iter(JUnitXml.fromstring(stream.getvalue().encode("utf-8"))))))
    assert "bad byte \\x01 here \\x1b[31m" in case.result[0].message


# ------------------------------------------------------------------ github

def test_github_escapes_data_and_properties():
    import io

    d = error("xml-syntax", "dir/odd, name: 100%.xml", 3, 2, "50% done\r\nnext: a, b")
    w = warning("index-kept", "output/html/index.html", 0, 0, "kept")
    stream = io.StringIO()
    report.github(report.Report([d, w], ["dir/odd, name: 100%.xml"]), stream)
    lines = stream.getvalue().splitlines()
    assert lines == [
        "::error file=dir/odd%2C name%3A 100%25.xml,line=3,col=2,title=xml-syntax::50%25 done%0D%0Anext: a, b",
        "::warning file=output/html/index.html,title=index-kept::kept",
    ]
    assert read_github("\n".join(lines), "") == [
        ("dir/odd, name: 100%.xml", 3, 2, "error", "xml-syntax", "50% done\r\nnext: a, b"),
        ("output/html/index.html", 0, 0, "warning", "index-kept", "kept"),
    ]


# ------------------------------------------------------------------ sarif

def test_sarif_is_valid_against_the_official_schema(mixed, capsys, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    code, out, err = run_cli(capsys, "validate", "tei", "--format", "sarif")
    assert code == 1
    doc = json.loads(out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)
    validator.check_schema(schema)
    check = validator(schema, format_checker=validator.FORMAT_CHECKER)
    errors = sorted(check.iter_errors(doc), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    # and the check has teeth: a level SARIF does not know is refused
    doc["runs"][0]["results"][0]["level"] = "fatal"
    assert list(check.iter_errors(doc))


def test_sarif_rules_results_and_locations(mixed, capsys, tmp_path):
    from sarif.loader import load_sarif_file

    code, out, err = run_cli(capsys, "validate", "tei", "--format", "sarif")
    path = tmp_path / "edition.sarif"
    path.write_text(out, encoding="utf-8")
    sarif = load_sarif_file(str(path))
    assert sarif.get_distinct_tool_names() == ["edition"]
    _, expected = _text_diagnostics(mixed, capsys)
    records = sarif.get_records()
    assert sorted((r["Location"], int(r["Line"]), r["Severity"], r["Code"], r["Description"]) for r in records) == \
        sorted((e[0], e[1], e[3], e[4], e[5]) for e in expected)

    run = json.loads(out)["runs"][0]
    codes = sorted({e[4] for e in expected})
    driver_rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in driver_rules] == codes
    for r in driver_rules:
        assert r["shortDescription"]["text"] == report.CODES[r["id"]].summary
        assert r["defaultConfiguration"]["level"] == str(report.CODES[r["id"]].severity)
    for result in run["results"]:
        assert driver_rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert [a["location"]["uri"] for a in run["artifacts"]] == EXPECTED_FILES
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == mixed.parent.as_uri() + "/"
    assert run["invocations"] == [{"executionSuccessful": True}]
    assert run["tool"]["driver"]["version"] == __version__


def test_sarif_uri_is_relative_with_forward_slashes_and_escaped():
    import io

    inside = error("xml-syntax", "tei/odd name:1.xml", 1, 1, "x")
    outside = error("xml-syntax", "/srv/other files/a.xml", 0, 0, "y")  # shown absolute: not under the working folder
    stream = io.StringIO()
    report.sarif(report.Report([inside, outside], [inside.path, outside.path]), stream)
    results = json.loads(stream.getvalue())["runs"][0]["results"]
    where = [r["locations"][0]["physicalLocation"] for r in results]
    assert where[0] == {"artifactLocation": {"uri": "tei/odd%20name%3A1.xml", "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": 1, "startColumn": 1}}
    assert where[1] == {"artifactLocation": {"uri": "file:///srv/other%20files/a.xml"}}  # no position: no region


# ------------------------------------------------------------------ the code registry

_LITERAL_CODE = re.compile(r"""\b(?:error|warning)\(\s*["']([a-z0-9-]+)["']""")


def _codes_raised_in_the_package() -> set[str]:
    found = set()
    for py in (ROOT / "edition").rglob("*.py"):
        found |= set(_LITERAL_CODE.findall(py.read_text(encoding="utf-8")))
        # parse.py picks some codes into a variable first: code = "entity"
        found |= set(re.findall(r"""\bcode = ["']([a-z0-9-]+)["']""", py.read_text(encoding="utf-8")))
    # the schema's explainer returns (code, message) pairs
    for py in (ROOT / "edition" / "validation").rglob("*.py"):
        found |= set(re.findall(r"""return ["'](schema[a-z-]*)["']""", py.read_text(encoding="utf-8")))
    return found


def test_every_code_is_registered_with_a_description():
    raised = _codes_raised_in_the_package() | {r.code for r in rules.RULES}
    assert {"xml-syntax", "doctype", "schema-element", "doc-id-duplicate", "who-unresolved"} <= raised
    missing = sorted(raised - set(report.CODES))
    assert not missing, f"codes without an entry in edition.report.CODES: {missing}"
    for c in report.CODES.values():
        assert c.summary and c.summary[0].islower(), c


def test_the_documentation_lists_every_registered_code():
    table = (ROOT / "docs" / "codes.md").read_text(encoding="utf-8")
    first_cells = [row.split("|")[1] for row in table.splitlines() if row.startswith("| `")]
    listed = {c for cell in first_cells for c in re.findall(r"`([a-z0-9-]+)`", cell)}
    assert listed == set(report.CODES), (sorted(set(report.CODES) - listed), sorted(listed - set(report.CODES)))


# ------------------------------------------------------------------ --strict

def test_warnings_exit_0_without_strict_and_1_with_it(variant, capsys):
    path = variant(UNUSED_PERSON)
    zhou = line_of(path, 'xml:id="zhou"')
    code, out, err = run_cli(capsys, "validate", path)
    assert code == 0
    assert f"{path}:{zhou}:11: warning[person-unused]: person \"zhou\" is declared but never speaks" in err
    assert "1 file checked: 0 errors, 1 warning" in err
    code, out, err = run_cli(capsys, "validate", path, "--strict")
    assert code == 1
    assert f"{path}:{zhou}:11: warning[person-unused]" in err


def test_junit_of_a_build_gives_the_kept_index_its_own_case(mixed, capsys):
    from junitparser import JUnitXml

    code, out, err = run_cli(capsys, "build", "tei", "--out", "out", "--format", "junit")
    assert code == 1
    suite = next(iter(JUnitXml.fromstring(out.encode("utf-8"))))
    cases = {c.name: c for c in suite}
    assert list(cases) == EXPECTED_FILES + ["out/html/index.html"]
    assert cases["out/html/index.html"].is_passed
    assert "warning[index-kept]" in cases["out/html/index.html"].system_out
    assert not cases["tei/a-broken.xml"].is_passed and cases["tei/d-clean.xml"].is_passed
    assert suite.tests == 5 and suite.failures == 2


# ------------------------------------------------------------------ file names a terminal would act on

# ESC (an ANSI sequence that clears the screen and turns red), the C1 CSI, DEL and a right-to-left override
HOSTILE_NAME = "evil\x1b[2J\x1b[31mred\x9b1m\x7f\u202eslx.xml"
RAW = ("\x1b", "\x9b", "\x7f", "\u202e")  # none may reach a terminal as it is
NOT_UTF8_NAME = b"bad\xff.xml"  # a name that is not UTF-8 (os.fsdecode keeps the byte as a lone surrogate)


@pytest.fixture
def hostile_names(tmp_path, seed_text):
    tei = tmp_path / "tei"
    tei.mkdir()
    broken = "<TEI><unclosed>\n"
    (tei / HOSTILE_NAME).write_text(broken, encoding="utf-8")
    with open(os.path.join(os.fsencode(tei), NOT_UTF8_NAME), "wb") as f:
        f.write(broken.encode())
    return tmp_path


@pytest.mark.parametrize("fmt", sorted(CONSUMERS))
def test_file_names_with_control_characters_are_escaped_in_every_format(fmt, hostile_names):
    """Every place a path or message is printed: text and GitHub write ``\\x1b``, as JUnit does; JSON and
    SARIF write JSON escapes (the reader gets the name back exactly); the output is valid UTF-8."""
    proc = subprocess.run([sys.executable, "-m", "edition", "validate", "tei", "--format", fmt],
                          cwd=hostile_names, capture_output=True)
    assert proc.returncode == 1, proc.stderr
    for stream in (proc.stdout, proc.stderr):
        text = stream.decode("utf-8")  # strict: a byte that is not UTF-8 fails here
        assert not any(c in text for c in RAW), text
    out, err = proc.stdout.decode(), proc.stderr.decode()
    shown = "tei/evil\\x1b[2J\\x1b[31mred\\x9b1m\\x7f\\u202eslx.xml"
    if fmt in ("text", "github", "junit"):
        assert shown in (err if fmt == "text" else out)
        assert "tei/bad\\xff.xml" in (err if fmt == "text" else out)
    if fmt == "json":
        doc = json.loads(out)
        assert sorted(doc["files"]) == ["tei/bad\\xff.xml", f"tei/{HOSTILE_NAME}"]
        assert {d["path"] for d in doc["diagnostics"]} == set(doc["files"])
    if fmt == "sarif":
        uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in json.loads(out)["runs"][0]["results"]}
        assert uris == {"tei/bad%FF.xml", "tei/evil%1B%5B2J%1B%5B31mred%C2%9B1m%7F%E2%80%AEslx.xml"}
    assert len(consumers_read(fmt, out, err)) == 2


def consumers_read(fmt: str, out: str, err: str) -> list[tuple]:
    return CONSUMERS[fmt](out, err)


def test_the_summary_and_usage_errors_escape_paths_too(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "edition", "validate", "no\x1b[31m.xml"], cwd=tmp_path, capture_output=True)
    assert proc.returncode == 2
    assert proc.stderr.decode("utf-8") == "edition: error: no\\x1b[31m.xml: no such file or folder\n"
    proc = subprocess.run([sys.executable, "-m", "edition", "build", str(TEI_DIR), "--out", "out\x1b[2J"],
                          cwd=tmp_path, capture_output=True)
    assert proc.returncode == 0, proc.stderr
    assert "\x1b" not in proc.stderr.decode("utf-8") and "to out\\x1b[2J" in proc.stderr.decode("utf-8")


def test_printable_leaves_ordinary_text_alone_and_escapes_the_rest():
    assert report.printable("tei/Хрущёв — 毛泽东.xml: ‘quoted’ text\u00a0here") == "tei/Хрущёв — 毛泽东.xml: ‘quoted’ text\u00a0here"
    assert report.printable("a\tb\nc\x1bd\x85e\u2028f\u2066g\udcffh") == "a\\x09b\\x0ac\\x1bd\\x85e\\u2028f\\u2066g\\xffh"
    assert report.printable("one\r\ntwo", keep="\r\n") == "one\r\ntwo"
