"""What the last build wrote, and from which inputs: the memory of incremental builds.

The manifest lives in the output folder (``.edition-manifest.json``) and maps each
document id to the hash of its inputs (the source's bytes plus the build's
``fingerprint``: stylesheets, schema, rules, parameters, package version), the hash of
each output file written for it, and what the per-edition steps need without
rebuilding it (the index summary, its diagnostics, its unstyled elements). Content
hashes, never modification times: a build is a no-op when nothing it reads changed,
whatever a checkout or a copy did to timestamps.

It is written last, atomically, with sorted keys and no timestamps or absolute paths,
so two builds of the same inputs write the same bytes. A build killed before writing
it leaves the previous manifest and a mark (``.edition-dirty``): the next build then reads
every output, finds those that no longer match their hash and rebuilds them (after a
build that finished, sizes are compared, which needs no read). It is not committed (see .gitignore):
its fingerprint covers the package's code, so it changes with every change to the
tool, not only to the edition.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from edition import __version__, resources
from edition.output import MANIFEST, UnsafePath, confined, write_atomic_chunks

#: Bump when the manifest's shape changes: an older manifest is then ignored.
FORMAT = 3


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def code_digest() -> str:
    """The package's code and data: any change to a rule, a stylesheet or the pipeline counts."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parent
    for base, pattern in ((package, "*.py"), (resources.folder("xslt"), "**/*"), (resources.folder("schemas"), "**/*")):
        for f in sorted(p for p in base.glob(pattern) if p.is_file() and "__pycache__" not in p.parts):
            h.update(f.relative_to(base).as_posix().encode() + b"\0" + f.read_bytes() + b"\0")
    for dist in ("lxml", "saxonche"):
        h.update(f"{installed(dist)}\0".encode())
    return h.hexdigest()


def installed(name: str) -> str:
    """"name-version" as installed, without importing it (saxonche is loaded only where it
    runs) nor importlib.metadata (40 ms to import: every no-op build would pay it)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.origin:
        return f"{name} (not installed)"
    where = Path(spec.origin).parent
    site = where.parent if spec.submodule_search_locations else where
    found = sorted(d.name for d in site.glob(f"{name}-*.dist-info"))
    return found[-1] if found else f"{name} at {spec.origin}"


def fingerprint(schema: Path | None, rules: bool, params: dict) -> str:
    """The hash of everything besides the source that a document's outputs depend on."""
    h = hashlib.sha256()
    h.update(f"edition {__version__} manifest {FORMAT}\0{code_digest()}\0".encode())
    schema_path = Path(schema) if schema else resources.schema()
    try:
        h.update(b"schema\0" + schema_path.read_bytes())
    except OSError:
        h.update(b"schema\0unreadable " + str(schema_path).encode())  # compiling it will say why
    h.update(f"\0rules={bool(rules)}\0".encode())
    h.update(json.dumps(sorted((str(k), str(v)) for k, v in params.items())).encode())
    return h.hexdigest()


def inputs(config: str, data: bytes) -> str:
    """The hash of one document's inputs: its source's bytes under one build configuration."""
    return sha256(config.encode() + b"\0" + data)


@dataclass
class Manifest:
    config: str = ""
    documents: dict[str, dict] = field(default_factory=dict)  # doc id -> entry
    edition: dict = field(default_factory=dict)  # {"inputs": hash, "outputs": {rel: hash}, "search": search.py record}

    @classmethod
    def load(cls, out: Path) -> "Manifest":
        """The manifest of the last build into ``out``; an empty one if absent, unreadable or outdated."""
        try:
            data = json.loads((out / MANIFEST).read_bytes())
            if data.get("format") != FORMAT:
                return cls()
            return cls(str(data["config"]), dict(data["documents"]), dict(data.get("edition") or {}))
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return cls()

    def save(self, out: Path) -> bool:
        return write_atomic_chunks(out / MANIFEST, _buffered(self._pieces(), "\n"), durable=True)[0]

    def _pieces(self):
        """The manifest as JSON (the text ``json.dumps(..., sort_keys=True)`` gives), one document's
        entry at a time: each piece by the C encoder, and never the whole as one string."""
        def dump(value) -> str:
            return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

        yield f'{{"config":{dump(self.config)},"documents":{{'
        for i, doc_id in enumerate(sorted(self.documents)):
            yield f'{"," if i else ""}{dump(doc_id)}:{dump(self.documents[doc_id])}'
        yield f'}},"edition":{dump(self.edition)},"format":{dump(FORMAT)}}}'

    def by_inputs(self) -> dict[str, tuple[str, dict]]:
        """inputs hash -> (doc id, entry)."""
        return {e["inputs"]: (doc_id, e) for doc_id, e in self.documents.items() if isinstance(e, dict) and "inputs" in e}


def _buffered(pieces, end: str = "", size: int = 1 << 16):
    """The strings ``pieces`` (then ``end``) as UTF-8 blocks of about ``size`` bytes: a large manifest
    is written without ever being one string in memory."""
    block: list[str] = []
    held = 0
    for piece in pieces:
        block.append(piece)
        held += len(piece)
        if held >= size:
            yield "".join(block).encode("utf-8")
            block, held = [], 0
    block.append(end)
    yield "".join(block).encode("utf-8")


def digest(data: bytes) -> str:
    """How the manifest records an output file: "<sha256>:<size>"."""
    return f"{sha256(data)}:{len(data)}"


def intact(out: Path, outputs: dict[str, str], verify_content: bool = True) -> bool:
    """Whether every file in ``outputs`` (rel path -> ``digest``) is on disk as written.

    Without ``verify_content`` only sizes are compared (a stat, no read): enough after a
    build that finished, since nothing but the build writes there; a build that did not
    finish leaves a mark (``output.DIRTY``) that makes the next one read every file."""
    folder = os.fspath(out)
    for rel, recorded in outputs.items():
        try:
            path = confined(folder, rel)
            expected, _, size = recorded.rpartition(":")
            if not verify_content:
                if os.stat(path).st_size != int(size):
                    return False
                continue
            with open(path, "rb") as f:
                if digest(f.read()) != recorded:
                    return False
        except (OSError, ValueError, AttributeError, UnsafePath):
            return False
    return True
