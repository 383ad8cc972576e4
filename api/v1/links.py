"""Where v1 items are: their paths in the API, their canonical pages, their attribution."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.conf import settings
from django.urls import get_script_prefix, reverse

from content import types
from content.models import ContentItem
from content.types import ITEM_TYPES

# collection -> its detail route
_ROUTES = {
    **{t.collection: f"v1:{t.name}-detail" for t in ITEM_TYPES.values()},
    "body-regions": "v1:body-region-detail",
}


def reference(item: ContentItem) -> dict[str, Any]:
    """The small form of a related item: id, slug, its title field and its URL."""
    item_type = types.of(item)
    return {
        "id": str(item.id),
        "slug": item.slug,
        item_type.title_field: getattr(item, item_type.title_field),
        "url": api_url(item_type.collection, item.slug),
    }


def api_url(api_type: str, slug: str) -> str:
    """The item's path in v1."""
    return _path(_ROUTES[api_type], slug, get_script_prefix())


def item_url(item_type: str, slug: str) -> str:
    """The path in v1 of an item of `item_type` (condition, faq, mechanism, image): what the
    changes feed and webhook deliveries name."""
    return api_url(ITEM_TYPES[item_type].collection, slug)


# Reversing a route costs about 26 µs: a page of the changes feed names up to
# a hundred items, most of them again on every poll. A path depends only on
# these arguments (the script prefix is where the app is mounted).
@lru_cache(maxsize=20_000)
def _path(route: str, slug: str, script_prefix: str) -> str:
    return reverse(route, kwargs={"slug": slug})


def attribution(api_type: str, slug: str) -> dict[str, str | None]:
    return {
        "text": settings.ATTRIBUTION_TEXT,
        "license": settings.LICENSE_NAME,
        "license_url": settings.LICENSE_URL or None,
        "canonical_url": canonical_url(api_type, slug),
    }


def canonical_url(api_type: str, slug: str) -> str:
    return str(settings.CANONICAL_URL_TEMPLATE).format(type=api_type, slug=slug)
