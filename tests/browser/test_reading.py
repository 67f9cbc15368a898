"""The reading edition as readers meet it, in real headless Chromium.

A fresh build (the session's ``built`` folder) is served on 127.0.0.1 and opened in Chromium driven
over the DevTools protocol (tests/browser/cdp.py). Readers follow a note marker to its footnote and
back, by mouse and by keyboard; every page passes axe-core's accessibility rules in light and dark
mode; the page fits a phone's width; the search box on the index finds the seed by words of its text,
and in a large edition (indexed in shards, served below a sub-path) pages of two shards, whose result
links open them; and with JavaScript off every page still reads in full. Screenshots of the document page at 390 and
1280 px go to tests/artifacts/. Skips (with the reason) where Chromium or axe-core is absent.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import json
import struct
import sys
import threading

import pytest

from tests.browser import tools
from tests.browser.tools import DESKTOP, PHONE
from tests.support import ROOT, SEED, SEED_ID
from edition import cli
from edition.builder import search

ARTIFACTS = ROOT / "tests" / "artifacts"


# ------------------------------------------------------------------ fixtures

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def _served(folder):
    """``folder`` served over loopback HTTP (as a reader's web server would): its base URL."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture(scope="module")
def site(built):
    """The built edition served at the server's root: its base URL."""
    with _served(built) as url:
        yield url



def doc_url(site):
    return f"{site}/html/{SEED_ID}.html"


def index_url(site):
    return f"{site}/html/index.html"


def problems(events) -> list[str]:
    """Script errors, console errors and failed requests among a page's events (but the favicon that
    Chromium asks every site for: the edition has none)."""
    found = []
    for e in events:
        m, p = e["method"], e.get("params", {})
        if m == "Runtime.exceptionThrown":
            found.append(f"exception: {p['exceptionDetails'].get('exception', {}).get('description') or p['exceptionDetails']['text']}")
        elif m == "Runtime.consoleAPICalled" and p["type"] in ("error", "assert"):
            found.append(f"console.{p['type']}: {[a.get('value', a.get('description')) for a in p['args']]}")
        elif m == "Log.entryAdded" and p["entry"]["level"] == "error" and not p["entry"].get("url", "").endswith("/favicon.ico"):
            found.append(f"log: {p['entry']['text']} {p['entry'].get('url', '')}")
        elif m == "Network.loadingFailed" and not p.get("canceled"):
            found.append(f"request failed: {p['errorText']}")
        elif m == "Network.responseReceived" and p["response"]["status"] >= 400 and not p["response"]["url"].endswith("/favicon.ico"):
            found.append(f"HTTP {p['response']['status']}: {p['response']['url']}")
    return found


def in_viewport(page, selector) -> dict:
    return page.eval(f"""(() => {{
        const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();
        return {{top: r.top, bottom: r.bottom, height: innerHeight,
                 inside: r.top >= 0 && r.bottom <= innerHeight && r.height > 0}};
    }})()""")


def focused(page) -> str:
    """The id of the list item (a footnote) that holds the focused element, if any."""
    return page.eval("(document.activeElement.closest('li[id]') || {id: ''}).id")


# ------------------------------------------------------------------ notes

@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "390px"])
def test_note_marker_leads_to_its_footnote_and_back(site, open_page, viewport):
    page = open_page(viewport)
    page.goto(doc_url(site))
    numbers = page.eval("[...document.querySelectorAll('a[role=doc-noteref]')].map(a => a.id.replace('noteref-', ''))")
    assert numbers, "the seed has editorial notes, so the page must have note markers"
    for n in numbers:
        # the reader clicks the marker: the footnote is the target, fully in view
        page.click(f"#noteref-{n}")
        assert page.eval("location.hash") == f"#note-{n}"
        assert page.eval("document.querySelector(':target').outerHTML.slice(0, 40)").startswith(f'<li id="note-{n}"')
        where = in_viewport(page, f"#note-{n}")
        assert where["inside"], f"footnote {n} is not wholly in the viewport after clicking its marker: {where}"
        # keyboard users continue from there: Tab reaches a link in the footnote (its back-link)
        page.press("Tab")
        assert focused(page) == f"note-{n}"
        # back to the text: the marker is the target, in view, and has the focus
        page.click(f"#note-{n} a[role=doc-backlink]")
        assert page.eval("location.hash") == f"#noteref-{n}"
        assert page.eval("document.querySelector(':target').id") == f"noteref-{n}"
        where = in_viewport(page, f"#noteref-{n}")
        assert where["inside"], f"marker {n} is not in the viewport after the back-link: {where}"
        assert page.eval("document.activeElement.id") == f"noteref-{n}"
        # and Enter on the focused marker goes to the footnote again
        page.press("Enter")
        assert page.eval("location.hash") == f"#note-{n}"
        assert in_viewport(page, f"#note-{n}")["inside"]
    assert problems(page.events()) == []


