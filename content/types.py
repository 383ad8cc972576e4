"""The one registry of editorial item types.

Every place that needs to know an item type's name, its collection, its
title field or its model asks here: the changes feed (`item_type`), search
results (`type`), every API version's registry of resources and URLs, the
loader and the admin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from content.models import FAQ, Condition, ContentItem, Image, Mechanism
from content.models.items import LANGUAGE_SUFFIXES
from content.querysets import LIST_ORDER, ContentItemQuerySet


@dataclass(frozen=True)
class ItemType:
    # The type's name: in events, search results and the changes feed.
    name: str
    # Its collection: in every API version's paths and registries.
    collection: str
    model: type[ContentItem]
    # The field that titles an item: a condition's name, an FAQ's question.
    title_field: str = "name"

    @property
    def title_columns(self) -> tuple[str, ...]:
        """The title field's column in each language (`question_en`, `question_fr_ca`)."""
        return tuple(f"{self.title_field}_{suffix}" for suffix in LANGUAGE_SUFFIXES)

    def published(self) -> QuerySet[Any]:
        """What a consumer may see of this type, in list order."""
        return self._rows().published().order_by(*LIST_ORDER)

    def previewable(self) -> QuerySet[Any]:
        """What a client that may preview sees of this type (drafts too), in list order."""
        return self._rows().previewable().order_by(*LIST_ORDER)

    def _rows(self) -> ContentItemQuerySet[Any]:
        # Django's own queryset, not modeltranslation's: what reads these names
        # columns with their language suffix (`name_fr`), or none that is
        # translated (ids, slugs, stamps), so rewriting every lookup for
        # translated fields would only double what a one-row query costs.
        return ContentItemQuerySet(self.model)


CONDITION = ItemType("condition", "conditions", Condition)
FAQ_TYPE = ItemType("faq", "faqs", FAQ, title_field="question")
MECHANISM = ItemType("mechanism", "mechanisms", Mechanism)
IMAGE = ItemType("image", "images", Image)

# Every editorial type by name, in the order the API lists them: what editors write,
# review and publish, and the changes record.
ITEM_TYPES: dict[str, ItemType] = {t.name: t for t in (CONDITION, FAQ_TYPE, MECHANISM, IMAGE)}
# The types of text, which search and suggestions read; an image is found through the
# items that show it.
TEXT_TYPES: dict[str, ItemType] = {t.name: t for t in (CONDITION, FAQ_TYPE, MECHANISM)}
BY_COLLECTION: dict[str, ItemType] = {t.collection: t for t in ITEM_TYPES.values()}


def of(item: ContentItem | type[ContentItem]) -> ItemType:
    """The item type of a model or an item of it."""
    model = item if isinstance(item, type) else type(item)
    return next(t for t in ITEM_TYPES.values() if t.model is model)
