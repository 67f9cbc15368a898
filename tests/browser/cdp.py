"""A small Chrome DevTools Protocol client for the browser tests: real headless Chromium, no driver.

Chromium is started with ``--remote-debugging-pipe``: it reads commands on file descriptor 3 and
writes replies and events on 4, each message JSON ended by a NUL byte. That needs no port, no
websocket library and no chromedriver, only the Debian ``chromium`` package. Waiting is done by
reading the pipe (with a timeout) or by promises evaluated in the page, never by sleeping.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

#: The flags every run uses: headless, no sandbox (CI runs as root), and nothing that reaches out
#: to the network on its own (this machine has none, and tests must not depend on it).
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-default-apps", "--mute-audio", "--hide-scrollbars",
    "--force-color-profile=srgb", "--font-render-hinting=none",
]

TIMEOUT = 30.0  # seconds for any one command or awaited event


class CDPError(Exception):
    pass


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """One headless Chromium process for the test session."""

    def __init__(self, executable: str):
        self.profile = tempfile.TemporaryDirectory(prefix="edition-chromium-")
        to_chrome_r, self._w = os.pipe()
        self._r, from_chrome_w = os.pipe()

        def child_fds():  # Chromium expects the pipe at fds 3 (in) and 4 (out)
            high_r = fcntl.fcntl(to_chrome_r, fcntl.F_DUPFD, 10)  # out of the way of 3 and 4 first
            high_w = fcntl.fcntl(from_chrome_w, fcntl.F_DUPFD, 10)
            os.dup2(high_r, 3)
            os.dup2(high_w, 4)

        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile.name}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=child_fds, pass_fds=(3, 4),
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict] = []
        self.version = self.send("Browser.getVersion")["product"]

    # ------------------------------------------------------------ the pipe
    def _read_message(self, deadline: float) -> dict:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CDPError("timed out waiting for Chromium")
            ready, _, _ = select.select([self._r], [], [], left)
            if ready:
                chunk = os.read(self._r, 1 << 20)
                if not chunk:
                    raise CDPError(f"Chromium closed the pipe (exit status {self.process.poll()})")
                self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return json.loads(message)

    def send(self, method: str, params: dict | None = None, session: str | None = None,
             timeout: float = TIMEOUT) -> dict:
        self._next_id += 1
        mid = self._next_id
        message = {"id": mid, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._w, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._read_message(deadline)
            if reply.get("id") == mid:
                if "error" in reply:
                    raise CDPError(f"{method}: {reply['error'].get('message')}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_event(self, method: str, session: str | None = None, timeout: float = TIMEOUT) -> dict:
        """The first queued or coming event ``method`` (for ``session``), removed from the queue."""
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self.events):
                if event["method"] == method and (session is None or event.get("sessionId") == session):
                    return self.events.pop(i)
            reply = self._read_message(deadline)
            if "method" in reply:
                self.events.append(reply)

    def drain(self, session: str | None = None) -> list[dict]:
        """Every event received so far (for ``session``), removed from the queue."""
        taken = [e for e in self.events if session is None or e.get("sessionId") == session]
        self.events = [e for e in self.events if e not in taken]
        return taken

    def new_page(self, width: int = 1280, height: int = 800, mobile: bool = False) -> "Page":
        return Page(self, width, height, mobile)

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except (CDPError, OSError):
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        for fd in (self._r, self._w):
            try:
                os.close(fd)
            except OSError:
                pass
        self.profile.cleanup()


class Page:
    """One tab, driven the way a reader uses it: load, click, press keys, type, look."""

    def __init__(self, browser: Browser, width: int, height: int, mobile: bool):
        self.browser = browser
        self.target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = browser.send("Target.attachToTarget", {"targetId": self.target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            self.send(f"{domain}.enable")
        self.viewport(width, height, mobile)

    def send(self, method: str, params: dict | None = None, timeout: float = TIMEOUT) -> dict:
        return self.browser.send(method, params, self.session, timeout)

    def events(self) -> list[dict]:
        return self.browser.drain(self.session)

    def viewport(self, width: int, height: int, mobile: bool = False) -> None:
        self.width, self.height = width, height
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def javascript(self, enabled: bool) -> None:
        self.send("Emulation.setScriptExecutionDisabled", {"value": not enabled})

    def goto(self, url: str) -> None:
        self.events()  # forget what came before
        result = self.send("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise CDPError(f"{url}: {result['errorText']}")
        self.browser.wait_event("Page.loadEventFired", self.session)

    def eval(self, expression: str, timeout: float = TIMEOUT):
        """The value of a JavaScript expression in the page (promises awaited)."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True, "userGesture": True}, timeout=timeout + 5)
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            raise CDPError(details.get("exception", {}).get("description") or details.get("text"))
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 20.0):
        """Wait, inside the page, until ``expression`` is truthy; its value."""
        return self.eval(
            "new Promise((resolve, reject) => { const t0 = performance.now(); (function poll() {"
            f" let v; try {{ v = ({expression}); }} catch (e) {{ v = undefined; }}"
            f" if (v) resolve(v); else if (performance.now() - t0 > {timeout * 1000})"
            f" reject(new Error('timed out waiting for: ' + {json.dumps(expression)}));"
            " else setTimeout(poll, 25); })(); })", timeout=timeout)

    def settle(self) -> None:
        """Let the page lay out and paint (two animation frames)."""
        self.eval("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))")

    def click(self, selector: str) -> None:
        """A real mouse click in the middle of the element (scrolled into view first, as a reader would)."""
        box = self.eval(f"""(() => {{
            const el = document.querySelector({json.dumps(selector)});
            if (!el) return null;
            el.scrollIntoView({{block: "center", inline: "nearest"}});
            const r = el.getClientRects()[0] || el.getBoundingClientRect();
            return {{x: r.left + r.width / 2, y: r.top + r.height / 2}};
        }})()""")
        if box is None:
            raise CDPError(f"no element matches {selector}")
        self.settle()
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.send("Input.dispatchMouseEvent", {"type": kind, "x": box["x"], "y": box["y"],
                                                   "button": "left" if kind != "mouseMoved" else "none",
                                                   "clickCount": 1 if kind != "mouseMoved" else 0})
        try:
            self.settle()
        except CDPError as exc:  # the click followed a link: the page it was on is gone, as it should be
            if "navigated or closed" not in str(exc):
                raise

    def press(self, key: str, shift: bool = False) -> None:
        codes = {"Tab": 9, "Enter": 13}
        params = {"key": key, "code": key, "windowsVirtualKeyCode": codes[key], "modifiers": 8 if shift else 0}
        if key == "Enter":
            params["text"] = "\r"
        self.send("Input.dispatchKeyEvent", {"type": "keyDown", **params})
        self.send("Input.dispatchKeyEvent", {"type": "keyUp", **params})
        self.settle()

    def type(self, text: str) -> None:
        """Type into the focused element, one character after another."""
        for ch in text:
            self.send("Input.dispatchKeyEvent", {"type": "keyDown", "key": ch, "text": ch})
            self.send("Input.dispatchKeyEvent", {"type": "keyUp", "key": ch})

    def screenshot(self, path: Path, full_page: bool = False) -> bytes:
        params = {"format": "png"}
        if full_page:
            size = self.send("Page.getLayoutMetrics")["cssContentSize"]
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": self.width, "height": size["height"], "scale": 1})
        data = base64.b64decode(self.send("Page.captureScreenshot", params)["data"])
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return data

    def close(self) -> None:
        try:
            self.browser.send("Target.closeTarget", {"targetId": self.target}, timeout=5)
        except CDPError:
            pass
        self.browser.drain(self.session)
