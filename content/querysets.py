"""Reads that encode a rule about content, shared by the admin, the loader and the API."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, TypeVar

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from content.models import ContentItem

_T = TypeVar("_T", bound="ContentItem")

# The editorial order of items and terms: every list, page and index uses it.
LIST_ORDER = ("position", "slug")
# How far ahead "due soon" looks, for the admin's filter and review-due page.
REVIEW_HORIZON_DAYS = 30
# Never clinically reviewed and no review scheduled: review status `pending`
# (DESIGN 1.5). ContentItem.review_status reads the same rule on one item.
NEVER_REVIEWED = Q(last_reviewed__isnull=True, next_review_due__isnull=True)


class ContentItemQuerySet(models.QuerySet[_T]):
    def published(self) -> ContentItemQuerySet[_T]:
        """What a consumer may see: published items, never drafts or archived ones."""
        return self.filter(status="published")

    def previewable(self) -> ContentItemQuerySet[_T]:
        """What a client that may preview sees: drafts too, never archived items."""
        return self.exclude(status="archived")

    def review_overdue(self, *, today: date | None = None) -> ContentItemQuerySet[_T]:
        """Past their next review date (still served, flagged `review_overdue`)."""
        return self.filter(next_review_due__lt=today or date.today())

    def review_due_soon(
        self, *, within_days: int = REVIEW_HORIZON_DAYS, today: date | None = None
    ) -> ContentItemQuerySet[_T]:
        """Due from today to `within_days` ahead."""
        today = today or date.today()
        horizon = today + timedelta(days=within_days)
        return self.filter(next_review_due__gte=today, next_review_due__lte=horizon)

    def review_pending(self) -> ContentItemQuerySet[_T]:
        """Never clinically reviewed and no review scheduled (DESIGN 1.5: `pending`)."""
        return self.filter(NEVER_REVIEWED)

    def review_current(self, *, today: date | None = None) -> ContentItemQuerySet[_T]:
        """Neither pending nor overdue (DESIGN 1.5: `current`)."""
        return self.exclude(NEVER_REVIEWED).exclude(next_review_due__lt=today or date.today())

    def review_due(
        self, *, within_days: int = REVIEW_HORIZON_DAYS, today: date | None = None
    ) -> ContentItemQuerySet[_T]:
        """What editors must look at: overdue, due within `within_days`, or pending."""
        horizon = (today or date.today()) + timedelta(days=within_days)
        return self.filter(Q(next_review_due__lte=horizon) | NEVER_REVIEWED)
