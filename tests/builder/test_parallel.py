"""Parallel and distributed builds write exactly what a serial build writes, whatever the
number of workers, the executor or the order the sources are named in; the progress line
shows on a terminal only."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from tests.support import ROOT, SEED, run_cli
from edition.builder.document import Job, process
from edition.builder.publish import publish
from edition.config import Config
from edition.errors import UsageError
from edition.report.progress import Progress, wanted

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402


def tree(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file() and p.name != ".edition-lock"}


@pytest.fixture(scope="module")
def sources(tmp_path_factory):
    src = tmp_path_factory.mktemp("parallel") / "tei"
    synth.write(src, [SEED], 6)
    return src


@pytest.fixture(scope="module")
def serial(sources, tmp_path_factory):
    out = tmp_path_factory.mktemp("serial") / "out"
    result = publish([sources], out, Config(jobs=1))
    assert result.rendered == 6 and result.diagnostics == []
    return tree(out)


def test_jobs_2_writes_the_bytes_of_jobs_1(sources, serial, tmp_path, capsys):
    code, _, err = run_cli(capsys, "build", sources, "--out", tmp_path / "out", "--jobs", "2")
    assert code == 0, err
    assert "6 files checked: 0 errors, 0 warnings; wrote " in err
    assert tree(tmp_path / "out") == serial


def test_jobs_2_in_a_fresh_process_writes_the_bytes_of_jobs_1(sources, serial, tmp_path):
    """The command line forks its workers (it has not loaded Saxon yet); in-process tests spawn them."""
    proc = subprocess.run([sys.executable, "-m", "edition", "build", str(sources), "--out", str(tmp_path / "out"),
                           "--jobs", "2"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert tree(tmp_path / "out") == serial


def test_order_of_the_sources_does_not_matter(sources, serial, tmp_path, capsys):
    files = sorted(sources.glob("*.xml"), reverse=True)
    code, _, err = run_cli(capsys, "build", *files, "--out", tmp_path / "out", "--jobs", "2")
    assert code == 0, err
    assert tree(tmp_path / "out") == serial


def test_problems_are_reported_alike_with_workers(sources, tmp_path, capsys):
    src = tmp_path / "tei"
    src.mkdir()
    for p in sorted(sources.glob("*.xml"))[:4]:
        (src / p.name).write_bytes(p.read_bytes())
    broken = sorted(src.glob("*.xml"))[1]
    broken.write_text(broken.read_text(encoding="utf-8").replace('who="#mao"', 'who="#nobody"', 1), encoding="utf-8")
    runs = [run_cli(capsys, "build", src, "--out", tmp_path / f"out{jobs}", "--jobs", jobs) for jobs in ("1", "2")]
    assert [r[0] for r in runs] == [1, 1]
    lines = [[l.replace(f"out{jobs}", "OUT") for l in r[2].splitlines() if "error[" in l or "warning[" in l]
             for r, jobs in zip(runs, "12")]
    assert lines[0] == lines[1] and any("error[who-unresolved]" in l and broken.name in l for l in lines[0])
    assert tree(tmp_path / "out1") == tree(tmp_path / "out2")


def test_dask_executor_writes_the_bytes_of_a_local_build(sources, serial, tmp_path, capsys):
    pytest.importorskip("distributed", reason="Dask is an optional extra: pip install 'edition[dask]'")
    from distributed import LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=2, processes=False, protocol="tcp",
                      dashboard_address=None) as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        code, _, err = run_cli(capsys, "build", sources, "--out", tmp_path / "out", "--executor", f"dask://{address}")
    assert code == 0, err
    assert tree(tmp_path / "out") == serial


def test_unknown_executor_exits_2(sources, tmp_path, capsys):
    code, _, err = run_cli(capsys, "build", sources, "--out", tmp_path / "out", "--executor", "ray://here")
    assert code == 2
    assert err.strip() == "edition: error: --executor ray://here: expected dask://HOST:PORT"


def test_jobs_0_exits_2(sources, tmp_path, capsys):
    code, _, err = run_cli(capsys, "build", sources, "--out", tmp_path / "out", "--jobs", "0")
    assert code == 2
    assert "--jobs 0: expected a number of processes, 1 or more" in err


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_line_on_a_terminal_only(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    tty = _Terminal()
    with Progress(50, tty, enabled=wanted(tty, 50)) as progress:
        for _ in range(50):
            progress.advance()
    shown = tty.getvalue()
    assert shown.startswith("\redition: [") and "50/50 documents" in shown and shown.endswith("\r\033[K")
    assert not wanted(tty, 3), "a handful of documents: no progress line"
    assert not wanted(io.StringIO(), 50), "not a terminal: silent"
    monkeypatch.setenv("CI", "true")
    assert not wanted(tty, 50), "CI: silent"


def test_build_prints_no_progress_when_stderr_is_not_a_terminal(sources, tmp_path, capsys):
    code, _, err = run_cli(capsys, "build", sources, "--out", tmp_path / "out", "--jobs", "1")
    assert code == 0 and "\r" not in err


def test_a_worker_running_other_code_is_refused(sources):
    """A Dask worker with another version of edition would write other bytes: the build stops (exit 2)."""
    path = sorted(sources.glob("*.xml"))[0]
    job = Job(path.read_bytes(), str(path), path.name, None, True, (), "0", code="not this code")
    with pytest.raises(UsageError, match="runs other code than this build"):
        process(job)
    assert process(Job(path.read_bytes(), str(path), path.name, None, True, (), "0")).ok
