"""Working copies (DESIGN 1.5): the draft changes of a live item, kept beside it.

A live (published) item's row is what readers see. An editor's changes to it
are kept here, one `Draft` per item, until a clinical reviewer publishes them
(content.services) or someone discards them; the row does not change
meanwhile. An item that is not live has no draft: its row is its working
copy. As Wagtail keeps a page's latest revision beside its live one, and
Strapi 5 a draft document beside the published one.
"""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class Draft(models.Model):
    """The working copy of one live item: every field an editor writes, its
    relations, and who changed it when (content.working_copies reads and applies it)."""

    item_id = models.UUIDField(unique=True, help_text="The live item's id.")
    # content.types name: condition, faq or mechanism.
    item_type = models.CharField(max_length=32)
    # {"fields": {column: value}, "relations": {many-to-many: [ids]}, "rows": {name: [row]}}
    content = models.JSONField(encoder=DjangoJSONEncoder)
    # The item's revision when the draft was started: what "live" meant then.
    based_on_revision = models.PositiveIntegerField()
    # Goes up on every save of the draft: an editor's form carries it, and a
    # save based on an older one is refused (content.conflicts).
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "draft change"

    def __str__(self) -> str:
        return f"draft of {self.item_type} {self.item_id}"
