"""Reporters: diagnostics in, text out. The registry maps --format names to writers."""

from __future__ import annotations

import json
from typing import Callable, TextIO

from edition.diagnostics import Diagnostic


def text(diagnostics: list[Diagnostic], files: list[str], stream: TextIO) -> None:
    for d in diagnostics:
        print(d, file=stream)


def json_lines(diagnostics: list[Diagnostic], files: list[str], stream: TextIO) -> None:
    """One JSON object per line and diagnostic, with stable field names."""
    for d in diagnostics:
        print(json.dumps({"path": d.path, "line": d.line, "column": d.column, "severity": str(d.severity),
                          "code": d.code, "message": d.message}, ensure_ascii=False), file=stream)


REPORTERS: dict[str, Callable[[list[Diagnostic], list[str], TextIO], None]] = {
    "text": text,
    "json": json_lines,
}


def summary(diagnostics: list[Diagnostic], n_files: int) -> str:
    errors = sum(d.is_error for d in diagnostics)
    warnings = len(diagnostics) - errors
    files = f"{n_files} file" + ("" if n_files == 1 else "s")
    return f"{files} checked: {errors} error{'' if errors == 1 else 's'}, {warnings} warning{'' if warnings == 1 else 's'}"
