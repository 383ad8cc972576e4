"""Function calls per cold request, in process: `python -m bench.profile_cold`.

Timings on a 2-core machine move twofold from one process to the next; the
number of Python function calls a request makes does not. This counts them
with cProfile, for the two cold reads `make bench` measures, as they meet a
request right after a published change:
- the tree's app, through Django's test client, with the bench's settings and
  environment (bench.run.ENV) on the large data set (`make bench` generates
  it) and Redis database 13, under a cache key prefix of its own;
- after a published change, the details of the first `--requests` conditions
  and as many plain list pages (`?limit=20&offset=N`) are each requested once,
  compressed as wrk asks (bench.load.BROWSER_HEADERS): their representations
  stored, and kept in this process's copies; code and connections warm;
- each request between the two calls of close_old_connections() a server
  makes (Django's request_started and request_finished signals; the test
  client leaves them out): persistent connections are health-checked;
- the content version moves (a body region no condition is in is re-saved, as
  bench.publisher's `version` does), and the same requests are profiled: each
  misses the response cache and is built from stored representations; after
  another change, they run again with every call counted against the
  innermost function of config/, web/, api/ or content/ running at the time
  (what each part of the project costs, the framework calls it makes
  included);
- one more change, and the same requests timed without the profiler (noisy).

The process keeps the content version it read for an hour
(CONTENT_VERSION_LOCAL_SECONDS; a change made here is seen at once): in the
bench it reads it once a second, about once in three hundred requests, and a
count that depends on the clock would not repeat.

`--save PREFIX` writes PREFIX-{detail,list}.prof (cProfile's) and .json (the
calls by project function). `--compare BEFORE AFTER`, two such prefixes from
two trees (copy this file into the other tree's bench/, as bench.compare
copies the package), prints the calls a request of each and the project
functions, functions and modules whose calls a request differ most.
Functions are matched across trees by file (relative to its tree or to
site-packages) and name, not by line.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import re
import sys
import time
from argparse import ArgumentParser
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("detail", "list")
PROJECT = ("config", "web", "api", "content")
OUTSIDE = "(outside the project's functions)"
# bench.run.ENV, but for the prefix (not to meet the bench's entries) and the
# version's local copy (see above).
ENV = {
    "DJANGO_SETTINGS_MODULE": "bench.settings",
    "SECRET_KEY": "bench-only-secret-key-not-for-production-use-0123456789",
    "DEBUG": "false",
    "REDIS_URL": "redis://127.0.0.1:6379/13",
    "CACHE_KEY_PREFIX": "ims-profile",
    "ALLOWED_HOSTS": "127.0.0.1,testserver",
    "API_RATE_ANONYMOUS": "0",
    "LOG_LEVEL": "WARNING",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/ims_bench_large",
    "CONTENT_VERSION_LOCAL_SECONDS": "3600",
}
HEADERS = {"Accept-Encoding": "gzip, deflate, br"}
Key = tuple[str, str]  # (file, function)
# A built-in's name in a profile can hold its address: `<function f at 0x7f…>`.
ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def say(what: str) -> None:
    print(f"[profile_cold {time.strftime('%H:%M:%S')}] {what}", file=sys.stderr, flush=True)


def measure(requests: int, save: str | None) -> None:
    for name, value in ENV.items():
        os.environ.setdefault(name, value)
    import django

    django.setup()
    from django.db import close_old_connections
    from django.test import Client

    from content.models import BodyRegion, Condition
    from content.services import taxonomy_save

    client = Client(headers=HEADERS)
    slugs = list(
        Condition.objects.published().order_by("position", "slug").values_list("slug", flat=True)
    )[:requests]
    paths = {
        "detail": [f"/api/v1/conditions/{slug}/" for slug in slugs],
        "list": [f"/api/v1/conditions/?limit=20&offset={n}" for n in range(requests)],
    }
    empty = BodyRegion.objects.filter(slug="bench-no-conditions").first() or BodyRegion(
        slug="bench-no-conditions", name="Benchmark (no conditions)"
    )

    def publish() -> None:
        taxonomy_save(term=empty, by=None)

    def answer_all(kind: str) -> Callable[[], None]:
        def run() -> None:
            for path in paths[kind]:
                # What a server's request_started and request_finished do, and the
                # test client does not: a persistent connection's health check.
                close_old_connections()
                response = client.get(path)
                close_old_connections()
                assert response.status_code == 200, (path, response.status_code)

        return run

    say(f"warming: {len(slugs)} details and {requests} list pages, once each")
    # Under a new version, so that each runs its view and this process keeps the
    # representations it reads (a response stored by an earlier run would not).
    publish()
    for kind in KINDS:
        answer_all(kind)()
    totals = {}
    for kind in KINDS:
        publish()
        say(f"profiling {requests} cold {kind} requests")
        profile = cProfile.Profile()
        profile.runcall(answer_all(kind))
        stats = pstats.Stats(profile)
        totals[kind] = stats.total_calls  # type: ignore[attr-defined]
        if save:
            stats.dump_stats(f"{save}-{kind}.prof")
        publish()
        say(f"attributing the calls of {requests} cold {kind} requests to project functions")
        made_by = attribute(answer_all(kind))
        if save:
            saved = {"requests": requests, "made_by": made_by}
            Path(f"{save}-{kind}.json").write_text(json.dumps(saved, indent=0, sort_keys=True))
    for kind in KINDS:
        publish()
        say(f"timing {requests} cold {kind} requests without the profiler")
        started = time.perf_counter()
        answer_all(kind)()
        milliseconds = (time.perf_counter() - started) * 1000 / requests
        print(
            f"cold {kind}: {totals[kind] / requests:,.0f} calls a request; "
            f"{milliseconds:.2f} ms a request unprofiled (noisy)"
        )


def attribute(run: Callable[[], None]) -> dict[str, int]:
    """Run `run` and count every function call it makes (Python's and built-in)
    against the innermost function of this tree's config/, web/, api/ or
    content/ running at the time, by `file:function`: what each part of the
    project costs, framework calls included. Calls outside any of them (Django's
    handler, DRF's dispatch, the test client) count against OUTSIDE."""
    counts: dict[str, int] = defaultdict(int)
    stack = [OUTSIDE]
    names: dict[Any, str | None] = {}

    def project_name(code: Any) -> str | None:
        if code not in names:
            path = Path(code.co_filename)
            inside = ROOT in path.parents and path.relative_to(ROOT).parts[0] in PROJECT
            names[code] = f"{path.relative_to(ROOT)}:{code.co_name}" if inside else None
        return names[code]

    def trace(frame: Any, event: str, arg: Any) -> None:
        if event == "c_call":
            counts[stack[-1]] += 1
        elif event == "call":
            counts[stack[-1]] += 1
            name = project_name(frame.f_code)
            if name is not None:
                stack.append(name)
        elif event == "return" and project_name(frame.f_code) is not None:
            stack.pop()

    sys.setprofile(trace)
    try:
        run()
    finally:
        sys.setprofile(None)
    return dict(counts)


def by_function(path: str, requests: int) -> dict[Key, tuple[float, float]]:
    """(calls, cumulative seconds) per request of each function in the profile at `path`."""
    stats = pstats.Stats(path)
    merged: dict[Key, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for (filename, _, name), row in stats.stats.items():  # type: ignore[attr-defined]
        calls, cumulative = row[1], row[3]
        entry = merged[(_short(filename), ADDRESS.sub("", name))]
        entry[0] += calls / requests
        entry[1] += cumulative / requests
    return {key: (calls, cumulative) for key, (calls, cumulative) in merged.items()}


def _short(filename: str) -> str:
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1]
    parts = Path(filename).parts
    tops = [i for i, part in enumerate(parts) if part in (*PROJECT, "bench")]
    return str(Path(*parts[tops[0] :])) if tops else filename


def compare(before: str, after: str, top: int) -> None:
    for kind in KINDS:
        prefixes = (before, after)
        saved = [json.loads(Path(f"{prefix}-{kind}.json").read_text()) for prefix in prefixes]
        old, new = (
            by_function(f"{prefix}-{kind}.prof", data["requests"])
            for prefix, data in zip(prefixes, saved, strict=True)
        )
        old_total, new_total = (sum(c for c, _ in rows.values()) for rows in (old, new))
        print(f"\n## cold {kind}: calls a request")
        print(f"{before}: {old_total:,.0f}  {after}: {new_total:,.0f}  ", end="")
        print(f"difference {new_total - old_total:+,.0f} ({new_total / old_total - 1:+.1%})")
        made_old, made_new = (
            {(name, ""): calls / data["requests"] for name, calls in data["made_by"].items()}
            for data in saved
        )
        _table(
            "calls made under each project function, framework calls included",
            _differences(made_old, made_new, lambda calls: calls),
            top,
        )
        _table("functions, by their own calls", _differences(old, new, lambda row: row[0]), top)
        modules_old, modules_new = _by_module(old), _by_module(new)
        _table(
            "modules, by their functions' calls",
            _differences(modules_old, modules_new, lambda row: row[0]),
            top,
        )


def _by_module(rows: dict[Key, tuple[float, float]]) -> dict[Key, tuple[float, float]]:
    modules: dict[Key, tuple[float, float]] = {}
    for (filename, _), (calls, cumulative) in rows.items():
        total = modules.get((filename, ""), (0.0, 0.0))
        modules[(filename, "")] = (total[0] + calls, total[1] + cumulative)
    return modules


def _differences(
    old: dict[Key, Any], new: dict[Key, Any], value: Callable[[Any], float]
) -> list[tuple[float, float, float, Key]]:
    rows = []
    for key in old.keys() | new.keys():
        before = value(old[key]) if key in old else 0.0
        after = value(new[key]) if key in new else 0.0
        if before != after:
            rows.append((after - before, before, after, key))
    return sorted(rows, key=lambda row: -abs(row[0]))


def _table(title: str, rows: list[tuple[float, float, float, Key]], top: int) -> None:
    print(f"\n{title}, a request (after - before):")
    for difference, before, after, (filename, name) in rows[:top]:
        where = f"{filename}:{name}" if name else filename
        print(f"  {difference:+10,.1f}  ({before:,.1f} -> {after:,.1f})  {where}")


def main() -> None:
    arguments = ArgumentParser(prog="bench.profile_cold", description=__doc__.split("\n")[0])
    arguments.add_argument("--requests", type=int, default=300, help="Of each kind (300).")
    arguments.add_argument(
        "--save", metavar="PREFIX", help="Write PREFIX-{detail,list}.prof and .json."
    )
    arguments.add_argument("--compare", nargs=2, metavar=("BEFORE", "AFTER"))
    arguments.add_argument("--top", type=int, default=25, help="Rows per table (25).")
    options = arguments.parse_args()
    if options.compare:
        before, after = options.compare
        compare(before, after, top=options.top)
    else:
        measure(options.requests, options.save)


if __name__ == "__main__":
    main()
