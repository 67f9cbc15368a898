"""Reading the input: within a bounded size and bounded memory, text or not, in which encoding.

The memory of an import is measured as the peak resident size of a separate process that runs
it (``ru_maxrss``), since most of what an import holds lives in lxml's C structures, which
tracemalloc does not see.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from edition.importer.decode import MAX_INPUT_BYTES
from edition.importer.layout import MAX_PARAGRAPH

from tests.support import ROOT, run_cli

MB = 1024 * 1024


def _import_in_a_process(*argv) -> tuple[int, str, int]:
    """``edition import ARGV`` in a fresh Python process: (exit code, stderr, peak resident size in MB)."""
    script = ("import json, resource, sys\n"
              "from edition import cli\n"
              "code = cli.main(sys.argv[1:])\n"
              "print(json.dumps([code, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss]))\n")
    done = subprocess.run([sys.executable, "-c", script, "import", *map(str, argv)], capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    code, peak_kb = json.loads(done.stdout.strip().splitlines()[-1])
    return code, done.stderr, peak_kb // 1024


def _baseline_mb() -> int:
    script = "import resource, edition.importer.command; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    return int(done.stdout) // 1024


def test_a_file_larger_than_the_cap_is_refused_before_it_is_read(tmp_path):
    """A 1 GB file (sparse: no disk used) is refused from its size: exit 1, a message, and the memory of
    a process that read nothing (it used 9.4 GB when the whole file was read and scanned)."""
    big = tmp_path / "export.txt"
    with open(big, "wb") as f:
        f.truncate(1024 * MB)
    code, err, peak = _import_in_a_process(big, "-o", tmp_path / "export.xml")
    assert code == 1
    assert err.strip() == (f"{big}: error[too-large]: the file is 1,024 MB; transcripts larger than "
                           f"{MAX_INPUT_BYTES // MB} MB are refused (the import holds the whole text in memory): "
                           f"split it into documents")
    assert peak < _baseline_mb() + 30, f"{peak} MB"
    assert not (tmp_path / "export.xml").exists()


def test_a_binary_file_at_the_cap_is_refused_in_flat_memory(tmp_path):
    """Every byte a control character: counted, not listed (a list of 8 million matches took ~400 MB)."""
    binary = tmp_path / "scan.txt"
    binary.write_bytes(b"\x01" * (MAX_INPUT_BYTES - 1))
    code, err, peak = _import_in_a_process(binary)
    assert code == 1 and "error[not-text]" in err
    assert peak < _baseline_mb() + 2 * MAX_INPUT_BYTES // MB + 30, f"{peak} MB"


def test_one_line_longer_than_a_paragraph_can_be_is_bad_input_not_a_bug(tmp_path):
    """A single line of millions of characters (a PDF export without line breaks) was refused by the
    draft's check as 'a bug in edition import'; now it is the input's problem, said at its line,
    before a draft is made, in memory bounded by the input's size."""
    line = tmp_path / "oneline.txt"
    line.write_text("Title\n\n" + ("word " * (MAX_PARAGRAPH // 4))[: MAX_PARAGRAPH + 1] + "\n", encoding="utf-8")
    code, err, peak = _import_in_a_process(line, "-o", tmp_path / "oneline.xml")
    assert code == 1
    assert err.strip() == (f"{line}:3:1: error[paragraph-too-long]: a paragraph of {MAX_PARAGRAPH + 1:,} characters "
                           f"(from this line to line 3): the edition holds at most {MAX_PARAGRAPH:,} in one paragraph; "
                           f"put blank lines between its paragraphs")
    assert "bug" not in err
    assert peak < _baseline_mb() + 40 * line.stat().st_size // MB + 30, f"{peak} MB"
    assert not (tmp_path / "oneline.xml").exists()


def test_a_file_that_is_not_regular_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    code, err, _ = _import_in_a_process(fifo)  # opening a FIFO to read blocks until a writer comes: not done
    assert (code, err.strip()) == (1, f"{fifo}: error[not-a-file]: not a regular file (a pipe, a device...): "
                                      f"name a transcript file")


@pytest.mark.parametrize("size", [MAX_INPUT_BYTES, MAX_INPUT_BYTES + 1])
def test_the_cap_is_inclusive(tmp_path, capsys, size):
    text = tmp_path / "t.txt"
    text.write_bytes(b"\x01" * size)  # not text either way: only the size decides which error comes first
    code, out, err = run_cli(capsys, "import", text)
    assert code == 1
    assert ("error[too-large]" in err) == (size > MAX_INPUT_BYTES)
