"""The stylesheets' house (xslt/): the format registry (edition/render/formats.py) is the one place that
names the edition's files, and the stylesheets link to them only as it says; every mode is
declared; and a format stylesheet still runs alone, without the build's parameters."""

from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest
from lxml import etree, html as lxml_html

from edition import cli, resources
from edition.render import formats, saxon
from edition.sources import parse
from tests.support import ROOT

XSL = "http://www.w3.org/1999/XSL/Transform"
SIGNS = ROOT / "tests" / "fixtures" / "reading" / "reading-signs.xml"
#: an id that must be escaped in a link (the file on disk keeps it as it is)
DOC_ID = "lettre-ä"


def stylesheets() -> list[Path]:
    return sorted(resources.folder("xslt").rglob("*.xsl"))


def without_comments(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), etree.XMLParser(remove_comments=True))


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """The reading fixture, under an id with a non-ASCII letter, built into a fresh folder."""
    src = tmp_path_factory.mktemp("src") / f"{DOC_ID}.xml"
    src.write_text(SIGNS.read_text(encoding="utf-8").replace(f'xml:id="{SIGNS.stem}"', f'xml:id="{DOC_ID}"', 1),
                   encoding="utf-8")
    out = tmp_path_factory.mktemp("built") / "output"
    assert cli.main(["build", str(src), "--out", str(out)]) == 0
    return out


def local_target(folder: Path, href: str) -> Path | None:
    """The file a relative link from ``folder`` leads to (None for a fragment or another site)."""
    parts = urllib.parse.urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    return (folder / urllib.parse.unquote(parts.path)).resolve()


def test_every_link_of_every_page_to_a_file_leads_to_a_file_the_build_wrote(built):
    html = built / "html"
    pages = [html / f"{DOC_ID}.html", html / "index.html", html / "persons.html"]
    seen = set()
    for page in pages:
        doc = lxml_html.parse(str(page))
        for href in doc.xpath("//a/@href | //link/@href"):
            target = local_target(html, href)
            if target is not None:
                seen.add(target)
                assert target.is_file(), f"{page.name}: {href} leads to no file of the build"
    # the document in every format, the edition pages and the stylesheet: each linked from a page
    expected = {(built / fmt.folder / f"{DOC_ID}{fmt.suffix}").resolve() for fmt in formats.FORMATS.values()}
    expected |= {(built / fmt.folder / f"{name}{fmt.suffix}").resolve() for name, fmt in formats.PAGES.items()}
    expected.add((html / "edition.css").resolve())
    assert expected <= seen


def test_the_text_edition_names_its_citation_files_where_they_are(built):
    text = (built / "text" / f"{DOC_ID}.txt").read_text(encoding="utf-8")
    found = dict(re.findall(r"^(CSL-JSON|BibTeX):\s+(\S+)$", text, flags=re.M))
    assert set(found) == {"CSL-JSON", "BibTeX"}
    for href in found.values():
        assert local_target(built / "text", href).is_file(), href


def test_the_registry_computes_every_link_a_stylesheet_is_given():
    links = formats.links("a b")
    assert links == {
        "index-href": "index.html", "persons-href": "persons.html", "places-href": "places.html",
        "css-href": "edition.css", "js-href": "edition.js",
        "html-href": "a%20b.html", "text-href": "../text/a%20b.txt",
        "csl-href": "../cite/a%20b.json", "bibtex-href": "../cite/a%20b.bib", "tei-href": "../tei/a%20b.xml",
    }
    assert formats.links() == {k: v for k, v in links.items()
                               if k in ("index-href", "persons-href", "places-href", "css-href", "js-href")}


def test_no_stylesheet_names_a_file_of_the_edition():
    """Suffixes, folders and file names of the formats, the edition pages and the assets: only the
    registry says them (comments aside)."""
    registered = [*formats.FORMATS.values(), *formats.PAGES.values()]
    # (the copy of the source ends in .xml, as the stylesheets' own XML files do: its folder is checked)
    named = [re.compile(r"[\w}')\]]" + re.escape(fmt.suffix) + r"\b") for fmt in registered if not getattr(fmt, "copy", False)]
    named += [re.compile(r"(\.\./|['\"])" + re.escape(fmt.folder) + "/") for fmt in registered]
    named += [re.compile(re.escape(name)) for _, _, _, name in formats.ASSETS]
    found = []
    for path in stylesheets():
        for node in without_comments(path).iter():
            values = list(node.attrib.values()) + [node.text or "", node.tail or ""]
            found += [f"{path.name}:{node.sourceline}: {v.strip()[:80]}" for v in values if any(p.search(v) for p in named)]
    assert found == []


def test_every_mode_is_declared_and_no_rule_is_in_the_unnamed_mode():
    declared, used, unnamed = set(), set(), []
    for path in stylesheets():
        root = without_comments(path).getroot()
        default = root.get("default-mode")
        declared |= {m.get("name") for m in root.iter(f"{{{XSL}}}mode")}
        used |= {default} - {None}
        for el in root.iter(f"{{{XSL}}}template", f"{{{XSL}}}apply-templates"):
            if el.tag == f"{{{XSL}}}template" and el.get("match") is None:
                continue  # a named template
            modes = (el.get("mode") or "").split()
            used |= {m for m in modes if not m.startswith("#")}
            if not modes and default is None:
                unnamed.append(f"{path.name}:{el.sourceline}")
    assert None not in declared, "the unnamed mode is not used: each stylesheet names its modes"
    assert used - declared == set()
    assert unnamed == []


