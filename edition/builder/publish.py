"""``edition build``, one straight road:

    sources -> plan (what changed since the last build) -> per document: parse (hardened),
    validate (RelaxNG, then rules), render (compiled once) -> write (atomic, inside the output
    folder) -> the edition pages and search -> the manifest -> the result, for the reporter

The per-document step (``build.document.process``) runs wherever an executor puts it
(``build.executors``); only this process writes. A document whose inputs (its path and bytes,
the documents it points at, the stylesheets, the schema, the rules, the parameters, the
package) are those of the last build is not processed again: the manifest
(``build.manifest``) holds its summary and diagnostics. An incremental build reports and writes
exactly what a fresh build of the same sources would.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from edition import resources
from edition.builder import checkpoints, manifest, output, plan, site
from edition.builder.document import Done, Job, entry, from_entry
from edition.builder.executors import executor, ordered
from edition.builder.manifest import Manifest
from edition.builder.plan import Planned, Scope
from edition.config import Config
from edition.diagnostics import error, sort, warning
from edition.errors import OutputProblem
from edition.render import pages
from edition.render.formats import ASSETS, FORMATS, INDEX, custom_assets, id_key, target
from edition.render.saxon import Custom
from edition.report.progress import Progress, wanted
from edition.results import Checked, Result
from edition.sources.discover import discover
from edition.sources import registers
from edition.sources.parse import display_path, read
from edition.validation import check_registers, compile_schema, edition


def publish(paths: list[Path], out: Path, config: Config) -> Result:
    """Validate and render the sources named by ``paths`` into ``out``.

    When ``paths`` name a folder, the sources found there are the edition: documents of earlier
    builds into ``out`` that are not among them are removed. When they name files only
    (``edition build tei/a.xml`` after ``edition build tei``), those are built and the other
    documents of earlier builds are kept as they are, in the edition pages too, as long as
    their sources are still there."""
    found = discover(paths)
    if out.exists() and not out.is_dir():
        raise OutputProblem(f"{display_path(out)}: is not a folder; --out names the folder the edition is written to")
    regs = registers.load(registers.find(paths))
    try:
        with output.locked(out):
            return _publish(found, Scope(paths), out, config, regs)
    except output.UnsafePath as exc:
        raise OutputProblem(str(exc)) from None
    except OSError as exc:  # disk full, read-only file system, permissions: what and where
        raise OutputProblem(_environment(exc)) from None


def _publish(found: list[tuple[Path, str]], scope: Scope, out: Path, config: Config, regs: registers.Registers) -> Result:
    checked_registers = check_registers(regs, compile_schema(config.schema), config.rules)
    registers.remember(regs)  # the per-document step reads them once per process (here: not again)
    writer = output.OutputFolder(out)
    custom = Custom.of(config.stylesheets)  # the edition's own stylesheets and CSS, if any
    result = Result(checked=list(checked_registers))
    previous = _previous(out, writer, result)
    verify = (out / output.DIRTY).exists()  # the last build did not finish: read every output it may have touched
    writer.mark(output.DIRTY)
    checkpoints.reached("started")
    # Whether the register entries get pages of their own (render.pages): the document pages link to
    # them, so it is decided before they are rendered, as the last build found it (or, for a first
    # build, from the size of the sources); when the documents say otherwise, they are rendered again
    # with their links the other way (what a fresh build of the same sources would give). A partial
    # build keeps the edition's choice.
    entry_pages = _entry_pages_guess(previous, found)
    for attempt in (1, 2):
        fingerprint = manifest.fingerprint(config.schema, config.rules, dict(config.params), custom, entry_pages)
        cache = {} if config.force or previous.config != fingerprint else previous.by_inputs()
        planned = plan.plan(found, out, writer.root, fingerprint, cache, verify, regs)
        kept = plan.kept(previous, scope, writer.root, {p.source for p in planned})
        documents, summaries, failed = _documents(planned, kept, out, writer, fingerprint, config, custom, result,
                                                  regs, scope, entry_pages)
        needed = site.entry_pages_needed(summaries, regs)
        if needed == entry_pages or scope.partial or attempt == 2:
            break
        entry_pages, first = needed, result
        result = Result(checked=list(checked_registers), extra=[d for d in first.extra if d.code == "manifest-damaged"])
        result.written = list(first.written)  # what the first pass changed stays changed
    if attempt == 2:
        result.written = list(dict.fromkeys(result.written))
        changed = set(result.written)
        result.unchanged = [p for p in result.unchanged if p not in changed]
    failed |= any(not c.ok for c in result.checked if c.display in {r.display for r in regs.registers})
    new = Manifest(fingerprint, documents)
    new.edition = _edition(out, writer, summaries, new, previous, failed, fingerprint, config, custom, result, verify,
                           regs, entry_pages)
    if new != previous or previous.damaged:  # a build that changed nothing leaves the manifest alone
        new.save(out, writer)
    checkpoints.reached("finishing")
    writer.unlink(out / output.DIRTY)
    return result


def _entry_pages_guess(previous: Manifest, found: list[tuple[Path, str]]) -> bool:
    """Whether the register entries have pages of their own, as a build sees it before it renders: as
    the last build into this folder found it, or else from the size of the sources (seed-shaped
    documents and the plays of a drama corpus give 1.5 to 2 items of a register page per kB)."""
    known = previous.edition.get("entry-pages")
    if isinstance(known, bool):
        return known
    size = 0
    for path, _ in found:
        try:
            size += path.stat().st_size
        except OSError:
            continue
    return size / 1024 * 1.75 > pages.ENTRY_PAGES_FROM


def _previous(out: Path, writer: output.OutputFolder, result: Result) -> Manifest:
    """What the last build wrote (and, if it was killed, what it left behind removed)."""
    if (out / output.DIRTY).exists():
        writer.clean_temporary()
    previous = Manifest.load(out)
    if previous.damaged:
        result.extra.append(warning("manifest-damaged", display_path(out / output.MANIFEST), 0, 0,
                                    f"the record of the last build is not as the build wrote it ({previous.damaged}); "
                                    f"what it said there is not trusted: those documents and pages are built again"))
    return previous


def _documents(planned: list[Planned], kept: dict[str, dict], out: Path, writer: output.OutputFolder,
               fingerprint: str, config: Config, custom: Custom | None, result: Result, regs: registers.Registers,
               scope: Scope, entry_pages: bool = False) -> tuple[dict[str, dict], list[dict], bool]:
    """Phase 1, every document: the stale ones processed and their outputs written, the others taken
    from the manifest. Returns the manifest entries (doc id -> entry), the summaries the edition pages
    need, and whether some source failed."""
    documents: dict[str, dict] = {}  # doc id -> manifest entry, in discovery order
    summaries: list[dict] = []
    seen: dict[str, tuple[str, str]] = {}  # id_key(doc id) -> (doc id, display): ids that differ only in case collide
    kept_ids = {id_key(doc_id): doc_id for doc_id in kept}
    unstyled: dict[str, list] = {}  # element -> [count, documents, display, line, column]
    failed = False
    stale = [p for p in planned if p.inputs is not None and p.cached is None]
    params = tuple(sorted((str(k), str(v)) for k, v in config.params.items()))

    def step(p: Planned) -> Done | Job:
        if p.inputs is None:
            return Done(p.display, None, diagnostics=p.problems)
        if p.cached is not None:
            return from_entry(p.display, *p.cached)
        data, problems = read(p.path, p.display)  # read again: the plan keeps no bytes
        if data is None:
            return Done(p.display, None, diagnostics=problems)
        return Job(data, str(p.path), p.display, str(config.schema) if config.schema else None, config.rules,
                   params, manifest.inputs(fingerprint, p.source, data), manifest.code_digest(), custom=custom,
                   registers=regs.files, registers_digest=regs.digest, entry_pages=entry_pages)

    facts: list[edition.Facts] = []  # what the edition-level checks need of each document

    with executor(config, len(stale), sum(p.size for p in stale)) as (pool, window), \
            Progress(len(planned), enabled=wanted(sys.stderr, len(stale))) as progress:
        for p, done in ordered(planned, step, pool, window):
            progress.advance()
            checked = Checked(p.path, p.display, None, done.diagnostics, parsed=done.doc_id is not None)
            result.checked.append(checked)
            if done.doc_id is not None:
                facts.append(edition.Facts(p.display, done.persons, edition.uses(done.registers, regs, p.path.parent)))
            if not done.ok:
                failed = True
                result.tool_failed |= done.render_failed
                continue
            key = id_key(done.doc_id)
            other_id, other = seen.get(key) or ((kept_ids[key], plan.shown_source(kept[kept_ids[key]]["source"], writer.root))
                                                if key in kept_ids else (None, None))
            if other is not None:
                same = (f'document id "{done.doc_id}" is also used by {other}' if other_id == done.doc_id else
                        f'document id "{done.doc_id}" differs from "{other_id}" (used by {other}) only in case or in '
                        f'how its accents are encoded, so on macOS and Windows both would write the same files')
                checked.diagnostics.append(error("doc-id-duplicate", done.display, *done.position,
                                                 f'{same}; every document needs its own id'))
                failed = True
                continue
            seen[key] = (done.doc_id, done.display)
            documents[done.doc_id] = done.entry if done.entry is not None else _write_document(done, p, out, writer,
                                                                                                result)
            if done.entry is not None:
                result.unchanged += [out / rel for rel in done.entry["outputs"]]
            summaries.append(done.summary)
            for name, (count, line, column) in done.unstyled.items():
                agg = unstyled.setdefault(name, [0, 0, done.display, line, column])
                agg[0] += count
                agg[1] += 1
    for doc_id, kept_entry in kept.items():  # documents outside a partial build's scope stay in the edition
        if doc_id not in documents:
            documents[doc_id] = kept_entry
            summaries.append(kept_entry["summary"])
            where = Path(os.path.normpath(os.path.join(writer.root, kept_entry["source"])))
            facts.append(edition.Facts(plan.shown_source(kept_entry["source"], writer.root), kept_entry["persons"],
                                       edition.uses(kept_entry["registers"], regs, where.parent), checked=False))
    if config.rules:  # what concerns the edition as a whole: said on the sources it concerns
        found = edition.check(regs, facts, whole=not scope.partial)
        for checked in result.checked:
            if checked.display in found:
                checked.diagnostics = sort(checked.diagnostics + found[checked.display])
    for name, (count, docs, display, line, column) in unstyled.items():
        where = f" in {docs} documents" if docs > 1 else ""
        result.extra.append(warning("unstyled-element", display, line, column,
                                    f"{_shown_name(name)} is not a TEI element and has no rendering rule; its text is "
                                    f"shown plainly "
                                    f"({count} occurrence{'s' if count != 1 else ''}{where})"))
    return documents, summaries, failed


def _shown_name(name: str) -> str:
    """An element's name as a warning shows it: {namespace}name, or name (in no namespace)."""
    return f"<{name[2:]}> (in no namespace)" if name.startswith("{}") else f"<{name}>"


