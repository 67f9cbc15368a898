"""edition import on arbitrary input: it never crashes, never loses text, and what it writes is valid.

Hypothesis feeds three kinds of input: text made of the pieces transcripts are made of
(speaker labels in every form, brackets, markers, notes, dates, citations, credits, page
chrome), the test transcripts mutated (lines dropped, doubled, swapped, characters
inserted), and any Unicode text at all. For each, the import either says clearly that
there is nothing to import, or gives a draft that is well-formed, passes the edition's
schema and rules through the one door, and holds every word and sign of the input.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings, strategies as st
from lxml import etree

from edition.importer import ImportProblem, import_text
from edition.importer.check import check
from edition.importer.layout import clean_lines
from tests.importer.support import FIXTURE_DIR, assert_no_text_lost

EXAMPLES = int(os.environ.get("EDITION_IMPORT_EXAMPLES", "200"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NAMES = ["MAO ZEDONG", "N.S. KHRUSHCHEV", "KHRUSHCHEV N.S.", "N.S. Khrushchev", "Khrushchev", "Mao", "ZHOU",
         "Comrade Orlov", "Ambassador Li", "Q", "A", "KIM IL", "KIM", "De Gaulle", "Tran Van Minh", "YUDOV"]
WORDS = ["the", "delegation", "will", "arrive", "tomorrow", "We", "agree", "Moscow", "proposes", "said", "in", "1954",
         "Comrades", "of", "and", "question", "Yes", "no", "Beijing,", "July", "31,", "—", "“quoted”", "l’état",
         "Ёлка", "北京", "naïve", "x", "I.", "USA", "NATO", "p.", "f.", "op.", "d.", "Collection", "12"]
PIECES = ["Skip to content", "Related Documents", "Document Information", "Original Uploaded Date", "Record ID",
          "Type", "Memorandum of Conversation", "July 31, 1958", "Summer 1958", "31 June 1958", "1958",
          "This document was made possible with support from Some Foundation", "Some Foundation",
          "RGANI. Collection 52. Inventory 1. File 498. Sheets 43. Typescript. N.S. Khrushchev’ Copy.",
          "RGANI, f. 52, op. 1, d. 498, l. 43. Contributed by A. B. Smith and translated by C. D. Jones",
          "AVPRF, f. 1, op. 2, p. 3, d. 4, ll. 5-6.", "Translated by Julia M. Stern.", "Notes", "- 2 -", "3",
          "TOP SECRET", "Copy No. 2", "(Laughter.)", "[1]", "[]", "[ ]", "[[2]]", "Print", "Present: nobody.",
          "The History and Public Policy Program welcomes reuse of Digital Archive materials.",
          "July 31, at the airport", "Harbin, March 3", "KIM:", "\f", "\x00", "\t", "\u00a0", "\ufeff", "\r"]

sentence = st.lists(st.one_of(st.sampled_from(WORDS),
                              st.builds(lambda n: f"[{n}]", st.integers(0, 12)),
                              st.builds(lambda w: f"[{w}]", st.sampled_from(WORDS + ["u nas", "at the meeting", "sic"])),
                              st.text(min_size=1, max_size=4)),
                    min_size=1, max_size=12).map(" ".join)
turn = st.builds(lambda name, form, speech: form.format(name=name, speech=speech),
                 st.sampled_from(NAMES), st.sampled_from(["{name}: {speech}", "{name}. {speech}", "{name} {speech}",
                                                          "{name} proposes {speech}", "{name}:\n{speech}"]), sentence)
note = st.builds(lambda n, s: f"[{n}] {s}", st.integers(0, 12), sentence)
line = st.one_of(turn, note, sentence, st.sampled_from(PIECES))
transcript = st.lists(st.tuples(line, st.sampled_from(["\n", "\n\n", "\n\n\n", "\r\n", "\n \n"])), max_size=30).map(
    lambda parts: "".join(a + b for a, b in parts))


def _fixture_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(FIXTURE_DIR.glob("*.txt"))]


@st.composite
def mutated(draw):
    lines = draw(st.sampled_from(_fixture_texts())).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["drop", "double", "swap", "insert", "chars", "join"]))
        if op == "drop":
            del lines[i]
        elif op == "double":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            lines.insert(i, draw(line))
        elif op == "chars":
            pos = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:pos] + draw(st.text(max_size=5) | st.sampled_from(["[", "]", ":", ".", "[3]"])) + lines[i][pos:]
        elif op == "join" and i + 1 < len(lines):
            lines[i:i + 2] = [lines[i] + " " + lines[i + 1]]
    return "\n".join(lines)


def _holds(text: str) -> None:
    try:
        imported = import_text(text, source="random.txt")
    except ImportProblem as exc:
        assert exc.code == "no-text" and "no text" in str(exc)
        assert not "".join(clean_lines(text)).strip()
        return
    data = imported.serialize()
    etree.fromstring(data)  # well-formed
    problems = check(data, imported.doc_id, "random.xml")
    assert [p for p in problems if p.is_error] == [], "\n".join(map(str, problems)) + "\n---\n" + text
    assert imported.lost == [], "\n".join(map(str, imported.lost))  # the import's own words check
    assert_no_text_lost(text, imported)


@SETTINGS
@given(transcript)
def test_transcript_like_input(text):
    _holds(text)


@SETTINGS
@given(mutated())
def test_mutated_transcripts(text):
    _holds(text)


@SETTINGS
@given(st.text(max_size=400))
def test_any_text(text):
    _holds(text)
