"""Publishing and unpublishing at a set time (DESIGN 2.10).

A clinical reviewer schedules an item to be published (its working copy, for a
live item) or unpublished at a time; a task due then (django-tasks' `run_after`)
does it as that reviewer, through the same services as the admin's buttons,
within seconds of the time while a worker runs. An item has at most one pending
schedule per action: scheduling again replaces it.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import task

from content import approval, types, working_copies
from content.models import ContentItem, Schedule, Status
from content.services.items import content_publish, content_unpublish

DO = {Schedule.Action.PUBLISH: content_publish, Schedule.Action.UNPUBLISH: content_unpublish}


@transaction.atomic
def content_schedule(
    *, item: ContentItem, action: str, at: datetime, by: AbstractBaseUser
) -> Schedule:
    """Have `action` (publish or unpublish) done to `item` at `at`, as `by`."""
    approval.require_reviewer(by, item=item, action=f"schedule to {action}")
    if at <= timezone.now():
        raise ValidationError("Choose a time in the future.", code="past")
    live = item.is_published
    if action == Schedule.Action.PUBLISH and live and working_copies.draft_of(item) is None:
        raise ValidationError(f"“{item}” is live and has no draft to publish.", code="nothing")
    if action == Schedule.Action.UNPUBLISH and not live:
        raise ValidationError(f"“{item}” is not live.", code="not_live")
    if item.status == Status.ARCHIVED:
        raise ValidationError(f"“{item}” is archived.", code="archived")
    pending(item).filter(action=action).update(
        state=Schedule.State.CANCELLED, outcome="Replaced by a later schedule."
    )
    schedule = Schedule.objects.create(
        item_type=types.of(item).name, item_id=item.pk, item_name=str(item)[:300],
        action=action, at=at, by_id=by.pk,
    )  # fmt: skip
    transaction.on_commit(partial(run_schedule.using(run_after=at).enqueue, schedule.pk))
    return schedule


def content_unschedule(*, schedule: Schedule, by: AbstractBaseUser) -> None:
    """Cancel `schedule`, if it is still pending."""
    Schedule.objects.filter(pk=schedule.pk, state=Schedule.State.SCHEDULED).update(
        state=Schedule.State.CANCELLED, outcome=f"Cancelled by {by}."
    )


def pending(item: ContentItem) -> QuerySet[Schedule]:
    return Schedule.objects.filter(item_id=item.pk, state=Schedule.State.SCHEDULED)


@task()
def run_schedule(schedule_id: int) -> str:
    """Do what `schedule_id` schedules, if it is still pending: its state after.
    Idempotent: a schedule is done at most once (its row is locked and its state
    checked). Not retried: what stops it (the item deleted, nothing left to
    publish) stays, and the schedule says why."""
    with transaction.atomic():
        schedule = Schedule.objects.select_for_update().get(pk=schedule_id)
        if schedule.state != Schedule.State.SCHEDULED:
            return schedule.state
        model = types.ITEM_TYPES[schedule.item_type].model
        item = model._base_manager.filter(pk=schedule.item_id).first()
        try:
            if item is None:
                raise ValidationError("The item was deleted.")
            if schedule.by is None:
                raise ValidationError("The account of the reviewer who scheduled it was deleted.")
            DO[Schedule.Action(schedule.action)](item=item, by=schedule.by)
        except ValidationError as refused:
            schedule.state, schedule.outcome = Schedule.State.FAILED, " ".join(refused.messages)
        else:
            schedule.state = Schedule.State.DONE
        schedule.save(update_fields=["state", "outcome"])
        return schedule.state
