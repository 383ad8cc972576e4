"""`make bench`: python -m bench.run.

1. Makes sure the generated databases exist (bench.databases; cached).
2. Serves the large one under the production server (gunicorn sync) with
   bench.settings: production settings plus the floor view.
3. Renders every condition's representation once (timed: the first render),
   as publishing leaves them stored; then for each endpoint: a warm run, a
   cold run (bench.scenarios) and a run of the floor view answering as many
   bytes, all with the same server, middleware and wrk settings; then SQL
   queries per request (bench.queries).
4. List and search again on a 200-condition database, for how they scale.
5. A few key runs under each application server (bench.servers).
6. Writes reports/bench/results.json and results.md and prints the table.

BENCH_DURATION sets the seconds per wrk run (default 5).
"""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import databases, load, report
from bench.scenarios import BY_NAME, ENDPOINTS, Context, Endpoint
from bench.servers import PRODUCTION, SERVERS, Running, Server, running

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "reports" / "bench"
REDIS_DB = 13
# A cold bundle renders every item (minutes on the large set): skipped unless asked for.
BUNDLE_COLD_SAMPLES = int(os.environ.get("BENCH_BUNDLE_COLD", "0"))
# A cold run that completes fewer requests is replaced by requests timed one by one.
MIN_REQUESTS = 3
SEQUENTIAL_SAMPLES = (0, 1)
ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
    "DEBUG": "false",
    "REDIS_URL": f"redis://127.0.0.1:6379/{REDIS_DB}",
    "CACHE_KEY_PREFIX": "ims-bench",
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    # Unlimited anonymous rate: the benchmark is one client sending thousands of requests.
    "API_RATE_ANONYMOUS": "0",
    "LOG_LEVEL": "WARNING",
}


