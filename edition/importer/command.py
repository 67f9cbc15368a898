"""``edition import``: read the transcript, import it, check the draft, write it (or not), report.

The draft goes to standard output or to ``-o``; the report goes to standard error. Nothing is
written unless the draft validates. Exit codes as for the other commands: 0 written, 1 the
input cannot become a valid draft, 2 the command could not run (``UsageError``, which the CLI
maps to exit 2: a missing input, an existing output without ``--force``, a bad output name).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from edition import report as diagnostics_report
from edition.importer import ImportProblem, import_text
from edition.importer.check import check
from edition.importer.decode import decode, not_text
from edition.importer.ids import valid_id
from edition.output import write_atomic
from edition.pipeline import UsageError

EXIT_OK, EXIT_PROBLEMS = 0, 1


def run(source: Path, output: Path | None, *, force: bool = False, report: str = "text") -> int:
    """edition import: the draft on stdout or in ``output``, the report on stderr; nothing written unless it validates."""
    started = time.perf_counter()
    out = output
    doc_id = None
    if out is not None:
        if out.suffix != ".xml" or out.is_dir():
            raise UsageError(f"{out}: name the TEI file to write, ending in .xml (tei/ID.xml)")
        doc_id = out.name[:-4]
        if not valid_id(doc_id):
            raise UsageError(f"{out}: the file name without .xml is the document's xml:id, and {doc_id!r} is not "
                             f"a valid one (letters, digits, '-', '_', '.'; a letter first)")
        if out.exists() and not force:
            raise UsageError(f"{out}: already exists; use --force to overwrite it")
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{source}: no such file") from None
    except OSError as exc:
        raise UsageError(f"{source}: cannot read: {exc.strerror or exc}") from None
    binary = not_text(data)
    if binary is not None:
        print(f"edition: error: {source}: {binary}", file=sys.stderr)
        return EXIT_PROBLEMS
    text, encoding = decode(data)
    try:
        imported = import_text(text, source=str(source), doc_id=doc_id, encoding=encoding)
    except ImportProblem as exc:
        print(f"edition: error: {source}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    draft = imported.serialize()
    display = str(out) if out is not None else f"{imported.doc_id}.xml (standard output)"
    problems = check(draft, imported.doc_id, display)
    r = imported.report
    failed = any(d.is_error for d in problems)
    if not failed:
        if out is not None:
            write_atomic(out, draft)
        else:
            sys.stdout.write(draft.decode("utf-8"))
            sys.stdout.flush()
    if report == "json":
        print(r.to_json(output=None if failed else str(out) if out is not None else "-",
                        diagnostics=[str(d) for d in problems]), file=sys.stderr)
    else:
        print("\n".join(r.lines() + r.review_lines()), file=sys.stderr)
        diagnostics_report.text(diagnostics_report.Report(problems, [display], command="import"), sys.stderr)
    if failed:
        print(f"edition: import: the draft of {source} does not validate; nothing written "
              f"(this is a bug in edition import: please report it with the input)", file=sys.stderr)
        return EXIT_PROBLEMS
    if report == "text":
        print(f"edition: imported {source} -> {out if out is not None else 'standard output'}: "
              f"{len(r.speakers)} speakers, {r.turns} turns, {r.notes_linked} of {len(r.notes)} notes linked, "
              f"{len(r.review)} to review in {time.perf_counter() - started:.2f}s", file=sys.stderr)
    return EXIT_OK
