"""Editorial signs: docs/encoding.md's table is the one reference; the HTML and text editions
render every sign as it says, and each page's legend explains exactly the signs it uses,
in the table's words. Links render only for safe schemes; elements without a rule keep
their text."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from tests.support import ROOT, SEED
from tests.support import SIGNS, html_of, render


def readme_signs() -> list[tuple[str, str, str]]:
    """(TEI, text edition, meaning) for each row of docs/encoding.md's "Editorial signs" table."""
    readme = (ROOT / "docs" / "encoding.md").read_text(encoding="utf-8")
    section = readme.split("## Editorial signs", 1)[1].split("\n#", 1)[0]
    rows = [l for l in section.splitlines() if l.startswith("| `<")]
    out = []
    for row in rows:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]
        assert len(cells) == 4, row
        out.append((cells[0].strip("`"), cells[2].strip("`"), cells[3]))
    return out


def text_legend(text: str) -> list[tuple[str, str]]:
    """(sample, meaning) pairs from the EDITORIAL SIGNS section of a text edition."""
    section = text.split("EDITORIAL SIGNS\n---------------\n\n", 1)[1].split("\n\n", 1)[0]
    entries: list[list[str]] = []
    for line in section.splitlines():
        if line.startswith(" "):
            entries[-1][1] += " " + line.strip()
        else:
            sample, meaning = re.split(r"  +", line, maxsplit=1)
            entries.append([sample, meaning])
    return [tuple(e) for e in entries]


@pytest.fixture(scope="module")
def signs_text():
    return render(SIGNS, "text.xsl")


@pytest.fixture(scope="module")
def signs_html():
    return html_of(SIGNS)


def flat(text: str) -> str:
    return " ".join(text.split())


def test_readme_lists_every_sign_once():
    rows = readme_signs()
    assert len(rows) == 11
    assert len({r[1] for r in rows}) == len(rows)


def test_text_legend_says_what_readme_says_in_its_order(signs_text):
    assert text_legend(signs_text) == [(sample, meaning) for _, sample, meaning in readme_signs()]


def test_html_legend_says_what_readme_says_in_its_order(signs_html):
    meanings = [" ".join(dd.text_content().split()) for dd in signs_html.xpath("//section[@id='legend']//dd")]
    assert meanings == [meaning for _, _, meaning in readme_signs()]


def test_the_legend_lists_only_the_signs_the_page_uses():
    seed = html_of(SEED)
    assert seed.xpath("//section[@id='legend']//dt/@class") == ["sign-supplied", "sign-abbr", "sign-note"]
    assert [s for s, _ in text_legend(render(SEED, "text.xsl"))] == ["[text]", "abbr. ⟨expansion⟩", "[n]"]


def test_a_page_without_signs_has_no_legend(variant):
    path = variant(("<choice><abbr>Cdes.</abbr><expan>Comrades</expan></choice>", "Cdes."),
                   ('<note type="editorial" n="1" xml:id="note-1">Written in pencil.</note>', ""),
                   ("Huaizhentan <supplied>Beijing</supplied>", "Huaizhentan Beijing"),
                   ("Qinjendiang <supplied>Beijing</supplied>", "Qinjendiang Beijing"))
    assert not html_of(path).xpath("//section[@id='legend']")
    assert "EDITORIAL SIGNS" not in render(path, "text.xsl")


# sign -> (XPath that must find exactly one element, its text), text edition form
HTML_SIGNS = {
    "supplied": ("//span[@class='supplied']", "[the Kremlin]"),
    "unclear": ("//span[@class='unclear']", "[noon?]"),
    "gap": ("//span[@class='gap']", "[… illegible, 2 words]"),
    "abbr": ("//abbr[@title='Comrade']", "Cde."),
    "abbr-alt": ("//abbr[@title='Comrade']/following-sibling::*[1][@class='alt']", " ⟨Comrade⟩"),
    "sic": ("//span[@class='sic'][@title='correction: the']", "teh"),
    "sic-alt": ("//span[@class='sic']/following-sibling::*[1][@class='alt']", " ⟨the⟩"),
    "orig": ("//span[@class='orig'][@title='regular form: color']", "colour"),
    "orig-alt": ("//span[@class='orig']/following-sibling::*[1][@class='alt']", " ⟨color⟩"),
    "foreign": ("//i[@class='foreign'][@lang='ru'][@title='Russian']", "kolkhoz"),
    "foreign-alt": ("//i[@class='foreign']/following-sibling::*[1][@class='alt']", " ⟨Russian⟩"),
    "add": ("//ins[@class='add']", "useful"),
    "del": ("//del[@class='del']", "difficult"),
    "pb": ("//p[@class='pb-line']/span[@class='pb']", "[page 13]"),
    "note": ("//sup[@class='noteref']/a[@role='doc-noteref'][@href='#note-2']", "2"),
}


