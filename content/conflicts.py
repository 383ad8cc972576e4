"""Two editors on one item: a save based on an older version is refused, not applied.

Every saved change leaves a version in the item's history (django-reversion,
content.services). An editor's form carries the id of the newest version it
was built from (`latest_version`); saving checks, under a lock on the item's
row that lasts until the save commits, that no version came after it
(`check_unchanged_since`). If one did, EditConflict names who changed which
fields and when, and what they hold now, so that nothing is overwritten
unseen (the same rule as Wagtail's "this page has been edited since").

A live item's working copy (content.models.Draft) is checked the same way
by its own version (`draft_version`, `check_draft_unchanged_since`). Its
earlier contents are not kept, so the changes shown are those of the other
editor's draft against the live version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from modeltranslation.utils import build_localized_fieldname
from reversion.models import Version

from content import working_copies
from content.models import ContentItem, Draft

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Change:
    field: str
    before: Any  # in the version the editor's form was built from
    value: Any  # now


class EditConflict(ValidationError):
    """Someone saved the item after the editor's form was built from it."""

    def __init__(self, *, changes: list[Change], by: str, at: datetime, latest: int) -> None:
        self.changes, self.by, self.at, self.latest = changes, by, at, latest
        names = ", ".join(change.field for change in changes) or "its workflow state"
        super().__init__(
            f"{by} saved this item at {at:%Y-%m-%d %H:%M %Z} after you opened it, changing: "
            f"{names}. Nothing of yours was saved. Their values are shown by each field; "
            "save again to replace them with yours.",
            code="edit_conflict",
        )


def latest_version(item: ContentItem) -> int:
    """The id of the newest version in `item`'s history; 0 for an unsaved item."""
    if item._state.adding:
        return 0
    return Version.objects.get_for_object(item).values_list("pk", flat=True).first() or 0


def check_unchanged_since(*, item: ContentItem, based_on: int) -> None:
    """Lock `item`'s row until the transaction ends, then raise EditConflict if a
    version newer than `based_on` was saved meanwhile."""
    if item._state.adding:
        return
    type(item)._base_manager.select_for_update().filter(pk=item.pk).values_list("pk").get()
    newest = Version.objects.get_for_object(item).select_related("revision__user").first()
    if newest is None or newest.pk == based_on:
        return
    base = Version.objects.filter(pk=based_on).first()
    before = base.field_dict if base is not None else {}
    after = newest.field_dict
    changes = [
        Change(field=name, before=before.get(name), value=value)
        for name, value in after.items()
        if _edited(type(item), name, recorded=after) and before.get(name) != value
    ]
    user = newest.revision.user
    raise EditConflict(
        changes=changes,
        by=user.get_username() if user is not None else "Someone",
        at=newest.revision.date_created,
        latest=newest.pk,
    )


def _edited(model: type[ContentItem], name: str, *, recorded: dict[str, Any]) -> bool:
    """Whether an editor types `name`: the model marks what saving derives (renditions,
    search terms, stamps, revision) as not editable; status moves only by transitions.
    A translated field is its languages' columns, where history recorded them (the
    field's own column repeats the default language's)."""
    try:
        editable = bool(model._meta.get_field(name).editable) and name != "status"
    except FieldDoesNotExist:
        return False
    return editable and build_localized_fieldname(name, DEFAULT) not in recorded


def draft_version(item: ContentItem) -> int:
    """The version of `item`'s working copy; 0 when it has none."""
    if item._state.adding:
        return 0
    return Draft.objects.filter(item_id=item.pk).values_list("version", flat=True).first() or 0


def check_draft_unchanged_since(*, item: ContentItem, based_on: int) -> None:
    """Lock `item`'s working copy until the transaction ends, then raise EditConflict
    if someone saved, published or discarded it after version `based_on`."""
    draft = (
        Draft.objects.select_for_update(of=("self",)).select_related("updated_by")
        .filter(item_id=item.pk).first()
    )  # fmt: skip
    if (draft.version if draft is not None else 0) == based_on:
        return
    live = working_copies.take(type(item)._base_manager.get(pk=item.pk))
    if draft is None:
        # Published or discarded since: what the form was built from is gone.
        raise EditConflict(changes=[], by="Someone", at=item.updated_at, latest=0)
    theirs = draft.content["fields"]
    changes = [
        Change(
            field=field.name,
            before=field.to_python(live["fields"].get(field.attname)),
            value=field.to_python(theirs[field.attname]),
        )
        for field in working_copies.fields(type(item))
        if field.attname in theirs and theirs[field.attname] != live["fields"].get(field.attname)
    ]
    user = draft.updated_by
    raise EditConflict(
        changes=changes,
        by=user.get_username() if user is not None else "Someone",
        at=draft.updated_at,
        latest=draft.version,
    )
