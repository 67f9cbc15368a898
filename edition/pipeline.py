"""The pipeline, one straight road:

    sources -> parse (hardened) -> validate (RelaxNG, then rules)
            -> transform (compiled once) -> write (atomic) -> report

``check`` takes one source as far as validation; ``build`` renders what passed and
writes the edition. Both return results; printing is the reporter's job.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from edition import parse, rules, search, site, transform, validate
from edition.diagnostics import Diagnostic, error, sort, warning
from edition.output import ASSETS, FORMATS, INDEX, target, write_atomic
from edition.parse import TEI_NS, Source
from edition import resources


class UsageError(Exception):
    """The tool cannot run as asked (missing path, unusable schema): exit 2."""


@dataclass
class Options:
    schema: Path | None = None  # None: the edition's own schema
    rules: bool = True
    params: dict = field(default_factory=dict)  # stylesheet parameters


@dataclass
class Checked:
    path: Path
    display: str
    source: Source | None
    diagnostics: list[Diagnostic]

    @property
    def ok(self) -> bool:
        return self.source is not None and not any(d.is_error for d in self.diagnostics)


@dataclass
class Result:
    checked: list[Checked] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    extra: list[Diagnostic] = field(default_factory=list)  # problems not tied to one source's checks
    tool_failed: bool = False

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sort([d for c in self.checked for d in c.diagnostics] + self.extra)


# ------------------------------------------------------------------ sources

def discover(paths: list[Path]) -> list[tuple[Path, str]]:
    """Every source named: files as given, folders searched for *.xml. (path, display name) pairs."""
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for p in paths:
        if p.is_dir():
            files = sorted(f for f in p.rglob("*.xml") if not any(part.startswith(".") for part in f.relative_to(p).parts))
        elif p.exists() or p.is_symlink():
            files = [p]
        else:
            raise UsageError(f"{p}: no such file or folder")
        for f in files:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                found.append((f, parse.display_path(f)))
    return found


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
                    f"--changed: {parse.display_path(where)} is not in a git repository", detail=False).strip())
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


def check(path: Path, display: str, options: Options) -> Checked:
    """Parse and validate one source: grammar first, then (if it parses) the rules."""
    source, problems = parse.load(path, display)
    if source is None:
        return Checked(path, display, None, problems)
    schema = validate.compile_schema(options.schema)
    problems = validate.validate(source, schema)
    if options.rules:
        problems += rules.check(source)
    return Checked(path, display, source, sort(problems))


def check_all(paths: list[Path], options: Options) -> Result:
    validate.compile_schema(options.schema)  # fail early (exit 2) on an unusable schema
    result = Result()
    for path, display in discover(paths):
        result.checked.append(check(path, display, options))
    return result


# ------------------------------------------------------------------ build

def _summary(source: Source, doc_id: str) -> etree._Element:
    """What the index page needs to know about one document."""
    ns = {"t": TEI_NS}
    root = source.root

    def text(xpath: str) -> str:
        found = root.xpath(xpath, namespaces=ns)
        return " ".join("".join(found[0].itertext()).split()) if found else ""

    doc = etree.Element("document", id=doc_id)
    date = root.xpath("t:teiHeader/t:profileDesc/t:creation/t:date[1]", namespaces=ns)
    doc.set("when", date[0].get("when") or date[0].get("from") or date[0].get("notBefore") or "" if date else "")
    for name, xpath in (
        ("title", "t:teiHeader/t:fileDesc/t:titleStmt/t:title[1]"),
        ("date", "t:teiHeader/t:profileDesc/t:creation/t:date[1]"),
        ("place", "t:teiHeader/t:profileDesc/t:creation/t:placeName[1]"),
        ("type", "t:teiHeader/t:profileDesc/t:textClass//t:term[@type='documentType'][1]"),
        ("summary", "t:teiHeader/t:profileDesc/t:abstract"),
    ):
        etree.SubElement(doc, name).text = text(xpath) or (doc_id if name == "title" else "")
    return doc


def build(paths: list[Path], out: Path, options: Options) -> Result:
    result = check_all(paths, options)
    index = etree.Element("edition")
    ids: dict[str, str] = {}
    for c in result.checked:
        if not c.ok:
            continue  # not rendered: its previous outputs stay as they were
        doc_id = c.source.doc_id or c.path.stem
        if doc_id in ids:
            c.diagnostics.append(error("doc-id-duplicate", c.display, *c.source.position(c.source.root),
                                       f'document id "{doc_id}" is also used by {ids[doc_id]}; every document needs its own id'))
            continue
        ids[doc_id] = c.display
        try:
            rendered = {name: transform.render(c.source.tree, fmt.stylesheet, {**options.params, "document-id": doc_id})
                        for name, fmt in FORMATS.items()}
        except transform.TransformError as exc:
            c.diagnostics.append(error("render", c.display, 0, 0, f"could not be rendered: {exc}"))
            result.tool_failed = True
            continue
        for name, text in rendered.items():
            _write(result, target(out, FORMATS[name], doc_id), text.encode("utf-8"))
        index.append(_summary(c.source, doc_id))

    for folder, rel, out_folder, name in ASSETS:
        _write(result, out / out_folder / name, (resources.folder(folder) / rel).read_bytes())

    if any(not c.ok for c in result.checked):
        # an edition with broken sources keeps its previous index rather than losing their entries
        result.extra.append(warning("index-kept", parse.display_path(target(out, INDEX, "index")), 0, 0,
                                  "not rewritten because some sources have errors; fix them and build again"))
    else:
        docs = sorted(index, key=lambda d: (d.get("when") or "9999", d.findtext("title") or "", d.get("id")))
        index[:] = docs
        html = transform.render_text(etree.tostring(index, encoding="unicode"), INDEX.stylesheet, options.params)
        _write(result, target(out, INDEX, "index"), html.encode("utf-8"))
        search.update(result, out / "html", [target(out, FORMATS["html"], i) for i in ids])  # html/pagefind/
    site.write_edition_pages(result, out, options.params)  # persons index (edition/site.py)
    return result


def _write(result: Result, path: Path, data: bytes) -> None:
    (result.written if write_atomic(path, data) else result.unchanged).append(path)
