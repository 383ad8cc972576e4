"""What records a change a consumer can see: the content version and the event feed."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone


class ContentVersion(models.Model):
    """One counter that goes up with every change a consumer can see.

    Anything derived from published content (rendered representations, cached
    responses, ETags) is keyed by it, so a change makes every stale copy
    unreachable at once. Only content.services moves it.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    value = models.PositiveBigIntegerField(default=0)
    # New with each database: a restored or recreated database that counts
    # from 0 again never meets a shared cache's entries of another one.
    epoch = models.UUIDField(default=uuid.uuid4, editable=False)
    changed_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="contentversion_single_row"),
        ]

    def __str__(self) -> str:
        return f"content version {self.value}"


class ContentEvent(models.Model):
    """One change a consumer can see, appended by content.services in the change's transaction.

    Ids are allocated while the content version row is locked, so they follow
    commit order: a reader that has seen event N has seen every event before it.
    """

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        REMOVED = "removed", "Removed"

    id = models.BigAutoField(primary_key=True)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    item_type = models.CharField(max_length=16)
    item_id = models.UUIDField()
    slug = models.SlugField(max_length=100)
    revision = models.PositiveIntegerField()
    at = models.DateTimeField(default=timezone.now)
    # The value of the content version the change moved to (content.versions): the
    # events of one change, for what must forget it (an edge cache; api.caching.edge).
    version = models.PositiveBigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["item_type", "id"], name="contentevent_type_id"),
            models.Index(fields=["version"], name="contentevent_version"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["created", "updated", "removed"]),
                name="contentevent_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.item_type} {self.slug} r{self.revision}"
