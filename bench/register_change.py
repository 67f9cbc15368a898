"""Benchmark: what a change to one register entry costs an incremental build, against a full build.

    python bench/register_change.py [-n 1000] [--jobs N] [--few 5]

Builds a synthetic edition of N seed-shaped documents (bench/synth.py, with the seed's registers),
in which ``--few`` documents also name a place of their own in the register (``rare``), then times:

1. the full build (an empty output folder);
2. a no-op build (nothing changed);
3. a change to the description of the entry few documents use (registers/places.xml#rare);
4. a change to the description of an entry every document uses (registers/places.xml#beijing);
5. a change to a person every document uses (registers/persons.xml#mao: a new variant name).

For each: the wall time, how many documents were rendered again, and how many files were written.
Not a test: nothing is asserted; timings depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

import synth  # noqa: E402

from edition.builder.publish import publish  # noqa: E402
from edition.config import Config  # noqa: E402


RARE = """      <place xml:id="rare">
        <placeName>Lushan</placeName>
        <note type="description">A mountain resort in Jiangxi.</note>
      </place>
"""


def build(src: Path, out: Path, jobs: int | None) -> tuple[float, int, int]:
    config = Config(jobs=jobs) if jobs else Config()
    start = time.perf_counter()
    result = publish([src], out, config)
    took = time.perf_counter() - start
    errors = [d for d in result.diagnostics if d.is_error]
    if errors:
        sys.exit(f"the build failed: {errors[:3]}")
    return took, result.rendered, len(result.written)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--few", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="edition-register-") as tmp:
        src, out = Path(tmp) / "tei", Path(tmp) / "out"
        written = synth.write(src, sorted((ROOT / "tei").glob("*.xml")), args.n)
        shutil.copytree(ROOT / "tei" / "registers", src / "registers")
        places = src / "registers" / "places.xml"
        edit(places, "    </listPlace>", RARE + "    </listPlace>")
        for doc in sorted(written)[:args.few]:  # these name the rare place in their summary
            text = doc.read_text(encoding="utf-8")
            doc.write_text(re.sub(r"(<abstract>\s*<p>)", r'\1<placeName ref="registers/places.xml#rare">Lushan</placeName>: ',
                                  text, count=1), encoding="utf-8")
        rows = []
        rows.append(("full build", *build(src, out, args.jobs)))
        rows.append(("no-op build", *build(src, out, args.jobs)))
        edit(places, "A mountain resort in Jiangxi.", "A mountain resort in Jiangxi province.")
        rows.append((f"entry of {args.few} documents", *build(src, out, args.jobs)))
        edit(places, "Capital of the People’s Republic of China.", "Capital of the People’s Republic of China since 1949.")
        rows.append((f"entry of all {args.n}", *build(src, out, args.jobs)))
        edit(src / "registers" / "persons.xml", '<persName type="variant">Mao Tse-tung</persName>',
             '<persName type="variant">Mao Tse-tung</persName>\n        <persName type="variant">Mao Tsetung</persName>')
        rows.append((f"person of all {args.n}", *build(src, out, args.jobs)))
        print(f"{args.n} documents, jobs {args.jobs or 'default'}")
        print(f"{'build':>24} {'seconds':>8} {'rendered':>9} {'written':>8}")
        for name, took, rendered, files in rows:
            print(f"{name:>24} {took:>8.2f} {rendered:>9} {files:>8}")


if __name__ == "__main__":
    main()
