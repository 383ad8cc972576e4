"""The review status rule (content/review.py): one rule, the same in Python and in SQL."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import product

import pytest

from content.models import Condition
from content.review import ReviewStatus, status_of
from content.services import content_save
from tests.factories import ConditionCategoryFactory, ConditionFactory

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)
NOW = date.today()
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("last_reviewed", "next_review_due", "expected"),
    [
        (None, None, ReviewStatus.PENDING),  # never reviewed
        (None, TODAY + 30 * DAY, ReviewStatus.PENDING),  # never reviewed, a date set
        (TODAY - 400 * DAY, None, ReviewStatus.CURRENT),  # reviewed, no date set
        (TODAY - 10 * DAY, TODAY, ReviewStatus.CURRENT),  # due today: not yet overdue
        (TODAY - 400 * DAY, TODAY - DAY, ReviewStatus.OVERDUE),
        (None, TODAY - DAY, ReviewStatus.OVERDUE),  # never reviewed and past its date
    ],
)
def test_the_status_of_an_items_review_dates(last_reviewed, next_review_due, expected) -> None:  # type: ignore[no-untyped-def]
    assert (
        status_of(last_reviewed=last_reviewed, next_review_due=next_review_due, today=TODAY)
        == expected
    )


def test_the_querysets_select_exactly_the_items_the_rule_names() -> None:
    category = ConditionCategoryFactory()
    dates = [None, TODAY - 400 * DAY, TODAY - DAY, TODAY, TODAY + 30 * DAY]
    for n, (last, due) in enumerate(product([*dates[:2], TODAY - 10 * DAY], dates)):
        if last is not None and due is not None and due < last:
            continue  # the model refuses a review due before the last one
        content_save(
            item=ConditionFactory.build(
                category=category, slug=f"case-{n}", last_reviewed=last, next_review_due=due
            ),
            by=None,
        )
    cases = Condition.objects.filter(slug__startswith="case-")

    for status in ReviewStatus:
        selected = set(cases.review_status(status, today=TODAY).values_list("slug", flat=True))
        expected = {
            item.slug
            for item in cases
            if status_of(
                last_reviewed=item.last_reviewed, next_review_due=item.next_review_due, today=TODAY
            )
            == status
        }
        assert selected == expected, status
        assert expected, f"no case is {status}"


@pytest.mark.usefixtures("no_content")
@pytest.mark.parametrize(
    ("last_reviewed", "next_review_due", "status"),
    [
        (None, None, ReviewStatus.PENDING),
        (NOW - 400 * DAY, None, ReviewStatus.CURRENT),
        (NOW - 30 * DAY, NOW + 300 * DAY, ReviewStatus.CURRENT),
        (NOW - 30 * DAY, NOW, ReviewStatus.CURRENT),
        (None, NOW + 10 * DAY, ReviewStatus.PENDING),  # never reviewed, a date set
        (NOW - 400 * DAY, NOW - DAY, ReviewStatus.OVERDUE),
        (None, NOW - DAY, ReviewStatus.OVERDUE),
    ],
)
def test_an_items_review_status_is_the_one_its_queryset_selects_it_by(
    editor, last_reviewed: date | None, next_review_due: date | None, status: ReviewStatus
) -> None:
    item = ConditionFactory.build(
        category=ConditionCategoryFactory(),
        last_reviewed=last_reviewed,
        next_review_due=next_review_due,
    )
    content_save(item=item, by=editor)
    selections = {
        ReviewStatus.PENDING: Condition.objects.review_pending(),
        ReviewStatus.CURRENT: Condition.objects.review_current(),
        ReviewStatus.OVERDUE: Condition.objects.review_overdue(),
    }

    assert item.review_status == status
    assert [s for s, selected in selections.items() if item in selected] == [status]
