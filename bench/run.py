"""`make bench`: python -m bench.run.

1. Makes sure the generated databases exist (bench.databases; cached).
2. Serves the large one under the production server (gunicorn sync) with
   bench.settings: production settings plus the floor view.
3. Renders every condition's representation once (timed: the first render),
   as publishing leaves them stored; then for each endpoint: a warm run, a
   cold run (bench.scenarios) and a run of the floor view answering as many
   bytes, all with the same server, middleware and wrk settings, all asking
   for a compressed response as browsers do (the floor's body compressed
   the same way); the main endpoints' warm runs again without
   Accept-Encoding; then the memory scenario (bench.scenarios.memory_paths)
   and each worker's resident memory; then SQL queries per request
   (bench.queries).
4. List and search again on a 200-condition database, for how they scale.
5. A few key runs under each application server (bench.servers).
6. The edge row: warm list and detail through Varnish against nginx serving the
   same bytes as static files, an image rendition from the app, Varnish and nginx,
   and the time from a publish to the edge serving it (bench.edge; skipped, saying
   so, without Varnish and nginx).
7. Writes reports/bench/results.json and results.md and prints the table.

With BENCH_REF=<git ref>, steps 2, 3 and the query counts run for that commit
and then for this tree, and a before/after table is written instead
(bench.compare).

Environment:
- BENCH_DURATION: seconds per wrk run (default 5; 1 in smoke mode);
- BENCH_DATA=small: every run on the 200-condition database (no scaling runs);
- BENCH_SERVERS: the servers compared, comma-separated (default all of them);
- BENCH_SMOKE=1: a quick check that everything works: BENCH_DURATION=1,
  BENCH_DATA=small and the production server only, unless set otherwise;
- BENCH_FRESH=1, BENCH_BUNDLE_COLD=N: see bench.databases and measure_endpoint;
- BENCH_REF: compare with that commit (bench.compare).
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from bench import databases, edge, load, report
from bench.scenarios import BY_NAME, ENDPOINTS, Endpoint, memory_paths
from bench.servers import PRODUCTION, SERVERS, Server, free_port
from bench.session import CURRENT, REPORTS, ROOT, App, Bench, say, session

REDIS_DB = 13
# A cold bundle renders every item (minutes on the large set): skipped unless asked for.
BUNDLE_COLD_SAMPLES = int(os.environ.get("BENCH_BUNDLE_COLD", "0"))
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
MEMORY_TARGET_MB = 200


@dataclass(frozen=True)
class Options:
    seconds: float
    dataset: databases.Dataset
    servers: tuple[Server, ...]
    ref: str

    @classmethod
    def from_environment(cls) -> Options:
        smoke = os.environ.get("BENCH_SMOKE", "") not in ("", "0", "false")
        seconds = float(os.environ.get("BENCH_DURATION") or (1 if smoke else 5))
        data = os.environ.get("BENCH_DATA") or ("small" if smoke else "large")
        if data not in ("small", "large"):
            raise SystemExit(f"BENCH_DATA={data}: small or large")
        names = os.environ.get("BENCH_SERVERS") or (PRODUCTION.name if smoke else ",".join(SERVERS))
        unknown = set(names.split(",")) - set(SERVERS)
        if unknown:
            raise SystemExit(f"BENCH_SERVERS: unknown {', '.join(sorted(unknown))}")
        servers = (PRODUCTION, *(SERVERS[n] for n in names.split(",") if n != PRODUCTION.name))
        dataset = databases.SMALL if data == "small" else databases.LARGE
        return cls(seconds, dataset, servers, os.environ.get("BENCH_REF", ""))

    @property
    def small_only(self) -> bool:
        return self.dataset is databases.SMALL


def main() -> None:
    if shutil.which(load.WRK) is None:
        raise SystemExit("wrk is not installed (make wrk)")
    options = Options.from_environment()
    started = time.monotonic()
    generated = prepare_databases(options)
    if options.ref:
        from bench import compare

        compare.main(options, generated, started)
        return
    results: dict[str, Any] = {"meta": meta(options, generated)}
    results |= measure_app(CURRENT, options)
    if not options.small_only:
        small_env = app_env(CURRENT, databases.SMALL)
        with session(CURRENT, PRODUCTION, small_env, options.seconds) as bench:
            small_scaling = scaling_runs(bench)
        large_scaling = {
            name: {key: results["endpoints"][name][key] for key in ("warm", "cold")}
            for name in SCALED
        }
        results["scaling"] = compare_sizes(small_scaling, large_scaling)
    for server in options.servers[1:]:
        env = app_env(CURRENT, options.dataset)
        with session(CURRENT, server, env, options.seconds) as bench:
            results["servers"][server.name] = server_runs(bench, server, None)
    results["meta"]["fastest_server"] = _fastest(results["servers"])
    results["edge"] = edge_runs(options)
    results["targets"] = report.targets(results)
    results["meta"]["wall_seconds"] = round(time.monotonic() - started)
    print(report.write(results, REPORTS))
    say(f"written to {REPORTS.relative_to(ROOT)}/results.json and results.md")


def edge_runs(options: Options) -> dict[str, Any] | None:
    """bench.edge under the production server, the app purging Varnish after changes."""
    if not edge.available():
        say("edge: skipped, Varnish or nginx is missing (make bench-tools installs them)")
        return None
    port = free_port()
    media = REPORTS / "media"
    media_path = edge.rendition(media)
    env = app_env(CURRENT, options.dataset) | edge.app_settings(port, media)
    with session(CURRENT, PRODUCTION, env, options.seconds) as bench:
        return edge.measure(bench, port, env, media_path)


def prepare_databases(options: Options) -> dict[str, bool]:
    """The data sets the runs need, generated if missing or stale; which were generated now."""
    fresh = databases.fresh_requested()
    env = {**os.environ, **ENV}
    generated = {}
    needed = (databases.SMALL,) if options.small_only else (databases.LARGE, databases.SMALL)
    for dataset in needed:
        say(f"database {dataset.database}: checking (generated if missing: minutes)")
        generated[dataset.database] = databases.ensure(dataset, env=env, fresh=fresh)
    return generated


def app_env(app: App, dataset: databases.Dataset) -> dict[str, str]:
    """The environment `app`'s server, publisher and query counts run with. Each tree
    has its own cache key prefix (bench.compare runs two on the same Redis)."""
    prefix = ENV["CACHE_KEY_PREFIX"] if app.root == ROOT else f"{ENV['CACHE_KEY_PREFIX']}-ref"
    return {**os.environ, **ENV, "CACHE_KEY_PREFIX": prefix, "DATABASE_URL": dataset.url}


def measure_app(app: App, options: Options) -> dict[str, Any]:
    """Everything measured on one tree under the production server: first render,
    every endpoint, memory, publishing; then the query counts."""
    _flush_redis()
    env = app_env(app, options.dataset)
    results: dict[str, Any] = {"endpoints": {}}
    with session(app, PRODUCTION, env, options.seconds) as bench:
        rss = {"start": bench.server.workers_rss_mb()}
        results["first_render"] = first_render(bench)
        for endpoint in ENDPOINTS:
            results["endpoints"][endpoint.name] = measure_endpoint(bench, endpoint)
        rss["after_runs"] = bench.server.workers_rss_mb()
        results["servers"] = {PRODUCTION.name: server_runs(bench, PRODUCTION, results)}
        published = sorted(bench.publisher.region_seconds)
        results["publish"] = {
            "conditions": bench.publisher.stamped,
            "changes": len(published),
            "median_seconds": published[len(published) // 2],
        }
    # On fresh workers with the default settings: what the pages cost, not what
    # the endpoint runs before them (the bundle's 133 MB among them) left behind.
    with session(app, PRODUCTION, env, options.seconds) as bench:
        rss["fresh"] = bench.server.workers_rss_mb()
        results["memory"] = memory(bench) | {"rss_mb": rss, "target_mb": MEMORY_TARGET_MB}
    results |= query_counts(app, options)
    return results


def query_counts(app: App, options: Options) -> dict[str, Any]:
    """Queries per request; the bundle, the expanded list and the page sizes on
    the small set: the same code path, minutes faster (cold, the large set's
    bundle renders 55,000 items and its expanded list 40 mechanisms of 3,000
    references)."""
    small_env = app_env(app, databases.SMALL)
    if options.small_only:
        counts = count_queries(app, small_env, "--page-sizes")
        return {"queries": counts, "queries_small_set": counts}
    skip = f"--skip={','.join(SMALL_SET_COUNTS)}"
    counts = count_queries(app, app_env(app, databases.LARGE), skip)
    small = count_queries(app, small_env, "--page-sizes")
    for name in (*SMALL_SET_COUNTS, "list-by-page-size-cold"):
        counts[name] = {**small[name], "set": "small"}
    return {"queries": counts, "queries_small_set": small}


def first_render(bench: Bench) -> dict[str, Any]:
    """Every page of conditions and one expanded page, once, two at a time: what a
    deploy (new code, so nothing stored fits) costs before the stored
    representations serve; the cold runs then find unchanged items stored."""
    plain = BY_NAME["list-plain"].cold_load(bench.context, aligned=True)
    assert plain is not None
    paths = (*plain.paths, BY_NAME["list"].path)
    bench.say(f"first render: {len(paths)} pages of conditions, 2 at a time")
    bench.server.wait_idle()
    seconds = _fetch_all(bench, paths)
    items = len(bench.context.slugs)
    say(f"first render: {items} conditions in {seconds:.1f} s")
    return {"conditions": items, "seconds": round(seconds, 1), "per_second": round(items / seconds)}


def _fetch_all(bench: Bench, paths: tuple[str, ...]) -> float:
    """Seconds to get every path once, compressed, COLD_CONNECTIONS at a time; all must be 200."""
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=load.COLD_CONNECTIONS) as pool:
        statuses = list(pool.map(lambda path: bench.get(path, compressed=True)[0], paths))
    seconds = time.perf_counter() - started
    assert set(statuses) == {200}, statuses
    return seconds


def memory(bench: Bench) -> dict[str, Any]:
    """The memory scenario: distinct 100-item pages of three lists, each once;
    then each worker's resident memory."""
    lists = memory_paths(bench.context)
    pages = {name: len(paths) for name, paths in lists.items()}
    bench.say("memory: " + ", ".join(f"{n} pages of {name}" for name, n in pages.items()))
    bench.server.wait_idle()
    seconds = _fetch_all(bench, tuple(path for paths in lists.values() for path in paths))
    after = bench.server.workers_rss_mb()
    say(f"memory: {sum(pages.values())} pages in {seconds:.1f} s; workers' RSS {after} MB")
    return {"pages": pages, "seconds": round(seconds, 1), "rss_after_pages_mb": after}


