from __future__ import annotations

from datetime import date, timedelta

import pytest

from content.models import Condition, ReviewStatus
from content.services import content_save
from tests.factories import ConditionCategoryFactory, ConditionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_content")]

TODAY = date.today()
DAY = timedelta(days=1)


@pytest.mark.parametrize(
    ("last_reviewed", "next_review_due", "status"),
    [
        (None, None, ReviewStatus.PENDING),
        (TODAY - 400 * DAY, None, ReviewStatus.CURRENT),
        (TODAY - 30 * DAY, TODAY + 300 * DAY, ReviewStatus.CURRENT),
        (TODAY - 30 * DAY, TODAY, ReviewStatus.CURRENT),
        (None, TODAY + 10 * DAY, ReviewStatus.CURRENT),
        (TODAY - 400 * DAY, TODAY - DAY, ReviewStatus.OVERDUE),
        (None, TODAY - DAY, ReviewStatus.OVERDUE),
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
