"""A stand-in editor: `python -m bench.publisher` publishes a change on each input line.

`region` re-saves the first body region through content.services, as an
editor would: the content version moves (every cached response of the older
version becomes unreachable), the region's conditions are stamped anew and,
once the change commits, this process runs the task that renders them again for
readers (api/caching/warming.py), as a worker does after a publish. `version`
re-saves a body region no condition is in: the content version moves and
nothing is re-rendered; the benchmark sends it every second during a cold run
so that each response is built again, without making the server share the
cores with an editor re-rendering a hundred conditions every second. `item`
saves the first condition unchanged, as an editor saving a live item (its
revision goes up), and leaves the tasks it enqueued to a worker process
(bench.edge). Each line is answered with the new version token and the seconds
the change took.
"""

from __future__ import annotations

import sys
import time

import django

EMPTY_REGION = "bench-no-conditions"


def main() -> None:
    django.setup()
    from django.core.management import call_command

    from content.models import BodyRegion, Condition
    from content.services import content_save, taxonomy_save
    from content.versions import current

    region = (
        BodyRegion.objects.filter(conditions__isnull=False).order_by("position", "slug").first()
    )
    if region is None:
        raise SystemExit("no body region with conditions to re-save")
    empty = BodyRegion.objects.filter(slug=EMPTY_REGION).first() or BodyRegion(
        slug=EMPTY_REGION, name="Benchmark (no conditions)"
    )
    taxonomy_save(term=empty, by=None)
    regions = {"region": region, "version": empty}
    # The first line: how many conditions a `region` change stamps.
    print("ready", region.conditions.count(), flush=True)
    for line in sys.stdin:
        started = time.perf_counter()
        if line.strip() == "item":
            first = Condition.objects.filter(status="published").order_by("position", "slug")
            content_save(item=first[0], by=None)
        else:
            taxonomy_save(term=regions[line.strip()], by=None)
            # The worker's part: what the change enqueued (warming), then no more.
            call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        print(current().token, round(time.perf_counter() - started, 3), flush=True)


if __name__ == "__main__":
    main()
