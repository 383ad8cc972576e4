"""Stamps: the content version at which what the API shows of an item last changed.

What the API shows of an item names more than the item: a condition shows
its category's and regions' names and the titles of its published mechanisms
and FAQs; a mechanism lists its conditions (with
each link's note) and FAQs; an FAQ its topic, conditions and mechanisms. So a
visible change stamps the changed item and every item that names it, its
neighbours, with the new content version, in the change's transaction.
Representations are keyed by stamp: a changed item is never served stale,
and every other item's stored representation stays valid (rendered once per
change, not once per publish of anything).
"""

from __future__ import annotations

import functools
from typing import Any

from django.db import models
from django.db.models import Q

from content.models import ContentItem, Image
from content.models.items import LANGUAGE_SUFFIXES
from content.types import ITEM_TYPES


@functools.cache
def neighbours(changed: type[models.Model]) -> dict[type[ContentItem], str]:
    """The item types whose items name a `changed` item, and the lookup that reaches it.

    Every relation between an item type and `changed` (a foreign key, a
    many-to-many either way) is shown by the item's representation: the
    model's relations are the one statement of who names whom.
    """
    found: dict[type[ContentItem], str] = {}
    for item_type in ITEM_TYPES.values():
        for field in item_type.model._meta.get_fields():
            if field.related_model is changed and (field.many_to_many or field.many_to_one):
                found[item_type.model] = field.name
    return found


def stamp_neighbours(changed: models.Model, *, stamp: int) -> None:
    """Stamp every item that names `changed`, as their relations are stored now.

    Call it with the relations before a change and again after (an item that
    stopped naming `changed` must be stamped too): once per model, one UPDATE.
    """
    for model, lookup in neighbours(type(changed)).items():
        model._base_manager.filter(**{lookup: changed.pk}).update(stamp=stamp)
    if isinstance(changed, Image):
        # A body places an image by its id (a figure, content.rendering), not by a relation.
        placed = Q()
        for suffix in LANGUAGE_SUFFIXES:
            placed |= Q(**{f"body_{suffix}__icontains": f"image:{changed.pk}"})
        for item_type in ITEM_TYPES.values():
            item_type.model._base_manager.filter(placed).update(stamp=stamp)


def stamp_related(rows: list[models.Model], *, stamp: int) -> None:
    """Stamp the items that rows of many-to-many tables point to (a bulk load's relations)."""
    ids: dict[type[ContentItem], set[Any]] = {}
    for row in rows:
        for field in row._meta.concrete_fields:
            target = field.related_model
            if field.is_relation and isinstance(target, type) and issubclass(target, ContentItem):
                ids.setdefault(target, set()).add(getattr(row, field.attname))
    for model, pks in ids.items():
        model._base_manager.filter(pk__in=pks).update(stamp=stamp)
