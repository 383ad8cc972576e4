"""What loading content files would do to each term and item, decided without writing.

The rules (DESIGN 1.4: loading never undoes editors), for each term and item in the files:

- not stored here: created, unless it was deleted here (content.models.Deletion); only
  `restore`, naming its id, brings a deleted one back;
- stored as its file has it: unchanged;
- stored as loading last wrote it (content.models.LoadedDocument), its file since changed:
  updated, unless `keep_existing`;
- otherwise someone changed it here (edited, unpublished, archived, a relation or a
  translation changed), or it was stored before loading kept a record and differs from its
  file: it counts as edited and is skipped, unless `force`;
- a live item with draft changes (content.models.Draft) counts as edited whatever its row
  holds: loading its file would change what the draft was written against.

"Changed here" compares documents (content.seed.exporting), not history: the stored item's
document with the one last loaded, as `kubectl apply` compares an object with its last
applied configuration. So it holds whoever made the change (the admin, a script, a restore
from history) and whatever history is kept, and a change undone by hand counts as none:
overwriting it would lose nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any
from uuid import UUID

import pydantic
from django.db import models

from content import documents
from content.models import ContentItem, Deletion, Draft, LoadedDocument, Taxonomy
from content.seed.exporting import (
    ITEM_MODELS,
    TAXONOMIES,
    item_document,
    term_document,
    with_relations,
)
from content.seed.files import TAXONOMY_FILE, SeedSet

Doc = documents.TaxonomyTerm | documents.Item


class Action(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    EDITED = "edited"
    DELETED = "deleted"
    KEPT = "kept"


class RestoreError(Exception):
    """`restore` names an id that is not in the files, or an item that is not deleted."""


@dataclass(frozen=True)
class Step:
    """What loading does to one term or item, and why."""

    action: Action
    model: type[Taxonomy] | type[ContentItem]
    doc: Doc
    path: Path
    # Why it is skipped, or what --force overwrites.
    reason: str = ""
    # Whether to record `doc` as what was loaded (content.models.LoadedDocument).
    record: bool = False

    @property
    def label(self) -> str:
        return f"{self.model._meta.verbose_name} {self.doc.slug}"

    @property
    def line(self) -> str:
        """The step as `load_content` prints it: created, updated or skipped, and why."""
        verb = "skipped" if self.action in SKIPPED else self.action
        return f"{verb} {self.label}" + (f": {self.reason}" if self.reason else "")


SKIPPED = (Action.EDITED, Action.DELETED, Action.KEPT)


@dataclass(frozen=True)
class Plan:
    """Every step of one load, in the order they are applied (terms, then items)."""

    directory: Path
    steps: list[Step]
    dry_run: bool = False

    def labels(self, action: Action) -> list[str]:
        return [step.label for step in self.steps if step.action == action]

    @property
    def changed(self) -> bool:
        return any(step.action in (Action.CREATED, Action.UPDATED) for step in self.steps)

    @property
    def summary(self) -> str:
        counts = Counter(step.action for step in self.steps)
        if not self.changed and not counts.keys() & set(SKIPPED):
            return f"Nothing to do: all {counts[Action.UNCHANGED]} items are up to date."
        parts = [f"{counts[Action.CREATED]} created", f"{counts[Action.UPDATED]} updated"]
        parts += [f"{counts[action]} skipped as {action}" for action in SKIPPED if counts[action]]
        parts.append(f"{counts[Action.UNCHANGED]} unchanged")
        if self.dry_run:
            done = f"Dry run of {self.directory}, nothing written"
        else:
            done = (
                f"Loaded {self.directory}"
                if self.changed
                else f"Nothing to load from {self.directory}"
            )
        return f"{done}: {', '.join(parts)}."


def plan_load(
    seed: SeedSet,
    *,
    directory: Path,
    force: bool = False,
    keep_existing: bool = False,
    restore: Collection[UUID] = (),
    dry_run: bool = False,
) -> Plan:
    """Decide what loading `seed` does to each of its terms and items; reads, never writes.

    Raises RestoreError when `restore` names an id not in `seed` or of a stored item.
    """
    entries = list(_entries(seed, directory))
    ids = [doc.id for _, doc, _ in entries]
    if unknown := set(restore) - set(ids):
        listed = ", ".join(sorted(str(pk) for pk in unknown))
        raise RestoreError(f"{directory} has no item or term with the id {listed}")
    loaded = dict(LoadedDocument.objects.filter(pk__in=ids).values_list("pk", "document"))
    drafted = set(Draft.objects.filter(item_id__in=ids).values_list("item_id", flat=True))
    deleted = Deletion.objects.in_bulk(ids)
    stored: dict[Any, models.Model] = {}
    for model in [*TAXONOMIES.values(), *ITEM_MODELS.values()]:
        rows = with_relations(model) if issubclass(model, ContentItem) else model._default_manager
        stored.update(rows.in_bulk(ids))
    steps = []
    for model, doc, path in entries:
        obj = stored.get(doc.id)
        if obj is not None and doc.id in restore:
            raise RestoreError(f"{model._meta.verbose_name} {doc.slug} ({doc.id}) is not deleted")
        step = Step(Action.CREATED, model, doc, path, record=True)
        if obj is None:
            steps.append(_missing(step, deleted.get(doc.id), restore=restore))
        else:
            last = _validated(type(doc), loaded.get(doc.id))
            existing = _existing(step, _document(obj), last, force, keep_existing)
            if doc.id in drafted and existing.action is Action.UPDATED and not force:
                reason = (
                    "has draft changes here, not yet published; --force overwrites its live version"
                )
                existing = replace(existing, action=Action.EDITED, reason=reason, record=False)
            steps.append(existing)
    return Plan(directory=directory, steps=steps, dry_run=dry_run)


def _entries(seed: SeedSet, directory: Path) -> Iterator[tuple[Any, Doc, Path]]:
    for group, model in TAXONOMIES.items():
        for term in getattr(seed.taxonomy, group):
            yield model, term, directory / TAXONOMY_FILE
    for folder, item_model in ITEM_MODELS.items():
        for path, doc in getattr(seed, folder).items():
            yield item_model, doc, path


def _missing(step: Step, deletion: Deletion | None, *, restore: Collection[UUID]) -> Step:
    if deletion is None:
        return step
    if step.doc.id in restore:
        return replace(step, reason=f"restored, deleted here on {deletion.at:%Y-%m-%d}")
    by = f" by {deletion.by}" if deletion.by else ""
    reason = f"deleted here on {deletion.at:%Y-%m-%d}{by}; --restore {step.doc.id} brings it back"
    return replace(step, action=Action.DELETED, reason=reason, record=False)


def _existing(step: Step, current: Doc, last: Doc | None, force: bool, keep: bool) -> Step:
    if current == step.doc:
        return replace(step, action=Action.UNCHANGED, record=last != step.doc)
    if keep:
        return replace(step, action=Action.KEPT, reason="exists (--keep-existing)", record=False)
    if current == last:
        return replace(step, action=Action.UPDATED)
    fields = ", ".join(_differences(current, last or step.doc))
    edited = (
        f"edited here since it was loaded ({fields})"
        if last
        else f"differs from its file ({fields}) and was not loaded as it is"
    )
    if force:
        return replace(step, action=Action.UPDATED, reason=f"{edited}; overwritten (--force)")
    return replace(
        step, action=Action.EDITED, reason=f"{edited}; --force overwrites it", record=False
    )


def _document(obj: models.Model) -> Doc:
    if isinstance(obj, ContentItem):
        return item_document(obj)
    assert isinstance(obj, Taxonomy)
    return term_document(obj)


def _validated(schema: type[Doc], data: Any) -> Doc | None:
    """The document last loaded, or None if none was, or it no longer fits the format."""
    if data is None:
        return None
    try:
        return schema.model_validate(data)
    except pydantic.ValidationError:
        return None


def _differences(current: Doc, reference: Doc) -> list[str]:
    """The names of the top-level fields in which `current` differs from `reference`."""
    now, then = current.model_dump(), reference.model_dump()
    return [name for name in now if now[name] != then.get(name)]
