"""Writes of many new items at once: generated data sets (content.seed.generation).

What content.services does for one item, done for thousands in a few queries.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

import reversion
from django.db import models, transaction
from django.utils import timezone

from content import search, stamps, suggestions, text, types, versions
from content.models import ContentEvent, ContentItem
from content.services import content_render

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

Row = TypeVar("Row", bound=models.Model)

BULK_BATCH_SIZE = 1000


@transaction.atomic
def content_bulk_load(
    *,
    items: Sequence[ContentItem],
    relations: Sequence[models.Model] = (),
    by: AbstractBaseUser | None,
    comment: str = "Loaded in bulk.",
) -> int:
    """Create many new items at once, doing what content_save and content_publish do for each.

    `items` are unsaved items of any content type, with their status set;
    `relations` are unsaved rows of their many-to-many tables (through models
    included), written after the items. Each item gets its renditions, search
    terms and vector; published ones get revision 1, a publication date and a
    "created" event. One content version bump and one history revision cover
    the whole load. Field validation runs per item; uniqueness and check
    constraints are left to the database, which enforces them on insert
    (checking them in Python costs a query per item). Returns the number of
    items created.
    """
    now = timezone.now()
    for item in items:
        text.normalise_text_fields(item)
        content_render(item=item)
        item.search_text = search.search_text(item)
        item.updated_at = now
        if item.is_published:
            item.published_at = item.published_at or now
            item.revision = 1
        # A foreign key's validation is a query per item; the insert checks it.
        foreign_keys = [f.name for f in item._meta.concrete_fields if f.is_relation]
        item.full_clean(exclude=foreign_keys, validate_unique=False, validate_constraints=False)
    published = [item for item in items if item.is_published]
    stamp = versions.bump().value if published else 0
    for item in published:
        item.stamp = stamp
    with reversion.create_revision():
        for model, group in _by_model(items).items():
            model._base_manager.bulk_create(group, batch_size=BULK_BATCH_SIZE)
            for start in range(0, len(group), BULK_BATCH_SIZE):
                batch = group[start : start + BULK_BATCH_SIZE]
                search.update_search_vectors(model, [item.pk for item in batch])
                suggestions.refresh(batch)
        for through, rows in _by_model(relations).items():
            through._base_manager.bulk_create(rows, batch_size=BULK_BATCH_SIZE)
        if published:
            # Items loaded before that the new ones now name.
            stamps.stamp_related(list(relations), stamp=stamp)
        for model, group in _by_model(items).items():
            # History stores each item's many-to-many ids: one query per
            # relation for the group, not one per item.
            names = [field.name for field in model._meta.many_to_many]
            models.prefetch_related_objects(group, *names)
            for item in group:
                reversion.add_to_revision(item)
        if by is not None and by.is_authenticated:
            reversion.set_user(by)
        reversion.set_comment(comment)
    ContentEvent.objects.bulk_create(
        (
            ContentEvent(
                kind="created",
                item_type=types.of(item).name,
                item_id=item.pk,
                slug=item.slug,
                revision=item.revision,
                version=stamp,
            )
            for item in published
        ),
        batch_size=BULK_BATCH_SIZE,
    )
    return len(items)


def _by_model(rows: Sequence[Row]) -> dict[type[Row], list[Row]]:
    grouped: dict[type[Row], list[Row]] = {}
    for row in rows:
        grouped.setdefault(type(row), []).append(row)
    return grouped
