"""Who may approve clinical content, and how they are credited (DESIGN 1.5)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ReviewerProfile(models.Model):
    """How a clinical reviewer is credited on what they approve: the name and
    credentials readers see in an item's `reviewed_by`."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="reviewer_profile",
    )
    display_name = models.CharField(max_length=200, help_text="As readers see it.")
    credentials = models.CharField(max_length=200, help_text="e.g. “PT, certified in IMS”.")

    class Meta:
        permissions = [("approve_content", "Can approve clinical content and publish it")]

    def __str__(self) -> str:
        return f"{self.display_name}, {self.credentials}"
