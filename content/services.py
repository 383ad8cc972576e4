"""Writes with side effects: saving with renditions, publishing, unpublishing, archiving,
deleting, and what loading content files records.

Every function here is atomic and records a revision (django-reversion) with
who made the change. `revision` goes up on every change a consumer can see:
an edit to published content, and every change of status. Such a change also
moves the content version and stamps the items whose representation shows it
(content.stamps).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar
from uuid import UUID

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from content import approval, search, stamps, text, types, versions, working_copies
from content.models import (
    ContentEvent,
    ContentItem,
    Deletion,
    Draft,
    LoadedDocument,
    Status,
    Taxonomy,
)
from content.rendering import render_markdown

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

    # The seed-file format (pydantic): only loading needs it, not a serving process.
    from content import documents

Item = TypeVar("Item", bound=ContentItem)


class TransitionNotAllowed(ValidationError):
    """The item's status does not allow this change (e.g. publishing what is published)."""


def content_render(*, item: ContentItem) -> None:
    """Derive the stored renditions of `item.body` in every language, in memory.

    A translation without a body gets no renditions (NULL), so that reads fall
    back to the English ones together with the English body.
    """
    for language, _ in settings.LANGUAGES:
        source = getattr(item, build_localized_fieldname("body", language))
        translated = language != settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        rendition = None if translated and not source else render_markdown(source or "")
        for name in ("html", "text", "blocks"):
            value = getattr(rendition, name) if rendition else None
            setattr(item, build_localized_fieldname(f"body_{name}", language), value)


@transaction.atomic
def content_save(*, item: Item, by: AbstractBaseUser | None, comment: str = "Saved.") -> Item:
    """Validate and store an editor's changes to `item`, with fresh renditions and
    LF line endings in every text field (content.text).

    A new item is a draft unless its status says otherwise; editing a published
    item is a published change, so its revision goes up, and, by a person, one
    only a clinical reviewer makes, which records their review (content.approval).
    Raises ValidationError, naming the field, before anything is written.
    """
    if item.is_published:
        approval.reviewed_on_the_way(item, by=by, action="change")
    _derive(item)
    item.full_clean()
    return _store(item=item, by=by, comment=comment, bump=item.is_published)


def _derive(item: ContentItem) -> None:
    """LF line endings, fresh renditions and search terms: what saving derives."""
    text.normalise_text_fields(item)
    content_render(item=item)
    item.search_terms = search.search_terms(item)


@transaction.atomic
def draft_save(
    *, item: ContentItem, content: working_copies.Content, by: AbstractBaseUser | None
) -> Draft | None:
    """Keep `content` (content.working_copies) as the working copy of the live
    `item`: readers keep the live version until it is published. A working copy
    that no longer differs from the live version is no draft: it is discarded.
    """
    _require_status(item, allowed={Status.PUBLISHED}, action="save a draft of")
    draft = Draft.objects.select_for_update().filter(item_id=item.pk).first()
    live = type(item)._base_manager.get(pk=item.pk)
    if content == working_copies.take(live):
        if draft is not None:
            draft.delete()
        return None
    if draft is None:
        draft = Draft(item_id=item.pk, item_type=types.of(item).name, version=0)
        draft.based_on_revision = live.revision
    draft.content = content
    draft.version += 1
    draft.updated_at = timezone.now()
    draft.updated_by_id = by.pk if by is not None and by.is_authenticated else None
    draft.save()
    return draft


@transaction.atomic
def draft_discard(*, item: ContentItem, by: AbstractBaseUser | None) -> None:
    """Throw away the working copy of `item`; readers never saw it."""
    Draft.objects.filter(item_id=item.pk).delete()


def _take_draft(item: ContentItem) -> Draft | None:
    """`item`'s working copy, applied to it in memory, and deleted (in the
    caller's transaction): the caller stores the item, then its relations."""
    draft = Draft.objects.select_for_update().filter(item_id=item.pk).first()
    if draft is not None:
        working_copies.apply_fields(item, draft.content)
        _derive(item)
        item.full_clean()
        draft.delete()
    return draft


