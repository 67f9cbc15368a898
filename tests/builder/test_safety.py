"""Never wrong, never lost: what an incremental, partial or damaged build must still get right,
and what it must never touch. Each test names the case of issue 11 it holds."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import ROOT, run_cli, small_document
from edition import config
from edition.builder import executors
from edition.builder.publish import publish
from edition.config import Config
from edition.results import Result
from edition.errors import UsageError
from edition.builder.output import DIRTY, LOCK, MANIFEST

BOOKKEEPING = {MANIFEST, LOCK, DIRTY}
PERMISSIVE = ROOT / "tests" / "fixtures" / "schemas" / "permissive.rng"  # any TEI, no xml:id needed


def doc(doc_id: str | None, words: str = "We met at the airport.", extra: str = "") -> str:
    return small_document(doc_id, words + extra)


def files(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name not in BOOKKEEPING}


def build(src, out, **options) -> Result:
    return publish(src if isinstance(src, list) else [src], out, Config(**{"jobs": 1, **options}))


def codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


def fresh(src, tmp_path, name="fresh") -> tuple[Result, dict[str, bytes]]:
    out = tmp_path / name
    shutil.rmtree(out, ignore_errors=True)
    return build(src, out), files(out)


# ------------------------------------------------------------------ 1. the file name is an input


def test_a_renamed_source_without_id_gets_its_new_page_and_loses_the_old(tmp_path):
    src, out = tmp_path / "tei", tmp_path / "out"
    src.mkdir()
    (src / "a.xml").write_text(doc(None), encoding="utf-8")
    options = {"rules": False, "schema": PERMISSIVE}
    assert build(src, out, **options).diagnostics == []
    assert (out / "html" / "a.html").is_file()
    (src / "a.xml").rename(src / "renamed.xml")
    result = build(src, out, **options)
    assert result.diagnostics == []
    assert (out / "html" / "renamed.html").is_file() and not (out / "html" / "a.html").exists()
    fresh_out = tmp_path / "fresh"
    build(src, fresh_out, **options)
    assert files(out) == files(fresh_out)


def test_a_renamed_source_with_its_id_fails_the_build_as_validate_says(tmp_path, capsys):
    src, out = tmp_path / "tei", tmp_path / "out"
    src.mkdir()
    (src / "a.xml").write_text(doc("a"), encoding="utf-8")
    assert build(src, out).diagnostics == []
    (src / "a.xml").rename(src / "renamed.xml")
    assert run_cli(capsys, "validate", src)[0] == 1
    code, _, err = run_cli(capsys, "build", src, "--out", out)
    assert code == 1 and "error[root-id]" in err


def test_a_copied_source_gets_root_id_not_a_false_duplicate(tmp_path):
    src, out = tmp_path / "tei", tmp_path / "out"
    src.mkdir()
    (src / "a.xml").write_text(doc("a"), encoding="utf-8")
    build(src, out)
    shutil.copyfile(src / "a.xml", src / "b.xml")
    assert sorted(codes(build(src, out))) == sorted(codes(fresh(src, tmp_path)[0])) == ["index-kept", "root-id"]


def test_a_pointer_to_another_document_is_checked_again_when_that_document_goes(tmp_path):
    src, out = tmp_path / "tei", tmp_path / "out"
    src.mkdir()
    (src / "a.xml").write_text(doc("a", extra=' See <ref target="b.xml">b</ref>.'), encoding="utf-8")
    (src / "b.xml").write_text(doc("b"), encoding="utf-8")
    assert build(src, out).diagnostics == []
    (src / "b.xml").unlink()
    assert "ref-unresolved" in codes(build(src, out))  # a.xml did not change, but what it points at did
    (src / "b.xml").write_text(doc("b"), encoding="utf-8")
    assert build(src, out).diagnostics == []


# ------------------------------------------------------------------ 2. building some sources keeps the rest


def test_building_one_named_source_keeps_the_other_documents(tmp_path):
    src, out = tmp_path / "tei", tmp_path / "out"
    src.mkdir()
    for name in "abc":
        (src / f"{name}.xml").write_text(doc(name), encoding="utf-8")
    build(src, out)
    whole = files(out)
    (src / "a.xml").write_text(doc("a", "We met at the station."), encoding="utf-8")
    result = build(src / "a.xml", out)
    assert result.rendered == 1 and result.diagnostics == []
    assert [p for p in result.removed if "pagefind" not in p.parts] == []  # only an older search index goes
    now = files(out)
    for name in "bc":  # untouched, and still listed
        assert now[f"html/{name}.html"] == whole[f"html/{name}.html"]
        assert f'href="{name}.html"' in now["html/index.html"].decode()
    assert "station" in now["text/a.txt"].decode()
    # and then the whole folder gives exactly what a fresh build of it gives
    build(src, out)
    assert files(out) == fresh(src, tmp_path)[1]


def test_a_partial_build_drops_documents_whose_sources_are_gone(tmp_path):
    src, out = tmp_path / "tei", tmp_path / "out"
    src.mkdir()
    for name in "ab":
        (src / f"{name}.xml").write_text(doc(name), encoding="utf-8")
    build(src, out)
    (src / "b.xml").unlink()
    build(src / "a.xml", out)
    assert not (out / "html" / "b.html").exists()
    assert 'href="b.html"' not in (out / "html" / "index.html").read_text(encoding="utf-8")


def test_a_partial_build_refuses_an_id_another_kept_document_has(tmp_path):
    src, out = tmp_path / "tei", tmp_path / "out"
    (src / "x").mkdir(parents=True)
    (src / "a.xml").write_text(doc("a"), encoding="utf-8")
    build(src, out)
    (src / "x" / "a.xml").write_text(doc("a", "Another record."), encoding="utf-8")
    result = build(src / "x" / "a.xml", out)
    assert sorted(codes(result)) == ["doc-id-duplicate", "index-kept"]
    assert "airport" in (out / "text" / "a.txt").read_text(encoding="utf-8")  # the kept one stays


# ------------------------------------------------------------------ 4. a damaged manifest


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize("damage", ["deep", "types", "summary-null", "not-json", "edition"])
def test_a_damaged_manifest_means_no_cache_for_that_part_and_one_warning(tmp_path, damage, capsys):
    src, out = tmp_path / "tei", tmp_path / "out"
    src.mkdir()
    for name in "ab":
        (src / f"{name}.xml").write_text(doc(name), encoding="utf-8")
    build(src, out)
    path = out / MANIFEST
    data = json.loads(path.read_bytes())
    if damage == "deep":
        text = json.dumps(data)[:-1] + ', "x": ' + nested(200_000) + "}"
    elif damage == "not-json":
        text = "{" + json.dumps(data)
    else:
        if damage == "types":
            data["documents"]["a"]["outputs"] = ["html/a.html"]
            data["documents"]["b"]["position"] = "1:1"
        elif damage == "summary-null":
            data["documents"]["b"]["summary"] = None
        elif damage == "edition":
            data["edition"] = {"outputs": {"html/index.html": 7}}
        text = json.dumps(data)
    path.write_text(text, encoding="utf-8")
    (src / "c.xml").write_text(doc("c"), encoding="utf-8")  # a new document must reach the index
    for force in ([], ["--force"]):
        code, _, err = run_cli(capsys, "build", src, "--out", out, *force)
        assert code == 0, err
        assert "internal error" not in err and "Traceback" not in err
        if not force:
            assert err.count("warning[manifest-damaged]") == 1
            path.write_text(text, encoding="utf-8")  # damaged again for the --force build
        else:
            assert "warning[manifest-damaged]" in err
    assert files(out) == fresh(src, tmp_path)[1]
    assert run_cli(capsys, "build", src, "--out", out)[0] == 0  # and the record is whole again
    assert "manifest-damaged" not in capsys.readouterr().err


# ------------------------------------------------------------------ 5. nothing outside the output folder


def test_a_linked_subfolder_leading_out_is_neither_written_nor_cleaned(tmp_path, capsys):
    src, out, elsewhere = tmp_path / "tei", tmp_path / "out", tmp_path / "elsewhere"
    src.mkdir()
    (src / "a.xml").write_text(doc("a"), encoding="utf-8")
    build(src, out)
    elsewhere.mkdir()
    precious = elsewhere / ".a.txt.deadbeef.tmp"  # named like a temporary file of a killed build
    precious.write_text("someone's file", encoding="utf-8")
    shutil.rmtree(out / "text")
    (out / "text").symlink_to(elsewhere, target_is_directory=True)
    (out / DIRTY).touch()  # as a killed build leaves it: the next one cleans up
    (src / "a.xml").write_text(doc("a", "Changed words."), encoding="utf-8")
    code, _, err = run_cli(capsys, "build", src, "--out", out)
    assert code == 2
    assert "leads outside the output folder" in err and "Traceback" not in err
    assert sorted(p.name for p in elsewhere.iterdir()) == [precious.name]
    assert precious.read_text(encoding="utf-8") == "someone's file"


def test_an_output_file_that_is_a_link_is_replaced_not_written_through(tmp_path):
    src, out, elsewhere = tmp_path / "tei", tmp_path / "out", tmp_path / "elsewhere.txt"
    src.mkdir()
    (src / "a.xml").write_text(doc("a"), encoding="utf-8")
    build(src, out)
    elsewhere.write_text("someone's file", encoding="utf-8")
    (out / "text" / "a.txt").unlink()
    (out / "text" / "a.txt").symlink_to(elsewhere)
    build(src, out)
    assert elsewhere.read_text(encoding="utf-8") == "someone's file"
    assert not (out / "text" / "a.txt").is_symlink()
    assert files(out) == fresh(src, tmp_path)[1]


# ------------------------------------------------------------------ 6. a build killed while Pagefind runs

FAKE_PAGEFIND = """#!/bin/sh
echo $$ > "{pids}/pagefind.$$"
echo "$RAYON_NUM_THREADS" > "{pids}/threads"
exec sleep 300
"""


def fake_pagefind(tmp_path) -> tuple[Path, Path]:
    pids = tmp_path / "pids"
    pids.mkdir()
    binary = tmp_path / "pagefind"
    binary.write_text(FAKE_PAGEFIND.format(pids=pids), encoding="utf-8")
    binary.chmod(binary.stat().st_mode | stat.S_IXUSR)
    return binary, pids


def wait_for(predicate, what: str, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout}s for {what}")
        time.sleep(0.02)


def alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parent-death signal is Linux's")
def test_a_build_killed_while_pagefind_runs_leaves_no_pagefind_and_nothing_outside(tmp_path):
    src, out, tmpdir = tmp_path / "tei", tmp_path / "out", tmp_path / "tmpdir"
    src.mkdir()
    tmpdir.mkdir()
    (src / "a.xml").write_text(doc("a"), encoding="utf-8")
    binary, pids = fake_pagefind(tmp_path)
    env = {**os.environ, "EDITION_PAGEFIND": str(binary), "TMPDIR": str(tmpdir)}
    proc = subprocess.Popen([sys.executable, "-m", "edition", "build", str(src), "--out", str(out), "--jobs", "1"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(lambda: any(p.name.startswith("pagefind.") for p in pids.iterdir()), "Pagefind to start")
        pid = int(next(p for p in pids.iterdir() if p.name.startswith("pagefind.")).read_text())
        os.kill(proc.pid, signal.SIGKILL)  # the build alone: its children are not told
        proc.wait()
        wait_for(lambda: not alive(pid), "Pagefind to die with the build", timeout=10)
    finally:
        proc.kill()
    assert list(tmpdir.iterdir()) == [], "the search step writes nothing outside the output folder"
    result = build(src, out)  # the real Pagefind now
    assert files(out) == fresh(src, tmp_path)[1]
    assert not any(d.code == "search-skipped" for d in result.diagnostics)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="tmpfs mounts in a namespace are Linux's")
def test_the_search_index_does_not_depend_on_the_file_system_of_the_output_folder(tmp_path):
    # ext4 lists a folder in hash order, tmpfs in order of creation: the bundle must not care
    src, mounted, kept = tmp_path / "tei", tmp_path / "mounted", tmp_path / "kept"
    src.mkdir()
    for name in "fdbeac":
        (src / f"{name}.xml").write_text(doc(name, f"Words of record {name}."), encoding="utf-8")
    proc = in_namespace(f"""
        mkdir -p {mounted} && mount -t tmpfs tmpfs {mounted} || exit 90
        {sys.executable} -m edition build {src} --out {mounted}/out --jobs 1 && cp -a {mounted}/out {kept}
    """)
    assert proc.returncode == 0, proc.stderr
    assert files(kept) == fresh(src, tmp_path)[1]


# ------------------------------------------------------------------ 10. jobs capped at the CPUs


def test_jobs_are_capped_at_the_cpus_for_workers_and_pagefind(tmp_path, monkeypatch):
    assert executors.jobs(Config(jobs=100_000)) == executors.cpus()
    assert executors.jobs(Config(jobs=1)) == 1
    with pytest.raises(UsageError):
        Config(jobs=0)
    src, out = tmp_path / "tei", tmp_path / "out"
    src.mkdir()
    (src / "a.xml").write_text(doc("a"), encoding="utf-8")
    binary, pids = fake_pagefind(tmp_path)
    binary.write_text(binary.read_text().replace("exec sleep 300", "exit 3"), encoding="utf-8")
    monkeypatch.setenv("EDITION_PAGEFIND", str(binary))
    result = build(src, out, jobs=100_000)
    assert int((pids / "threads").read_text()) == executors.cpus()
    assert [d.code for d in result.diagnostics] == ["search-skipped"]


# ------------------------------------------------------------------ 11. the user's environment, said plainly


def test_out_naming_a_file_is_a_plain_error(tmp_path, capsys):
    src, out = tmp_path / "tei", tmp_path / "out.txt"
    src.mkdir()
    (src / "a.xml").write_text(doc("a"), encoding="utf-8")
    out.write_text("not a folder", encoding="utf-8")
    code, _, err = run_cli(capsys, "build", src, "--out", out)
    assert code == 2
    assert err.startswith(f"edition: error: {out}: is not a folder") and "internal error" not in err
    assert out.read_text(encoding="utf-8") == "not a folder"


def in_namespace(script: str) -> subprocess.CompletedProcess:
    """Run ``script`` as root of a new user and mount namespace (mounts made there vanish with it)."""
    unshare = shutil.which("unshare")
    if unshare is None:
        pytest.skip("unshare (util-linux) is not installed: cannot make a small or read-only file system")
    probe = subprocess.run([unshare, "-rm", "true"], capture_output=True)
    if probe.returncode != 0:
        pytest.skip(f"this machine does not allow user namespaces ({probe.stderr.decode().strip()})")
    return subprocess.run([unshare, "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="tmpfs mounts in a namespace are Linux's")
def test_a_full_disk_is_said_plainly_and_the_next_build_completes_the_edition(tmp_path):
    src, out, kept = tmp_path / "tei", tmp_path / "out", tmp_path / "kept"
    src.mkdir()
    for i in range(6):
        (src / f"d{i}.xml").write_text(doc(f"d{i}", "Many words. " * 400), encoding="utf-8")
    build_cmd = f"{sys.executable} -m edition build {src} --out {out} --jobs 1"
    proc = in_namespace(f"""
        set -u
        mkdir -p {out} && mount -t tmpfs -o size=120k tmpfs {out} || exit 90
        {build_cmd}; echo "first=$?" >&2
        mount -o remount,size=50m {out} || exit 91
        {build_cmd} 2>/dev/null; echo "second=$?" >&2
        cp -a {out} {kept}
    """)
    assert "first=2" in proc.stderr, proc.stderr
    said = [line for line in proc.stderr.splitlines() if line.startswith("edition: error:")]
    assert len(said) == 1 and "no space left on device" in said[0], proc.stderr
    assert "internal error" not in proc.stderr and "Traceback" not in proc.stderr
    assert "second=0" in proc.stderr
    assert files(kept) == fresh(src, tmp_path)[1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="tmpfs mounts in a namespace are Linux's")
def test_a_read_only_output_folder_is_said_plainly(tmp_path):
    src, out = tmp_path / "tei", tmp_path / "out"
    src.mkdir()
    (src / "a.xml").write_text(doc("a"), encoding="utf-8")
    proc = in_namespace(f"""
        mkdir -p {out} && mount -t tmpfs -o ro tmpfs {out} || exit 90
        {sys.executable} -m edition build {src} --out {out}; echo "status=$?" >&2
    """)
    assert "status=2" in proc.stderr, proc.stderr
    assert "read-only file system" in proc.stderr and "Traceback" not in proc.stderr


# ------------------------------------------------------------------ 12. only documented parameters


@pytest.mark.parametrize("pair, said", [
    ("persons-href=javascript:alert(1)//", "--param persons-href: not a parameter of the edition"),
    ("edition-ur=https://example.org", "did you mean edition-url?"),
    ("edition-url=javascript:alert(1)", "expected an http:// or https:// address"),
    ("edition-url=https://example.org/a b", "no spaces"),
    ("edition-title=", "expected some text"),
])
def test_only_documented_parameters_with_checked_values_are_accepted(tmp_path, capsys, pair, said):
    src, out = tmp_path / "tei", tmp_path / "out"
    src.mkdir()
    (src / "a.xml").write_text(doc("a"), encoding="utf-8")
    code, _, err = run_cli(capsys, "build", src, "--out", out, "--param", pair)
    assert code == 2 and said in err
    assert not out.exists(), "nothing is written before the parameters are checked"


def test_the_documented_parameters_are_listed_and_accepted(tmp_path, capsys):
    assert set(config.PARAMETERS) == {"edition-url", "edition-title", "interface-language", "base-witness"}
    src, out = tmp_path / "tei", tmp_path / "out"
    src.mkdir()
    (src / "a.xml").write_text(doc("a"), encoding="utf-8")
    code, _, err = run_cli(capsys, "build", src, "--out", out, "--param", "edition-url=https://example.org/ed",
                           "--param", "edition-title=My edition", "--param", "base-witness=A")
    assert code == 0, err
    assert "https://example.org/ed/a.html" in (out / "cite" / "a.bib").read_text(encoding="utf-8")
