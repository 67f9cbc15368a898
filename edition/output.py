"""Where outputs go and how they are written.

``FORMATS`` is the registry of per-document formats: adding a format is one entry
here and one stylesheet in ``xslt/``. ``write_atomic`` writes through a temporary
file in the target folder and ``os.replace``, and leaves unchanged files alone, so
a reader never sees a half-written page and timestamps mean something.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from edition import checkpoints

try:  # POSIX; elsewhere builds are not locked
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None


@dataclass(frozen=True)
class Format:
    name: str
    stylesheet: str  # in xslt/
    folder: str  # below the output folder
    suffix: str
    media_type: str
    #: whether the format carries the document's text (the reading editions) or only data about it
    #: (citations): an element none of the text formats has a rule for is rendered plainly, and said
    text: bool = True


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("html", "html.xsl", "html", ".html", "text/html"),
        Format("text", "text.xsl", "text", ".txt", "text/plain"),
        Format("csl", "csl.xsl", "cite", ".json", "application/vnd.citationstyles.csl+json", text=False),
        Format("bibtex", "bibtex.xsl", "cite", ".bib", "application/x-bibtex", text=False),
    )
}

#: Edition-level pages, rendered once per build from the list of documents.
INDEX = Format("index", "index.xsl", "html", ".html", "text/html")

#: Static files copied into an output folder: (package data path, folder, name).
ASSETS = [("xslt", "css/edition.css", "html", "edition.css")]


#: Files of the build's own bookkeeping in the output folder (not part of the edition).
MANIFEST = ".edition-manifest.json"
LOCK = ".edition-lock"
DIRTY = ".edition-dirty"  # present while a build may be writing: the next build checks every output

#: A document id usable as a file name on every file system an edition is built or read on (Linux,
#: macOS, Windows): nothing a file system could read as a path or refuses in a name ("/", "\\", ":",
#: the other characters Windows refuses, control characters; no leading dot or hyphen), not a
#: name an edition-level page already uses, in any case (macOS and Windows ignore case), nor a
#: Windows device name, and short enough in bytes. XML NCNames (what xml:id holds) qualify
#: for the characters.
_SAFE_NAME = re.compile(r'^[^./\\:\-\x00-\x1f\x7f<>"|?*][^/\\:\x00-\x1f\x7f<>"|?*]*$')
RESERVED = {"index", "persons"}  # the edition pages in html/, compared ignoring case
#: Windows device names: a file named so, with any extension ("nul.html"), cannot be created there
DEVICES = {"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in "0123456789\u00b9\u00b2\u00b3")}

#: The longest file name, in bytes: 255 on ext4, XFS, Btrfs, APFS (UTF-8); 255 UTF-16 units on
#: NTFS and HFS+ (the latter in decomposed form), never more than the UTF-8 bytes of that form.
NAME_MAX = 255
#: What write_atomic adds to an output's name for its temporary file (``_create_temporary``):
#: "." before it, then "." + 8 hexadecimal digits + ".tmp".
TEMPORARY_EXTRA = len(".") + len(".") + 8 + len(".tmp")
#: The longest document id, in bytes: the temporary name of its longest output file fits NAME_MAX.
MAX_ID_BYTES = NAME_MAX - TEMPORARY_EXTRA - max(len(f.suffix.encode("utf-8")) for f in FORMATS.values())


class UnsafePath(ValueError):
    """A path that would leave the output folder."""


def safe_name(doc_id: str) -> bool:
    """Whether ``doc_id`` can name an output file without leaving its folder, on any file system."""
    return id_problem(doc_id) is None


def id_problem(doc_id: str) -> tuple[str, str] | None:
    """Why ``doc_id`` cannot name the document's output files, as (code, message); None if it can."""
    fix = 'give the document an xml:id of letters, digits, "-", "_" and "." (not first)'
    if not doc_id or not _SAFE_NAME.match(doc_id):
        return "unsafe-id", f'document id "{doc_id}" cannot name an output file ({_unsafe(doc_id)}); {fix}'
    base = doc_id.split(".", 1)[0].rstrip(" ").casefold()
    if doc_id.casefold() in RESERVED:
        return "unsafe-id", (f'document id "{doc_id}" cannot name an output file: it is the name of an edition page '
                             f"({', '.join(sorted(RESERVED))}; on macOS and Windows in any case); choose another id")
    if base in DEVICES:
        return "unsafe-id", (f'document id "{doc_id}" cannot name an output file: "{doc_id.split(".", 1)[0]}" is a device '
                             f"name on Windows (CON, PRN, AUX, NUL, COM0-COM9, LPT0-LPT9, with any extension, in any case), "
                             f"where its files cannot be created; choose another id")
    size = id_bytes(doc_id)
    if size > MAX_ID_BYTES:
        shown = doc_id if len(doc_id) <= 40 else doc_id[:40] + "..."
        return "id-too-long", (f'document id "{shown}" is {size} bytes long as a file name; file systems take names of at most '
                               f"{NAME_MAX} bytes, and its longest output file (with its suffix and the temporary name it is "
                               f"written under) needs {TEMPORARY_EXTRA + max(len(f.suffix) for f in FORMATS.values())} more, "
                               f"so an id may have at most {MAX_ID_BYTES} bytes: shorten it (and the file name)")
    return None


