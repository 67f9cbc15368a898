"""The draft checked the way ``edition validate`` checks a source: the one door
(``edition.sources.parse``), the schema, the rules; in memory, nothing written."""

from __future__ import annotations

from pathlib import Path

from edition.diagnostics import Diagnostic


def check(data: bytes, doc_id: str, display: str) -> list[Diagnostic]:
    """Problems of the serialised draft, found the way ``edition validate`` finds them: the one door,
    the schema, the rules, for a file named ``doc_id``.xml (the ``root-id`` rule reads the name)."""
    from edition.sources import parse
    from edition.validation import compile_schema, diagnose

    source, problems = parse.from_bytes(data, Path(f"{doc_id}.xml"), display)
    if source is None:
        return problems
    return problems + diagnose(source, compile_schema(), True)
