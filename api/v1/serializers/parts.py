"""What v1 item representations are made of: the body in its formats, urgent-care
statements, terms, references, reviewer, attribution, and the references and links
from one item to another."""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from api.v1.serializers import figures
from content.models import ContentItem
from content.rendering import FIGURE_BLOCK, URGENT_CARE_BLOCK, with_urgent_care
from content.translation_records import Served
from content.urgent_care import ReviewState

BlockSerializer = inline_serializer(
    "BodyBlockV1",
    {
        "type": serializers.ChoiceField(
            choices=["heading", "paragraph", "list", "quote", FIGURE_BLOCK, URGENT_CARE_BLOCK]
        ),
        "image": inline_serializer(
            "BodyFigureImageV1",
            {
                "id": serializers.UUIDField(),
                "slug": serializers.SlugField(),
                "name": serializers.CharField(),
                "url": serializers.CharField(),
                "alt": serializers.CharField(help_text="The `alt` of `<img>`."),
                "caption": serializers.CharField(),
                "credit": serializers.CharField(help_text="To show with it; may be empty."),
                "width": serializers.IntegerField(),
                "height": serializers.IntegerField(),
                "src": serializers.CharField(),
                "srcset": serializers.DictField(
                    child=serializers.CharField(), help_text="By format: avif, webp, jpeg."
                ),
            },
            required=False,
            help_text="figure: the image the body places (`/images/{id}/` has all of it)",
        ),
        "caption": serializers.CharField(
            required=False, help_text="figure: the body's caption for it, else the image's"
        ),
        "text": serializers.CharField(
            required=False, help_text="heading, paragraph, quote; urgent_care: its heading"
        ),
        "level": serializers.IntegerField(required=False, help_text="heading: 2 to 6"),
        "ordered": serializers.BooleanField(required=False, help_text="list"),
        "start": serializers.IntegerField(required=False, help_text="ordered list"),
        "items": serializers.ListField(
            child=serializers.CharField(),
            required=False,
            help_text="list; urgent_care: its statements",
        ),
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
        body = getattr(item, f"body_{body_format}")
        # Its figures, from the images fetched with it (api.querysets.with_figures).
        return figures.fill(body, body_format, getattr(item, "figures_placed", {}))


class ConditionBodyField(BodyField):
    """A condition's body, followed by its urgent-care statements as a block of the
    same format (content.rendering), in the language served."""

    def to_representation(self, item: Any) -> Any:
        # In the language served, or English (modeltranslation reads the active one).
        statements = [statement["text"] for statement in item.urgent_care or []]
        return with_urgent_care(
            super().to_representation(item),
            statements,
            language=self.context["language"],
            body_format=self.context.get("body_format", "html"),
        )


class BodyFieldSchema(OpenApiSerializerFieldExtension):
    """`body` as served: one rendition. Resolving BlockSerializer here (rather
    than naming its $ref) is what adds the BodyBlockV1 component to the document."""

    target_class = BodyField
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        blocks = auto_schema.resolve_serializer(BlockSerializer, direction)
        description = (
            "The body in the format `body_format` asks for: sanitized HTML (default), plain "
            "text, Markdown, or a list of typed blocks."
        )
        if isinstance(self.target, ConditionBodyField):
            description += (
                " It ends with the `urgent_care` statements, when there are any, as a block of "
                'that format: `<aside class="urgent-care">` with a heading and a list in HTML, '
                "a heading line and a line per statement in text, a `##` section in Markdown, "
                "an `urgent_care` block."
            )
        return {
            "oneOf": [
                {"type": "string", "description": "body_format html (default), text or markdown"},
                {"type": "array", "items": blocks.ref},
            ],
            "description": description,
        }


class UrgentCareStatementV1Serializer(serializers.Serializer):
    """One statement of when to seek urgent care, with its clinical review."""

    text = serializers.CharField()
    review_status = serializers.ChoiceField(
        choices=ReviewState.values,
        help_text="`approved`: a clinical reviewer's review covers this text; `pending`: "
        "not yet (served all the same: it is safety advice).",
    )
    reviewed_by = serializers.CharField(
        allow_null=True, help_text="The reviewer's name and credentials; null while pending."
    )
    reviewed_at = serializers.DateField(allow_null=True, help_text="null while pending.")


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


class ImageRefV1Serializer(MechanismRefV1Serializer):
    alt = serializers.CharField(help_text="What the picture shows: the `alt` of `<img>`.")


class FaqRefV1Serializer(serializers.Serializer):
    id = serializers.UUIDField()
    slug = serializers.SlugField()
    question = serializers.CharField()
    url = serializers.CharField()


class MechanismLinkV1Serializer(MechanismRefV1Serializer):
    note = serializers.CharField(help_text="How this mechanism applies to the condition.")


class ConditionLinkV1Serializer(ConditionRefV1Serializer):
    note = serializers.CharField(help_text="How this mechanism applies to the condition.")
