"""The tool's own errors: one base class, mapped to exit codes in one place (``edition.cli``).

Problems in the sources are not exceptions: they are diagnostics (``edition.diagnostics``),
reported and counted. These are the cases where the tool cannot do what it was asked.
"""

from __future__ import annotations


class EditionError(Exception):
    """The tool could not do what it was asked. ``exit_code``: 2, the tool could not run; 1, the
    input given is not usable (a problem in the user's files, said in one line)."""

    exit_code = 2


class UsageError(EditionError):
    """The tool cannot run as asked: a missing path, a bad option or parameter."""


class OutputProblem(UsageError):
    """The output folder cannot be written (disk full, read-only, not a folder, a link leading
    out of it): the user's environment, not a bug. Said with what and where."""


class SchemaError(EditionError):
    """The schema itself cannot be used (unreadable, not RelaxNG in XML syntax)."""


class TransformError(EditionError):
    """A stylesheet failed (a bug in a stylesheet, or input it cannot handle)."""
