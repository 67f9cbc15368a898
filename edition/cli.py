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
from edition import config
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
                        help="TEI files or folders of them (default: edition.toml's sources, else tei/)")
        sp.add_argument("--config", type=Path, metavar="FILE",
                        help="the edition's settings (default: edition.toml in the working folder, if there is one)")
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
    b.add_argument("--out", type=Path, default=None, metavar="DIR",
                   help="output folder (default: edition.toml's output, else output/)")
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
    sv = sub.add_parser("serve", help="build, serve the edition on 127.0.0.1, and build again on every save")
    sv.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                    help="TEI files or folders of them (default: edition.toml's sources, else tei/)")
    sv.add_argument("--config", type=Path, metavar="FILE", help="the edition's settings (default: ./edition.toml)")
    sv.add_argument("--out", type=Path, default=None, metavar="DIR", help="output folder (default: edition.toml's, else output/)")
    sv.add_argument("--port", type=int, default=8000, help="the port to serve on (default: 8000; 0: any free port)")
    sv.add_argument("--host", default="127.0.0.1",
                    help="the address to serve on (default: 127.0.0.1, this machine only)")
    sv.add_argument("--schema", type=Path, metavar="RNG", help=argparse.SUPPRESS)
    sv.add_argument("--no-rules", action="store_true", help=argparse.SUPPRESS)
    sv.add_argument("--param", action="append", default=[], metavar="NAME=VALUE", help="a stylesheet parameter")
    sv.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help=argparse.SUPPRESS)
    sv.set_defaults(strict=False, format="text", force=False)
    n = sub.add_parser("new", help="start a new edition in a new folder")
    n.add_argument("folder", type=Path, metavar="DIR", help="the edition's folder (new, or empty)")
    n.add_argument("--title", help="the edition's title (default: from the folder's name)")
    sub.add_parser("rules", help="list the rule codes and what each checks")
    i = sub.add_parser("import", help="turn a transcript (.txt, .docx) or a folder of them into TEI drafts "
                                      "(standard output unless -o)")
    i.add_argument("source", type=Path, metavar="SOURCE", help="the transcript (plain text or .docx), or a folder of them")
    i.add_argument("-o", "--output", type=Path, metavar="tei/ID.xml",
                   help="write the draft here; its name is the document id (for a folder: the folder to write to)")
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


def _settings(args: argparse.Namespace) -> config.Settings:
    """edition.toml: the one --config names, else the working folder's, else none (the defaults)."""
    if args.config is not None:
        if not args.config.is_file():
            raise UsageError(f"--config {args.config}: no such file")
        return config.load(args.config)
    found = config.find()
    return config.load(found) if found is not None else config.Settings()


def run(args: argparse.Namespace) -> int:
    if args.command == "import":
        from edition.importer import command  # the import command's logic lives with the importer

        return command.run(args.source, args.output, force=args.force, report=args.report)
    if args.command == "rules":
        for r in rules.RULES:
            print(f"{r.code:18} {r.severity!s:8} {r.summary}")
        return EXIT_OK
    if args.command == "serve":
        return _serve(args)
    if args.command == "new":
        return _new(args)
    settings = _settings(args)
    paths = args.paths or list(settings.sources or [Path("tei")])
    if getattr(args, "changed", None) is not None:
        paths = changed(paths, args.changed)
    started = time.perf_counter()
    if args.command == "build":
        out = args.out or settings.output or Path("output")
        result = publish(paths, out, _build_config(args, settings))
    else:
        out = None
        result = check_all(paths, Config(schema=args.schema or settings.schema, rules=_rules_on(args, settings)))
    if not result.checked and getattr(args, "changed", None) is None:
        # a CI job pointed at the wrong folder must not pass in silence (with --strict it fails)
        named = ", ".join(str(p) for p in paths)
        result.extra.append(warning("no-sources", named, 0, 0, "no TEI sources (*.xml) found; check the PATHs given"))
    _report(args, result, out, started)
    return _exit_code(args, result)


def _rules_on(args: argparse.Namespace, settings: config.Settings) -> bool:
    return not args.no_rules and settings.rules is not False


def _build_config(args: argparse.Namespace, settings: config.Settings) -> Config:
    """The one Config of a build: edition.toml's settings, the command line's options over them."""
    return Config(schema=args.schema or settings.schema, rules=_rules_on(args, settings),
                  params={**settings.params, **_params(args.param)},
                  jobs=args.jobs if args.jobs is not None else settings.jobs, force=args.force,
                  executor=getattr(args, "executor", None), stylesheets=settings.stylesheets)


def _report(args: argparse.Namespace, result, out: Path | None, started: float) -> None:
    diagnostics = result.diagnostics
    reporter = report.REPORTERS[args.format]
    reporter.write(report.Report(diagnostics, [c.display for c in result.checked], command=args.command,
                                 strict=args.strict, tool_failed=result.tool_failed),
                   sys.stdout if reporter.stdout else sys.stderr)
    line = report.summary(diagnostics, len(result.checked))
    if out is not None:
        line += f"; wrote {len(result.written)} file{'s' if len(result.written) != 1 else ''} to {out}"
        if result.unchanged:
            line += f" ({len(result.unchanged)} unchanged)"
    print(report.printable(f"edition: {line} in {time.perf_counter() - started:.2f}s"), file=sys.stderr)


def _exit_code(args: argparse.Namespace, result) -> int:
    if result.tool_failed:
        return EXIT_TOOL
    if any(d.is_error for d in result.diagnostics) or (args.strict and result.diagnostics):
        return EXIT_PROBLEMS
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    """edition serve: the build of ``edition build``, again on every save, and a local server."""
    from edition import serve as serving

    state = {"settings": _settings(args)}
    settings = state["settings"]
    paths = args.paths or list(settings.sources or [Path("tei")])
    out = args.out or settings.output or Path("output")
    watched = [p for p in (*paths, settings.path, settings.schema, settings.stylesheets) if p is not None]

    def build(changed: set[Path]):
        if settings.path is not None and any(p.name == config.CONFIG_FILE for p in changed):
            state["settings"] = _settings(args)  # an error here is said, and the last good output stays
        if any(p.suffix not in (".xml",) for p in changed):
            _forget_compiled()  # a schema or stylesheet changed: compile them again
        started = time.perf_counter()
        result = publish(paths, out, _build_config(args, state["settings"]))
        _report(args, result, out, started)
        return result

    return serving.serve(build, out, watched, host=args.host, port=args.port,
                         say=lambda line: print(line, file=sys.stderr, flush=True))


def _new(args: argparse.Namespace) -> int:
    from edition import new

    written = new.create(args.folder, args.title)
    for path in written:
        print(f"  {path}", file=sys.stderr)
    print(f"edition: a new edition in {args.folder}: cd {args.folder}, then edition serve (a preview, "
          f"rebuilt as you save) or edition build --strict", file=sys.stderr)
    return EXIT_OK


def _forget_compiled() -> None:
    """Drop the compiled schemas and stylesheets of this process (``edition serve``, after an edit)."""
    from edition.builder import manifest
    from edition.render import saxon
    from edition.validation import grammar, relaxng

    for cached in (saxon.compiled, relaxng.compile_schema, grammar.load, manifest.code_digest):
        cached.cache_clear()


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
