"""Clinical review before publishing (DESIGN 1.5): who may make a change reach
readers, and the review record it leaves.

With settings.REVIEW_REQUIRED_TO_PUBLISH (on by default) only a *Clinical
reviewer* (the `content.approve_content` permission) publishes, unpublishes,
archives or deletes what readers see, or saves a change to a live item; each
such change that leaves content live records their review on it: who (their
profile's name and credentials), when, and when it is due again
(settings.REVIEW_INTERVAL_MONTHS later). An *Editor* writes and changes what
readers do not see. Writes with no user (loading content files, generated
data) are the deployment's own and are not checked.

An editor's change to a live item is a draft (content.models.Draft) until a
reviewer publishes it, which records their review. A condition's urgent-care
statements carry reviews of their own (content.urgent_care): an approval records it
on each of them.
"""

from __future__ import annotations

import calendar
from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Model

from content import urgent_care
from content.models import ContentItem

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

PERMISSION = "content.approve_content"


class ReviewRequired(ValidationError):
    """Only a clinical reviewer may make this change reach readers."""


def is_reviewer(user: AbstractBaseUser) -> bool:
    return bool(user.has_perm(PERMISSION))  # type: ignore[attr-defined]


def reaches_readers(user: AbstractBaseUser) -> bool:
    """Whether what `user` changes may reach readers: theirs is a clinical
    reviewer's, or no review is required."""
    return not settings.REVIEW_REQUIRED_TO_PUBLISH or is_reviewer(user)


def require_reviewer(user: AbstractBaseUser | None, *, item: Model, action: str) -> None:
    """Refuse `action` on `item` by `user` unless it may reach readers through them."""
    if user is None or reaches_readers(user):
        return
    raise ReviewRequired(
        f"Cannot {action} “{item}”: what readers see changes only through a clinical "
        "reviewer (the “Clinical reviewer” group).",
        code="review_required",
    )


def reviewed_on_the_way(item: ContentItem, *, by: AbstractBaseUser | None, action: str) -> None:
    """A change that leaves `item` live for readers: refused unless `by` is a
    clinical reviewer, whose review it then records (when reviews are required)."""
    if by is None or not settings.REVIEW_REQUIRED_TO_PUBLISH:
        return
    require_reviewer(by, item=item, action=action)
    record_review(item, by=by)


def record_review(item: ContentItem, *, by: AbstractBaseUser, today: date | None = None) -> None:
    """Credit `by` with reviewing `item` as it now stands (in memory, saved by the caller)."""
    name, credentials = reviewer_credit(by, item=item)
    today = today or date.today()
    item.last_reviewed = today
    item.next_review_due = months_after(today, settings.REVIEW_INTERVAL_MONTHS)
    item.reviewed_by_name = name
    item.reviewed_by_credentials = credentials
    # Their review covers the item as it stands: its urgent-care statements too.
    credited = ", ".join(part for part in (name, credentials) if part)
    urgent_care.record_review(item, by=credited, on=today)


def reviewer_credit(by: AbstractBaseUser, *, item: Model) -> tuple[str, str]:
    """The name and credentials readers see for `by`'s review of `item`."""
    try:
        profile = by.reviewer_profile  # type: ignore[attr-defined]
    except ObjectDoesNotExist:
        raise ReviewRequired(
            f"Cannot approve “{item}”: {by.get_username()} has no reviewer profile (the name "
            "and credentials readers see). Add one under Users in the admin.",
            code="no_reviewer_profile",
        ) from None
    return profile.display_name, profile.credentials


def months_after(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day if it is shorter."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
