"""Every key of the API's caches, and the ETag: built here, so each says what it depends on.

Every key carries the release (settings.RELEASE, set per deploy, with the
deployment settings that shape a representation and the shape of the entries,
ENTRY_FORMAT), so that a deploy never serves what an older one stored in a
shared Redis; a representation's key carries its API version too, so that a
v2 `conditions` never reads v1's.
What the content version moves (a publish) is in every key that needs it:
entries of an older version are never read again and age out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import Any

from django.conf import settings


def _digest(*parts: Any) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


# The shape of the entries stored (a stored response's fields): moved whenever it
# changes, so that no process reads an entry of an older shape from a shared Redis,
# even where RELEASE is left at its default across a deploy.
ENTRY_FORMAT = 2


def _release() -> str:
    shaping = ("CANONICAL_URL_TEMPLATE", "ATTRIBUTION_TEXT", "LICENSE_NAME", "LICENSE_URL")
    settings_shaping = (str(getattr(settings, name)) for name in shaping)
    return _digest(settings.RELEASE, ENTRY_FORMAT, *settings_shaping)[:12]


RELEASE = _release()


def representation(
    *, api_version: str, form: str, language: str, epoch: str, pk: Any, stamp: int
) -> str:
    """An item's stored representation in one form (`conditions`, `conditions.embedded`)."""
    return f"repr:{api_version}:{RELEASE}:{epoch}:{form}:{language}:{pk}:{stamp}"


def count(*, collection: str, version: str, filters: Iterable[tuple[str, list[str]]]) -> str:
    """How many items a list's filters match, under one content version."""
    return "count:" + _digest(RELEASE, version, collection, sorted(filters))


def vocabulary(*, language: str, version: str) -> str:
    """The words of the published names in a language, under one content version."""
    return f"vocabulary:{RELEASE}:{version}:{language}"


def inlined_stamp(*, collection: str, version: str, pk: str) -> str:
    """The stamp of an item `expand` inlines, under one content version."""
    return f"stamp:{version}:{collection}:{pk}"


def etag(
    *,
    version: str,
    language: str,
    media_type: str,
    path: str,
    query: Iterable[tuple[str, list[str]]],
    today: date,
) -> str:
    """A strong validator: the same inputs always render the same bytes.

    The date is an input: an item's `review_overdue` turns true on the day
    after its review was due, with no edit.
    """
    return '"' + _digest(RELEASE, version, language, media_type, path, sorted(query), today) + '"'


def response(etag: str) -> str:
    """A stored response's headers and validators, by its ETag."""
    return "resp:" + etag.strip('"')


def body(etag: str, coding: str | None) -> str:
    """A stored response's body in a content coding (`br`, `gzip`; None: as it is)."""
    return f"body:{coding or 'identity'}:" + etag.strip('"')


def request(
    *, full_path: str, host: str, secure: bool, accept: str, accept_language: str, today: date
) -> str:
    """What an anonymous request said, before negotiation: the same request is
    answered the same under one content version."""
    return "req:" + _digest(RELEASE, full_path, host, secure, accept, accept_language, today)
