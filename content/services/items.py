"""The editorial transitions of an item: saving, publishing, unpublishing, archiving,
approving, reviewing a translation and deleting, and what loading content files records.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING
from uuid import UUID

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from content import approval, stamps, suggestions, translation_records, versions
from content.models import (
    ContentItem,
    Draft,
    LoadedDocument,
    Status,
    Submission,
)
from content.services.drafts import store_relations, take_draft
from content.services.storing import (
    Action,
    Item,
    audit,
    derive,
    record_change,
    remember_deletion,
    require_status,
    settle_statements,
    store,
    stored_state,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    # The seed-file format (pydantic): only loading needs it, not a serving process.
    from content import documents


@transaction.atomic
def content_save(*, item: Item, by: AbstractBaseUser | None, comment: str = "Saved.") -> Item:
    """Validate and store an editor's changes to `item`, with fresh renditions and
    LF line endings in every text field (content.text).

    A new item is a draft unless its status says otherwise; editing a published
    item is a published change, so its revision goes up, and, by a person, one
    only a clinical reviewer makes, which records their review (content.approval).
    A condition's urgent-care statements keep their reviews only where a person
    left their text unchanged (content.urgent_care).
    Raises ValidationError, naming the field, before anything is written.
    """
    settle_statements(item, by=by)
    if item.is_published:
        approval.reviewed_on_the_way(item, by=by, action="change")
    derive(item)
    item.full_clean()
    translation_records.check(item)
    return store(item=item, by=by, comment=comment, bump=item.is_published, action=Action.SAVED)


@transaction.atomic
def content_publish(*, item: Item, by: AbstractBaseUser | None) -> Item:
    """Make `item` visible to consumers: a draft or archived item, or the working
    copy of a live one (content.models.Draft). By a person, only a clinical
    reviewer's, which records their review."""
    with reversion.create_revision():
        draft = take_draft(item) if stored_state(item)[0] else None
        if draft is None:
            require_status(item, allowed={Status.DRAFT, Status.ARCHIVED}, action="publish")
            item.published_at = first_publication(item)
        approval.reviewed_on_the_way(item, by=by, action="publish")
        item.status = Status.PUBLISHED
        comment = "Published the draft changes." if draft else "Published."
        store(item=item, by=by, comment=comment, bump=True, action=Action.PUBLISHED)
        store_relations(item, draft)
    return item


def first_publication(item: ContentItem) -> datetime:
    """When `item` was first published: kept when it is published again after being
    withdrawn (JSON-LD's `datePublished`; `updated_at` is its last published change)."""
    return item.published_at or timezone.now()


@transaction.atomic
def content_unpublish(*, item: Item, by: AbstractBaseUser | None) -> Item:
    """Withdraw `item` from consumers and return it to draft."""
    require_status(item, allowed={Status.PUBLISHED}, action="unpublish")
    approval.require_reviewer(by, item=item, action="unpublish")
    return _withdraw(item, by=by, status=Status.DRAFT, action=Action.UNPUBLISHED)


def _withdraw(item: Item, *, by: AbstractBaseUser | None, status: Status, action: Action) -> Item:
    """Take a live `item` from readers; its working copy, if any, becomes the item
    (a withdrawn item's row is its working copy)."""
    with reversion.create_revision():
        draft = take_draft(item)
        item.status = status
        store(item=item, by=by, comment=f"{action.label}.", bump=True, action=action)
        store_relations(item, draft)
    return item


@transaction.atomic
def content_archive(*, item: Item, by: AbstractBaseUser | None) -> Item:
    """Retire `item`: hidden from consumers, kept with its history."""
    require_status(item, allowed={Status.DRAFT, Status.PUBLISHED}, action="archive")
    if item.is_published:
        approval.require_reviewer(by, item=item, action="archive")
        return _withdraw(item, by=by, status=Status.ARCHIVED, action=Action.ARCHIVED)
    item.status = Status.ARCHIVED
    return store(item=item, by=by, comment="Archived.", bump=True, action=Action.ARCHIVED)


