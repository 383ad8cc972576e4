"""Working copies (DESIGN 1.5): writing, discarding and submitting the draft of a
live item (content.models.Draft), applying it when it is published, and applying every
draft for a preview.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from content import approval, search, types, urgent_care, working_copies
from content.models import (
    ContentItem,
    Draft,
    Image,
    Status,
    Submission,
)
from content.services.images import renditions_requested
from content.services.storing import (
    Action,
    TransitionNotAllowed,
    audit,
    content_relations_saved,
    derive,
    require_status,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser


@transaction.atomic
def draft_save(
    *,
    item: ContentItem,
    content: working_copies.Content,
    by: AbstractBaseUser | None,
    record: bool = True,
) -> Draft | None:
    """Keep `content` (content.working_copies) as the working copy of the live
    `item`: readers keep the live version until it is published. A working copy
    that no longer differs from the live version is no draft: it is discarded.
    `record=False` leaves it out of the editorial record (a draft the admin
    writes only to show it in a form).
    """
    require_status(item, allowed={Status.PUBLISHED}, action="save a draft of")
    draft = Draft.objects.select_for_update().filter(item_id=item.pk).first()
    live = type(item)._base_manager.get(pk=item.pk)
    live_content = working_copies.take(live)
    if by is not None:
        # A condition's urgent-care statements keep their reviews only where the
        # draft leaves their text as it is live (content.urgent_care).
        fields = urgent_care.settle_fields(content["fields"], before=live_content["fields"])
        content = {**content, "fields": fields}
    if content == live_content:
        if draft is not None:
            draft.delete()
            if record:
                audit(item, Action.DRAFT_DISCARDED, by=by, note="Saved as the live version is.")
        return None
    if draft is not None and draft.content == content:
        return draft  # saved again unchanged: nothing new to keep or record
    if draft is None:
        draft = Draft(item_id=item.pk, item_type=types.of(item).name, version=0)
        draft.based_on_revision = live.revision
    draft.content = content
    draft.version += 1
    draft.updated_at = timezone.now()
    draft.updated_by_id = by.pk if by is not None and by.is_authenticated else None
    draft.save()
    if isinstance(item, Image):
        fields = content["fields"]
        renditions_requested(
            source=fields["file"], focal_x=fields["focal_x"], focal_y=fields["focal_y"]
        )
    if record:
        audit(item, Action.DRAFT_SAVED, by=by)
    return draft


@transaction.atomic
def draft_discard(*, item: ContentItem, by: AbstractBaseUser | None) -> None:
    """Throw away the working copy of `item`; readers never saw it."""
    deleted, _ = Draft.objects.filter(item_id=item.pk).delete()
    if deleted:
        Submission.objects.filter(item_id=item.pk).delete()
        audit(item, Action.DRAFT_DISCARDED, by=by)


@transaction.atomic
def content_submit(*, item: ContentItem, by: AbstractBaseUser | None, note: str = "") -> None:
    """Ask a clinical reviewer to approve `item`'s working copy: a live item's
    draft, or the item itself when it is not live (content.models.Submission)."""
    require_status(item, allowed={Status.DRAFT, Status.PUBLISHED}, action="submit")
    who = by.pk if by is not None and by.is_authenticated else None
    Submission.objects.update_or_create(
        item_id=item.pk,
        defaults={
            "item_type": types.of(item).name,
            "by_id": who,
            "at": timezone.now(),
            "note": note,
        },
    )
    audit(item, Action.SUBMITTED, by=by, note=note)


@transaction.atomic
def content_request_changes(*, item: ContentItem, by: AbstractBaseUser, note: str) -> None:
    """A clinical reviewer sends a submitted working copy back to its editors, saying
    what to change (`note`, required); nothing reaches readers."""
    approval.require_reviewer(by, item=item, action="request changes to")
    if not note.strip():
        raise ValidationError(
            f"Cannot request changes to “{item}” without saying what to change: write it "
            "in the note for the review.",
            code="note_required",
        )
    submitted, _ = Submission.objects.filter(item_id=item.pk).delete()
    if not submitted:
        raise TransitionNotAllowed(
            f"Cannot request changes to “{item}”: nobody submitted it for review.",
            code="transition_not_allowed",
        )
    audit(item, Action.CHANGES_REQUESTED, by=by, note=note)


def content_restored(*, item: ContentItem, by: AbstractBaseUser | None, note: str) -> None:
    """Record that `item` (or its draft) was restored from its history (the admin does it)."""
    audit(item, Action.RESTORED, by=by, note=note)


def take_draft(item: ContentItem) -> Draft | None:
    """`item`'s working copy, applied to it in memory, and deleted (in the
    caller's transaction): the caller stores the item, then its relations."""
    draft = Draft.objects.select_for_update().filter(item_id=item.pk).first()
    if draft is not None:
        working_copies.apply_fields(item, draft.content)
        derive(item)
        item.full_clean()
        draft.delete()
    return draft


def store_relations(item: ContentItem, draft: Draft | None) -> None:
    """After the item's row: its working copy's relations, in the same revision."""
    if draft is None:
        return
    working_copies.write_relations(item, draft.content)
    content_relations_saved(item=item)
    reversion.add_to_revision(item)


@contextmanager
def drafts_applied() -> Iterator[None]:
    """Every working copy applied to its item, as publishing would apply it, in a
    transaction rolled back at the end: what a preview reads.

    Applied in the database rather than in memory, so that everything a
    preview reads (filters, search, counts, the relations of other items)
    sees the working copies, with no second way of reading content. Nothing
    is recorded (no revision, stamp or event) and nothing outlives the block.
    """
    with transaction.atomic():
        for draft in Draft.objects.order_by("item_id"):
            model = types.ITEM_TYPES[draft.item_type].model
            item = model._base_manager.filter(pk=draft.item_id).first()
            if item is None:
                continue
            working_copies.apply_fields(item, draft.content)
            derive(item)
            item.save()
            search.update_search_vector(item)
            working_copies.write_relations(item, draft.content)
        yield
        transaction.set_rollback(True)
