"""Writes of the taxonomies: body regions, condition categories and FAQ topics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from content import stamps, text, versions
from content.models import (
    Deletion,
    Taxonomy,
)
from content.services.storing import remember_deletion

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


@transaction.atomic
def taxonomy_save(*, term: Taxonomy, by: AbstractBaseUser | None) -> Taxonomy:
    """Validate and store a body region, category or topic; published items show its name."""
    text.normalise_text_fields(term)
    term.full_clean()
    term.save()
    Deletion.objects.filter(pk=term.pk).delete()
    stamps.stamp_neighbours(term, stamp=versions.bump().value)
    return term


@transaction.atomic
def taxonomy_delete(*, term: Taxonomy, by: AbstractBaseUser | None) -> None:
    """Delete a term; refused (ProtectedError) while a condition or FAQ still uses it
    as its category or topic (a body region is simply taken off its conditions).
    The deletion is remembered, as content_delete's is."""
    stamps.stamp_neighbours(term, stamp=versions.bump().value)
    remember_deletion(term, by=by)
    term.delete()
