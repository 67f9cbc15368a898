"""Fixtures shared by the tests, and the --update-golden option. Helpers are in tests/support.py.

Schemas and stylesheets are compiled once per test session (the compile caches live for the
process), so each test only pays for its document."""

from __future__ import annotations

from pathlib import Path

import pytest

from edition import cli
from tests.support import SEED, TEI_DIR


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/ from the current outputs (after reviewing the change)")


@pytest.fixture(autouse=True)
def _away_from_this_edition(tmp_path_factory, monkeypatch):
    """Every test runs in an empty working folder: this repository's edition.toml (or any other
    edition's around) never reaches a test of the tool. Tests that need an edition.toml write one."""
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The seed edition built once into a fresh folder."""
    out = tmp_path_factory.mktemp("built") / "output"
    assert cli.main(["build", str(TEI_DIR), "--out", str(out)]) == 0
    return out


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def variant(tmp_path, seed_text):
    """Write a variant of the seed (old -> new replacements) under the seed's file name."""

    def make(*replacements: tuple[str, str], name: str = SEED.name) -> Path:
        text = seed_text
        for old, new in replacements:
            assert old in text, f"fixture text not found in the seed: {old!r}"
            text = text.replace(old, new, 1)
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return make
