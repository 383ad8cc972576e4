"""The application servers compared, started and stopped around each set of runs.

Every server binds 127.0.0.1 only, runs 2 worker processes (one per core of
the benchmark machine) and takes its settings from explicit flags, so a
configuration file added to the project never changes what is measured. A
server runs the application found in the directory it is given: this tree, or
another commit's checked out for a comparison (bench.compare).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
APP = "config.wsgi:application"
WORKERS = 2
THREADS = 4


@dataclass(frozen=True)
class Server:
    name: str
    description: str

    def command(self, port: int, root: Path = ROOT) -> list[str]:
        bind = f"127.0.0.1:{port}"
        # An empty config file: a gunicorn.conf.py in the project never applies.
        gunicorn = [str(BIN / "gunicorn"), APP, "--config", os.devnull, "--bind", bind]
        gunicorn += ["--chdir", str(root)]
        gunicorn += ["--workers", str(WORKERS), "--timeout", "300", "--log-level", "warning"]
        if self.name == "gunicorn-sync":
            return [*gunicorn, "--worker-class", "sync"]
        if self.name == "gunicorn-gthread":
            return [*gunicorn, "--worker-class", "gthread", "--threads", str(THREADS)]
        return [
            str(BIN / "granian"), "--interface", "wsgi", APP, "--host", "127.0.0.1",
            "--port", str(port), "--workers", str(WORKERS), "--blocking-threads", "1",
            "--no-ws", "--log-level", "warning",
        ]  # fmt: skip


SERVERS = {
    server.name: server
    for server in (
        Server("gunicorn-sync", f"gunicorn, {WORKERS} sync workers (the Dockerfile's server)"),
        Server("gunicorn-gthread", f"gunicorn, {WORKERS} gthread workers x {THREADS} threads"),
        Server("granian", f"granian WSGI, {WORKERS} workers x 1 blocking thread"),
    )
}
PRODUCTION = SERVERS["gunicorn-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass(frozen=True)
class Running:
    server: Server
    base: str
    process: subprocess.Popen[bytes]

    def workers_rss_mb(self) -> list[float]:
        """Resident memory (VmRSS, MB) of each of the server's worker processes
        (the children of the process started), in the order of their ids."""
        return [rss for _, rss in sorted(_rss_mb(pid) for pid in _children(self.process.pid))]

    def wait_idle(self, *, timeout: float = 300) -> None:
        """Return once the server's processes stop using the CPU.

        A request wrk gave up on at the end of a run is still being served;
        the next run must not share the cores with it.
        """
        deadline = time.monotonic() + timeout
        before = _cpu_seconds(self.process.pid)
        while time.monotonic() < deadline:
            time.sleep(0.5)
            after = _cpu_seconds(self.process.pid)
            if after - before < 0.05:
                return
            before = after


@contextmanager
def running(
    server: Server, *, env: dict[str, str], log: Path, root: Path = ROOT
) -> Iterator[Running]:
    """Start `server` on the application in `root`, yield it once it answers
    /healthz and its workers have started, then stop it."""
    port = free_port()
    with log.open("ab") as output:
        process = subprocess.Popen(
            server.command(port, root), cwd=root, env=env, stdout=output, stderr=output,
            start_new_session=True,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(base, process)
        _wait_for_workers(process)
        yield Running(server=server, base=base, process=process)
    finally:
        _stop(process)


def _cpu_seconds(group: int) -> float:
    """CPU time (user + system) of every process in the process group `group`."""
    ticks = 0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        # After the command: state, ppid, pgrp, ..., utime (12th), stime (13th).
        if int(fields[2]) == group:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


def _rss_mb(pid: int) -> tuple[int, float]:
    """`pid` and its VmRSS in MB (0 if it has exited)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return pid, 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return pid, round(int(line.split()[1]) / 1024, 1)  # kB
    return pid, 0.0


def _wait_for_workers(process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """Until the server has its WORKERS worker processes, each past loading the
    application (its memory no longer growing), so that their start-up RSS is read
    after start-up."""
    deadline = time.monotonic() + timeout
    before: list[float] = []
    while time.monotonic() < deadline:
        now = [rss for _, rss in sorted(_rss_mb(pid) for pid in _children(process.pid))]
        if len(now) >= WORKERS and now == before:
            return
        before = now
        time.sleep(0.5)


def _wait_until_ready(base: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}; see its log")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer {base}/healthz within {timeout:.0f} s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """Stop the server's own process group (it and its workers), by id."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass
