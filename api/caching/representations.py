"""Representations rendered once per change, assembled per request (DESIGN 2.9).

An item's full representation in one language is rendered by its version's
serializer and stored (api.caching.store) under the item's stamp, which every
visible change of the item, or of an item or term it names, moves on in the
change's transaction (content.stamps): a stale representation is unreachable
the moment the change commits, and the others stay valid. Each is stored with
its body in one format (`body_format`): what is stored is what the serializer
output for that request. A request selects
the `(id, stamp)` rows of its page through DRF's hooks; its list serializer
(`StoredRepresentations`) fetches their stored representations in one round
trip, renders only the missing ones (a constant number of queries), and
projects them (`fields`, `expand`) without building a model instance.

An item inlined by `expand` is its embedded form: its own fields without
its relation lists (one level deep; its `url` has the rest). Stored apart
and rendered without the relation queries, it stays small and cheap when
the item is cited by thousands of others, as a mechanism is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import orjson
from django.db.models import QuerySet
from django.utils import translation
from rest_framework import serializers

from api import state as api_state
from api.caching import keys, store
from api.querying import languages
from api.state import ApiRequestState
from content import review
from content.types import ItemType
from content.versions import Version

# Entries of older stamps are never read again; they age out of the cache.
REPRESENTATION_TIMEOUT = 7 * 24 * 3600

Representation = dict[str, Any]


@dataclass(frozen=True, eq=False)
class Resource:
    """An item type as one API version serves it."""

    api_version: str
    item_type: ItemType
    serializer: type[serializers.Serializer[Any]]
    # (ids, *, drafts, relations) -> the items to render, with what rendering them needs.
    rendering_queryset: Callable[..., Iterable[Any]]
    # field name -> the collection its references point to
    expandable: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.item_type.collection

    @cached_property
    def field_names(self) -> tuple[str, ...]:
        """The representation's fields, in order (building a serializer's fields is costly)."""
        return tuple(self.serializer().fields)

    def published(self) -> QuerySet[Any]:
        """What a consumer may see, in list order."""
        return self.item_type.published()

    def previewable(self) -> QuerySet[Any]:
        """What a previewing client may see (drafts too), in list order."""
        return self.item_type.previewable()

    def stamps(self, ids: Iterable[Any]) -> dict[Any, int]:
        """The stamps of those of `ids` that are published, in one query."""
        rows = self.item_type.model.objects.published().filter(pk__in=list(ids))
        return dict(rows.values_list("pk", "stamp"))

    def render(
        self,
        ids: list[str],
        *,
        language: str,
        drafts: bool,
        embedded: bool,
        body_format: str = "html",
    ) -> dict[str, Representation]:
        """Serialize `ids` (published, or with drafts), the body in `body_format`;
        embedded: without relation lists."""
        items = self.rendering_queryset(ids, drafts=drafts, relations=not embedded)
        context = {
            "language": language,
            "omit": tuple(self.expandable) if embedded else (),
            "body_format": body_format,
        }
        serializer = self.serializer(context=context)
        with translation.override(language):
            rendered = [serializer.to_representation(item) for item in items]
        return {str(item["id"]): dict(item) for item in rendered}


@dataclass(frozen=True)
class Projection:
    """What a request asks of each item."""

    body_format: str = "html"
    fields: tuple[str, ...] = ()
    expand: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    """What a request reads items with: its API version's resources, its language,
    its content version (None: a preview, rendered afresh) and its projection."""

    resource: Resource
    resources: Mapping[str, Resource]
    language: str
    version: Version | None
    projection: Projection = Projection()


class StoredRepresentations(serializers.ListSerializer):
    """A page of items from their `(id, stamp)` rows: stored representations, projected.

    The list serializer of every item serializer (`Meta.list_serializer_class`):
    the view's `get_serializer(page, many=True)` returns one, given a `Reading`
    in its context.
    """

    def to_representation(self, data: Any) -> list[Representation]:
        request = self.context.get("request")
        return assemble(
            dict(data),
            self.context["reading"],
            state=api_state.of(request) if request is not None else None,
        )


def assemble(
    stamps: dict[Any, int], reading: Reading, *, state: ApiRequestState | None = None
) -> list[Representation]:
    """The items of `stamps` (id -> stamp, in order), projected as `reading` asks;
    the languages they were served in go to the request's `state`."""
    resource, projection = reading.resource, reading.projection
    found = _fetch(resource, stamps, reading)
    if state is not None:
        state.languages = languages.served(found.values(), reading.language)
    expanded = {}
    for name in projection.expand:
        related = reading.resources[resource.expandable[name]]
        related_ids = {ref["id"] for rep in found.values() for ref in _references(rep[name])}
        related_stamps = _inlined_stamps(related, related_ids, reading)
        expanded[name] = _fetch(related, related_stamps, reading, embedded=True)
    return [
        project(found[str(pk)], projection, expanded=expanded) for pk in stamps if str(pk) in found
    ]