class Publisher:
    """bench.publisher in a child process: `publish()` moves the content version."""

    def __init__(self, env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bench.publisher"], cwd=ROOT, env=env, text=True,
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
        committed; `version`: the content version moves, nothing to re-render."""
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
    server: Running
    context: Context
    publisher: Publisher
    seconds: float

    @property
    def base(self) -> str:
        return self.server.base

    def wrk(self, run: load.Load, *, cold: bool = False, every: float = 1.0) -> dict[str, Any]:
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
        return sequential_cold(self, run.paths[: len(SEQUENTIAL_SAMPLES)], SEQUENTIAL_SAMPLES)

    def get(self, path: str) -> tuple[int, bytes, dict[str, str]]:
        with urllib.request.urlopen(self.base + path, timeout=600) as response:
            return response.status, response.read(), dict(response.headers)

    def floor(self, size: int) -> dict[str, Any]:
        path = f"/bench/floor/{size}/"
        self.get(path)
        return self.wrk(load.Load(paths=(path,)))


def first_render(bench: Bench) -> dict[str, Any]:
    """Every page of conditions and one expanded page, once, two at a time: what a
    deploy (new code, so nothing stored fits) costs before the stored
    representations serve; the cold runs then find unchanged items stored."""
    plain = BY_NAME["list-plain"].cold_load(bench.context, aligned=True)
    assert plain is not None
    paths = (*plain.paths, BY_NAME["list"].path)
    bench.server.wait_idle()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=load.COLD_CONNECTIONS) as pool:
        statuses = list(pool.map(lambda path: bench.get(path)[0], paths))
    seconds = time.perf_counter() - started
    assert set(statuses) == {200}, statuses
    items = len(bench.context.slugs)
    _say(f"first render: {items} conditions in {seconds:.1f} s")
    return {"conditions": items, "seconds": round(seconds, 1), "per_second": round(items / seconds)}


def measure_endpoint(bench: Bench, endpoint: Endpoint) -> dict[str, Any]:
    warm_path = endpoint.warm_load(bench.context).paths[0]
    _, body, headers = bench.get(warm_path)  # primes the response cache
    etag = headers.get("ETag", "")
    size = 0 if endpoint.revalidate else len(body)
    warm = bench.wrk(endpoint.warm_load(bench.context, etag))
    cold: dict[str, Any] | None = None
    cold_load = endpoint.cold_load(bench.context)
    if cold_load is not None:
        cold = bench.wrk(cold_load, cold=True)
    elif endpoint.cold == "sequential" and BUNDLE_COLD_SAMPLES:
        cold = sequential_cold(bench, (warm_path,), range(BUNDLE_COLD_SAMPLES))
    floor = bench.floor(size)
    row = {"name": endpoint.name, "label": endpoint.label, "path": warm_path, "bytes": size}
    row |= {"warm": warm, "cold": cold, "floor": floor, "cold_method": endpoint.cold or "none"}
    row |= {"ratio_warm": report.ratio(warm, floor), "ratio_cold": report.ratio(cold, floor)}
    rates = {"warm": warm, "cold": cold, "floor": floor}
    _say(f"{endpoint.name}: " + ", ".join(f"{k} {v and v['rps']}/s" for k, v in rates.items()))
    return row


def sequential_cold(bench: Bench, paths: tuple[str, ...], samples: Any) -> dict[str, Any]:
    """One request at a time, each right after a published change: for the slowest cold runs."""
    timings = []
    for sample in samples:
        bench.server.wait_idle()
        bench.publisher.publish()
        started = time.perf_counter()
        status, _, _ = bench.get(paths[sample % len(paths)])
        timings.append(time.perf_counter() - started)
        assert status == 200
    timings.sort()
    median, slowest = timings[len(timings) // 2], timings[-1]
    return {
        "requests": len(timings), "rps": round(1 / (sum(timings) / len(timings)), 3),
        "p50_ms": round(median * 1000, 1), "p99_ms": round(slowest * 1000, 1),
        "bad_status": 0, "socket_errors": 0, "timeouts": 0, "sequential": True,
    }  # fmt: skip


def main() -> None:
    if shutil.which(load.WRK) is None:
        raise SystemExit("wrk is not installed (make wrk)")
    seconds = float(os.environ.get("BENCH_DURATION", "5"))
    env = {**os.environ, **ENV}
    started = time.monotonic()
    fresh = databases.fresh_requested()
    generated = {}
    for dataset in (databases.LARGE, databases.SMALL):
        _say(f"database {dataset.database}: checking")
        generated[dataset.database] = databases.ensure(dataset, env=env, fresh=fresh)
    _flush_redis()
    results: dict[str, Any] = {"meta": _meta(seconds, generated)}
    large_env = {**env, "DATABASE_URL": databases.LARGE.url}
    results["endpoints"] = {}
    with session(PRODUCTION, large_env, seconds) as bench:
        results["first_render"] = first_render(bench)
        for endpoint in ENDPOINTS:
            results["endpoints"][endpoint.name] = measure_endpoint(bench, endpoint)
        results["servers"] = {PRODUCTION.name: server_runs(bench, PRODUCTION, results)}
        published = sorted(bench.publisher.region_seconds)
        results["publish"] = {
            "conditions": bench.publisher.stamped,
            "changes": len(published),
            "median_seconds": published[len(published) // 2],
        }
    # The bundle, the expanded list and the page sizes are counted on the small
    # set: the same code path, minutes faster (cold, the large set's bundle
    # renders 55,000 items and its expanded list 40 mechanisms of 3,000 references).
    results["queries"] = count_queries(large_env, f"--skip={','.join(SMALL_SET_COUNTS)}")
    small_queries = count_queries({**env, "DATABASE_URL": databases.SMALL.url}, "--page-sizes")
    for name in (*SMALL_SET_COUNTS, "list-by-page-size-cold"):
        results["queries"][name] = {**small_queries[name], "set": "small"}
    results["queries_small_set"] = small_queries
    small_env = {**env, "DATABASE_URL": databases.SMALL.url}
    with session(PRODUCTION, small_env, seconds) as bench:
        small_scaling = scaling_runs(bench)
    large_scaling = {
        name: {
            "warm": results["endpoints"][name]["warm"],
            "cold": results["endpoints"][name]["cold"],
        }
        for name in SCALED
    }
    results["scaling"] = compare_sizes(small_scaling, large_scaling)
    for server in SERVERS.values():
        if server is not PRODUCTION:
            with session(server, large_env, seconds) as bench:
                results["servers"][server.name] = server_runs(bench, server, None)
    results["meta"]["fastest_server"] = _fastest(results["servers"])
    results["targets"] = report.targets(results)
    results["meta"]["wall_seconds"] = round(time.monotonic() - started)
    print(report.write(results, REPORTS))
    _say(f"written to {REPORTS.relative_to(ROOT)}/results.json and results.md")


@contextmanager
def session(server: Server, env: dict[str, str], seconds: float) -> Iterator[Bench]:
    _say(f"starting {server.name} on {env['DATABASE_URL'].rsplit('/', 1)[-1]}")
    publisher = Publisher(env)
    try:
        log = REPORTS / "server.log"
        REPORTS.mkdir(parents=True, exist_ok=True)
        with running(server, env=env, log=log) as served:
            yield Bench(
                server=served,
                context=Context(slugs=_slugs(env["DATABASE_URL"].rsplit("/", 1)[-1])),
                publisher=publisher,
                seconds=seconds,
            )
    finally:
        publisher.close()


SMALL_SET_COUNTS = ("bundle", "list")
SCALED = {"list": "list", "search-common": "search `pain`", "search-typo": "search `tendonitiss`"}
SCALING_PAGES = 10


def scaling_runs(bench: Bench) -> dict[str, dict[str, Any]]:
    """List and search on the small set, warm and cold, as the main runs measure the large one.

    It has 10 pages of conditions (181 offsets): the publisher changes the content
    version every 0.1 s so that a cold list request still finds its page cold.
    """
    first_render(bench)
    runs = {}
    for name in SCALED:
        endpoint = BY_NAME[name]
        bench.get(endpoint.path)
        warm = bench.wrk(endpoint.warm_load(bench.context))
        cold_load = endpoint.cold_load(bench.context, pages=SCALING_PAGES)
        assert cold_load is not None
        # Ten pages: publish often enough that most requests find their page cold.
        every = 0.1 if name == "list" else 1.0
        runs[name] = {"warm": warm, "cold": bench.wrk(cold_load, cold=True, every=every)}
    return runs


def compare_sizes(small: dict[str, Any], large: dict[str, Any]) -> dict[str, Any]:
    rows = {}
    for name, label in SCALED.items():
        row: dict[str, Any] = {"small": small[name], "large": large[name]}
        for temperature in ("warm", "cold"):
            before, after = small[name][temperature], large[name][temperature]
            known = before["p99_ms"] and after["requests"]
            row[f"p99_factor_{temperature}"] = (
                round(after["p99_ms"] / before["p99_ms"], 2) if known else None
            )
        rows[label] = row
    return rows


def server_runs(bench: Bench, server: Server, results: dict[str, Any] | None) -> dict[str, Any]:
    """Floor, warm and cold list (no expand), cold detail: from the main runs when given."""
    if results is not None:
        plain, detail = results["endpoints"]["list-plain"], results["endpoints"]["detail"]
        runs = {
            "floor (list size)": plain["floor"], "list warm": plain["warm"],
            "list cold": plain["cold"], "detail cold": detail["cold"],
        }  # fmt: skip
        return {"description": server.description, "runs": runs}
    listing, detail = BY_NAME["list-plain"], BY_NAME["detail"]
    # As for the production server: each worker warmed up (connections, lazy
    # set-up, local copies) before it is measured. Without it, the first cold
    # runs under granian measured 5 to 10 times slower than they are.
    first_render(bench)
    _, body, _ = bench.get(listing.path)
    runs = {"floor (list size)": bench.floor(len(body))}
    runs["list warm"] = bench.wrk(listing.warm_load(bench.context))
    runs["list cold"] = bench.wrk(_required(listing.cold_load(bench.context)), cold=True)
    runs["detail cold"] = bench.wrk(_required(detail.cold_load(bench.context)), cold=True)
    _say(f"{server.name}: " + ", ".join(f"{name} {run['rps']}/s" for name, run in runs.items()))
    return {"description": server.description, "runs": runs}


def count_queries(env: dict[str, str], *options: str) -> dict[str, Any]:
    _say(f"counting queries per request (in process) on {env['DATABASE_URL'].rsplit('/', 1)[-1]}")
    output = subprocess.run(
        [sys.executable, "-m", "bench.queries", *options], cwd=ROOT, env=env, check=True,
        capture_output=True, text=True,
    ).stdout  # fmt: skip
    counts: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return counts


def _required(value: load.Load | None) -> load.Load:
    assert value is not None
    return value


def _slugs(database: str) -> tuple[str, ...]:
    """Every published condition's slug, in list order."""
    sql = "SELECT slug FROM content_condition WHERE status = 'published' ORDER BY position, slug"
    return tuple(databases.psql(sql, database=database).split())


def _fastest(servers: dict[str, Any]) -> dict[str, str]:
    runs = next(iter(servers.values()))["runs"]
    return {run: max(servers, key=lambda name: servers[name]["runs"][run]["rps"]) for run in runs}


def _flush_redis() -> None:
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()


def _meta(seconds: float, generated: dict[str, bool]) -> dict[str, Any]:
    large = databases.LARGE
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"Python {platform.python_version()}, PostgreSQL and Redis on the same machine",
        "server": PRODUCTION.description,
        "load": f"wrk -t{load.THREADS} -c{load.CONNECTIONS} over loopback "
        f"(-c{load.COLD_CONNECTIONS}, a new connection per request, for cold runs)",
        "seconds": seconds,
        "dataset": f"{large.conditions:,} conditions, {large.faqs:,} FAQs, 20 mechanisms, "
        f"{large.regions} body regions, en + fr-ca (about 90% translated)",
        "generated_now": generated,
        "notes": [
            "floor: a bare Django view (bench/views.py) returning a constant body of the "
            "endpoint's size through the same server and middleware, in the same run",
            "cold: each run starts after a published change (a body region re-saved: its "
            "conditions stamped, then re-rendered by the publishing process, bench/publisher.py) "
            "and the content version moves every second while every request is a new cache key "
            "(bench/scenarios.py); the other items' representations stay stored, as after any "
            "publish; "
            "(some repeated): the run was fast enough to send a path again before the next "
            "change, so some requests may have found their response cached",
            "first render: every condition rendered once after start-up (nothing stored "
            "fits new code), before the endpoint runs",
            "sequential: a cold run completing under 3 requests is replaced by 2 requests "
            "timed one by one, each right after a change (req/s = 1 / mean latency); the cold "
            f"bundle the same with BENCH_BUNDLE_COLD={BUNDLE_COLD_SAMPLES} samples",
            "304 and changes: no cache on their path, so no cold variant",
        ],
    }


def _say(message: str) -> None:
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
