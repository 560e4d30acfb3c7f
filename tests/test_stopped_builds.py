"""User test K: a build stopped by a signal, as a CI job's timeout (SIGTERM) or Ctrl-C (SIGINT) stops it, says so
in one line with the signal's exit code, never "a bug in buurtdata", and leaves no half-built folder behind."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from buurtdata import cli, datasets

pytestmark = pytest.mark.skipif(
    threading.current_thread() is not threading.main_thread(), reason="signal handlers need the main thread"
)

PAUSED_CLI = textwrap.dedent("""
    import pathlib, sys, time
    from buurtdata import cli
    from buurtdata.outputs import handout_blocks

    project, out, marker = sys.argv[1:4]
    save = handout_blocks.save

    def save_one_then_pause(figure, stem, **kwargs):
        save(figure, stem, **kwargs)
        pathlib.Path(marker).write_text("paused")
        time.sleep(600)

    handout_blocks.save = save_one_then_pause
    sys.exit(cli.main(["handouts", "--project", project, "--out", out, "--buurt", "BU01640501", "--no-png"]))
""")


def _run_with(monkeypatch, capsys, run):
    monkeypatch.setattr(cli, "_run", run)
    before = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    code = cli.main(["validate"])
    # The command's handlers are gone once it returns: pytest's (or a notebook's) are back.
    assert (signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)) == before
    return code, capsys.readouterr().err


def test_sigterm_is_said_with_its_exit_code(monkeypatch, capsys):
    def run(args):
        signal.raise_signal(signal.SIGTERM)

    code, err = _run_with(monkeypatch, capsys, run)
    assert code == cli.EXIT_TERMINATED == 143
    assert err == "buurtdata: stopped (SIGTERM); the output folder was left as it was before.\n"


def test_ctrl_c_during_a_duckdb_query_is_no_bug(monkeypatch, capsys):
    # DuckDB turns the KeyboardInterrupt of a signal during a query into RuntimeError("Query interrupted"):
    # the user who pressed Ctrl-C was told "This is a bug in buurtdata; please report it" (exit 70).
    def run(args):
        try:
            signal.raise_signal(signal.SIGINT)
        except KeyboardInterrupt:
            raise RuntimeError("Query interrupted") from None

    code, err = _run_with(monkeypatch, capsys, run)
    assert code == cli.EXIT_INTERRUPTED
    assert "interrupted; the output folder was left as it was before" in err and "bug" not in err


def test_a_signal_python_dropped_still_gives_its_exit_code(monkeypatch, capsys):
    # A signal that lands in a finalizer is dropped by Python ("Exception ignored in ..."): the build runs on and
    # publishes its output; a CI job that was cancelled must not read exit code 0.
    def run(args):
        try:
            signal.raise_signal(signal.SIGTERM)
        except KeyboardInterrupt:
            pass

    code, err = _run_with(monkeypatch, capsys, run)
    assert code == cli.EXIT_TERMINATED
    assert "stopped (SIGTERM), but the command had nearly finished and ran to its end" in err


def test_a_build_stopped_by_sigterm_cleans_up_and_says_so(tmp_path):
    out, marker = tmp_path / "uit", tmp_path / "paused"
    env_home = tmp_path / "home"
    env_home.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", PAUSED_CLI, str(datasets.get_path("hengelo")), str(out), str(marker)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={"HOME": str(env_home), "PATH": "/usr/bin:/bin"},
    )
    deadline = time.monotonic() + 180
    while not marker.exists():
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the build did not reach the handout"
        time.sleep(0.2)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == cli.EXIT_TERMINATED
    assert err.decode().strip().endswith("buurtdata: stopped (SIGTERM); the output folder was left as it was before.")
    # No half-built folder beside it (a killed build left .uit.new-PID), no output, no marker of nothing.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "paused"]


POOL_THEN_HANG = textwrap.dedent("""
    import os, pathlib, sys, time
    from concurrent.futures import ProcessPoolExecutor
    from buurtdata.outputs import handout_pool

    with ProcessPoolExecutor(
        2, mp_context=handout_pool._context(), initializer=handout_pool._start_worker, initargs=(None, 0)
    ) as pool:
        workers = {pool.submit(os.getpid).result() for _ in range(4)}
        pathlib.Path(sys.argv[1]).write_text(" ".join(map(str, workers)))
        time.sleep(600)
""")


def _running(pid):
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
            state = stat.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_handout_workers_end_with_a_killed_build(tmp_path):
    # kill -9 of a build (an OOM kill, a power button) left its workers waiting for work forever, and the fork
    # server whose pipe they hold: processes with geopandas and matplotlib loaded, per killed build.
    said = tmp_path / "workers"
    build = subprocess.Popen([sys.executable, "-c", POOL_THEN_HANG, str(said)], stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not said.exists():
        assert build.poll() is None and time.monotonic() < deadline, "the pool did not start"
        time.sleep(0.2)
    workers = [int(pid) for pid in said.read_text().split()]
    assert workers and all(_running(pid) for pid in workers)
    build.kill()
    build.wait()
    deadline = time.monotonic() + 30
    while any(_running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_running(pid) for pid in workers)
