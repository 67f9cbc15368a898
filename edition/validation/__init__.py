"""Validation: the grammar (RelaxNG, explained from the schema itself), then the edition's rules.

``diagnose`` takes one parsed source through both; ``check_all`` is ``edition validate``:
every source named, read through the hardened door, then diagnosed.
"""

from __future__ import annotations

from pathlib import Path

from edition.config import Config
from edition.diagnostics import Diagnostic, error, sort
from edition.render.formats import id_problem
from edition.results import Checked, Result
from edition.sources.discover import discover
from edition.sources.parse import Source, load
from edition.validation import relaxng, rules
from edition.validation.relaxng import Schema, compile_schema

__all__ = ["Schema", "check", "check_all", "compile_schema", "diagnose", "document_id", "id_problems"]


def diagnose(source: Source, schema: Schema, with_rules: bool) -> list[Diagnostic]:
    """Grammar problems, then the rules' findings (but on attributes the grammar already reported), and
    whether the document id can name the output files (``edition validate`` refuses what ``build`` could
    not write)."""
    problems, flagged = relaxng.validate(source, schema)
    if with_rules:
        problems += rules.check(source, flagged)
    return problems + id_problems(source)


def document_id(source: Source) -> str:
    """The document's id: its root xml:id, else its file name without .xml."""
    return source.doc_id or source.path.stem


def id_problems(source: Source) -> list[Diagnostic]:
    """Why the document id cannot name the output files (``formats.id_problem``), at the root element."""
    found = id_problem(document_id(source))
    if found is None:
        return []
    code, message = found
    return [error(code, source.display, *source.position(source.root), message)]


def check(path: Path, display: str, config: Config) -> Checked:
    """Read, parse and validate one source: grammar first, then (if it parses) the rules."""
    source, problems = load(path, display)
    if source is None:
        return Checked(path, display, None, problems)
    return Checked(path, display, source, sort(problems + diagnose(source, compile_schema(config.schema), config.rules)))


def check_all(paths: list[Path], config: Config, keep_sources: bool = False) -> Result:
    """Check every source named. Trees are let go once checked (memory stays flat however many
    sources there are) unless ``keep_sources``."""
    compile_schema(config.schema)  # fail early (exit 2) on an unusable schema
    result = Result()
    for path, display in discover(paths):
        checked = check(path, display, config)
        if not keep_sources:
            checked.parsed, checked.source = checked.source is not None, None
        result.checked.append(checked)
    return result
