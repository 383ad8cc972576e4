"""Errors as RFC 9457 problem details, `application/problem+json`, site-wide.

A request that never reaches a DRF view (an unknown URL under /api/, a crash
in a plain Django view, a health probe's failure) is answered here: the
`handler400/403/404/500` views that config/urls.py names, and
`problem_response(...)` for plain Django views. DRF views reach
api.errors.exception_handler, which builds the same body with `problem()`.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Mapping
from http import HTTPStatus
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.views import defaults

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

# What a 503 for an unavailable database asks a client to wait.
DATABASE_RETRY_AFTER_SECONDS = 5
# The API's paths, as a client may mistype them: `//api/v1/`, `/API/V1/`.
API_PATH = re.compile(r"/*api(?:/|$)", re.IGNORECASE)
# Paths outside the API whose errors are problems too: the health probes.
_PROBE_PATHS = {"/healthz", "/readyz"}


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
    body = problem(status=status, detail=detail, errors=errors, extensions=extensions)
    return HttpResponse(
        json.dumps(body, ensure_ascii=False, separators=(",", ":")),
        status=status,
        headers=headers,
        content_type=PROBLEM_MEDIA_TYPE,
    )


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: a SuspiciousOperation (e.g. a disallowed Host) outside any view."""
    if not wants_problem(request):
        return defaults.bad_request(request, exception)
    return problem_response(status=400, detail="The request is malformed or not allowed.")


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler403: Django's PermissionDenied raised outside DRF."""
    if not wants_problem(request):
        return defaults.permission_denied(request, exception)
    detail = _message(exception) or "You do not have permission to perform this action."
    return problem_response(status=403, detail=detail)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler404: an unknown URL, or Http404 raised outside DRF."""
    if not wants_problem(request):
        return defaults.page_not_found(request, exception)
    detail = _message(exception) or "Nothing is served at this URL."
    return problem_response(status=404, detail=detail)


class DebugErrorProblemMiddleware:
    """With DEBUG on (`make run`) Django answers some errors with HTML pages of
    its own, never calling the handlers above: a path no route matches (its
    page of the patterns tried), a disallowed Host or another suspicious
    request, a PermissionDenied. Under the API each becomes the problem its
    handler gives. Outside CommonMiddleware, so that its redirect to the path
    with a slash (`/api/v1/conditions` → `/api/v1/conditions/`) still comes
    first. With DEBUG off the handlers answer, and this steps out of every
    request. (A server error keeps DEBUG's traceback page: it is for the
    developer running the app, and the API must not have any.)"""

    HANDLERS: ClassVar[dict[int, Callable[[HttpRequest, Exception], HttpResponse]]] = {
        400: bad_request,
        403: permission_denied,
        404: page_not_found,
    }

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        if not settings.DEBUG:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        handler = self.HANDLERS.get(response.status_code)
        if (
            handler is not None
            and response.get("Content-Type", "").startswith("text/html")
            and wants_problem(request)
        ):
            return handler(request, Http404() if response.status_code == 404 else Exception())
        return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: an unhandled exception, already logged by Django.

    The database gone (a connection killed mid-request, the server down) is
    not the request's fault nor lasting: a 503 that says when to try again.
    Django closes the broken connection after the request; the next one
    connects anew.
    """
    # Django calls its handler500 inside the `except` that caught the exception.
    if isinstance(sys.exc_info()[1], DatabaseError):
        headers = {"Retry-After": str(DATABASE_RETRY_AFTER_SECONDS)}
        if not wants_problem(request):
            return HttpResponse("Service unavailable", status=503, headers=headers)
        return problem_response(
            status=503,
            detail="The database is unavailable for a moment; try again shortly.",
            headers=headers,
        )
    if not wants_problem(request):
        return defaults.server_error(request)
    return problem_response(status=500, detail="The server could not complete the request.")


def problem(
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


def _message(exception: Exception) -> str:
    # Http404("No condition matches …") carries a message for the client; the
    # resolver's own Http404 carries a dict of the patterns it tried.
    first = exception.args[0] if exception.args else None
    return first if isinstance(first, str) else ""


def wants_problem(request: HttpRequest) -> bool:
    """Whether errors on this path are problems: the API's and the probes'."""
    path = request.path_info
    return API_PATH.match(path) is not None or path in _PROBE_PATHS
