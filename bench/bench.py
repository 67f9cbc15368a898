"""Benchmark: how fast `edition` validates and renders, at corpus scale.

    python bench/bench.py [--sizes 100,1000,10000] [--corpus /work/shared/corpora/shakedracor]

For each size N it builds a synthetic edition of N documents shaped like the seed
(bench/synth.py: tei/*.xml with varied ids, titles and wording), and then the real
corpus when it is there, and prints:

* documents/s and MB/s of a bare lxml parse, of validation (parse + RelaxNG + rules), of
  the HTML and the text transforms (in this process, one core), and of a whole build
  (`edition build` as a separate process, start-up included);
* the ratio of the whole build (--jobs 1) to the bare parse of the same files;
* the cost of the words check (text-lost) a build runs on every document, against rendering it;
* the speed-up of --jobs 2 over --jobs 1;
* the no-op rebuild (nothing changed) and its share of the full build;
* the peak memory (max RSS) of the build process, of its largest child process (a worker or
  Pagefind), and of all of them at once (sampled);
* the whole-process time of `edition build` on the one-document seed edition.

Not a test: nothing is asserted. Figures depend on the machine and on what else runs on
it (the load average is printed with them).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synth  # noqa: E402
from lxml import etree  # noqa: E402

from edition.builder.output import write_atomic  # noqa: E402
from edition.render import document, words  # noqa: E402
from edition.render import saxon as transform  # noqa: E402
from edition.render.formats import FORMATS  # noqa: E402
from edition.sources import parse  # noqa: E402
from edition.validation import compile_schema, diagnose  # noqa: E402

TEI_ALL = ROOT.parent / "shared" / "schemas" / "tei_all.rng"

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


def measure(name: str, files: list[Path], schema: Path | None, extra: list[str], jobs: list[int]) -> None:
    n = len(files)
    nbytes = sum(f.stat().st_size for f in files)
    print(f"\n== {name}: {n} documents, {nbytes / 1e6:.1f} MB  (load average {os.getloadavg()[0]:.2f})")

    bare = timed(lambda f: etree.fromstring(f.read_bytes()), files)
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
        if fmt.copy:  # a copy of the source (output/tei/): nothing is rendered
            continue
        transform.compiled(fmt.stylesheet)

        def render(f, sheet=fmt.stylesheet):
            transform.render_text(etree.tostring(etree.parse(str(f)), encoding="unicode"), sheet, {"document-id": f.stem})

        print(f"{fmt.name + ' transform':20} {rate(n, nbytes, timed(render, files))}")

    # the measure: validate + HTML + text + write, one core, in this process (no start-up,
    # no other formats, no edition pages): the work every document needs, against its bare parse
    with tempfile.TemporaryDirectory(prefix="edition-bench-core-") as tmp:
        sheets = [FORMATS["html"].stylesheet, FORMATS["text"].stylesheet]

        def core(f):
            source, _ = parse.load(f)
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
        rendered[f] = (source, document.render(source, f.stem, {}))

    t_render = timed(render_document, files)
    t_check = timed(lambda f: words.check(rendered[f][0].root, rendered[f][1].outputs, f.name, rendered[f][0].position), files)
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


def seed_build() -> None:
    times = []
    with tempfile.TemporaryDirectory(prefix="edition-bench-seed-") as tmp:
        for i in range(5):
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "edition", "build", str(ROOT / "tei"), "--out", f"{tmp}/out{i}"],
                           check=True, capture_output=True, env={**os.environ, "CI": "1"})
            times.append(time.perf_counter() - started)
    print(f"\n== seed edition (1 document), whole process `python -m edition build`, fresh output folder: "
          f"median {statistics.median(times):.3f} s, min {min(times):.3f} s of 5")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000", help="synthetic edition sizes (default: 100,1000)")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "shakedracor",
                    help="a folder of real TEI to build too (with tei_all, no rules), if it exists")
    ap.add_argument("--jobs", default="1,2", help="worker counts to compare (default: 1,2)")
    args = ap.parse_args()
    jobs = [int(j) for j in args.jobs.split(",")]
    print(f"edition benchmark: nproc {os.cpu_count()}, Python {sys.version.split()[0]}, {sys.platform}")
    seed_build()
    seeds = sorted((ROOT / "tei").glob("*.xml"))
    for size in [int(s) for s in args.sizes.split(",") if s]:
        with tempfile.TemporaryDirectory(prefix="edition-bench-src-") as tmp:
            files = synth.write(Path(tmp) / "tei", seeds, size)
            measure(f"synthetic edition N={size}", files, None, [], jobs)
    if args.corpus.is_dir() and TEI_ALL.exists():
        files = sorted(args.corpus.glob("*.xml"))
        measure(f"corpus {args.corpus.name}", files, TEI_ALL, ["--schema", TEI_ALL, "--no-rules"], jobs)
    elif args.corpus:
        print(f"\n(corpus {args.corpus} or {TEI_ALL} not found: skipped)")


if __name__ == "__main__":
    main()
