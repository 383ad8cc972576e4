"""Writes of what every reader is told with the content: the medical disclaimer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import reversion
from django.db import transaction
from django.utils import timezone

from content import approval, text, versions
from content.models import Disclaimer
from content.types import ITEM_TYPES

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


@transaction.atomic
def disclaimer_save(*, disclaimer: Disclaimer, by: AbstractBaseUser | None) -> Disclaimer:
    """Store a change to the disclaimer, by a clinical reviewer: its version goes up,
    and every item is stamped, as every item's attribution carries it."""
    approval.require_reviewer(by, item=disclaimer, action="change")
    text.normalise_text_fields(disclaimer)
    disclaimer.full_clean()
    stored = Disclaimer.objects.select_for_update().get(pk=disclaimer.pk)
    disclaimer.version = stored.version + 1
    disclaimer.updated_at = timezone.now()
    disclaimer.updated_by_id = by.pk if by is not None and by.is_authenticated else None
    with reversion.create_revision():
        disclaimer.save()
        if by is not None and by.is_authenticated:
            reversion.set_user(by)
        reversion.set_comment(f"Disclaimer version {disclaimer.version}.")
    stamp = versions.bump().value
    for item_type in ITEM_TYPES.values():
        item_type.model._base_manager.update(stamp=stamp)
    return disclaimer
