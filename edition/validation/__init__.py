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
from edition.sources.registers import NO_REGISTERS, Registers, find as find_registers, load as load_registers
from edition.validation import edition, relaxng, rules
from edition.validation.relaxng import Schema, compile_schema

__all__ = ["Schema", "check", "check_all", "check_registers", "compile_schema", "diagnose", "document_id", "id_problems"]


def diagnose(source: Source, schema: Schema, with_rules: bool, registers: Registers = NO_REGISTERS) -> list[Diagnostic]:
    """Grammar problems, then the rules' findings (but on attributes the grammar already reported), and
    whether the document id can name the output files (``edition validate`` refuses what ``build`` could
    not write). Pointers may reach the edition's ``registers``."""
    problems, flagged = relaxng.validate(source, schema)
    if with_rules:
        problems += rules.check(source, flagged, registers)
    return problems + id_problems(source)


def check_registers(registers: Registers, schema: Schema, with_rules: bool) -> list[Checked]:
    """Each register, checked as a source: read, the grammar, the rules (their own pointers, their ids,
    their dates...), and no two entries with one authority id. Not a document: no document id."""
    checked = []
    for r in registers.registers:
        problems = list(r.problems)
        if r.source is not None:
            found, flagged = relaxng.validate(r.source, schema)
            problems += found
            if with_rules:
                problems += rules.check(r.source, flagged, registers, register=True)
        checked.append(Checked(r.path, r.display, None, sort(problems), parsed=r.source is not None))
    return checked


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


def check(path: Path, display: str, config: Config, registers: Registers = NO_REGISTERS) -> Checked:
    """Read, parse and validate one source: grammar first, then (if it parses) the rules."""
    source, problems = load(path, display)
    if source is None:
        return Checked(path, display, None, problems)
    return Checked(path, display, source, sort(problems + diagnose(source, compile_schema(config.schema), config.rules, registers)))


def check_all(paths: list[Path], config: Config, keep_sources: bool = False) -> Result:
    """Check every source named, and the edition's registers. Trees are let go once checked (memory
    stays flat however many sources there are) unless ``keep_sources``. Then what concerns the edition
    as a whole (``validation.edition``): register entries nobody uses are said only when a folder was
    named (the whole edition)."""
    compile_schema(config.schema)  # fail early (exit 2) on an unusable schema
    result = Result()
    registers = load_registers(find_registers(paths))
    result.checked += check_registers(registers, compile_schema(config.schema), config.rules)
    facts = []
    for path, display in discover(paths):
        checked = check(path, display, config, registers)
        if checked.source is not None and config.rules:
            facts.append(edition.facts(checked.source, registers))
        if not keep_sources:
            checked.parsed, checked.source = checked.source is not None, None
        result.checked.append(checked)
    if config.rules:
        found = edition.check(registers, facts, whole=any(p.is_dir() for p in paths))
        for checked in result.checked:
            checked.diagnostics = sort(checked.diagnostics + found.get(checked.display, []))
    return result
