"""Golden files: every output of the kitchen-sink fixture, held against a reviewed copy.

tests/fixtures/golden/kitchen-sink.xml holds most of what the edition renders. It is built as
an edition of one document, and every file the build writes for it (each per-document format
of the registry, and the index, persons and places pages; not the search bundle or the assets (CSS,
script), which do not depend on it) is compared, normalised, with tests/golden/kitchen-sink/. A file there that
the build no longer writes is an orphan, and fails too.

After a change to the outputs has been reviewed, rewrite the copies with

    python -m pytest tests/render/test_golden.py --update-golden

and review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import json
import shutil

import pytest

from edition.builder.publish import publish
from edition.config import Config
from edition.render.formats import ASSETS
from tests.support import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "golden" / "kitchen-sink.xml"
GOLDEN = ROOT / "tests" / "golden" / FIXTURE.stem
NOT_OF_THE_DOCUMENT = ("html/pagefind/", *(f"{folder}/{name}" for _, _, folder, name in ASSETS))


def normalised(rel: str, data: bytes) -> str:
    """The text of an output as the golden copy keeps it: LF line ends and a final newline; JSON
    indented with sorted keys, so that a reviewed diff shows what changed, not where."""
    text = data.decode("utf-8").replace("\r\n", "\n")
    if rel.endswith(".json"):
        text = json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False)
    return text if text.endswith("\n") else text + "\n"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    src, out = tmp_path_factory.mktemp("golden") / "tei", tmp_path_factory.mktemp("golden") / "out"
    src.mkdir()
    shutil.copyfile(FIXTURE, src / FIXTURE.name)
    result = publish([src], out, Config(jobs=1))
    assert [str(d) for d in result.diagnostics if d.code != "search-skipped"] == []
    return {p.relative_to(out).as_posix(): normalised(p.relative_to(out).as_posix(), p.read_bytes())
            for p in sorted(out.rglob("*")) if p.is_file() and not p.name.startswith(".")
            and not p.relative_to(out).as_posix().startswith(NOT_OF_THE_DOCUMENT)}


def test_every_output_of_the_kitchen_sink_is_its_reviewed_copy(outputs, request):
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for rel, text in outputs.items():
            (GOLDEN / rel).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / rel).write_text(text, encoding="utf-8", newline="\n")
    kept = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert not kept - set(outputs), f"orphaned golden files (the build no longer writes them): {sorted(kept - set(outputs))}"
    assert not set(outputs) - kept, f"outputs without a golden copy (run with --update-golden and review): {sorted(set(outputs) - kept)}"
    for rel, text in outputs.items():
        assert text == (GOLDEN / rel).read_text(encoding="utf-8"), \
            f"{rel} differs from tests/golden/{FIXTURE.stem}/{rel}: review the change, then --update-golden"


def test_the_golden_copies_cover_every_format_of_the_registry(outputs):
    from edition.render.formats import FORMATS, PAGES

    expected = {f"{fmt.folder}/{FIXTURE.stem}{fmt.suffix}" for fmt in FORMATS.values()}
    expected |= {f"{fmt.folder}/{name}{fmt.suffix}" for name, fmt in PAGES.items()}
    assert set(outputs) == expected
