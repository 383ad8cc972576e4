"""Publishing and unpublishing at a set time (DESIGN 2.10): what a reviewer scheduled."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Schedule(models.Model):
    class Action(models.TextChoices):
        PUBLISH = "publish", "Publish"
        UNPUBLISH = "unpublish", "Unpublish"

    class State(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        DONE = "done", "Done"
        CANCELLED = "cancelled", "Cancelled"
        FAILED = "failed", "Not done"

    item_type = models.CharField(max_length=16)
    item_id = models.UUIDField()
    # The item's name when scheduled, for the list of what is scheduled.
    item_name = models.CharField(max_length=300)
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField()
    # The reviewer it is done as; gone if their account was deleted (then it is not done).
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SCHEDULED)
    # Why it was not done, when it was not.
    outcome = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["item_id", "state"], name="schedule_item_state")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=["publish", "unpublish"]),
                name="schedule_action_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} “{self.item_name}” at {self.at:%Y-%m-%d %H:%M} UTC"
