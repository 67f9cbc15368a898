"""The pipeline, one straight road:

    sources -> parse (hardened) -> validate (RelaxNG, then rules)
            -> transform (compiled once) -> write (atomic) -> report

``check`` takes one source as far as validation (``edition validate``). A build has
two phases:

1. per document, ``process``: a pure function of (source bytes, stylesheets,
   parameters) that returns the rendered bytes, the diagnostics and the summary the
   index needs. It runs wherever an executor puts it: in this process, in a pool of
   worker processes (``--jobs``), or on a Dask cluster (``--executor``). Workers
   return results; only this process writes.
2. per edition, once every document is done: duplicate ids, unstyled elements, the
   index, the assets, outputs of documents that are gone, the manifest.

A source whose inputs (its bytes, the stylesheets, the schema, the rules, the
parameters, the package) are those of the last build is not processed again: the
manifest (``edition.manifest``) holds its summary and diagnostics. Both phases return
results; printing is the reporter's job.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import platform
import re
import subprocess
import sys
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from edition import checkpoints, manifest, output, parse, resources, rules, search, site, transform, validate
from edition.diagnostics import Diagnostic, Severity, error, sort, warning
from edition.manifest import Manifest
from edition.output import ASSETS, FORMATS, INDEX, target, write_atomic
from edition.parse import TEI_NS, Source
from edition.progress import Progress, wanted


class UsageError(Exception):
    """The tool cannot run as asked (missing path, unusable schema): exit 2."""


@dataclass
class Options:
    schema: Path | None = None  # None: the edition's own schema
    rules: bool = True
    params: dict = field(default_factory=dict)  # stylesheet parameters
    jobs: int | None = None  # worker processes; None: one per CPU when the build is big enough
    force: bool = False  # rebuild every document, whatever the manifest says
    executor: str | None = None  # "dask://HOST:PORT": run documents on a Dask cluster


@dataclass
class Checked:
    path: Path
    display: str
    source: Source | None  # a build keeps no trees (memory): None there, see ``parsed``
    diagnostics: list[Diagnostic]
    parsed: bool | None = None  # whether the source parsed; None: as ``source`` says

    @property
    def ok(self) -> bool:
        parsed = self.source is not None if self.parsed is None else self.parsed
        return parsed and not any(d.is_error for d in self.diagnostics)


@dataclass
class Result:
    checked: list[Checked] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    extra: list[Diagnostic] = field(default_factory=list)  # problems not tied to one source's checks
    tool_failed: bool = False
    rendered: int = 0  # documents processed in this build (the others came from the manifest)

    @property
    def diagnostics(self) -> list[Diagnostic]:
        return sort([d for c in self.checked for d in c.diagnostics] + self.extra)


# ------------------------------------------------------------------ sources

def discover(paths: list[Path]) -> list[tuple[Path, str]]:
    """Every source named: files as given, folders searched for *.xml. (path, display name) pairs."""
    found: list[tuple[Path, str]] = []
    seen: set = set()
    for p in paths:
        if p.is_dir():
            found += [item for item in _walk(p) if _first(item, seen)]
        elif p.exists() or p.is_symlink():
            if _first((p, ""), seen):
                found.append((p, parse.display_path(p)))
        else:
            raise UsageError(f"{p}: no such file or folder")
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
    folder, sorted by path. Display names as ``parse.display_path`` gives them, computed once."""
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
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        rel_top = os.path.relpath(top, folder)
        parts = () if rel_top == "." else tuple(rel_top.split(os.sep))
        rels += [(*parts, f) for f in files if f.endswith(".xml") and not f.startswith(".")]
        # a folder named like a source is reported (parse.read: "is a directory"), and searched too
        rels += [(*parts, d) for d in dirs if d.endswith(".xml")]
    rels.sort()
    return [(folder.joinpath(*parts), os.path.normpath(os.path.join(base, *parts)) if inside else str(folder.joinpath(*parts)))
            for parts in rels]


def check(path: Path, display: str, options: Options) -> Checked:
    """Parse and validate one source: grammar first, then (if it parses) the rules."""
    source, problems = parse.load(path, display)
    if source is None:
        return Checked(path, display, None, problems)
    return Checked(path, display, source, sort(diagnose(source, options.schema, options.rules)))


