"""The changes feed (DESIGN 2.7): every visible change, in commit order, by opaque cursor.

A cursor names the last event a client has seen and the database it came
from (the content version's epoch), base64url-encoded. Replaying from no
cursor yields exactly the published content: `created`/`updated` events for
what is live, and a `removed` tombstone for what was unpublished, archived or
deleted.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Callable
from typing import Any

from django.db.models import Max, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from content.models import ContentEvent

DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


def encode(epoch: str, event_id: int) -> str:
    raw = f"1:{epoch}:{event_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, *, epoch: str) -> int:
    """The event id a cursor points after; 400 when malformed, foreign or from the future."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        version, cursor_epoch, event_id = base64.urlsafe_b64decode(padded).decode().split(":")
        number = int(event_id)
    except (ValueError, UnicodeDecodeError, binascii.Error):
        raise ValidationError({"since": ["This is not a cursor this feed gave out."]}) from None
    if version != "1" or number < 0:
        raise ValidationError({"since": ["This is not a cursor this feed gave out."]})
    if cursor_epoch != epoch:
        raise ValidationError(
            {"since": ["This cursor is from another database; start again without one."]}
        )
    if number > latest():
        raise ValidationError({"since": ["This cursor is ahead of the feed."]})
    return number


def latest() -> int:
    return ContentEvent.objects.aggregate(last=Max("id"))["last"] or 0


def events(*, after: int, types: list[str], limit: int) -> QuerySet[ContentEvent]:
    return ContentEvent.objects.filter(id__gt=after, item_type__in=types).order_by("id")[:limit]


def page(
    *,
    after: int,
    types: list[str],
    limit: int,
    epoch: str,
    request: Request,
    url: Callable[[str, str], str],
) -> dict[str, Any]:
    """One page of the feed: its events, its cursor, and the URL to poll next."""
    found = list(events(after=after, types=types, limit=limit))
    cursor = encode(epoch, found[-1].id if found else after)
    query = request.query_params.copy()
    query["since"] = cursor
    return {
        "events": [
            payload(event, None if event.kind == "removed" else url(event.item_type, event.slug))
            for event in found
        ],
        "cursor": cursor,
        "next": f"{request.path}?{query.urlencode()}",
    }


def payload(event: ContentEvent, url: str | None) -> dict[str, Any]:
    return {
        "kind": event.kind,
        "type": event.item_type,
        "id": str(event.item_id),
        "slug": event.slug,
        "revision": event.revision,
        "at": event.at,
        "url": url,
    }


def snapshot_cursor(epoch: str) -> str:
    """The cursor of the last event now: a bundle built in the same snapshot follows on from it."""
    return encode(epoch, latest())
