"""HTTP caching of public responses (DESIGN 2.6).

Every public GET answer is keyed by the content version, the negotiated
language and media type, and the request's path and query:
- that key, hashed, is a strong `ETag`: `If-None-Match` gets a 304 without
  touching PostgreSQL or a serializer; `Last-Modified` is when the content
  version last moved (`If-Modified-Since`, RFC 9110 §13.1.3);
- the rendered body is kept in the shared cache and in a small per-process
  copy in front of it, so a warm hit costs no query and no rendering;
- publishing moves the content version, so every stale entry is unreachable
  at once, with no scan of keys and no wait for a timeout;
- the date is part of the key too (an item's `review_overdue` turns true on
  the day after its review was due, with no edit), and `Last-Modified` is
  never before today's start.
If the shared cache fails, responses come from the database (logged).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from rest_framework.request import Request

from api.representations import FINGERPRINT
from api.stores import LocalCopies, shared_get_many, shared_set_many
from content import versions

VARY = ("Accept", "Accept-Language", "Authorization")
# A bundle of a large site runs to megabytes per language and body format:
# the per-process copies are bounded in bytes too (the rest come from Redis).
local_responses = LocalCopies(
    512,
    max_bytes=settings.API_LOCAL_RESPONSES_MB * 1024 * 1024,
    weigh=lambda body: len(body.content),
)


@dataclass(frozen=True)
class CachedBody:
    content: bytes
    content_type: str


def cached(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Serve a read-only view's 200s from the response cache, with ETag and 304s."""

    @wraps(handler)
    def wrapper(view: Any, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        if "preview" in request.query_params and request.query_params["preview"] != "false":
            # Drafts: for this client only, never stored, never cached by anyone.
            response = handler(view, request, *args, **kwargs)
            response["Cache-Control"] = "private, no-store"
            return response
        # Read once per request (by api.repeats already, or here), and kept on
        # the request for api.repeats to key what it keeps by.
        version = getattr(request, "content_version", None) or versions.current()
        request._request.content_version = version  # type: ignore[attr-defined]
        # The handler renders for this same version.
        view.content_version = version.token
        today = date.today()
        etag = _etag(request, version.token, view.language, today)
        last_modified = int(max(version.changed_at.timestamp(), _start_of(today)))
        key = f"resp:{etag.strip(chr(34))}"
        # A stored body means this request was answered with a 200 before; one
        # that was not is answered first. RFC 9110 §13.2.1: a precondition never
        # turns what would be an error (a bad parameter, an unknown slug) into a 304.
        body = local_responses.get_many([key]).get(key) or _shared_get(key)
        if body is None:
            response = handler(view, request, *args, **kwargs)
            if response.status_code != 200:
                return response
            body = _render(view, request, response)
            _shared_set(key, body)
        local_responses.set_many({key: body})
        if not_modified(request, etag, last_modified):
            return _with_validators(HttpResponseNotModified(), etag, last_modified)
        response = HttpResponse(body.content, content_type=body.content_type)
        return _with_validators(response, etag, last_modified)

    return wrapper


def _shared_get(key: str) -> CachedBody | None:
    found = shared_get_many([key]).get(key)
    return found if isinstance(found, CachedBody) else None


def _shared_set(key: str, body: CachedBody) -> None:
    shared_set_many({key: body}, timeout=settings.API_RESPONSE_CACHE_SECONDS)


def _etag(request: Request, version: str, language: str, today: date) -> str:
    """A strong validator: the same inputs always render the same bytes."""
    query = sorted(request.query_params.lists())
    media_type = getattr(request, "accepted_media_type", "") or ""
    seed = repr((FINGERPRINT, version, language, media_type, request.path, query, today))
    return '"' + hashlib.blake2b(seed.encode(), digest_size=16).hexdigest() + '"'


def _start_of(day: date) -> float:
    """The first second of `day` in this process's time zone, as `date.today()` counts days."""
    return datetime.combine(day, time()).timestamp()


def not_modified(request: Request | HttpRequest, etag: str, last_modified: int) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        # RFC 9110 §13.1.2: weak comparison for If-None-Match.
        tags = parse_etags(if_none_match)
        return "*" in tags or etag in tags or etag in (t.removeprefix("W/") for t in tags)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and last_modified <= since


def _with_validators(response: HttpResponse, etag: str, last_modified: int) -> HttpResponse:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = (
        f"public, max-age={settings.API_CACHE_MAX_AGE}, "
        f"stale-while-revalidate={settings.API_CACHE_STALE_WHILE_REVALIDATE}"
    )
    return response


def _render(view: Any, request: Request, response: Any) -> CachedBody:
    response.accepted_renderer = request.accepted_renderer
    response.accepted_media_type = request.accepted_media_type
    response.renderer_context = view.get_renderer_context()
    response.render()
    return CachedBody(content=response.content, content_type=response["Content-Type"])


class NotModifiedMiddleware:
    """A 304 carries no `Content-Length`.

    RFC 9110 §8.6 allows one only if it is the length of the 200's content;
    Django's CommonMiddleware, inside this one, gives every response the length
    of its own (empty) body. A cache updating a stored response from a 304 could
    take that 0 for the content's length.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code == 304 and response.has_header("Content-Length"):
            del response["Content-Length"]
        return response
