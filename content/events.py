"""Keeping the changes feed small without losing anything a partner needs.

The retention rule: an event may go once it is older than the retention
period *and* a later event of the same item exists. The latest event of each
item, a tombstone included, is kept for ever, so a partner replaying from the
start, or from any cursor it kept, still ends with exactly the published set.
"""

from __future__ import annotations

from datetime import datetime

from django.db.models import Exists, OuterRef

from content.models import ContentEvent


def prune_superseded(*, older_than: datetime) -> int:
    later = ContentEvent.objects.filter(
        item_type=OuterRef("item_type"), item_id=OuterRef("item_id"), id__gt=OuterRef("id")
    )
    deleted, _ = ContentEvent.objects.filter(at__lt=older_than).filter(Exists(later)).delete()
    return deleted
