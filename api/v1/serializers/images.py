"""v1 images (DESIGN 1.6): what a picture shows in words, who made it, and its
renditions, with `srcset` strings ready for `<img>` and `<source>`."""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage
from drf_spectacular.utils import extend_schema_field, inline_serializer
from rest_framework import serializers

from api.v1.serializers.items import ContentItemV1Serializer
from api.v1.serializers.renditions import SIZES, fallback_src, made, srcsets
from content.models import Image, Rendition
from content.renditions import MIME_TYPES


class RenditionV1Serializer(serializers.Serializer):
    url = serializers.CharField(help_text="Never changes: cache it for as long as you like.")
    width = serializers.IntegerField()
    height = serializers.IntegerField()
    format = serializers.ChoiceField(choices=Rendition.Format.values)
    type = serializers.CharField(help_text="Its media type, for `<source type>`.")
    crop = serializers.CharField(
        help_text="Empty: the picture's own proportions; else the ratio it was cropped to "
        "around its focal point (`16:9`, `1:1`)."
    )
    bytes = serializers.IntegerField()
    sha256 = serializers.CharField(help_text="Of the file: for an offline cache to check it.")


SrcsetV1Serializer = inline_serializer(
    "ImageSrcsetV1",
    {
        kind: serializers.CharField(
            required=False,
            help_text=f"`srcset` of the {kind.upper()} renditions in the picture's proportions "
            "(`url 320w, url 640w, …`); absent where none is made.",
        )
        for kind in ("avif", "webp", "jpeg")
    },
)


class ImageV1Serializer(ContentItemV1Serializer):
    """A picture items show: its alt text, credit and licence, and its renditions."""

    api_type = "images"
    translated_fields = ("name", "alt", "caption", "summary", "body")

    name = serializers.CharField(help_text="What editors call it.")
    alt = serializers.CharField(
        help_text="What the picture shows, for people who cannot see it: the `alt` of `<img>`."
    )
    caption = serializers.CharField(help_text="To show under it; may be empty.")
    credit = serializers.CharField(help_text="Who made it, to show with it; may be empty.")
    licence = serializers.CharField(help_text="Its licence, such as “CC BY 4.0”; may be empty.")
    licence_url = serializers.SerializerMethodField(help_text="The licence's terms, if given.")
    width = serializers.IntegerField(help_text="Of the picture as uploaded, upright.")
    height = serializers.IntegerField()
    focal_point = serializers.SerializerMethodField(
        help_text="Where its subject is, from 0 (left, top) to 1 (right, bottom): for "
        "`object-position` when a front-end crops it itself."
    )
    src = serializers.SerializerMethodField(
        help_text="A JPEG for `<img src>`: the widest up to 1024 pixels (null in a preview "
        "of a picture whose renditions are still being made)."
    )
    srcset = serializers.SerializerMethodField()
    sizes = serializers.SerializerMethodField(
        help_text="A default `sizes` (the full width of the viewport); set your own."
    )
    renditions = serializers.SerializerMethodField(
        help_text="Every rendition, each width in each format, as is and cropped."
    )

    field_order = (
        "id", "slug", "name", "alt", "caption", "credit", "licence", "licence_url", "width",
        "height", "focal_point", "src", "srcset", "sizes", "renditions", "summary", "body",
        "url", "canonical_url",
    )  # fmt: skip

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_licence_url(self, image: Image) -> str | None:
        return image.licence_url or None

    @extend_schema_field(
        inline_serializer(
            "ImageFocalPointV1", {"x": serializers.FloatField(), "y": serializers.FloatField()}
        )
    )
    def get_focal_point(self, image: Image) -> dict[str, float]:
        return {"x": image.focal_x, "y": image.focal_y}

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_src(self, image: Image) -> str | None:
        return fallback_src(image)

    @extend_schema_field(SrcsetV1Serializer)
    def get_srcset(self, image: Image) -> dict[str, str]:
        return srcsets(image)

    def get_sizes(self, image: Image) -> str:
        return SIZES

    @extend_schema_field(RenditionV1Serializer(many=True))
    def get_renditions(self, image: Image) -> list[dict[str, Any]]:
        return [
            {
                "url": default_storage.url(r.file), "width": r.width, "height": r.height,
                "format": r.format, "type": MIME_TYPES[r.format], "crop": r.crop,
                "bytes": r.bytes, "sha256": r.sha256,
            }
            for r in made(image)
        ]  # fmt: skip
