"""v1 body regions, served straight from one query."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from modeltranslation.utils import build_localized_fieldname
from rest_framework import serializers

from api.v1.links import api_url


class BodyRegionV1Serializer(serializers.Serializer):
    """Where in the body, with how many published conditions it has."""

    id = serializers.UUIDField()
    slug = serializers.SlugField()
    name = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    position = serializers.IntegerField()
    condition_count = serializers.IntegerField()
    url = serializers.SerializerMethodField()
    conditions_url = serializers.SerializerMethodField(help_text="Its conditions, filtered.")
    fallback_fields = serializers.SerializerMethodField(
        help_text="Fields served in English because they have no translation yet."
    )

    def get_url(self, region: Any) -> str:
        return api_url("body-regions", region.slug)

    def get_conditions_url(self, region: Any) -> str:
        return f"{reverse('v1:condition-list')}?body_region={region.slug}"

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_fallback_fields(self, region: Any) -> list[str]:
        # Rendered inside the served language (translation.override).
        language = translation.get_language() or settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        if language == settings.MODELTRANSLATION_DEFAULT_LANGUAGE:
            return []
        return [
            name
            for name in ("name", "description")
            if not getattr(region, build_localized_fieldname(name, language))
        ]