def diagnose(source: Source, schema: Path | None, with_rules: bool) -> list[Diagnostic]:
    """Grammar problems (the compiled schema, once per process), then the rules' findings, and whether the
    document id can name the output files (``edition validate`` refuses what ``build`` could not write)."""
    problems = validate.validate(source, validate.compile_schema(schema))
    if with_rules:
        problems += rules.check(source)
    return problems + id_problems(source)


def document_id(source: Source) -> str:
    """The document's id: its root xml:id, else its file name without .xml."""
    return source.doc_id or source.path.stem


def id_problems(source: Source) -> list[Diagnostic]:
    """Why the document id cannot name the output files (output.id_problem), at the root element."""
    found = output.id_problem(document_id(source))
    if found is None:
        return []
    code, message = found
    return [error(code, source.display, *source.position(source.root), message)]


def check_all(paths: list[Path], options: Options, keep_sources: bool = False) -> Result:
    """Check every source named. Trees are let go once checked (memory stays flat however many
    sources there are) unless ``keep_sources``."""
    validate.compile_schema(options.schema)  # fail early (exit 2) on an unusable schema
    result = Result()
    for path, display in discover(paths):
        checked = check(path, display, options)
        if not keep_sources:
            checked.parsed, checked.source = checked.source is not None, None
        result.checked.append(checked)
    return result


# ------------------------------------------------------------------ one document

@dataclass(frozen=True)
class Job:
    """What the per-document step needs: small and picklable, so any worker can run it."""

    data: bytes
    path: str
    display: str
    schema: str | None
    rules: bool
    params: tuple[tuple[str, str], ...]
    inputs: str  # the hash of the inputs, handed back with the result
    code: str = ""  # manifest.code_digest() of the building process: a worker must run the same code


@dataclass
class Done:
    """What the per-document step returns (or what the manifest remembers of it)."""

    display: str
    inputs: str | None
    doc_id: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outputs: dict[str, bytes] = field(default_factory=dict)  # format name -> rendered bytes
    summary: dict | None = None  # what the index needs; None when not rendered
    position: tuple[int, int] = (1, 1)  # of the root element
    unstyled: dict[str, list[int]] = field(default_factory=dict)  # element -> [count, line, column]
    render_failed: bool = False
    entry: dict | None = None  # the manifest entry it came from, when it was not processed again

    @property
    def ok(self) -> bool:
        return self.summary is not None and not any(d.is_error for d in self.diagnostics)


def process(job: Job) -> Done:
    """The per-document step: parse, validate, render. A pure function of its inputs.

    Runs in any process; each process compiles the schema and the stylesheets once
    (``validate.compile_schema``, ``transform.compiled``) and reuses them.
    """
    if job.code and job.code != manifest.code_digest():
        raise UsageError(f"a worker (host {platform.node()}) runs other code than this build: another version of "
                         f"edition, of its stylesheets or schemas, or of lxml/saxonche (install the same there), "
                         f"or they changed while the build ran (build again)")
    done = Done(job.display, job.inputs)
    source, problems = parse.from_bytes(job.data, Path(job.path), job.display)
    if source is None:
        done.diagnostics = problems
        return done
    problems = diagnose(source, Path(job.schema) if job.schema else None, job.rules)
    done.doc_id = doc_id = document_id(source)
    done.position = source.position(source.root)
    done.diagnostics = sort(problems)
    if any(d.is_error for d in done.diagnostics):
        return done  # not rendered: its previous outputs stay as they were
    xml = etree.tostring(source.tree, encoding="unicode")
    params = {**dict(job.params), "document-id": doc_id}
    found = summary(source, doc_id)
    try:
        rendered = transform.render_all(xml, [fmt.stylesheet for fmt in FORMATS.values()] + [site.PERSONS_DATA], params)
        found["entry"] = site.index_entry(found, params)  # its entry in the index page
    except transform.TransformError as exc:
        done.diagnostics.append(error("render", job.display, 0, 0, f"could not be rendered: {exc}"))
        done.render_failed = True
        return done
    done.outputs = {name: text.encode("utf-8") for name, text in zip(FORMATS, rendered)}
    found["persons"] = site.persons_data(rendered[-1])  # what the persons index needs of it
    done.summary = found
    done.unstyled = unstyled(source)
    return done


