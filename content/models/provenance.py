"""What `load_content` needs to know to never undo an editor (DESIGN 1.4): which items
and terms were deleted here, and what it last wrote for each one it loaded.

Neither is kept anywhere else. The changes feed (ContentEvent) reports what readers could
see: deleting a draft or an archived item leaves no event there, and its "removed" also
means unpublished. History (django-reversion) records saves, not deletions, and is what an
operator prunes (`deleterevisions`); pruning it must not bring deleted content back.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Deletion(models.Model):
    """An item or term deleted here, written by content.services when it deletes it.

    `load_content` does not create it again unless asked for by its id (`--restore`);
    saving an item or term with this id (restored) removes the record.
    """

    id = models.UUIDField(primary_key=True, help_text="The deleted item's or term's id.")
    # The model's name: condition, faq, mechanism, bodyregion, …
    kind = models.CharField(max_length=32)
    slug = models.SlugField(max_length=100)
    at = models.DateTimeField(default=timezone.now)
    # The user's name as it was then; empty when a script deleted it.
    by = models.CharField(max_length=150, blank=True)

    def __str__(self) -> str:
        return f"{self.kind} {self.slug} deleted {self.at:%Y-%m-%d}"


class LoadedDocument(models.Model):
    """The document (content.documents) `load_content` last wrote for an item or term.

    A stored item whose document differs from it was changed here since, by an editor
    or anyone else, and a later load leaves it alone (content.seed.planning).
    """

    id = models.UUIDField(primary_key=True, help_text="The item's or term's id.")
    document = models.JSONField()
    loaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"loaded {self.document.get('slug', self.id)} {self.loaded_at:%Y-%m-%d}"
