"""``edition serve``: build, serve the output folder on 127.0.0.1, rebuild on save, reload the pages.

The preview is the editor's main loop, so it is the incremental build itself (``publish``),
never a second code path: a save rebuilds what changed and the open pages reload. A source with
errors leaves the last good output in place; its diagnostics are printed in the terminal and
shown as a banner on the open pages. The reload script is added to HTML pages as they are
served (never written to the output folder), and the server serves the output folder alone:
no path outside it, no folder listings.
"""

from __future__ import annotations

import http.server
import logging
import json
import posixpath
import threading
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path

from edition.errors import EditionError, UsageError
from edition.results import Result

#: Where the open pages listen for rebuilds (Server-Sent Events); below no file of the edition.
EVENTS = "/__edition__/events"

#: Added before </body> of every HTML page served (not written anywhere).
RELOAD = b"""<script>/* edition serve: reload on rebuild (added while serving, never written) */
(() => {
  const banner = (text) => {
    let el = document.getElementById("edition-serve-problems");
    if (!text) { if (el) el.remove(); return; }
    if (!el) {
      el = document.createElement("pre");
      el.id = "edition-serve-problems";
      el.setAttribute("role", "alert");
      el.style.cssText = "position:fixed;left:0;right:0;bottom:0;margin:0;max-height:40vh;overflow:auto;"
        + "padding:0.75em 1em;background:#7a1010;color:#fff;font:0.85rem/1.4 monospace;z-index:2147483647;white-space:pre-wrap";
      document.body.append(el);
    }
    el.textContent = text;
  };
  const events = new EventSource("%s");
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("problems", (e) => banner(JSON.parse(e.data).text));
})();
</script>
""" % EVENTS.encode()


class Rebuilds:
    """The state the server shares with the watcher: a build number and the last build's problems."""

    def __init__(self):
        self.number = 0
        self.problems = ""  # the diagnostics of the last build that had errors ("" when it had none)
        self.changed = threading.Condition()

    def done(self, problems: str) -> None:
        with self.changed:
            self.number += 1
            self.problems = problems
            self.changed.notify_all()

    def wait(self, after: int, timeout: float) -> int:
        with self.changed:
            self.changed.wait_for(lambda: self.number != after, timeout=timeout)
            return self.number


