"""Stored content → seed documents: each term's and item's document, and `export_content`.

A stored item's document equals the file it was loaded from, so an export
writes the seed files back unchanged, and content.seed.loading compares each
file with it to leave unchanged items alone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from modeltranslation.utils import build_localized_fieldname

from content import documents
from content.models import (
    FAQ,
    BodyRegion,
    Condition,
    ConditionCategory,
    ContentItem,
    EditorialEvent,
    FaqTopic,
    Image,
    Mechanism,
    Taxonomy,
)
from content.seed.files import SeedSet, write_seed

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
OTHER_LANGUAGES = [code for code, _ in settings.LANGUAGES if code != DEFAULT]
TAXONOMIES: dict[str, type[Taxonomy]] = {
    "body_regions": BodyRegion,
    "condition_categories": ConditionCategory,
    "faq_topics": FaqTopic,
}
ITEM_MODELS: dict[str, type[ContentItem]] = {
    "images": Image,
    "mechanisms": Mechanism,
    "conditions": Condition,
    "faqs": FAQ,
}


# Beside the content files: the editorial record, one JSON object a line (not loaded back).
EDITORIAL_RECORD_FILE = "editorial-record.jsonl"


def export_content(*, directory: Path) -> list[Path]:
    """Write every item, whatever its status, in the format `load_content` reads,
    and the editorial record beside it."""
    seed = SeedSet(
        taxonomy=documents.TaxonomyFile(
            **{group: [term_document(t) for t in model._default_manager.all()]
               for group, model in TAXONOMIES.items()}
        ),
        images={Path(i.slug): item_document(i) for i in with_relations(Image)},
        mechanisms={Path(m.slug): item_document(m) for m in with_relations(Mechanism)},
        conditions={Path(c.slug): item_document(c) for c in with_relations(Condition)},
        faqs={Path(f.slug): item_document(f) for f in with_relations(FAQ)},
    )  # fmt: skip
    return [*write_seed(seed, directory), _write_editorial_record(directory)]


def _write_editorial_record(directory: Path) -> Path:
    """Every editorial step, oldest first: who did what to which item, and when."""
    path = directory / EDITORIAL_RECORD_FILE
    fields = ("at", "action", "item_type", "item_id", "slug", "revision", "by_name", "note")
    with path.open("w", encoding="utf-8") as out:
        for event in EditorialEvent.objects.order_by("id").values(*fields).iterator():
            out.write(json.dumps(event, cls=DjangoJSONEncoder, ensure_ascii=False) + "\n")
    return path


def term_document(term: Taxonomy) -> documents.TaxonomyTerm:
    return documents.TaxonomyTerm(
        id=term.id,
        slug=term.slug,
        name=_value(term, "name", DEFAULT),
        description=_value(term, "description", DEFAULT),
        position=term.position,
        translations=_translations(term, documents.TaxonomyTranslation),
    )


def item_document(item: ContentItem) -> documents.Item:
    """The document of a stored item, equal to the file it was loaded from."""
    common: dict[str, Any] = {
        "id": item.id,
        "slug": item.slug,
        "status": item.status,
        "position": item.position,
        "summary": _value(item, "summary", DEFAULT),
        "body": _value(item, "body", DEFAULT),
        "review": documents.Review(
            last_reviewed=item.last_reviewed,
            next_review_due=item.next_review_due,
            reviewed_by_name=item.reviewed_by_name,
            reviewed_by_credentials=item.reviewed_by_credentials,
        ),
        "references": item.references,
    }
    if isinstance(item, Image):
        return documents.Image(
            **{**common, "summary": _value(item, "summary", DEFAULT) or ""},
            name=_value(item, "name", DEFAULT),
            alt=_value(item, "alt", DEFAULT),
            caption=_value(item, "caption", DEFAULT) or "",
            credit=item.credit,
            licence=item.licence,
            licence_url=item.licence_url,
            focal_x=item.focal_x,
            focal_y=item.focal_y,
            translations=_item_translations(item, documents.ImageTranslation),
        )
    lead = item.image.slug if isinstance(item, Condition | Mechanism) and item.image else None
    if isinstance(item, Condition):
        return documents.Condition(
            **common,
            image=lead,
            name=_value(item, "name", DEFAULT),
            aliases=_value(item, "aliases", DEFAULT) or [],
            search_terms=_value(item, "search_terms", DEFAULT) or [],
            urgent_care=_value(item, "urgent_care", DEFAULT) or [],
            category=item.category.slug,
            body_regions=[region.slug for region in item.body_regions.all()],
            mechanisms=[
                documents.MechanismLink(
                    mechanism=link.mechanism.slug,
                    note=_value(link, "note", DEFAULT),
                    translations=_translations(link, documents.MechanismLinkTranslation),
                )
                for link in item.mechanism_links.all()
            ],
            translations=_item_translations(item, documents.ConditionTranslation),
        )
    if isinstance(item, FAQ):
        return documents.Faq(
            **common,
            question=_value(item, "question", DEFAULT),
            topic=item.topic.slug,
            conditions=[condition.slug for condition in item.conditions.all()],
            mechanisms=[mechanism.slug for mechanism in item.mechanisms.all()],
            translations=_item_translations(item, documents.FaqTranslation),
        )
    assert isinstance(item, Mechanism)
    return documents.Mechanism(
        **common,
        image=lead,
        name=_value(item, "name", DEFAULT),
        translations=_item_translations(item, documents.MechanismTranslation),
    )


def with_relations(model: type[ContentItem]) -> models.QuerySet[Any]:
    """Every stored item of `model`, with what its document names fetched once per kind."""
    items = cast("models.QuerySet[Any]", model._default_manager.all())
    if model is Condition:
        return items.select_related("category", "image").prefetch_related(
            "body_regions", "mechanism_links__mechanism"
        )
    if model is FAQ:
        return items.select_related("topic").prefetch_related("conditions", "mechanisms")
    if model is Mechanism:
        return items.select_related("image")
    return items


def _value(obj: models.Model, name: str, language: str) -> Any:
    value = getattr(obj, build_localized_fieldname(name, language))
    return "" if value is None else value


def _translations(obj: models.Model, schema: type[documents.Document]) -> Any:
    """Non-empty translations of `obj`'s fields in the languages other than the default."""
    found = {}
    for language in OTHER_LANGUAGES:
        values = _translated_values(obj, schema, language)
        if values:
            found[language] = schema(**values)
    return found


def _item_translations(item: ContentItem, schema: type[documents.ItemTranslation]) -> Any:
    """An item's translations, each with how it was made and its review."""
    found = {}
    for language in OTHER_LANGUAGES:
        values = _translated_values(item, schema, language)
        record = item.translation_records.get(language)
        if record:
            review = {key: value for key, value in record.items() if key != "status"}
            values["status"] = record["status"]
            if any(review.values()):
                values["review"] = documents.TranslationReview(**review)
        if values:
            found[language] = schema(**values)
    return found


def _translated_values(
    obj: models.Model, schema: type[documents.Document], language: str
) -> dict[str, Any]:
    return {
        name: value
        for name in schema.model_fields
        if name not in ("status", "review")
        and (value := getattr(obj, build_localized_fieldname(name, language)))
    }
