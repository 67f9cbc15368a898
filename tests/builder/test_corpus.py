"""Real TEI the edition was not written for (shakedracor: Shakespeare's plays, valid
against tei_all): it validates and renders, elements without a rendering rule keep their
text and are reported once per element name, and no word of the play is lost."""

from __future__ import annotations

import collections
import contextlib
import io
import re

import pytest
from lxml import etree

from tests.support import SHARED, TEI_ALL, visible_text
from edition import cli
from edition.sources.parse import TEI_NS

CORPUS = SHARED / "corpora" / "shakedracor"

pytestmark = [
    pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the shakedracor corpus ({CORPUS}) is not on this machine"),
    pytest.mark.skipif(not TEI_ALL.exists(), reason=f"the full TEI P5 schema ({TEI_ALL}) is not on this machine"),
]


@pytest.fixture(scope="module")
def play():
    """The smallest play, to keep the suite fast."""
    return min(CORPUS.glob("*.xml"), key=lambda p: p.stat().st_size)


@pytest.fixture(scope="module")
def built(play, tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus") / "out"
    err = io.StringIO()  # a module-scoped fixture cannot use capsys: capture the command's report here
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = cli.main(["build", "--schema", str(TEI_ALL), "--no-rules", "--jobs", "1", str(play), "--out", str(out)])
    doc_id = etree.parse(str(play)).getroot().get("{http://www.w3.org/XML/1998/namespace}id")
    return code, err.getvalue(), out, doc_id


def words(text: str) -> collections.Counter:
    return collections.Counter(re.findall(r"\w+", text))


def body_words(play) -> collections.Counter:
    body = etree.parse(str(play)).find(f".//{{{TEI_NS}}}text/{{{TEI_NS}}}body")
    return words("".join(body.itertext()))


def test_the_play_validates_against_tei_all_and_renders(built):
    code, err, out, doc_id = built
    assert code == 0, err
    assert "0 errors" in err
    assert (out / "html" / f"{doc_id}.html").stat().st_size > 0
    assert (out / "text" / f"{doc_id}.txt").stat().st_size > 0


def test_each_unstyled_element_is_one_warning_with_its_count(built, play):
    code, err, out, doc_id = built
    tree = etree.parse(str(play))
    expected = len(tree.findall(f".//{{{TEI_NS}}}text//{{{TEI_NS}}}castList"))
    lines = [l for l in err.splitlines() if "warning[unstyled-element]" in l]
    cast = [l for l in lines if "<castList>" in l]
    assert len(cast) == 1
    assert cast[0].endswith(f"warning[unstyled-element]: <castList> has no rendering rule; its text is rendered plainly "
                            f"({expected} occurrence{'s' if expected != 1 else ''})")
    names = [re.search(r"<(\w+)>", l).group(1) for l in lines]
    assert len(names) == len(set(names)), "one warning per element name"
    assert "l" not in names and "sp" not in names, "verse lines and speeches have rules of their own"


def test_every_word_of_the_body_is_in_the_text_edition(built, play):
    code, err, out, doc_id = built
    have = words((out / "text" / f"{doc_id}.txt").read_text(encoding="utf-8"))
    missing = {w: n - have[w] for w, n in body_words(play).items() if have[w] < n}
    assert not missing, f"words of <body> missing from the text edition (word: how many times): {missing}"


def test_every_word_of_the_body_is_in_the_html_edition(built, play):
    code, err, out, doc_id = built
    have = words(visible_text(out / "html" / f"{doc_id}.html"))
    missing = {w: n - have[w] for w, n in body_words(play).items() if have[w] < n}
    assert not missing, f"words of <body> missing from the reading edition: {missing}"