def measure_endpoint(bench: Bench, endpoint: Endpoint) -> dict[str, Any]:
    name, context = endpoint.name, bench.context
    warm_path = endpoint.warm_load(context).paths[0]
    # Primes the response cache, as it is asked for with and without Accept-Encoding.
    _, body, headers = bench.get(warm_path)
    _, sent, sent_headers = bench.get(warm_path, compressed=True)
    # A 304 has no body to compress: its floor is the plain empty one.
    coding = "" if endpoint.revalidate else sent_headers.get("content-encoding", "")
    size = 0 if endpoint.revalidate else len(body)
    sent_size = 0 if endpoint.revalidate else len(sent)
    warm = bench.wrk(endpoint.warm_load(context, sent_headers.get("etag", "")), f"{name} warm")
    cold: dict[str, Any] | None = None
    cold_load = endpoint.cold_load(context)
    if cold_load is not None:
        cold = bench.wrk(cold_load, f"{name} cold", cold=True)
    elif endpoint.cold == "sequential" and BUNDLE_COLD_SAMPLES:
        bench.say(f"{name} cold: {BUNDLE_COLD_SAMPLES} requests one by one")
        cold = bench.sequential_cold((warm_path,), range(BUNDLE_COLD_SAMPLES))
    floor = bench.floor(sent_size, coding, what=name)
    row = {"name": name, "label": endpoint.label, "path": warm_path, "bytes": size}
    row |= {"bytes_sent": sent_size, "coding": coding or "identity"}
    row |= {"warm": warm, "cold": cold, "floor": floor, "cold_method": endpoint.cold or "none"}
    row |= {"ratio_warm": report.ratio(warm, floor), "ratio_cold": report.ratio(cold, floor)}
    rates = {"warm": warm, "cold": cold, "floor": floor}
    if endpoint.identity:
        identity_load = endpoint.warm_load(context, headers.get("etag", ""))
        identity = bench.wrk(identity_load, f"{name} warm", compressed=False)
        identity_floor = bench.floor(size, what=f"{name}, as it is")
        row |= {"identity": {"warm": identity, "floor": identity_floor}}
        row |= {"ratio_warm_identity": report.ratio(identity, identity_floor)}
        rates |= {"warm (identity)": identity, "floor (identity)": identity_floor}
    say(f"{name}: " + ", ".join(f"{k} {v and v['rps']}/s" for k, v in rates.items()))
    return row


