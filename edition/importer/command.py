"""``edition import``: read a transcript (or a folder of them), import it, check the draft, write it
(or not), report.

One file: the draft goes to standard output or to ``-o tei/ID.xml``, the report to standard
error. A folder: ``-o`` names the folder the drafts go to, one ``ID.xml`` per transcript
(``*.txt``, ``*.docx``), ID from the transcript's file name; the report is one line per file and
a summary (``--report json``: every file's whole report).

A draft is written only when it holds every word of its input and validates. An existing file
is never overwritten without ``--force``. Exit codes as for the other commands: 0 every draft
written, 1 an input could not become a valid draft, 2 the command could not run or would have
overwritten a file (``UsageError``, which the CLI maps to exit 2, for a single file: a missing
input, an existing output, an output name the build would refuse).
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from edition import report as diagnostics
from edition.diagnostics import Diagnostic, error
from edition.importer import ImportProblem, Imported, import_text
from edition.importer.check import check
from edition.importer.decode import decode, not_text, read_input
from edition.importer.ids import slug, valid_id
from edition.builder.output import write_atomic
from edition.errors import UsageError
from edition.render.formats import safe_name, unsafe_id_reason

EXIT_OK, EXIT_PROBLEMS, EXIT_EXISTS = 0, 1, 2
#: What a folder import reads, by file name suffix (in any case).
SUFFIXES = (".txt", ".docx")


@dataclass
class Outcome:
    """What became of one input."""

    source: Path
    target: Path | None  # the draft's file; None: standard output
    status: str  # "written", "printed", "failed" (bad input, or a draft that lost text or does not validate), "exists"
    imported: Imported | None = None
    problems: list[Diagnostic] = field(default_factory=list)
    draft: bytes | None = None

    @property
    def exit_code(self) -> int:
        return {"written": EXIT_OK, "printed": EXIT_OK, "exists": EXIT_EXISTS}.get(self.status, EXIT_PROBLEMS)


def run(source: Path, output: Path | None, *, force: bool = False, report: str = "text") -> int:
    """edition import SOURCE [-o OUTPUT]: one transcript, or a folder of them."""
    started = time.perf_counter()
    if source.is_dir():
        return _run_folder(source, output, force=force, report=report, started=started)
    return _run_file(source, output, force=force, report=report, started=started)


# ---------------------------------------------------------------- one file

def _run_file(source: Path, out: Path | None, *, force: bool, report: str, started: float) -> int:
    doc_id = None
    if out is not None:
        if out.suffix != ".xml" or out.is_dir():
            raise UsageError(f"{out}: name the TEI file to write, ending in .xml (tei/ID.xml)")
        doc_id = out.name[:-4]
        if not valid_id(doc_id):
            raise UsageError(f"{out}: the file name without .xml is the document's xml:id, and {doc_id!r} is not "
                             f"a valid one (letters, digits, '-', '_', '.'; a letter first)")
        if not safe_name(doc_id):
            raise UsageError(f"{out}: {unsafe_id_reason(doc_id)}")
        if out.exists() and not force:
            raise UsageError(f"{out}: already exists; use --force to overwrite it")
    try:
        outcome = convert(source, doc_id, str(out) if out is not None else None, out.parent if out is not None else None)
    except FileNotFoundError:
        raise UsageError(f"{source}: no such file") from None
    except OSError as exc:
        raise UsageError(f"{source}: cannot read: {exc.strerror or exc}") from None
    if outcome.imported is None:  # a bad input: its diagnostics say why
        for d in outcome.problems:
            print(diagnostics.printable(str(d)), file=sys.stderr)
        return outcome.exit_code
    outcome.target = out
    if outcome.status != "failed":
        if out is not None:
            write_atomic(out, outcome.draft)
            outcome.status = "written"
        else:
            sys.stdout.write(outcome.draft.decode("utf-8"))
            sys.stdout.flush()
            outcome.status = "printed"
    r = outcome.imported.report
    display = str(out) if out is not None else f"{outcome.imported.doc_id}.xml (standard output)"
    if report == "json":
        print(r.to_json(output=None if outcome.status == "failed" else str(out) if out is not None else "-",
                        diagnostics=[str(d) for d in outcome.problems]), file=sys.stderr)
    else:
        print("\n".join(diagnostics.printable(line) for line in r.lines() + r.review_lines()), file=sys.stderr)
        diagnostics.text(diagnostics.Report(outcome.problems, [display], command="import"), sys.stderr)
    if outcome.status == "failed":
        print(f"edition: import: the draft of {diagnostics.printable(str(source))} {_why_failed(outcome)}; nothing written (this is a bug in "
              f"edition import: please report it with the input)", file=sys.stderr)
        return EXIT_PROBLEMS
    if report == "text":
        print(f"edition: imported {diagnostics.printable(str(source))} -> "
              f"{diagnostics.printable(str(out)) if out is not None else 'standard output'}: {_counts(r)} "
              f"in {time.perf_counter() - started:.2f}s", file=sys.stderr)
    return EXIT_OK


def register_of(folder: Path | None):
    """The edition's registers as seen from ``folder`` (where drafts are written), and its persons as
    (pointer from a draft there, names): speakers found there are pointed at, not declared again."""
    from edition.sources import registers

    if folder is None or not folder.is_dir():
        return registers.NO_REGISTERS, []
    regs = registers.load(registers.find([folder]))
    entries = []
    for r in regs.registers:
        rel = Path(os.path.relpath(r.path, folder)).as_posix()
        entries += [(f"{rel}#{e.id}", e.names) for e in r.entries.values() if e.kind in ("person", "personGrp")]
    return regs, entries


def convert(source: Path, doc_id: str | None, display: str | None, folder: Path | None = None, register=None) -> Outcome:
    """Read, import and check one input: the outcome says ``failed`` with the problems when the input
    cannot be imported (no ``imported`` then) or its draft loses text or does not validate. An input
    that cannot be read raises ``OSError``. The draft is written to ``folder``, where the edition's
    register of persons (``register``: ``register_of(folder)``) may hold its speakers."""
    regs, entries = register if register is not None else register_of(folder)
    try:
        if source.suffix.lower() == ".docx":
            from edition.importer.word import import_docx  # python-docx is loaded only for Word files

            imported = import_docx(read_input(source), source=str(source), doc_id=doc_id, register=entries)
        else:
            data = read_input(source)
            binary = not_text(data)
            if binary is not None:
                raise ImportProblem("not-text", binary)
            text, encoding = decode(data)
            imported = import_text(text, source=str(source), doc_id=doc_id, encoding=encoding, register=entries)
    except ImportProblem as exc:
        return Outcome(source, None, "failed", problems=[error(exc.code, str(source), exc.line, 0, exc.message)])
    if regs:
        imported.report.register = ", ".join(r.display for r in regs.registers if r.path.name == "persons.xml") or \
            regs.registers[0].display
    draft = imported.serialize()
    shown = display if display is not None else f"{imported.doc_id}.xml (standard output)"
    problems = list(imported.lost) + check(draft, imported.doc_id, shown, folder, regs)
    failed = any(d.is_error for d in problems)
    return Outcome(source, None, "failed" if failed else "checked", imported, problems, draft)


def _why_failed(outcome: Outcome) -> str:
    if any(d.code == "text-lost" for d in outcome.problems):
        return "loses text of its input"
    return "does not validate"


def _counts(r) -> str:
    return (f"{len(r.speakers)} speakers, {r.turns} turns, {r.notes_linked} of {len(r.notes)} notes linked, "
            f"{len(r.review)} to review")


# ---------------------------------------------------------------- a folder

def _run_folder(folder: Path, out: Path | None, *, force: bool, report: str, started: float) -> int:
    if out is None:
        raise UsageError(f"{folder}: a folder is imported into a folder: name it with -o (edition import {folder} -o tei/)")
    if out.exists() and not out.is_dir():
        raise UsageError(f"{out}: not a folder; a folder of transcripts is imported into a folder (-o tei/)")
    try:
        inputs = sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith("."))
    except OSError as exc:
        raise UsageError(f"{folder}: cannot read the folder: {exc.strerror or exc}") from None
    if not inputs:
        raise UsageError(f"{folder}: no transcripts in it (files ending in {' or '.join(SUFFIXES)})")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{out}: cannot create the folder: {exc.strerror or exc}") from None
    outcomes, taken = [], {}
    register = register_of(out)  # read once for the folder
    for source in inputs:
        doc_id = _id_from_name(source)
        target = out / f"{doc_id}.xml"
        if doc_id.lower() in taken:
            o = Outcome(source, target, "failed", problems=[error(
                "id-taken", str(source), 0, 0, f"its document id {doc_id!r} is also {taken[doc_id.lower()].name}'s: "
                                               f"rename one of them")])
        elif target.exists() and not force:
            o = Outcome(source, target, "exists")
        else:
            try:
                o = convert(source, doc_id, str(target), out, register)
            except OSError as exc:
                o = Outcome(source, target, "failed", problems=[
                    error("unreadable", str(source), 0, 0, f"cannot read: {exc.strerror or exc}")])
            o.target = target
            if o.status == "checked":
                write_atomic(target, o.draft)
                o.status = "written"
        taken[doc_id.lower()] = source
        outcomes.append(o)
        if report == "text":
            print(diagnostics.printable(_line(o)), file=sys.stderr)
    summary = {s: sum(1 for o in outcomes if o.status == s) for s in ("written", "failed", "exists")}
    review = sum(len(o.imported.report.review) for o in outcomes if o.imported is not None and o.status == "written")
    if report == "json":
        print(json.dumps({"files": [_json(o) for o in outcomes], "summary": {"files": len(outcomes), **summary,
                                                                             "review": review}},
                         ensure_ascii=False, indent=2), file=sys.stderr)
    else:
        parts = [f"{summary['failed']} failed"] if summary["failed"] else []
        if summary["exists"]:
            parts.append(f"{summary['exists']} not overwritten: --force overwrites them")
        print(f"edition: imported {summary['written']} of {len(outcomes)} files to {diagnostics.printable(str(out))}"
              + (f" ({', '.join(parts)})" if parts else "")
              + f"; {review} items to review (each file's list: --report json, or import it alone)"
              + f" in {time.perf_counter() - started:.2f}s", file=sys.stderr)
    return max(o.exit_code for o in outcomes)


def _id_from_name(source: Path) -> str:
    """The document id a transcript's file name gives: its stem, or the stem made into an id
    ("Talks 1958 (copy).txt" -> "talks-1958-copy") when the stem is not one the build accepts."""
    stem = source.name[: -len(source.suffix)]
    if valid_id(stem) and safe_name(stem):
        return stem
    base = slug(stem) or "document"
    base = base if valid_id(base) else "doc-" + base
    return base if safe_name(base) else "doc-" + base


def _line(o: Outcome) -> str:
    """One line for one file of a folder import."""
    if o.status == "written":
        return f"{o.source} -> {o.target}: {_counts(o.imported.report)}"
    if o.status == "exists":
        return f"{o.source}: not imported: {o.target} already exists; use --force to overwrite it"
    errors = [d for d in o.problems if d.is_error]
    if o.imported is not None:
        return (f"{o.source}: not imported: the draft {_why_failed(o)} (a bug in edition import: please report it "
                f"with the input): {errors[0]}" + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""))
    return f"{o.source}: not imported: {errors[0]}"


def _json(o: Outcome) -> dict:
    data = {"source": str(o.source), "output": str(o.target) if o.status == "written" else None, "status": o.status,
            "diagnostics": [str(d) for d in o.problems]}
    if o.imported is not None:
        data["report"] = json.loads(o.imported.report.to_json())
    return data
