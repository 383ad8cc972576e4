"""What a consumer may see, shared by every API version.

Each function returns published items only; `*_for_rendering` adds the
prefetching that rendering a page of representations needs, so that it costs
a constant number of queries whatever the page size.
"""

from __future__ import annotations

from django.db.models import Count, Prefetch, Q, QuerySet

from content.models import FAQ, BodyRegion, Condition, ConditionMechanism, Mechanism


def published_conditions() -> QuerySet[Condition]:
    return Condition.objects.published()  # type: ignore[return-value]


def published_faqs() -> QuerySet[FAQ]:
    return FAQ.objects.published()  # type: ignore[return-value]


def published_mechanisms() -> QuerySet[Mechanism]:
    return Mechanism.objects.published()  # type: ignore[return-value]


def body_regions() -> QuerySet[BodyRegion]:
    """Every region with the number of published conditions in it."""
    return BodyRegion.objects.annotate(
        condition_count=Count("conditions", filter=Q(conditions__status="published"))
    ).order_by("position", "slug")


def conditions_for_rendering(ids: list[str]) -> QuerySet[Condition]:
    # Prevents an N+1 per condition on its category, regions, mechanisms and FAQs.
    links = ConditionMechanism.objects.filter(mechanism__status="published")
    return (
        published_conditions()
        .filter(pk__in=ids)
        .select_related("category")
        .prefetch_related(
            "body_regions",
            Prefetch("mechanism_links", queryset=links.select_related("mechanism")),
            Prefetch("faqs", queryset=published_faqs()),
        )
    )


def faqs_for_rendering(ids: list[str]) -> QuerySet[FAQ]:
    # Prevents an N+1 per FAQ on its topic and related items.
    return (
        published_faqs()
        .filter(pk__in=ids)
        .select_related("topic")
        .prefetch_related(
            Prefetch("conditions", queryset=published_conditions()),
            Prefetch("mechanisms", queryset=published_mechanisms()),
        )
    )


def mechanisms_for_rendering(ids: list[str]) -> QuerySet[Mechanism]:
    # Prevents an N+1 per mechanism on the conditions and FAQs that cite it.
    links = ConditionMechanism.objects.filter(condition__status="published")
    return (
        published_mechanisms()
        .filter(pk__in=ids)
        .prefetch_related(
            Prefetch("condition_links", queryset=links.select_related("condition")),
            Prefetch("faqs", queryset=published_faqs()),
        )
    )
