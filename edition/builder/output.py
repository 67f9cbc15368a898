"""How outputs are written, and only inside the output folder.

``OutputFolder`` is the one door for writing and removing in a build's output folder.
``write_atomic`` writes through a temporary file in the target folder and ``os.replace``,
and leaves unchanged files alone, so a reader never sees a half-written page and
timestamps mean something. ``locked`` keeps a second build out of the folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import stat
import threading
from pathlib import Path

from edition.builder import checkpoints
from edition.errors import UsageError

try:  # POSIX; elsewhere builds are not locked
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None


#: Files of the build's own bookkeeping in the output folder (not part of the edition).
MANIFEST = ".edition-manifest.json"
LOCK = ".edition-lock"
DIRTY = ".edition-dirty"  # present while a build may be writing: the next build checks every output


class UnsafePath(ValueError):
    """A path that would leave the output folder."""


def relative(out: Path, path: Path) -> str:
    """``path`` below ``out``, as the manifest records it (POSIX separators)."""
    return path.relative_to(out).as_posix()


def confined(out: Path | str, rel: str) -> str:
    """The file ``rel`` (as the manifest names it) below ``out``, as a string (this runs for every
    output of every build); UnsafePath if it would leave the folder."""
    parts = rel.split("/")
    if not rel or rel[0] == "/" or "\\" in rel or "\0" in rel or any(p in ("", ".", "..") for p in parts):
        raise UnsafePath(f"{rel!r} is not a path inside the output folder")
    return os.path.join(out, *parts)


_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")  # what _create_temporary names


class OutputFolder:
    """The one door for writing into a build's output folder.

    Every write and every removal goes through here, and each is checked, before it happens,
    to stay inside the output folder: a subfolder that is a symbolic link to elsewhere
    (``output/text -> ../elsewhere``) is refused, not followed, and nothing outside the
    output folder is ever written or deleted. A folder is resolved once per build."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self.root = os.path.realpath(self.path)
        self._inside: set[str] = set()

    def check(self, path: Path | str) -> str:
        """``path`` (a file to write or remove, below the output folder) as a string, after
        checking that its folder resolves inside the output folder; UnsafePath if it does not."""
        path = os.fspath(path)
        folder = os.path.dirname(path)
        if folder not in self._inside:
            real = os.path.realpath(folder)
            if real != self.root and not real.startswith(self.root.rstrip(os.sep) + os.sep):
                raise UnsafePath(f"{_shown(folder)} leads outside the output folder {_shown(self.path)} "
                                 f"(through a symbolic link); edition writes only inside the output folder: "
                                 f"remove the link, or choose another --out")
            self._inside.add(folder)
        return path

    def write(self, path: Path, data: bytes, durable: bool = False) -> bool:
        """``write_atomic`` inside the output folder."""
        self.check(path)
        return write_atomic(Path(path), data, durable=durable)

    def write_chunks(self, path: Path, chunks, durable: bool = False) -> tuple[bool, str]:
        """``write_atomic_chunks`` inside the output folder."""
        self.check(path)
        return write_atomic_chunks(Path(path), chunks, durable=durable)

    def remove(self, rel: str) -> bool:
        """Remove the output file ``rel`` (as the manifest names it: a regular file below the output
        folder, never a link or anything else). True if removed."""
        return self.unlink(confined(self.path, rel))

    def unlink(self, path: Path | str) -> bool:
        """Remove the regular file ``path`` below the output folder (not a link, not a folder)."""
        path = self.check(path)
        try:
            if os.path.islink(path) or not os.path.isfile(path):
                return False
            os.unlink(path)
        except FileNotFoundError:
            return False
        return True

    def mark(self, name: str) -> None:
        """Create the empty file ``name`` (bookkeeping: the dirty mark) without following a link."""
        path = self.check(self.path / name)
        flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        os.close(os.open(path, flags, 0o644))

    def clean_temporary(self) -> list[Path]:
        """Remove what a killed build left behind (call it under the lock, when the last build did not
        finish): temporary files of interrupted writes anywhere below the output folder. Links are
        never followed: a linked folder is not looked into, a linked file not removed."""
        removed = []
        for top, _dirs, files in os.walk(self.path, followlinks=False):
            for name in files:
                if _TEMPORARY.match(name) and self.unlink(os.path.join(top, name)):
                    removed.append(Path(top, name))
        return removed


