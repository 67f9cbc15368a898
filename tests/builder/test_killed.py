"""A build killed at any moment leaves every output either its old or its new complete
version, and the next build repairs the rest; two builds on one output folder do not
interleave; nothing outside the output folder is ever written or removed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

from lxml import etree

from tests.support import ROOT, SEED, run_cli
from edition.builder import checkpoints, output
from edition.builder.output import MANIFEST
from edition.render.formats import FORMATS

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

N = 24


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != output.LOCK}


def write_state(folder, offset):
    """The same N document ids; the wording depends on ``offset``."""
    folder.mkdir(parents=True, exist_ok=True)
    seed = etree.parse(str(SEED))
    for i in range(N):
        doc_id = f"{SEED.stem}-{i:05d}"
        (folder / f"{doc_id}.xml").write_bytes(synth.vary(seed, doc_id, i + offset))


def edition_cmd(*args):
    return [sys.executable, "-m", "edition", "build", *map(str, args)]


def stopped_at(point: str, nth: int, cmd: list[str]) -> bool:
    """Run ``cmd`` (a build) until it reaches ``point`` for the ``nth`` time (edition.checkpoints), then kill it
    and its workers there with SIGKILL. Whether it got there (else it finished first, and is reaped)."""
    proc = subprocess.Popen(cmd, env={**os.environ, "EDITION_STOP_AT": f"{point}:{nth}"},
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300  # a guard against a hang, not a measurement
    while True:
        pid, status = os.waitpid(proc.pid, os.WUNTRACED | os.WNOHANG)
        if pid:
            break
        assert time.monotonic() < deadline, f"the build neither stopped at {point}:{nth} nor finished"
        time.sleep(0.01)
    if os.WIFSTOPPED(status):
        os.killpg(proc.pid, signal.SIGKILL)  # the build and its workers, where they stand
        proc.wait()
        return True
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped above
    return False


def test_a_build_killed_at_any_moment_leaves_old_or_new_files_and_the_next_repairs(tmp_path, capsys, monkeypatch):
    """Kill points are events the build reaches, not moments a timer guesses: the build stops itself at the
    named point (edition.checkpoints) and is killed there. So every run kills where it means to, whatever
    the machine's load: before any write, at the first, middle and last document output, among the
    edition pages and the search bundle, at the manifest, and after everything but the unfinished mark."""
    old_src, new_src = tmp_path / "old", tmp_path / "new"
    write_state(old_src, 0)
    write_state(new_src, 1000)
    ref_old, ref_new = tmp_path / "ref-old", tmp_path / "ref-new"
    assert run_cli(capsys, "build", old_src, "--out", ref_old, "--jobs", "1")[0] == 0
    assert run_cli(capsys, "build", new_src, "--out", ref_new, "--jobs", "1")[0] == 0
    old, new = tree(ref_old), tree(ref_new)
    assert all(old[rel] != new[rel] for rel in old if rel.startswith("text/")), "every document changes"

    # how many outputs the build from the old edition to the new replaces, counted by the same points
    passed: dict[str, int] = {}
    counted = tmp_path / "counted"
    shutil.copytree(ref_old, counted)
    with monkeypatch.context() as patch:  # undoes this patch only (not the other fixtures' working folder)
        patch.setattr(checkpoints, "reached", lambda point: passed.__setitem__(point, passed.get(point, 0) + 1))
        assert run_cli(capsys, "build", new_src, "--out", counted, "--jobs", "1")[0] == 0
    assert tree(counted) == new
    documents, total = N * len(FORMATS), passed["replace"]  # the documents' outputs come first, in order
    assert total > documents + 2, passed

    points = [("started", 1), ("replace", 1), ("replace", documents // 2), ("replace", documents),
              ("replace", documents + 1), ("replace", (documents + total) // 2), ("replace", total), ("finishing", 1)]
    mixed = 0
    for k, (point, nth) in enumerate(points):
        out = tmp_path / f"run{k}"
        shutil.copytree(ref_old, out)
        cmd = edition_cmd(new_src, "--out", out, "--jobs", "2" if k % 2 else "1")
        assert stopped_at(point, nth, cmd), f"the build finished before {point}:{nth}"
        now = tree(out)
        mixed += any(now.get(rel) == data for rel, data in new.items() if data != old.get(rel)) and \
            any(now.get(rel) == data for rel, data in old.items() if data != new.get(rel))
        for rel, data in now.items():
            name = rel.rsplit("/", 1)[-1]
            if name.startswith(".") and name.endswith(".tmp") or name == output.DIRTY:
                continue  # a temporary file of write_atomic, the mark of an unfinished build: never outputs
            assert data in (old.get(rel), new.get(rel)), f"killed at {point}:{nth}: {rel} is neither its old nor its new version"
        assert run_cli(capsys, "build", new_src, "--out", out, "--jobs", "1")[0] == 0
        assert tree(out) == new, f"killed at {point}:{nth}: the next build did not repair the edition"
    assert mixed, "no kill landed while the build was writing: the test proved nothing"


def test_a_second_build_on_the_same_folder_is_refused(tmp_path, capsys):
    src, out = tmp_path / "tei", tmp_path / "out"
    synth.write(src, [SEED], 2)
    with output.locked(out):
        code, _, err = run_cli(capsys, "build", src, "--out", out)
        assert code == 2
        assert err.strip() == f"edition: error: another build is writing {out}"
        assert not (out / "html").exists(), "the refused build wrote nothing"
    assert run_cli(capsys, "build", src, "--out", out)[0] == 0


def test_two_builds_started_at_once_leave_a_correct_edition(tmp_path, capsys):
    src, out, ref = tmp_path / "tei", tmp_path / "out", tmp_path / "ref"
    synth.write(src, [SEED], N)
    assert run_cli(capsys, "build", src, "--out", ref, "--jobs", "1")[0] == 0
    procs = [subprocess.Popen(edition_cmd(src, "--out", out, "--jobs", "1"), stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [(p.wait(timeout=60), p.stderr.read()) for p in procs]
    for p in procs:
        p.stderr.close()
    assert 0 in [code for code, _ in results]
    for code, err in results:
        assert code == 0 or (code == 2 and f"edition: error: another build is writing {out}" in err), err
    assert tree(out) == tree(ref)


PERMISSIVE = """<!-- any XML at all: lets ids through that the edition's schema would refuse -->
<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start><ref name="any"/></start>
  <define name="any"><element><anyName/><zeroOrMore><choice>
    <attribute><anyName/></attribute><text/><ref name="any"/></choice></zeroOrMore></element></define>
