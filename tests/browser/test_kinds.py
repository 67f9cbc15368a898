"""Other kinds of TEI as readers meet them, in headless Chromium: a critical edition (its apparatus
linked both ways, by mouse and keyboard, and its witness switch), a letter in a diplomatic
transcription (with page images) and a manuscript catalogue record. Each page passes axe-core in
light and dark mode and the Nu Html Checker, fits a phone's width, and reads in full without
JavaScript; screenshots go to tests/artifacts/ (reviewed copies in tests/screenshots/).

The fixtures are in tests/fixtures/anytei/; they are built with a schema that admits any TEI (their
validity against the full TEI schema is tests/render/test_kinds.py's to check).
"""

from __future__ import annotations

import json
import subprocess

import pytest

from edition import cli
from tests.browser import tools
from tests.browser.test_reading import (ARTIFACTS, DESKTOP, PHONE, _png_size, _served, axe_violations,
                                        in_viewport, problems)
from tests.support import ROOT

KINDS = ROOT / "tests" / "fixtures" / "anytei"
PERMISSIVE = ROOT / "tests" / "fixtures" / "schemas" / "permissive.rng"
PAGES = ["apparatus", "letter", "catalogue", "miscellany"]


@pytest.fixture(scope="module")
def kinds_built(tmp_path_factory):
    out = tmp_path_factory.mktemp("kinds") / "output"
    assert cli.main(["build", str(KINDS), "--out", str(out), "--schema", str(PERMISSIVE), "--no-rules", "--jobs", "1"]) == 0
    return out


@pytest.fixture(scope="module")
def kinds_site(kinds_built):
    with _served(kinds_built) as url:
        yield url



def url(site, name):
    return f"{site}/html/{name}.html"


# ------------------------------------------------------------------ the apparatus

@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_each_apparatus_marker_leads_to_its_entry_and_back(kinds_site, open_page, viewport):
    page = open_page(viewport)
    page.goto(url(kinds_site, "apparatus"))
    labels = page.eval("[...document.querySelectorAll('sup.appref a[role=doc-noteref]')].map(a => a.id.replace('appref-', ''))")
    assert labels == ["a", "b", "c", "d", "f", "e", "g"]  # in the order of the text (f is nested in e's lemma)
    for label in labels:
        page.click(f"#appref-{label}")
        assert page.eval("location.hash") == f"#app-{label}"
        assert in_viewport(page, f"#app-{label}")["inside"]
        page.press("Tab")  # the keyboard goes on from the entry: to its back-link
        assert page.eval("document.activeElement.closest('li[id]').id") == f"app-{label}"
        page.press("Enter")  # the back-link, by keyboard
        assert page.eval("location.hash") == f"#appref-{label}"
        assert in_viewport(page, f"#appref-{label}")["inside"]
        assert page.eval("document.activeElement.id") == f"appref-{label}"
        page.press("Enter")  # and the marker, by keyboard, to the entry again
        assert page.eval("location.hash") == f"#app-{label}"
        page.click(f"#app-{label} a[role=doc-backlink]")  # the back-link, by mouse
        assert page.eval("location.hash") == f"#appref-{label}"
    assert problems(page.events()) == []


def reading_text(page) -> str:
    """The reading text as shown, without the markers of notes and entries."""
    return page.eval("(() => { const d = document.querySelector('#transcript .div');"
                     " const shown = [...d.querySelectorAll('sup')].map(s => [s, s.style.display]);"
                     " shown.forEach(([s]) => s.style.display = 'none'); const t = d.innerText.replace(/\\s+/g, ' ');"
                     " shown.forEach(([s, v]) => s.style.display = v); return t; })()")


