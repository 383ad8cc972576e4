"""The v1 item serializers: they define the contract (openapi.yaml) and render
each item once per change (api.caching.representations).

Rendering happens inside `translation.override(language)`, so translated
fields read in that language and fall back to English field by field.
`body` is rendered in the format the request asks for (context["body_format"]).
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.conf import settings
from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers

from api.caching.representations import StoredRepresentations
from api.v1.links import api_url, attribution, canonical_url, reference
from api.v1.serializers.parts import (
    AttributionV1Serializer,
    BodyField,
    ConditionBodyField,
    ConditionLinkV1Serializer,
    ConditionRefV1Serializer,
    FaqRefV1Serializer,
    ImageRefV1Serializer,
    MechanismLinkV1Serializer,
    MechanismRefV1Serializer,
    ReferenceV1Serializer,
    ReviewerV1Serializer,
    TermV1Serializer,
    TranslationV1Serializer,
    UrgentCareStatementV1Serializer,
)
from content import translation_records, urgent_care
from content.models import ContentItem, Disclaimer
from content.review import ReviewStatus

DEFAULT_LANGUAGE = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


class ContentItemV1Serializer(serializers.Serializer):
    """Fields every item has (DESIGN 1.2)."""

    api_type: str = ""
    translated_fields: tuple[str, ...] = ("summary", "body")
    # Relations to taxonomy terms whose names the item shows.
    translated_terms: tuple[str, ...] = ()

    class Meta:
        # A page is assembled from stored representations, rendered by this serializer.
        list_serializer_class = StoredRepresentations

    id = serializers.UUIDField(help_text="Never changes, in any environment.")
    slug = serializers.SlugField(help_text="Unique per type; may change, `id` does not.")
    summary = serializers.CharField(help_text="Plain text, at most 200 characters.")
    body = BodyField()
    url = serializers.SerializerMethodField(help_text="This item in the API (a relative URL).")
    canonical_url = serializers.SerializerMethodField(
        help_text="The human-readable page of this item, for links and SEO."
    )
    published_at = serializers.DateTimeField(
        help_text="When the item was first published (kept if it is withdrawn and published again)."
    )
    updated_at = serializers.DateTimeField(help_text="Its last published change.")
    revision = serializers.IntegerField(help_text="Goes up on every published change.")
    last_reviewed = serializers.DateField(allow_null=True)
    next_review_due = serializers.DateField(allow_null=True)
    reviewed_by = serializers.SerializerMethodField()
    review_overdue = serializers.SerializerMethodField(
        help_text="True once `next_review_due` has passed; the item is still served."
    )
    review_status = serializers.SerializerMethodField(
        help_text="`pending`: never clinically reviewed; `current`: reviewed, not yet due "
        "again; `overdue`: `next_review_due` has passed (the item is still served)."
    )
    references = ReferenceV1Serializer(many=True)
    attribution = serializers.SerializerMethodField(
        help_text="Credit and licence to show wherever the item is republished."
    )
    language = serializers.SerializerMethodField(help_text="The language served, e.g. fr-ca.")
    translation = serializers.SerializerMethodField(
        help_text="How the text in `language` was translated, and its review."
    )
    fallback_fields = serializers.SerializerMethodField(
        help_text="Fields served in English because they have no translation yet; a term's "
        "name shown in English is listed as `category.name`, `body_regions.name`, `topic.name`."
    )

    # Identity and titles first, relations next, metadata last.
    field_order: tuple[str, ...] = (
        "id", "slug", "name", "question", "aliases", "search_terms", "summary", "image", "body",
        "urgent_care", "category", "topic", "body_regions", "mechanisms", "conditions", "faqs",
        "url", "canonical_url",
    )  # fmt: skip

    def get_fields(self) -> dict[str, Any]:
        # context["omit"]: the relation lists an embedded form leaves out.
        omit = self.context.get("omit", ())
        fields = {name: f for name, f in super().get_fields().items() if name not in omit}
        first = [name for name in self.field_order if name in fields]
        rest = [name for name in fields if name not in first]
        return {name: fields[name] for name in [*first, *rest]}

    def get_url(self, item: ContentItem) -> str:
        return api_url(self.api_type, item.slug)

    def get_canonical_url(self, item: ContentItem) -> str:
        return canonical_url(self.api_type, item.slug)

    @extend_schema_field(ReviewerV1Serializer(allow_null=True))
    def get_reviewed_by(self, item: ContentItem) -> dict[str, str] | None:
        if not item.reviewed_by_name:
            return None
        return {"name": item.reviewed_by_name, "credentials": item.reviewed_by_credentials}

    def get_review_overdue(self, item: ContentItem) -> bool:
        return item.review_overdue

    @extend_schema_field(serializers.ChoiceField(choices=ReviewStatus.values))
    def get_review_status(self, item: ContentItem) -> str:
        return item.review_status

    @extend_schema_field(AttributionV1Serializer)
    def get_attribution(self, item: ContentItem) -> dict[str, Any]:
        return {
            **attribution(self.api_type, item.slug),
            # In the language being rendered (modeltranslation reads the active one).
            "disclaimer": self._disclaimer.text,
            "disclaimer_version": self._disclaimer.version,
        }

    @cached_property
    def _disclaimer(self) -> Disclaimer:
        # Once per page rendered: every item of it carries the same one.
        return Disclaimer.objects.current()

    def get_language(self, item: ContentItem) -> str:
        return str(self.context["language"])

    @extend_schema_field(TranslationV1Serializer)
    def get_translation(self, item: ContentItem) -> dict[str, Any]:
        return translation_records.served(item, str(self.context["language"]))

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_fallback_fields(self, item: ContentItem) -> list[str]:
        language = self.context["language"]
        if language == DEFAULT_LANGUAGE:
            return []
        empty: tuple[Any, ...] = (None, "", [])
        # Served in English: nothing in `language`, something in English.
        own = [
            name
            for name in self.translated_fields
            if getattr(item, build_localized_fieldname(name, language)) in empty
            and getattr(item, build_localized_fieldname(name, DEFAULT_LANGUAGE)) not in empty
        ]
        name = build_localized_fieldname("name", language)
        terms = [
            f"{relation}.name"
            for relation in self.translated_terms
            if any(not getattr(term, name) for term in _terms(item, relation))
        ]
        return own + terms


def _terms(item: ContentItem, relation: str) -> list[Any]:
    """The terms `item` names through `relation` (prefetched with it for rendering)."""
    value = getattr(item, relation)
    return list(value.all()) if hasattr(value, "all") else [value]


class LeadImageMixin(serializers.Serializer):
    """The lead image of a condition or a mechanism: its reference, or null."""

    image = serializers.SerializerMethodField(
        help_text="Its lead image, or null: id, slug, name, alt text and url. "
        "`expand=image` inlines the image whole (renditions, `srcset`, credit)."
    )

    @extend_schema_field(ImageRefV1Serializer(allow_null=True))
    def get_image(self, item: Any) -> dict[str, Any] | None:
        image = item.image
        if image is None or not image.is_published:
            return None
        return {**reference(image), "alt": image.alt}


class ConditionV1Serializer(LeadImageMixin, ContentItemV1Serializer):
    """A condition IMS is used for."""

    api_type = "conditions"
    translated_fields = ("name", "aliases", "search_terms", "summary", "body", "urgent_care")
    translated_terms = ("category", "body_regions")

    name = serializers.CharField()
    aliases = serializers.ListField(
        child=serializers.CharField(),
        help_text="Other names of this same condition (or common misspellings of its name).",
    )
    search_terms = serializers.ListField(
        child=serializers.CharField(),
        help_text="What else people type to find this condition, such as a symptom or a "
        "broader complaint (“heel pain”): for search, never to be shown as its names.",
    )
    body = ConditionBodyField()
    urgent_care = serializers.SerializerMethodField(
        help_text="When to seek urgent care: safety advice, each statement with its "
        "clinical review (pending ones too); empty when there is none. `body` ends with "
        "the same statements as a block of its format."
    )
    category = TermV1Serializer()
    body_regions = TermV1Serializer(many=True)
    mechanisms = serializers.SerializerMethodField(
        help_text="How IMS may help here; inlined with `expand=mechanisms`."
    )
    faqs = serializers.SerializerMethodField(
        help_text="Related questions; inlined with `expand=faqs`."
    )

    @extend_schema_field(UrgentCareStatementV1Serializer(many=True))
    def get_urgent_care(self, condition: Any) -> list[dict[str, Any]]:
        return [
            {
                "text": statement["text"],
                "review_status": urgent_care.review_state(statement),
                "reviewed_by": statement["reviewed_by"] or None,
                "reviewed_at": statement["reviewed_at"],
            }
            for statement in condition.urgent_care or []
        ]

    @extend_schema_field(MechanismLinkV1Serializer(many=True))
    def get_mechanisms(self, condition: Any) -> list[dict[str, Any]]:
        return [
            {**reference(link.mechanism), "note": link.note}
            for link in condition.mechanism_links.all()
        ]

    @extend_schema_field(FaqRefV1Serializer(many=True))
    def get_faqs(self, condition: Any) -> list[dict[str, Any]]:
        return [reference(faq) for faq in condition.faqs.all()]


class FaqV1Serializer(ContentItemV1Serializer):
    """A question and its answer: `summary` is the short answer, `body` the full one."""

    api_type = "faqs"
    translated_fields = ("question", "summary", "body")
    translated_terms = ("topic",)

    question = serializers.CharField()
    topic = TermV1Serializer()
    conditions = serializers.SerializerMethodField(help_text="Inlined with `expand=conditions`.")
    mechanisms = serializers.SerializerMethodField(help_text="Inlined with `expand=mechanisms`.")

    @extend_schema_field(ConditionRefV1Serializer(many=True))
    def get_conditions(self, faq: Any) -> list[dict[str, Any]]:
        return [reference(condition) for condition in faq.conditions.all()]

    @extend_schema_field(MechanismRefV1Serializer(many=True))
    def get_mechanisms(self, faq: Any) -> list[dict[str, Any]]:
        return [reference(mechanism) for mechanism in faq.mechanisms.all()]


class MechanismV1Serializer(LeadImageMixin, ContentItemV1Serializer):
    """One way IMS works."""

    api_type = "mechanisms"
    translated_fields = ("name", "summary", "body")

    name = serializers.CharField()
    conditions = serializers.SerializerMethodField(help_text="Inlined with `expand=conditions`.")
    faqs = serializers.SerializerMethodField(help_text="Inlined with `expand=faqs`.")

    @extend_schema_field(ConditionLinkV1Serializer(many=True))
    def get_conditions(self, mechanism: Any) -> list[dict[str, Any]]:
        return [
            {**reference(link.condition), "note": link.note}
            for link in mechanism.condition_links.all()
        ]

    @extend_schema_field(FaqRefV1Serializer(many=True))
    def get_faqs(self, mechanism: Any) -> list[dict[str, Any]]:
        return [reference(faq) for faq in mechanism.faqs.all()]
