"""The register pages as readers meet them, in headless Chromium: the places page (places and
organisations on one page), and, in an edition with a page per entry, the persons index and a
person's own page. Each passes axe-core in light and dark mode and the Nu Html Checker, fits a
phone's width, and its links lead where they say; screenshots go to tests/artifacts/ (reviewed
copies in tests/screenshots/).

The edition is tests/fixtures/places/ (its registers of persons, places and organisations), built
twice: as it is (one page per register) and with the threshold of a page per entry lowered to 0."""

from __future__ import annotations

import json
import subprocess

import pytest

from edition import cli
from edition.render import pages as register_pages
from tests.browser import tools
from tests.browser.test_reading import (ARTIFACTS, DESKTOP, PHONE, _png_size, _served, axe_violations, problems)
from tests.support import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "places"
#: (name of the screenshot, which build, the page below html/)
PAGES = [("places", "one", "places.html"), ("persons-index", "entries", "persons.html"),
         ("person", "entries", "persons/kennedy.html")]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    found = {}
    for kind in ("one", "entries"):
        out = tmp_path_factory.mktemp(f"registers-{kind}") / "output"
        with pytest.MonkeyPatch.context() as mp:
            if kind == "entries":
                mp.setattr(register_pages, "ENTRY_PAGES_FROM", 0)
            assert cli.main(["build", str(FIXTURE), "--out", str(out), "--jobs", "1"]) == 0
        found[kind] = out
    return found


@pytest.fixture(scope="module")
def sites(built):
    with _served(built["one"]) as one, _served(built["entries"]) as entries:
        yield {"one": one, "entries": entries}



@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name,kind,path", PAGES, ids=[p[0] for p in PAGES])
def test_pages_have_no_axe_violations(sites, open_page, name, kind, path, scheme):
    axe = tools.axe_source()
    page = open_page(scheme=scheme)
    page.goto(f"{sites[kind]}/html/{path}")
    assert axe_violations(page, axe) == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("name,kind,path", PAGES, ids=[p[0] for p in PAGES])
def test_pages_fit_the_screen_and_are_photographed(sites, open_page, name, kind, path, viewport):
    width = viewport[0]
    page = open_page(viewport)
    page.goto(f"{sites[kind]}/html/{path}")
    page.settle()
    layout = page.eval("""({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
        wide: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
              .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')).slice(0, 5)})""")
    assert layout["scroll"] <= layout["client"] and layout["wide"] == [], f"{name} is wider than {width}px: {layout}"
    full = page.screenshot(ARTIFACTS / f"register-{name}-{width}.png", full_page=True)
    assert _png_size(full)[0] == width
    assert problems(page.events()) == []


def test_a_place_named_in_a_document_opens_its_entry(sites, open_page):
    """Following a placeName of a document page lands on the place's entry, in both kinds of edition."""
    for kind, expected in (("one", "place-vienna"), ("entries", "place-vienna")):
        page = open_page()
        page.goto(f"{sites[kind]}/html/summit.html")
        href = page.eval("document.querySelector('a.placeName[href*=\"vienna\"]').href")
        page.goto(href)
        page.settle()
        found = page.eval("""(() => { const t = location.hash ? document.getElementById(location.hash.slice(1))
            : document.querySelector('main article'); return t ? [t.id, t.querySelector('h1, h2, h3').textContent] : null; })()""")
        assert found == [expected, "Vienna"], kind


def test_every_page_passes_the_nu_html_checker(built):
    vnu = tools.vnu()
    files = [built[kind] / "html" / path for _, kind, path in PAGES]
    files += sorted((built["entries"] / "html" / "places").glob("*.html")) + [built["entries"] / "html" / "places.html"]
    run = subprocess.run([*vnu, "--errors-only", "--format", "json", *map(str, files)],
                         capture_output=True, text=True, timeout=300)
    report = json.loads(run.stderr or run.stdout)
    errors = [f"{m.get('url', '').rsplit('/', 1)[-1]}:{m.get('lastLine', '?')}: {m['type']}: {m['message']}"
              for m in report["messages"] if m["type"] != "info"]
    assert errors == [], "\n".join(errors)
