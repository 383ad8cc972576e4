"""The API's errors: DRF's exceptions as RFC 9457 problem details, and their OpenAPI description.

DRF views reach `exception_handler` (REST_FRAMEWORK["EXCEPTION_HANDLER"]);
what never reaches a DRF view is answered by web.problems, which defines the
problem body both share. Views never build an error body by hand: they raise
(DRF's exceptions, Http404) or, outside DRF, return
`web.problems.problem_response(...)`.
"""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema_serializer
from rest_framework import exceptions, serializers
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from web.problems import PROBLEM_MEDIA_TYPE, problem

VALIDATION_DETAIL = "One or more parameters are invalid."

# Non-field errors belong to the enclosing field ("" for the request as a whole).
_NON_FIELD_KEYS = {api_settings.NON_FIELD_ERRORS_KEY, "__all__"}


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
    response.data = problem(status=response.status_code, detail=detail, errors=errors)
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
    example = problem(
        status=status,
        detail=_EXAMPLE_DETAILS.get(status, HTTPStatus(status).description),
        errors=_EXAMPLE_ERRORS if status == 400 else None,
    )
    return OpenApiResponse(
        response=ProblemDetailSerializer,
        description=example["title"],
        examples=[OpenApiExample(example["title"], value=example)],
    )


def _text(exc: exceptions.APIException) -> str:
    if isinstance(exc.detail, str):
        return str(exc.detail)
    messages = [error["message"] for error in field_errors(exc.detail)]
    return " ".join(messages) or str(exc.default_detail)


def _join(field: str, key: str) -> str:
    if key in _NON_FIELD_KEYS:
        return field
    return f"{field}.{key}" if field else key
