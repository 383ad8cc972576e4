"""Site-wide security middleware that Django 5.2 does not ship.

- `ContentSecurityPolicyMiddleware`: a strict Content-Security-Policy on
  every response (Django's own arrives in 6.0). Scripts come from this
  origin only; a page that needs an inline script marks it with
  `nonce="{{ request.csp_nonce }}"`, and only responses that used the nonce
  carry it. The documentation pages also need inline styles (ReDoc and
  Swagger UI inject `<style>` elements at run time) and `blob:` images and
  workers; no other page gets them.
- `RequestLimitsMiddleware`: what a request may hold, checked before
  anything parses it. A path with an encoded slash (`%2F`) is a 404: the WSGI
  server decodes it into the path, where `/api%2Fv1%2Fconditions%2F` would
  reach /api/v1/conditions/ although the client named one segment. Under
  /api/, a query string longer than settings.API_MAX_QUERY_STRING_BYTES is a
  414 problem and a header longer than settings.API_MAX_HEADER_BYTES a 431
  (config/gunicorn.py lets longer ones through to be answered here).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse

from web.problems import page_not_found, problem_response, wants_problem

Middleware = Callable[[HttpRequest], HttpResponse]

POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "object-src": ("'none'",),
    "base-uri": ("'none'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
}
# What the Swagger UI and ReDoc bundles need beyond it.
DOCS_POLICY: dict[str, tuple[str, ...]] = {
    "style-src": ("'self'", "'unsafe-inline'"),
    "img-src": ("'self'", "data:", "blob:"),
    "worker-src": ("'self'", "blob:"),
}
DOCS_PATHS = ("/api/docs/", "/api/redoc/")
# The kiosk shows the images it keeps for offline use from blob: URLs (clients/kiosk/).
KIOSK_POLICY: dict[str, tuple[str, ...]] = {"img-src": ("'self'", "data:", "blob:")}
KIOSK_PATH = "/kiosk/"


class Nonce:
    """A per-request CSP nonce, drawn the first time a template asks for it."""

    def __init__(self) -> None:
        self.value: str | None = None

    def __str__(self) -> str:
        if self.value is None:
            self.value = secrets.token_urlsafe(16)
        return self.value


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = Nonce()
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = policy_for(request.path, nonce=nonce.value)
        return response


def policy_for(path: str, *, nonce: str | None = None) -> str:
    directives = dict(POLICY)
    if path.startswith(DOCS_PATHS):
        directives.update(DOCS_POLICY)
    if path == KIOSK_PATH:
        directives.update(KIOSK_POLICY)
    if nonce is not None:
        directives["script-src"] = (*directives["script-src"], f"'nonce-{nonce}'")
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


class RequestLimitsMiddleware:
    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The path as the client sent it: gunicorn's RAW_URI, or REQUEST_URI
        # (uWSGI, mod_wsgi); a server that passes neither decodes nothing itself.
        raw_uri = request.META.get("RAW_URI") or request.META.get("REQUEST_URI") or ""
        if "%2f" in raw_uri.partition("?")[0].lower():
            return page_not_found(request, Http404("Encoded slashes (%2F) name no path here."))
        if not wants_problem(request):
            return self.get_response(request)
        query_limit = settings.API_MAX_QUERY_STRING_BYTES
        # WSGI hands the query string over as latin-1, one character per byte.
        if len(request.META.get("QUERY_STRING", "")) > query_limit:
            return problem_response(
                status=414, detail=f"The query string is limited to {query_limit} bytes."
            )
        headers = {key: value for key, value in request.META.items() if key.startswith("HTTP_")}
        if len(headers) > settings.API_MAX_HEADER_COUNT:
            return problem_response(
                status=431,
                detail=f"A request is limited to {settings.API_MAX_HEADER_COUNT} headers; "
                f"this one has {len(headers)}.",
            )
        header_limit = settings.API_MAX_HEADER_BYTES
        too_long = sorted(
            _header_name(key)
            for key, value in headers.items()
            if isinstance(value, str) and len(value) > header_limit
        )
        if too_long:
            return problem_response(
                status=431,
                detail=f"A header is limited to {header_limit} bytes: {', '.join(too_long)}.",
            )
        return self.get_response(request)


def _header_name(meta_key: str) -> str:
    return meta_key.removeprefix("HTTP_").replace("_", "-").title()
