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
import re
import stat
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from edition import __version__, resources
from edition.builder.output import MANIFEST, UnsafePath, confined, write_atomic_chunks

#: Bump when the manifest's shape changes: an older manifest is then ignored.
FORMAT = 6


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@cache
def code_digest() -> str:
    """The package's code and data: any change to a rule, a stylesheet or the pipeline counts."""
    h = hashlib.sha256()
    package = Path(__file__).resolve().parent.parent  # edition/
    for base, pattern in ((package, "**/*.py"), (resources.folder("xslt"), "**/*"), (resources.folder("schemas"), "**/*")):
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


def fingerprint(schema: Path | None, rules: bool, params: dict, custom=None, entry_pages: bool = False) -> str:
    """The hash of everything besides the source that a document's outputs depend on: the package's
    code, the schema, the rules, the parameters, the edition's own stylesheets and CSS (``custom``:
    editing one of them takes effect on the next build), and whether the register entries have
    pages of their own (the documents link to them)."""
    h = hashlib.sha256()
    h.update(f"edition {__version__} manifest {FORMAT}\0{code_digest()}\0".encode())
    schema_path = Path(schema) if schema else resources.schema()
    try:
        h.update(b"schema\0" + schema_path.read_bytes())
    except OSError:
        h.update(b"schema\0unreadable " + str(schema_path).encode())  # compiling it will say why
    h.update(f"\0rules={bool(rules)}\0".encode())
    h.update(json.dumps(sorted((str(k), str(v)) for k, v in params.items())).encode())
    if custom is not None:  # a saxon.Custom: the digest of the edition's own stylesheets and CSS
        h.update(f"\0custom\0{custom.digest}".encode())
    if entry_pages:
        h.update(b"\0entry-pages")
    return h.hexdigest()


def inputs(config: str, source: str, data: bytes) -> str:
    """The hash of one document's inputs: its source's path (as the manifest records it: the
    document id and the ``root-id`` rule come from the file's name) and bytes, under one build
    configuration."""
    return sha256(config.encode() + b"\0" + source.encode("utf-8", "surrogateescape") + b"\0" + data)


@dataclass
class Manifest:
    config: str = ""
    documents: dict[str, dict] = field(default_factory=dict)  # doc id -> entry
    #: {"inputs": hash, "outputs": {rel: hash}, "search": search.py record, "entry-pages": whether the
    #: register entries had pages of their own}
    edition: dict = field(default_factory=dict)
    #: what was wrong with the file it was read from (None: nothing): those parts were dropped
    damaged: str | None = field(default=None, compare=False)

    @classmethod
    def load(cls, out: Path) -> "Manifest":
        """The manifest of the last build into ``out`` (``damaged`` says what was wrong with it).

        An absent manifest, or one of an older format, is an empty one (nothing to say). Anything
        else that is not exactly what a build writes means "no record" for that part: a damaged
        file or a wrong top level, every document; a document's entry of the wrong shape, that
        document; a wrong edition record, the edition pages. ``damaged`` says what was dropped,
        for one warning."""
        try:
            raw = (out / MANIFEST).read_bytes()
        except OSError:
            return cls()
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            return cls(damaged="it is not readable JSON")
        if not isinstance(data, dict):
            return cls(damaged="it is not a JSON object")
        if data.get("format") != FORMAT:
            return cls()  # another version of edition wrote it: built again, nothing to say
        config, documents, edition = data.get("config"), data.get("documents"), data.get("edition")
        if not isinstance(config, str) or not isinstance(documents, dict):
            return cls(damaged="its configuration or its list of documents is missing")
        kept = {doc_id: entry for doc_id, entry in documents.items() if valid_entry(entry)}
        dropped = [doc_id for doc_id in documents if doc_id not in kept]
        problems = []
        if dropped:
            shown = ", ".join(sorted(map(str, dropped))[:5]) + (f" and {len(dropped) - 5} more" if len(dropped) > 5 else "")
            problems.append(f"the entries of {len(dropped)} document{'s' if len(dropped) != 1 else ''}: {shown}")
        if not valid_edition(edition):
            problems.append("the record of the edition pages")
            edition = {}
        return cls(config, kept, edition, damaged="; ".join(problems) or None)

    def save(self, out: Path, writer=None) -> bool:
        """Write the manifest (through the build's ``output.OutputFolder`` when given)."""
        pieces = _buffered(self._pieces(), "\n")
        if writer is not None:
            return writer.write_chunks(out / MANIFEST, pieces, durable=True)[0]
        return write_atomic_chunks(out / MANIFEST, pieces, durable=True)[0]

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
        return {e["inputs"]: (doc_id, e) for doc_id, e in self.documents.items()}


