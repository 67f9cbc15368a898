"""Every HTML page the build writes is valid HTML: the Nu Html Checker (vnu, the W3C's checker) finds
no error in any of them. One Java process checks all pages at once. Skips (with the reason) where Java
or the checker (npm vnu-jar, installed by .ci/run into tests/browser/node) is absent.
"""

from __future__ import annotations

import json
import subprocess

from tests.browser import tools
from tests.support import SEED_ID


def test_every_page_passes_the_nu_html_checker(built):
    vnu = tools.vnu()
    pages = sorted((built / "html").rglob("*.html"))
    names = [p.relative_to(built / "html").as_posix() for p in pages]
    assert "index.html" in names and f"{SEED_ID}.html" in names, names
    run = subprocess.run([*vnu, "--errors-only", "--format", "json", *map(str, pages)],
                         capture_output=True, text=True, timeout=300)
    report = json.loads(run.stderr or run.stdout)  # vnu writes its JSON report to stderr
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine', '?')}: {m['type']}: {m['message']}"
              for m in report["messages"] if m["type"] != "info"]
    assert errors == [], "\n".join(errors)
    assert run.returncode == 0, run.stderr[-2000:]