SMALL_SET_COUNTS = ("bundle", "list")
SCALED = {
    "list": "list",
    "search-common": "search `pain`",
    "search-typo": "search `tendonitiss`",
    "search-phrase": "search `shoulder stiffness`",
    "search-list": "search in the FAQ list `q=pain`",
    "suggest": "suggest `ten`",
    "suggest-typo": "suggest `tenis`",
}
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
        bench.get(endpoint.path, compressed=True)
        warm = bench.wrk(endpoint.warm_load(bench.context), f"{name} warm (200-item set)")
        cold_load = endpoint.cold_load(bench.context, pages=SCALING_PAGES)
        assert cold_load is not None
        # Ten pages: publish often enough that most requests find their page cold.
        every = 0.1 if name == "list" else 1.0
        cold = bench.wrk(cold_load, f"{name} cold (200-item set)", cold=True, every=every)
        runs[name] = {"warm": warm, "cold": cold}
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
    _, body, headers = bench.get(listing.path, compressed=True)
    coding = headers.get("content-encoding", "")
    runs = {"floor (list size)": bench.floor(len(body), coding, what="list-plain")}
    runs["list warm"] = bench.wrk(listing.warm_load(bench.context), "list-plain warm")
    list_cold, detail_cold = listing.cold_load(bench.context), detail.cold_load(bench.context)
    assert list_cold is not None
    assert detail_cold is not None
    runs["list cold"] = bench.wrk(list_cold, "list-plain cold", cold=True)
    runs["detail cold"] = bench.wrk(detail_cold, "detail cold", cold=True)
    say(f"{server.name}: " + ", ".join(f"{name} {run['rps']}/s" for name, run in runs.items()))
    return {"description": server.description, "runs": runs}