# ------------------------------------------------------------------ accessibility

def axe_violations(page, axe_source) -> list[str]:
    page.eval(axe_source + "\n;true")
    results = page.eval("axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({"
                        "id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(' '))})))")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {v['nodes']}" for v in results]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_document_page_has_no_axe_violations(site, open_page, scheme):
    axe = tools.axe_source()
    page = open_page(scheme=scheme)
    page.goto(doc_url(site))
    assert axe_violations(page, axe) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_index_page_with_search_results_has_no_axe_violations(site, open_page, scheme):
    axe = tools.axe_source()
    page = open_page(scheme=scheme)
    page.goto(index_url(site))
    if search.executable() is not None:  # check the page as it is with the search UI and its results
        _search(page, "Khrushchev")
    assert axe_violations(page, axe) == []


# ------------------------------------------------------------------ layout

def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_document_page_fits_the_screen_and_is_photographed(site, open_page, viewport):
    width, height, _ = viewport
    page = open_page(viewport)
    page.goto(doc_url(site))
    page.settle()
    layout = page.eval("""({scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
        wide: [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
              .map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')).slice(0, 5)})""")
    assert layout["scroll"] <= layout["client"] and layout["wide"] == [], f"the page is wider than {width}px: {layout}"
    # the measure stays readable: lines of the transcript are neither cramped nor too long
    line = page.eval("document.querySelector('#transcript p').getBoundingClientRect().width")
    if width < 600:
        assert line >= 0.75 * width, f"a phone's width is wasted: lines are {line}px on a {width}px screen"
    else:
        assert 400 <= line <= 720, f"lines of {line}px are hard to read"
    full = page.screenshot(ARTIFACTS / f"document-{width}.png", full_page=True)
    first = page.screenshot(ARTIFACTS / f"document-{width}-first-screen.png")
    assert _png_size(first) == (width, height)
    assert _png_size(full)[0] == width and _png_size(full)[1] > height
    assert problems(page.events()) == []


# ------------------------------------------------------------------ search

def _search(page, query: str, results: int = 1) -> list[dict]:
    """Type ``query`` in the index page's search box; the results once at least ``results`` are shown
    (the UI shows each as its fragment arrives, shard by shard)."""
    page.wait_for("!document.getElementById('search').hidden && document.querySelector('#search input')")
    page.click("#search input")
    page.type(query)
    return page.wait_for("(() => { const links = [...document.querySelectorAll('#search .pagefind-ui__result-link')];"
                         f" return links.length >= {results} && links.map(a => ({{href: a.href, text: a.textContent.trim(),"
                         " excerpt: a.closest('li').querySelector('.pagefind-ui__result-excerpt').textContent})); })()")


