"""What a run is told: one typed, frozen ``Config`` that the command line builds once and passes
down, and the stylesheet parameters an edition may set, each checked.

Only the parameters listed here reach the stylesheets from outside (``--param NAME=VALUE``);
the others the stylesheets declare (where the CSS is, the folders of the other formats, the
document's id...) are set by the build itself and cannot be overridden. A name that is not
listed is refused with the list of valid names and the nearest one ("did you mean"); a value
is checked before any document is read.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Mapping
from urllib.parse import urlsplit

from edition.errors import UsageError

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _url(value: str) -> str | None:
    """Why ``value`` is not an http(s) address to publish the edition at, or None."""
    if _CONTROL.search(value) or value != value.strip() or " " in value:
        return "an address has no spaces or control characters"
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return "expected an http:// or https:// address, such as https://example.org/edition"
    if parts.query or parts.fragment:
        return "the address of the edition's folder has no ?query or #fragment"
    return None


def _line(value: str) -> str | None:
    if not value.strip():
        return "expected some text"
    if _CONTROL.search(value):
        return "expected one line of text, without control characters"
    return None


@dataclass(frozen=True)
class Parameter:
    name: str
    summary: str
    problem: Callable[[str], str | None]  # why a value is refused, or None


PARAMETERS: dict[str, Parameter] = {p.name: p for p in (
    Parameter("edition-url", "the address output/html/ is published at (citations, BibTeX, CSL-JSON)", _url),
    Parameter("edition-title", "the edition's title (the index and persons pages)", _line),
)}


def check_params(params: dict[str, str]) -> dict[str, str]:
    """``params`` if every name is a documented parameter and every value fits it; UsageError saying
    which and why otherwise."""
    for name, value in params.items():
        spec = PARAMETERS.get(name)
        if spec is None:
            close = difflib.get_close_matches(name, list(PARAMETERS), n=1)
            hint = f"did you mean {close[0]}? " if close else ""
            raise UsageError(f"--param {name}: not a parameter of the edition; {hint}"
                             f"the parameters are: {', '.join(sorted(PARAMETERS))}")
        why = spec.problem(str(value))
        if why:
            raise UsageError(f"--param {name}={value!r}: {why}")
    return params


@dataclass(frozen=True)
class Config:
    """Everything a run was told, checked when it is made: the command line builds it once, and
    every stage reads it; nothing changes it on the way."""

    schema: Path | None = None  # None: the edition's own schema
    rules: bool = True  # the edition's rules after the grammar
    params: Mapping[str, str] = field(default_factory=dict)  # stylesheet parameters (PARAMETERS)
    jobs: int | None = None  # worker processes; None: one per CPU when a build is big enough
    force: bool = False  # render every document again, whatever the manifest says
    executor: str | None = None  # "dask://HOST:PORT": render documents on a Dask cluster

    def __post_init__(self):
        object.__setattr__(self, "params", MappingProxyType(dict(check_params(dict(self.params)))))
        if self.jobs is not None and self.jobs < 1:
            raise UsageError(f"--jobs {self.jobs}: expected a number of processes, 1 or more")
        if self.executor is not None and (not self.executor.startswith("dask://") or not self.executor[7:]):
            raise UsageError(f"--executor {self.executor}: expected dask://HOST:PORT")

    def __reduce__(self):  # picklable (the read-only view of the parameters is not)
        return (Config, (self.schema, self.rules, dict(self.params), self.jobs, self.force, self.executor))
