"""Which sources changed in git since a revision: ``edition validate --changed [REV]``."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from edition.errors import UsageError
from edition.sources.discover import discover
from edition.sources.parse import display_path


def changed(paths: list[Path], rev: str | None = None) -> list[Path]:
    """The sources under ``paths`` that changed since git revision ``rev``.

    With no ``rev``: the working tree (staged, unstaged and untracked) against HEAD.
    Untracked files count as changed either way; deleted files are skipped (there is
    nothing left to check). Raises UsageError outside a git repository or for a bad revision.
    """
    rev = rev or "HEAD"
    sources = discover(paths)
    first = paths[0]
    where = first if first.is_dir() else first.parent
    top = Path(_git(["rev-parse", "--show-toplevel"], where,
                    f"--changed: {display_path(where)} is not in a git repository", detail=False).strip())
    if rev.startswith("-"):
        raise UsageError(f"--changed {rev}: not a git revision")
    hint = "; write PATHs before --changed, or --changed=REV" if Path(rev).exists() else ""
    _git(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], top,
         f"--changed {rev}: not a revision in the git repository at {top}{hint}", detail=False)
    names = _git(["diff", "--name-only", "--no-renames", "-z", rev, "--"], top, f"--changed {rev}: git diff failed")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], top, "--changed: git ls-files failed")
    touched = {(top / name).resolve() for name in names.split("\0") if name}
    return [path for path, _ in sources if path.resolve() in touched]


def _git(args: list[str], cwd: Path, failure: str, detail: bool = True) -> str:
    """Run git; its output (file names as the file system spells them), or UsageError with ``failure``."""
    try:
        proc = subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=120)
    except FileNotFoundError:
        raise UsageError("--changed needs git, and git is not installed") from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"{failure}: {exc}") from None
    if proc.returncode != 0:
        said = os.fsdecode(proc.stderr).strip().splitlines()
        raise UsageError(failure + (f": {said[0]}" if detail and said else ""))
    return os.fsdecode(proc.stdout)
