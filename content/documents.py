"""The seed-file format: what `load_content` reads and `export_content` writes.

Each type is a pydantic model that rejects unknown keys and wrong types, so a
mistake in a hand-edited file is reported with its field before anything is
written. Model rules (summary length, slug syntax, constraints) are checked by
the model itself when the item is saved through content.services.

Lists whose order means nothing (body regions, related items) are kept sorted
by slug so that a file and its export compare equal whatever order an editor
typed them in; a condition's mechanisms keep their order (it is their position).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, ClassVar, Literal
from uuid import UUID

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

Slug = Annotated[str, StringConstraints(pattern=r"^[-a-z0-9]+$", min_length=1, max_length=100)]
Language = Literal["fr-ca"]
Status = Literal["draft", "published", "archived"]
TranslationStatus = Literal["machine", "human"]


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # The order keys are written in; anything not listed follows.
    key_order: ClassVar[tuple[str, ...]] = ()
    # Keys left out of a file when empty: most items have none.
    omitted_when_empty: ClassVar[tuple[str, ...]] = ()

    def to_front_matter(self) -> dict[str, Any]:
        data = _without_empty_translations(self.model_dump(mode="json", exclude={"body"}))
        data = {k: v for k, v in data.items() if v or k not in self.omitted_when_empty}
        ordered = {key: data.pop(key) for key in self.key_order if key in data}
        return {**ordered, **data}


def _without_empty_translations(data: Any) -> Any:
    """Drop empty translated values, and `translations` that end up empty, at any depth."""
    if isinstance(data, list):
        return [_without_empty_translations(value) for value in data]
    if not isinstance(data, dict):
        return data
    pruned = {key: _without_empty_translations(value) for key, value in data.items()}
    translations = {
        language: {name: value for name, value in fields.items() if value}
        for language, fields in pruned.pop("translations", {}).items()
    }
    translations = {language: fields for language, fields in translations.items() if fields}
    return {**pruned, "translations": translations} if translations else pruned


class Review(Document):
    last_reviewed: date | None = None
    next_review_due: date | None = None
    reviewed_by_name: str = ""
    reviewed_by_credentials: str = ""


class Reference(Document):
    citation: str
    url: str | None = None


class UrgentCareStatement(Document):
    """When to seek urgent care, one statement (content.urgent_care): its review is who
    (name and credentials) and when, or neither while pending. Loaded as written."""

    text: str
    reviewed_by: str = ""
    reviewed_at: date | None = None


class TaxonomyTranslation(Document):
    name: str = ""
    description: str = ""


class TaxonomyTerm(Document):
    id: UUID
    slug: Slug
    name: str
    description: str = ""
    position: int = Field(default=0, ge=0)
    translations: dict[Language, TaxonomyTranslation] = {}


class TaxonomyFile(Document):
    body_regions: list[TaxonomyTerm] = []
    condition_categories: list[TaxonomyTerm] = []
    faq_topics: list[TaxonomyTerm] = []


class TranslationReview(Document):
    reviewed_at: date | None = None
    reviewed_by_name: str = ""
    reviewed_by_credentials: str = ""


class ItemTranslation(Document):
    """An item's text in one other language, how it was translated (`machine`:
    without a human translator) and who reviewed that translation, if anyone."""

    status: TranslationStatus | None = None
    review: TranslationReview | None = None
    summary: str = ""
    body: str = ""

    @model_validator(mode="after")
    def _says_how_translated(self) -> ItemTranslation:
        texts = self.model_dump(exclude={"status", "review"})
        if self.status is None and any(texts.values()):
            raise ValueError("status: say how this text was translated (machine or human)")
        return self


class Item(Document):
    """Fields every editorial item has; `body` is the Markdown after the front matter."""

    id: UUID
    slug: Slug
    status: Status = "draft"
    position: int = Field(default=0, ge=0)
    summary: str
    review: Review = Review()
    references: list[Reference] = []
    body: str = ""

    key_order = (
        "id", "slug", "status", "position", "name", "question", "alt", "caption", "credit",
        "licence", "licence_url", "focal_x", "focal_y", "summary", "image", "aliases",
        "search_terms", "category", "body_regions", "topic", "conditions", "mechanisms",
        "review", "references", "urgent_care", "translations",
    )  # fmt: skip

    @field_validator("body")
    @classmethod
    def _trim_body(cls, body: str) -> str:
        return body.strip()


class MechanismTranslation(ItemTranslation):
    name: str = ""


class Mechanism(Item):
    name: str
    # Its lead image, by slug.
    image: Slug | None = None
    translations: dict[Language, MechanismTranslation] = {}

    omitted_when_empty = ("image",)


class MechanismLinkTranslation(Document):
    note: str = ""


class MechanismLink(Document):
    mechanism: Slug
    note: str = ""
    translations: dict[Language, MechanismLinkTranslation] = {}


class ConditionTranslation(ItemTranslation):
    name: str = ""
    aliases: list[str] = []
    search_terms: list[str] = []
    urgent_care: list[UrgentCareStatement] = []


class Condition(Item):
    name: str
    # Other names of the same condition (JSON-LD `alternateName`); `search_terms`:
    # what else people type to find it, for search only.
    aliases: list[str] = []
    search_terms: list[str] = []
    category: Slug
    body_regions: list[Slug] = []
    mechanisms: list[MechanismLink] = []
    urgent_care: list[UrgentCareStatement] = []
    # Its lead image, by slug.
    image: Slug | None = None
    translations: dict[Language, ConditionTranslation] = {}

    omitted_when_empty = ("urgent_care", "image")

    @field_validator("body_regions")
    @classmethod
    def _sort(cls, slugs: list[str]) -> list[str]:
        return sorted(slugs)


class FaqTranslation(ItemTranslation):
    question: str = ""


class Faq(Item):
    question: str
    topic: Slug
    conditions: list[Slug] = []
    mechanisms: list[Slug] = []
    translations: dict[Language, FaqTranslation] = {}

    @field_validator("conditions", "mechanisms")
    @classmethod
    def _sort(cls, slugs: list[str]) -> list[str]:
        return sorted(slugs)


class ImageTranslation(ItemTranslation):
    name: str = ""
    alt: str = ""
    caption: str = ""


class Image(Item):
    """An image's words and framing. Its picture is uploaded in the admin, not kept in
    content files: a loaded image awaits one (and is not published without it)."""

    name: str
    alt: str = Field(min_length=1)
    caption: str = ""
    credit: str = ""
    licence: str = ""
    licence_url: str = ""
    focal_x: float = Field(default=0.5, ge=0, le=1)
    focal_y: float = Field(default=0.5, ge=0, le=1)
    summary: str = ""
    translations: dict[Language, ImageTranslation] = {}

    omitted_when_empty = ("caption", "credit", "licence", "licence_url", "summary")
