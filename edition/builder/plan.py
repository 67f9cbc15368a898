"""Which documents a build must process: the sources named, read and hashed, against what the
last build wrote (the manifest); and which documents of the last build it keeps."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from edition.builder import manifest
from edition.builder.manifest import Manifest
from edition.diagnostics import Diagnostic
from edition.sources.parse import display_path, read
from edition.sources.registers import NO_REGISTERS, Registers


@dataclass
class Planned:
    path: Path
    display: str
    source: str = ""  # the source's path as the manifest records it (relative to the output folder)
    inputs: str | None = None  # None: the source could not be read
    problems: list[Diagnostic] = field(default_factory=list)
    cached: tuple[str, dict] | None = None  # (doc id, manifest entry) when nothing changed
    size: int = 0


class Scope:
    """Which sources a build was asked about. Named files only: a partial build, which keeps the
    other documents of earlier builds (``_kept``); a folder among them: the whole edition."""

    def __init__(self, paths: list[Path]):
        self.partial = not any(p.is_dir() for p in paths)
        self.files = {_real(p) for p in paths if not p.is_dir()}

    def __contains__(self, source: str) -> bool:
        return not self.partial or source in self.files


def _real(path: Path) -> str:
    """A source's absolute path: its folder resolved, its own name kept (the document id comes
    from the name a link has, not from the file it leads to)."""
    return os.path.join(os.path.realpath(path.parent), path.name)


def _source_key(path: Path, root: str) -> str:
    """How the manifest records a source: its path relative to the output folder (POSIX), so that
    moving the project with its output folder keeps the record valid."""
    return Path(os.path.relpath(_real(path), root)).as_posix()


def kept(previous: Manifest, scope: Scope, root: str, building: set[str]) -> dict[str, dict]:
    """The documents of the last build that a partial build keeps as they are: those whose source
    it was not asked about and that is still there."""
    kept = {}
    if not scope.partial:
        return kept
    for doc_id, entry in previous.documents.items():
        source = entry["source"]
        if source in building:
            continue
        where = os.path.normpath(os.path.join(root, source))
        if where not in scope and os.path.isfile(where):
            kept[doc_id] = entry
    return kept


def shown_source(source: str, root: str) -> str:
    return display_path(Path(os.path.normpath(os.path.join(root, source))))


def plan(found, out: Path, root: str, config: str, cache: dict[str, tuple[str, dict]], verify: bool,
         registers: Registers = NO_REGISTERS) -> list[Planned]:
    """Read and hash every source: which are unchanged since the last build (and intact on disk).

    A source's inputs are its bytes, its path (the document id and the ``root-id`` rule come from
    its name) and the build's configuration; and whether each document it points at exists (the
    ``ref-unresolved`` rule), checked here against what the last build saw."""
    plan = []
    for path, display in found:
        data, problems = read(path, display)
        if data is None:
            plan.append(Planned(path, display, problems=problems))
            continue
        source = _source_key(path, root)
        p = Planned(path, display, source, inputs=manifest.inputs(config, source, data), size=len(data))
        hit = cache.get(p.inputs)
        if hit is not None and _same_documents(path, hit[1]["documents"]) \
                and _same_entries(path, hit[1]["registers"], registers) \
                and manifest.intact(out, hit[1]["outputs"], verify):
            p.cached = hit
        plan.append(p)
    return plan


def _same_entries(path: Path, seen: dict[str, str | None], registers: Registers) -> bool:
    """Whether each register entry a source points at is as it was when it was last built (its
    pointers into a register that is gone or new are not pointers into a register any more, or yet:
    then not the same either). Only the documents that use an entry that changed are built again."""
    base = path.parent
    for ptr, digest in seen.items():
        entry = registers.resolve(base, ptr)
        if entry is False or (entry.digest if entry is not None else None) != digest:
            return False
    return True


def _same_documents(path: Path, seen: dict[str, bool]) -> bool:
    """Whether the documents a source points at exist, or not, as they did when it was last built."""
    return all((path.parent / ptr).is_file() == exists for ptr, exists in seen.items())
