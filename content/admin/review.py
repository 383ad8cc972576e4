"""Clinical review in the admin: the review filter, the review-due page (DESIGN 1.2) and
who reviewed each translation."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from content import translation_records
from content.models import ContentItem
from content.querysets import REVIEW_HORIZON_DAYS, ContentItemQuerySet
from content.review import ReviewStatus
from content.types import ITEM_TYPES


class ReviewFilter(admin.SimpleListFilter):
    """By review status (DESIGN 1.5), with the querysets' rule; and what the review-due
    page adds to the overdue and pending items: those due soon."""

    title = "review status"
    parameter_name = "review"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [
            (ReviewStatus.PENDING, "Pending (never reviewed)"),
            (ReviewStatus.CURRENT, "Current"),
            (ReviewStatus.OVERDUE, "Overdue"),
            ("due", f"Due within {REVIEW_HORIZON_DAYS} days"),
        ]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        items: ContentItemQuerySet[Any] = queryset
        selections = {
            ReviewStatus.PENDING: items.review_pending,
            ReviewStatus.CURRENT: items.review_current,
            ReviewStatus.OVERDUE: items.review_overdue,
            "due": items.review_due_soon,
        }
        selection = selections.get(self.value() or "")
        return selection() if selection else queryset


def review_badge(item: ContentItem) -> str:
    """An item's review status as the changelist shows it, with the date that matters."""
    status = item.review_status
    if status == ReviewStatus.OVERDUE:
        when = f"since {item.next_review_due}"
    elif item.next_review_due:
        when = f"due {item.next_review_due}"
    else:
        when = ""
    return format_html(
        '<span class="ims-badge ims-review-{}">{}</span> <span class="ims-when">{}</span>',
        status,
        ReviewStatus(status).label,
        when,
    )


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


class AwaitingReviewFilter(admin.SimpleListFilter):
    """Items whose working copy an editor submitted for clinical review."""

    title = "clinical review requested"
    parameter_name = "submitted"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "Awaiting review")]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(awaiting_review=True) if self.value() == "yes" else queryset


def translation_reviews(item: ContentItem) -> str:
    """Who reviewed each translation of `item`, and when."""
    lines = []
    for language in translation_records.OTHER_LANGUAGES:
        record = translation_records.record(item, language)
        reviewer = ", ".join(
            part for part in (record["reviewed_by_name"], record["reviewed_by_credentials"]) if part
        )
        shown = f"reviewed by {reviewer} on {record['reviewed_at']}" if reviewer else "not reviewed"
        lines.append(f"{language}: {shown}")
    return "; ".join(lines)
