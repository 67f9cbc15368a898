"""Static full-text search, built with the edition: Pagefind bundles in ``html/pagefind/``.

Pagefind (PyPI ``pagefind-bin``: a self-contained binary, no Node, nothing fetched) reads the
document pages and writes a search bundle: the index, ``pagefind.js`` and its default UI. The
index page loads that UI with JavaScript; without JavaScript the pages are unchanged.

Shards. Pagefind holds a whole index in memory while it builds it (about 20 MB per MB of this
edition's pages) and has no option to limit that, so a large edition is indexed in parts: the
pages are split into K shards, K the smallest power of two that keeps each shard, on average,
within ``SHARD_BYTES`` of pages, and each shard is indexed by a Pagefind run of its own. A page
belongs to shard ``sha256(its path below html/) mod K``: the same page stays in the same shard
whatever else changes (until K itself changes), so editing one document indexes one shard again.
Shard 0 is the main bundle, in ``html/pagefind/`` with the UI; shard N (N >= 1) is in
``html/pagefind/shard-N/``, with only what Pagefind's ``mergeIndex`` fetches (its entry, metadata,
index and fragments: no UI, no WebAssembly, no ``pagefind.js``). The index page learns the shard
bundles from the build (``bundles``) and merges them into its search. An edition of up to
``SHARD_BYTES`` of pages (the seed's) has one shard: ``html/pagefind/`` alone, as before sharding.

Incremental. The build remembers, per shard, a key (the members, their page digests, the code of
``edition`` and the Pagefind version) and the files written (``record``, kept in the manifest): a
shard whose key is unchanged and whose files are intact is not indexed again. Up to ``jobs``
shards are indexed at once; with one job, Pagefind itself runs on one thread (``RAYON_NUM_THREADS``).

Each run is a Pagefind process in service mode (``pagefind --service``), in the HTML folder (no
``pagefind.yml`` of a working folder is picked up) and without ``PAGEFIND_*`` variables: the pages
are handed to it in sorted order and it hands the bundle's files back, so a bundle depends on its
pages alone, and nothing is copied anywhere. (Pagefind's own walk of a folder follows the order in
which the file system lists it, and gave other bytes on tmpfs than on ext4.) Pagefind names its
files by content and makes them byte for byte the same from the same pages (whatever its number
of threads), so ``output/html/pagefind/`` is committed like the rest of ``output/``. The files are
written through the build's ``output.OutputFolder`` (unchanged ones are left alone; a bundle's
entry file last) and files under ``html/pagefind/`` that no shard has any more are removed;
nothing outside ``html/pagefind/`` is touched. A build that dies takes its Pagefind processes with
it (Linux: the parent-death signal).

Search is optional at run time: if the binary is missing or fails, the build still succeeds, one
warning says why, and the bundles it could not make stay as they were.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import threading
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from edition.builder import manifest

from edition.sources import parse
from edition.diagnostics import Diagnostic, warning
from edition.builder.output import OutputFolder

#: The bundles' folder, below the HTML folder.
FOLDER = "pagefind"

#: The language every page is indexed under: the index page's (the edition's interface language,
#: English unless edition.toml says otherwise), so that its search box finds every document whatever
#: language its page declares (Pagefind otherwise searches one language at a time).
LANGUAGE = "en"

#: Page furniture that is not the document's text: the skip link, note markers and back-links.
#: (html.xsl also marks the sections every page repeats, the legend, citation, credits and rights,
#: data-pagefind-ignore: they would match every document and make the index larger.)
EXCLUDE = ".skip, [role=doc-noteref], [role=doc-backlink]"

#: Pagefind runs the text of adjacent definition-list and table cells together ("DateJuly 31"); the
#: staging copy gets a space after each such cell so every word is indexed as a word.
_CELL_END = re.compile(rb"</(dt|dd|td|th)>", re.IGNORECASE)

#: Files of the bundle that the edition does not use (Pagefind's other UIs), left out of the output.
UNUSED = ("pagefind-component-ui.css", "pagefind-component-ui.js", "pagefind-modular-ui.css",
          "pagefind-modular-ui.js", "pagefind-highlight.js")

#: The most bytes of pages one Pagefind run indexes, on average over the shards. Measured on this
#: edition's pages (bench/synth.py, Pagefind 1.5.2, peak RSS of one run): 2.5 MB of pages 57 MB,
#: 5 MB 104 MB, 6 MB 124 MB, 10 MB 197 MB, 20 MB 387 MB. With at most 5 MB on average, a shard
#: (pages fall into shards by hash, so some get a few per cent more than others) stays near or
#: under 120 MB.
SHARD_BYTES = 5_000_000

#: Shard N >= 1 lives in ``html/pagefind/shard-N/``.
SHARD_PREFIX = "shard-"
_SHARD_DIR = re.compile(r"^shard-([1-9][0-9]*)$")
_NUMBER = re.compile(r"0|[1-9][0-9]*")

#: What a merged index fetches (Pagefind's ``mergeIndex``: the entry, the metadata, index chunks,
#: fragments and filters); a shard other than the main one keeps only these.
_MERGED_FOLDERS = ("index", "fragment", "filter")
ENTRY = "pagefind-entry.json"

TIMEOUT = 120  # seconds, one Pagefind run; a shard of SHARD_BYTES takes about a second


@dataclass
class Outcome:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass
class Shard:
    number: int
    pages: list[tuple[str, Path]]  # (path below the HTML folder, file), sorted
    key: str  # what its bundle is made from: its pages and their digests, the code, Pagefind's version
    language: str = LANGUAGE  # the language its pages are indexed under


def executable() -> Path | None:
    """The Pagefind binary: the one ``EDITION_PAGEFIND`` names (another version of Pagefind, say), else
    the one that ships in the ``pagefind-bin`` wheel; None when there is none."""
    named = os.environ.get("EDITION_PAGEFIND")
    if named:
        return Path(named) if os.path.isfile(named) and os.access(named, os.X_OK) else None
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return get_executable()
    except (FileNotFoundError, OSError):
        return None


# ------------------------------------------------------------------ which page goes where

def shard_count(total_bytes: int, budget: int | None = None) -> int:
    """The smallest power of two K with ``total_bytes / K <= budget``."""
    budget = max(1, SHARD_BYTES if budget is None else budget)
    k = 1
    while total_bytes > k * budget:
        k *= 2
    return k


def shard_of(rel: str, k: int) -> int:
    """The shard of the page at ``rel`` (its path below the HTML folder) among ``k``: stable."""
    return int.from_bytes(hashlib.sha256(rel.encode("utf-8")).digest()[:8], "big") % k


def plan(html: Path, pages: dict[Path, str], language: str = LANGUAGE) -> list[Shard]:
    """The shards of ``pages`` (file -> ``manifest.digest`` of its bytes), empty ones left out.

    Shard 0 carries the search UI, so it is never empty: in the rare edition where it would be
    (a handful of pages), K is halved until it is not."""
    items = sorted((p.relative_to(html).as_posix(), p, d) for p, d in pages.items())
    if not items:
        return []
    k = shard_count(sum(_size(p, d) for _, p, d in items))
    while True:
        groups: dict[int, list] = {}
        for rel, path, digest in items:
            groups.setdefault(shard_of(rel, k), []).append((rel, path, digest))
        if 0 in groups or k == 1:
            break
        k //= 2
    made_by = f"{manifest.code_digest()}\0{manifest.installed('pagefind_bin')}\0{language}\0"
    return [Shard(n, [(rel, path) for rel, path, _ in members],
                  manifest.sha256((made_by + "\0".join(f"{rel}={d}" for rel, _, d in members)).encode("utf-8")),
                  language)
            for n, members in sorted(groups.items())]


def _size(path: Path, digest: str) -> int:
    try:
        return int(digest.rpartition(":")[2])
    except ValueError:
        return path.stat().st_size


def folder(html: Path, number: int) -> Path:
    """Where shard ``number``'s bundle lives."""
    return html / FOLDER if number == 0 else html / FOLDER / f"{SHARD_PREFIX}{number}"


