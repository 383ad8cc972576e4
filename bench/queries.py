"""SQL queries per request, in process: `python -m bench.queries` prints them as JSON.

Runs each endpoint through Django's test client (same settings, middleware,
database and Redis as the served benchmark) inside CaptureQueriesContext:
- render: nothing stored (as after a deploy), right after a published change;
- cold: right after a published change (bench.publisher's, made here in
  process), the response not cached, the representations stored (a request
  for the same items under another cache key stored them first);
- warm: the repetition.
The list is also counted at several page sizes, cold, to show the count does
not grow with the page.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

import django


def main() -> None:
    django.setup()
    from django.conf import settings
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    try:
        from api.caching.store import forget_local_copies
    except ImportError:  # a commit before api/caching/ (bench.compare runs this module there)
        from api.stores import forget_local_copies  # type: ignore[import-not-found,no-redef]
    from bench.scenarios import ENDPOINTS, LIST
    from content.models import BodyRegion, Condition
    from content.services import taxonomy_save

    # What a request sends: nothing rendered for it by the publishing process first.
    settings.WARM_AFTER_PUBLISH = 0
    client = Client()
    region = BodyRegion.objects.order_by("position", "slug").first()
    slug = (
        Condition.objects.published().order_by("position", "slug").values_list("slug", flat=True)[0]
    )
    arguments = ArgumentParser(prog="bench.queries")
    arguments.add_argument("--skip", default="", help="Endpoints not counted, comma-separated.")
    arguments.add_argument("--page-sizes", action="store_true", help="Also the list at 1, 20, 100.")
    options = arguments.parse_args()
    skip = set(options.skip.split(","))

    def count(path: str, headers: dict[str, str] | None = None) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path, headers=headers or {})
        assert response.status_code in (200, 304), (path, response.status_code)
        return len(captured)

    def publish(*, forget_everything: bool = False) -> None:
        assert region is not None
        if forget_everything:
            cache.clear()  # the benchmark's own Redis database
            forget_local_copies()
        taxonomy_save(term=region, by=None)

    def cold(path: str, headers: dict[str, str]) -> int:
        publish()
        # Another cache key for the same items: renders what the change touched.
        client.get(path + ("&" if "?" in path else "?") + "lang=en", headers=headers)
        return count(path, headers)

    counts: dict[str, Any] = {}
    for endpoint in ENDPOINTS:
        if endpoint.name in skip:
            continue
        path = endpoint.path.format(slug=slug)
        headers: dict[str, str] = {}
        publish()
        if endpoint.revalidate:
            headers = {"If-None-Match": client.get(path)["ETag"]}
            counts[endpoint.name] = {"cold": count(path, headers), "warm": count(path, headers)}
            continue
        publish(forget_everything=True)
        rendered = count(path, headers)
        counts[endpoint.name] = {
            "render": rendered, "cold": cold(path, headers), "warm": count(path, headers)
        }  # fmt: skip
    if options.page_sizes:
        by_limit = {}
        for limit in (1, 20, 100):
            by_limit[str(limit)] = cold(LIST.replace("limit=20", f"limit={limit}"), {})
        counts["list-by-page-size-cold"] = by_limit
    print(json.dumps(counts))


if __name__ == "__main__":
    main()
