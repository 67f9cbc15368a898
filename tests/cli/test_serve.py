"""edition serve: builds, serves the output folder alone on 127.0.0.1, rebuilds on save and tells the
open pages to reload (or shows the problems, keeping the last good output), stops on Ctrl-C."""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.support import SEED, SEED_ID

pytest.importorskip("watchfiles")


#: `python -m edition ARGS`, with Ctrl-C (SIGINT) handled as Python handles it by default
LAUNCHER = ("import runpy, signal, sys; signal.signal(signal.SIGINT, signal.default_int_handler); "
            "sys.argv = ['edition', *sys.argv[1:]]; runpy.run_module('edition', run_name='__main__', alter_sys=True)")


class Served:
    def __init__(self, folder: Path):
        self.folder = folder
        # Started as from a terminal, where Ctrl-C reaches the program: a process started in the
        # background by a shell without job control (a CI script's `cmd &`) inherits SIGINT ignored,
        # and a server started so rightly goes on ignoring it (as under nohup); the launcher puts
        # Python's own handler back first. PYTHONFAULTHANDLER: should the server ever hang, SIGABRT
        # makes it print where each thread is.
        self.proc = subprocess.Popen([sys.executable, "-c", LAUNCHER, "serve", "--port", "0"], cwd=folder,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                                     env={**os.environ, "PYTHONFAULTHANDLER": "1"})
        self.lines: list[str] = []
        self.ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.ready.wait(60), "the server did not start: " + "".join(self.lines)
        self.port = int(re.search(r"http://127\.0\.0\.1:(\d+)/", "".join(self.lines)).group(1))

    def _read(self):
        for line in self.proc.stderr:
            self.lines.append(line)
            if "serving" in line:
                self.ready.set()

    def get(self, path: str) -> tuple[int, bytes, dict]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read(), dict(response.getheaders())

    def events(self):
        """The server's events as (name, text), as the open pages receive them."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        conn.request("GET", "/__edition__/events")
        response = conn.getresponse()
        name = None
        for raw in response:
            line = raw.decode("utf-8").rstrip("\n")
            if line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: ") and name:
                yield name, json.loads(line[6:])["text"]
                name = None

    def said(self, text: str, timeout: float = 30) -> bool:
        """Whether the server has printed ``text``, waiting for the thread that reads its output."""
        deadline = time.monotonic() + timeout
        while not any(text in line for line in self.lines):
            if time.monotonic() > deadline or self.proc.poll() is not None and not any(text in line for line in self.lines):
                return any(text in line for line in self.lines)
            time.sleep(0.02)
        return True

    def stop(self) -> int:
        self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.send_signal(signal.SIGABRT)  # the fault handler prints every thread's stack
            self.proc.wait(timeout=30)
            time.sleep(0.5)  # the reading thread takes the last lines
            raise AssertionError("the server did not stop on Ctrl-C; where it was:\n" + "".join(self.lines)) from None


@pytest.fixture
def served(tmp_path):
    (tmp_path / "tei").mkdir()
    shutil.copyfile(SEED, tmp_path / "tei" / SEED.name)
    (tmp_path / "elsewhere.txt").write_text("not the edition's", encoding="utf-8")
    server = Served(tmp_path)
    yield server
    if server.proc.poll() is None:
        server.proc.kill()
        server.proc.wait()


def test_pages_are_served_with_the_reload_script_which_is_never_written(served):
    status, page, headers = served.get(f"/html/{SEED_ID}.html")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b"/__edition__/events" in page
    on_disk = (served.folder / "output" / "html" / f"{SEED_ID}.html").read_bytes()
    assert b"__edition__" not in on_disk
    assert page.replace(on_disk[:on_disk.rfind(b"</body>")], b"").startswith(b"<script>")
    status, _, headers = served.get("/")
    assert status == 302 and headers["Location"] == "/html/index.html"


@pytest.mark.parametrize("path", ["/../elsewhere.txt", "/html/../../elsewhere.txt", "/%2e%2e/elsewhere.txt",
                                  "/html/..%2f..%2felsewhere.txt", "/cite/", "/tei/../../elsewhere.txt", "//etc/passwd"])
def test_only_the_output_folder_is_served_and_no_folder_is_listed(served, path):
    status, body, _ = served.get(path)
    assert status == 404, (path, body[:100])


def test_a_save_rebuilds_and_reloads_and_an_error_shows_with_the_last_good_output_kept(served):
    source = served.folder / "tei" / SEED.name
    page = served.folder / "output" / "html" / f"{SEED_ID}.html"
    events = served.events()
    assert next(events) == ("problems", "")  # none, as the page connects
    source.write_text(source.read_text(encoding="utf-8").replace("accepted the proposal.", "accepted the plan."),
                      encoding="utf-8")
    assert next(events) == ("reload", "")
    assert b"accepted the plan." in page.read_bytes()
    good = page.read_bytes()
    source.write_text(source.read_text(encoding="utf-8").replace("accepted the plan.", "accepted <b>the plan."),
                      encoding="utf-8")
    name, text = next(events)
    assert name == "problems" and "error[xml-syntax]" in text and f"{SEED.name}:" in text
    assert page.read_bytes() == good
    # in the terminal too (printed before the event is sent; read from the server's stderr by a thread)
    assert served.said("error[xml-syntax]")


def test_ctrl_c_stops_cleanly(served):
    assert served.stop() == 0
    assert served.said("stopped serving")
    assert "Traceback" not in "".join(served.lines)


def test_a_port_in_use_is_a_plain_error(served, tmp_path):
    proc = subprocess.run([sys.executable, "-m", "edition", "serve", "--port", str(served.port)], cwd=served.folder,
                          capture_output=True, text=True, timeout=60, env={**os.environ})
    assert proc.returncode == 2
    assert f"cannot serve on 127.0.0.1:{served.port}" in proc.stderr and "Traceback" not in proc.stderr
