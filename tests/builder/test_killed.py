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
from edition.builder import output
from edition.builder.output import MANIFEST

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


def test_a_build_killed_at_any_moment_leaves_old_or_new_files_and_the_next_repairs(tmp_path, capsys):
    old_src, new_src = tmp_path / "old", tmp_path / "new"
    write_state(old_src, 0)
    write_state(new_src, 1000)
    ref_old, ref_new = tmp_path / "ref-old", tmp_path / "ref-new"
    assert run_cli(capsys, "build", old_src, "--out", ref_old, "--jobs", "1")[0] == 0
    started = time.monotonic()
    subprocess.run(edition_cmd(new_src, "--out", ref_new, "--jobs", "1"), check=True, stderr=subprocess.DEVNULL)
    whole = time.monotonic() - started  # how long a whole build takes on this machine, now
    old, new = tree(ref_old), tree(ref_new)
    assert all(old[rel] != new[rel] for rel in old if rel.startswith("text/")), "every document changes"

    # kill points spread over a whole build, most of them where it writes (after start-up)
    mixed = 0
    for k, fraction in enumerate((0.2, 0.5, 0.6, 0.7, 0.8, 0.9)):
        delay = whole * fraction
        out = tmp_path / f"run{k}"
        shutil.copytree(ref_old, out)
        proc = subprocess.Popen(edition_cmd(new_src, "--out", out, "--jobs", "2" if k % 2 else "1"),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            proc.wait(timeout=delay)  # returns early if the build is already done
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the build and its workers, mid-write or not
        except ProcessLookupError:
            pass  # it had finished
        proc.wait()
        now = tree(out)
        mixed += any(now.get(rel) == data for rel, data in new.items() if data != old.get(rel)) and \
            any(now.get(rel) == data for rel, data in old.items() if data != new.get(rel))
        for rel, data in now.items():
            name = rel.rsplit("/", 1)[-1]
            if name.startswith(".") and name.endswith(".tmp") or name == output.DIRTY:
                continue  # a temporary file of write_atomic, the mark of an unfinished build: never outputs
            assert data in (old.get(rel), new.get(rel)), f"kill after {delay}s: {rel} is neither its old nor its new version"
        assert run_cli(capsys, "build", new_src, "--out", out, "--jobs", "1")[0] == 0
        assert tree(out) == new, f"kill after {delay}s: the next build did not repair the edition"
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
