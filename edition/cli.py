"""The command line: parse arguments, build the one ``Config``, run the command, report, and map
the outcome to an exit code, here and nowhere else.

Exit codes (as ruff does it): 0 clean, 1 problems in the sources, 2 the tool could not run
(missing path, bad option, unusable schema, an output folder it cannot write, internal error).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from edition import __version__, report
from edition.builder.publish import publish
from edition.config import Config
from edition.diagnostics import warning
from edition.errors import EditionError, UsageError
from edition.sources.changed import changed
from edition.validation import check_all, rules

EXIT_OK, EXIT_PROBLEMS, EXIT_TOOL = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="edition", description="Validate TEI transcripts and build the reading edition.")
    p.add_argument("--version", action="version", version=f"edition {__version__}")
    p.add_argument("--traceback", action="store_true", help="show a Python traceback when the tool itself fails")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def common(sp):
        sp.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="TEI files or folders of them (default: tei/)")
        sp.add_argument("--schema", type=Path, metavar="RNG",
                        help="validate against this RelaxNG schema (XML syntax) instead of the edition's")
        sp.add_argument("--no-rules", action="store_true", help="check the grammar only, not the edition's rules")
        sp.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")
        sp.add_argument("--format", choices=list(report.REPORTERS), default="text",
                        help="how diagnostics are printed: " + ", ".join(report.REPORTERS)
                        + " (default: text, on stderr; the others go to stdout)")
        sp.add_argument("--traceback", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)

    b = sub.add_parser("build", help="validate the sources and write the edition")
    common(b)
    b.add_argument("--out", type=Path, default=Path("output"), metavar="DIR", help="output folder (default: output/)")
    b.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                   help="a stylesheet parameter, e.g. --param edition-title='My edition'")
    # large editions (issue 6): parallel, incremental, distributed builds
    b.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                   help="render documents in N worker processes (default: one per CPU, for builds big enough to gain)")
    b.add_argument("--force", action="store_true", help="rebuild every document, even those unchanged since the last build")
    b.add_argument("--executor", metavar="dask://HOST:PORT",
                   help="render documents on a Dask cluster (needs the 'dask' extra)")
    v = sub.add_parser("validate", help="check the sources; write nothing")
    common(v)
    v.add_argument("--changed", nargs="?", const="HEAD", default=None, metavar="REV",
                   help="check only the sources that changed since git revision REV (default: HEAD, i.e. "
                        "staged, unstaged and untracked changes); write PATHs before it, or --changed=REV")
    sub.add_parser("rules", help="list the rule codes and what each checks")
    i = sub.add_parser("import", help="turn a plain-text transcript into a TEI draft (standard output unless -o)")
    i.add_argument("source", type=Path, metavar="SOURCE.txt", help="the transcript as plain text (UTF-8)")
    i.add_argument("-o", "--output", type=Path, metavar="tei/ID.xml", help="write the draft here; its name is the document id")
    i.add_argument("--force", action="store_true", help="overwrite an existing output file")
    i.add_argument("--report", choices=("text", "json"), default="text", help="how the import report is printed on stderr")
    return p


def _params(pairs: list[str]) -> dict:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"--param {pair!r}: expected NAME=VALUE")
        params[name] = value
    return params


def run(args: argparse.Namespace) -> int:
    if args.command == "import":
        return _import(args)
    if args.command == "rules":
        for r in rules.RULES:
            print(f"{r.code:18} {r.severity!s:8} {r.summary}")
        return EXIT_OK
    paths = args.paths or [Path("tei")]
    if getattr(args, "changed", None) is not None:
        paths = changed(paths, args.changed)
    started = time.perf_counter()
    if args.command == "build":
        config = Config(schema=args.schema, rules=not args.no_rules, params=_params(args.param), jobs=args.jobs,
                        force=args.force, executor=args.executor)
        result = publish(paths, args.out, config)
    else:
        result = check_all(paths, Config(schema=args.schema, rules=not args.no_rules))
    if not result.checked and getattr(args, "changed", None) is None:
        # a CI job pointed at the wrong folder must not pass in silence (with --strict it fails)
        named = ", ".join(str(p) for p in paths)
        result.extra.append(warning("no-sources", named, 0, 0, "no TEI sources (*.xml) found; check the PATHs given"))
    diagnostics = result.diagnostics
    reporter = report.REPORTERS[args.format]
    reporter.write(report.Report(diagnostics, [c.display for c in result.checked], command=args.command,
                                 strict=args.strict, tool_failed=result.tool_failed),
                   sys.stdout if reporter.stdout else sys.stderr)
    line = report.summary(diagnostics, len(result.checked))
    if args.command == "build":
        line += f"; wrote {len(result.written)} file{'s' if len(result.written) != 1 else ''} to {args.out}"
        if result.unchanged:
            line += f" ({len(result.unchanged)} unchanged)"
    print(report.printable(f"edition: {line} in {time.perf_counter() - started:.2f}s"), file=sys.stderr)
    if result.tool_failed:
        return EXIT_TOOL
    if any(d.is_error for d in diagnostics) or (args.strict and diagnostics):
        return EXIT_PROBLEMS
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on bad options, 0 on --help
        return int(exc.code or 0)
    try:
        return run(args)
    except EditionError as exc:
        print(report.printable(f"edition: error: {exc}"), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("edition: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so in one line, traceback only on request
        if getattr(args, "traceback", False):
            raise
        print(report.printable(f"edition: internal error: {type(exc).__name__}: {exc} (run with --traceback for details)"),
              file=sys.stderr)
        return EXIT_TOOL


def _import(args: argparse.Namespace) -> int:
    """edition import: the draft on stdout or in -o, the report on stderr; nothing written unless it validates."""
    from edition import importer
    from edition.builder.output import write_atomic

    started = time.perf_counter()
    out = args.output
    doc_id = None
    if out is not None:
        if out.suffix != ".xml" or out.is_dir():
            raise UsageError(f"{out}: name the TEI file to write, ending in .xml (tei/ID.xml)")
        doc_id = out.name[:-4]
        if not importer.valid_id(doc_id):
            raise UsageError(f"{out}: the file name without .xml is the document's xml:id, and {doc_id!r} is not "
                                      f"a valid one (letters, digits, '-', '_', '.'; a letter first)")
        if out.exists() and not args.force:
            raise UsageError(f"{out}: already exists; use --force to overwrite it")
    try:
        data = args.source.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{args.source}: no such file") from None
    except OSError as exc:
        raise UsageError(f"{args.source}: cannot read: {exc.strerror or exc}") from None
    binary = importer.not_text(data)
    if binary is not None:
        print(report.printable(f"edition: error: {args.source}: {binary}"), file=sys.stderr)
        return EXIT_PROBLEMS
    text, encoding = importer.decode(data)
    try:
        imported = importer.import_text(text, source=str(args.source), doc_id=doc_id, encoding=encoding)
    except importer.ImportProblem as exc:
        print(report.printable(f"edition: error: {args.source}: {exc}"), file=sys.stderr)
        return EXIT_PROBLEMS
    draft = imported.serialize()
    display = str(out) if out is not None else f"{imported.doc_id}.xml (standard output)"
    problems = importer.check(draft, imported.doc_id, display)
    r = imported.report
    failed = any(d.is_error for d in problems)
    if not failed:
        if out is not None:
            write_atomic(out, draft)
        else:
            sys.stdout.write(draft.decode("utf-8"))
            sys.stdout.flush()
    if args.report == "json":
        print(r.to_json(output=None if failed else str(out) if out is not None else "-",
                        diagnostics=[str(d) for d in problems]), file=sys.stderr)
    else:
        print("\n".join(report.printable(line) for line in r.lines() + r.review_lines()), file=sys.stderr)
        report.text(report.Report(problems, [display], command="import"), sys.stderr)
    if failed:
        print(f"edition: import: the draft of {report.printable(str(args.source))} does not validate; nothing written "
              f"(this is a bug in edition import: please report it with the input)", file=sys.stderr)
        return EXIT_PROBLEMS
    if args.report == "text":
        print(f"edition: imported {report.printable(str(args.source))} -> "
              f"{report.printable(str(out)) if out is not None else 'standard output'}: "
              f"{len(r.speakers)} speakers, {r.turns} turns, {r.notes_linked} of {len(r.notes)} notes linked, "
              f"{len(r.review)} to review in {time.perf_counter() - started:.2f}s", file=sys.stderr)
    return EXIT_OK