def bundles(record: dict | None) -> list[str]:
    """The bundles to merge into the main one, as the index page finds them (``pagefind/shard-N/``)."""
    return [f"{FOLDER}/{SHARD_PREFIX}{n}/" for n in sorted(int(n) for n in _bundles(record)) if n > 0]


def fresh(html: Path, pages: dict[Path, str], record: dict | None, verify: bool = False,
          language: str = LANGUAGE) -> bool:
    """Whether the bundles on disk, as ``record`` says, are those ``pages`` make: nothing to index."""
    made = _bundles(record)
    shards = plan(html, pages, language)
    return set(made) == {str(s.number) for s in shards} and all(
        made[str(s.number)]["key"] == s.key and manifest.intact(html, made[str(s.number)]["files"], verify)
        for s in shards)


def files(html: Path, record: dict | None) -> list[Path]:
    """The files of the bundles ``record`` says were made (below the HTML folder ``html``)."""
    return [html / rel for _, entry in sorted(_bundles(record).items(), key=lambda item: int(item[0]))
            for rel in sorted(entry["files"])]


def _bundles(record: dict | None) -> dict[str, dict]:
    """shard number (a string) -> {"key", "files": {path below the HTML folder: digest}}; {} if unusable."""
    try:
        made = dict(record["bundles"])
        for n, entry in made.items():
            if not (_NUMBER.fullmatch(n) and isinstance(entry["key"], str) and isinstance(entry["files"], dict)):
                return {}
        return made
    except (TypeError, KeyError, AttributeError, ValueError):
        return {}


