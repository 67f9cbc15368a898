"""Which files are sources: the files named, and the ``*.xml`` files below the folders named."""

from __future__ import annotations

import os
from pathlib import Path

from edition.errors import UsageError
from edition.sources.parse import display_path

#: the folder of the registers (edition.sources.registers.FOLDER) and the build's record in an output
#: folder (edition.builder.output.MANIFEST), named here without importing either
REGISTERS = "registers"
MANIFEST = ".edition-manifest.json"


def discover(paths: list[Path]) -> list[tuple[Path, str]]:
    """Every source named: files as given, folders searched for *.xml. (path, display name) pairs."""
    found: list[tuple[Path, str]] = []
    seen: set = set()
    for p in paths:
        if p.is_dir():
            found += [item for item in _walk(p) if _first(item, seen)]
        elif p.exists() or p.is_symlink():
            if _first((p, ""), seen):
                found.append((p, display_path(p)))
        else:
            raise UsageError(f"{p}: no such file or folder")
    return found


def _first(item: tuple[Path, str], seen: set) -> bool:
    """Whether ``item`` names a file not seen yet (the same file by two names counts once)."""
    try:
        st = os.stat(item[0])  # one system call; realpath() takes one per component of the path
        key = ("inode", st.st_dev, st.st_ino)
    except (OSError, ValueError):  # a dangling link, an unreadable folder...: reported later, once
        key = os.path.realpath(item[0])
    if key in seen:
        return False
    seen.add(key)
    return True


def _walk(folder: Path) -> list[tuple[Path, str]]:
    """(path, display name) of the *.xml files below ``folder``, none in or below a hidden (dot)
    folder, the registers folder or an output folder, sorted by path. Display names as ``display_path`` gives them, computed once."""
    try:
        base = os.path.relpath(folder)
        inside = not base.startswith("..")
    except ValueError:  # another drive
        base, inside = "", False
    rels = []
    visited = set()
    for top, dirs, files in os.walk(folder, followlinks=True):
        real = os.path.realpath(top)
        if real in visited:  # a symbolic link loop
            dirs[:] = []
            continue
        visited.add(real)
        rel_top = os.path.relpath(top, folder)
        parts = () if rel_top == "." else tuple(rel_top.split(os.sep))
        # the registers of the edition (registers/ of the folder named) are not documents; nor is an
        # edition's output folder (its copies of the sources, output/tei/) below the folder named
        dirs[:] = [d for d in dirs if not d.startswith(".") and not (not parts and d == REGISTERS)
                   and not os.path.exists(os.path.join(top, d, MANIFEST))]
        rels += [(*parts, f) for f in files if f.endswith(".xml") and not f.startswith(".")]
        # a folder named like a source is reported (parse.read: "is a directory"), and searched too
        rels += [(*parts, d) for d in dirs if d.endswith(".xml")]
    rels.sort()
    return [(folder.joinpath(*parts), os.path.normpath(os.path.join(base, *parts)) if inside else str(folder.joinpath(*parts)))
            for parts in rels]
