"""How long ``edition import`` takes: each test transcript, and long transcripts of growing size.

    python bench/import_bench.py [--sizes 1500,3000,6000] [--repeat 3]

Prints, for each transcript of tests/fixtures/import/, its speakers, turns and linked notes and
the milliseconds of the import and of the draft's check (the door, the schema, the rules); then,
for synthetic transcripts of N turn pairs (markers, notes, brackets, citation-like lines), the
seconds of the import and the seconds per 1,000 turns, which stay flat when the import is
linear. The best of --repeat runs.

Not a test: nothing is asserted. Figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from edition.importer import import_text  # noqa: E402
from edition.importer.check import check  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "import"


def best(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def long_transcript(pairs: int) -> str:
    parts = []
    for i in range(pairs):
        parts.append(f"KHRUSHCHEV: We agree on point {i}.[{i % 50 + 1}] The rest [at the meeting] is for later.")
        parts.append(f"MAO ZEDONG. Point {i} is noted.")
        if i % 100 == 0:
            parts.append("RGANI, f. 1, op. 2, p. 3, d. 4, ll. 5-6.")
    parts += [f"[{i}] Note {i}." for i in range(1, 51)]
    return "\n\n".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1500,3000,6000")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print("| transcript | speakers | turns | notes linked | import | check |")
    print("| --- | --- | --- | --- | --- | --- |")
    for path in sorted(FIXTURES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        t_import, imp = best(lambda: import_text(text, source=path.name), args.repeat)
        data = imp.serialize()
        t_check, _ = best(lambda: check(data, imp.doc_id, path.name), args.repeat)
        r = imp.report
        print(f"| {path.name} | {len(r.speakers)} | {r.turns} | {r.notes_linked} of {len(r.notes)} "
              f"| {t_import * 1000:.0f} ms | {t_check * 1000:.0f} ms |")
    print()
    print("| turns | characters | import | per 1,000 turns |")
    print("| --- | --- | --- | --- |")
    for pairs in (int(s) for s in args.sizes.split(",")):
        text = long_transcript(pairs)
        t, imp = best(lambda: import_text(text), args.repeat)
        print(f"| {imp.report.turns} | {len(text):,} | {t:.2f} s | {t / imp.report.turns * 1000:.3f} s |")


if __name__ == "__main__":
    main()
