"""A progress line for long builds on an interactive terminal; silent everywhere else.

Shown only when stderr is a terminal, no ``CI`` variable is set, and the build has
more than a few documents to render. One line, redrawn with a carriage return at
most ten times a second, erased when the build ends (the report follows it).
"""

from __future__ import annotations

import os
import sys
import time
from typing import TextIO

#: Builds rendering fewer documents than this show no progress.
MIN_DOCUMENTS = 20


def wanted(stream: TextIO, n: int) -> bool:
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    return tty and n >= MIN_DOCUMENTS and not os.environ.get("CI") and os.environ.get("TERM") != "dumb"


class Progress:
    def __init__(self, total: int, stream: TextIO | None = None, enabled: bool | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.total = total
        self.done = 0
        self.enabled = wanted(self.stream, total) if enabled is None else enabled
        self._last = 0.0
        self._started = time.monotonic()

    def advance(self, n: int = 1) -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._last >= 0.1 or self.done >= self.total:
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        width = 30
        frac = self.done / self.total if self.total else 1.0
        bar = "#" * int(width * frac)
        rate = self.done / max(now - self._started, 1e-6)
        self.stream.write(f"\redition: [{bar:<{width}}] {self.done}/{self.total} documents ({rate:.0f}/s)")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r\033[K")
            self.stream.flush()

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
