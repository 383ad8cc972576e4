"""`make bench BENCH_REF=<git ref>`: that commit against this tree, in one run.

The ref is checked out into a temporary worktree (`git worktree add --detach
/tmp/bench-ref-<sha>`), removed at the end whatever happens. Both trees are
measured back to back by this tree's driver, on the same data set and
machine, under the production server: first render, every endpoint (warm,
cold, floor, warm without Accept-Encoding), memory and query counts
(bench.run.measure_app); the scaling runs and the other servers are left out.
The ref's tree goes first, then this one.

Each application runs from its own tree, with its own manage.py, settings
and code, in the same environment; settings one tree does not know
(API_LOCAL_CACHE_MB, API_LOCAL_RESPONSES_MB, ...) are left at their defaults in
both. What the driver starts inside an application's process (the floor view
and its URLconf and settings, the publisher, the query counter) is this
tree's bench/ package, copied over the ref's own in the temporary worktree:
both applications are then measured against the same floor, publisher and
counter, with nothing to install and no path juggling (`python -m bench.x`
and gunicorn import `bench` from the application's tree). Those modules use
only what both trees have (config.settings and config.urls, content's models
and services, the response cache's forget function under either name).

The ref's migrations run on the data sets before it is served: a no-op for an
older commit of the same schema; a ref with migrations this tree lacks would
change the shared databases for both (the data set tag does not know them).

Writes reports/bench/compare.json and compare.md and prints the before/after table.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bench import databases, report
from bench.scenarios import ENDPOINTS
from bench.session import REPORTS, ROOT, App, say

if TYPE_CHECKING:
    from bench.run import Options

Results = dict[str, Any]


def main(options: Options, generated: dict[str, bool], started: float) -> None:
    from bench import run

    sha = _git("rev-parse", "--verify", f"{options.ref}^{{commit}}", cwd=ROOT)
    head = _git("rev-parse", "--short", "HEAD", cwd=ROOT)
    changed = bool(_git("status", "--porcelain", "--untracked-files=no", cwd=ROOT))
    current = App(f"current tree ({head}{' + uncommitted changes' if changed else ''})")
    meta = run.meta(options, generated)
    meta["notes"].append(
        "before/after: the ref's tree measured first, then the current tree, back to back, "
        "by the current tree's driver (bench/compare.py)"
    )
    sides: dict[str, Results] = {}
    with checked_out(sha) as root:
        before = App(f"ref {options.ref} ({sha[:9]})", root)
        datasets = (databases.SMALL,) if options.small_only else (databases.LARGE, databases.SMALL)
        for dataset in datasets:
            say(f"migrating {dataset.database} with {before.label}'s migrations")
            env = run.app_env(before, dataset) | {"DJANGO_SETTINGS_MODULE": "config.settings"}
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--no-input", "-v0"], cwd=root, env=env,
                check=True,
            )  # fmt: skip
        for side, app in (("before", before), ("after", current)):
            say(f"{side}: {app.label}")
            results = {"meta": meta | {"tree": app.label}} | run.measure_app(app, options)
            results["targets"] = report.targets(results)
            sides[side] = results
    comparison = {
        "meta": meta | {"wall_seconds": round(time.monotonic() - started)},
        "before": sides["before"],
        "after": sides["after"],
    }
    print(write(comparison, REPORTS))
    say(f"written to {REPORTS.relative_to(ROOT)}/compare.json and compare.md")


@contextmanager
def checked_out(sha: str) -> Iterator[Path]:
    """`sha` in a temporary worktree with this tree's bench/ package; removed afterwards."""
    path = Path(tempfile.gettempdir()) / f"bench-ref-{sha[:12]}"
    if path.exists():  # left by an interrupted run
        _remove(path)
    say(f"checking out {sha[:9]} into {path}")
    _git("worktree", "add", "--detach", str(path), sha, cwd=ROOT)
    try:
        shutil.rmtree(path / "bench", ignore_errors=True)
        shutil.copytree(
            ROOT / "bench", path / "bench", ignore=shutil.ignore_patterns("__pycache__")
        )
        yield path
    finally:
        say(f"removing {path}")
        _remove(path)


def _remove(path: Path) -> None:
    done = subprocess.run(
        ["git", "worktree", "remove", "--force", str(path)], cwd=ROOT, capture_output=True
    )
    if done.returncode:  # not a registered worktree (any more): a plain directory
        shutil.rmtree(path, ignore_errors=True)
        subprocess.run(["git", "worktree", "prune"], cwd=ROOT, check=True)


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"git {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def rows(before: Results, after: Results) -> list[dict[str, Any]]:
    """One row per run measured in both: req/s, p50 and p99 before and after, and
    each against its floor."""
    table = []
    for endpoint in ENDPOINTS:
        old, new = before["endpoints"].get(endpoint.name), after["endpoints"].get(endpoint.name)
        if not old or not new:
            continue
        runs = [("warm", "warm", "floor"), ("cold", "cold", "floor")]
        runs.append(("warm, no Accept-Encoding", "identity.warm", "identity.floor"))
        for label, key, floor_key in runs:
            old_run, new_run = _get(old, key), _get(new, key)
            if not old_run or not new_run:
                continue
            table.append({
                "run": f"{endpoint.label}: {label}",
                "before": old_run, "after": new_run,
                "floor_before": _get(old, floor_key), "floor_after": _get(new, floor_key),
                "rps_factor": _factor(new_run["rps"], old_run["rps"]),
                "p99_factor": _factor(new_run["p99_ms"], old_run["p99_ms"]),
            })  # fmt: skip
    return table


