"""Every error as RFC 9457 problem details, `application/problem+json`.

DRF views reach `exception_handler` (REST_FRAMEWORK["EXCEPTION_HANDLER"]); a
request that never reaches one, such as an unknown URL under /api/ or a crash
in a plain Django view, reaches the `handler400/403/404/500` views that
config/urls.py names. Views never build an error body by hand: they raise
(DRF's exceptions, Http404) or, outside DRF, return `problem_response(...)`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.views import defaults
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema_serializer
from rest_framework import exceptions, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

PROBLEM_MEDIA_TYPE = "application/problem+json"

# Status -> (slug of the relative type URI /problems/<slug>, title).
PROBLEM_TYPES: dict[int, tuple[str, str]] = {
    400: ("invalid-parameters", "Invalid parameters"),
    401: ("unauthorized", "Unauthorized"),
    403: ("forbidden", "Forbidden"),
    404: ("not-found", "Not found"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    415: ("unsupported-media-type", "Unsupported media type"),
    429: ("too-many-requests", "Too many requests"),
    500: ("server-error", "Server error"),
    503: ("service-unavailable", "Service unavailable"),
}

VALIDATION_DETAIL = "One or more parameters are invalid."

# Paths outside /api/ whose errors are problems too: the health probes.
_PROBLEM_PATHS = {"/api", "/healthz", "/readyz"}
# Non-field errors belong to the enclosing field ("" for the request as a whole).
_NON_FIELD_KEYS = {api_settings.NON_FIELD_ERRORS_KEY, "__all__"}


def problem_response(
    *,
    status: int,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, Any] | None = None,
) -> HttpResponse:
    """A problem response for any view, DRF or not.

    `errors` lists `{"field", "message"}` for invalid parameters; `extensions`
    adds members of its own (RFC 9457 §3.2) after the standard ones, which it
    cannot replace.
    """
    body = _problem(status=status, detail=detail, errors=errors, extensions=extensions)
    return HttpResponse(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        status=status,
        headers=headers,
        content_type=PROBLEM_MEDIA_TYPE,
    )


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's own handling (status, WWW-Authenticate, Retry-After, rollback) with a problem body.

    Returns None for an exception that is not an API error, so that it
    propagates to Django's handler500. DRF adds `Allow` to every response of
    a view, a 405 included.
    """
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return None
    if isinstance(exc, exceptions.ValidationError):
        detail, errors = VALIDATION_DETAIL, field_errors(exc.detail)
    else:
        detail, errors = _text(exc), None
    response.data = _problem(status=response.status_code, detail=detail, errors=errors)
    response.content_type = PROBLEM_MEDIA_TYPE
    request = context.get("request")
    if request is not None:
        # A problem is JSON whatever the client asked for. When negotiation
        # itself failed (406), DRF would otherwise fall back to the view's first
        # renderer, which need not be JSON.
        request.accepted_renderer = JSONRenderer()
        request.accepted_media_type = PROBLEM_MEDIA_TYPE
    return response


def field_errors(detail: Any, *, field: str = "") -> list[dict[str, str]]:
    """DRF's (nested) validation detail as a flat list of `{"field", "message"}`.

    Nested names are joined with "."; an item of a list of objects is named by
    its index (`items.1.name`); non-field errors take the enclosing field's name.
    """
    if isinstance(detail, Mapping):
        return [
            error
            for key, value in detail.items()
            for error in field_errors(value, field=_join(field, str(key)))
        ]
    if isinstance(detail, list):
        return [
            error
            for index, item in enumerate(detail)
            for error in field_errors(
                item, field=_join(field, str(index)) if isinstance(item, Mapping) else field
            )
        ]
    return [{"field": field, "message": str(detail)}]


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: a SuspiciousOperation (e.g. a disallowed Host) outside any view."""
    if not _wants_problem(request):
        return defaults.bad_request(request, exception)
    return problem_response(status=400, detail="The request is malformed or not allowed.")


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403: Django's PermissionDenied raised outside DRF."""
    if not _wants_problem(request):
        return defaults.permission_denied(request, exception)
    detail = _message(exception) or str(exceptions.PermissionDenied.default_detail)
    return problem_response(status=403, detail=detail)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: an unknown URL, or Http404 raised outside DRF."""
    if not _wants_problem(request):
        return defaults.page_not_found(request, exception)
    detail = _message(exception) or "Nothing is served at this URL."
    return problem_response(status=404, detail=detail)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: an unhandled exception, already logged by Django."""
    if not _wants_problem(request):
        return defaults.server_error(request)
    return problem_response(status=500, detail="The server could not complete the request.")


