"""Hostile and broken input: the catalogue in tests/hostile/, run as ONE `edition validate`.

Every entry gets its own diagnostic (code, line, severity) and nothing else; the valid ones
(a UTF-8 BOM, CRLF line endings, UTF-16 with a BOM) get none; the seed in the same run stays
clean. Proved for the whole run: no traceback, no network access (the remote addresses point
at a socket this test listens on, which must see no connection), no file read outside the
sources (a sentinel with unique content, which external entities and XIncludes point at, must
not appear in the output), bounded time and memory (a 50 MB text node, 5,000 levels of nesting).

The huge and special entries are made by the test: a 50 MB text node, nesting 5,000 deep, 100,000
attributes on one element, a sparse 65 MB file, a directory named like a source, an unreadable file,
a named pipe and a socket named like sources (reported, never opened: a pipe would block the run). Tests run as root,
which reads a chmod 000 file anyway: there the run denies that one file through a patched
``open`` in edition.parse, as the kernel would for anyone else.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.support import ROOT, SEED

HOSTILE = ROOT / "tests" / "hostile"

# file -> (code, line, severity), or None where the input is valid and nothing may be reported
CATALOGUE = {
    # malformed XML
    "unclosed-tag.xml": ("xml-syntax", 6, "error"),
    "mismatched-tag.xml": ("xml-syntax", 4, "error"),
    "attribute-unquoted.xml": ("xml-syntax", 4, "error"),
    "attribute-quote-mismatch.xml": ("xml-syntax", 4, "error"),
    "attribute-duplicate.xml": ("xml-syntax", 4, "error"),
    "attribute-without-value.xml": ("xml-syntax", 4, "error"),
    "ampersand-unescaped.xml": ("xml-syntax", 4, "error"),
    "lt-in-attribute.xml": ("xml-syntax", 4, "error"),
    "charref-invalid.xml": ("xml-syntax", 4, "error"),
    "charref-surrogate.xml": ("xml-syntax", 4, "error"),
    "junk-after-root.xml": ("xml-syntax", 4, "error"),
    "two-roots.xml": ("xml-syntax", 4, "error"),
    "cdata-unterminated.xml": ("xml-syntax", 7, "error"),
    "comment-double-dash.xml": ("xml-syntax", 3, "error"),
    "comment-unterminated.xml": ("xml-syntax", 6, "error"),
    "pi-reserved-name.xml": ("xml-syntax", 3, "error"),
    "xml-declaration-late.xml": ("xml-syntax", 2, "error"),
    "xml-version-2.xml": ("xml-syntax", 1, "error"),
    "element-name-invalid.xml": ("xml-syntax", 4, "error"),
    "prefix-undeclared.xml": ("xml-syntax", 4, "error"),
    "truncated.xml": ("xml-syntax", 4, "error"),
    "control-character.xml": ("xml-syntax", 4, "error"),
    "text-before-root.xml": ("xml-syntax", 1, "error"),
    "not-xml.xml": ("xml-syntax", 1, "error"),
    "entity-undeclared.xml": ("entity", 4, "error"),
    "nul-byte.xml": ("encoding", 4, "error"),
    "binary.xml": ("encoding", 3, "error"),
    "empty.xml": ("empty", 1, "error"),
    "whitespace-only.xml": ("empty", 1, "error"),
    # encodings
    "invalid-utf8.xml": ("encoding", 4, "error"),
    "encoding-lies-latin1.xml": ("encoding", 31, "error"),
    "encoding-lies-utf16.xml": ("encoding", 1, "error"),
    "encoding-unknown.xml": ("encoding", 1, "error"),
    "utf16le-no-bom.xml": ("encoding", 1, "error"),
    "utf16be-no-bom.xml": ("encoding", 1, "error"),
    "utf16-declares-utf8.xml": ("encoding", 1, "error"),
    "bom-utf8.xml": None,
    "crlf.xml": None,
    "utf16-bom.xml": None,
    # not TEI
    "namespace-missing.xml": ("schema-namespace", 2, "error"),
    "namespace-wrong.xml": ("schema-namespace", 2, "error"),
    "root-not-tei.xml": ("schema-namespace", 2, "error"),
    "root-only.xml": ("schema-missing", 2, "error"),
    # DTDs, entities, inclusions, remote references: refused or reported, never followed
    "billion-laughs.xml": ("doctype", 3, "error"),
    "external-entity-file.xml": ("doctype", 2, "error"),
    "external-entity-http.xml": ("doctype", 2, "error"),
    "parameter-entity.xml": ("doctype", 2, "error"),
    "doctype-external-dtd.xml": ("doctype", 2, "error"),
    "doctype-utf16.xml": ("doctype", 2, "error"),
    "doctype-utf32.xml": ("doctype", 2, "error"),
    "xinclude-file.xml": ("xinclude", 3, "error"),
    "xinclude-http.xml": ("xinclude", 3, "error"),
    "xml-stylesheet-remote.xml": ("remote-reference", 2, "warning"),
    "xml-model-remote.xml": ("remote-reference", 2, "warning"),
}

# made by the test (too big, or not files at all)
GENERATED = {
    "huge-text-node.xml": ("too-large", 3, "error"),  # a 50 MB text node
    "deep-nesting.xml": ("too-deep", 2, "error"),  # 5,000 nested <div>
    "many-attributes.xml": ("too-many-attributes", 2, "error"),  # 100,000 attributes on one element
    "fifo.xml": ("io", 0, "error"),  # a named pipe: opening it would wait for a writer forever
    "socket.xml": ("io", 0, "error"),  # a Unix socket
    "oversize.xml": ("too-large", 0, "error"),  # 65 MB (sparse): refused before reading
    "directory.xml": ("io", 0, "error"),  # a folder named like a source
    "unreadable.xml": ("io", 0, "error"),  # chmod 000
}

# ``edition validate`` in a process of its own; as root, the chmod 000 file is denied by a patched open
RUNNER = """
import builtins, os, sys
from edition import cli
from edition.sources import parse
if os.geteuid() == 0:
    _open = builtins.open
    def _guarded(file, *args, **kwargs):
        if os.fspath(file).endswith("unreadable.xml"):
            raise PermissionError(13, "Permission denied", os.fspath(file))
        return _open(file, *args, **kwargs)
    parse.open = _guarded
