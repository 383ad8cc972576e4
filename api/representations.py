"""Representations rendered once per content version, assembled per request (DESIGN 2.9).

An item's full representation in one language is rendered by its version's
serializer and stored in the cache under the current content version, which
every published change moves on: a stale representation is unreachable the
moment the change commits, also when an item it embeds changed. A request
fetches the stored representations of its page in one round trip, renders
only the missing ones (a constant number of queries), and projects them
(`body_format`, `fields`, `expand`) without building a model instance.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Model, QuerySet
from django.utils import translation
from rest_framework.serializers import Serializer

from api.stores import LocalCopies, shared_get_many, shared_set_many


def _fingerprint() -> str:
    """What else shapes a representation: this API's code and its deployment settings.

    Part of every key, so that a deploy changing either never serves what an
    older one stored in a shared Redis.
    """
    digest = hashlib.blake2b(digest_size=6)
    for path in sorted(Path(__file__).resolve().parent.rglob("*.py")):
        digest.update(path.read_bytes())
    for name in ("CANONICAL_URL_TEMPLATE", "ATTRIBUTION_TEXT", "LICENSE_NAME", "LICENSE_URL"):
        digest.update(str(getattr(settings, name)).encode())
    return digest.hexdigest()


FINGERPRINT = _fingerprint()

# Entries of older versions are never read again; they age out of the cache.
REPRESENTATION_TIMEOUT = 7 * 24 * 3600
# Per process, in front of the shared cache: a Redis hit still moves and
# unpickles every representation, a local hit moves nothing.
LOCAL_ENTRIES = 4096

Representation = dict[str, Any]


@dataclass(frozen=True, eq=False)
class Resource:
    """An item type as one API version serves it."""

    name: str
    serializer: type[Serializer[Any]]
    rendering_queryset: Callable[..., QuerySet[Any]]
    # field name -> the resource its references point to
    expandable: dict[str, str] = field(default_factory=dict)

    @cached_property
    def field_names(self) -> tuple[str, ...]:
        """The representation's fields, in order (building a serializer's fields is costly)."""
        return tuple(self.serializer().fields)


@dataclass(frozen=True)
class Projection:
    """What a request asks of each item."""

    body_format: str = "html"
    fields: tuple[str, ...] = ()
    expand: tuple[str, ...] = ()


local_copies = LocalCopies(LOCAL_ENTRIES)


def fetch(
    resource: Resource, ids: Iterable[Any], *, language: str, version: str, prefix: str
) -> dict[str, Representation]:
    """Stored representations of `ids`, by id; missing ones are rendered and stored."""
    keys = {
        str(pk): f"{prefix}:{FINGERPRINT}:{version}:{resource.name}:{language}:{pk}" for pk in ids
    }
    if not keys:
        return {}
    stored = local_copies.get_many(keys.values())
    if len(stored) < len(keys):
        shared = shared_get_many(key for key in keys.values() if key not in stored)
        local_copies.set_many(shared)
        stored.update(shared)
    missing = [pk for pk, key in keys.items() if key not in stored]
    if missing:
        rendered = {
            keys[pk]: rep for pk, rep in _render(resource, missing, language=language).items()
        }
        shared_set_many(rendered, timeout=REPRESENTATION_TIMEOUT)
        local_copies.set_many(rendered)
        stored.update(rendered)
    return {pk: stored[key] for pk, key in keys.items() if key in stored}


def render_drafts(
    resource: Resource, ids: Iterable[Any], *, language: str
) -> dict[str, Representation]:
    """Representations for a preview, drafts included: rendered now and never stored."""
    return _render(resource, [str(pk) for pk in ids], language=language, drafts=True)


def _render(
    resource: Resource, ids: list[str], *, language: str, drafts: bool = False
) -> dict[str, Representation]:
    with translation.override(language):
        items: list[Model] = list(resource.rendering_queryset(ids, drafts=drafts))
        serializer = resource.serializer(items, many=True, context={"language": language})
        return {str(item["id"]): dict(item) for item in serializer.data}


def project(
    representation: Representation,
    projection: Projection,
    *,
    expanded: dict[str, dict[str, Representation]] | None = None,
    today: date | None = None,
) -> Representation:
    """One item as the request asked for it."""
    item = _own_fields(representation, projection.body_format, today or date.today())
    for name, related in (expanded or {}).items():
        item[name] = [
            {**_own_fields(related[ref["id"]], projection.body_format, today), **ref}
            for ref in representation[name]
            if ref["id"] in related
        ]
    if projection.fields:
        item = {name: item[name] for name in item if name in projection.fields}
    return item


def _own_fields(
    representation: Representation, body_format: str, today: date | None
) -> Representation:
    item = dict(representation)
    if "body" in item:
        item["body"] = representation["body"][body_format]
    if "next_review_due" in item:
        # Computed per request: an item becomes overdue without being edited.
        due = item["next_review_due"]
        item["review_overdue"] = due is not None and date.fromisoformat(due) < (
            today or date.today()
        )
    return item
