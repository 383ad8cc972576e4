"""The endpoints measured, and how each is made warm or cold.

Warm: one path, requested over and over after one priming request, so the
response comes from the response cache (per-process copy, then Redis).

Cold: every request misses the response cache, as after a publish. Each
cold run starts right after a published change (bench.publisher re-saves a
body region: the content version, which keys every response, moves, and the
region's conditions are stamped anew and, once it commits, rendered again by
the publishing process, as the admin's does), and the publisher moves the
content version again every second during the run (every 0.1 s for the
200-item set's ten list pages) with a change that re-renders nothing, while
wrk cycles through paths that are each a new cache key. Stored
representations serve, as after any real publish (bench.run renders them
all once first, and times that; it also times the publishing change):
- list: a page at a new `offset` per request (every offset, not only multiples
  of the page size: a fast cold run would otherwise come round to a page
  again before the next change and find its response cached; bench.run marks
  a run where that was possible);
- detail: a new condition per request;
- search: the same words followed by a different number of spaces, which the
  search ignores but the cache key does not (search stores no representations).
The 304 and the changes feed read no cache (the 304 needs only the content
version; the feed is not cached), so they have no cold variant. The cold
bundle renders every item: it is timed request by request (bench.run).
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.load import Load

LIST = "/api/v1/conditions/?limit=20&expand=mechanisms"
PLAIN_LIST = "/api/v1/conditions/?limit=20"
PAGE = 20


@dataclass(frozen=True)
class Context:
    """What the cold paths are made of: the dataset's condition slugs, in list order."""

    slugs: tuple[str, ...]


@dataclass(frozen=True)
class Endpoint:
    name: str
    label: str
    path: str
    cold: str  # "pages", "items", "spaces", "sequential" or "" (no cache on the path)
    revalidate: bool = False

    def warm_load(self, context: Context, etag: str = "") -> Load:
        headers = {"If-None-Match": etag} if self.revalidate else {}
        return Load(paths=(self.path.format(slug=context.slugs[0]),), headers=headers)

    def cold_load(
        self, context: Context, *, pages: int | None = None, aligned: bool = False
    ) -> Load | None:
        """Paths that are each a new cache key; lists: the first `pages` pages'
        items, at every offset (`aligned`: at multiples of the page size)."""
        if self.cold == "pages":
            items = min((pages or len(context.slugs)) * PAGE, len(context.slugs))
            offsets = range(0, items - PAGE + 1, PAGE if aligned else 1)
            return Load(paths=tuple(f"{self.path}&offset={n}" for n in offsets))
        if self.cold == "items":
            return Load(paths=tuple(self.path.format(slug=slug) for slug in context.slugs))
        if self.cold == "spaces":
            return Load(paths=tuple(self.path + "%20" * n for n in range(180)))
        return None


ENDPOINTS = (
    Endpoint("list", "condition list (20, expand=mechanisms)", LIST, cold="pages"),
    Endpoint("list-plain", "condition list (20, no expand)", PLAIN_LIST, cold="pages"),
    Endpoint("detail", "condition detail", "/api/v1/conditions/{slug}/", cold="items"),
    Endpoint("search-common", "search `q=pain`", "/api/v1/search/?q=pain", cold="spaces"),
    Endpoint(
        "search-typo", "search `q=tendonitiss`", "/api/v1/search/?q=tendonitiss", cold="spaces"
    ),
    Endpoint("not-modified", "304 revalidation (list ETag)", LIST, cold="", revalidate=True),
    Endpoint("bundle", "bundle", "/api/v1/bundle/", cold="sequential"),
    Endpoint("changes", "changes feed (first page)", "/api/v1/changes/", cold=""),
)
BY_NAME = {endpoint.name: endpoint for endpoint in ENDPOINTS}
