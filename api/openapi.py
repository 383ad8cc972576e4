"""OpenAPI pieces every API version's views share: the common query parameters."""

from __future__ import annotations

from collections.abc import Iterable

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from api import languages
from api.params import BODY_FORMATS

LANG = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=languages.SUPPORTED,
    description="Language to serve; overrides Accept-Language. Untranslated fields fall back "
    "to English and are listed in each item's `fallback_fields`. The response's "
    "Content-Language says which language was served.",
)
ACCEPT_LANGUAGE = OpenApiParameter(
    "Accept-Language",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    description="Preferred languages (RFC 9110), e.g. `fr-CA,fr;q=0.9`. Unsupported ones fall "
    "back to English; use `lang=` to insist.",
)
BODY_FORMAT = OpenApiParameter(
    "body_format",
    OpenApiTypes.STR,
    enum=list(BODY_FORMATS),
    description="How `body` is returned: sanitized `html` (default), plain `text`, "
    "`markdown`, or `blocks` (a list of typed blocks for native apps).",
)


def fields_parameter(names: Iterable[str]) -> OpenApiParameter:
    return OpenApiParameter(
        "fields",
        OpenApiTypes.STR,
        description="Comma-separated fields to return (sparse fieldset), e.g. "
        f"`slug,name,summary`. Known: {', '.join(names)}. Omitted fields are left out of "
        "each item; an unknown name is a 400.",
    )


def expand_parameter(names: Iterable[str]) -> OpenApiParameter:
    names = list(names)
    return OpenApiParameter(
        "expand",
        OpenApiTypes.STR,
        description="Comma-separated relations to inline as full items instead of references: "
        f"{', '.join(names)}. An unknown name is a 400.",
        examples=[],
    )


def item_parameters(
    field_names: Iterable[str], expandable: Iterable[str]
) -> list[OpenApiParameter]:
    """Parameters of a list or detail endpoint of an item type."""
    return [
        fields_parameter(field_names),
        expand_parameter(expandable),
        BODY_FORMAT,
        LANG,
        ACCEPT_LANGUAGE,
    ]
