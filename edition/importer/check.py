"""The draft checked the way ``edition validate`` checks a source: the one door
(``edition.parse.load``), the schema, the rules."""

from __future__ import annotations

import tempfile
from pathlib import Path

from edition.diagnostics import Diagnostic


def check(data: bytes, doc_id: str, display: str) -> list[Diagnostic]:
    """Problems of the serialised draft, found the way ``edition validate`` finds them: the one door, the schema, the rules."""
    from edition.sources import parse
    from edition.validation import compile_schema, diagnose

    with tempfile.TemporaryDirectory(prefix="edition-import-") as tmp:
        path = Path(tmp) / f"{doc_id}.xml"
        path.write_bytes(data)
        source, problems = parse.load(path, display)
        if source is None:
            return problems
        problems = diagnose(source, compile_schema(), True)
    return problems

