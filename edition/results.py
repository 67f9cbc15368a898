"""What a run found: each source's check, and a whole run's result (what the reporter prints).

Both ``edition validate`` (``edition.validation.check_all``) and ``edition build``
(``edition.builder.publish``) return a ``Result``; the command line reports it and maps it to an
exit code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from edition.diagnostics import Diagnostic, sort
from edition.sources.parse import Source


@dataclass
class Checked:
    """One source's check."""

    path: Path
    display: str
    source: Source | None  # a run keeps no trees (memory) unless asked: None there, see ``parsed``
    diagnostics: list[Diagnostic]
    parsed: bool | None = None  # whether the source parsed; None: as ``source`` says

    @property
    def ok(self) -> bool:
        parsed = self.source is not None if self.parsed is None else self.parsed
        return parsed and not any(d.is_error for d in self.diagnostics)


@dataclass
class Result:
    """A run: the sources checked, and for a build, the files written, left alone and removed."""

    checked: list[Checked] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    extra: list[Diagnostic] = field(default_factory=list)  # problems not tied to one source's checks
    tool_failed: bool = False
    rendered: int = 0  # documents processed in this build (the others came from the manifest)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sort([d for c in self.checked for d in c.diagnostics] + self.extra)