def handler(root: Path, rebuilds: Rebuilds):
    """A request handler serving the files below ``root`` only, HTML pages with the reload script."""
    root = root.resolve()

    class Handler(http.server.BaseHTTPRequestHandler):
        server_version = "edition-serve"

        def log_message(self, format, *args):  # quiet: the terminal is for diagnostics
            pass

        def do_GET(self):
            self._respond(body=True)

        def do_HEAD(self):
            self._respond(body=False)

        def _respond(self, body: bool) -> None:
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
            if path == EVENTS:
                return self._events()
            if path in ("", "/"):
                return self._redirect("/html/index.html")
            target = _inside(root, path)
            if target is not None and target.is_dir():
                index = target / "index.html"
                if index.is_file():
                    return self._redirect(path.rstrip("/") + "/index.html")
                target = None  # no listings
            if target is None or not target.is_file():
                return self._send(404, b"not found\n", "text/plain; charset=utf-8", body)
            data = target.read_bytes()
            kind = _media_type(target)
            if kind.startswith("text/html"):
                data = _with_reload(data)
            self._send(200, data, kind, body)

        def _redirect(self, where: str) -> None:
            self.send_response(302)
            self.send_header("Location", where)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _send(self, status: int, data: bytes, kind: str, body: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if body:
                self.wfile.write(data)

        def _events(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = rebuilds.number
            try:
                self._event("problems", rebuilds.problems)
                while not getattr(self.server, "stopping", False):
                    now = rebuilds.wait(seen, timeout=15)
                    if now == seen:
                        self.wfile.write(b": still here\n\n")  # keeps proxies and the browser from giving up
                        self.wfile.flush()
                        continue
                    seen = now
                    if rebuilds.problems:
                        self._event("problems", rebuilds.problems)
                    else:
                        self._event("reload", "")
            except (BrokenPipeError, ConnectionError):
                return

        def _event(self, name: str, text: str) -> None:
            data = json.dumps({"text": text})
            self.wfile.write(f"event: {name}\ndata: {data}\n\n".encode("utf-8"))
            self.wfile.flush()

    return Handler


def _inside(root: Path, path: str) -> Path | None:
    """The file ``path`` (a URL path) names below ``root``, or None if it would lead out of it."""
    parts = [p for p in posixpath.normpath("/" + path).split("/") if p]
    if any(p in (".", "..") or "\\" in p or "\0" in p for p in parts):
        return None
    target = root.joinpath(*parts)
    try:
        resolved = target.resolve()
    except (OSError, RuntimeError):
        return None
    return resolved if resolved == root or root in resolved.parents else None


_TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
          ".json": "application/json; charset=utf-8", ".txt": "text/plain; charset=utf-8",
          ".bib": "application/x-bibtex; charset=utf-8", ".xml": "application/xml", ".wasm": "application/wasm",
          ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg"}


def _media_type(path: Path) -> str:
    return _TYPES.get(path.suffix.lower(), "application/octet-stream")


def _with_reload(page: bytes) -> bytes:
    at = page.rfind(b"</body>")
    return page[:at] + RELOAD + page[at:] if at >= 0 else page + RELOAD


def problems_of(result: Result) -> str:
    """What the banner shows: the build's errors and warnings, one per line, when it has errors."""
    if not any(d.is_error for d in result.diagnostics):
        return ""
    return "\n".join(str(d) for d in result.diagnostics)


def serve(build: Callable[[set[Path]], Result], out: Path, watched: list[Path], host: str = "127.0.0.1",
          port: int = 8000, say=print) -> int:
    """Build, serve ``out`` on ``host``:``port``, and build again whenever a file below ``watched``
    changes, until Ctrl-C. ``build(changed)`` runs one (incremental) build, told which files changed
    (none at first), prints its report and returns its result; an EditionError (a broken
    edition.toml, an output folder that cannot be written) is said and shown like a source's
    problems, and the last good output stays."""
    from watchfiles import DefaultFilter, watch  # imported only here: the other commands' start-up counts

    rebuilds = Rebuilds()
    rebuilds.problems = _attempt(build, set(), say)
    out.mkdir(parents=True, exist_ok=True)
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler(out, rebuilds))
    except OSError as exc:
        raise UsageError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None
    server.daemon_threads = True
    url = f"http://{host}:{server.server_address[1]}/html/index.html"
    if host not in ("127.0.0.1", "localhost", "::1"):
        say(f"edition: warning: {host} is not this machine alone: other machines that reach it can read the edition")
    stop = threading.Event()
    output = out.resolve()
    ordinary = DefaultFilter()
    logging.getLogger("watchfiles").setLevel(logging.ERROR)  # its own "stopping watch" line is not ours to print

    def wanted(change, path: str) -> bool:  # what the build writes never starts a build
        where = Path(path).resolve()
        return ordinary(change, path) and where != output and output not in where.parents

    try:
        threading.Thread(target=server.serve_forever, name="edition-serve", daemon=True).start()
        say(f"edition: serving {out} at {url} (Ctrl-C stops)")
        for changes in watch(*watched, watch_filter=wanted, debounce=50, step=20, stop_event=stop,
                             raise_interrupt=False):
            rebuilds.done(_attempt(build, {Path(path) for _, path in changes}, say))
    except KeyboardInterrupt:  # Ctrl-C: the way to stop, not a failure
        pass
    finally:
        server.stopping = True
        server.shutdown()
        server.server_close()
        rebuilds.done(rebuilds.problems)  # wakes the event streams so they end
        say("edition: stopped serving")
    return 0


def _attempt(build: Callable[[set[Path]], Result], changed: set[Path], say) -> str:
    started = time.perf_counter()
    try:
        result = build(changed)
    except EditionError as exc:
        say(f"edition: error: {exc}")
        return f"edition: error: {exc}"
    problems = problems_of(result)
    if problems:
        say(f"edition: the last good output is kept; fix the errors above and save ({time.perf_counter() - started:.2f}s)")
    return problems