@pytest.mark.parametrize("sign", sorted(HTML_SIGNS))
def test_each_sign_in_the_html_edition(sign, signs_html):
    xpath, text = HTML_SIGNS[sign]
    found = signs_html.xpath("//section[@id='transcript']" + xpath)
    assert len(found) == 1, sign
    assert found[0].text_content() == text


TEXT_SIGNS = ["took place in [the Kremlin] at [noon?].", "greeted Cde. ⟨Comrade⟩ Mao",
              "of the kolkhoz ⟨Russian⟩ system.", "He added that teh ⟨the⟩ talks were [deleted: difficult] [added: useful][1].",
              "[page 13]", "replied [… illegible, 2 words] and praised the colour ⟨color⟩ of the banners[2].",
              "[1] The addition is in Gromyko's hand.",
              "[2] See the banners ⟨https://example.org/banners⟩ and this reply."]


@pytest.mark.parametrize("expected", TEXT_SIGNS)
def test_each_sign_in_the_text_edition(expected, signs_text):
    assert expected in flat(signs_text)


def test_the_readme_examples_render_as_the_readme_shows(signs_text, signs_html):
    """The TEI column's examples come from the fixture; the text edition shows them by the
    text column's convention, and the HTML edition's text (glosses included) the same way."""
    html_text = flat(signs_html.xpath("string(//section[@id='transcript'])"))
    for example in ["[the Kremlin]", "[noon?]", "[… illegible, 2 words]", "Cde. ⟨Comrade⟩", "teh ⟨the⟩",
                    "colour ⟨color⟩", "kolkhoz ⟨Russian⟩", "[page 13]"]:
        assert example in flat(signs_text)
        assert example in html_text


UNSAFE = [
    ('<ref target="https://example.org/banners">the banners</ref>', '<ref target="javascript:alert(1)">the banners</ref>'),
    ('<persName ref="#mao">Mao</persName>', '<persName ref="JavaScript:alert(2)">Mao</persName>'),
    ('<ref target="#mao-reply">this reply</ref>', '<ref target="data:text/html;base64,PHNjcmlwdD4=">this reply</ref>'),
]


def test_unsafe_links_are_rendered_as_plain_text_in_both_formats(tmp_path):
    text = SIGNS.read_text(encoding="utf-8")
    for old, new in UNSAFE:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / SIGNS.name
    path.write_text(text, encoding="utf-8")
    page = lxml_html.document_fromstring(render(path, "html.xsl"))
    hrefs = page.xpath("//@href | //@src | //@data-ref")
    assert not [h for h in hrefs if re.match(r"\s*(javascript|data):", h, re.I)], hrefs
    assert page.xpath("//section[@class='footnotes']//span[@class='ref']/text()") == ["the banners", "this reply"]
    assert page.xpath("//section[@id='transcript']//span[@class='persName']/text()") == ["Mao"]
    plain = render(path, "text.xsl")
    assert "See the banners and this reply." in flat(plain)
    assert "javascript" not in plain.lower() and "data:" not in plain


def test_elements_without_a_rule_keep_their_text(tmp_path):
    """Not in the schema, so only reachable without validation: the stylesheets still
    must not lose a word (xsl:mode on-no-match text-only-copy)."""
    text = SIGNS.read_text(encoding="utf-8").replace(
        "took place in", 'took place <mentioned>in ghost words</mentioned> <x:foo xmlns:x="urn:x">and alien text</x:foo> in').replace(
        "<pb n=\"13\"/>", '<pb n="13"/><ab>A block of its own.</ab>')
    path = tmp_path / SIGNS.name
    path.write_text(text, encoding="utf-8")
    html_text = flat(html_of(path).text_content())
    plain = flat(render(path, "text.xsl"))
    for words in ["in ghost words", "and alien text", "A block of its own."]:
        assert words in html_text
        assert words in plain
