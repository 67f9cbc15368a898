"""What `edition validate` accepts, `edition build` renders: the limits are checked once, up front.

The stylesheets run in Saxon, which parses the tree the hardened door passes it with an XML parser of
its own, stricter than libxml2: elements nested at most 100 deep, at most 200 attributes and namespace
declarations on one element, names of at most 1,000 characters, and the name characters of XML 1.0
before its fifth edition. Each limit is rendered on both sides here: a document at the limit builds
(Saxon takes it), one past it is refused by `validate` and `build` alike with the limit's own code (not
by Saxon, as a `render` failure that blamed the stylesheet). And only regular files are sources: a
named pipe or a device is reported, never opened.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, SEED, SEED_ID, run_cli
from edition.sources import parse

LAST_P = "<p>accepted the proposal.</p>"  # in <sp>, six levels deep: TEI/text/body/div/sp/p
LAST_SP = '<sp who="#khrushchev">'


def nested(levels: int) -> tuple[str, str]:
    return LAST_P, "<p>accepted " + "<hi>" * levels + "the" + "</hi>" * levels + " proposal.</p>"


def declarations(n: int, tag: str = "<p>accepted") -> tuple[str, str]:
    name, _, rest = tag.partition(">")
    return tag, name + "".join(f' xmlns:n{i}="urn:example:{i}"' for i in range(n)) + ">" + rest


def pi(target: str) -> tuple[str, str]:
    return "accepted the proposal.", f"accepted <?{target} a note?>the proposal."


def prefix(name: str) -> tuple[str, str]:
    return "<p>accepted", f'<p xmlns:{name}="urn:example">accepted'


def namespace(uri: str) -> tuple[str, str]:
    return "<p>accepted", f'<p xmlns:x="{uri}">accepted'


# name -> (the replacement at the limit, the one just past it, the code, the element that carries it)
LIMITS = {
    "depth": (nested(94), nested(95), "too-deep", "<hi>" * 95),  # 6 + 94 = 100 levels; the 95th <hi> is the 101st
    "attributes": (declarations(199, LAST_SP), declarations(200, LAST_SP),
                   "too-many-attributes", LAST_SP[:-1]),  # @who and 199 or 200 namespace declarations
    "declarations": (declarations(200), declarations(201), "too-many-attributes", "<p xmlns"),
    "pi-target": (pi("t" * 1000), pi("t" * 1001), "name-too-long", "<?t"),
    "prefix": (prefix("p" * 1000), prefix("p" * 1001), "name-too-long", "<p xmlns"),
    "namespace-name": (namespace("urn:" + "u" * 996), namespace("urn:" + "u" * 997), "name-too-long", "<p xmlns"),
    # U+00E9 is a name character in every edition of XML 1.0; U+01C5 only since the fifth (libxml2 takes it)
    "name-character": (pi("é"), pi("\u01c5"), "name-character", "<?\u01c5"),
    "prefix-character": (prefix("é"), prefix("\u01c5"), "name-character", "<p xmlns"),
}


@pytest.mark.parametrize("name", sorted(LIMITS))
def test_a_document_at_the_limit_renders_and_one_past_it_is_refused_up_front(name, variant, tmp_path, capsys):
    at, past, code, marker = LIMITS[name]
    ok = variant(at)
    assert run_cli(capsys, "validate", ok)[0] == 0
    code_at, _, err = run_cli(capsys, "build", ok, "--out", tmp_path / "at")
    assert code_at == 0, err
    assert (tmp_path / "at" / "html" / f"{SEED_ID}.html").is_file()

    bad = variant(past)
    text = bad.read_text(encoding="utf-8")
    offset = text.index(marker)
    if name == "depth":
        offset += len("<hi>") * 94  # the 95th <hi>
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    for command in (["validate", bad], ["build", bad, "--out", tmp_path / "past"]):
        exit_code, _, err = run_cli(capsys, *command)
        problems = [l for l in err.splitlines() if "error[" in l]
        assert exit_code == 1, err  # the source's problem (1), not a tool failure (2)
        assert len(problems) == 1 and f"{bad}:{line}:{col}: error[{code}]: " in problems[0], err
        assert "render" not in err and "Saxon" not in problems[0].split(": ", 2)[0]
    assert not (tmp_path / "past" / "html" / f"{SEED_ID}.html").exists()


PERMISSIVE = ROOT / "tests" / "fixtures" / "schemas" / "permissive.rng"
DJ = "\u01c5"  # a name character since the fifth edition of XML 1.0 only


@pytest.mark.parametrize("replacement, code", [
    (("<p>accepted", f"<{DJ}>x</{DJ}><p>accepted"), "name-character"),  # an element name
    (("<p>accepted", f"<e{DJ}e>x</e{DJ}e><p>accepted"), "name-character"),
    (("<p>accepted", f'<p a=">" b{DJ}="1">accepted'), "name-character"),  # an attribute name, after a value holding ">"
    (("<p>accepted", f'<p xmlns:x{DJ}="urn:x" x{DJ}:a="1">accepted'), "name-character"),
    (("<p>accepted", f"<p {'a' * 1001}=\"1\">accepted"), "name-too-long"),
    (("<p>accepted", f"<{'e' * 1001}/><p>accepted"), "name-too-long"),
    (("<p>accepted", f"<{'é' * 1001}/><p>accepted"), "name-too-long"),  # characters, not bytes
    (("<p>accepted", f"<p xmlns:x=\"a'{'u' * 1000}\">accepted"), "name-too-long"),  # a quote inside the URI
])
def test_names_a_permissive_schema_admits_are_checked_too(replacement, code, variant, capsys):
    """With a schema that admits any element and attribute (``--schema``), their names meet Saxon's parser too."""
    path = variant(replacement)
    exit_code, _, err = run_cli(capsys, "validate", "--schema", PERMISSIVE, "--no-rules", path)
    problems = [line for line in err.splitlines() if "error[" in line]
    assert exit_code == 1 and len(problems) == 1 and f"error[{code}]" in problems[0], err


