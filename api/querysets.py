"""What a consumer may see, shared by every API version.

Each function returns published items only (previews: drafts too, with
`drafts=True`); `*_for_rendering` adds the prefetching that rendering a page
of representations needs, so that it costs a constant number of queries
whatever the page size, and with `relations=False` only what the embedded
form (no relation lists) needs. They read only the columns rendering shows:
never the search columns, and of a related item only what a reference to it
holds (a page of 100 conditions names some 2,000 FAQs: read whole, with every
rendition of their bodies in every language, they held 50 MB of a worker's
memory while the page was rendered).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db.models import Count, Prefetch, Q, QuerySet

from content import types
from content.models import (
    FAQ,
    BodyRegion,
    Condition,
    ConditionMechanism,
    ContentItem,
    Image,
    Mechanism,
    Rendition,
)
from content.models.items import LANGUAGE_SUFFIXES, SEARCH_COLUMNS
from content.querysets import LIST_ORDER
from content.rendering import figure_ids
from content.renditions import focus_of

Item = TypeVar("Item", bound=ContentItem)


def _items(model: type[ContentItem], *, drafts: bool) -> QuerySet[Any]:
    items = model.objects.previewable() if drafts else model.objects.published()
    return items.defer(*SEARCH_COLUMNS)


def _referenced(model: type[ContentItem]) -> QuerySet[Any]:
    """The published items of `model`, each with what a reference to it shows."""
    return model.objects.published().only(*_reference_columns(model))


def _reference_columns(model: type[ContentItem], *, via: str = "") -> tuple[str, ...]:
    """The columns of a reference (api.v1.links.reference): id, slug and title in each
    language; `via` a relation (`mechanism__`): those of the item it leads to."""
    return tuple(f"{via}{name}" for name in ("id", "slug", *types.of(model).title_columns))


def _links(*, to: type[ContentItem]) -> QuerySet[ConditionMechanism]:
    """Published condition-mechanism links, each with its note and the item `to` it names
    (a mechanism or a condition: the link's field of that name)."""
    via = to._meta.model_name
    notes = (f"note_{suffix}" for suffix in LANGUAGE_SUFFIXES)
    return (
        ConditionMechanism.objects.filter(**{f"{via}__status": "published"})
        .select_related(via)
        .only("condition", "mechanism", *notes, *_reference_columns(to, via=f"{via}__"))
    )


def body_regions() -> QuerySet[BodyRegion]:
    """Every region with the number of published conditions in it."""
    return BodyRegion.objects.annotate(
        condition_count=Count("conditions", filter=Q(conditions__status="published"))
    ).order_by(*LIST_ORDER)


def conditions_for_rendering(
    ids: list[str], *, drafts: bool = False, relations: bool = True
) -> list[Condition]:
    # Prevents an N+1 per condition on its category, image and regions, and (unless
    # rendering the embedded form, without relations) its mechanisms and FAQs.
    queryset = (
        _items(Condition, drafts=drafts)
        .filter(pk__in=ids)
        .select_related("category", "image")
        .prefetch_related("body_regions")
    )
    if relations:
        queryset = queryset.prefetch_related(
            Prefetch("mechanism_links", queryset=_links(to=Mechanism)),
            Prefetch("faqs", queryset=_referenced(FAQ)),
        )
    return with_figures(queryset, drafts=drafts)


def faqs_for_rendering(
    ids: list[str], *, drafts: bool = False, relations: bool = True
) -> list[FAQ]:
    # Prevents an N+1 per FAQ on its topic and (unless embedded) its related items.
    queryset = _items(FAQ, drafts=drafts).filter(pk__in=ids).select_related("topic")
    if relations:
        queryset = queryset.prefetch_related(
            Prefetch("conditions", queryset=_referenced(Condition)),
            Prefetch("mechanisms", queryset=_referenced(Mechanism)),
        )
    return with_figures(queryset, drafts=drafts)


def mechanisms_for_rendering(
    ids: list[str], *, drafts: bool = False, relations: bool = True
) -> list[Mechanism]:
    # Prevents an N+1 per mechanism on its image and (unless embedded) the conditions and
    # FAQs that cite it.
    queryset: QuerySet[Any] = (
        _items(Mechanism, drafts=drafts).filter(pk__in=ids).select_related("image")
    )
    if relations:
        queryset = queryset.prefetch_related(
            Prefetch("condition_links", queryset=_links(to=Condition)),
            Prefetch("faqs", queryset=_referenced(FAQ)),
        )
    return with_figures(queryset, drafts=drafts)


def images_for_rendering(
    ids: list[str], *, drafts: bool = False, relations: bool = True
) -> list[Image]:
    """The images, each with the renditions of its picture as it is framed
    (`renditions_made`): two queries whatever the page size."""
    images = list(_items(Image, drafts=drafts).filter(pk__in=ids))
    made: dict[str, list[Rendition]] = {}
    for rendition in Rendition.objects.filter(source__in={i.file.name for i in images if i.file}):
        made.setdefault(rendition.source, []).append(rendition)
    for image in images:
        focus = focus_of(image.focal_x, image.focal_y)
        renditions = made.get(image.file.name, []) if image.file else []
        image.renditions_made = [r for r in renditions if r.focus in ("", focus)]
    return images


def with_figures(items: Iterable[Item], *, drafts: bool = False) -> list[Item]:
    """`items`, each with the images their bodies place (`figures_placed`, by id, with
    their renditions): no query when no body places one, else two for them all."""
    items = list(items)
    placed = {
        image
        for item in items
        for suffix in LANGUAGE_SUFFIXES
        for image in figure_ids(getattr(item, f"body_blocks_{suffix}", None))
    }
    shown = (
        {str(i.pk): i for i in images_for_rendering(list(placed), drafts=drafts)} if placed else {}
    )
    for item in items:
        item.figures_placed = shown  # type: ignore[attr-defined]
    return items
