"""What every browser test uses: one headless Chromium for the session, and pages opened in it (closed
after each test)."""

from __future__ import annotations

import pytest

from tests.browser import tools
from tests.browser.tools import DESKTOP


@pytest.fixture(scope="session")
def browser():
    from tests.browser.cdp import Browser  # skips (tools.chromium) before anything starts where Chromium is absent

    chromium = Browser(tools.chromium())
    yield chromium
    chromium.close()


@pytest.fixture
def open_page(browser):
    """``open_page(viewport, javascript=True, scheme="light")``: a new page at that viewport (width,
    height, mobile), with or without JavaScript, in light or dark mode. Nothing is fetched from the
    network: the fixtures' page images at example.org are blocked (whether or not the name resolves)."""
    pages = []

    def make(viewport=DESKTOP, javascript=True, scheme="light"):
        page = browser.new_page(*viewport)
        page.javascript(javascript)
        page.send("Network.setBlockedURLs", {"urls": ["*example.org*"]})
        page.send("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()
