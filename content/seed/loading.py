"""Content files → database: `load_content` creates, updates or leaves each item by its UUID.

What it does to each term and item is decided first (content.seed.planning): it
never re-creates what was deleted here unless asked for by id, and changes
nothing changed here since it was loaded unless forced. A dry run stops there.
Otherwise every step is applied in one transaction through content.services, so
a bad file leaves the database as it was, and loaded content gets its
renditions, revisions and history like any editor's change. Loading is
idempotent: a second run changes nothing.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

import reversion
from django.core.exceptions import ValidationError
from django.db import models, transaction
from modeltranslation.utils import build_localized_fieldname

from content import documents, services, types
from content.models import (
    FAQ,
    BodyRegion,
    Condition,
    ConditionCategory,
    ConditionMechanism,
    ContentItem,
    Deletion,
    FaqTopic,
    Image,
    Mechanism,
    Status,
    Taxonomy,
)
from content.seed.exporting import DEFAULT, OTHER_LANGUAGES
from content.seed.files import ContentFileError, read_seed
from content.seed.planning import Action, Plan, Step, plan_load

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

TRANSITIONS = {
    Status.PUBLISHED: services.content_publish,
    Status.DRAFT: services.content_unpublish,
    Status.ARCHIVED: services.content_archive,
}


def load_content(
    *,
    directory: Path,
    by: AbstractBaseUser | None = None,
    force: bool = False,
    keep_existing: bool = False,
    restore: Collection[UUID] = (),
    dry_run: bool = False,
) -> Plan:
    """Load every term and item of `directory` as content.seed.planning decides; returns
    the plan. Raises ContentFileError on bad input and RestoreError on a bad `restore`,
    having written nothing.

    `force` overwrites what was changed here; `keep_existing` updates nothing stored;
    `restore` lists the ids of deleted items to create again; `dry_run` writes nothing.
    """
    seed = read_seed(directory)
    with transaction.atomic():
        plan = plan_load(
            seed,
            directory=directory,
            force=force,
            keep_existing=keep_existing,
            restore=restore,
            dry_run=dry_run,
        )
        if not dry_run:
            for step in plan.steps:
                _apply(step, by=by)
    return plan


def stored_item_count() -> int:
    """How many content items the database holds, of every type and status."""
    return sum(item_type.model._default_manager.count() for item_type in types.ITEM_TYPES.values())


def _apply(step: Step, *, by: AbstractBaseUser | None) -> None:
    if step.action in (Action.CREATED, Action.UPDATED):
        if issubclass(step.model, ContentItem):
            assert isinstance(step.doc, documents.Item)
            _write_item(step.model, step.doc, step.path, by=by)
        else:
            assert isinstance(step.doc, documents.TaxonomyTerm)
            _write_term(step.model, step.doc)
    if step.record:
        services.loaded_document_save(pk=step.doc.id, document=step.doc)


def _write_term(model: type[Taxonomy], doc: documents.TaxonomyTerm) -> None:
    term = model._default_manager.filter(pk=doc.id).first() or model(id=doc.id)
    term.slug, term.position = doc.slug, doc.position
    _set_translated(term, doc, ("name", "description"))
    try:
        services.taxonomy_save(term=term, by=None)
    except ValidationError as error:
        raise _file_error(error, "taxonomy.yaml", prefix=doc.slug) from None


def _write_item(
    model: type[ContentItem], doc: documents.Item, path: Path, *, by: AbstractBaseUser | None
) -> None:
    item = model._default_manager.filter(pk=doc.id).first() or model(id=doc.id)
    _apply_fields(item, doc, path)
    try:
        # One revision for the fields, the relations and the status change.
        with reversion.create_revision():
            services.content_save(item=item, by=by, comment=f"Loaded from {path.name}.")
            _set_relations(item, doc, path)
            services.content_relations_saved(item=item)
            if item.status != doc.status:
                TRANSITIONS[Status(doc.status)](item=item, by=by)
    except ValidationError as error:
        raise _file_error(error, path) from None


def _apply_fields(item: ContentItem, doc: documents.Item, path: Path) -> None:
    item.slug, item.position = doc.slug, doc.position
    item.last_reviewed = doc.review.last_reviewed
    item.next_review_due = doc.review.next_review_due
    item.reviewed_by_name = doc.review.reviewed_by_name
    item.reviewed_by_credentials = doc.review.reviewed_by_credentials
    item.references = [reference.model_dump(exclude_none=True) for reference in doc.references]
    if isinstance(item, Condition):
        assert isinstance(doc, documents.Condition)
        item.category = _lookup(ConditionCategory, doc.category, path, "category")
        _set_translated(
            item, doc, ("name", "summary", "body", "aliases", "search_terms", "urgent_care")
        )
    elif isinstance(item, FAQ):
        assert isinstance(doc, documents.Faq)
        item.topic = _lookup(FaqTopic, doc.topic, path, "topic")
        _set_translated(item, doc, ("question", "summary", "body"))
    elif isinstance(item, Image):
        # Its words and framing; its picture (`file`) is an editor's upload, never loaded.
        assert isinstance(doc, documents.Image)
        _set_translated(item, doc, ("name", "alt", "caption", "summary", "body"))
        item.credit, item.licence, item.licence_url = doc.credit, doc.licence, doc.licence_url
        item.focal_x, item.focal_y = doc.focal_x, doc.focal_y
    else:
        _set_translated(item, doc, ("name", "summary", "body"))
    if isinstance(item, Condition | Mechanism):
        assert isinstance(doc, documents.Condition | documents.Mechanism)
        item.image = _lookup(Image, doc.image, path, "image") if doc.image else None
    item.translation_records = {
        language: {
            "status": translation.status,
            **(translation.review or documents.TranslationReview()).model_dump(mode="json"),
        }
        for language, translation in doc.translations.items()  # type: ignore[attr-defined]
        if translation.status
    }


def _set_relations(item: ContentItem, doc: documents.Item, path: Path) -> None:
    if isinstance(item, Condition):
        assert isinstance(doc, documents.Condition)
        item.body_regions.set(
            [_lookup(BodyRegion, slug, path, "body_regions") for slug in doc.body_regions]
        )
        item.mechanism_links.all().delete()
        for position, link in enumerate(doc.mechanisms):
            mechanism = _lookup(Mechanism, link.mechanism, path, "mechanisms")
            row = ConditionMechanism(condition=item, mechanism=mechanism, position=position)
            _set_translated(row, link, ("note",))
            row.save()
    elif isinstance(item, FAQ):
        assert isinstance(doc, documents.Faq)
        item.conditions.set([_lookup(Condition, s, path, "conditions") for s in doc.conditions])
        item.mechanisms.set([_lookup(Mechanism, s, path, "mechanisms") for s in doc.mechanisms])


def _lookup(model: type[Any], slug: str, path: Path, field_name: str) -> Any:
    try:
        return model._default_manager.get(slug=slug)
    except model.DoesNotExist:
        problem = f"no {model._meta.verbose_name} has the slug {slug!r}"
        deletion = Deletion.objects.filter(kind=model._meta.model_name, slug=slug).first()
        if deletion is not None:
            problem += f": it was deleted here (--restore {deletion.pk} brings it back)"
        raise ContentFileError(path, problem, field=field_name) from None


def _set_translated(obj: models.Model, doc: documents.Document, names: tuple[str, ...]) -> None:
    translations = getattr(doc, "translations", {})
    for name in names:
        setattr(obj, build_localized_fieldname(name, DEFAULT), _stored(getattr(doc, name)))
        for language in OTHER_LANGUAGES:
            value = getattr(translations.get(language), name, None) or None
            setattr(obj, build_localized_fieldname(name, language), _stored(value))


def _stored(value: Any) -> Any:
    """A document's value as its model field holds it: a list of documents (urgent-care
    statements) as JSON."""
    if not isinstance(value, list):
        return value
    return [
        entry.model_dump(mode="json") if isinstance(entry, documents.Document) else entry
        for entry in value
    ]


def _file_error(error: ValidationError, path: Path | str, *, prefix: str = "") -> ContentFileError:
    """The first problem of a model's ValidationError, named as the file names the field."""
    if not hasattr(error, "error_dict"):
        return ContentFileError(path, "; ".join(error.messages), field=prefix)
    name, messages = next(iter(error.message_dict.items()))
    return ContentFileError(path, "; ".join(messages), field=_file_field(name, prefix))


def _file_field(model_field: str, prefix: str) -> str:
    """`summary_en` → `summary`, `name_fr_ca` → `translations.fr-ca.name`."""
    name = "" if model_field == "__all__" else model_field
    for language in OTHER_LANGUAGES:
        suffix = "_" + language.replace("-", "_")
        if name.endswith(suffix):
            name = f"translations.{language}.{name.removesuffix(suffix)}"
    name = name.removesuffix("_" + DEFAULT)
    return ".".join(part for part in (prefix, name) if part)