# ------------------------------------------------------------------ indexing

def add_to(result, outcome: Outcome) -> None:
    """Record what ``index`` did in the build ``result`` (files written, unchanged, removed; warnings)."""
    result.written += outcome.written
    result.unchanged += outcome.unchanged
    result.removed += outcome.removed
    result.extra += outcome.diagnostics


def index(html: Path, pages: dict[Path, str], record: dict | None = None, *, force: bool = False,
          jobs: int = 1, verify: bool = False, writer: OutputFolder | None = None,
          language: str = LANGUAGE) -> tuple[Outcome, dict]:
    """Index ``pages`` (files below the HTML folder ``html`` -> ``manifest.digest`` of each) into
    ``html/pagefind/``: the shards that ``record`` shows made from the same pages (and intact) are
    kept, the others are indexed, up to ``jobs`` at once. Returns what was done and the new record.

    With no pages there is nothing to search: no bundle is made, and an older one is removed.
    Everything is written and removed through ``writer`` (the build's output folder: by default
    the one ``html`` is in), which keeps it inside the output folder."""
    writer = writer if writer is not None else OutputFolder(html.parent)
    outcome = Outcome()
    made = _bundles(record)
    shards = plan(html, pages, language)
    new: dict[str, dict] = {}
    stale = []
    for shard in shards:
        old = made.get(str(shard.number))
        if not force and old is not None and old["key"] == shard.key and manifest.intact(html, old["files"], verify):
            new[str(shard.number)] = old
            outcome.unchanged += [html / rel for rel in sorted(old["files"])]
        else:
            stale.append(shard)
    failed: list[tuple[Shard, str]] = []
    if stale:
        binary = executable()
        if binary is None:
            why = "the Pagefind binary is not installed (pip install pagefind-bin)"
            return _skipped(outcome, html / FOLDER, why), {"bundles": made}  # every bundle stays as it was
        at_once = max(1, min(jobs, len(stale)))
        threads = max(1, jobs // at_once)  # Pagefind's own threads: --jobs 1 means one, in all
        with ThreadPoolExecutor(max_workers=at_once) as pool:
            runs = list(pool.map(lambda s: _run(binary, html, s, threads, writer), stale))
        for shard, (files, written, unchanged, why) in zip(stale, runs):
            if why is not None:
                failed.append((shard, why))
                if str(shard.number) in made:
                    new[str(shard.number)] = made[str(shard.number)]  # still on disk, as it was
                continue
            new[str(shard.number)] = {"key": shard.key, "files": files}
            outcome.written += written
            outcome.unchanged += unchanged
    if failed:
        shard, why = failed[0]
        also = f" (and {len(failed) - 1} more of the {len(shards)} index shards)" if len(failed) > 1 else ""
        _skipped(outcome, folder(html, shard.number), why + also)
        for n, entry in made.items():  # the bundles this build did not replace all stay, as they were
            new.setdefault(n, entry)
    _remove_old(html, new, {s.number for s, _ in failed}, outcome, writer)
    return outcome, {"bundles": dict(sorted(new.items(), key=lambda item: int(item[0])))}


def _run(binary: Path, html: Path, shard: Shard, threads: int, writer: OutputFolder):
    """Index one shard: (files written {path below html: digest}, written, unchanged, None),
    or (None, [], [], why) if Pagefind could not make its bundle.

    Pagefind runs as a service (``pagefind --service``): the pages are handed to it one by one,
    in the shard's sorted order, and it hands the bundle's files back. So nothing is copied or
    written outside the output folder, and the bundle does not depend on the order in which a
    file system lists a folder (Pagefind's own folder walk does: the same pages gave other
    bytes on tmpfs than on ext4)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
    env["RAYON_NUM_THREADS"] = str(threads)
    try:
        with _Service(binary, env, html.resolve()) as service:
            index = service.send({"type": "NewIndex", "config": {
                "force_language": shard.language, "exclude_selectors": [EXCLUDE]}})["index_id"]
            for rel, page in shard.pages:
                contents = _CELL_END.sub(rb"</\1> ", page.read_bytes()).decode("utf-8", "replace")
                service.send({"type": "AddFile", "index_id": index, "file_path": None, "url": "/" + rel,
                              "file_contents": contents})
            made = service.send({"type": "GetFiles", "index_id": index})["files"]
    except _ServiceFailed as exc:
        return None, [], [], f"Pagefind failed: {exc}"
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return None, [], [], f"Pagefind could not run ({exc})"
    bundle = {}
    for item in made:
        rel = str(item["path"]).lstrip("/")
        if rel and ".." not in rel.split("/") and _kept(rel, shard.number):
            bundle[rel] = base64.b64decode(item["content"])
    if ENTRY not in bundle:
        return None, [], [], "Pagefind failed: it made no pagefind-entry.json"
    dest = folder(html, shard.number)
    files, written, unchanged = {}, [], []
    for rel in sorted(bundle, key=lambda r: (r == ENTRY, r)):  # the entry last
        path = dest / rel
        (written if writer.write(path, bundle[rel]) else unchanged).append(path)
        files[path.relative_to(html).as_posix()] = manifest.digest(bundle[rel])
    return files, written, unchanged, None


class _ServiceFailed(Exception):
    """Pagefind's service said it could not do what was asked, or ended."""


class _Service:
    """A Pagefind process in service mode, spoken to one request at a time: each request and each
    response is JSON, base64-encoded, followed by a comma (the protocol of Pagefind's own Python and
    Node APIs). It dies with the thread that started it (``_die_with_parent``), and is killed if a
    request takes longer than ``TIMEOUT``."""

    def __init__(self, binary: Path, env: dict, cwd: Path):
        self.proc = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=env, cwd=cwd, preexec_fn=_die_with_parent())
        self.buffer = b""
        self.number = 0
        self.said = deque(maxlen=20)  # Pagefind's last lines on stderr, for the warning when it fails
        self.listener = threading.Thread(target=self._listen, daemon=True)
        self.listener.start()

    def _listen(self) -> None:
        for line in self.proc.stderr:
            self.said.append(line.decode("utf-8", "replace"))

    def _ended(self) -> _ServiceFailed:
        status = self.proc.wait()
        self.listener.join(timeout=5)
        said = " ".join("".join(self.said).split())[:300]
        return _ServiceFailed(said or f"it ended (exit status {status})")

    def send(self, payload: dict) -> dict:
        self.number += 1
        request = json.dumps({"message_id": self.number, "payload": payload}).encode("utf-8")
        timer = threading.Timer(TIMEOUT, self.proc.kill)
        timer.start()
        try:
            self.proc.stdin.write(base64.b64encode(request) + b",")
            self.proc.stdin.flush()
            response = self._receive()
        except (BrokenPipeError, ConnectionError):
            raise self._ended() from None
        finally:
            timer.cancel()
        answer = response.get("payload") or {}
        if answer.get("type") == "Error":
            raise _ServiceFailed(" ".join(str(answer.get("message", "an error")).split())[:300])
        if response.get("message_id") != self.number:
            raise _ServiceFailed("it answered another request than the one asked")
        return answer

    def _receive(self) -> dict:
        while b"," not in self.buffer:
            chunk = self.proc.stdout.read1(1 << 16)
            if not chunk:
                raise self._ended()
            self.buffer += chunk
        message, _, self.buffer = self.buffer.partition(b",")
        return json.loads(base64.b64decode(message))

    def __enter__(self) -> "_Service":
        return self

    def __exit__(self, *exc) -> None:
        for stream in (self.proc.stdin, self.proc.stdout, self.proc.stderr):
            with contextlib.suppress(OSError):
                stream.close()
        self.proc.kill()
        self.proc.wait()


