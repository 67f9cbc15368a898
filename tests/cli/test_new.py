"""edition new DIR: a new edition that builds clean with --strict on the first try, with its
settings, an example document, the schema for XML editors, a .gitignore, a CI workflow and a
pre-commit hook."""

from __future__ import annotations

import yaml
import pytest

from tests.support import run_cli


def test_a_new_edition_builds_clean_with_strict_on_the_first_try(tmp_path, capsys, monkeypatch):
    assert run_cli(capsys, "new", tmp_path / "letters")[0] == 0
    monkeypatch.chdir(tmp_path / "letters")
    code, _, err = run_cli(capsys, "build", "--strict")
    assert code == 0, err
    assert "0 errors, 0 warnings" in err
    assert (tmp_path / "letters" / "output" / "html" / "example-1958-08-03.html").is_file()
    assert "<title>Letters</title>" in (tmp_path / "letters" / "output" / "html" / "index.html").read_text(encoding="utf-8")
    assert run_cli(capsys, "validate", "--strict", "--format", "github")[0] == 0


def test_it_holds_what_an_edition_needs(tmp_path, capsys):
    run_cli(capsys, "new", tmp_path / "ed", "--title", "Letters of the Thaw")
    folder = tmp_path / "ed"
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()) == [
        ".github/workflows/edition.yml", ".gitignore", ".pre-commit-config.yaml", "README.md", "edition.toml",
        "schemas/edition.rng", "tei/example-1958-08-03.xml", "tei/registers/persons.xml"]
    assert "output/" in (folder / ".gitignore").read_text(encoding="utf-8").splitlines()
    workflow = yaml.safe_load((folder / ".github" / "workflows" / "edition.yml").read_text(encoding="utf-8"))
    runs = [step.get("run", "") for step in workflow["jobs"]["edition"]["steps"]]
    uses = [step.get("uses", "") for step in workflow["jobs"]["edition"]["steps"]]
    assert any("edition validate" in r and "--format github" in r for r in runs)
    assert any("--format sarif" in r for r in runs) and any(u.startswith("github/codeql-action/upload-sarif") for u in uses)
    assert any(r.startswith("edition build") for r in runs)
    hooks = yaml.safe_load((folder / ".pre-commit-config.yaml").read_text(encoding="utf-8"))["repos"][0]["hooks"]
    assert hooks[0]["entry"] == "edition validate"
    assert 'title = "Letters of the Thaw"' in (folder / "edition.toml").read_text(encoding="utf-8")


def test_a_title_with_quotes_and_markup_is_escaped_where_it_goes(tmp_path, capsys, monkeypatch):
    title = 'Letters "to" <Moscow> & back'
    assert run_cli(capsys, "new", tmp_path / "ed", "--title", title)[0] == 0
    monkeypatch.chdir(tmp_path / "ed")
    code, _, err = run_cli(capsys, "build", "--strict")
    assert code == 0, err
    page = (tmp_path / "ed" / "output" / "html" / "index.html").read_text(encoding="utf-8")
    assert '<h1>Letters "to" &lt;Moscow&gt; &amp; back</h1>' in page


@pytest.mark.parametrize("existing", ["a file", "a folder with files"])
def test_nothing_is_written_over_what_is_there(tmp_path, capsys, existing):
    target = tmp_path / "ed"
    if existing == "a file":
        target.write_text("mine", encoding="utf-8")
    else:
        target.mkdir()
        (target / "notes.txt").write_text("mine", encoding="utf-8")
    code, _, err = run_cli(capsys, "new", target)
    assert code == 2 and "is not an empty folder" in err
    assert (target.read_text(encoding="utf-8") if target.is_file() else (target / "notes.txt").read_text(encoding="utf-8")) == "mine"
