"""OpenAPI pieces every API version's views share: the common query parameters."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

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
from api.querying.params import BODY_FORMATS, names_pattern

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
    """Parameters of a list or detail endpoint of an item type."""
    return [
        fields_parameter(field_names),
        expand_parameter(expandable),
        BODY_FORMAT,
        LANG,
        ACCEPT_LANGUAGE,
        PREVIEW,
        *STANDARD_HEADERS,
    ]


def document_health(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: the health probes are plain Django views (so that no
    authentication or throttling can ever turn a probe away), documented here."""
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    checks = {
        "type": "object",
        "properties": {
            "database": {"type": "string", "enum": ["ok", "unavailable"]},
            "cache": {"type": "string", "enum": ["ok", "unavailable"]},
        },
    }
    status = {"type": "string", "enum": ["ok"]}
    result["paths"]["/healthz"] = {
        "get": {
            "operationId": "healthz",
            "summary": "Liveness",
            "description": "200 while the process serves requests; touches neither the "
            "database nor the cache. Never cached.",
            "tags": ["health"],
            "responses": {
                "200": {
                    "description": "Alive",
                    "content": {
                        "application/json": {
                            "schema": {"type": "object", "properties": {"status": status}},
                            "example": {"status": "ok"},
                        }
                    },
                },
                "405": {"description": "Only GET and HEAD", "content": problem},
            },
        }
    }
    result["paths"]["/readyz"] = {
        "get": {
            "operationId": "readyz",
            "summary": "Readiness",
            "description": "200 while the database answers: `ok`, or `degraded` when the "
            "cache is down (the API then answers from the database). A 503 problem when the "
            "database is down. Never cached.",
            "tags": ["health"],
            "responses": {
                "200": {
                    "description": "Ready",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "status": {"type": "string", "enum": ["ok", "degraded"]},
                                    "checks": checks,
                                },
                            },
                            "examples": {
                                "ready": {
                                    "value": {
                                        "status": "ok",
                                        "checks": {"database": "ok", "cache": "ok"},
                                    }
                                },
                                "cacheDown": {
                                    "summary": "Redis down: still in rotation",
                                    "value": {
                                        "status": "degraded",
                                        "checks": {"database": "ok", "cache": "unavailable"},
                                    },
                                },
                            },
                        }
                    },
                },
                "503": {
                    "description": "Not ready",
                    "content": {
                        "application/problem+json": {
                            "schema": {
                                "allOf": [
                                    {"$ref": "#/components/schemas/Problem"},
                                    {"type": "object", "properties": {"checks": checks}},
                                ]
                            },
                            "example": {
                                "type": "/problems/service-unavailable",
                                "title": "Service unavailable",
                                "status": 503,
                                "detail": "Not ready; unavailable: database.",
                                "checks": {"database": "unavailable", "cache": "ok"},
                            },
                        }
                    },
                },
                "405": {"description": "Only GET and HEAD", "content": problem},
            },
        }
    }
    return result


def comma_separated_lists(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: a list parameter is one comma-separated value
    (`?slug=neck,jaw`, as api.querying.filters parses it); a parameter given twice is a
    400 (api.querying.params.check_known). django-filter's multiple-choice filters are
    otherwise documented as repeated (`explode: true`). A list of names from a
    fixed set (`ordering`) holds at least one: `?ordering=` is a 400, and would
    otherwise read as an empty list as well as a list of one empty name."""
    for operations in result["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") != "query":
                    continue
                if parameter.get("explode"):
                    parameter["explode"] = False
                schema = parameter.get("schema", {})
                if schema.get("type") == "array" and "enum" in schema.get("items", {}):
                    schema["minItems"] = 1
    return result


def document_answers_of_every_operation(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """Postprocessing hook: every API operation may answer a query string longer
    than settings.API_MAX_QUERY_STRING_BYTES with a 414 problem, a header
    longer than settings.API_MAX_HEADER_BYTES with a 431 (web/security.py), and
    an unavailable database with a 503 and `Retry-After` (web/problems.py)."""
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    for path, operations in result["paths"].items():
        if path.startswith("/api/"):
            for operation in operations.values():
                responses = operation["responses"]
                responses.setdefault(
                    "414", {"description": "Query string too long", "content": problem}
                )
                responses.setdefault(
                    "431", {"description": "A header too long", "content": problem}
                )
                responses.setdefault(
                    "503",
                    {
                        "description": "The database is unavailable for a moment; retry "
                        "after `Retry-After` seconds",
                        "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                        "content": problem,
                    },
                )
    return result


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
    _header("ETag", "Strong validator of this response.", response=[200, 304]),
    _header("Last-Modified", "When any published content last changed.", response=[200, 304]),
    _header(
        "Cache-Control",
        "`public, max-age=…, stale-while-revalidate=…` (values set per deployment).",
        response=[200, 304],
    ),
    _header("Content-Language", "The language served, e.g. `fr-ca`.", response=[200, 304]),
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
