"""One application served for a set of runs: its server, its publisher, its wrk runs.

An `App` is a tree holding the application: this one, or another commit's
checked out for a comparison (bench.compare). Its server, its publisher and
its query counts all run from that tree, with the same environment.

Every wrk run asks for what browsers ask for (bench.load.BROWSER_HEADERS)
unless told `compressed=False`, and prints one line when it starts: what,
under which server, on which tree.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import databases, load
from bench.scenarios import Context
from bench.servers import Running, Server, running

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports" / "bench"
# A cold run that completes fewer requests is replaced by requests timed one by one.
MIN_REQUESTS = 3
SEQUENTIAL_SAMPLES = (0, 1)


@dataclass(frozen=True)
class App:
    """The application under test: a name for the reports and the tree it runs from."""

    label: str
    root: Path = ROOT


CURRENT = App("current tree")


class Publisher:
    """bench.publisher in a child process: `publish()` moves the content version."""

    def __init__(self, env: dict[str, str], root: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.publisher"], cwd=root, env=env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        )  # fmt: skip
        assert self.process.stdout
        assert self.process.stdin
        self.stdin, self.stdout = self.process.stdin, self.process.stdout
        ready, stamped = self.stdout.readline().split()
        if ready != "ready":
            raise RuntimeError("bench.publisher did not start")
        self.stamped = int(stamped)
        self.lock = threading.Lock()
        # Seconds each `region` change took in the publisher, warming included.
        self.region_seconds: list[float] = []

    def publish(self, kind: str = "region") -> str:
        """`region`: a change its conditions show, re-rendered by the publisher once
        committed; `version`: the content version moves, nothing to re-render;
        `item`: the first condition saved, its tasks left to a worker."""
        with self.lock:
            self.stdin.write(f"{kind}\n")
            self.stdin.flush()
            token, seconds = self.stdout.readline().split()
        if kind == "region":
            self.region_seconds.append(float(seconds))
        return token

    @contextmanager
    def repeatedly(self, every: float) -> Iterator[None]:
        """A `region` change now, then the content version moved every `every`
        seconds until the block ends."""
        self.publish()
        stop = threading.Event()

        def loop() -> None:
            while not stop.wait(every):
                self.publish("version")

        thread = threading.Thread(target=loop, daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    def close(self) -> None:
        self.stdin.close()
        self.process.wait(timeout=30)


@dataclass
class Bench:
    app: App
    server: Running
    context: Context
    publisher: Publisher
    seconds: float

    @property
    def base(self) -> str:
        return self.server.base

    def say(self, what: str) -> None:
        """One progress line: `what`, under which server, on which tree."""
        say(f"{what} · {self.server.server.name} · {self.app.label}")

    def wrk(
        self, run: load.Load, what: str, *, cold: bool = False, every: float = 1.0,
        compressed: bool = True,
    ) -> dict[str, Any]:  # fmt: skip
        """One wrk run of `run`; `what` names it in the progress line."""
        coding = "Accept-Encoding: br" if compressed else "no Accept-Encoding"
        self.say(f"run {what} ({coding}, {self.seconds:g} s)")
        if compressed:
            run = dataclasses.replace(run, headers={**load.BROWSER_HEADERS, **run.headers})
        self.server.wait_idle()
        if not cold:
            return load.run(self.base, run, seconds=self.seconds).as_dict()
        run = dataclasses.replace(run, headers={**run.headers, **load.COLD_HEADERS})
        with self.publisher.repeatedly(every):
            connections = load.COLD_CONNECTIONS
            result = load.run(self.base, run, seconds=self.seconds, connections=connections)
        if result.requests >= MIN_REQUESTS:
            # A path sent again before the next change may have found its response cached.
            return result.as_dict() | {"all_cold": result.rps * every < len(run.paths)}
        # Slower than the run allows: time a few requests one by one instead.
        self.say(f"run {what}: too slow for wrk, {len(SEQUENTIAL_SAMPLES)} requests timed instead")
        return self.sequential_cold(run.paths[: len(SEQUENTIAL_SAMPLES)], SEQUENTIAL_SAMPLES)

    def get(self, path: str, *, compressed: bool = False) -> tuple[int, bytes, dict[str, str]]:
        """Status, body as sent (compressed when it was) and headers (names in lower case)."""
        headers = load.BROWSER_HEADERS if compressed else {}
        request = urllib.request.Request(self.base + path, headers=headers)
        with urllib.request.urlopen(request, timeout=600) as response:
            sent = {name.lower(): value for name, value in response.headers.items()}
            return response.status, response.read(), sent

    def floor(self, size: int, coding: str = "", *, what: str) -> dict[str, Any]:
        """The floor view answering `size` bytes, compressed with `coding` (and asked
        for them compressed, as browsers do) unless `coding` is empty."""
        path = f"/bench/floor/{size}/{coding}/" if coding else f"/bench/floor/{size}/"
        # A new connection each: both workers make their compressed body before the run.
        for _ in range(4):
            self.get(path, compressed=bool(coding))
        what = f"floor {size:,} B ({what})"
        return self.wrk(load.Load(paths=(path,)), what, compressed=bool(coding))

    def sequential_cold(self, paths: tuple[str, ...], samples: Any) -> dict[str, Any]:
        """One request at a time, each right after a published change: for the slowest cold runs."""
        timings = []
        for sample in samples:
            self.server.wait_idle()
            self.publisher.publish()
            started = time.perf_counter()
            status, _, _ = self.get(paths[sample % len(paths)], compressed=True)
            timings.append(time.perf_counter() - started)
            assert status == 200
        timings.sort()
        median, slowest = timings[len(timings) // 2], timings[-1]
        return {
            "requests": len(timings), "rps": round(1 / (sum(timings) / len(timings)), 3),
            "p50_ms": round(median * 1000, 1), "p99_ms": round(slowest * 1000, 1),
            "bad_status": 0, "socket_errors": 0, "timeouts": 0, "sequential": True,
        }  # fmt: skip


@contextmanager
def session(app: App, server: Server, env: dict[str, str], seconds: float) -> Iterator[Bench]:
    """`app` served by `server` on the database of `env`, with its publisher."""
    database = env["DATABASE_URL"].rsplit("/", 1)[-1]
    say(f"starting {server.name} on {database} · {app.label}")
    publisher = Publisher(env, app.root)
    try:
        log = REPORTS / "server.log"
        REPORTS.mkdir(parents=True, exist_ok=True)
        with running(server, env=env, log=log, root=app.root) as served:
            yield Bench(
                app=app,
                server=served,
                context=Context(slugs=_slugs(database), faqs=_faqs(database)),
                publisher=publisher,
                seconds=seconds,
            )
    finally:
        publisher.close()


def _slugs(database: str) -> tuple[str, ...]:
    """Every published condition's slug, in list order."""
    sql = "SELECT slug FROM content_condition WHERE status = 'published' ORDER BY position, slug"
    return tuple(databases.psql(sql, database=database).split())


def _faqs(database: str) -> int:
    sql = "SELECT count(*) FROM content_faq WHERE status = 'published'"
    return int(databases.psql(sql, database=database))


def say(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)