def count_queries(app: App, env: dict[str, str], *options: str) -> dict[str, Any]:
    database = env["DATABASE_URL"].rsplit("/", 1)[-1]
    say(f"counting queries per request (in process) on {database} · {app.label}")
    output = subprocess.run(
        [sys.executable, "-m", "bench.queries", *options], cwd=app.root, env=env, check=True,
        capture_output=True, text=True,
    ).stdout  # fmt: skip
    counts: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return counts


def _fastest(servers: dict[str, Any]) -> dict[str, str]:
    runs = next(iter(servers.values()))["runs"]
    return {run: max(servers, key=lambda name: servers[name]["runs"][run]["rps"]) for run in runs}


def _flush_redis() -> None:
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()


def meta(options: Options, generated: dict[str, bool]) -> dict[str, Any]:
    data = options.dataset
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores ({platform.processor() or platform.machine()}), "
        f"Python {platform.python_version()}, PostgreSQL and Redis on the same machine",
        "server": PRODUCTION.description,
        "load": f"wrk -t{load.THREADS} -c{load.CONNECTIONS} over loopback "
        f"(-c{load.COLD_CONNECTIONS}, a new connection per request, for cold runs), "
        f"every run with `Accept-Encoding: {load.BROWSER_HEADERS['Accept-Encoding']}` "
        "unless marked identity",
        "seconds": options.seconds,
        "dataset": f"{data.conditions:,} conditions, {data.faqs:,} FAQs, 20 mechanisms, "
        f"{data.regions} body regions, en + fr-ca (about 90% translated)",
        "generated_now": generated,
        "notes": [
            "floor: a bare Django view (bench/views.py) returning a constant body of the "
            "endpoint's size through the same server and middleware, in the same run; for a "
            "compressed response, a body already compressed in the same coding and of the same "
            "compressed size, marked with its Content-Encoding (nothing compressed per request)",
            "cold: each run starts after a published change (a body region re-saved: its "
            "conditions stamped, then re-rendered by the warming task, which bench/publisher.py "
            "runs after the change as a worker would) "
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
            "memory: each worker's VmRSS (/proc/<pid>/status) at start, after the endpoint "
            "runs, and after requesting distinct 100-item pages of the expanded condition list "
            "(en and fr-ca) and of the FAQ list, each once, 2 at a time, compressed",
        ],
    }


if __name__ == "__main__":
    main()