def summary(source: Source, doc_id: str) -> dict:
    """What the index page needs to know about one document."""
    ns = {"t": TEI_NS}
    root = source.root

    def text(xpath: str) -> str:
        found = root.xpath(xpath, namespaces=ns)
        return " ".join("".join(found[0].itertext()).split()) if found else ""

    date = root.xpath("t:teiHeader/t:profileDesc/t:creation/t:date[1]", namespaces=ns)
    out = {"id": doc_id, "when": (date[0].get("when") or date[0].get("from") or date[0].get("notBefore") or "") if date else ""}
    for name, xpath in (
        ("title", "t:teiHeader/t:fileDesc/t:titleStmt/t:title[1]"),
        ("date", "t:teiHeader/t:profileDesc/t:creation/t:date[1]"),
        ("place", "t:teiHeader/t:profileDesc/t:creation/t:placeName[1]"),
        ("type", "t:teiHeader/t:profileDesc/t:textClass//t:term[@type='documentType'][1]"),
        ("summary", "t:teiHeader/t:profileDesc/t:abstract"),
    ):
        out[name] = text(xpath) or (doc_id if name == "title" else "")
    return out


_NAMED = re.compile(r"\btei:([A-Za-z][\w.\-]*)")
_IMPORT = re.compile(r"<xsl:(?:import|include)\s+href=\"([^\"]+)\"")
_DEFAULT_NS = re.compile(r"xpath-default-namespace=\"" + re.escape(TEI_NS) + "\"")
_XPATH_ATTR = re.compile(r"\s(?:match|select|test|use)=\"([^\"]*)\"")
_BARE = re.compile(r"(?<![\w$:@.\-])([A-Za-z][\w.\-]*)(?![\w.\-]*\s*\()")


@cache
def styled_elements() -> frozenset[str]:
    """TEI elements some text format's stylesheet (or one it imports) names: those it renders deliberately."""
    def names(path: Path, seen: set[Path]) -> set[str]:
        if path in seen:
            return set()
        seen.add(path)
        text = path.read_text(encoding="utf-8")
        found = set(_NAMED.findall(text))
        if _DEFAULT_NS.search(text):  # unprefixed names in XPath are TEI elements there
            for xpath in _XPATH_ATTR.findall(text):
                found.update(_BARE.findall(xpath))
        for href in _IMPORT.findall(text):
            found |= names((path.parent / href).resolve(), seen)
        return found

    sets = [names(resources.stylesheet(f.stylesheet).resolve(), set()) for f in FORMATS.values() if f.text]
    return frozenset(set().union(*sets))  # a rule in any text format: the element is rendered deliberately


def unstyled(source: Source) -> dict[str, list[int]]:
    """Elements of the text no stylesheet has a rule for (rendered as plain text): name -> [count, line, column]."""
    styled = styled_elements()
    found: dict[str, list[int]] = {}
    for text in source.root.iterfind(f"{{{TEI_NS}}}text"):
        for el in text.iterdescendants():
            if not isinstance(el.tag, str):
                continue
            q = etree.QName(el)
            if q.namespace == TEI_NS and q.localname in styled:
                continue
            name = q.localname if q.namespace == TEI_NS else q.text
            if name in found:
                found[name][0] += 1
            else:
                found[name] = [1, *source.position(el)]
    return found


# ------------------------------------------------------------------ executors

