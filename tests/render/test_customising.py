"""Customising without forking: an edition's own stylesheets override single rules of the built-in
ones (imported as edition:NAME), its own CSS comes after the built-in one, and a change to either
takes effect on the next build. The example is docs/customising.md's."""

from __future__ import annotations

import re
import shutil

import pytest
from lxml import html as lxml_html

from edition import resources
from tests.support import ROOT, SEED, SEED_ID, run_cli

OVERRIDE = re.search(r"write\n`xslt/formats/html.xsl`:\n\n(.*?)\n\n\(", (ROOT / "docs" / "customising.md").read_text(
    encoding="utf-8"), re.S).group(1)
OVERRIDE = "\n".join(line[4:] for line in OVERRIDE.splitlines())


@pytest.fixture
def edition(tmp_path, monkeypatch):
    (tmp_path / "tei").mkdir()
    shutil.copyfile(SEED, tmp_path / "tei" / SEED.name)
    (tmp_path / "edition.toml").write_text('[edition]\ntitle = "Customised"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def page(edition):
    return lxml_html.parse(str(edition / "output" / "html" / f"{SEED_ID}.html")).getroot()


def test_the_documented_override_changes_speaker_labels_and_adds_css(edition, capsys):
    (edition / "xslt" / "formats").mkdir(parents=True)
    (edition / "xslt" / "formats" / "html.xsl").write_text(OVERRIDE, encoding="utf-8")
    (edition / "xslt" / "css").mkdir()
    (edition / "xslt" / "css" / "custom.css").write_text(".speaker-label { font-variant: small-caps; }\n", encoding="utf-8")
    code, _, err = run_cli(capsys, "build", "--strict")
    assert code == 0, err
    labels = [" ".join(el.text_content().split()) for el in page(edition).xpath("//strong[@class='speaker-label']")]
    assert labels[:2] == ["MAO ZEDONG:", "MAO ZEDONG:"] and "N.S. KHRUSHCHEV:" in labels
    assert not page(edition).xpath("//span[@class='speaker']")
    for name in (f"{SEED_ID}.html", "index.html", "persons.html"):
        sheets = lxml_html.parse(str(edition / "output" / "html" / name)).xpath("//link[@rel='stylesheet']/@href")
        assert sheets == ["edition.css", "custom.css"], name
    assert (edition / "output" / "html" / "custom.css").read_text(encoding="utf-8").startswith(".speaker-label")
    # the rest of the page is the built-in one's: the footnote, the legend, the citation
    assert page(edition).xpath("//section[@id='legend']") and page(edition).xpath("//p[@class='citation']")


def test_a_change_to_the_edition_stylesheets_takes_effect_on_the_next_build(edition, capsys):
    (edition / "xslt" / "formats").mkdir(parents=True)
    own = edition / "xslt" / "formats" / "html.xsl"
    own.write_text(OVERRIDE, encoding="utf-8")
    assert run_cli(capsys, "build")[0] == 0
    own.write_text(OVERRIDE.replace(":</strong>", " —</strong>"), encoding="utf-8")
    code, _, err = run_cli(capsys, "build")
    assert code == 0 and "wrote 0 files" not in err
    assert page(edition).xpath("string(//strong[@class='speaker-label'])") == "MAO ZEDONG —"
    own.unlink()  # and back to the built-in rules
    assert run_cli(capsys, "build")[0] == 0
    assert page(edition).xpath("//span[@class='speaker']") and not page(edition).xpath("//strong[@class='speaker-label']")


def test_a_complete_set_of_stylesheets_in_the_edition_is_used_instead_of_the_package_s(edition, capsys):
    # as in this repository: its xslt/ is edited in place, no reinstall
    shutil.copytree(resources.folder("xslt"), edition / "xslt")
    catalogue = edition / "xslt" / "i18n" / "en.xml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace(">How to cite<", ">Cite this record<"),
                         encoding="utf-8")
    assert run_cli(capsys, "build")[0] == 0
    assert page(edition).xpath("string(//h2[@id='cite-h'])") == "Cite this record"


def test_a_stylesheet_that_does_not_compile_is_said_plainly(edition, capsys):
    (edition / "xslt" / "formats").mkdir(parents=True)
    (edition / "xslt" / "formats" / "html.xsl").write_text(OVERRIDE.replace("</xsl:template>", "</xsl:templat>"),
                                                          encoding="utf-8")
    code, _, err = run_cli(capsys, "build")
    assert code != 0
    assert "html.xsl" in err and "Traceback" not in err and "internal error" not in err
