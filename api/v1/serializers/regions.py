"""v1 body regions, served straight from one query."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
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

    def get_url(self, region: Any) -> str:
        return api_url("body-regions", region.slug)

    def get_conditions_url(self, region: Any) -> str:
        return f"{reverse('v1:condition-list')}?body_region={region.slug}"
