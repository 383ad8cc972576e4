"""OpenAPI pieces every API version's views share: the common query parameters."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.extensions import OpenApiAuthenticationExtension, OpenApiSerializerExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema_serializer,
)
from rest_framework import serializers

from api.querying import languages
from api.querying.params import BODY_FORMATS, NOT_BLANK, names_pattern
from content.types import ITEM_TYPES, TEXT_TYPES

# Search and suggestions read the types of text; the changes feed reports every type.
TEXT_TYPE_FILTER = OpenApiParameter(
    "type",
    str,
    pattern=names_pattern(TEXT_TYPES),
    description=f"Only these types, comma-separated: {', '.join(TEXT_TYPES)}.",
)
ITEM_TYPE_FILTER = OpenApiParameter(
    "type",
    str,
    pattern=names_pattern(ITEM_TYPES),
    description=f"Only these types, comma-separated: {', '.join(ITEM_TYPES)}.",
)


def text_query(max_length: int, description: str) -> OpenApiParameter:
    """The required `q` of search and suggestions: at most `max_length`, not all spaces."""
    return OpenApiParameter(
        "q",
        {"type": "string", "maxLength": max_length, "pattern": NOT_BLANK},
        required=True,
        description=description,
    )


def slug_in_path(singular: str, pattern: str, *, by: str = "slug") -> OpenApiParameter:
    """The `{slug}` of a detail path, matching `pattern` (the route's); `by="slug or id"`
    where its id names it too."""
    description = f"The {singular}'s slug: its stable name in URLs, in every language."
    if by != "slug":
        description += f" Or its id, which never changes (as a body names the {singular})."
    return OpenApiParameter(
        "slug", {"type": "string", "pattern": f"^{pattern}$"}, OpenApiParameter.PATH,
        description=description,
    )  # fmt: skip


LANG = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=languages.SUPPORTED,
    description="Language to serve; overrides Accept-Language. Untranslated fields fall back "
    "to English and are listed in each item's `fallback_fields`. The response's "
    "Content-Language says which languages were served.",
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


PREVIEW = OpenApiParameter(
    "preview",
    OpenApiTypes.BOOL,
    description="`true` includes drafts, for an API key that may preview (403 otherwise). "
    "Preview responses are `Cache-Control: private, no-store`.",
)


def fields_parameter(names: Iterable[str]) -> OpenApiParameter:
    return OpenApiParameter(
        "fields",
        OpenApiTypes.STR,
        pattern=names_pattern(names),
        description="Comma-separated fields to return (sparse fieldset), e.g. "
        f"`slug,name,summary`. Known: {', '.join(names)}. Omitted fields are left out of "
        "each item; an unknown name is a 400.",
    )


def expand_parameter(names: Iterable[str]) -> OpenApiParameter:
    names = list(names)
    return OpenApiParameter(
        "expand",
        OpenApiTypes.STR,
        pattern=names_pattern(names),
        description="Comma-separated relations to inline as items instead of references: "
        f"{', '.join(names)}. Each inlined item keeps its reference fields and adds its own "
        "fields, but not its own relation lists (one level deep: follow its `url` for them). "
        "An unknown name is a 400.",
        examples=[],
    )


def item_parameters(
    field_names: Iterable[str], expandable: Iterable[str]
) -> list[OpenApiParameter]:
    """Parameters of a list or detail endpoint of an item type (`expand` where it has
    something to inline)."""
    expandable = list(expandable)
    return [
        fields_parameter(field_names),
        *([expand_parameter(expandable)] if expandable else []),
        BODY_FORMAT,
        LANG,
        ACCEPT_LANGUAGE,
        PREVIEW,
        *STANDARD_HEADERS,
    ]


def _header(name: str, description: str, *, response: bool | list[int] = False) -> OpenApiParameter:
    return OpenApiParameter(
        name,
        OpenApiTypes.STR,
        location=OpenApiParameter.HEADER,
        description=description,
        response=response,
    )


# Conditional requests, caching and rate limits (DESIGN 2.6, 2.8): every GET.
STANDARD_HEADERS = [
    _header("If-None-Match", "An ETag from an earlier response: 304 if it still matches."),
    _header(
        "If-Modified-Since",
        "An HTTP date: 304 if no content changed since (ignored with If-None-Match).",
    ),
    _header(
        "ETag",
        'Validator of this response: strong, or weak (`W/"…"`) on a compressed one.',
        response=[200, 304],
    ),
    _header("Last-Modified", "When any published content last changed.", response=[200, 304]),
    _header(
        "Cache-Control",
        "`public, max-age=…, stale-while-revalidate=…` (values set per deployment).",
        response=[200, 304],
    ),
    _header(
        "Content-Language",
        "The languages served: the one asked for (e.g. `fr-ca`), followed by `en` when some "
        "texts fell back to English (`fr-ca, en`); `en` alone when all of them did.",
        response=[200, 304],
    ),
    _header("RateLimit-Limit", "Requests allowed in the current window.", response=[200, 304, 429]),
    _header("RateLimit-Remaining", "Requests left in the window.", response=[200, 304, 429]),
    _header("RateLimit-Reset", "Seconds until the window resets.", response=[200, 304, 429]),
    _header("Retry-After", "Seconds to wait before trying again.", response=[429]),
    _header(
        "Vary",
        "`Accept, Accept-Language, Authorization, Origin`: what else changes the response.",
        response=[200],
    ),
]
NOT_MODIFIED = {304: OpenApiResponse(description="Not modified: reuse the cached copy.")}


class ApiKeyScheme(OpenApiAuthenticationExtension):
    """`Authorization: Api-Key <key>` in openapi.yaml (optional unless keys are required)."""

    target_class = "api.consumers.authentication.ApiKeyAuthentication"
    name = "ApiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "`Api-Key <key>`, as issued to your website, kiosk, app or partner "
            "integration. Optional for published content unless the deployment requires keys; "
            "a wrong, revoked or disabled key is a 401.",
        }


LINKED_DATA = "application/ld+json"


@extend_schema_serializer(many=False)
class LinkedDataDocument(serializers.Serializer):
    """Stands for a schema.org JSON-LD document in openapi.yaml (see LinkedDataSchema).

    Never wrapped in the list envelope: a list is one document (`many=False`).
    """

    types: ClassVar[list[str]] = []


class LinkedDataSchema(OpenApiSerializerExtension):
    target_class = LinkedDataDocument
    match_subclasses = True

    def map_serializer(self, auto_schema: Any, direction: Any) -> dict[str, Any]:
        return {
            "type": "object",
            "description": "A schema.org JSON-LD document (https://schema.org).",
            "required": ["@context", "@type"],
            "properties": {
                "@context": {"type": "string", "enum": ["https://schema.org"]},
                # A pattern, not an enum: enums become shared components, one per type set.
                "@type": {
                    "type": "string",
                    "pattern": f"^({'|'.join(self.target.types)})$",
                    "example": self.target.types[0],
                },
            },
            "additionalProperties": True,
        }


def linked_data_response(
    *, name: str, types: list[str], description: str, example: Any
) -> OpenApiResponse:
    """A 200 in schema.org JSON-LD (`Accept: application/ld+json`), with a real example."""
    document = type(name, (LinkedDataDocument,), {"types": types})
    return OpenApiResponse(
        response=document,
        description=description,
        examples=[OpenApiExample("JSON-LD", value=example, response_only=True)],
    )


class DescribedFilters(DjangoFilterExtension):
    """django-filter's parameters as drf-spectacular writes them, each described by its
    filter's help text, also where the filter's class gives the schema (slugs, `q`):
    drf-spectacular drops the help text of those."""

    target_class = "api.querying.filters.FilterSetBackend"
    priority = 1

    def get_schema_operation_parameters(self, auto_schema: Any, *args: Any, **kwargs: Any) -> Any:
        parameters = super().get_schema_operation_parameters(auto_schema, *args, **kwargs)
        filters = auto_schema.view.filterset_class.base_filters
        for parameter in parameters:
            help_text = filters[parameter["name"]].extra.get("help_text")
            if help_text and "description" not in parameter:
                parameter["description"] = help_text
        return parameters