@transaction.atomic
def content_approve(*, item: Item, by: AbstractBaseUser) -> Item:
    """Record a clinical reviewer's review of `item` as it stands: published, it
    stays so with the new review record (a change readers see); otherwise it is
    published with it."""
    if not approval.is_reviewer(by):
        raise approval.ReviewRequired(
            f"Cannot approve “{item}”: only a clinical reviewer approves.", code="review_required"
        )
    with reversion.create_revision():
        if stored_state(item)[0]:
            draft = take_draft(item)
            approval.record_review(item, by=by)
            comment = "Approved and published the draft changes." if draft else "Approved."
            store(item=item, by=by, comment=comment, bump=True, action=Action.APPROVED)
            store_relations(item, draft)
            return item
        require_status(item, allowed={Status.DRAFT, Status.ARCHIVED}, action="approve")
        approval.record_review(item, by=by)
        item.status = Status.PUBLISHED
        item.published_at = first_publication(item)
        return store(
            item=item, by=by, comment="Approved and published.", bump=True, action=Action.APPROVED
        )


@transaction.atomic
def translation_review(*, item: Item, language: str, by: AbstractBaseUser) -> Item:
    """Record a clinical reviewer's review of `item`'s `language` text as it stands
    (the live text of a live item): a change readers see."""
    if not approval.is_reviewer(by):
        raise approval.ReviewRequired(
            f"Cannot review the translation of “{item}”: only a clinical reviewer does.",
            code="review_required",
        )
    name, credentials = approval.reviewer_credit(by, item=item)
    if not translation_records.has_text(item, language):
        raise ValidationError(f"“{item}” has no {language} text to review.", code="no_translation")
    if not translation_records.record(item, language)["status"]:
        raise ValidationError(
            f"Say how the {language} text of “{item}” was translated (machine or human) "
            "before reviewing it.",
            code="translation_status_missing",
        )
    translation_records.with_review(
        item, language, name=name, credentials=credentials, day=date.today()
    )
    # Recorded on the row first: storing keeps the stored review of a text unchanged.
    type(item)._base_manager.filter(pk=item.pk).update(translation_records=item.translation_records)
    return store(
        item=item,
        by=by,
        comment=f"Reviewed the {language} translation.",
        bump=item.is_published,
        action=Action.TRANSLATION_REVIEWED,
    )


@transaction.atomic
def content_delete(*, item: ContentItem, by: AbstractBaseUser | None) -> None:
    """Delete `item` for good (its history stays in the admin's recover list).

    The deletion is remembered (content.models.Deletion), so that loading
    content files does not bring the item back.
    """
    visible, _ = stored_state(item)
    if visible:
        approval.require_reviewer(by, item=item, action="delete")
    pk = item.pk
    remember_deletion(item, by=by)
    Draft.objects.filter(item_id=pk).delete()
    Submission.objects.filter(item_id=pk).delete()
    audit(item, Action.DELETED, by=by)
    stamp = versions.bump().value if visible else 0
    if visible:
        stamps.stamp_neighbours(item, stamp=stamp)
    suggestions.forget(item)
    with reversion.create_revision():
        item.delete()
        if by is not None and by.is_authenticated:
            reversion.set_user(by)
        reversion.set_comment("Deleted.")
    if visible:
        # The tombstone names the deleted item and its last revision, plus one.
        item.pk = pk
        item.revision += 1
        record_change(item, kind="removed", version=stamp)


@transaction.atomic
def loaded_document_save(*, pk: UUID, document: documents.Document) -> None:
    """Remember `document` as what loading content files last wrote for the item or term `pk`."""
    LoadedDocument.objects.update_or_create(
        pk=pk, defaults={"document": document.model_dump(mode="json"), "loaded_at": timezone.now()}
    )
