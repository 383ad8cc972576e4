"""What every reader is told with the content, deployment-wide (DESIGN 1.7): the
medical disclaimer. Reviewers edit it in the admin; the API serves it in the index,
the bundle and every item's attribution."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

DISCLAIMER_MAX_LENGTH = 500


class DisclaimerManager(models.Manager["Disclaimer"]):
    def current(self) -> Disclaimer:
        """The disclaimer in force (its row is made by a migration)."""
        return self.get(pk=1)


class Disclaimer(models.Model):
    """The one disclaimer (a single row, made by a migration with a neutral text).

    `version` goes up with every change, so that a partner that shows it can tell
    that it changed; content.services stamps every item with it, as each item's
    attribution carries it.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1, editable=False)
    text = models.CharField(
        max_length=DISCLAIMER_MAX_LENGTH,
        help_text="Plain text, one short paragraph: what the content is not (medical advice), "
        "and what to do in an emergency.",
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = DisclaimerManager()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="disclaimer_single_row"),
        ]

    def __str__(self) -> str:
        return f"Medical disclaimer (version {self.version})"