@pytest.mark.parametrize("query, words", [("pencil", "Written in pencil"), ("Khrushchev", "Khrushchev")])
def test_search_on_the_index_finds_the_seed_page(site, open_page, query, words):
    tools.need(search.executable(), "the Pagefind binary is not installed (pip install pagefind-bin)")
    page = open_page()
    page.goto(index_url(site))
    results = _search(page, query)
    seed = [r for r in results if r["href"] == doc_url(site)]
    assert seed, f"no result links to the seed page: {results}"
    assert seed[0]["text"].startswith("Conversation of N.S. Khrushchev with Mao Zedong")
    assert words.lower() in seed[0]["excerpt"].lower()
    # following the result opens the document
    page.click(f"#search a.pagefind-ui__result-link[href$='/{SEED_ID}.html']")
    page.browser.wait_event("Page.loadEventFired", page.session)
    assert page.eval("location.href") == doc_url(site)
    assert problems(page.events()) == []


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory):
    """A large edition, as search.py shards it (SHARD_BYTES made small for six copies of the seed),
    served under a sub-path (/sub/edition/), not at the server's root. Two of its documents, in
    different shards, say "zanzibarite". Yields the URL of its html/ folder and those two ids."""
    tools.need(search.executable(), "the Pagefind binary is not installed (pip install pagefind-bin)")
    sys.path.insert(0, str(ROOT / "bench"))
    import synth  # bench/synth.py: copies of the seed with ids of their own

    src, www = tmp_path_factory.mktemp("tei"), tmp_path_factory.mktemp("www")
    paths = synth.write(src, [SEED], 6)
    found = [paths[0], paths[1]]
    for path in found:
        text = path.read_text(encoding="utf-8")
        assert text.count("</persName>, and <persName") == 1
        path.write_text(text.replace("</persName>, and <persName", "</persName>, zanzibarite and <persName"),
                        encoding="utf-8")
    out = www / "sub" / "edition"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(search, "SHARD_BYTES", 20_000)
        assert cli.main(["build", str(src), "--out", str(out)]) == 0
    holders = set()  # the shard bundles that index the two pages
    for bundle in [out / "html" / "pagefind", *sorted((out / "html" / "pagefind").glob("shard-*"))]:
        for f in (bundle / "fragment").glob("*.pf_fragment"):
            raw = gzip.decompress(f.read_bytes()).decode("utf-8")
            if json.loads(raw[raw.index("{"):])["url"].lstrip("/") in {f"{p.stem}.html" for p in found}:
                holders.add(bundle.name)
    assert len(holders) == 2, f"the two pages should be in two shards, not {holders}"
    with _served(www) as url:
        yield f"{url}/sub/edition/html/", [p.stem for p in found]


def test_search_of_a_sharded_edition_served_under_a_sub_path_finds_and_opens_every_shard_s_pages(
        sharded_site, open_page):
    base, ids = sharded_site
    page = open_page()
    page.goto(f"{base}index.html")
    results = _search(page, "zanzibarite", results=len(ids))
    assert sorted(r["href"] for r in results) == sorted(f"{base}{doc}.html" for doc in ids)
    assert all("zanzibarite" in r["excerpt"] for r in results)
    for doc in ids:  # each result opens its document, below the sub-path
        page.goto(f"{base}index.html")
        _search(page, "zanzibarite", results=len(ids))
        page.click(f"#search a.pagefind-ui__result-link[href$='/{doc}.html']")
        page.browser.wait_event("Page.loadEventFired", page.session)
        assert page.eval("location.href") == f"{base}{doc}.html"
        assert "zanzibarite" in page.eval("document.querySelector('main').innerText")
    assert problems(page.events()) == []


def test_search_box_stays_out_of_the_way_of_pages_opened_from_disk(built, open_page):
    """Opened as a file (Pagefind cannot fetch from file://), the index shows no search box and no error."""
    page = open_page()
    page.goto((built / "html" / "index.html").as_uri())
    page.settle()
    assert page.eval("document.getElementById('search').hidden") is True
    assert page.eval("document.querySelector('#search input')") is None
    assert problems(page.events()) == []


# ------------------------------------------------------------------ without JavaScript

@pytest.mark.parametrize("name", ["index", SEED_ID])
def test_pages_read_in_full_without_javascript(site, open_page, name):
    with_js = open_page()
    with_js.goto(f"{site}/html/{name}.html")
    without = open_page(javascript=False)
    without.goto(f"{site}/html/{name}.html")
    requests = [e["params"]["request"]["url"] for e in without.events() if e["method"] == "Network.requestWillBeSent"]
    assert not [u for u in requests if "/pagefind/" in u], "without JavaScript nothing of the search is fetched"
    if name == "index":  # the search box is there, but not shown
        assert without.eval("getComputedStyle(document.getElementById('search')).display") == "none"
        assert without.eval("document.querySelector('#search input')") is None
    text = "document.querySelector('main').innerText"
    assert without.eval(text) == with_js.eval("(() => { const s = document.getElementById('search');"
                                               " if (s) s.hidden = true; return " + text + "; })()")
    assert len(without.eval(text)) > 200
    links = without.eval("[...document.querySelectorAll('main a')].map(a => a.getAttribute('href'))")
    if name == "index":
        assert f"{SEED_ID}.html" in links and f"../text/{SEED_ID}.txt" in links
    else:
        assert "#note-1" in links and "#noteref-1" in links
