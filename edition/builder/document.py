"""The per-document step of a build, and what the manifest remembers of it.

``process`` is a pure function of a ``Job`` (the source's bytes, its path, the schema, the
rules and the parameters): it takes one document through the hardened door, validation and
rendering, and returns a ``Done``: the rendered bytes, the diagnostics and what the edition
pages need. It runs wherever an executor puts it (this process, a worker process, a Dask
worker); workers return results, only the building process writes.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass, field
from pathlib import Path

from edition.builder import manifest
from edition.diagnostics import Diagnostic, Severity, error, sort
from edition.errors import TransformError, UsageError
from edition.render import document, words
from edition.render.formats import FORMATS
from edition.sources import registers
from edition.render.saxon import Custom
from edition.sources.parse import from_bytes
from edition.validation import compile_schema, diagnose, document_id, edition, rules


@dataclass(frozen=True)
class Job:
    """What the per-document step needs: small and picklable, so any worker can run it."""

    data: bytes
    path: str
    display: str
    schema: str | None
    rules: bool
    params: tuple[tuple[str, str], ...]
    inputs: str  # the hash of the inputs, handed back with the result
    code: str = ""  # manifest.code_digest() of the building process: a worker must run the same code
    registers: tuple[str, ...] = ()  # the edition's register files (registers.cached reads them once per process)
    registers_digest: str = ""  # ... and what the build read in them
    custom: Custom | None = None  # the edition's own stylesheets and CSS (its xslt/ folder), if any
    entry_pages: bool = False  # whether the register entries have pages of their own (render.pages)


@dataclass
class Done:
    """What the per-document step returns (or what the manifest remembers of it)."""

    display: str
    inputs: str | None
    doc_id: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outputs: dict[str, bytes] = field(default_factory=dict)  # format name -> rendered bytes
    summary: dict | None = None  # what the edition pages need; None when not rendered
    position: tuple[int, int] = (1, 1)  # of the root element
    unstyled: dict[str, list[int]] = field(default_factory=dict)  # element -> [count, line, column]
    render_failed: bool = False
    entry: dict | None = None  # the manifest entry it came from, when it was not processed again
    documents: dict[str, bool] = field(default_factory=dict)  # other documents it points at -> whether they exist
    #: its pointers into the registers -> the digest of the entry each reaches (None: none)
    registers: dict[str, str | None] = field(default_factory=dict)
    persons: list[list] = field(default_factory=list)  # the persons it declares: [id, name, line, column]

    @property
    def ok(self) -> bool:
        return self.summary is not None and not any(d.is_error for d in self.diagnostics)


def process(job: Job) -> Done:
    """Parse, validate, render one document. A pure function of its inputs.

    Each process compiles the schema and the stylesheets once (``compile_schema``,
    ``saxon.compiled``) and reuses them for every document it is given."""
    if job.code and job.code != manifest.code_digest():
        raise UsageError(f"a worker (host {platform.node()}) runs other code than this build: another version of "
                         f"edition, of its stylesheets or schemas, or of lxml/saxonche (install the same there), "
                         f"or they changed while the build ran (build again)")
    done = Done(job.display, job.inputs)
    source, problems = from_bytes(job.data, Path(job.path), job.display)
    if source is None:
        done.diagnostics = problems
        return done
    regs = registers.for_job(job.registers, job.registers_digest)
    problems += diagnose(source, compile_schema(Path(job.schema) if job.schema else None), job.rules, regs)
    reached = registers.used(source, regs)
    done.registers = {ptr: entry.digest if entry is not None else None for ptr, entry in sorted(reached.items())}
    if job.rules:
        done.documents = {ptr: (source.path.parent / ptr).is_file() for ptr in rules.documents_named(source)}
        done.persons = edition.declared(source)
    done.doc_id = doc_id = document_id(source)  # validation (diagnose) said whether it can name the output files
    done.position = source.position(source.root)
    done.diagnostics = sort(problems)
    if any(d.is_error for d in done.diagnostics):
        return done  # not rendered: its previous outputs stay as they were
    try:
        rendered = document.render(source, doc_id, dict(job.params), job.custom,
                                   registers.entries_xml(reached) if reached else None, job.entry_pages)
    except TransformError as exc:
        done.diagnostics.append(error("render", job.display, 0, 0, f"could not be rendered: {exc}"))
        done.render_failed = True
        return done
    done.outputs, done.summary, done.unstyled = rendered.outputs, rendered.summary, rendered.unstyled
    for name, fmt in FORMATS.items():  # the copy of the source: its pointers into the registers resolve there
        if fmt.copy and name in done.outputs and reached:
            done.outputs[name] = registers.copy_pointers(done.outputs[name], reached, regs, source.path.parent)
    # nothing lost: every word of the shown parts of the source is in each reading edition
    done.diagnostics += words.check(source.root, rendered.outputs, job.display, source.position)
    return done


def entry(done: Done, source: str, written: dict[str, str]) -> dict:
    """The manifest entry of a document just rendered: enough to skip it next time
    (``manifest.valid_entry`` checks exactly this shape when it is read back)."""
    return {
        "inputs": done.inputs,
        "source": source,
        "documents": done.documents,
        "registers": done.registers,
        "persons": done.persons,
        "outputs": written,
        "summary": done.summary,
        "position": list(done.position),
        "unstyled": done.unstyled,
        "diagnostics": [[str(d.severity), d.code, d.line, d.column, d.message, d.extra] for d in done.diagnostics],
    }


def from_entry(display: str, doc_id: str, entry: dict) -> Done:
    """A document the manifest says is unchanged, as if it had been processed again."""
    return Done(
        display, entry["inputs"], doc_id=doc_id,
        diagnostics=[Diagnostic(Severity(s), code, display, line, column, message, extra or {})
                     for s, code, line, column, message, extra in entry["diagnostics"]],
        summary=entry["summary"], position=tuple(entry["position"]),
        unstyled={k: list(v) for k, v in entry["unstyled"].items()}, entry=entry,
        registers=dict(entry["registers"]), persons=[list(p) for p in entry["persons"]])
