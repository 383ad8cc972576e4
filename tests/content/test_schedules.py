"""Publishing and unpublishing at a set time (DESIGN 2.10): scheduled by a reviewer, done by
a worker as that reviewer, shown and cancellable in the admin.

Tasks go through the database backend and `manage.py db_worker` in this process; "the
time comes" by moving the schedule and its task to the past, as a clock would.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from content.approval import ReviewRequired
from content.models import Condition, EditorialEvent, Schedule
from content.services import content_schedule, content_unpublish
from tests.admin import form_data
from tests.tasks import DATABASE_TASKS, run_the_worker

pytestmark = pytest.mark.django_db(transaction=True)

LATER = timedelta(hours=2)


@pytest.fixture(autouse=True)
def _tasks_in_the_database(settings) -> None:  # type: ignore[no-untyped-def]
    settings.TASKS = DATABASE_TASKS


def _when_the_time_comes() -> None:
    past = timezone.now() - timedelta(seconds=1)
    Schedule.objects.update(at=past)
    DBTaskResult.objects.update(run_after=past)
    run_the_worker()


def test_a_scheduled_publish_happens_at_its_time_as_the_reviewer(reviewer) -> None:
    item = content_unpublish(item=Condition.objects.get(slug="tennis-elbow"), by=reviewer)
    at = timezone.now() + LATER

    schedule = content_schedule(item=item, action="publish", at=at, by=reviewer)
    run_the_worker()
    not_yet = Condition.objects.get(pk=item.pk).status
    _when_the_time_comes()

    assert not_yet == "draft"
    ran = DBTaskResult.objects.get(task_path="content.services.schedules.run_schedule")
    assert ran.status == "SUCCESSFUL"
    assert Condition.objects.get(pk=item.pk).status == "published"
    schedule.refresh_from_db()
    assert schedule.state == "done"
    published = EditorialEvent.objects.filter(item_id=item.pk).first()
    assert (published.action, published.by_name) == ("published", str(reviewer))


def test_a_scheduled_unpublish_that_can_no_longer_happen_says_why(reviewer) -> None:
    item = Condition.objects.get(slug="tennis-elbow")
    schedule = content_schedule(
        item=item, action="unpublish", at=timezone.now() + LATER, by=reviewer
    )
    content_unpublish(item=item, by=reviewer)

    _when_the_time_comes()

    schedule.refresh_from_db()
    assert schedule.state == "failed"
    assert "unpublish" in schedule.outcome


@pytest.mark.django_db
def test_only_a_reviewer_schedules_and_only_what_can_be_done(writer, reviewer) -> None:
    live = Condition.objects.get(slug="tennis-elbow")

    with pytest.raises(ReviewRequired):
        content_schedule(item=live, action="unpublish", at=timezone.now() + LATER, by=writer)
    with pytest.raises(ValidationError, match="in the future"):
        content_schedule(item=live, action="unpublish", at=timezone.now(), by=reviewer)
    with pytest.raises(ValidationError, match="no draft to publish"):
        content_schedule(item=live, action="publish", at=timezone.now() + LATER, by=reviewer)
    assert not Schedule.objects.exists()


@pytest.mark.django_db
def test_the_item_page_schedules_shows_and_cancels(client, reviewer) -> None:
    item = Condition.objects.get(slug="tennis-elbow")
    client.force_login(reviewer)
    url = reverse("admin:content_condition_change", args=[item.pk])
    at = (timezone.now() + LATER).replace(second=0, microsecond=0)

    client.post(
        url,
        {
            **form_data(client.get(url)),
            "_schedule_at": f"{at:%Y-%m-%dT%H:%M}",
            "_schedule_unpublish": "",
        },
    )
    page = client.get(url).content.decode()
    schedule = Schedule.objects.get()
    client.post(url, {**form_data(client.get(url)), "_unschedule": str(schedule.pk)})
    listed = client.get(reverse("admin:content_schedule_changelist")).content.decode()

    assert (schedule.action, schedule.at, schedule.by) == ("unpublish", at, reviewer)
    assert f"Scheduled: unpublish on {at:%Y-%m-%d %H:%M} UTC" in page
    schedule.refresh_from_db()
    assert schedule.state == "cancelled"
    assert "Cancelled" in listed
    assert Condition.objects.get(pk=item.pk).status == "published"


def test_a_schedule_whose_reviewer_left_is_not_done(reviewer) -> None:
    item = Condition.objects.get(slug="tennis-elbow")
    schedule = content_schedule(
        item=item, action="unpublish", at=timezone.now() + LATER, by=reviewer
    )
    reviewer.delete()

    _when_the_time_comes()

    schedule.refresh_from_db()
    assert (schedule.state, schedule.by) == ("failed", None)
    assert "account" in schedule.outcome
    assert Condition.objects.get(pk=item.pk).status == "published"
