"""Named points a build passes, where a test can stop it, to kill it exactly there.

A test that kills a build at a moment chosen by a timer proves something only when the timer
happens to fall while the build writes, which depends on the machine's load (the kill test
failed 2 runs in 4 that way). Instead the build says where it is: ``reached("replace")`` just
before a finished temporary file replaces an output (``edition.output``), ``reached("started")``
once the output folder is locked and marked as being written, ``reached("finishing")`` once
everything is written but the mark is not yet removed.

With ``EDITION_STOP_AT=NAME:N`` in its environment (tests only), a process stops itself with
SIGSTOP the N-th time it reaches the point NAME (N defaults to 1); the test waits for the stop
(``os.waitpid(pid, os.WUNTRACED)``) and kills the build where it stands. Without the variable a
point costs one comparison.
"""

from __future__ import annotations

import os
import signal
import threading

_STOP_AT = os.environ.get("EDITION_STOP_AT")
_counts: dict[str, int] = {}
_lock = threading.Lock()


def reached(point: str) -> None:
    """Say that the build is at ``point`` (see the module's doc)."""
    if _STOP_AT is None:
        return
    name, _, nth = _STOP_AT.partition(":")
    if name != point:
        return
    with _lock:
        _counts[point] = _counts.get(point, 0) + 1
        stop = _counts[point] == int(nth or 1)
    if stop and hasattr(signal, "SIGSTOP"):
        os.kill(os.getpid(), signal.SIGSTOP)
