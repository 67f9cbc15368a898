"""The edition's own pages, made once per build from every document: the index, the register pages
(persons, places and organisations) and the search bundles; and the outputs of documents that are
gone, removed."""

from __future__ import annotations

import hashlib
from pathlib import Path

from edition.builder import manifest, output, search
from edition.builder.executors import jobs
from edition.builder.manifest import Manifest
from edition.config import Config
from edition.diagnostics import warning
from edition.render import pages
from edition.render.formats import ENTRY_FOLDERS, INDEX, PAGE, PAGES
from edition.render.saxon import Custom
from edition.results import Result
from edition.sources.parse import display_path
from edition.sources.registers import NO_REGISTERS, Registers


def registers_of(summaries: list[dict], registers: Registers = NO_REGISTERS) -> list[pages.Register]:
    """The register pages' entries (``render.pages.Register``): the persons page's, the places page's."""
    return [pages.Register("persons", [(s["persons"]["key"], {"person": s["persons"]["persons"]}) for s in summaries],
                           registers.entries(pages.ENTRY_KINDS["person"])),
            pages.Register("places", [(s["persons"]["key"], s["places"]) for s in summaries],
                           registers.entries(pages.ENTRY_KINDS["place"] + pages.ENTRY_KINDS["org"]))]


def entry_pages_needed(summaries: list[dict], registers: Registers = NO_REGISTERS) -> bool:
    """Whether these documents make an edition with a page per register entry (``render.pages``)."""
    return pages.entry_pages_needed(registers_of(summaries, registers))


def write_pages(out: Path, writer: output.OutputFolder, summaries: list[dict], documents: dict[str, dict],
                config: Config, custom: Custom | None, fingerprint: str, previous: Manifest, outputs: dict[str, str],
                result: Result, verify: bool, registers: Registers = NO_REGISTERS, entry_pages: bool = False) -> dict:
    """The pages made from every document at once: the index, the register pages (the persons index,
    the places page and, with ``entry_pages``, each entry's own page: ``render.pages``) and the search
    bundles (``build.search``). Made only when something they depend on changed: the list of
    documents, what each says of its persons, places and organisations, or any document page (then
    only the search shards whose pages changed are indexed again). Returns the manifest's record of them."""
    summaries = sorted(summaries, key=lambda d: (d["when"] or "9999", d["title"] or "", d["id"]))  # by date
    entries = [s["entry"] for s in summaries]
    found = registers_of(summaries, registers)
    html_pages = {rel: digest for entry in documents.values() for rel, digest in entry["outputs"].items()
                  if rel.startswith(f"{PAGE.folder}/") and rel.endswith(PAGE.suffix)}
    depends = hashlib.sha256()  # the entries of the pages and every document page, hashed piece by piece
    for piece in (*entries, *(r.fingerprint() for r in found), *sorted(f"{k}={v}" for k, v in html_pages.items())):
        depends.update(piece.encode("utf-8") + b"\0")
    inputs = manifest.inputs(fingerprint, "", depends.hexdigest().encode("ascii"))
    index_path = out / INDEX.folder / f"index{INDEX.suffix}"  # "index", "persons", "places" are reserved ids
    register_paths = [out / PAGES[r.page].folder / f"{r.page}{PAGES[r.page].suffix}" for r in found]
    rels = [output.relative(out, p) for p in (index_path, *register_paths)]
    before = previous.edition.get("outputs", {})
    known = {rel: before.get(rel) for rel in rels}
    if entry_pages:  # the entries' own pages the last build wrote (the same, if nothing they depend on changed)
        known.update({rel: digest for rel, digest in before.items() if rel.startswith(_ENTRY_FOLDERS)})
    lost: list = []  # the words check of the registers' entries (render.pages.lost)
    html, searched = out / PAGE.folder, previous.edition.get("search")
    pages_at = {out / rel: digest for rel, digest in html_pages.items()}
    language = config.params.get("interface-language", search.LANGUAGE)
    if (not config.force and previous.edition.get("inputs") == inputs and all(known.values())
            and manifest.intact(out, known, verify) and search.fresh(html, pages_at, searched, verify, language)):
        result.unchanged += [*(out / rel for rel in known), *search.files(html, searched)]
        outputs.update(known)
    else:
        # the search bundles (html/pagefind/: Pagefind processes) are made while the register pages are
        # written; the index page, which lists the bundles, comes last
        from concurrent.futures import ThreadPoolExecutor  # imported only when used: start-up time counts

        with ThreadPoolExecutor(max_workers=1) as background:
            indexing = background.submit(search.index, html, pages_at, searched, force=config.force,
                                         verify=verify, jobs=jobs(config), writer=writer, language=language)
            try:
                for register, path in zip(found, register_paths):
                    _write_stream(result, writer, out, outputs, path,
                                  pages.register_page(register, config.params, custom, entry_pages, lost))
                    if entry_pages:
                        for rel, pieces in pages.entry_pages(register, config.params, custom, lost):
                            _write_stream(result, writer, out, outputs, Path(output.confined(out, rel)), pieces)
            finally:
                found_search, searched = indexing.result()
        search.add_to(result, found_search)
        index_params = {**config.params, "search-bundles": " ".join(search.bundles(searched))}
        # the pages grow with the edition: streamed to disk, made of entries rendered with each document
        _write_stream(result, writer, out, outputs, index_path, pages.index_page(entries, index_params, custom, entry_pages))
    result.extra += lost
    # a register entry whose words a page lacks is said again by the next build (its pages made again)
    return {"inputs": None if lost else inputs, "outputs": dict(sorted(outputs.items())), "search": searched or {},
            "entry-pages": entry_pages}


#: Where the register entries' own pages are (below the output folder, as the manifest records them).
_ENTRY_FOLDERS = tuple(f"{folder}/" for folder in ENTRY_FOLDERS.values())


def _write_stream(result: Result, writer: output.OutputFolder, out: Path, outputs: dict[str, str], path: Path,
                  pieces) -> None:
    changed, outputs[output.relative(out, path)] = writer.write_chunks(path, pieces)
    (result.written if changed else result.unchanged).append(path)


def remove_stale(out: Path, writer: output.OutputFolder, previous: Manifest, new: Manifest, result: Result) -> None:
    """Remove what the last build wrote and this one did not: outputs of documents that are gone.

    Only files the manifest names, only below ``out``, and only if they still hold what the
    build wrote (a file someone edited since is theirs: kept, with a warning)."""
    keep = set(new.edition.get("outputs", {}))
    for entry in new.documents.values():
        keep.update(entry["outputs"])
    old: dict[str, str] = dict(previous.edition.get("outputs", {}))
    for entry in previous.documents.values():
        old.update(entry["outputs"])
    for rel in sorted(set(old) - keep):
        try:
            path = Path(output.confined(out, rel))
            writer.check(path)
            if not path.is_file() or path.is_symlink():
                continue
            if not manifest.intact(out, {rel: old[rel]}):
                result.extra.append(warning("output-kept", display_path(path), 0, 0,
                                            "its document is gone, but the file was changed since the build wrote it, "
                                            "so it is not removed; delete it if it is not needed"))
                continue
            if writer.remove(rel):
                result.removed.append(path)
        except output.UnsafePath:
            continue  # a manifest naming files elsewhere is not obeyed
