"""Where documents are processed: in this process, in a pool of worker processes (``--jobs``), or
on a Dask cluster (``--executor dask://HOST:PORT``); and the ordered, windowed map over them."""

from __future__ import annotations

import contextlib
import os
import sys
from collections import deque

from edition.builder.document import Done, process
from edition.config import Config
from edition.errors import UsageError
from edition.validation import compile_schema


#: Below this many bytes of sources to render, a build with the default --jobs stays in
#: one process: starting workers would cost more than it saves.
PARALLEL_MIN_BYTES = 512 * 1024


def cpus() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1  # the CPUs this process may use (containers, taskset)
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def jobs(config: Config) -> int:
    """How many processes (and Pagefind threads) a build uses: --jobs, at most the CPUs this
    process may use (more would only add processes fighting for them); one per CPU by default."""
    available = cpus()
    return available if config.jobs is None else min(config.jobs, available)


@contextlib.contextmanager
def executor(config: Config, n_stale: int, stale_bytes: int):
    """(executor, window): where documents are processed, and how many may be in flight."""
    if config.executor:
        with _dask(config.executor) as pair:
            yield pair
        return
    n = jobs(config)
    big_enough = config.jobs is not None or stale_bytes >= PARALLEL_MIN_BYTES
    if n == 1 or n_stale < 2 or not big_enough:
        yield None, 1  # here, one document after the other
        return
    from concurrent.futures import ProcessPoolExecutor  # imported only when used: start-up time counts

    pool = ProcessPoolExecutor(max_workers=min(n, n_stale), mp_context=_start_method(config),
                               initializer=_worker_init)
    try:
        yield pool, 4 * n
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_init() -> None:
    """In each worker process: die with the build (Linux), so a killed build leaves no orphans."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers exit when their queue closes
        pass


def _start_method(config: Config):
    """How worker processes start. saxonche is not fork-safe once loaded, so: fork while this
    process has never loaded it (the command line: Saxon runs here only after the workers,
    for the index), and the workers inherit the schema compiled once here (tei_all takes
    seconds to compile); spawn otherwise (a fresh interpreter, which compiles its own)."""
    import multiprocessing

    if "saxonche" not in sys.modules and "fork" in multiprocessing.get_all_start_methods():
        compile_schema(config.schema)
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@contextlib.contextmanager
def _dask(spec: str):
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(f"--executor {spec}: Dask is not installed; install the extra: pip install 'edition[dask]'") from None
    try:
        address = spec[len("dask://"):]
        client = Client(address if "://" in address else "tcp://" + address, timeout="10s", set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise UsageError(f"--executor {spec}: cannot reach the Dask scheduler ({exc})") from None
    try:
        threads = sum(client.nthreads().values()) or 1
        with client.get_executor(pure=False) as executor:
            yield executor, 4 * threads
    finally:
        client.close()


def ordered(items, step, pool, window: int):
    """(item, Done) for every item, in order, with at most ``window`` in flight: ``step(item)`` gives
    either a ``Done`` (nothing to process) or a ``Job``, which ``process`` runs, in ``pool`` if there
    is one (else here)."""
    pending: deque = deque()
    for item in items:
        work = step(item)
        if not isinstance(work, Done):
            work = process(work) if pool is None else pool.submit(process, work)
        pending.append((item, work))
        while len(pending) > window:
            first, result = pending.popleft()
            yield first, result if isinstance(result, Done) else result.result()
    while pending:
        first, result = pending.popleft()
        yield first, result if isinstance(result, Done) else result.result()