def _die_with_parent():
    """For Pagefind's process (Linux): the kernel kills it when the thread that started it ends, so a
    build killed while Pagefind runs leaves no Pagefind behind. Elsewhere: None (nothing to do).

    The function runs in the child between fork and exec; it only calls prctl(2) through a
    function looked up here, before the fork (nothing is imported or allocated in the child)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        import ctypes

        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None
    return lambda: prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _kept(rel: str, number: int) -> bool:
    """Whether the file ``rel`` of shard ``number``'s Pagefind output goes into the edition."""
    if number == 0:
        return rel not in UNUSED
    return rel == ENTRY or ("/" not in rel and rel.endswith(".pf_meta")) or rel.split("/")[0] in _MERGED_FOLDERS


def _remove_old(html: Path, made: dict[str, dict], failed: set[int], outcome: Outcome, writer: OutputFolder) -> None:
    """Remove files below ``html/pagefind/`` that no bundle in ``made`` has (an older bundle's, or a
    shard's that is no more), but those of a shard that could not be indexed again (``failed``).
    Links are neither followed nor removed."""
    root = html / FOLDER
    if not root.is_dir() or root.is_symlink():
        return
    writer.check(root / "x")
    keep = {rel for entry in made.values() for rel in entry["files"]}
    for top, dirs, names in sorted(os.walk(root, followlinks=False), reverse=True):  # deepest folders first
        for name in names:
            old = Path(top, name)
            rel = old.relative_to(html).as_posix()
            parts = old.relative_to(root).parts
            owner = _SHARD_DIR.match(parts[0]) if len(parts) > 1 else None
            if rel not in keep and (int(owner.group(1)) if owner else 0) not in failed and writer.unlink(old):
                outcome.removed.append(old)
        if top != os.fspath(root) and not os.path.islink(top):
            with contextlib.suppress(OSError):
                os.rmdir(top)  # only when empty
    with contextlib.suppress(OSError):
        os.rmdir(root)


def _skipped(outcome: Outcome, where: Path, why: str) -> Outcome:
    outcome.diagnostics.append(warning("search-skipped", parse.display_path(where), 0, 0,
                                       f"search index not built: {why}; the pages are written, and any "
                                       f"earlier search index is kept as it was"))
    return outcome