# ---------------------------------------------------------------- what a build writes, exactly

_HASH = re.compile(r"[0-9a-f]{64}")
_DIGEST = re.compile(r"[0-9a-f]{64}:(0|[1-9][0-9]*)")


def _str(v) -> bool:
    return isinstance(v, str)


def _int(v) -> bool:
    return isinstance(v, int) and not isinstance(v, bool) and v >= 0


def _strings(v, n: int | None = None) -> bool:
    return isinstance(v, list) and (n is None or len(v) == n) and all(map(_str, v))


def _outputs(v) -> bool:
    return isinstance(v, dict) and all(_str(k) and _str(d) and _DIGEST.fullmatch(d) for k, d in v.items())


#: a document's summary (render.document): how the index sorts it, its entry in the index (rendered
#: with the document) and, below, what the persons index and the places page need of it
_SUMMARY_TEXT = ("id", "when", "title", "entry")


def _summary(v) -> bool:
    if not isinstance(v, dict) or not all(_str(v.get(k)) for k in _SUMMARY_TEXT):
        return False
    persons, places = v.get("persons"), v.get("places")
    return (isinstance(persons, dict) and _strings(persons.get("key"), 3) and _rows(persons.get("persons"))
            and isinstance(places, dict) and set(places) == {"place", "org"} and all(map(_rows, places.values())))


def _rows(v) -> bool:
    """What a document says of the entries of a register page (render.pages.persons_data, places_data)."""
    return isinstance(v, list) and all(isinstance(p, list) and len(p) == 7 and _str(p[0]) and _str(p[1])
                                       and _strings(p[2]) and _strings(p[3]) and _str(p[4]) and _int(p[5])
                                       and _int(p[6]) for p in v)


def _diagnostic(v) -> bool:
    return (isinstance(v, list) and len(v) == 6 and v[0] in ("error", "warning") and _str(v[1]) and _int(v[2])
            and _int(v[3]) and _str(v[4]) and isinstance(v[5], dict))


def valid_entry(e) -> bool:
    """Whether ``e`` is a document's entry exactly as a build writes it (``pipeline._entry``)."""
    return (isinstance(e, dict) and _str(e.get("inputs")) and bool(_HASH.fullmatch(e["inputs"]))
            and _str(e.get("source")) and bool(e["source"])
            and isinstance(e.get("documents"), dict) and all(_str(k) and isinstance(b, bool) for k, b in e["documents"].items())
            and isinstance(e.get("registers"), dict)
            and all(_str(k) and (d is None or (_str(d) and bool(_HASH.fullmatch(d)))) for k, d in e["registers"].items())
            and isinstance(e.get("persons"), list)
            and all(isinstance(p, list) and len(p) == 4 and _str(p[0]) and _str(p[1]) and _int(p[2]) and _int(p[3])
                    for p in e["persons"])
            and _outputs(e.get("outputs")) and _summary(e.get("summary"))
            and isinstance(e.get("position"), list) and len(e["position"]) == 2 and all(map(_int, e["position"]))
            and isinstance(e.get("unstyled"), dict)
            and all(_str(k) and isinstance(c, list) and len(c) == 3 and all(map(_int, c)) for k, c in e["unstyled"].items())
            and isinstance(e.get("diagnostics"), list) and all(map(_diagnostic, e["diagnostics"])))


def valid_edition(e) -> bool:
    """Whether ``e`` is the record of the edition pages as a build writes it (the search record is
    checked where it is read, ``search._bundles``)."""
    if e == {}:
        return True
    return (isinstance(e, dict) and (e.get("inputs") is None or (_str(e["inputs"]) and bool(_HASH.fullmatch(e["inputs"]))))
            and _outputs(e.get("outputs", {})) and isinstance(e.get("search", {}), dict)
            and isinstance(e.get("entry-pages", False), bool))


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
            st = os.lstat(path)  # a link, a FIFO or a folder where a file was written is not intact
            if not stat.S_ISREG(st.st_mode) or st.st_size != int(size):
                return False
            if not verify_content:
                continue
            with open(path, "rb") as f:
                if digest(f.read()) != recorded:
                    return False
        except (OSError, ValueError, AttributeError, UnsafePath):
            return False
    return True
