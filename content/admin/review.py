"""Clinical review in the admin: the review filter and the review-due page (DESIGN 1.2)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse

from content.querysets import REVIEW_HORIZON_DAYS
from content.types import ITEM_TYPES


class ReviewFilter(admin.SimpleListFilter):
    title = "clinical review"
    parameter_name = "review"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            ("overdue", "Overdue"),
            ("due", f"Due within {REVIEW_HORIZON_DAYS} days"),
            ("pending", "Pending (never reviewed)"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.value() == "overdue":
            return queryset.review_overdue()  # type: ignore[attr-defined]
        if self.value() == "due":
            return queryset.review_due_soon()  # type: ignore[attr-defined]
        if self.value() == "pending":
            return queryset.review_pending()  # type: ignore[attr-defined]
        return queryset


def review_due_view(request: HttpRequest) -> TemplateResponse:
    """Every item overdue, due soon or never reviewed, across all types."""
    groups = []
    for item_type in ITEM_TYPES.values():
        model = item_type.model
        items = model.objects.review_due(within_days=REVIEW_HORIZON_DAYS).order_by(
            "next_review_due", "slug"
        )
        change_url = f"admin:content_{model._meta.model_name}_change"
        rows = [(item, reverse(change_url, args=[item.pk])) for item in items]
        groups.append((model._meta.verbose_name_plural, rows))
    context = {
        **admin.site.each_context(request),
        "title": "Clinical review due",
        "horizon": REVIEW_HORIZON_DAYS,
        "groups": groups,
    }
    return TemplateResponse(request, "admin/content/review_due.html", context)