def id_bytes(doc_id: str) -> int:
    """The length of ``doc_id`` as a file name, in the unit file systems count: UTF-8 bytes, or UTF-16
    units of its decomposed form (HFS+), whichever is more."""
    size = len(doc_id.encode("utf-8", "surrogatepass"))
    if doc_id.isascii():
        return size
    import unicodedata  # only for non-ASCII ids

    return max(size, len(unicodedata.normalize("NFD", doc_id).encode("utf-16-le", "surrogatepass")) // 2)


def id_key(doc_id: str) -> str:
    """What a file system that ignores case (and, on macOS, normalisation) sees of ``doc_id``: two ids
    with the same key name the same files there."""
    if doc_id.isascii():
        return doc_id.lower()
    import unicodedata

    return unicodedata.normalize("NFD", unicodedata.normalize("NFD", doc_id).casefold())


def _unsafe(doc_id: str) -> str:
    if not doc_id:
        return "it is empty"
    if doc_id[0] in ".-":
        return f'it starts with "{doc_id[0]}"'
    bad = next((c for c in doc_id if c in '/\\:<>"|?*' or ord(c) < 0x20 or ord(c) == 0x7F), "?")
    return f"it has {bad!r}, which a file name cannot have on every system"


def target(out: Path, fmt: Format, doc_id: str) -> Path:
    if not safe_name(doc_id):
        raise UnsafePath(f"document id {doc_id!r} cannot name a file")
    return out / fmt.folder / f"{doc_id}{fmt.suffix}"


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


def remove(out: Path, rel: str) -> bool:
    """Remove the output file ``rel`` (a regular file below ``out``, nothing else). True if removed."""
    path = Path(confined(out, rel))
    root = out.resolve()
    if root not in path.parent.resolve().parents and path.parent.resolve() != root:
        raise UnsafePath(f"{rel!r} leads outside {out} (through a symbolic link)")
    try:
        if path.is_symlink() or not path.is_file():
            return False
        path.unlink()
    except FileNotFoundError:
        return False
    return True


_TEMPORARY = re.compile(r"^\..+\.[a-z0-9_]{8}\.tmp$")  # what write_atomic's mkstemp names


def clean_temporary(out: Path) -> list[Path]:
    """Remove temporary files a killed build left in the folders builds write to (under the lock)."""
    folders = {out} | {out / f.folder for f in (*FORMATS.values(), INDEX)} | {out / a[2] for a in ASSETS}
    removed = []
    for folder in sorted(folders):
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for p in entries:
            if _TEMPORARY.match(p.name) and p.is_file() and not p.is_symlink():
                p.unlink(missing_ok=True)
                removed.append(p)
    return removed


class Busy(Exception):
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
            fd = os.open(out / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
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
    try:
        if path.read_bytes() == data:
            return False
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        pass
    with _temporary_beside(path, durable) as (f, tmp):
        f.write(data)
    _put_in_place(tmp, path)
    return True


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
    try:
        h, size = hashlib.sha256(), 0
        with open(path, "rb") as f:
            while block := f.read(1 << 20):
                h.update(block)
                size += len(block)
        return f"{h.hexdigest()}:{size}"
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