@pytest.mark.parametrize("replacement", [
    ("<p>accepted", "<\u00e9l\u00e9ment>x</\u00e9l\u00e9ment><p>accepted"),
    ("<p>accepted", '<p \u00e9="1" a="\u01c5=">accepted'),  # U+01C5 in a value is text, not a name
    ("<p>accepted", f"<{'e' * 1000}/><p>accepted"),
])
def test_names_within_the_limits_pass_under_a_permissive_schema(replacement, variant, capsys):
    path = variant(replacement)
    exit_code, _, err = run_cli(capsys, "validate", "--schema", PERMISSIVE, "--no-rules", path)
    assert exit_code == 0, err


def test_the_limits_are_saxons(tmp_path):
    """The numbers the door enforces are those of the parser the stylesheets run with: one past each
    is refused by Saxon itself (if a saxonche release raises a limit, this says so)."""
    from edition.render import saxon

    proc = saxon.processor()

    def parses(xml: str) -> bool:
        try:
            proc.parse_xml(xml_text=xml)
            return True
        except Exception:  # PySaxonApiError
            return False

    d = parse.MAX_DEPTH
    assert parses("<a>" * d + "</a>" * d) and not parses("<a>" * (d + 1) + "</a>" * (d + 1))
    n = parse.MAX_ATTRIBUTES
    assert parses("<a " + " ".join(f'b{i}="1"' for i in range(n)) + "/>")
    assert not parses("<a " + " ".join(f'b{i}="1"' for i in range(n + 1)) + "/>")
    assert not parses("<a " + " ".join(f'xmlns:b{i}="u"' for i in range(n + 1)) + "/>")
    m = parse.MAX_NAME
    assert parses(f"<{'a' * m}/>") and not parses(f"<{'a' * (m + 1)}/>")
    assert parses(f"<a xmlns:b='{'u' * m}'/>") and not parses(f"<a xmlns:b='{'u' * (m + 1)}'/>")
    assert parses("<\u00e9/>") and not parses("<\u01c5/>")


def test_a_hundred_thousand_attributes_are_refused_before_anything_reads_them(variant, capsys):
    """lxml's attrib.items() is quadratic: 100,000 attributes took 35 s to validate. The element is
    refused with the limit's code as soon as it is parsed, and nothing else is reported."""
    path = variant((LAST_P, "<p " + " ".join(f'a{i}="1"' for i in range(100_000)) + ">accepted the proposal.</p>"))
    exit_code, _, err = run_cli(capsys, "validate", path)
    problems = [l for l in err.splitlines() if "error[" in l]
    assert exit_code == 1
    assert len(problems) == 1 and "error[too-many-attributes]: <p> has 100000 attributes" in problems[0], err


def test_a_long_text_without_names_is_not_mistaken_for_a_long_name(variant, capsys):
    """The byte-level shortcut only decides when to look closer: long words, long attribute values,
    non-ASCII text and markup all pass."""
    word = "x" * 5000
    path = variant((LAST_P, f'<p xml:lang="ru">accepted {word} \u043f\u0440\u043e\u0435\u043a\u0442 the proposal.</p>'),
                   ("Written in pencil.", f"Written in pencil {'é' * 3000}."))
    assert run_cli(capsys, "validate", path)[:1] == (0,)


# ------------------------------------------------------------------ only regular files are sources

def test_a_named_pipe_or_a_device_is_reported_and_never_opened(tmp_path):
    """Opening a named pipe waits for a writer: `edition validate` on a folder with one hung for ever.
    Found in a folder or named on the command line, a pipe or a device is reported and not read;
    the other sources are checked as usual. (Run in a process of its own: a hang fails the test.)"""
    src = tmp_path / "tei"
    src.mkdir()
    (src / SEED.name).write_bytes(SEED.read_bytes())
    os.mkfifo(src / "pipe.xml")
    named = tmp_path / "named.xml"
    os.mkfifo(named)
    for command in (["validate", src, named, "/dev/null"], ["build", src, named, "/dev/null", "--out", tmp_path / "out"]):
        proc = subprocess.run([sys.executable, "-m", "edition", *map(str, command)], capture_output=True, text=True,
                              timeout=120, cwd=tmp_path)
        assert proc.returncode == 1, proc.stderr
        errors = {line.split(": not a regular file")[0].split(", not a regular file")[0]
                  for line in proc.stderr.splitlines() if "error[" in line}
        assert errors == {f"{os.path.join('tei', 'pipe.xml')}: error[io]: is a named pipe (FIFO)",
                          "named.xml: error[io]: is a named pipe (FIFO)",
                          "/dev/null: error[io]: is a character device"}, proc.stderr
        assert "4 files checked: 3 errors" in proc.stderr.splitlines()[-1]
