"""The editorial record (DESIGN 1.5): every step of an item's way to readers, with who
and when. For the people who run the content; partners read the public changes feed
(content.models.ContentEvent), which reports live changes only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class EditorialEvent(models.Model):
    """One editorial step on an item, appended by content.services in the step's transaction."""

    class Action(models.TextChoices):
        SAVED = "saved", "Saved"
        DRAFT_SAVED = "draft_saved", "Draft saved"
        DRAFT_DISCARDED = "draft_discarded", "Draft discarded"
        SUBMITTED = "submitted", "Submitted for review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"
        UNPUBLISHED = "unpublished", "Unpublished"
        ARCHIVED = "archived", "Archived"
        DELETED = "deleted", "Deleted"
        RESTORED = "restored", "Restored"
        TRANSLATION_REVIEWED = "translation_reviewed", "Translation reviewed"

    id = models.BigAutoField(primary_key=True)
    action = models.CharField(max_length=20, choices=Action.choices)
    item_type = models.CharField(max_length=16)
    item_id = models.UUIDField()
    slug = models.SlugField(max_length=100)
    # The live revision after the step.
    revision = models.PositiveIntegerField()
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The user's name as it was then (kept if the account goes); empty for a script.
    by_name = models.CharField(max_length=150, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["item_id", "-id"], name="editorialevent_item")]

    def __str__(self) -> str:
        who = self.by_name or "a script"
        return f"{self.get_action_display()} {self.item_type} {self.slug} by {who}"


class Submission(models.Model):
    """An item's working copy waiting for a clinical reviewer (DESIGN 1.5: an editor
    submits, a reviewer approves or asks for changes). Gone once it is published,
    approved, sent back with changes requested, withdrawn from readers, discarded
    or deleted."""

    item_id = models.UUIDField(unique=True)
    item_type = models.CharField(max_length=16)
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.CharField(max_length=500, blank=True, help_text="What the reviewer should know.")

    def __str__(self) -> str:
        return f"{self.item_type} {self.item_id} submitted {self.at:%Y-%m-%d}"