#: Below this many bytes of sources to render, a build with the default --jobs stays in
#: one process: starting workers would cost more than it saves.
PARALLEL_MIN_BYTES = 512 * 1024


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1  # the CPUs this process may use (containers, taskset)
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@contextlib.contextmanager
def _executor(options: Options, n_stale: int, stale_bytes: int):
    """(executor, window): where documents are processed, and how many may be in flight."""
    if options.executor:
        with _dask(options.executor) as pair:
            yield pair
        return
    jobs = options.jobs if options.jobs is not None else _cpus()
    if jobs < 1:
        raise UsageError(f"--jobs {jobs}: expected a number of processes, 1 or more")
    big_enough = options.jobs is not None or stale_bytes >= PARALLEL_MIN_BYTES
    if jobs == 1 or n_stale < 2 or not big_enough:
        yield None, 1  # here, one document after the other
        return
    from concurrent.futures import ProcessPoolExecutor  # imported only when used: start-up time counts

    pool = ProcessPoolExecutor(max_workers=min(jobs, n_stale), mp_context=_start_method(options),
                               initializer=_worker_init)
    try:
        yield pool, 4 * jobs
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_init() -> None:
    """In each worker process: die with the build (Linux), so a killed build leaves no orphans."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers exit when their queue closes
        pass


def _start_method(options: Options):
    """How worker processes start. saxonche is not fork-safe once loaded, so: fork while this
    process has never loaded it (the command line: Saxon runs here only after the workers,
    for the index), and the workers inherit the schema compiled once here (tei_all takes
    seconds to compile); spawn otherwise (a fresh interpreter, which compiles its own)."""
    import multiprocessing

    if "saxonche" not in sys.modules and "fork" in multiprocessing.get_all_start_methods():
        validate.compile_schema(options.schema)
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@contextlib.contextmanager
def _dask(spec: str):
    if not spec.startswith("dask://") or not spec[len("dask://"):]:
        raise UsageError(f"--executor {spec}: expected dask://HOST:PORT")
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(f"--executor {spec}: Dask is not installed; install the extra: pip install 'edition[dask]'") from None
    try:
        address = spec[len("dask://"):]
        client = Client(address if "://" in address else "tcp://" + address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"--executor {spec}: cannot reach the Dask scheduler ({exc})") from None
    try:
        threads = sum(client.nthreads().values()) or 1
        with client.get_executor(pure=False) as executor:
            yield executor, 4 * threads
    finally:
        client.close()


# ------------------------------------------------------------------ build

@dataclass
class _Planned:
    path: Path
    display: str
    inputs: str | None = None  # None: the source could not be read
    problems: list[Diagnostic] = field(default_factory=list)
    cached: tuple[str, dict] | None = None  # (doc id, manifest entry) when nothing changed
    size: int = 0


def build(paths: list[Path], out: Path, options: Options) -> Result:
    found = discover(paths)
    try:
        with output.locked(out):
            return _build(found, out, options)
    except output.Busy as exc:
        raise UsageError(str(exc)) from None


def _build(found: list[tuple[Path, str]], out: Path, options: Options) -> Result:
    result = Result()
    output.clean_temporary(out)  # what a killed build left behind
    config = manifest.fingerprint(options.schema, options.rules, options.params)
    previous = Manifest.load(out)
    dirty = out / output.DIRTY
    verify = dirty.exists()  # the last build did not finish: read every output it may have touched
    dirty.touch()
    checkpoints.reached("started")
    plan = _plan(found, out, config, {} if options.force or previous.config != config else previous.by_inputs(), verify)
    stale = [p for p in plan if p.inputs is not None and p.cached is None]

    # phase 1: every document (the stale ones processed, the others from the manifest)
    documents: dict[str, dict] = {}  # doc id -> manifest entry, in discovery order
    summaries: list[dict] = []
    seen: dict[str, tuple[str, str]] = {}  # output.id_key(doc id) -> (doc id, display): ids that differ only in case collide
    unstyled_all: dict[str, list] = {}  # element -> [count, documents, display, line, column]
    failed = False
    with _executor(options, len(stale), sum(p.size for p in stale)) as (executor, window), \
            Progress(len(plan), enabled=wanted(sys.stderr, len(stale))) as progress:
        for planned, done in _run(plan, executor, window, config, options):
            progress.advance()
            checked = Checked(planned.path, planned.display, None, done.diagnostics, parsed=done.doc_id is not None)
            result.checked.append(checked)
            if not done.ok:
                failed = True
                result.tool_failed |= done.render_failed
                continue
            key = output.id_key(done.doc_id)
            if key in seen:
                other_id, other = seen[key]
                same = (f'document id "{done.doc_id}" is also used by {other}' if other_id == done.doc_id else
                        f'document id "{done.doc_id}" differs from "{other_id}" (used by {other}) only in case or '
                        f'in how its accents are encoded, so on macOS and Windows both would write the same files')
                checked.diagnostics.append(error("doc-id-duplicate", done.display, *done.position,
                                                 f'{same}; every document needs its own id'))
                failed = True
                continue
            seen[key] = (done.doc_id, done.display)
            if done.entry is not None:
                entry = done.entry
                result.unchanged += [out / rel for rel in entry["outputs"]]
            else:
                result.rendered += 1
                written = {}
                for name, data in done.outputs.items():
                    path = target(out, FORMATS[name], done.doc_id)
                    _write(result, path, data)
                    written[output.relative(out, path)] = manifest.digest(data)
                entry = _entry(done, written)
            documents[done.doc_id] = entry
            summaries.append(done.summary)
            for name, (count, line, column) in done.unstyled.items():
                agg = unstyled_all.setdefault(name, [0, 0, done.display, line, column])
                agg[0] += count
                agg[1] += 1

    for name, (count, docs, display, line, column) in unstyled_all.items():
        where = f" in {docs} documents" if docs > 1 else ""
        result.extra.append(warning("unstyled-element", display, line, column,
                                    f"<{name}> has no rendering rule; its text is rendered plainly "
                                    f"({count} occurrence{'s' if count != 1 else ''}{where})"))

    # phase 2: the edition
    edition_outputs: dict[str, str] = {}
    for folder, rel, out_folder, name in ASSETS:
        data = (resources.folder(folder) / rel).read_bytes()
        _write(result, out / out_folder / name, data)
        edition_outputs[f"{out_folder}/{name}"] = manifest.digest(data)
    new = Manifest(config, documents)
    if failed:
        # an edition with broken sources keeps its previous index rather than losing their entries,
        # and the outputs of documents it cannot see (they may be the broken ones) stay
        result.extra.append(warning("index-kept", parse.display_path(out / INDEX.folder / f"index{INDEX.suffix}"), 0, 0,
                                    "not rewritten because some sources have errors; fix them and build again"))
        new.documents = {**previous.documents, **documents}
        new.edition = {**previous.edition, "outputs": {**previous.edition.get("outputs", {}), **edition_outputs}}
    else:
        new.edition = _edition_pages(out, summaries, documents, options, config, previous, edition_outputs,
                                     result, verify)
        _remove_stale(out, previous, new, result)
    if new != previous:  # a build that changed nothing leaves the manifest alone (no 5 MB rewrite per 1,000)
        new.save(out)
    checkpoints.reached("finishing")
    dirty.unlink()
    return result


def _plan(found, out: Path, config: str, cache: dict[str, tuple[str, dict]], verify: bool) -> list[_Planned]:
    """Read and hash every source: which are unchanged since the last build (and intact on disk)."""
    plan = []
    for path, display in found:
        data, problems = parse.read(path, display)
        if data is None:
            plan.append(_Planned(path, display, problems=problems))
            continue
        p = _Planned(path, display, inputs=manifest.inputs(config, data), size=len(data))
        hit = cache.get(p.inputs)
        if hit is not None and manifest.intact(out, hit[1].get("outputs", {}), verify):
            p.cached = hit
        plan.append(p)
    return plan


def _run(plan: list[_Planned], executor, window: int, config: str, options: Options):
    """(planned, Done) for every source, in the order of ``plan``, with at most ``window`` in flight."""
    pending: deque = deque()
    params = tuple(sorted((str(k), str(v)) for k, v in options.params.items()))
    schema = str(options.schema) if options.schema else None
    for p in plan:
        if p.inputs is None:
            item = Done(p.display, None, diagnostics=p.problems)
        elif p.cached is not None:
            item = _from_entry(p.display, *p.cached)
        else:
            data, problems = parse.read(p.path, p.display)  # read again: the plan keeps no bytes
            if data is None:
                item = Done(p.display, None, diagnostics=problems)
            else:
                job = Job(data, str(p.path), p.display, schema, options.rules, params, manifest.inputs(config, data),
                          manifest.code_digest())
                item = process(job) if executor is None else executor.submit(process, job)
        pending.append((p, item))
        while len(pending) > window:
            p0, item0 = pending.popleft()
            yield p0, item0 if isinstance(item0, Done) else item0.result()
    while pending:
        p0, item0 = pending.popleft()
        yield p0, item0 if isinstance(item0, Done) else item0.result()


def _entry(done: Done, written: dict[str, str]) -> dict:
    """The manifest entry of a document just rendered: enough to skip it next time."""
    return {
        "inputs": done.inputs,
        "outputs": written,
        "summary": done.summary,
        "position": list(done.position),
        "unstyled": done.unstyled,
        "diagnostics": [[str(d.severity), d.code, d.line, d.column, d.message, d.extra] for d in done.diagnostics],
    }


def _from_entry(display: str, doc_id: str, entry: dict) -> Done:
    return Done(
        display, entry["inputs"], doc_id=doc_id,
        diagnostics=[Diagnostic(Severity(s), code, display, line, column, message, extra or {})
                     for s, code, line, column, message, extra in entry.get("diagnostics", [])],
        summary=entry["summary"], position=tuple(entry.get("position", (1, 1))),
        unstyled={k: list(v) for k, v in entry.get("unstyled", {}).items()}, entry=entry)


def _edition_pages(out: Path, summaries: list[dict], documents: dict[str, dict], options: Options, config: str,
                   previous: Manifest, outputs: dict[str, str], result: Result, verify: bool) -> dict:
    """The pages made from every document at once: the index, the persons index (edition/site.py)
    and the search bundles (edition/search.py). Rendered only when something they depend on changed:
    the list of documents, what each says of its persons, or any document page (then only the
    search shards whose pages changed are indexed again)."""
    summaries = sorted(summaries, key=lambda d: (d["when"] or "9999", d["title"] or "", d["id"]))  # by date
    entries = [s["entry"] for s in summaries]
    persons = site.Persons([s["persons"] for s in summaries])
    pages = {rel: digest for entry in documents.values() for rel, digest in entry["outputs"].items()
             if rel.startswith(f"{FORMATS['html'].folder}/") and rel.endswith(FORMATS["html"].suffix)}
    depends = hashlib.sha256()  # the entries of both pages and every document page, hashed piece by piece
    for piece in (*entries, persons.fingerprint(), *sorted(f"{k}={v}" for k, v in pages.items())):
        depends.update(piece.encode("utf-8") + b"\0")
    inputs = manifest.inputs(config, depends.hexdigest().encode("ascii"))
    index_path = out / INDEX.folder / f"index{INDEX.suffix}"  # "index" and "persons" are reserved ids
    persons_path = out / site.PERSONS.folder / f"persons{site.PERSONS.suffix}"
    rels = [output.relative(out, index_path), output.relative(out, persons_path)]
    known = {rel: previous.edition.get("outputs", {}).get(rel) for rel in rels}
    html, searched = out / FORMATS["html"].folder, previous.edition.get("search")
    pages_at = {out / rel: digest for rel, digest in pages.items()}
    if (not options.force and previous.edition.get("inputs") == inputs and all(known.values())
            and manifest.intact(out, known, verify) and search.fresh(html, pages_at, searched, verify)):
        result.unchanged += [index_path, persons_path]
        outputs.update(known)
    else:
        # the search bundles (html/pagefind/: Pagefind processes) are made while the persons index is
        # written; the index page, which lists the bundles, comes last
        from concurrent.futures import ThreadPoolExecutor  # imported only when used: start-up time counts

        jobs = options.jobs if options.jobs is not None else _cpus()
        with ThreadPoolExecutor(max_workers=1) as background:
            indexing = background.submit(search.index, html, pages_at, searched, force=options.force,
                                         verify=verify, jobs=jobs)
            try:
                _write_stream(result, out, outputs, persons_path, site.persons_page(persons, options.params))
            finally:
                found, searched = indexing.result()
        search.add_to(result, found)
        index_params = {**options.params, "search-bundles": " ".join(search.bundles(searched))}
        # both pages grow with the edition: streamed to disk, made of entries rendered with each document
        _write_stream(result, out, outputs, index_path, site.index_page(entries, index_params))
    return {"inputs": inputs, "outputs": dict(sorted(outputs.items())), "search": searched or {}}


def _write_stream(result: Result, out: Path, outputs: dict[str, str], path: Path, pieces) -> None:
    changed, outputs[output.relative(out, path)] = output.write_atomic_chunks(path, pieces)
    (result.written if changed else result.unchanged).append(path)


def _remove_stale(out: Path, previous: Manifest, new: Manifest, result: Result) -> None:
    """Remove what the last build wrote and this one did not: outputs of documents that are gone.

    Only files the manifest names, only below ``out``, and only if they still hold what the
    build wrote (a file someone edited since is theirs: kept, with a warning)."""
    keep = set(new.edition.get("outputs", {}))
    for entry in new.documents.values():
        keep.update(entry["outputs"])
    old: dict[str, str] = dict(previous.edition.get("outputs", {}))
    for entry in previous.documents.values():
        if isinstance(entry, dict) and isinstance(entry.get("outputs"), dict):
            old.update(entry["outputs"])
    for rel in sorted(set(old) - keep):
        try:
            path = Path(output.confined(out, rel))
            if not path.is_file():
                continue
            if not manifest.intact(out, {rel: old[rel]}):
                result.extra.append(warning("output-kept", parse.display_path(path), 0, 0,
                                            "its document is gone, but the file was changed since the build wrote it, "
                                            "so it is not removed; delete it if it is not needed"))
                continue
            if output.remove(out, rel):
                result.removed.append(path)
        except output.UnsafePath:
            continue  # a manifest naming files elsewhere is not obeyed


def _write(result: Result, path: Path, data: bytes) -> None:
    (result.written if write_atomic(path, data, durable=False) else result.unchanged).append(path)