def _get(row: dict[str, Any], key: str) -> dict[str, Any] | None:
    value: Any = row
    for part in key.split("."):
        value = value.get(part) if value else None
    return value or None


def _factor(new: float, old: float) -> float | None:
    return round(new / old, 2) if old else None


def markdown(comparison: Results, *, full: bool = True) -> str:
    """The before/after tables; `full`: each side's own report after them."""
    meta, before, after = comparison["meta"], comparison["before"], comparison["after"]
    lines = [
        f"## `make bench BENCH_REF` — {meta['date']}",
        "",
        f"Before: {before['meta']['tree']}. After: {after['meta']['tree']}. Measured back to "
        f"back, {meta['seconds']:g} s per run, {meta['wall_seconds']} s in all; data: "
        f"{meta['dataset']}; server: {meta['server']}; load: {meta['load']}.",
        "",
        "| run | req/s before | req/s after | after ÷ before | p50 ms before → after "
        "| p99 ms before → after | ÷ floor before → after |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for row in rows(before, after):
        old, new = row["before"], row["after"]
        lines.append(
            f"| {row['run']} | {report.rps(old)} | {report.rps(new)} "
            f"| {report.num(row['rps_factor'])} | {old['p50_ms']:g} → {new['p50_ms']:g} "
            f"| {old['p99_ms']:g} → {new['p99_ms']:g} "
            f"| {report.num(report.ratio(old, row['floor_before']))} → "
            f"{report.num(report.ratio(new, row['floor_after']))} |"
        )
    lines += ["", *_queries(before, after), "", *_others(before, after), ""]
    if full:
        lines += [f"# Before: {before['meta']['tree']}", "", report.markdown(before)]
        lines += [f"# After: {after['meta']['tree']}", "", report.markdown(after)]
    return "\n".join(lines)


def _queries(before: Results, after: Results) -> list[str]:
    lines = [
        "| queries per request | render before → after | cold before → after "
        "| warm before → after |",
        "| --- | ---: | ---: | ---: |",
    ]
    for endpoint in ENDPOINTS:
        old = before.get("queries", {}).get(endpoint.name, {})
        new = after.get("queries", {}).get(endpoint.name, {})
        cells = [f"{old.get(k, '-')} → {new.get(k, '-')}" for k in ("render", "cold", "warm")]
        small = " (200-item set)" if new.get("set") == "small" else ""
        lines.append(f"| {endpoint.label}{small} | " + " | ".join(cells) + " |")
    return lines


def _others(before: Results, after: Results) -> list[str]:
    def largest(values: list[float]) -> str:
        return f"{max(values):g}" if values else "-"

    old, new = before["memory"], after["memory"]
    memory = [
        ("worker RSS at start, largest (MB)", old["rss_mb"]["start"], new["rss_mb"]["start"]),
        ("after the endpoint runs", old["rss_mb"]["after_runs"], new["rss_mb"]["after_runs"]),
        ("fresh workers", old["rss_mb"].get("fresh", []), new["rss_mb"].get("fresh", [])),
        (
            "after the memory pages (fresh workers)",
            old["rss_after_pages_mb"],
            new["rss_after_pages_mb"],
        ),
    ]
    lines = ["| | before | after |", "| --- | ---: | ---: |"]
    lines += [f"| {name} | {largest(a)} | {largest(b)} |" for name, a, b in memory]
    lines.append(f"| memory pages (s) | {old['seconds']} | {new['seconds']} |")
    lines.append(
        f"| first render (s) | {before['first_render']['seconds']} "
        f"| {after['first_render']['seconds']} |"
    )
    lines.append(
        f"| a published change, publisher (s, median) | {before['publish']['median_seconds']} "
        f"| {after['publish']['median_seconds']} |"
    )
    return lines


def write(comparison: Results, directory: Path) -> str:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "compare.json").write_text(json.dumps(comparison, indent=2) + "\n")
    (directory / "compare.md").write_text(markdown(comparison))
    return markdown(comparison, full=False)


if __name__ == "__main__":
    # Re-render compare.md from compare.json.
    stored = json.loads((REPORTS / "compare.json").read_text())
    print(write(stored, REPORTS))
