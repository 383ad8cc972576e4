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
- search and suggest: the same words followed by a different number of spaces,
  which they ignore but the cache key does not (neither stores representations).
The 304 and the changes feed read no cache (the 304 needs only the content
version; the feed is not cached), so they have no cold variant. The cold
bundle renders every item: it is timed request by request (bench.run).

Every run asks for a compressed response, as browsers do
(bench.load.BROWSER_HEADERS); the warm runs of the endpoints marked
`identity` are repeated without Accept-Encoding.

Memory: MEMORY_PAGES distinct 100-item pages of each of three lists (expanded
conditions in English and in French, FAQs), each requested once, after which
each server worker's resident memory is read (bench.run).
"""

from __future__ import annotations

from dataclasses import dataclass

from bench.load import Load

LIST = "/api/v1/conditions/?limit=20&expand=mechanisms"
PLAIN_LIST = "/api/v1/conditions/?limit=20"
PAGE = 20
MEMORY_PAGES = 300
MEMORY_PAGE = 100
MEMORY_LISTS = {
    "conditions": "/api/v1/conditions/?limit=100&expand=mechanisms&offset={offset}",
    "conditions (fr-ca)": (
        "/api/v1/conditions/?limit=100&expand=mechanisms&lang=fr-ca&offset={offset}"
    ),
    "faqs": "/api/v1/faqs/?limit=100&offset={offset}",
}


@dataclass(frozen=True)
class Context:
    """What the cold paths are made of: the dataset's condition slugs, in list
    order, and how many FAQs it publishes."""

    slugs: tuple[str, ...]
    faqs: int = 0


def memory_paths(context: Context) -> dict[str, tuple[str, ...]]:
    """Up to MEMORY_PAGES distinct 100-item pages of each memory list: at
    multiples of 100 while the list is long enough, else at offsets spread
    evenly over it (a 5,000-item list: every 16 or 17 items)."""
    paths = {}
    for name, path in MEMORY_LISTS.items():
        count = context.faqs if name == "faqs" else len(context.slugs)
        last = max(count - MEMORY_PAGE, 0)
        pages = min(MEMORY_PAGES, last + 1)
        if last >= (MEMORY_PAGES - 1) * MEMORY_PAGE:
            offsets = [n * MEMORY_PAGE for n in range(pages)]
        else:
            offsets = [round(n * last / max(pages - 1, 1)) for n in range(pages)]
        paths[name] = tuple(path.format(offset=offset) for offset in offsets)
    return paths


@dataclass(frozen=True)
class Endpoint:
    name: str
    label: str
    path: str
    cold: str  # "pages", "items", "spaces", "sequential" or "" (no cache on the path)
    revalidate: bool = False
    # Also measured warm without Accept-Encoding (and against the floor's plain body).
    identity: bool = False

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
            # Within the longest `q` the endpoint takes (suggest: 100 characters).
            spaces = 90 if "/suggest/" in self.path else 180
            return Load(paths=tuple(self.path + "%20" * n for n in range(spaces)))
        return None


ENDPOINTS = (
    Endpoint("list", "condition list (20, expand=mechanisms)", LIST, cold="pages", identity=True),
    Endpoint("list-plain", "condition list (20, no expand)", PLAIN_LIST, cold="pages"),
    Endpoint(
        "detail", "condition detail", "/api/v1/conditions/{slug}/", cold="items", identity=True
    ),
    Endpoint("search-common", "search `q=pain`", "/api/v1/search/?q=pain", cold="spaces"),
    Endpoint(
        "search-typo", "search `q=tendonitiss`", "/api/v1/search/?q=tendonitiss", cold="spaces"
    ),
    Endpoint(
        "search-phrase",
        "search `q=shoulder stiffness`",
        "/api/v1/search/?q=shoulder%20stiffness",
        cold="spaces",
    ),
    Endpoint("search-list", "FAQ list `q=pain` (ranked)", "/api/v1/faqs/?q=pain", cold="spaces"),
    Endpoint("suggest", "suggest `q=ten`", "/api/v1/suggest/?q=ten", cold="spaces"),
    Endpoint("suggest-typo", "suggest `q=tenis`", "/api/v1/suggest/?q=tenis", cold="spaces"),
    Endpoint(
        "not-modified",
        "304 revalidation (list ETag)",
        LIST,
        cold="",
        revalidate=True,
        identity=True,
    ),
    Endpoint("bundle", "bundle", "/api/v1/bundle/", cold="sequential", identity=True),
    Endpoint("changes", "changes feed (first page)", "/api/v1/changes/", cold=""),
)
BY_NAME = {endpoint.name: endpoint for endpoint in ENDPOINTS}
