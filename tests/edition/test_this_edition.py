"""This repository's own edition (edition.toml), whatever tei/ holds: it validates with --strict, a source that
points XML editors at a schema points at the shipped one, and a fresh build
reproduces the committed output/ byte for byte. (The tool's tests use fixtures: adding, editing
or removing documents in tei/ never breaks one of them.)"""

from __future__ import annotations

import re

import pytest
from lxml import etree

from tests.support import ROOT, run_cli

EDITION = ROOT / "tei"
CONFIG = ROOT / "edition.toml"
SOURCES = sorted(EDITION.rglob("*.xml"))


def _tree(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and not p.name.startswith(".edition-"))


def test_the_edition_validates_with_strict(capsys):
    code, _, err = run_cli(capsys, "validate", "--strict", "--config", CONFIG)
    assert code == 0, err


def test_a_fresh_build_reproduces_the_committed_output(tmp_path, capsys):
    out = tmp_path / "output"
    code, _, err = run_cli(capsys, "build", "--strict", "--config", CONFIG, "--out", out)
    assert code == 0, err
    committed = ROOT / "output"
    assert _tree(out) == _tree(committed)
    for rel in _tree(out):
        assert (out / rel).read_bytes() == (committed / rel).read_bytes(), f"output/{rel} is stale: run `edition build`"


@pytest.mark.parametrize("source", SOURCES, ids=[s.name for s in SOURCES])
def test_a_source_that_points_xml_editors_at_a_schema_points_at_the_shipped_one(source):
    """An <?xml-model?> instruction (the seed's convention: XML editors validate as you type) must lead
    to schemas/edition.rng from where the source is; a document without one is not this test's
    business (adding such a document to tei/ breaks no test)."""
    models = [pi for pi in _before_root(etree.parse(str(source)).getroot())
              if isinstance(pi, etree._ProcessingInstruction) and pi.target == "xml-model"]
    for pi in models:
        href = re.search(r'href="([^"]+)"', pi.text).group(1)
        assert (source.parent / href).resolve() == (ROOT / "schemas" / "edition.rng").resolve(), (
            f"{source.name}: <?xml-model href={href!r}?> does not lead to schemas/edition.rng")


def _before_root(root):
    node = root.getprevious()
    while node is not None:
        yield node
        node = node.getprevious()