def _store_relations(item: ContentItem, draft: Draft | None) -> None:
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
            _derive(item)
            item.save()
            search.update_search_vector(item)
            working_copies.write_relations(item, draft.content)
        yield
        transaction.set_rollback(True)


@transaction.atomic
def content_publish(*, item: Item, by: AbstractBaseUser | None) -> Item:
    """Make `item` visible to consumers: a draft or archived item, or the working
    copy of a live one (content.models.Draft). By a person, only a clinical
    reviewer's, which records their review."""
    with reversion.create_revision():
        draft = _take_draft(item) if _stored_state(item)[0] else None
        if draft is None:
            _require_status(item, allowed={Status.DRAFT, Status.ARCHIVED}, action="publish")
            item.published_at = timezone.now()
        approval.reviewed_on_the_way(item, by=by, action="publish")
        item.status = Status.PUBLISHED
        comment = "Published the draft changes." if draft else "Published."
        _store(item=item, by=by, comment=comment, bump=True)
        _store_relations(item, draft)
    return item


@transaction.atomic
def content_unpublish(*, item: Item, by: AbstractBaseUser | None) -> Item:
    """Withdraw `item` from consumers and return it to draft."""
    _require_status(item, allowed={Status.PUBLISHED}, action="unpublish")
    approval.require_reviewer(by, item=item, action="unpublish")
    return _withdraw(item, by=by, status=Status.DRAFT, comment="Unpublished.")


def _withdraw(item: Item, *, by: AbstractBaseUser | None, status: Status, comment: str) -> Item:
    """Take a live `item` from readers; its working copy, if any, becomes the item
    (a withdrawn item's row is its working copy)."""
    with reversion.create_revision():
        draft = _take_draft(item)
        item.status = status
        _store(item=item, by=by, comment=comment, bump=True)
        _store_relations(item, draft)
    return item


@transaction.atomic
def content_archive(*, item: Item, by: AbstractBaseUser | None) -> Item:
    """Retire `item`: hidden from consumers, kept with its history."""
    _require_status(item, allowed={Status.DRAFT, Status.PUBLISHED}, action="archive")
    if item.is_published:
        approval.require_reviewer(by, item=item, action="archive")
        return _withdraw(item, by=by, status=Status.ARCHIVED, comment="Archived.")
    item.status = Status.ARCHIVED
    return _store(item=item, by=by, comment="Archived.", bump=True)


def _require_status(item: ContentItem, *, allowed: set[Status], action: str) -> None:
    """Check the status as stored, under the row lock _store takes: of two
    publishes racing, the second sees the first's and is refused."""
    if not item._state.adding:
        rows = type(item)._base_manager.select_for_update().filter(pk=item.pk)
        item.status = rows.values_list("status", flat=True).get()
    if item.status not in allowed:
        state = "a draft" if item.status == Status.DRAFT else item.get_status_display().lower()
        raise TransitionNotAllowed(
            f"Cannot {action} “{item}”: it is {state}.",
            code="transition_not_allowed",
        )


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
        if _stored_state(item)[0]:
            draft = _take_draft(item)
            approval.record_review(item, by=by)
            comment = "Approved and published the draft changes." if draft else "Approved."
            _store(item=item, by=by, comment=comment, bump=True)
            _store_relations(item, draft)
            return item
        _require_status(item, allowed={Status.DRAFT, Status.ARCHIVED}, action="approve")
        approval.record_review(item, by=by)
        item.status = Status.PUBLISHED
        item.published_at = timezone.now()
        return _store(item=item, by=by, comment="Approved and published.", bump=True)


