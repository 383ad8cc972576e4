"""Seed files → database: `load_content` upserts every item by its UUID.

Loading is idempotent: an item whose stored document (content.seed.exporting)
already equals its file is left alone, so a second run changes nothing.
Everything is loaded in one transaction through content.services, so a bad
file leaves the database as it was, and loaded content gets its renditions,
revisions and history like any editor's change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import reversion
from django.core.exceptions import ValidationError
from django.db import models, transaction
from modeltranslation.utils import build_localized_fieldname

from content import documents, services
from content.models import (
    FAQ,
    BodyRegion,
    Condition,
    ConditionCategory,
    ConditionMechanism,
    ContentItem,
    FaqTopic,
    Mechanism,
    Status,
    Taxonomy,
)
from content.seed.exporting import (
    DEFAULT,
    ITEM_MODELS,
    OTHER_LANGUAGES,
    TAXONOMIES,
    item_document,
    term_document,
)
from content.seed.files import ContentFileError, read_seed

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

TRANSITIONS = {
    Status.PUBLISHED: services.content_publish,
    Status.DRAFT: services.content_unpublish,
    Status.ARCHIVED: services.content_archive,
}


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    kept: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def load_content(
    *, directory: Path, by: AbstractBaseUser | None = None, keep_existing: bool = False
) -> LoadReport:
    """Upsert every item of `directory` by UUID; raise ContentFileError on bad input.

    With `keep_existing`, items already in the database are left as they are
    (editors may have changed them since) and only missing ones are created.
    """
    seed = read_seed(directory)
    report = LoadReport()
    with transaction.atomic():
        for group, model in TAXONOMIES.items():
            for term in getattr(seed.taxonomy, group):
                if not _kept(model, term.id, keep_existing, report):
                    _upsert_term(model, term, report)
        for folder, item_model in ITEM_MODELS.items():
            for path, doc in getattr(seed, folder).items():
                if not _kept(item_model, doc.id, keep_existing, report):
                    _upsert_item(item_model, doc, path, by=by, report=report)
    return report


def _kept(model: type[models.Model], pk: Any, keep_existing: bool, report: LoadReport) -> bool:
    if keep_existing and model._default_manager.filter(pk=pk).exists():
        report.kept += 1
        return True
    return False


def _upsert_term(model: type[Taxonomy], doc: documents.TaxonomyTerm, report: LoadReport) -> None:
    term = model._default_manager.filter(pk=doc.id).first()
    if term is not None and term_document(term) == doc:
        report.unchanged += 1
        return
    label = f"{model._meta.verbose_name} {doc.slug}"
    (report.updated if term else report.created).append(label)
    term = term or model(id=doc.id)
    term.slug, term.position = doc.slug, doc.position
    _set_translated(term, doc, ("name", "description"))
    try:
        services.taxonomy_save(term=term, by=None)
    except ValidationError as error:
        raise _file_error(error, "taxonomy.yaml", prefix=doc.slug) from None


def _upsert_item(
    model: type[ContentItem],
    doc: documents.Item,
    path: Path,
    *,
    by: AbstractBaseUser | None,
    report: LoadReport,
) -> None:
    item = model._default_manager.filter(pk=doc.id).first()
    if item is not None and item_document(item) == doc:
        report.unchanged += 1
        return
    (report.updated if item else report.created).append(f"{model._meta.verbose_name} {doc.slug}")
    item = item or model(id=doc.id)
    _apply(item, doc, path)
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


def _apply(item: ContentItem, doc: documents.Item, path: Path) -> None:
    item.slug, item.position = doc.slug, doc.position
    item.last_reviewed = doc.review.last_reviewed
    item.next_review_due = doc.review.next_review_due
    item.reviewed_by_name = doc.review.reviewed_by_name
    item.reviewed_by_credentials = doc.review.reviewed_by_credentials
    item.references = [reference.model_dump(exclude_none=True) for reference in doc.references]
    if isinstance(item, Condition):
        assert isinstance(doc, documents.Condition)
        item.category = _lookup(ConditionCategory, doc.category, path, "category")
        _set_translated(item, doc, ("name", "summary", "body", "aliases"))
    elif isinstance(item, FAQ):
        assert isinstance(doc, documents.Faq)
        item.topic = _lookup(FaqTopic, doc.topic, path, "topic")
        _set_translated(item, doc, ("question", "summary", "body"))
    else:
        _set_translated(item, doc, ("name", "summary", "body"))


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
        raise ContentFileError(
            path, f"no {model._meta.verbose_name} has the slug {slug!r}", field=field_name
        ) from None


def _set_translated(obj: models.Model, doc: documents.Document, names: tuple[str, ...]) -> None:
    translations = getattr(doc, "translations", {})
    for name in names:
        setattr(obj, build_localized_fieldname(name, DEFAULT), getattr(doc, name))
        for language in OTHER_LANGUAGES:
            value = getattr(translations.get(language), name, None) or None
            setattr(obj, build_localized_fieldname(name, language), value)


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
