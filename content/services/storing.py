"""How a change to an item is stored and recorded: the renditions and search terms
saving derives, the reviews a person's save keeps on urgent-care statements, the row
lock that orders changes of one item, the revision, the content version and stamps of
a change readers see, its event in the public changes feed, and its step in the
editorial record. The writes in `items`, `drafts` and `terms` use it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from content import (
    search,
    stamps,
    suggestions,
    text,
    translation_records,
    types,
    urgent_care,
    versions,
)
from content.models import (
    ContentEvent,
    ContentItem,
    Deletion,
    EditorialEvent,
    Image,
    Status,
    Submission,
    Taxonomy,
)
from content.rendering import render_markdown
from content.services.images import renditions_requested, require_figures, require_renditions

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

Item = TypeVar("Item", bound=ContentItem)
Action = EditorialEvent.Action
# The steps after which nothing waits for review: what was submitted is decided.
DECIDED = {Action.PUBLISHED, Action.APPROVED, Action.UNPUBLISHED, Action.ARCHIVED}


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


def derive(item: ContentItem) -> None:
    """LF line endings, fresh renditions and search terms: what saving derives."""
    text.normalise_text_fields(item)
    content_render(item=item)
    require_figures(item)
    item.search_text = search.search_text(item)


def settle_statements(item: ContentItem, *, by: AbstractBaseUser | None) -> None:
    """A person's save: a condition's urgent-care statements keep their reviews only
    where their text is as stored (content.urgent_care); with no user (loading content
    files) they are stored as given."""
    names = urgent_care.columns(item)
    if by is None or not names:
        return
    rows = type(item)._base_manager.filter(pk=item.pk).values(*names)
    stored = {} if item._state.adding else rows.first() or {}
    urgent_care.settle(item, before=stored)


def require_status(item: ContentItem, *, allowed: set[Status], action: str) -> None:
    """Check the status as stored, under the row lock store takes: of two
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


def stored_state(item: ContentItem) -> tuple[bool, int]:
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


def store(
    *, item: Item, by: AbstractBaseUser | None, comment: str, bump: bool, action: Action
) -> Item:
    item.updated_at = timezone.now()
    was_published, stored_revision = stored_state(item)
    if by is not None and not item._state.adding:
        # A person's change: translation reviews are only ever recorded by
        # translation_review, and a changed text loses its review.
        translation_records.reviews_kept(item, _stored_translations(item))
    # Saved, it exists: if it was deleted, it has been restored (by loading, or
    # from the admin's recover list, which writes the row before saving it).
    Deletion.objects.filter(pk=item.pk).delete()
    if isinstance(item, Image):
        if item.is_published:
            require_renditions(item)
        renditions_requested(
            source=item.file.name or "", focal_x=item.focal_x, focal_y=item.focal_y
        )
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
    suggestions.refresh([item])
    if was_published or item.is_published:
        kind = (
            "updated"
            if was_published and item.is_published
            else ("created" if item.is_published else "removed")
        )
        record_change(item, kind=kind, version=item.stamp)
    if action in DECIDED:
        Submission.objects.filter(item_id=item.pk).delete()
    audit(item, action, by=by)
    return item


def _stored_translations(item: ContentItem) -> dict[str, Any]:
    """The stored text of `item` in every other language, and its translation records."""
    columns = [
        column
        for language in translation_records.OTHER_LANGUAGES
        for column in translation_records.text_columns(type(item), language)
    ]
    rows = type(item)._base_manager.filter(pk=item.pk)
    return rows.values(*columns, "translation_records").get()


@transaction.atomic
def content_relations_saved(*, item: ContentItem) -> None:
    """After `item`'s relations were written (the admin's form, a content file):
    a published item's own representation lists them, and it now shows in its
    new neighbours' representations."""
    if item.is_published:
        item.stamp = versions.bump().value
        type(item)._base_manager.filter(pk=item.pk).update(stamp=item.stamp)
        stamps.stamp_neighbours(item, stamp=item.stamp)


def remember_deletion(obj: ContentItem | Taxonomy, *, by: AbstractBaseUser | None) -> None:
    who = by.get_username() if by is not None and by.is_authenticated else ""
    what = {"kind": str(obj._meta.model_name), "slug": obj.slug, "by": who}
    Deletion.objects.update_or_create(pk=obj.pk, defaults={**what, "at": timezone.now()})


def audit(
    item: ContentItem, action: Action, *, by: AbstractBaseUser | None, note: str = ""
) -> None:
    """Append the step to the editorial record (content.models.EditorialEvent)."""
    person = by if by is not None and by.is_authenticated else None
    EditorialEvent.objects.create(
        action=action,
        item_type=types.of(item).name,
        item_id=item.pk,
        slug=item.slug,
        revision=item.revision,
        by_id=person.pk if person is not None else None,
        by_name=person.get_username() if person is not None else "",
        note=note[:500],
    )


def record_change(item: ContentItem, *, kind: str, version: int) -> None:
    """Append the change to the feed; after versions.bump(), whose row lock orders the
    ids, with the value of the content version the change moved to."""
    ContentEvent.objects.create(
        kind=kind,
        item_type=types.of(item).name,
        item_id=item.pk,
        slug=item.slug,
        revision=item.revision,
        version=version,
    )
