"""Static full-text search, built with the edition: a Pagefind bundle in ``html/pagefind/``.

Pagefind (PyPI ``pagefind-bin``: a self-contained binary, no Node, nothing fetched) reads the
document pages and writes a search bundle: the index, ``pagefind.js`` and its default UI. The
index page loads that UI with JavaScript; without JavaScript the pages are unchanged.

``update`` runs the binary on a staging copy of the pages to index, into a temporary folder, from a
temporary working directory (so no ``pagefind.yml`` is picked up) and without ``PAGEFIND_*``
variables, so the bundle depends on the pages alone. Pagefind names its files by content and
writes them byte for byte the same from the same pages, so ``output/html/pagefind/`` is committed
like the rest of ``output/``. The files are written with ``write_atomic`` (unchanged ones are left
alone) and files of an older bundle that the new one no longer has are removed.

Search is optional at run time: if the binary is missing or fails, the build still succeeds, one
warning says why, and the previous bundle stays as it was.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from edition import parse
from edition.diagnostics import Diagnostic, warning
from edition.output import write_atomic

#: The bundle's folder, below the HTML folder.
FOLDER = "pagefind"

#: The language every page is indexed under: the index page's, so that its search box finds every
#: document whatever language its page declares (Pagefind otherwise searches one language at a time).
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

TIMEOUT = 120  # seconds; Pagefind indexes the seed in a few milliseconds


@dataclass
class Outcome:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def executable() -> Path | None:
    """The Pagefind binary that ships in the ``pagefind-bin`` wheel, or None."""
    try:
        from pagefind_bin import get_executable
    except ImportError:
        return None
    try:
        return get_executable()
    except (FileNotFoundError, OSError):
        return None


def update(result, html: Path, pages: list[Path]) -> None:
    """The pipeline's hook: index ``pages`` and record what was written in the build ``result``."""
    outcome = index(html, pages)
    result.written += outcome.written
    result.unchanged += outcome.unchanged
    result.removed += outcome.removed
    result.extra += outcome.diagnostics


def index(html: Path, pages: list[Path]) -> Outcome:
    """Index ``pages`` (files below the HTML folder ``html``) into ``html/pagefind/``.

    With no pages there is nothing to search: no bundle is made, and an older one is removed."""
    outcome = Outcome()
    bundle_dir = html / FOLDER
    files: set[Path] = set()
    if pages:
        binary = executable()
        if binary is None:
            return _skipped(outcome, bundle_dir, "the Pagefind binary is not installed (pip install pagefind-bin)")
        with tempfile.TemporaryDirectory(prefix="edition-search-") as tmp:
            site, bundle = Path(tmp) / "site", Path(tmp) / "bundle"
            for page in pages:
                copy = site / page.relative_to(html)
                copy.parent.mkdir(parents=True, exist_ok=True)
                copy.write_bytes(_CELL_END.sub(rb"</\1> ", page.read_bytes()))
            env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
            try:
                run = subprocess.run([str(binary), "--site", str(site), "--output-path", str(bundle),
                                      "--force-language", LANGUAGE, "--exclude-selectors", EXCLUDE, "--silent"],
                                     cwd=tmp, env=env, stdin=subprocess.DEVNULL, capture_output=True,
                                     text=True, errors="replace", timeout=TIMEOUT)
            except (OSError, subprocess.SubprocessError) as exc:
                return _skipped(outcome, bundle_dir, f"Pagefind could not run ({exc})")
            if run.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
                said = " ".join((run.stderr or run.stdout).split())[:300] or f"exit status {run.returncode}"
                return _skipped(outcome, bundle_dir, f"Pagefind failed: {said}")
            files = {p.relative_to(bundle) for p in bundle.rglob("*") if p.is_file() and p.name not in UNUSED}
            for rel in sorted(files):
                dest = bundle_dir / rel
                (outcome.written if write_atomic(dest, (bundle / rel).read_bytes()) else outcome.unchanged).append(dest)
    # an older bundle's files (other content hashes) would only take up room: remove them
    if bundle_dir.is_dir() and not bundle_dir.is_symlink():
        for old in sorted(bundle_dir.rglob("*"), reverse=True):
            if old.is_symlink() or old.is_file():
                if old.relative_to(bundle_dir) not in files:
                    old.unlink()
                    outcome.removed.append(old)
            elif old.is_dir() and not any(old.iterdir()):
                old.rmdir()
        if not files and not any(bundle_dir.iterdir()):
            bundle_dir.rmdir()
    return outcome


def _skipped(outcome: Outcome, bundle_dir: Path, why: str) -> Outcome:
    outcome.diagnostics.append(warning("search-skipped", parse.display_path(bundle_dir), 0, 0,
                                       f"search index not built: {why}; the pages are written, and any "
                                       f"earlier search index is kept as it was"))
    return outcome
