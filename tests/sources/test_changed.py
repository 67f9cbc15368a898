"""edition validate --changed [REV]: only the sources git says changed, in a repository
made by each test; no repository or a bad revision is the tool's failure (exit 2)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.support import SEED_ID, run_cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

NAMES = ("alpha", "beta", "gamma")


def git(*args, cwd):
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
                   cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path, seed_text, monkeypatch):
    """A committed repository with tei/alpha.xml, beta.xml, gamma.xml (valid) and notes/x.xml; cwd is its root."""
    for name in list(os.environ):
        if name.startswith("GIT_"):
            monkeypatch.delenv(name)  # run as a user would, even when the suite runs inside a git hook
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "repo"
    (root / "tei").mkdir(parents=True)
    (root / "notes").mkdir()
    for name in NAMES:
        (root / "tei" / f"{name}.xml").write_text(doc(seed_text, name), encoding="utf-8")
    (root / "notes" / "x.xml").write_text("<notes/>", encoding="utf-8")
    git("init", "-q", cwd=root)
    git("add", "-A", cwd=root)
    git("commit", "-q", "-m", "initial", cwd=root)
    monkeypatch.chdir(root)
    return root


def doc(seed_text: str, name: str, broken: bool = False) -> str:
    text = seed_text.replace(f'xml:id="{SEED_ID}"', f'xml:id="{name}"', 1)
    return text.replace('<sp who="#khrushchev">', '<sp who="#nobody">', 1) if broken else text


def checked(capsys, *args) -> tuple[int, list[str], list[str], str]:
    """(exit, files checked, files with diagnostics, stderr) of validate --format json."""
    code, out, err = run_cli(capsys, "validate", *args, "--format", "json")
    if code == 2:
        return code, [], [], err
    data = json.loads(out)
    return code, data["files"], sorted({d["path"] for d in data["diagnostics"]}), err


def test_nothing_changed_checks_nothing(repo, capsys):
    assert checked(capsys, "--changed")[:3] == (0, [], [])
    code, out, err = run_cli(capsys, "validate", "--changed")
    assert code == 0 and "0 files checked" in err


def test_only_the_changed_file_is_checked_and_reported(repo, seed_text, capsys):
    (repo / "tei" / "beta.xml").write_text(doc(seed_text, "beta", broken=True), encoding="utf-8")
    code, out, err = run_cli(capsys, "validate", "--changed")
    assert code == 1
    assert "1 file checked: 1 error" in err
    problems = [l for l in err.splitlines() if "error[" in l]
    assert len(problems) == 1 and problems[0].startswith("tei/beta.xml:") and "error[who-unresolved]" in problems[0]
    # the same source unchanged elsewhere in the tree is not looked at
    assert "alpha" not in err and "gamma" not in err


def test_staged_unstaged_and_untracked_count_deleted_and_other_files_do_not(repo, seed_text, capsys):
    (repo / "tei" / "alpha.xml").write_text(doc(seed_text, "alpha", broken=True), encoding="utf-8")
    git("add", "tei/alpha.xml", cwd=repo)                                     # staged
    (repo / "tei" / "beta.xml").write_text(doc(seed_text, "beta") + "\n", encoding="utf-8")  # unstaged
    (repo / "tei" / "delta.xml").write_text(doc(seed_text, "delta"), encoding="utf-8")      # untracked
    (repo / "tei" / "gamma.xml").unlink()                                     # deleted: nothing to check
    (repo / "tei" / "readme.txt").write_text("not a source", encoding="utf-8")  # not *.xml
    (repo / "notes" / "x.xml").write_text("<notes>changed</notes>", encoding="utf-8")  # outside tei/
    (repo / ".gitignore").write_text("tei/ignored.xml\n", encoding="utf-8")
    (repo / "tei" / "ignored.xml").write_text("<TEI", encoding="utf-8")       # ignored by git
    code, files, with_problems, err = checked(capsys, "--changed")
    assert files == ["tei/alpha.xml", "tei/beta.xml", "tei/delta.xml"]
    assert with_problems == ["tei/alpha.xml"]
    assert code == 1
    # PATHs narrow it further, as without --changed
    assert checked(capsys, "tei/beta.xml", "tei/delta.xml", "--changed")[1] == ["tei/beta.xml", "tei/delta.xml"]


def test_since_a_revision(repo, seed_text, capsys):
    (repo / "tei" / "gamma.xml").write_text(doc(seed_text, "gamma", broken=True), encoding="utf-8")
    git("commit", "-q", "-am", "break gamma", cwd=repo)
    assert checked(capsys, "--changed")[1] == []  # the working tree equals HEAD
    code, files, with_problems, _ = checked(capsys, "--changed", "HEAD~1")
    assert (code, files, with_problems) == (1, ["tei/gamma.xml"], ["tei/gamma.xml"])
    code, files, _, _ = checked(capsys, "tei", "--changed=HEAD~1")
    assert files == ["tei/gamma.xml"]


def test_bad_revision_exits_2_with_one_line(repo, capsys):
    code, out, err = run_cli(capsys, "validate", "--changed", "no-such-rev")
    assert code == 2
    assert out == ""
    assert err.splitlines() == [f"edition: error: --changed no-such-rev: not a revision in the git repository at {repo}"]


def test_a_path_where_the_revision_goes_gets_a_hint(repo, capsys):
    code, out, err = run_cli(capsys, "validate", "--changed", "tei")
    assert code == 2
    assert len(err.splitlines()) == 1 and "write PATHs before --changed, or --changed=REV" in err


def test_outside_a_git_repository_exits_2(tmp_path, seed_text, capsys, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in list(os.environ):
        if name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE"):
            monkeypatch.delenv(name)
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "alpha.xml").write_text(doc(seed_text, "alpha"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli(capsys, "validate", "--changed")
    assert code == 2
    assert err.splitlines() == ["edition: error: --changed: tei is not in a git repository"]