@pytest.mark.parametrize("stylesheet", sorted({fmt.stylesheet for fmt in formats.FORMATS.values() if not fmt.copy}))
def test_a_format_stylesheet_runs_alone_and_links_to_no_file_it_was_not_given(stylesheet):
    source, _ = parse.load(SIGNS, str(SIGNS))
    result = saxon.render(source.tree, stylesheet)  # no parameters at all
    assert result.strip()
    for fmt in formats.FORMATS.values():
        assert f"{SIGNS.stem}{fmt.suffix}" not in result
    if stylesheet == formats.FORMATS["html"].stylesheet:
        page = lxml_html.document_fromstring(result)
        assert page.xpath("//a/@href | //link/@href") and all(
            local_target(Path("."), h) is None for h in page.xpath("//a/@href | //link/@href"))


# ------------------------------------------------------------------ one run per document

def edges() -> list[Path]:
    """Sources that reach many branches: the reading fixture and the rule fixtures."""
    return [SIGNS, *sorted((ROOT / "tests" / "fixtures" / "rules").glob("*.xml"))]


@pytest.mark.parametrize("path", edges(), ids=lambda p: p.stem)
def test_the_one_run_gives_every_output_as_each_stylesheet_alone_does(path):
    """document.xsl's outputs, byte for byte those of html.xsl, text.xsl, csl.xsl, bibtex.xsl,
    persons-data.xsl and index.xsl each run alone with the same parameters."""
    source, _ = parse.load(path, str(path))
    doc_id = source.doc_id or path.stem
    params = {**formats.links(doc_id), "document-id": doc_id}
    rendered = saxon.render_document(etree.tostring(source.tree, encoding="unicode"), formats.RENDERED, params)
    assert list(rendered.outputs) == formats.RENDERED  # the copy of the source (tei) is no rendering
    for name in formats.RENDERED:
        assert rendered.outputs[name] == saxon.render(source.tree, formats.FORMATS[name].stylesheet, params), name
    assert rendered.persons == saxon.render(source.tree, "persons-data.xsl", params)
    assert rendered.index_entry == saxon.render(source.tree, formats.INDEX.stylesheet, params)


UNSTYLED = {
    # an element of another vocabulary, twice: reported once with its count, at the first
    '<p>The conversation took place in': '<p><x:seg xmlns:x="urn:example:x">One</x:seg> and <x:seg xmlns:x="urn:example:x">two</x:seg>.</p>\n        <p>The conversation took place in',
    # an element in no namespace; TEI elements (a heading of a group of verse lines, a segment) have rules
    '<div type="transcript">': '<div type="transcript">\n        <head>Heading</head>\n        <lg><head>Verses</head><l>A <plain xmlns="">line</plain> <seg>apart</seg></l></lg>',
    # the HTML edition marks up <hi>; the text edition shows it plainly, by design: not reported
    'and spoke of the': 'and <hi rend="italic">spoke</hi> of the',
    # the header is not the text: not reported
    '<p>A short conversation': '<p><x:seg xmlns:x="urn:example:x">In the header</x:seg> A short conversation',
}


def test_elements_outside_tei_without_a_rule_are_reported_with_their_count_and_first_place(tmp_path, capsys):
    text = SIGNS.read_text(encoding="utf-8")
    for old, new in UNSTYLED.items():
        assert old in text
        text = text.replace(old, new, 1)
    src = tmp_path / SIGNS.name
    src.write_text(text, encoding="utf-8")
    permissive = ROOT / "tests" / "fixtures" / "schemas" / "permissive.rng"
    code = cli.main(["build", str(src), "--out", str(tmp_path / "out"), "--schema", str(permissive), "--no-rules"])
    err = capsys.readouterr().err
    assert code == 0, err
    found = {m.group(3): (int(m.group(1)), int(m.group(2)), m.group(4))
             for m in re.finditer(r":(\d+):(\d+): warning\[unstyled-element\]: (<[^>]+>(?: \(in no namespace\))?) is not a TEI "
                                  r"element and has no rendering rule; its text is shown plainly \((\d+ occurrences?)\)", err)}
    lines = text.splitlines()
    seg_line = next(i for i, l in enumerate(lines, 1) if "One</x:seg>" in l)
    plain_line = next(i for i, l in enumerate(lines, 1) if "<plain" in l)
    assert found == {
        "<{urn:example:x}seg>": (seg_line, lines[seg_line - 1].index("<x:seg") + 1, "2 occurrences"),
        "<plain> (in no namespace)": (plain_line, lines[plain_line - 1].index("<plain") + 1, "1 occurrence"),
    }
    assert err.count("unstyled-element") == 2
    # and their text is there, plainly, in both formats
    page = (tmp_path / "out" / "html" / f"{SIGNS.stem}.html").read_text(encoding="utf-8")
    plain = (tmp_path / "out" / "text" / f"{SIGNS.stem}.txt").read_text(encoding="utf-8")
    for words in ("One and two", "Verses", "A line apart"):
        assert words in " ".join(lxml_html.document_fromstring(page).text_content().split())
        assert words in " ".join(plain.split())
