"""Real TEI the edition was not written for, built as a user with their own TEI builds it
(--schema tei_all.rng --no-rules): the smallest of Shakespeare's plays (shakedracor) and the small
files of the varied corpus (critical apparatus, catalogue records, letters, inscriptions, drama,
speeches, bibliographies; ../shared/corpora/varied/README.md says what each exercises). Every file
that tei_all admits renders, the build's own words check finds no word lost (an error if it did),
no TEI element goes without a rule of its own, and, counted by this test on its own, every word of
the play's body is in both editions.

The whole of both corpora (the large files too) is built the same way by hand (see docs/
development.md): here, the files under SMALL bytes, to keep the suite fast.
"""

from __future__ import annotations

import collections
import contextlib
import io
import json
import re

import pytest
from lxml import etree

from tests.support import SHARED, TEI_ALL, visible_text
from edition import cli
from edition.sources.parse import TEI_NS

PLAYS = SHARED / "corpora" / "shakedracor"
VARIED = SHARED / "corpora" / "varied"
SMALL = 100_000

pytestmark = [
    pytest.mark.skipif(not PLAYS.is_dir() or not VARIED.is_dir(), reason=f"the corpora ({PLAYS}, {VARIED}) are not on this machine"),
    pytest.mark.skipif(not TEI_ALL.exists(), reason=f"the full TEI P5 schema ({TEI_ALL}) is not on this machine"),
]


@pytest.fixture(scope="module")
def play():
    """The smallest play, to keep the suite fast."""
    return min(PLAYS.glob("*.xml"), key=lambda p: p.stat().st_size)


@pytest.fixture(scope="module")
def varied():
    """The small files of the varied corpus that tei_all admits (as its manifest records)."""
    manifest = json.loads((VARIED / "manifest.json").read_text(encoding="utf-8"))
    return [VARIED / e["file"] for e in manifest
            if e["tei_all_valid"] and (VARIED / e["file"]).stat().st_size < SMALL]


@pytest.fixture(scope="module")
def built(play, varied, tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus") / "out"
    err = io.StringIO()  # a module-scoped fixture cannot use capsys: capture the command's report here
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["build", "--schema", str(TEI_ALL), "--no-rules", "--jobs", "2", str(play), *map(str, varied),
                         "--out", str(out)])
    return code, err.getvalue(), out


def doc_id(path) -> str:
    return etree.parse(str(path)).getroot().get("{http://www.w3.org/XML/1998/namespace}id") or path.stem


def test_every_file_renders_and_no_word_is_lost(built, play, varied):
    code, err, out = built
    assert code == 0, err
    assert "text-lost" not in err and " 0 errors" in err, err
    assert len(varied) >= 15
    for path in [play, *varied]:
        assert (out / "html" / f"{doc_id(path)}.html").stat().st_size > 0, path.name
        assert (out / "text" / f"{doc_id(path)}.txt").stat().st_size > 0, path.name


def test_no_tei_element_goes_without_a_rule(built):
    code, err, out = built
    warnings = [l for l in err.splitlines() if ": warning[" in l]
    # the only warnings: inclusions of other files (never followed), whose fallbacks stand in their place
    assert {re.search(r"warning\[([\w-]+)\]", l).group(1) for l in warnings} <= {"xinclude-fallback"}, warnings


def words(text: str) -> collections.Counter:
    return collections.Counter(re.findall(r"\w+", text))


def body_words(play) -> collections.Counter:
    body = etree.parse(str(play)).find(f".//{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    return words("".join(body.itertext()))


def test_every_word_of_the_body_is_in_the_text_edition(built, play):
    code, err, out = built
    have = words((out / "text" / f"{doc_id(play)}.txt").read_text(encoding="utf-8"))
    missing = {w: n - have[w] for w, n in body_words(play).items() if have[w] < n}
    assert not missing, f"words of <body> missing from the text edition (word: how many times): {missing}"


def test_every_word_of_the_body_is_in_the_html_edition(built, play):
    code, err, out = built
    have = words(visible_text(out / "html" / f"{doc_id(play)}.html"))
    missing = {w: n - have[w] for w, n in body_words(play).items() if have[w] < n}
    assert not missing, f"words of <body> missing from the reading edition: {missing}"
