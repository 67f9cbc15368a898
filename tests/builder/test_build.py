"""edition build: byte-identical rebuilds that rewrite nothing, outputs readable by everyone, and a
failed source never costs an existing output."""

from __future__ import annotations

from tests.support import SEED, SEED_ID, TEI_DIR, run_cli


def test_second_build_is_byte_identical_and_rewrites_nothing(tmp_path, capsys):
    out = tmp_path / "out"
    assert run_cli(capsys, "build", TEI_DIR, "--out", out)[0] == 0
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    code, _, err = run_cli(capsys, "build", TEI_DIR, "--out", out)
    assert code == 0
    assert "wrote 0 files" in err
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_outputs_are_readable_by_everyone(built):
    for p in built.rglob("*"):
        if p.is_file():
            assert p.stat().st_mode & 0o044 == 0o044, p


def test_failed_source_is_not_rendered_and_old_outputs_stay(tmp_path, seed_text, capsys):
    src = tmp_path / "tei"
    src.mkdir()
    (src / SEED.name).write_text(seed_text, encoding="utf-8")
    out = tmp_path / "out"
    assert run_cli(capsys, "build", src, "--out", out)[0] == 0
    snapshot = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    # the editor breaks the document: the previous edition must survive
    (src / SEED.name).write_text(seed_text.replace("accepted the proposal.", "accepted <b>the proposal."), encoding="utf-8")
    code, _, err = run_cli(capsys, "build", src, "--out", out)
    assert code == 1
    assert "error[xml-syntax]" in err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == snapshot
    assert not [p for p in out.rglob(".*.tmp")], "no temporary files are left behind"


def test_validate_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert run_cli(capsys, "validate", TEI_DIR)[0] == 0
    assert list(tmp_path.iterdir()) == []


def test_default_paths_are_tei_and_output(tmp_path, seed_text, capsys, monkeypatch):
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / SEED.name).write_text(seed_text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert run_cli(capsys, "build")[0] == 0
    assert (tmp_path / "output" / "html" / f"{SEED_ID}.html").exists()
    assert (tmp_path / "output" / "text" / f"{SEED_ID}.txt").exists()
    assert (tmp_path / "output" / "html" / "index.html").exists()