sys.exit(cli.main(sys.argv[1:]))
"""

_LINE = re.compile(r"^(?P<path>[^:]+?)(?::(?P<line>\d+):(?P<col>\d+))?: (?P<sev>error|warning)\[(?P<code>[a-z-]+)\]: (?P<msg>.+)$")


def _generate(src: Path) -> None:
    with open(src / "huge-text-node.xml", "wb") as f:
        f.write(b'<!-- a 50 MB text node -->\n<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="huge-text-node">\n<p>')
        chunk = b"lorem ipsum " * 87381  # ~1 MiB
        for _ in range(50):
            f.write(chunk)
        f.write(b"</p></TEI>\n")
    depth = 5000
    (src / "deep-nesting.xml").write_text(
        "<!-- 5,000 nested elements -->\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" xml:id=\"deep-nesting\">"
        + "<div>" * depth + "<p>deep</p>" + "</div>" * depth + "</TEI>\n", encoding="utf-8")
    (src / "many-attributes.xml").write_text(
        "<!-- 100,000 attributes on the root -->\n<TEI xmlns=\"http://www.tei-c.org/ns/1.0\" "
        + " ".join(f'a{i}="{i}"' for i in range(100_000)) + "><p>many</p></TEI>\n", encoding="utf-8")
    os.mkfifo(src / "fifo.xml")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(src / "socket.xml"))  # the file stays when the socket is closed
    sock.close()
    with open(src / "oversize.xml", "wb") as f:
        f.truncate(65 * 1024 * 1024)  # sparse: costs no disk, refused by its size
    (src / "directory.xml").mkdir()
    (src / "unreadable.xml").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    os.chmod(src / "unreadable.xml", 0)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-run")
    src = folder / "sources"
    src.mkdir()
    token = f"SENTINEL-{uuid.uuid4().hex}"
    (src / "sentinel.txt").write_text(token + "\n", encoding="utf-8")
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    port = server.getsockname()[1]
    try:
        for f in HOSTILE.iterdir():
            (src / f.name).write_bytes(f.read_bytes().replace(b"127.0.0.1:PORT", f"127.0.0.1:{port}".encode()))
        _generate(src)
        shutil.copy(SEED, src / SEED.name)
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        started = time.monotonic()
        proc = subprocess.run([sys.executable, "-c", RUNNER, "validate", "sources"], cwd=folder,
                              capture_output=True, text=True, timeout=300)
        elapsed = time.monotonic() - started
        rss_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        server.setblocking(False)
        try:
            conn, _ = server.accept()
            conn.close()
            contacted = True
        except BlockingIOError:
            contacted = False
    finally:
        server.close()
        os.chmod(src / "unreadable.xml", 0o644) if (src / "unreadable.xml").exists() else None
    found: dict[str, list] = {}
    for line in proc.stderr.splitlines():
        m = _LINE.match(line)
        if m:
            found.setdefault(Path(m.group("path")).name, []).append(
                (m.group("code"), int(m.group("line") or 0), m.group("sev"), m.group("msg")))
    return {"proc": proc, "found": found, "token": token, "elapsed": elapsed,
            "rss_mb": rss_kb / 1024 if rss_kb > before else None, "contacted": contacted, "port": port}


def test_the_catalogue_has_at_least_40_entries_and_every_file_is_in_the_table():
    assert len(CATALOGUE) + len(GENERATED) >= 40
    assert sorted(f.name for f in HOSTILE.iterdir()) == sorted(CATALOGUE)


@pytest.mark.parametrize("name", sorted(CATALOGUE) + sorted(GENERATED))
def test_each_input_gets_its_one_diagnostic(name, run):
    expected = {**CATALOGUE, **GENERATED}[name]
    got = run["found"].get(name, [])
    if expected is None:
        assert got == [], f"{name} is valid and must be clean: {got}"
        return
    assert [g[:3] for g in got] == [expected], run["proc"].stderr
    message = got[0][3]
    assert len(message) > 30 and "Traceback" not in message
    assert not re.search(r"\bxml(Parse|SAX2)\w*:", message), "libxml2's function names are not a message"


def test_the_run_checked_every_file_and_the_seed_stays_clean(run):
    proc = run["proc"]
    assert proc.returncode == 1, proc.stderr
    assert SEED.name not in run["found"], run["found"].get(SEED.name)
    n = len(CATALOGUE) + len(GENERATED) + 1
    assert f"{n} files checked" in proc.stderr.splitlines()[-1]


def test_no_traceback_and_every_line_is_a_diagnostic(run):
    proc = run["proc"]
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out and "internal error" not in out
    lines = proc.stderr.splitlines()
    assert all(_LINE.match(l) for l in lines[:-1]), [l for l in lines[:-1] if not _LINE.match(l)]


def test_nothing_outside_the_sources_was_read(run):
    out = run["proc"].stdout + run["proc"].stderr
    assert run["token"] not in out


def test_nothing_was_fetched(run):
    assert not run["contacted"], f"something connected to 127.0.0.1:{run['port']}"
    assert f"127.0.0.1:{run['port']}" in run["proc"].stderr  # the remote references were seen, and reported


def test_time_and_memory_are_bounded(run):
    assert run["elapsed"] < 60, run["elapsed"]
    if run["rss_mb"] is not None:  # the largest child so far was this run
        assert run["rss_mb"] < 768, f"peak RSS {run['rss_mb']:.0f} MB"


@pytest.mark.parametrize("name, words", [
    ("utf16le-no-bom.xml", "the file is UTF-16 (UTF-16LE) without a byte order mark"),
    ("utf16be-no-bom.xml", "the file is UTF-16 (UTF-16BE) without a byte order mark"),
    ("utf16-declares-utf8.xml", 'the XML declaration says encoding="UTF-8", but the file is UTF-16'),
])
def test_a_utf16_problem_is_named_as_one(name, words, run):
    """Not a generic "binary file" or syntax error, nor silently accepted: the message names the encoding."""
    [(code, _, _, message)] = run["found"][name]
    assert code == "encoding" and message.startswith(words), message
