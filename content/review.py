"""The one rule of clinical review status (DESIGN 1.5), in Python and in SQL.

- `overdue`: its next review date has passed (the item is still served);
- `pending`: never reviewed (no `last_reviewed`), and not overdue;
- `current`: reviewed, and not overdue.

`status_of` answers for one item's dates; `condition` is the same rule as a
filter, for the admin's lists and the review-due page. tests/content/test_review.py
checks that the two agree on every case.
"""

from __future__ import annotations

from datetime import date

from django.db import models
from django.db.models import Q


class ReviewStatus(models.TextChoices):
    PENDING = "pending", "Pending (never reviewed)"
    CURRENT = "current", "Current"
    OVERDUE = "overdue", "Overdue"


def status_of(*, last_reviewed: date | None, next_review_due: date | None, today: date) -> str:
    if next_review_due is not None and next_review_due < today:
        return ReviewStatus.OVERDUE.value
    if last_reviewed is None:
        return ReviewStatus.PENDING.value
    return ReviewStatus.CURRENT.value


def condition(status: str, *, today: date) -> Q:
    overdue = Q(next_review_due__lt=today)
    if status == ReviewStatus.OVERDUE:
        return overdue
    if status == ReviewStatus.PENDING:
        return Q(last_reviewed__isnull=True) & ~overdue
    if status == ReviewStatus.CURRENT:
        return Q(last_reviewed__isnull=False) & ~overdue
    raise ValueError(f"Not a review status: {status!r}")
