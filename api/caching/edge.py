"""An edge cache in front (Varnish, Fastly, Cloudflare) that is purged, not waited for
(DESIGN 3).

Every answer of a versioned API carries surrogate keys, in the headers
settings.EDGE_KEY_HEADERS names (`Surrogate-Key` for Fastly, `xkey` for Varnish's
xkey module, `Cache-Tag` for Cloudflare): `ims`, its API version (`ims-v1`), and
either the item it is (`ims-item-<id>`, a detail) or `ims-lists` (every other
answer: lists, search, suggestions, the bundle, the feed, errors). Once a change
commits, the task `purge` has the edge forget exactly what it made stale: the
items it changed (those it stamped, content.stamps, and those it removed) and
`ims-lists`. Details of untouched items stay cached.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django_tasks import task

from api import state as api_state
from api.caching import purgers
from content.models import ContentEvent
from content.tasks import retried
from content.types import ITEM_TYPES
from content.versions import Version

LISTS = "ims-lists"
# How each header separates its keys.
SEPARATORS = {"surrogate-key": " ", "xkey": " ", "cache-tag": ","}


def label(request: HttpRequest, response: HttpResponse, api_version: str) -> None:
    """Put the answer's surrogate keys in the configured headers."""
    if not settings.EDGE_KEY_HEADERS:
        return
    item = api_state.of(request).item_id
    keys = ["ims", f"ims-{api_version}", f"ims-item-{item}" if item else LISTS]
    for header in settings.EDGE_KEY_HEADERS:
        response[header] = SEPARATORS[header.lower()].join(keys)


def receiver(sender: Any, *, version: Version, **kwargs: Any) -> None:
    """`version_moved`: have the edge forget what the change made stale."""
    if settings.EDGE_PURGER:
        purge.enqueue(version.value)


@task(takes_context=True)
@retried
def purge(value: int, *, retry: int = 0) -> int:
    """Purge the keys of what the change that moved the content to version `value`
    changed; how many. Idempotent: purging twice forgets nothing more."""
    keys = changed_keys(value)
    purgers.configured().purge(keys)
    return len(keys)


def changed_keys(value: int) -> list[str]:
    """`ims-lists` and the keys of the items the change stamped or removed."""
    ids = {
        str(pk)
        for item_type in ITEM_TYPES.values()
        for pk in item_type.model._base_manager.filter(stamp=value).values_list("pk", flat=True)
    }
    ids |= {
        str(pk)
        for pk in ContentEvent.objects.filter(version=value).values_list("item_id", flat=True)
    }
    return [LISTS, *(f"ims-item-{pk}" for pk in sorted(ids))]
