"""Stamps: the content version at which what the API shows of an item last changed.

An item's stored representation (api.representations) names more than the
item: a condition shows its category's and regions' names and the titles of
its published mechanisms and FAQs; a mechanism lists its conditions (with
each link's note) and FAQs; an FAQ its topic, conditions and mechanisms. So a
visible change stamps the changed item and every item that names it, its
neighbours, with the new content version, in the change's transaction.
Representations are keyed by stamp: a changed item is never served stale,
and every other item's stored representation stays valid (rendered once per
change, not once per publish of anything).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from content.models import (
    FAQ,
    BodyRegion,
    Condition,
    ConditionCategory,
    ContentItem,
    FaqTopic,
    Mechanism,
)

# A changed model -> the models that name it, and how they reach it.
NEIGHBOURS: dict[type[models.Model], dict[type[ContentItem], str]] = {
    Condition: {Mechanism: "conditions", FAQ: "conditions"},
    FAQ: {Condition: "faqs", Mechanism: "faqs"},
    Mechanism: {Condition: "mechanisms", FAQ: "mechanisms"},
    BodyRegion: {Condition: "body_regions"},
    ConditionCategory: {Condition: "category"},
    FaqTopic: {FAQ: "topic"},
}


def stamp_neighbours(changed: models.Model, *, stamp: int) -> None:
    """Stamp every item that names `changed`, as their relations are stored now.

    Call it with the relations before a change and again after (an item that
    stopped naming `changed` must be stamped too): once per model, one UPDATE.
    """
    for model, lookup in NEIGHBOURS[type(changed)].items():
        model._base_manager.filter(**{lookup: changed.pk}).update(stamp=stamp)


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
