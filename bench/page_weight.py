"""Benchmark: how heavy a register page gets, and what that costs a phone.

    python bench/page_weight.py [--sizes 50,100,200,400,800,1600] [--page html/persons.html] [--one-page] [--out DIR]

For each size N it builds a synthetic edition of N documents shaped like the seed (bench/synth.py,
with the seed's registers), then opens the page (default: the persons index) in headless Chromium
as a mid-range phone: a 390 x 844 viewport, touch, the CPU slowed down four times (Lighthouse's
mobile setting). It prints the page's bytes (and gzip-compressed, as a web server sends it), its
number of elements and list items, and the time from the start of navigation to the end of the
load event and to the first contentful paint, each the median of five loads from the disk (no
network: the transfer comes on top of that).

The edition's threshold for one page per entry (edition/render/pages.py ENTRY_PAGES_FROM) was chosen
from these figures. Not a test: nothing is asserted; figures depend on the machine and its load.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT))

import synth  # noqa: E402

from tests.browser.cdp import Browser, find_chromium  # noqa: E402


#: a build with one register page whatever its size (--one-page: what the threshold spares a reader)
ONE_PAGE = ("import sys; import edition.render.pages as p; p.ENTRY_PAGES_FROM = float('inf'); "
            "from edition.cli import main; sys.exit(main(sys.argv[1:]))")


def build(n: int, folder: Path, one_page: bool = False) -> Path:
    src = folder / "tei"
    synth.write(src, sorted((ROOT / "tei").glob("*.xml")), n)
    if (ROOT / "tei" / "registers").is_dir():
        shutil.copytree(ROOT / "tei" / "registers", src / "registers")
    out = folder / "out"
    command = ["-c", ONE_PAGE] if one_page else ["-m", "edition"]
    subprocess.run([sys.executable, *command, "build", str(src), "--out", str(out)], check=True,
                   capture_output=True, cwd=folder)
    return out


def measure(browser: Browser, page_file: Path, runs: int = 5) -> dict:
    tab = browser.new_page(390, 844, mobile=True)
    try:
        tab.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        loads, paints = [], []
        for _ in range(runs):
            tab.goto(f"{page_file.as_uri()}?run={len(loads)}")
            timing = tab.eval("""(() => {
                const nav = performance.getEntriesByType('navigation')[0];
                const fcp = performance.getEntriesByName('first-contentful-paint')[0];
                return {load: nav.loadEventEnd, fcp: fcp ? fcp.startTime : null};
            })()""")
            loads.append(timing["load"])
            if timing["fcp"] is not None:
                paints.append(timing["fcp"])
        counts = tab.eval("({elements: document.getElementsByTagName('*').length,"
                          " items: document.getElementsByTagName('li').length})")
    finally:
        tab.close()
    data = page_file.read_bytes()
    return {"bytes": len(data), "gzip": len(gzip.compress(data, 6)), **counts,
            "load": statistics.median(loads), "fcp": statistics.median(paints) if paints else float("nan")}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="50,100,200,400,800,1600")
    ap.add_argument("--page", default="html/persons.html", help="the page to load, in the output folder")
    ap.add_argument("--one-page", action="store_true",
                    help="keep one register page whatever its size (the edition's threshold switched off)")
    ap.add_argument("--out", type=Path, help="also load this output folder's page (a real edition)")
    args = ap.parse_args()
    chromium = find_chromium()
    if not chromium:
        sys.exit("chromium is not installed")
    browser = Browser(chromium)
    print(f"{browser.version}; 390 x 844, CPU slowed 4x; median of 5 loads from disk")
    print(f"{'documents':>10} {'bytes':>10} {'gzip':>9} {'elements':>9} {'items':>7} {'FCP ms':>8} {'load ms':>8}")
    try:
        rows = []
        for n in [int(s) for s in args.sizes.split(",") if s]:
            with tempfile.TemporaryDirectory(prefix="edition-weight-") as tmp:
                rows.append((str(n), measure(browser, build(n, Path(tmp), args.one_page) / args.page)))
                print(n, rows[-1][1], flush=True)
        if args.out:
            rows.append((args.out.name, measure(browser, args.out / args.page)))
        for name, m in rows:
            print(f"{name:>10} {m['bytes']:>10} {m['gzip']:>9} {m['elements']:>9} {m['items']:>7} "
                  f"{m['fcp']:>8.0f} {m['load']:>8.0f}")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
