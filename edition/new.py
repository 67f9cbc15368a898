"""``edition new DIR``: a new edition that builds clean with ``--strict`` on the first try.

It holds ``edition.toml``, ``tei/`` with an example document that shows the encoding conventions,
a copy of the schema (for XML editors, and named in ``edition.toml``), a ``.gitignore``, a GitHub
Actions workflow (validate with annotations and SARIF, build) and a pre-commit hook. The files
are package data (``edition/scaffold/``); the edition's title is put where they name it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from xml.sax.saxutils import escape

from edition import __version__, resources
from edition.errors import UsageError

SCAFFOLD = Path(__file__).resolve().parent / "scaffold"

#: Files kept under another name in the package (a dotfile is easily lost in packaging).
RENAMED = {"gitignore": ".gitignore", "pre-commit-config.yaml": ".pre-commit-config.yaml", "github": ".github"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "edition"


def create(folder: Path, title: str | None = None) -> list[Path]:
    """Write a new edition into ``folder`` (new, or empty); the files written, in order."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder}: already exists and is not an empty folder; name a new folder for the edition")
    title = title or folder.resolve().name.replace("-", " ").replace("_", " ").strip().title() or "My Edition"
    if not title.strip() or any(ord(c) < 32 for c in title):
        raise UsageError("--title: expected one line of text")
    values = {"title": title, "slug": slug(title), "version": __version__}
    written = []
    for src in sorted(p for p in SCAFFOLD.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        rel = Path(*(RENAMED.get(part, part) for part in src.relative_to(SCAFFOLD).parts))
        text = src.read_text(encoding="utf-8")
        quote = {".xml": escape, ".toml": lambda v: json.dumps(v)[1:-1]}.get(src.suffix, lambda v: v)
        text = re.sub(r"\{(title|slug|version)\}", lambda m: quote(values[m.group(1)]), text)
        written.append(_write(folder / rel, text.encode("utf-8")))
    written.append(_write(folder / "schemas" / "edition.rng", resources.schema().read_bytes()))
    return written


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as f:  # never over a file that is there
        f.write(data)
    os.chmod(path, 0o644)
    return path
