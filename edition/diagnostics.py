"""Errors are data: every stage returns diagnostics, the reporter prints them."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"

    def __str__(self) -> str:  # "error", not "Severity.ERROR"
        return self.value


@dataclass(frozen=True, order=False)
class Diagnostic:
    """One problem in one place. ``line`` and ``column`` are 1-based; 0 means unknown."""

    severity: Severity
    code: str
    path: str
    line: int
    column: int
    message: str
    # what follows is for machines (json, sarif); it is not part of the one-line form
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def location(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}"
        return self.path

    def __str__(self) -> str:
        return f"{self.location()}: {self.severity}[{self.code}]: {self.message}"


def error(code: str, path: str, line: int, column: int, message: str, **extra) -> Diagnostic:
    return Diagnostic(Severity.ERROR, code, path, line, column, message, extra)


def warning(code: str, path: str, line: int, column: int, message: str, **extra) -> Diagnostic:
    return Diagnostic(Severity.WARNING, code, path, line, column, message, extra)


def sort(diagnostics) -> list[Diagnostic]:
    """By file, then line and column; the same problem reported twice is kept once."""
    seen = set()
    unique = []
    for d in sorted(diagnostics, key=Diagnostic.sort_key):
        key = d.sort_key()
        if key not in seen:
            seen.add(key)
            unique.append(d)
    return unique