def _shown(path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


class Busy(UsageError):
    """Another build holds the output folder's lock."""


@contextlib.contextmanager
def locked(out: Path):
    """Hold the output folder's lock for a build: one writer at a time.

    A POSIX record lock (``fcntl.lockf``) on ``out/.edition-lock``: the kernel releases
    it when the holder exits, however it exits (even SIGKILL), so a stale lock never
    blocks a build; and unlike ``flock`` it belongs to this process only, so a worker
    process forked while it is held (and outliving a killed build) does not hold it.
    """
    out.mkdir(parents=True, exist_ok=True)
    key = out.resolve()
    with _held_lock:  # record locks do not exclude this process's own threads: this set does
        if key in _held:
            raise Busy(f"another build is writing {out}")
        _held.add(key)
    fd = None
    try:
        if fcntl is not None:
            fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0), 0o644)
            try:
                fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                raise Busy(f"another build is writing {out}") from None
        yield
    finally:
        if fd is not None:
            os.close(fd)  # closing releases the lock
        with _held_lock:
            _held.discard(key)


_held: set[Path] = set()
_held_lock = threading.Lock()


def _create_temporary(path: Path) -> tuple[int, str]:
    """A new file beside ``path``, named as ``clean_temporary`` expects, readable by everyone as the
    umask allows (the kernel applies it: no process-wide os.umask() call, which threads would race)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        tmp = os.path.join(path.parent, f".{path.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no temporary file name left beside {path}")


def write_atomic(path: Path, data: bytes, durable: bool = True) -> bool:
    """Write ``data`` to ``path`` atomically. Returns False when the file already held it.

    ``durable`` also forces the data to disk before the rename (an fsync, ~0.5 ms a file).
    Builds skip it: a killed build cannot leave a partial file either way, and a file that
    a power failure damaged no longer matches the hash the manifest holds for it, so the
    next build writes it again."""
    if _regular_size(path) == len(data):
        try:
            if path.read_bytes() == data:
                return False
        except OSError:
            pass
    with _temporary_beside(path, durable) as (f, tmp):
        f.write(data)
    _put_in_place(tmp, path)
    return True


def _named(exc: OSError, path: Path) -> OSError:
    """``exc`` with the file it happened to, when the system did not say (a write to a full disk)."""
    if exc.filename is None and exc.errno is not None:
        return OSError(exc.errno, exc.strerror or os.strerror(exc.errno), os.fspath(path))
    return exc


def write_atomic_chunks(path: Path, chunks, durable: bool = False) -> tuple[bool, str]:
    """Write the byte strings ``chunks`` to ``path`` atomically, one after the other, never holding the
    whole file in memory (a page of the edition that grows with it). Returns (whether the file changed,
    its digest as the manifest records it: "<sha256>:<size>"). A file that already held the same bytes
    is left alone, as ``write_atomic`` leaves it; ``durable`` as for ``write_atomic``."""
    h, size = hashlib.sha256(), 0
    with _temporary_beside(path, durable) as (f, tmp):
        for chunk in chunks:
            f.write(chunk)
            h.update(chunk)
            size += len(chunk)
    digest = f"{h.hexdigest()}:{size}"
    if _digest_of(path) == digest:
        _discard(tmp)
        return False, digest
    _put_in_place(tmp, path)
    return True, digest


@contextlib.contextmanager
def _temporary_beside(path: Path, durable: bool):
    """(open file, its name): a new temporary file beside ``path``, closed (and forced to disk when
    ``durable``) when the block ends, and removed if the block fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = _create_temporary(path)
    try:
        with os.fdopen(fd, "wb") as f:
            yield f, tmp
            if durable:
                f.flush()
                os.fsync(f.fileno())
    except OSError as exc:
        _discard(tmp)
        raise _named(exc, path) from None
    except BaseException:
        _discard(tmp)
        raise


def _put_in_place(tmp: str, path: Path) -> None:
    checkpoints.reached("replace")  # a test may kill the build here: the new file complete, the old in place
    try:
        os.replace(tmp, path)
    except BaseException:
        _discard(tmp)
        raise


def _discard(tmp: str) -> None:
    try:
        os.unlink(tmp)
    except FileNotFoundError:
        pass


def _digest_of(path: Path) -> str | None:
    """"<sha256>:<size>" of the file at ``path``, read in blocks; None when there is none."""
    if _regular_size(path) is None:
        return None
    try:
        h, size = hashlib.sha256(), 0
        with open(path, "rb") as f:
            while block := f.read(1 << 20):
                h.update(block)
                size += len(block)
        return f"{h.hexdigest()}:{size}"
    except OSError:
        return None


def _regular_size(path: Path) -> int | None:
    """The size of ``path`` if it is a regular file (not a link, a FIFO, a folder), else None: only
    such a file is read to compare; anything else is replaced by the new file."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return st.st_size if stat.S_ISREG(st.st_mode) else None
