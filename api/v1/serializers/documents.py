"""v1 documents that are not items: the index, search hits, suggestions, the changes feed,
the bundle."""

from __future__ import annotations

from rest_framework import serializers

from api.v1.serializers.images import ImageV1Serializer
from api.v1.serializers.items import ConditionV1Serializer, FaqV1Serializer, MechanismV1Serializer
from api.v1.serializers.regions import BodyRegionV1Serializer
from content.types import ITEM_TYPES, TEXT_TYPES


class DisclaimerV1Serializer(serializers.Serializer):
    """The medical disclaimer, in the language served: show it with the content."""

    text = serializers.CharField()
    version = serializers.IntegerField(help_text="Goes up whenever the text changes.")
    updated_at = serializers.DateTimeField()


class IndexV1Serializer(serializers.Serializer):
    version = serializers.CharField()
    status = serializers.ChoiceField(choices=["stable", "deprecated"])
    deprecated = serializers.BooleanField()
    sunset = serializers.DateField(allow_null=True, help_text="When a deprecated version ends.")
    collections = serializers.DictField(child=serializers.CharField())
    languages = serializers.ListField(child=serializers.CharField())
    docs = serializers.DictField(child=serializers.CharField())
    disclaimer = DisclaimerV1Serializer()


class SearchResultV1Serializer(serializers.Serializer):
    """One search hit, of any type."""

    type = serializers.ChoiceField(choices=list(TEXT_TYPES))
    id = serializers.UUIDField()
    slug = serializers.SlugField()
    title = serializers.CharField(help_text="Name, or question for an FAQ.")
    summary = serializers.CharField()
    snippet = serializers.CharField(
        help_text="HTML-safe text around the match, matches wrapped in <mark>."
    )
    score = serializers.FloatField(help_text="Relevance; higher is better.")
    url = serializers.CharField(help_text="The item in the API.")


class SuggestionV1Serializer(serializers.Serializer):
    """A name to offer as someone types: an item's title, or one of its aliases."""

    type = serializers.ChoiceField(choices=list(TEXT_TYPES))
    id = serializers.UUIDField()
    slug = serializers.SlugField()
    title = serializers.CharField(help_text="Name, or question for an FAQ.")
    alias = serializers.CharField(
        allow_null=True,
        help_text="The alias what was typed matched (show it beside the title), or null when "
        "it matched the title.",
    )
    url = serializers.CharField(help_text="The item in the API.")


class SuggestionsV1Serializer(serializers.Serializer):
    results = SuggestionV1Serializer(many=True)


class ChangeV1Serializer(serializers.Serializer):
    """One event of the changes feed; a removal is a tombstone (no url)."""

    kind = serializers.ChoiceField(choices=["created", "updated", "removed"])
    type = serializers.ChoiceField(choices=list(ITEM_TYPES))
    id = serializers.UUIDField()
    slug = serializers.SlugField()
    revision = serializers.IntegerField()
    at = serializers.DateTimeField()
    url = serializers.CharField(allow_null=True, help_text="null for a removal (a tombstone).")


class ChangesV1Serializer(serializers.Serializer):
    events = ChangeV1Serializer(many=True)
    cursor = serializers.CharField(help_text="Where this page ends: pass it as `since`.")
    next = serializers.CharField(help_text="The URL to poll next; always given.")


class BundleV1Serializer(serializers.Serializer):
    """Everything published, in one language, for a kiosk that starts offline."""

    language = serializers.CharField()
    cursor = serializers.CharField(help_text="Follow /changes/?since=<cursor> from here.")
    disclaimer = DisclaimerV1Serializer()
    conditions = ConditionV1Serializer(many=True)
    faqs = FaqV1Serializer(many=True)
    mechanisms = MechanismV1Serializer(many=True)
    images = ImageV1Serializer(
        many=True,
        help_text="Every published image, with every rendition a kiosk caches (URL, size, "
        "SHA-256).",
    )
    body_regions = BodyRegionV1Serializer(many=True)
