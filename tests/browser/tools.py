"""Where the browser tests find their tools, and how they skip when a tool is absent.

Chromium comes from Debian (`apt-get install chromium`), axe-core and the Nu Html Checker from npm
(`npm ci --prefix tests/browser/node`, see package.json there), Java from Debian. `.ci/run` installs
all of them and sets EDITION_BROWSER_TESTS=require, which turns a missing tool into a failure
instead of a skip, so CI cannot pass by skipping.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.browser.cdp import find_chromium

HERE = Path(__file__).resolve().parent
NODE_MODULES = HERE / "node" / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL = "npm ci --ignore-scripts --prefix tests/browser/node"
#: viewports (width, height, mobile): a phone and a desktop
PHONE = (390, 844, True)
DESKTOP = (1280, 800, False)


def need(found, reason: str):
    """``found``, or skip the test (fail it when EDITION_BROWSER_TESTS=require) saying what is missing."""
    if not found:
        if os.environ.get("EDITION_BROWSER_TESTS") == "require":
            pytest.fail(f"{reason} (EDITION_BROWSER_TESTS=require: .ci/run should have installed it)")
        pytest.skip(reason)
    return found


def chromium() -> str:
    return need(find_chromium(), "Chromium is not installed (apt-get install chromium)")


def axe_source() -> str:
    return need(AXE.is_file() and AXE.read_text(encoding="utf-8"), f"axe-core is not installed ({INSTALL})")


def vnu() -> list[str]:
    java = need(shutil.which("java"), "Java is not installed (apt-get install default-jre-headless)")
    need(VNU.is_file(), f"the Nu Html Checker is not installed ({INSTALL})")
    return [java, "-jar", str(VNU)]