def _write_document(done: Done, p: Planned, out: Path, writer: output.OutputFolder, result: Result) -> dict:
    """Write a document just rendered; its manifest entry."""
    result.rendered += 1
    written = {}
    for name, data in done.outputs.items():
        path = target(out, FORMATS[name], done.doc_id)
        _write(result, writer, path, data)
        written[output.relative(out, path)] = manifest.digest(data)
    return entry(done, p.source, written)


def _edition(out: Path, writer: output.OutputFolder, summaries: list[dict], new: Manifest, previous: Manifest,
             failed: bool, fingerprint: str, config: Config, custom: Custom | None, result: Result,
             verify: bool, regs: registers.Registers, entry_pages: bool = False) -> dict:
    """Phase 2, the edition: the assets, then (when every source is valid) the edition pages and the
    search bundles, and the outputs of documents that are gone removed. Returns the manifest's record."""
    assets: dict[str, str] = {}
    files = [(resources.folder(folder) / rel, out_folder, name) for folder, rel, out_folder, name in ASSETS]
    for path, out_folder, name in files + custom_assets(custom):
        data = path.read_bytes()
        _write(result, writer, out / out_folder / name, data)
        assets[f"{out_folder}/{name}"] = manifest.digest(data)
    # the registers travel with the sources (output/tei/registers/): the copies' pointers into them resolve
    for r in regs.registers:
        if r.source is not None:
            rel = f"{FORMATS['tei'].folder}/{registers.FOLDER}/{r.path.name}"
            _write(result, writer, out / rel, r.source.data)
            assets[rel] = manifest.digest(r.source.data)
    if failed:
        # an edition with broken sources keeps its previous pages rather than losing their entries, and
        # the outputs of documents it cannot see (they may be the broken ones) stay
        result.extra.append(warning("index-kept", display_path(out / INDEX.folder / f"index{INDEX.suffix}"), 0, 0,
                                    "not rewritten because some sources have errors; fix them and build again"))
        new.documents = {**previous.documents, **new.documents}
        return {**previous.edition, "outputs": {**previous.edition.get("outputs", {}), **assets},
                "entry-pages": entry_pages}
    new.edition = site.write_pages(out, writer, summaries, new.documents, config, custom, fingerprint, previous,
                                   assets, result, verify, regs, entry_pages)
    site.remove_stale(out, writer, previous, new, result)
    return new.edition


def _environment(exc: OSError) -> str:
    where = display_path(Path(os.fsdecode(exc.filename))) if exc.filename else "the output folder"
    why = (exc.strerror or str(exc)).rstrip(".")
    return (f"{where}: {why[:1].lower() + why[1:]}; nothing more was written (the edition as it was is kept, "
            f"and the next build completes it)")


def _write(result: Result, writer: output.OutputFolder, path: Path, data: bytes) -> None:
    (result.written if writer.write(path, data) else result.unchanged).append(path)