@transaction.atomic
def content_delete(*, item: ContentItem, by: AbstractBaseUser | None) -> None:
    """Delete `item` for good (its history stays in the admin's recover list).

    The deletion is remembered (content.models.Deletion), so that loading
    content files does not bring the item back.
    """
    visible, _ = _stored_state(item)
    if visible:
        approval.require_reviewer(by, item=item, action="delete")
    pk = item.pk
    _remember_deletion(item, by=by)
    Draft.objects.filter(item_id=pk).delete()
    if visible:
        stamps.stamp_neighbours(item, stamp=versions.bump().value)
    with reversion.create_revision():
        item.delete()
        if by is not None and by.is_authenticated:
            reversion.set_user(by)
        reversion.set_comment("Deleted.")
    if visible:
        # The tombstone names the deleted item and its last revision, plus one.
        item.pk = pk
        item.revision += 1
        _record(item, kind="removed")


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
    _remember_deletion(term, by=by)
    term.delete()


def _remember_deletion(obj: ContentItem | Taxonomy, *, by: AbstractBaseUser | None) -> None:
    who = by.get_username() if by is not None and by.is_authenticated else ""
    what = {"kind": str(obj._meta.model_name), "slug": obj.slug, "by": who}
    Deletion.objects.update_or_create(pk=obj.pk, defaults={**what, "at": timezone.now()})


@transaction.atomic
def loaded_document_save(*, pk: UUID, document: documents.Document) -> None:
    """Remember `document` as what loading content files last wrote for the item or term `pk`."""
    LoadedDocument.objects.update_or_create(
        pk=pk, defaults={"document": document.model_dump(mode="json"), "loaded_at": timezone.now()}
    )


def _store(*, item: Item, by: AbstractBaseUser | None, comment: str, bump: bool) -> Item:
    item.updated_at = timezone.now()
    was_published, stored_revision = _stored_state(item)
    # Saved, it exists: if it was deleted, it has been restored (by loading, or
    # from the admin's recover list, which writes the row before saving it).
    Deletion.objects.filter(pk=item.pk).delete()
    if bump:
        item.revision = max(stored_revision, item.revision) + 1
        item.stamp = versions.bump().value
        # As related now; content_relations_saved stamps those related after.
        stamps.stamp_neighbours(item, stamp=item.stamp)
    with reversion.create_revision():
        item.save()
        if by is not None and by.is_authenticated:
            reversion.set_user(by)
        reversion.set_comment(comment)
    # After every save, which writes the in-memory (empty) vector back.
    search.update_search_vector(item)
    if was_published or item.is_published:
        kind = (
            "updated"
            if was_published and item.is_published
            else ("created" if item.is_published else "removed")
        )
        _record(item, kind=kind)
    return item


@transaction.atomic
def content_relations_saved(*, item: ContentItem) -> None:
    """After `item`'s relations were written (the admin's form, a content file):
    a published item's own representation lists them, and it now shows in its
    new neighbours' representations."""
    if item.is_published:
        item.stamp = versions.bump().value
        type(item)._base_manager.filter(pk=item.pk).update(stamp=item.stamp)
        stamps.stamp_neighbours(item, stamp=item.stamp)


def _record(item: ContentItem, *, kind: str) -> None:
    """Append the change to the feed; after versions.bump(), whose row lock orders the ids."""
    ContentEvent.objects.create(
        kind=kind,
        item_type=types.of(item).name,
        item_id=item.pk,
        slug=item.slug,
        revision=item.revision,
    )


def _stored_state(item: ContentItem) -> tuple[bool, int]:
    """(was it published, its revision) as stored, read under a row lock.

    The lock makes concurrent changes of one item take turns, so each counts
    in the revision and each sees the status the previous one left. Restoring
    an old version rewrites the stored row with that version's revision; the
    caller keeps the newer one in hand, so revisions never go down.
    """
    if item._state.adding:
        return False, item.revision
    rows = type(item)._base_manager.select_for_update().filter(pk=item.pk)
    status, revision = rows.values_list("status", "revision").get()
    return status == Status.PUBLISHED, revision
