"""Reporters: a run's diagnostics in, one format out.

``REPORTERS`` maps each ``--format`` name to a writer and the stream it writes to:
adding a format is one entry there. ``CODES`` (``report.codes``) is the one registry of every
code a diagnostic can carry, with what each checks; SARIF lists it as rules.

Machine formats (json, junit, github, sarif) go to stdout so they can be redirected
into a file; the human text goes to stderr, and so does the summary line (the CLI's).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Callable, TextIO
from urllib.parse import quote
from xml.etree import ElementTree as ET

from edition import __version__
from edition.diagnostics import Diagnostic
from edition.report.codes import CODES, Code, describe

__all__ = ["CODES", "Code", "REPORTERS", "Report", "Reporter", "describe", "summary"]

TOOL = "edition"


# ------------------------------------------------------------------ what may be printed

#: Characters a terminal or a log viewer may act on instead of showing them, in a file name or in
#: text a message quotes: C0 and C1 controls and DEL (ANSI escape sequences begin with ESC or CSI),
#: the line and paragraph separators, the bidirectional marks, embeddings, overrides and isolates
#: that reorder what is shown, and lone surrogates (the bytes of a file name that is not UTF-8,
#: as os.fsdecode keeps them).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                          "\ud800-\udfff]")


def _escaped(c: str) -> str:
    o = ord(c)
    if 0xDC80 <= o <= 0xDCFF:  # a byte of a file name that is not UTF-8
        return f"\\x{o - 0xDC00:02x}"
    return f"\\x{o:02x}" if o <= 0xFF else f"\\u{o:04x}"


def printable(s: str, keep: str = "") -> str:
    """``s`` with every character a terminal could act on written as ``\\xNN`` or ``\\uNNNN`` (a file named
    ``"\\x1b[2J.xml"`` cannot clear the screen of whoever reads the report), except those in ``keep``."""
    if s.isprintable():  # most strings: nothing to do
        return s
    return _UNPRINTABLE.sub(lambda m: m.group() if m.group() in keep else _escaped(m.group()), s)


#: In JSON, what json.dumps leaves as it is among those: written as \\uNNNN escapes (the same string
#: for a JSON reader); lone surrogates, which UTF-8 cannot carry, as their printable form.
_JSON_UNPRINTABLE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _json_text(doc) -> str:
    def escape(m: re.Match) -> str:
        o = ord(m.group())
        if 0xD800 <= o <= 0xDFFF:
            return "\\" + _escaped(m.group())  # the backslash escaped: JSON has no \\x
        return f"\\u{o:04x}"

    return _JSON_UNPRINTABLE.sub(escape, json.dumps(doc, ensure_ascii=False, indent=2))


# ------------------------------------------------------------------ a run's report

@dataclass
class Report:
    """What a reporter needs to know about one run."""

    diagnostics: list[Diagnostic]
    files: list[str]  # every file checked, as displayed, in order (including those without problems)
    command: str = "validate"
    strict: bool = False  # warnings fail too
    tool_failed: bool = False

    @property
    def errors(self) -> int:
        return sum(d.is_error for d in self.diagnostics)

    @property
    def warnings(self) -> int:
        return len(self.diagnostics) - self.errors

    def fails(self, d: Diagnostic) -> bool:
        """Whether ``d`` makes the run fail (exit 1)."""
        return d.is_error or self.strict

    def by_file(self) -> dict[str, list[Diagnostic]]:
        """Every file checked (in order), then any other path a diagnostic names, each with its diagnostics."""
        out: dict[str, list[Diagnostic]] = {f: [] for f in self.files}
        for d in self.diagnostics:
            out.setdefault(d.path, []).append(d)
        return out


# ------------------------------------------------------------------ text

def text(report: Report, stream: TextIO) -> None:
    """``path:line:col: severity[code]: message``, one line per diagnostic."""
    for d in report.diagnostics:
        print(printable(str(d)), file=stream)


# ------------------------------------------------------------------ json

JSON_FORMAT_VERSION = 1


def _json_diagnostic(d: Diagnostic) -> dict:
    return {"path": d.path, "line": d.line, "column": d.column, "severity": str(d.severity),
            "code": d.code, "message": d.message}


def json_document(report: Report, stream: TextIO) -> None:
    """One JSON document: the files checked, the counts, and one object per diagnostic."""
    doc = {
        "format_version": JSON_FORMAT_VERSION,
        "tool": {"name": TOOL, "version": __version__},
        "command": report.command,
        "files": list(report.files),
        "summary": {"files": len(report.files), "errors": report.errors, "warnings": report.warnings},
        "diagnostics": [_json_diagnostic(d) for d in report.diagnostics],
    }
    stream.write(_json_text(doc) + "\n")


# ------------------------------------------------------------------ junit

def _xml_safe(s: str) -> str:
    """What XML 1.0 can carry and a terminal only shows (``printable`` covers every character XML refuses
    but U+FFFE and U+FFFF, which it cannot hold either)."""
    return printable(s).replace("\ufffe", "\\ufffe").replace("\uffff", "\\uffff")


def junit(report: Report, stream: TextIO) -> None:
    """JUnit XML: one testsuite, one testcase per file, one <failure> per problem that fails the run.

    Warnings that do not fail (no --strict) are listed in the test case's <system-out>.
    """
    name = f"{TOOL} {report.command}"
    classname = f"{TOOL}.{report.command}"
    suite = ET.Element("testsuite", name=name)
    tests = failed = 0
    for path, diagnostics in report.by_file().items():
        tests += 1
        case = ET.SubElement(suite, "testcase", classname=classname, name=_xml_safe(path), file=_xml_safe(path))
        failing = [d for d in diagnostics if report.fails(d)]
        for d in failing:
            failure = ET.SubElement(case, "failure", type=d.code, message=_xml_safe(str(d)))
            failure.text = _xml_safe(str(d))
        failed += bool(failing)
        passing = [d for d in diagnostics if not report.fails(d)]
        if passing:
            ET.SubElement(case, "system-out").text = "\n".join(_xml_safe(str(d)) for d in passing)
    counts = {"tests": str(tests), "failures": str(failed), "errors": "0", "skipped": "0"}
    suite.attrib.update(counts)
    root = ET.Element("testsuites", name=name, **counts)
    root.append(suite)
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")


# ------------------------------------------------------------------ github

def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def github(report: Report, stream: TextIO) -> None:
    """GitHub Actions workflow commands: ``::error file=PATH,line=L,col=C,title=CODE::MESSAGE``.

    The level is the diagnostic's own (error or warning); whether the job fails is the exit code's business.
    """
    for d in report.diagnostics:
        props = [f"file={_gh_property(printable(PurePath(d.path).as_posix()))}"]
        if d.line:
            props += [f"line={d.line}", f"col={d.column or 1}"]
        props.append(f"title={_gh_property(d.code)}")
        # CR and LF stay: GitHub's own escapes (%0D, %0A) keep them in the message, on one line of the log
        print(f"::{d.severity} {','.join(props)}::{_gh_data(printable(d.message, keep=chr(13) + chr(10)))}", file=stream)


# ------------------------------------------------------------------ sarif

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"


def _artifact(path: str) -> dict:
    """A relative path (forward slashes, percent-encoded) under %SRCROOT%, or a file: URI for an absolute one."""
    p = Path(path)
    if p.is_absolute():
        return {"uri": p.as_uri()}
    # percent-encoded from the file name's bytes: a name that is not UTF-8 keeps them (%FF)
    return {"uri": quote(os.fsencode(PurePath(path).as_posix()), safe="/"), "uriBaseId": SRCROOT}


def sarif(report: Report, stream: TextIO) -> None:
    """SARIF 2.1.0: one run, its rules (every code that appears), one result per diagnostic."""
    codes = sorted({d.code for d in report.diagnostics})
    index = {c: i for i, c in enumerate(codes)}
    rule_list = []
    for c in codes:
        info = describe(c)
        rule_list.append({"id": c, "shortDescription": {"text": info.summary},
                          "defaultConfiguration": {"level": str(info.severity)}})
    results = []
    for d in report.diagnostics:
        location: dict = {"artifactLocation": _artifact(d.path)}
        if d.line:
            location["region"] = {"startLine": d.line, "startColumn": d.column or 1}
        results.append({"ruleId": d.code, "ruleIndex": index[d.code], "level": str(d.severity),
                        "message": {"text": d.message}, "locations": [{"physicalLocation": location}]})
    run = {
        "tool": {"driver": {"name": TOOL, "version": __version__, "semanticVersion": __version__, "rules": rule_list}},
        "invocations": [{"executionSuccessful": not report.tool_failed}],
        "originalUriBaseIds": {SRCROOT: {"uri": Path.cwd().as_uri().rstrip("/") + "/"}},
        "artifacts": [{"location": _artifact(f)} for f in report.files],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    doc = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    stream.write(_json_text(doc) + "\n")


# ------------------------------------------------------------------ the registry

@dataclass(frozen=True)
class Reporter:
    write: Callable[[Report, TextIO], None]
    stdout: bool  # machine formats go to stdout; the human one to stderr


REPORTERS: dict[str, Reporter] = {
    "text": Reporter(text, stdout=False),
    "json": Reporter(json_document, stdout=True),
    "junit": Reporter(junit, stdout=True),
    "github": Reporter(github, stdout=True),
    "sarif": Reporter(sarif, stdout=True),
}


def summary(diagnostics: list[Diagnostic], n_files: int) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    files = f"{n_files} file" + ("" if n_files == 1 else "s")
    return f"{files} checked: {errors} error{'' if errors == 1 else 's'}, {warnings} warning{'' if warnings == 1 else 's'}"
