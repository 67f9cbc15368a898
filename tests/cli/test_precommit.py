""".pre-commit-hooks.yaml: other edition repositories run `edition validate` as a pre-commit hook.
The file must parse, name a real subcommand, select TEI sources, and work on the filenames it is given."""

from __future__ import annotations

import re

import pytest

from tests.support import ROOT, SEED, run_cli
from edition import cli

yaml = pytest.importorskip("yaml", reason="PyYAML is in the test extra: pip install -e '.[test]'")

HOOKS = ROOT / ".pre-commit-hooks.yaml"


def _hook() -> dict:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list) and len(hooks) == 1
    return hooks[0]


def test_hook_is_declared_as_documented():
    hook = _hook()
    assert hook["id"] == "edition-validate"
    assert hook["language"] == "python"
    assert hook["entry"] == "edition validate"
    assert hook["pass_filenames"] is True
    assert hook["name"] and hook["description"]


def test_entry_is_the_console_script_and_an_existing_subcommand():
    program, *args = _hook()["entry"].split()
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
    assert scripts.get(program) == "edition.cli:main"
    ns = cli._parser().parse_args([*args, "tei/a.xml"])
    assert ns.command == "validate"


def test_files_pattern_selects_sources_only():
    pattern = re.compile(_hook()["files"])  # pre-commit uses re.search on the repository-relative path
    assert pattern.search("tei/khrushchev-mao-1958-07-31-airport.xml")
    assert pattern.search("sources/letters/a.xml")
    for other in ("output/html/index.html", "output/text/a.txt", "README.md", "schemas/edition.rng", "tei/a.xml.bak"):
        assert not pattern.search(other), other


def test_entry_run_on_filenames_as_pre_commit_does(variant, capsys):
    args = _hook()["entry"].split()[1:]
    broken = variant(('<sp who="#khrushchev">', '<sp who="#nobody">'))
    assert run_cli(capsys, *args, SEED)[0] == 0
    code, out, err = run_cli(capsys, *args, SEED, broken)
    assert code == 1
    assert "error[who-unresolved]" in err and "2 files checked" in err
