"""Benchmark: how fast `edition` validates and renders, at corpus scale.

    python bench/bench.py [--sizes 100,1000,10000] [--corpus DIR]... [--no-java]

For each size N it builds a synthetic edition of N documents shaped like the seed
(bench/synth.py: tei/*.xml with varied ids, titles and wording), and then the real
corpora when they are there (the shared plays and varied corpus by default), and prints:

* documents/s and MB/s of a bare lxml parse, of validation (parse + RelaxNG + rules), of
  the HTML and the text transforms (in this process, one core), and of a whole build
  (`edition build` as a separate process, start-up included);
* the ratio of the whole build (--jobs 1) to the bare parse of the same files;
* the cost of the words check (text-lost) a build runs on every document, against rendering it;
* the speed-up of --jobs 2 over --jobs 1;
* the no-op rebuild (nothing changed) and its share of the full build;
* the peak memory (max RSS) of the build process, of its largest child process (a worker or
  Pagefind), and of all of them at once (sampled);
* the whole-process time of `edition build` on the one-document seed edition;
* beside each, when Java and its tools are installed, the Java stack a user would pick
  instead: jing (RelaxNG) and Saxon-HE (`net.sf.saxon.Transform -s:DIR -xsl:... -o:DIR`,
  html.xsl then text.xsl), one JVM per step, on the same files, schema and stylesheets, and
  the ratio of our whole build to it at each --jobs;
* full TEI conformance (`edition validate --schema tei_all.rng --no-rules`) against jing on
  each corpus: both whole processes, our split (schema read, then per document: names,
  pruning, compiling, validating) and whether the two agree on each file.

Not a test: nothing is asserted. Figures depend on the machine and on what else runs on
it (the load average is printed with them).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402
from lxml import etree  # noqa: E402

from edition import resources  # noqa: E402
from edition.builder.output import write_atomic  # noqa: E402
from edition.render import document, words  # noqa: E402
from edition.render import saxon as transform  # noqa: E402
from edition.render.formats import FORMATS  # noqa: E402
from edition.sources import parse  # noqa: E402
from edition.validation import compile_schema, diagnose, prune  # noqa: E402

TEI_ALL = ROOT.parent / "shared" / "schemas" / "tei_all.rng"
CORPORA = [ROOT.parent / "shared" / "corpora" / "shakedracor", ROOT.parent / "shared" / "corpora" / "varied"]

# runs `edition build` in a child process and reports its own peak memory and its workers'
RUNNER = """
import json, resource, sys
from edition.cli import main
rc = main(json.loads(sys.argv[1]))
r = resource.getrusage
me, kids = r(resource.RUSAGE_SELF), r(resource.RUSAGE_CHILDREN)
print(json.dumps({"rc": rc, "self_kb": me.ru_maxrss, "children_kb": kids.ru_maxrss,
                  "cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime}))
"""

# a fixed amount of pure CPU work, to see how many cores this machine can give right now
SPIN = "import time\nt = time.process_time()\nwhile time.process_time() - t < 1.0: pass"


def cores_available(n: int = 2) -> float:
    """Speed-up that n processes of pure CPU work get over one, now (1.0 when others use the other cores)."""
    def run(k):
        started = time.perf_counter()
        procs = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(k)]
        for p in procs:
            p.wait()
        return time.perf_counter() - started
    one, many = run(1), run(n)
    return n * one / many


def _tree_rss_kb(root: int) -> int:
    """Resident memory (kB) of process ``root`` and all its descendants now (Linux /proc)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/status") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
            for tid in os.listdir(f"/proc/{pid}/task"):
                with open(f"/proc/{pid}/task/{tid}/children") as f:
                    todo += [int(c) for c in f.read().split()]
        except (OSError, ValueError):
            continue
    return total


def build(argv: list[str]) -> dict:
    """Run `edition build` in a child process; its time, its own and its workers' peak RSS, and the
    peak of the whole process tree at once (the build, its workers and Pagefind), sampled every 100 ms."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, json.dumps([str(a) for a in argv])],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, "CI": "1"})
    peak = [0]
    done = threading.Event()

    def sample():
        while not done.wait(0.1):
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    if os.path.isdir("/proc"):
        sampler.start()
    stdout, stderr = proc.communicate()
    seconds = time.perf_counter() - started
    done.set()
    proc = subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)
    try:
        info = json.loads(proc.stdout.strip().splitlines()[-1])
    except (ValueError, IndexError):
        sys.exit(f"bench: the build failed:\n{proc.stderr[-2000:]}")
    if info["rc"] not in (0, 1):
        sys.exit(f"bench: the build exited {info['rc']}:\n{proc.stderr[-2000:]}")
    info["seconds"] = seconds
    info["tree_kb"] = peak[0]
    info["report"] = proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else ""
    return info


def timed(fn, files):
    started = time.perf_counter()
    for f in files:
        fn(f)
    return time.perf_counter() - started


def rate(n: int, nbytes: int, seconds: float) -> str:
    return f"{n / seconds:9.1f} docs/s {nbytes / seconds / 1e6:7.2f} MB/s {seconds:8.2f} s"


def measure(name: str, files: list[Path], schema: Path | None, extra: list[str], jobs: list[int],
            java: "Java | None" = None) -> None:
    n = len(files)
    nbytes = sum(f.stat().st_size for f in files)
    print(f"\n== {name}: {n} documents, {nbytes / 1e6:.1f} MB  (load average {os.getloadavg()[0]:.2f})")

    bare_parser = etree.XMLParser(collect_ids=False)  # as the door's: a duplicate xml:id is the schema's to find
    bare = timed(lambda f: etree.fromstring(f.read_bytes(), bare_parser), files)
    print(f"bare lxml parse      {rate(n, nbytes, bare)}")

    started = time.perf_counter()
    compiled = compile_schema(schema)
    compile_s = time.perf_counter() - started
    use_rules = "--no-rules" not in extra

    def check(f):
        source, _ = parse.load(f)
        if source is not None:
            diagnose(source, compiled, use_rules)

    t_validate = timed(check, files)
    print(f"validate             {rate(n, nbytes, t_validate)}  (+ {compile_s:.2f} s to compile the schema once)")

    for fmt in FORMATS.values():
        if not fmt.stylesheet:  # a copy of the source (the tei format): nothing to transform
            continue
        transform.compiled(fmt.stylesheet)

        def render(f, sheet=fmt.stylesheet):
            source, _ = parse.load(f)  # through the door, as a build reads it
            if source is not None:
                transform.render_text(etree.tostring(source.tree, encoding="unicode"), sheet, {"document-id": f.stem})

        print(f"{fmt.name + ' transform':20} {rate(n, nbytes, timed(render, files))}")

    # the measure: validate + HTML + text + write, one core, in this process (no start-up,
    # no other formats, no edition pages): the work every document needs, against its bare parse
    with tempfile.TemporaryDirectory(prefix="edition-bench-core-") as tmp:
        sheets = [FORMATS["html"].stylesheet, FORMATS["text"].stylesheet]

        def core(f):
            source, _ = parse.load(f)
            if source is None:
                return
            diagnose(source, compiled, use_rules)
            page, text = transform.render_all(etree.tostring(source.tree, encoding="unicode"), sheets,
                                              {"document-id": f.stem})
            write_atomic(Path(tmp) / f"{f.stem}.html", page.encode("utf-8"), durable=False)
            write_atomic(Path(tmp) / f"{f.stem}.txt", text.encode("utf-8"), durable=False)

        t_core = timed(core, files)
    print(f"validate+html+text+write {rate(n, nbytes, t_core)[4:]}  = {t_core / bare:.1f}x the bare parse "
          f"(one core, in-process: the issue's measure)")

    # the words check every build runs (text-lost, edition/render/words.py): its own cost, against the
    # rendering it checks (one run of document.xsl: every format), on the same documents
    rendered = {}

    def render_document(f):
        source, _ = parse.load(f)
        if source is not None:  # a file the hardened parser refuses is not rendered by a build either
            rendered[f] = (source, document.render(source, f.stem, {}))

    t_render = timed(render_document, files)
    t_check = timed(lambda f: words.check(rendered[f][0].root, rendered[f][1].outputs, f.name, rendered[f][0].position)
                    if f in rendered else None, files)
    rendered.clear()
    print(f"words check          {1000 * t_check / n:.2f} ms a document = {100 * t_check / t_render:.0f}% of parsing and "
          f"rendering it ({1000 * t_render / n:.1f} ms: every format, one run)")

    with tempfile.TemporaryDirectory(prefix="edition-bench-") as tmp:
        src = files[0].parent
        results = {}
        for j in jobs:
            out = Path(tmp) / f"out-j{j}"
            results[j] = build(["build", src, "--out", out, "--jobs", j, *extra])
            r = results[j]
            print(f"whole build --jobs {j} {rate(n, nbytes, r['seconds'])}  peak RSS: build {r['self_kb'] / 1024:.0f} MB, "
                  f"largest child (worker or Pagefind) {r['children_kb'] / 1024:.0f} MB, all at once {r['tree_kb'] / 1024:.0f} MB; CPU {r['cpu']:.2f} s "
                  f"({r['cpu'] / r['seconds']:.2f} cores busy)")
        first = results[jobs[0]]
        print(f"whole build / bare parse (--jobs 1, whole process: start-up, all five formats, the index, "
              f"persons and search pages): {first['seconds'] / bare:.1f}x")
        if len(jobs) > 1:
            print(f"speed-up --jobs {jobs[-1]} over --jobs {jobs[0]}: {first['seconds'] / results[jobs[-1]]['seconds']:.2f}x "
                  f"(pure CPU work gets {cores_available(jobs[-1]):.2f}x from {jobs[-1]} processes on this machine now)")
        noop = build(["build", src, "--out", Path(tmp) / f"out-j{jobs[-1]}", *extra])
        base = results[jobs[-1]]["seconds"]
        print(f"no-op rebuild        {noop['seconds']:8.3f} s = {100 * noop['seconds'] / base:.1f}% of the full build at "
              f"--jobs {jobs[-1]} ({100 * noop['seconds'] / first['seconds']:.1f}% of --jobs 1); {noop['report']}")
        print(f"  report of the full build: {first['report']}")
        if java is not None:
            stack = java.stack(files, schema or resources.schema(), Path(tmp) / "java")
            print(f"Java stack           {stack}")
            for j in jobs:
                default = " (the default here: one per CPU)" if j == _cpus() else ""
                print(f"  ours / Java, whole build --jobs {j}{default}: {versus(results[j]['seconds'], stack.total)}")


def seed_build(java: "Java | None" = None) -> None:
    times = []
    with tempfile.TemporaryDirectory(prefix="edition-bench-seed-") as tmp:
        for i in range(5):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "edition", "build", str(ROOT / "tei"), "--out", f"{tmp}/out{i}"],
                           check=True, capture_output=True, env={**os.environ, "CI": "1"})
            times.append(time.perf_counter() - started)
        print(f"\n== seed edition (1 document), whole process `python -m edition build`, fresh output folder: "
              f"median {statistics.median(times):.3f} s, min {min(times):.3f} s of 5")
        if java is not None:
            stack = java.stack(sorted((ROOT / "tei").glob("*.xml")), resources.schema(), Path(tmp) / "java")
            print(f"Java stack           {stack}")
            print(f"  ours / Java, whole build (median): {versus(statistics.median(times), stack.total)}")


# ------------------------------------------------------------------ the Java stack

def versus(ours: float, theirs: float) -> str:
    """Our time against the Java stack's, said the way round that reads as a speed-up."""
    if ours <= theirs:
        return f"{ours:.2f} s against {theirs:.2f} s: ours {theirs / ours:.2f}x faster"
    return f"{ours:.2f} s against {theirs:.2f} s: the Java stack {ours / theirs:.2f}x faster"


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:
        return os.cpu_count() or 1


@dataclass
class Stack:
    jing: float
    html: float
    text: float
    failures: int  # files jing found invalid or Saxon could not transform (its exit status), for the record

    @property
    def total(self) -> float:
        return self.jing + self.html + self.text

    def __str__(self) -> str:
        return (f"jing {self.jing:.2f} s + html.xsl {self.html:.2f} s + text.xsl {self.text:.2f} s = "
                f"{self.total:.2f} s (one JVM per step)"
                + (f"; {self.failures} invalid files or failed steps" if self.failures else ""))


@dataclass
class Java:
    """jing and Saxon-HE on Java, as a user would run them: one JVM per step, over a folder."""

    java: str
    jing: Path
    saxon: Path
    version: str

    JARS = (Path("/usr/share/java"), Path("/usr/local/share/java"))

    @classmethod
    def find(cls) -> "tuple[Java | None, str]":
        """(the Java stack, a line saying what it is), or (None, what is missing)."""
        java = shutil.which("java")
        jing = next((d / "jing.jar" for d in cls.JARS if (d / "jing.jar").exists()), None)
        saxon = next((d / n for d in cls.JARS for n in ("Saxon-HE.jar", "saxon9he.jar", "saxon.jar") if (d / n).exists()), None)
        missing = [what for what, found in (("java", java), ("jing.jar", jing), ("Saxon-HE.jar", saxon)) if not found]
        if missing:
            return None, (f"Java stack: not measured, {', '.join(missing)} not found (apt-get install jing "
                          f"libsaxonhe-java default-jre-headless)")
        out = subprocess.run([java, "-version"], capture_output=True, text=True)
        version = (out.stderr or out.stdout).splitlines()[0] if (out.stderr or out.stdout) else "java"
        found = cls(java, jing.resolve(), saxon.resolve(), version)
        return found, (f"Java stack: {version}; {found.jing.name} (jing itself, no XInclude), {found.saxon.name} "
                       f"(net.sf.saxon.Transform), one JVM per step")

    def run(self, args: list) -> tuple[float, subprocess.CompletedProcess]:
        started = time.perf_counter()
        proc = subprocess.run([self.java, *map(str, args)], capture_output=True, text=True)
        return time.perf_counter() - started, proc

    def validate(self, schema: Path, files: list[Path]) -> tuple[float, set[str]]:
        """jing over the files in one JVM: its time, and the files it reports (errors or fatal errors)."""
        seconds, proc = self.run(["-cp", self.jing, "com.thaiopensource.relaxng.util.Driver", schema, *files])
        named = {str(f.resolve()) for f in files}
        said = re.finditer(r"^(?:file:)?(.+?):\d+:\d+: (?:error|fatal)", proc.stdout + proc.stderr, re.M)
        return seconds, {str(Path(m.group(1)).resolve()) for m in said} & named

    def stack(self, files: list[Path], schema: Path, work: Path) -> Stack:
        """jing, then Saxon with html.xsl, then with text.xsl, over a folder holding the files."""
        src, html, text = work / "src", work / "html", work / "text"
        for d in (src, html, text):
            d.mkdir(parents=True, exist_ok=True)
        for f in files:  # a folder of the sources alone (Saxon reads every file of -s:DIR)
            (src / f.name).symlink_to(f.resolve())
        t_jing, bad = self.validate(schema, files)
        t_html, p_html = self.run(["-cp", self.saxon, "net.sf.saxon.Transform", f"-s:{src}",
                                   f"-xsl:{resources.stylesheet('html.xsl')}", f"-o:{html}"])
        t_text, p_text = self.run(["-cp", self.saxon, "net.sf.saxon.Transform", f"-s:{src}",
                                   f"-xsl:{resources.stylesheet('text.xsl')}", f"-o:{text}"])
        return Stack(t_jing, t_html, t_text, len(bad) + (p_html.returncode != 0) + (p_text.returncode != 0))


# ------------------------------------------------------------------ full TEI conformance against jing

def tei_all_against_jing(name: str, files: list[Path], java: "Java | None") -> None:
    """`edition validate --schema tei_all.rng --no-rules` against jing on the same files: time, our
    split, and the verdict on each file."""
    print(f"\n== full TEI conformance (tei_all.rng), {name}: {len(files)} files  (load average {os.getloadavg()[0]:.2f})")
    with tempfile.TemporaryDirectory(prefix="edition-bench-teiall-") as tmp:
        report = Path(tmp) / "report.json"
        started = time.perf_counter()
        with report.open("w") as out:
            subprocess.run([sys.executable, "-m", "edition", "validate", "--schema", TEI_ALL, "--no-rules",
                            "--format", "json", *files], stdout=out, stderr=subprocess.DEVNULL, env={**os.environ, "CI": "1"})
        ours = time.perf_counter() - started
        found = json.loads(report.read_text())
    ours_bad = {str(Path(d["path"]).resolve()) for d in found["diagnostics"] if d["severity"] == "error"}
    print(f"edition validate (whole process)  {ours:8.2f} s; {len(ours_bad)} files with errors")

    # the split, in this process: the schema read once, then per document
    started = time.perf_counter()
    full = prune.schema(TEI_ALL)
    t_read = time.perf_counter() - started
    split = {"parse": 0.0, "names": 0.0, "prune": 0.0, "compile": 0.0, "validate": 0.0}
    checked = 0
    for f in files:
        t0 = time.perf_counter()
        source, _ = parse.load(f)
        t1 = time.perf_counter()
        split["parse"] += t1 - t0
        if source is None or full is None:
            continue
        checked += 1
        key = prune.names(source.root)
        t2 = time.perf_counter()
        text = full.pruned(*key)
        t3 = time.perf_counter()
        judge = etree.RelaxNG(etree.fromstring(text.encode("utf-8"))) if text else None
        t4 = time.perf_counter()
        if judge is not None:
            judge.validate(source.tree)
        t5 = time.perf_counter()
        for part, seconds in zip(("names", "prune", "compile", "validate"), (t2 - t1, t3 - t2, t4 - t3, t5 - t4)):
            split[part] += seconds
    print(f"  split (in-process, one judge per document, none reused): schema read and checked once {t_read:.2f} s; "
          + ", ".join(f"{k} {v:.2f} s" for k, v in split.items()) + f" ({checked} documents through the door)")
    if java is None:
        return
    t_jing, jing_bad = java.validate(TEI_ALL, files)
    print(f"jing (one JVM)                    {t_jing:8.2f} s; {len(jing_bad)} files with errors")
    print(f"  ours / jing: {versus(ours, t_jing)}")
    differ = sorted(str(f.resolve()) for f in files if (str(f.resolve()) in ours_bad) != (str(f.resolve()) in jing_bad))
    print(f"  verdicts: {len(files) - len(differ)} of {len(files)} files agree"
          + (": " + ", ".join(f"{Path(d).name} (ours {'invalid' if d in ours_bad else 'valid'}, jing "
                                 f"{'invalid' if d in jing_bad else 'valid'}{_xinclude(Path(d))})" for d in differ)
             if differ else ""))


def _xinclude(path: Path) -> str:
    """Why jing may judge a file otherwise: it validates xi:include elements as they stand (it runs
    without XInclude), where edition puts each inclusion's fallback in its place, as XInclude says."""
    return "; holds xi:include, which jing does not resolve" if b"http://www.w3.org/2001/XInclude" in path.read_bytes() else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000", help="synthetic edition sizes (default: 100,1000)")
    ap.add_argument("--corpus", type=Path, action="append", default=None, metavar="DIR",
                    help="a folder of real TEI to build too (with tei_all, no rules) and to validate against jing, "
                         "if it exists; may be given more than once (default: the shared plays and varied corpus)")
    ap.add_argument("--jobs", default="1,2", help="worker counts to compare (default: 1,2)")
    ap.add_argument("--no-java", action="store_true", help="do not run the Java stack (jing, Saxon-HE) beside our figures")
    args = ap.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    print(f"edition benchmark: nproc {os.cpu_count()}, Python {sys.version.split()[0]}, {sys.platform}")
    java, said = (None, "Java stack: not measured (--no-java)") if args.no_java else Java.find()
    print(said)
    seed_build(java)
    seeds = sorted((ROOT / "tei").glob("*.xml"))
    for size in [int(s) for s in args.sizes.split(",") if s]:
        with tempfile.TemporaryDirectory(prefix="edition-bench-src-") as tmp:
            files = synth.write(Path(tmp) / "tei", seeds, size)
            for folder in (ROOT / "tei").iterdir():  # what the seeds point at (tei/registers/), once
                if folder.is_dir() and not folder.name.startswith("."):
                    shutil.copytree(folder, Path(tmp) / "tei" / folder.name)
            measure(f"synthetic edition N={size}", files, None, [], jobs, java)
    for corpus in args.corpus or CORPORA:
        if not corpus.is_dir() or not TEI_ALL.exists():
            print(f"\n(corpus {corpus} or {TEI_ALL} not found: skipped)")
            continue
        files = sorted(corpus.glob("*.xml"))
        measure(f"corpus {corpus.name}", files, TEI_ALL, ["--schema", TEI_ALL, "--no-rules"], jobs, java)
        tei_all_against_jing(f"corpus {corpus.name}", files, java)


if __name__ == "__main__":
    main()
