"""Reads that encode a rule about content, shared by the admin, the loader and the API."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, TypeVar

from django.db import models
from django.db.models import Q

from content import review

if TYPE_CHECKING:
    from content.models import ContentItem

_T = TypeVar("_T", bound="ContentItem")

# The editorial order of items and terms: every list, page and index uses it.
LIST_ORDER = ("position", "slug")
# How far ahead "due soon" looks, for the admin's filter and review-due page.
REVIEW_HORIZON_DAYS = 30


class ContentItemQuerySet(models.QuerySet[_T]):
    def published(self) -> ContentItemQuerySet[_T]:
        """What a consumer may see: published items, never drafts or archived ones."""
        return self.filter(status="published")

    def previewable(self) -> ContentItemQuerySet[_T]:
        """What a client that may preview sees: drafts too, never archived items."""
        return self.exclude(status="archived")

    def review_status(self, status: str, *, today: date | None = None) -> ContentItemQuerySet[_T]:
        """Items whose review status (content.review) is `status` today."""
        return self.filter(review.condition(status, today=today or date.today()))

    def review_overdue(self, *, today: date | None = None) -> ContentItemQuerySet[_T]:
        """Past their next review date (still served, flagged `review_overdue`)."""
        return self.review_status(review.ReviewStatus.OVERDUE, today=today)

    def review_due_soon(
        self, *, within_days: int = REVIEW_HORIZON_DAYS, today: date | None = None
    ) -> ContentItemQuerySet[_T]:
        """Due from today to `within_days` ahead."""
        today = today or date.today()
        horizon = today + timedelta(days=within_days)
        return self.filter(next_review_due__gte=today, next_review_due__lte=horizon)

    def review_pending(self, *, today: date | None = None) -> ContentItemQuerySet[_T]:
        """Never clinically reviewed, and not overdue (DESIGN 1.5: `pending`)."""
        return self.review_status(review.ReviewStatus.PENDING, today=today)

    def review_current(self, *, today: date | None = None) -> ContentItemQuerySet[_T]:
        """Reviewed, and not overdue (DESIGN 1.5: `current`)."""
        return self.review_status(review.ReviewStatus.CURRENT, today=today)

    def review_due(
        self, *, within_days: int = REVIEW_HORIZON_DAYS, today: date | None = None
    ) -> ContentItemQuerySet[_T]:
        """What editors must look at: overdue, due within `within_days`, or pending."""
        today = today or date.today()
        horizon = today + timedelta(days=within_days)
        pending = review.condition(review.ReviewStatus.PENDING, today=today)
        return self.filter(Q(next_review_due__lte=horizon) | pending)