def test_the_witness_switch_shows_each_witness_s_text(kinds_site, open_page):
    page = open_page()
    page.goto(url(kinds_site, "apparatus"))
    assert page.eval("document.getElementById('witness-switch').hidden") is False
    edited = reading_text(page)
    assert "Blessed is the man" in edited and "in the counsel" in edited and "way of sinners" in edited
    options = page.eval("[...document.querySelectorAll('#witness-select option')].map(o => o.value)")
    assert options == ["", "A", "B", "C"]
    expected = {
        "A": ["the man", "the counsel", "of the ungodly", "way of wicked men", "law of the Lord"],
        "B": ["the man", "the cownsel", "of the ,", "way of sinners", "law of the lorde"],
        "C": ["the woman", "the conseil", "of the ungodly", "way of wicked men", "in the commandments"],
    }
    for witness, phrases in expected.items():
        page.eval(f"(() => {{ const s = document.getElementById('witness-select'); s.value = {json.dumps(witness)};"
                  " s.dispatchEvent(new Event('change')); })()")
        text = reading_text(page)
        for phrase in phrases:
            assert phrase in text, f"witness {witness}: {phrase!r} not in {text!r}"
    page.eval("(() => { const s = document.getElementById('witness-select'); s.value = ''; s.dispatchEvent(new Event('change')); })()")
    assert reading_text(page) == edited
    assert problems(page.events()) == []


def test_without_javascript_the_edited_text_stands(kinds_site, open_page):
    page = open_page(javascript=False)
    page.goto(url(kinds_site, "apparatus"))
    assert page.eval("getComputedStyle(document.getElementById('witness-switch')).display") == "none"
    text = reading_text(page)
    assert "Blessed is the man" in text and "woman" not in text and "cownsel" not in text
    # the variants are all in the apparatus
    entries = page.eval("document.getElementById('apparatus').innerText")
    for reading in ["woman C", "cownsel B", "conseil C", "om. B", "wicked men A C", "commandments C"]:
        assert reading in entries


# ------------------------------------------------------------------ every page

@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_pages_have_no_axe_violations(kinds_site, open_page, name, scheme):
    axe = tools.axe_source()
    page = open_page(scheme=scheme)
    page.goto(url(kinds_site, name))
    assert axe_violations(page, axe) == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("name", PAGES)
def test_pages_fit_the_screen_and_are_photographed(kinds_site, open_page, name, viewport):
    width, height, _ = viewport
    page = open_page(viewport)
    page.goto(url(kinds_site, name))
    page.settle()
    layout = page.eval("""({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
        wide: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
              .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')).slice(0, 5)})""")
    assert layout["scroll"] <= layout["client"] and layout["wide"] == [], f"{name} is wider than {width}px: {layout}"
    full = page.screenshot(ARTIFACTS / f"{name}-{width}.png", full_page=True)
    assert _png_size(full)[0] == width
    # the page's images are addresses elsewhere (blocked here); nothing else may fail
    events = [e for e in page.events() if not (e["method"] == "Network.loadingFailed" and (
        e["params"].get("blockedReason") or "BLOCKED" in e["params"].get("errorText", "")))]
    assert problems(events) == []


@pytest.mark.parametrize("name", PAGES)
def test_pages_read_in_full_without_javascript(kinds_site, open_page, name):
    with_js = open_page()
    with_js.goto(url(kinds_site, name))
    without = open_page(javascript=False)
    without.goto(url(kinds_site, name))
    text = "document.querySelector('main').innerText"
    hide = "(() => { const s = document.getElementById('witness-switch'); if (s) s.hidden = true; return " + text + "; })()"
    if name != "apparatus":
        assert without.eval(text) == with_js.eval(hide)
    assert len(without.eval(text)) > 200


def test_every_page_passes_the_nu_html_checker(kinds_built):
    vnu = tools.vnu()
    pages = [kinds_built / "html" / f"{name}.html" for name in PAGES]
    run = subprocess.run([*vnu, "--errors-only", "--format", "json", *map(str, pages)],
                         capture_output=True, text=True, timeout=300)
    report = json.loads(run.stderr or run.stdout)
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine', '?')}: {m['type']}: {m['message']}"
              for m in report["messages"] if m["type"] != "info"]
    assert errors == [], "\n".join(errors)
