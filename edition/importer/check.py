"""The draft checked the way ``edition validate`` checks a source: the one door
(``edition.sources.parse``), the schema, the rules; in memory, nothing written."""

from __future__ import annotations

from pathlib import Path

from edition.diagnostics import Diagnostic


def check(data: bytes, doc_id: str, display: str, folder: Path | None = None, registers=None) -> list[Diagnostic]:
    """Problems of the serialised draft, found the way ``edition validate`` finds them: the one door,
    the schema, the rules, for a file named ``doc_id``.xml (the ``root-id`` rule reads the name) in
    ``folder`` (where it is written), whose pointers may reach the edition's ``registers``."""
    from edition.sources import parse
    from edition.sources.registers import NO_REGISTERS
    from edition.validation import compile_schema, diagnose

    source, problems = parse.from_bytes(data, (folder or Path()) / f"{doc_id}.xml", display)
    if source is None:
        return problems
    return problems + diagnose(source, compile_schema(), True, registers or NO_REGISTERS)