@extend_schema_serializer(component_name="ProblemFieldError")
class ProblemFieldErrorSerializer(serializers.Serializer):
    """One invalid parameter and what is wrong with it."""

    field = serializers.CharField(
        allow_blank=True,
        help_text="The parameter at fault; nested names are joined with `.`. "
        "Empty when the error concerns the request as a whole.",
    )
    message = serializers.CharField()


@extend_schema_serializer(component_name="Problem")
class ProblemDetailSerializer(serializers.Serializer):
    """An error, as RFC 9457 problem details (`application/problem+json`)."""

    type = serializers.CharField(
        help_text="A relative URI naming the kind of problem, e.g. `/problems/not-found`."
    )
    title = serializers.CharField(help_text="A short summary of the kind of problem.")
    status = serializers.IntegerField(help_text="The HTTP status code.")
    detail = serializers.CharField(help_text="What went wrong with this request.")
    # DRF's metaclass takes declared fields off the class, so this member does
    # not hide Serializer.errors; only the stubs see a clash.
    errors = ProblemFieldErrorSerializer(  # type: ignore[assignment]
        many=True, required=False, help_text="Every invalid parameter; only on a 400."
    )


_EXAMPLE_DETAILS = {
    400: VALIDATION_DETAIL,
    401: "Invalid API key.",
    403: "This API key may not preview drafts.",
    404: "Not found.",
    405: 'Method "POST" not allowed.',
    406: "Could not satisfy the request Accept header.",
    415: 'Unsupported media type "text/plain" in request.',
    429: "Request was throttled. Expected available in 12 seconds.",
    500: "The server could not complete the request.",
    503: "Not ready; unavailable: database.",
}
_EXAMPLE_ERRORS = [
    {"field": "body_format", "message": "Must be one of: html, text, blocks, markdown."},
    {"field": "colour", "message": "Unknown parameter."},
]


def error_responses(*statuses: int) -> dict[tuple[int, str], OpenApiResponse]:
    """OpenAPI responses for `statuses`, each a Problem with an example.

    Keyed by (status, media type) so the schema says `application/problem+json`:
    `@extend_schema(responses={200: FooSerializer, **error_responses(400, 404)})`.
    """
    return {(status, PROBLEM_MEDIA_TYPE): _documented(status) for status in statuses}


def _documented(status: int) -> OpenApiResponse:
    example = _problem(
        status=status,
        detail=_EXAMPLE_DETAILS.get(status, HTTPStatus(status).description),
        errors=_EXAMPLE_ERRORS if status == 400 else None,
    )
    return OpenApiResponse(
        response=ProblemDetailSerializer,
        description=example["title"],
        examples=[OpenApiExample(example["title"], value=example)],
    )


def _problem(
    *,
    status: int,
    detail: str,
    errors: list[dict[str, str]] | None = None,
    extensions: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    # A status without a type of its own is "about:blank", titled with the
    # HTTP reason phrase (RFC 9457 §4.2.1).
    if status in PROBLEM_TYPES:
        slug, title = PROBLEM_TYPES[status]
        problem_type = f"/problems/{slug}"
    else:
        problem_type, title = "about:blank", HTTPStatus(status).phrase
    body: dict[str, Any] = {
        "type": problem_type,
        "title": title,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    for name, value in (extensions or {}).items():
        body.setdefault(name, value)
    return body


def _text(exc: exceptions.APIException) -> str:
    if isinstance(exc.detail, str):
        return str(exc.detail)
    messages = [error["message"] for error in field_errors(exc.detail)]
    return " ".join(messages) or str(exc.default_detail)


def _message(exception: Exception) -> str:
    # Http404("No condition matches …") carries a message for the client; the
    # resolver's own Http404 carries a dict of the patterns it tried.
    first = exception.args[0] if exception.args else None
    return first if isinstance(first, str) else ""


def _join(field: str, key: str) -> str:
    if key in _NON_FIELD_KEYS:
        return field
    return f"{field}.{key}" if field else key


def _wants_problem(request: HttpRequest) -> bool:
    path = request.path_info
    return path.startswith("/api/") or path in _PROBLEM_PATHS