def fetch(
    resource: Resource,
    stamps: Mapping[Any, int],
    *,
    language: str,
    epoch: str,
    embedded: bool = False,
    body_format: str = "html",
) -> dict[str, Representation]:
    """Stored representations of the items in `stamps` (id -> stamp; embedded:
    their embedded form; the body in `body_format`), by id; missing ones are
    rendered and stored.

    `epoch` is the content version's: stamps count anew in a new database.
    """
    form = f"{resource.name}{'.embedded' if embedded else ''}.{body_format}"
    by_id = {
        str(pk): keys.representation(
            api_version=resource.api_version,
            form=form,
            language=language,
            epoch=epoch,
            pk=pk,
            stamp=stamp,
        )
        for pk, stamp in stamps.items()
    }
    if not by_id:
        return {}
    # Stored as JSON: compact and weighed exactly in this process's copies, and
    # each read gives a fresh dict to project.
    stored = store.get_many(by_id.values())
    found = {
        pk: orjson.loads(stored[key])
        for pk, key in by_id.items()
        if isinstance(stored.get(key), bytes)
    }
    missing = [pk for pk in by_id if pk not in found]
    if missing:
        rendered = resource.render(
            missing, language=language, drafts=False, embedded=embedded, body_format=body_format
        )
        fresh = {by_id[pk]: orjson.dumps(rep) for pk, rep in rendered.items()}
        store.set_many(fresh, timeout=REPRESENTATION_TIMEOUT)
        found.update(rendered)
    return {pk: found[pk] for pk in by_id if pk in found}


def _fetch(
    resource: Resource, stamps: Mapping[Any, int], reading: Reading, *, embedded: bool = False
) -> dict[str, Representation]:
    body_format = reading.projection.body_format
    if reading.version is None:
        # A preview: drafts included, rendered now and never stored.
        ids = [str(pk) for pk in stamps]
        return resource.render(
            ids, language=reading.language, drafts=True, embedded=embedded,
            body_format=body_format,
        )  # fmt: skip
    return fetch(
        resource, stamps, language=reading.language, epoch=reading.version.epoch,
        embedded=embedded, body_format=body_format,
    )  # fmt: skip


def _inlined_stamps(resource: Resource, ids: set[str], reading: Reading) -> dict[Any, int]:
    """The stamps of the published ones of `ids`, read once per content version
    by each process: a stamp moves only with the version."""
    if reading.version is None:
        return dict.fromkeys(ids, 0)
    key_of = {
        pk: keys.inlined_stamp(collection=resource.name, version=reading.version.token, pk=pk)
        for pk in ids
    }
    known = store.local.get_many(key_of.values())
    unknown = [pk for pk, key in key_of.items() if key not in known]
    if unknown:
        found = {str(pk): stamp for pk, stamp in resource.stamps(unknown).items()}
        read = {key_of[pk]: found.get(pk) for pk in unknown}
        store.local.set_many(read)
        known.update(read)
    return {pk: known[key] for pk, key in key_of.items() if known[key] is not None}


def project(
    representation: Representation,
    projection: Projection,
    *,
    expanded: dict[str, dict[str, Representation]] | None = None,
    today: date | None = None,
) -> Representation:
    """One item as the request asked for it."""
    today = today or date.today()
    item = _own_fields(representation, today)
    for name, related in (expanded or {}).items():
        inlined = [
            {**_own_fields(related[ref["id"]], today), **ref}
            for ref in _references(representation[name])
            if ref["id"] in related
        ]
        # A list of references stays a list; one reference (a lead image) stays one, or null.
        single = not isinstance(representation[name], list)
        item[name] = (inlined[0] if inlined else None) if single else inlined
    if projection.fields:
        item = {name: item[name] for name in item if name in projection.fields}
    return item


def _references(value: Any) -> list[dict[str, Any]]:
    """The references of a relation field: a list of them, or one, or none (null)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _own_fields(representation: Representation, today: date) -> Representation:
    item = dict(representation)  # an inlined item may be projected for several others
    if "next_review_due" in item:
        # As of today, not of the day it was rendered: an item becomes overdue
        # without being edited.
        last, due = item["last_reviewed"], item["next_review_due"]
        status = review.status_of(
            last_reviewed=date.fromisoformat(last) if last else None,
            next_review_due=date.fromisoformat(due) if due else None,
            today=today,
        )
        item["review_overdue"] = status == review.ReviewStatus.OVERDUE
        item["review_status"] = status
    return item