</grammar>
"""


def test_document_ids_cannot_name_files_outside_the_output_folder(tmp_path, seed_text, capsys):
    schema = tmp_path / "any.rng"
    schema.write_text(PERMISSIVE)
    src, out = tmp_path / "tei", tmp_path / "work" / "out"
    src.mkdir()
    ids = ["../../evil", "index", "/tmp/abs", ".hidden"]
    for i, doc_id in enumerate(ids):
        (src / f"d{i}.xml").write_text(seed_text.replace(f'xml:id="{SEED.stem}"', f'xml:id="{doc_id}"'), encoding="utf-8")
    (src / "ok.xml").write_text(seed_text.replace(f'xml:id="{SEED.stem}"', 'xml:id="ok"'), encoding="utf-8")
    before = sorted(p for p in tmp_path.rglob("*"))
    code, _, err = run_cli(capsys, "build", src, "--out", out, "--schema", schema, "--no-rules")
    assert code == 1
    for i, doc_id in enumerate(ids):
        assert f'd{i}.xml:3:1: error[unsafe-id]: document id "{doc_id}" cannot name an output file' in err
    created = sorted(set(tmp_path.rglob("*")) - set(before))
    assert all(out in p.parents or p == out for p in created if p != out.parent), created
    assert (out / "html" / "ok.html").exists()
    assert not (tmp_path / "evil.html").exists() and not (tmp_path / "work" / "evil.html").exists()


def test_a_tampered_manifest_cannot_remove_files_outside_the_output_folder(tmp_path, capsys):
    src, out = tmp_path / "tei", tmp_path / "out"
    synth.write(src, [SEED], 2)
    assert run_cli(capsys, "build", src, "--out", out)[0] == 0
    victims = [tmp_path / "victim.txt", tmp_path / "tei" / "victim.xml.bak"]
    for v in victims:
        v.write_text("keep me")
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    manifest["documents"]["gone"] = {"inputs": "0", "outputs": {"../victim.txt": "0", "html/../../victim.txt": "0",
                                                                 str(victims[0]): "0", "../tei/victim.xml.bak": "0"},
                                     "summary": {}, "diagnostics": []}
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    assert run_cli(capsys, "build", src, "--out", out)[0] == 0
    assert all(v.read_text() == "keep me" for v in victims)
    assert "gone" not in json.loads((out / MANIFEST).read_text(encoding="utf-8"))["documents"]


def test_a_page_written_in_pieces_replaces_the_old_one_whole_or_not_at_all(tmp_path):
    """The persons index grows with the edition and is written in pieces (output.write_atomic_chunks):
    a failure half-way leaves the old page and no temporary file; the same bytes again rewrite nothing."""
    page = tmp_path / "html" / "persons.html"
    changed, digest = output.write_atomic_chunks(page, iter([b"<p>old", b" page</p>"]))
    assert changed and page.read_bytes() == b"<p>old page</p>" and digest.endswith(":15")

    def failing():
        yield b"<p>new"
        raise OSError("disk full")

    try:
        output.write_atomic_chunks(page, failing())
        raise AssertionError("the failure was swallowed")
    except OSError as exc:
        assert str(exc) == "disk full"
    assert page.read_bytes() == b"<p>old page</p>"
    assert [p.name for p in page.parent.iterdir()] == ["persons.html"]  # no temporary file left

    before = page.stat()
    assert output.write_atomic_chunks(page, iter([b"<p>old page", b"</p>"])) == (False, digest)
    after = page.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # not replaced
