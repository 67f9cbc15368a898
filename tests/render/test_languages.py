"""The interface in the edition's language: every fixed word of the pages and of the text edition
comes from a message catalogue (xslt/i18n/LANG.xml); English, German and Russian are shipped. The
language of a document's text stays its own (html/@lang)."""

from __future__ import annotations

import re
import shutil
from xml.etree import ElementTree

import pytest
from lxml import html as lxml_html

from edition import resources
from edition.render import saxon
from tests.support import ROOT, run_cli, visible_text

CATALOGUES = resources.folder("xslt") / "i18n"
FIXTURE = ROOT / "tests" / "fixtures" / "golden" / "kitchen-sink.xml"
PLURAL_FORMS = {"one-other": {"one", "other"}, "one-few-many": {"one", "few", "many"}}


def catalogue(lang: str) -> tuple[str, dict[str, str]]:
    root = ElementTree.parse(CATALOGUES / f"{lang}.xml").getroot()
    return root.get("plural"), {m.get("key"): m.text or "" for m in root.iter("message")}


LANGUAGES = sorted(p.stem for p in CATALOGUES.glob("*.xml"))


def test_english_german_and_russian_are_shipped():
    assert {"en", "de", "ru"} <= set(LANGUAGES)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalogue_has_every_key_with_the_same_placeholders(lang):
    plural, messages = catalogue(lang)
    _, english = catalogue("en")
    assert plural in PLURAL_FORMS, f"{lang}.xml: plural={plural!r}"
    singular = {k for k in english if "." not in k}
    counted = {k.split(".")[0] for k in english if "." in k}
    assert {k for k in messages if "." not in k} == singular, "keys missing or extra"
    for base in counted:
        assert {k.split(".")[1] for k in messages if k.startswith(base + ".")} == PLURAL_FORMS[plural], base
    for key, text in messages.items():
        base = key.split(".")[0]
        english_text = english.get(key) or english[f"{base}.other"]
        assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", english_text)), key
        assert text.strip(), key


@pytest.fixture(scope="module")
def german(tmp_path_factory):
    """The kitchen-sink fixture built as a German edition and as an English one."""
    built = {}
    for lang in ("de", "en"):
        folder = tmp_path_factory.mktemp(lang)
        (folder / "tei").mkdir()
        shutil.copyfile(FIXTURE, folder / "tei" / FIXTURE.name)
        (folder / "edition.toml").write_text(f'[edition]\nlanguage = "{lang}"\nurl = "https://example.org/ed"\n',
                                             encoding="utf-8")
        assert run_cli(None, "build", "--config", folder / "edition.toml")[0] == 0
        built[lang] = folder / "output"
    return built


def run_cli(capsys, *argv):  # noqa: F811 (no capsys in a module fixture)
    from edition import cli

    return (cli.main([str(a) for a in argv]),)


def test_a_german_edition_has_no_english_label(german):
    _, english = catalogue("en")
    _, deutsch = catalogue("de")
    # words the document itself says, or that German spells the same ("Text"), are no evidence
    said = " ".join(ElementTree.parse(FIXTURE).getroot().itertext()).casefold() + " " + \
        " ".join(deutsch.values()).casefold()
    labels = {text for key, text in english.items()
              if len(text) >= 4 and text != deutsch.get(key) and text.casefold() not in said
              and not re.fullmatch(r"[\W\d{}n]+|CSL-JSON|BibTeX", text)}
    out = german["de"]
    pages = [out / "html" / f"{FIXTURE.stem}.html", out / "html" / "index.html", out / "html" / "persons.html"]
    texts = {p.name: visible_text(p) + " " + " ".join(lxml_html.parse(str(p)).xpath("//@title | //@aria-label"))
             for p in pages}
    texts["text edition"] = (out / "text" / f"{FIXTURE.stem}.txt").read_text(encoding="utf-8")
    for name, text in texts.items():
        found = sorted(label for label in labels if re.search(r"(?<!\w)" + re.escape(label) + r"(?!\w)", text))
        assert not found, f"{name}: English labels in a German edition: {found}"
    # and the English edition does have them (the check can fail)
    english_page = visible_text(german["en"] / "html" / f"{FIXTURE.stem}.html")
    assert "How to cite" in english_page and "Zitiervorschlag" in visible_text(pages[0])


def test_the_pages_say_their_language_and_the_document_keeps_its_own(german):
    out = german["de"]
    assert lxml_html.parse(str(out / "html" / "index.html")).getroot().get("lang") == "de"
    assert lxml_html.parse(str(out / "html" / "persons.html")).getroot().get("lang") == "de"
    assert lxml_html.parse(str(out / "html" / f"{FIXTURE.stem}.html")).getroot().get("lang") == "en"  # the text's


@pytest.mark.parametrize("n, lead", [(1, "1 документ"), (2, "2 документа"), (4, "4 документа"), (5, "5 документов"),
                                     (11, "11 документов"), (12, "12 документов"), (21, "21 документ"),
                                     (22, "22 документа"), (25, "25 документов"), (111, "111 документов")])
def test_russian_counts_take_the_plural_form_russian_grammar_wants(n, lead):
    page = saxon.render_text(f'<edition documents="{n}"/>', "index.xsl", {"interface-language": "ru"})
    assert lxml_html.fromstring(page).xpath("string(//p[@class='lead'])").startswith(lead + " по дате")


@pytest.mark.parametrize("lang, shown", [("en", "August 3, 1958"), ("de", "3. August 1958"), ("ru", "3 августа 1958 г.")])
def test_a_date_given_only_as_a_value_is_written_in_the_interface_language(tmp_path, lang, shown):
    text = FIXTURE.read_text(encoding="utf-8").replace('<date when="1958-08-03">August 3, 1958</date>',
                                                        '<date when="1958-08-03"/>')
    path = tmp_path / FIXTURE.name
    path.write_text(text, encoding="utf-8")
    from edition.sources import parse

    source, _ = parse.load(path)
    page = lxml_html.fromstring(saxon.render(source.tree, "html.xsl", {"interface-language": lang}))
    assert page.xpath("string(//dl[@class='facts']//time)") == shown
    assert shown in saxon.render(source.tree, "text.xsl", {"interface-language": lang})


def test_an_interface_language_without_a_catalogue_is_refused(tmp_path, capsys):
    (tmp_path / "edition.toml").write_text('[edition]\nlanguage = "deu"\n', encoding="utf-8")
    from tests.support import run_cli as run

    code, _, err = run(capsys, "validate", "--config", tmp_path / "edition.toml")
    assert code == 2
    assert "no message catalogue for this language; did you mean de? the interface languages are: de, en, ru" in err
