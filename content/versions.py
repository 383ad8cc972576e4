"""The content version: one number for "everything a consumer can see, as of now"."""

from __future__ import annotations

from django.db.models import F

from content.models import ContentVersion


def current() -> int:
    """The current content version (0 before any published change). One query."""
    return ContentVersion.objects.filter(pk=1).values_list("value", flat=True).first() or 0


def bump() -> int:
    """Move the version on; call inside the transaction of the change it announces."""
    ContentVersion.objects.get_or_create(pk=1)
    ContentVersion.objects.filter(pk=1).update(value=F("value") + 1)
    return current()
