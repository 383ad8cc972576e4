"""Driving a server with wrk: one bounded run, its throughput and latency percentiles.

Each run is described by a Lua script: the paths it cycles through (one for
a warm run; a new cache key on every request for a cold one) and its
headers. wrk's `done()` hook prints the numbers as one JSON line.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

WRK = "wrk"
THREADS = 1
# Eight connections keep both server processes busy (one waits in each one's
# backlog) while wrk's single thread leaves the second core to them.
CONNECTIONS = 8
# A cold run keeps one request per server process in flight: a slow request
# queued behind others would still be running when the next run starts.
COLD_CONNECTIONS = 2
# ... each on a new connection: a server that keeps connections alive (granian)
# accepts both in one of its processes about half the time and then serves the
# whole run with one process of two (its cold detail moved between 430 and
# 780 req/s from run to run). gunicorn's sync workers close every connection.
COLD_HEADERS = {"Connection": "close"}
# What browsers send: every warm and cold run asks for a compressed response
# (the API answers JSON with Brotli for `br`); the warm runs of the main
# endpoints are repeated without it (`identity`), which other clients send.
BROWSER_HEADERS = {"Accept-Encoding": "gzip, deflate, br"}

LUA = """
local paths = {%(paths)s}
local headers = {%(headers)s}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n - 1) %% #paths + 1], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, ' ..
    '"bad_status": %%d, "socket_errors": %%d, "timeouts": %%d}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.status, e.connect + e.read + e.write, e.timeout))
end
"""


@dataclass(frozen=True)
class Load:
    """What wrk sends: paths cycled in order, the same headers on each."""

    paths: tuple[str, ...]
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Result:
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    bad_status: int
    socket_errors: int
    timeouts: int

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def run(
    base: str, load: Load, *, seconds: float, connections: int = CONNECTIONS, timeout: float = 60
) -> Result:
    """One wrk run of `seconds` against `base`, `connections` kept open (HTTP/1.1 keep-alive)."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(_lua(load))
    duration = max(1, round(seconds))
    command = [
        WRK, f"-t{THREADS}", f"-c{connections}", f"-d{duration}s", f"--timeout={timeout:.0f}s",
        "-s", script.name, base,
    ]  # fmt: skip
    try:
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"wrk failed: {done.stderr or done.stdout}")
        output = done.stdout
    finally:
        Path(script.name).unlink()
    numbers = json.loads(output.strip().splitlines()[-1])
    return Result(
        requests=numbers["requests"],
        rps=round(numbers["requests"] / (numbers["duration_us"] / 1e6), 1),
        p50_ms=round(numbers["p50_us"] / 1000, 2),
        p99_ms=round(numbers["p99_us"] / 1000, 2),
        bad_status=numbers["bad_status"],
        socket_errors=numbers["socket_errors"],
        timeouts=numbers["timeouts"],
    )


def _lua(load: Load) -> str:
    paths = ", ".join(_quote(path) for path in load.paths)
    headers = ", ".join(f"[{_quote(k)}] = {_quote(v)}" for k, v in load.headers.items())
    return LUA % {"paths": paths, "headers": headers}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
