"""Representations rendered once per change, assembled per request (DESIGN 2.9).

An item's full representation in one language is rendered by its version's
serializer and stored in the cache under the item's stamp, which every
visible change of the item, or of an item or term it names, moves on in the
change's transaction (content.stamps): a stale representation is unreachable
the moment the change commits, and the others stay valid. A request reads
the stamps of its page with its ids, fetches the stored representations in
one round trip, renders only the missing ones (a constant number of
queries), and projects them (`body_format`, `fields`, `expand`) without
building a model instance.

An item inlined by `expand` is its embedded form: its own fields without
its relation lists (one level deep; its `url` has the rest). Stored apart
and rendered without the relation queries, it stays small and cheap when
the item is cited by thousands of others, as a mechanism is.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.utils import translation
from rest_framework.serializers import Serializer

from api.prepared import PreparedQuery
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

# Entries of older stamps are never read again; they age out of the cache.
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
    published: Callable[[], QuerySet[Any]]
    rendering_queryset: Callable[..., QuerySet[Any]]
    # field name -> the resource its references point to
    expandable: dict[str, str] = field(default_factory=dict)

    @cached_property
    def field_names(self) -> tuple[str, ...]:
        """The representation's fields, in order (building a serializer's fields is costly)."""
        return tuple(self.serializer().fields)

    @cached_property
    def by_slug(self) -> PreparedQuery:
        """`rows(slug=…)`: the id and stamp of the published item with that slug, if any."""
        return PreparedQuery(
            lambda slug: self.published().filter(slug=slug), columns=("pk", "stamp")
        )

    @cached_property
    def in_list_order(self) -> PreparedQuery:
        """`rows(limit=…, offset=…)`: ids and stamps of one page of the published items."""
        return PreparedQuery(
            lambda: self.published().order_by("position", "slug"),
            columns=("pk", "stamp"),
            paged=True,
        )

    def stamps(self, ids: Iterable[Any]) -> dict[Any, int]:
        """The stamps of those of `ids` that are published, in one query."""
        return dict(self.published().filter(pk__in=list(ids)).values_list("pk", "stamp"))

    def render(self, ids: list[str], *, language: str, drafts: bool, embedded: bool) -> list[Any]:
        """Serialize `ids` (published, or with drafts); embedded: without relation lists."""
        items = self.rendering_queryset(ids, drafts=drafts, relations=not embedded)
        omit = tuple(self.expandable) if embedded else ()
        context = {"language": language, "omit": omit}
        with translation.override(language):
            return list(self.serializer(list(items), many=True, context=context).data)


@dataclass(frozen=True)
class Projection:
    """What a request asks of each item."""

    body_format: str = "html"
    fields: tuple[str, ...] = ()
    expand: tuple[str, ...] = ()


local_copies = LocalCopies(LOCAL_ENTRIES)


def fetch(
    resource: Resource,
    stamps: Mapping[Any, int],
    *,
    language: str,
    epoch: str,
    prefix: str,
    embedded: bool = False,
) -> dict[str, Representation]:
    """Stored representations of the items in `stamps` (id -> stamp; embedded:
    their embedded form), by id; missing ones are rendered and stored.

    `epoch` is the content version's: stamps count anew in a new database.
    """
    form = f"{resource.name}.embedded" if embedded else resource.name
    keys = {
        str(pk): f"{prefix}:{FINGERPRINT}:{epoch}:{form}:{language}:{pk}:{stamp}"
        for pk, stamp in stamps.items()
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
            keys[pk]: rep
            for pk, rep in _render(resource, missing, language=language, embedded=embedded).items()
        }
        shared_set_many(rendered, timeout=REPRESENTATION_TIMEOUT)
        local_copies.set_many(rendered)
        stored.update(rendered)
    return {pk: stored[key] for pk, key in keys.items() if key in stored}


def render_drafts(
    resource: Resource, ids: Iterable[Any], *, language: str, embedded: bool = False
) -> dict[str, Representation]:
    """Representations for a preview, drafts included: rendered now and never stored."""
    ids = [str(pk) for pk in ids]
    return _render(resource, ids, language=language, drafts=True, embedded=embedded)


def _render(
    resource: Resource, ids: list[str], *, language: str, embedded: bool, drafts: bool = False
) -> dict[str, Representation]:
    rendered = resource.render(ids, language=language, drafts=drafts, embedded=embedded)
    return {str(item["id"]): dict(item) for item in rendered}


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
