"""Reads that encode a rule about content, shared by the admin, the loader and the API."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, TypeVar

from django.db import models
from django.db.models import Q

if TYPE_CHECKING:
    from content.models import ContentItem

_T = TypeVar("_T", bound="ContentItem")


class ContentItemQuerySet(models.QuerySet[_T]):
    def published(self) -> ContentItemQuerySet[_T]:
        """What a consumer may see: published items, never drafts or archived ones."""
        return self.filter(status="published")

    def review_overdue(self, *, today: date | None = None) -> ContentItemQuerySet[_T]:
        """Past their next review date (still served, flagged `review_overdue`)."""
        return self.filter(next_review_due__lt=today or date.today())

    def review_due(
        self, *, within_days: int = 30, today: date | None = None
    ) -> ContentItemQuerySet[_T]:
        """Overdue, due within `within_days`, or never reviewed: what editors must look at."""
        horizon = (today or date.today()) + timedelta(days=within_days)
        return self.filter(Q(next_review_due__lte=horizon) | Q(next_review_due__isnull=True))
