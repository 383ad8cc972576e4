"""What v1 item representations are made of: the body in its formats, terms, references,
reviewer, attribution, and the references and links from one item to another."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from content.models import ContentItem
from content.translation_records import Served

BlockSerializer = inline_serializer(
    "BodyBlockV1",
    {
        "type": serializers.ChoiceField(choices=["heading", "paragraph", "list", "quote"]),
        "text": serializers.CharField(required=False, help_text="heading, paragraph, quote"),
        "level": serializers.IntegerField(required=False, help_text="heading: 2 to 6"),
        "ordered": serializers.BooleanField(required=False, help_text="list"),
        "start": serializers.IntegerField(required=False, help_text="ordered list"),
        "items": serializers.ListField(child=serializers.CharField(), required=False),
    },
)


class BodyField(serializers.Field):
    """The body in the rendition `context["body_format"]` names (html by default),
    each derived when the item was saved (DESIGN 1.3)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, item: ContentItem) -> Any:
        body_format = self.context.get("body_format", "html")
        if body_format == "markdown":
            return item.body
        return getattr(item, f"body_{body_format}")


class BodyFieldSchema(OpenApiSerializerFieldExtension):
    """`body` as served: one rendition. Resolving BlockSerializer here (rather
    than naming its $ref) is what adds the BodyBlockV1 component to the document."""

    target_class = BodyField

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        blocks = auto_schema.resolve_serializer(BlockSerializer, direction)
        return {
            "oneOf": [
                {"type": "string", "description": "body_format html (default), text or markdown"},
                {"type": "array", "items": blocks.ref},
            ],
            "description": "The body in the format `body_format` asks for: sanitized HTML "
            "(default), plain text, Markdown, or a list of typed blocks.",
        }


class TermV1Serializer(serializers.Serializer):
    id = serializers.UUIDField()
    slug = serializers.SlugField()
    name = serializers.CharField()


class ReviewerV1Serializer(serializers.Serializer):
    name = serializers.CharField()
    credentials = serializers.CharField(allow_blank=True)


class TranslationV1Serializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=Served.values,
        help_text="How the served language's text came to be: `original` (the item is "
        "written in it), `human` or `machine` translation (`machine`: no human translator; "
        "show it as such), `unknown` (translated, with no record of how), or `none` (no "
        "translation: every text is the original's, see `fallback_fields`).",
    )
    reviewed_by = ReviewerV1Serializer(
        allow_null=True,
        help_text="Who reviewed this language's text, if anyone (the original's clinical "
        "review is `reviewed_by` on the item).",
    )
    reviewed_at = serializers.DateField(allow_null=True)


class ReferenceV1Serializer(serializers.Serializer):
    citation = serializers.CharField()
    url = serializers.URLField(required=False)


class AttributionV1Serializer(serializers.Serializer):
    text = serializers.CharField()
    license = serializers.CharField()
    license_url = serializers.CharField(allow_null=True)
    canonical_url = serializers.CharField(help_text="Link back here when republishing.")
    disclaimer = serializers.CharField(
        help_text="The medical disclaimer to show with the item (the same for every item; "
        "also in the index and the bundle)."
    )
    disclaimer_version = serializers.IntegerField(
        help_text="Goes up whenever the disclaimer changes."
    )


class MechanismRefV1Serializer(serializers.Serializer):
    id = serializers.UUIDField()
    slug = serializers.SlugField()
    name = serializers.CharField()
    url = serializers.CharField()


class ConditionRefV1Serializer(MechanismRefV1Serializer):
    pass


class FaqRefV1Serializer(serializers.Serializer):
    id = serializers.UUIDField()
    slug = serializers.SlugField()
    question = serializers.CharField()
    url = serializers.CharField()


class MechanismLinkV1Serializer(MechanismRefV1Serializer):
    note = serializers.CharField(help_text="How this mechanism applies to the condition.")


class ConditionLinkV1Serializer(ConditionRefV1Serializer):
    note = serializers.CharField(help_text="How this mechanism applies to the condition.")
