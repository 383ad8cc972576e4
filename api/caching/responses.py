"""The response cache (DESIGN 2.6, 2.9): every public answer stored once, served twice.

A public GET answer of the API is identified by the content version, the
negotiated language and media type, the path and query, and the day
(api.caching.keys.etag):
- that key is a strong `ETag`; `Last-Modified` is when the content version
  last moved, never before today's start; `If-None-Match` / `If-Modified-Since`
  get a 304 (RFC 9110 §13.1; api.caching.conditional);
- the answer is stored once, whole: its headers (but the per-request ones), its
  body, and the body compressed with Brotli and gzip, made once when stored
  (web.compression) and sent as they are; in this process and in Redis
  (api.caching.store);
- publishing moves the content version, so every stale entry is unreachable at
  once, with no scan of keys and no wait for a timeout.

Two entry points read the store:
- `ResponseCacheMiddleware`, before DRF: an anonymous GET (no `Authorization`,
  no `preview`) that this process saw answered under the current content
  version is answered here, 200 or 304, with what the full path would send,
  after counting it against the anonymous rate limit (past it, the full path
  answers the 429). Sessions, authentication, routing and negotiation cost more
  than the simplest Django view; a warm hit skips them. On the way out it
  stores what the full path answered.
- `cached`, on a view's handler, after DRF's authentication, throttling and
  negotiation: every other request whose answer is stored (a key's, a first
  one in this process) is answered from it; else the handler renders it.
If the shared cache fails, responses come from the database (logged).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from rest_framework.request import Request

from api import state as api_state
from api.caching import conditional, keys, store
from api.consumers.throttling import counted, quota_headers
from content import versions
from web import compression, metrics

VARY = ("Accept", "Accept-Language", "Authorization")
PREFIX = "/api/"
# Headers that belong to one request, not to the answer.
PER_REQUEST = {"ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "set-cookie"}


@dataclass(frozen=True)
class StoredResponse:
    content: bytes
    content_type: str
    headers: tuple[tuple[str, str], ...]
    etag: str
    last_modified: int
    route: str
    # The body in each content coding asked for so far (`br`, `gzip`), made once
    # for every process; None where that coding is no smaller.
    encoded: dict[str, bytes | None] = field(default_factory=dict)

    @property
    def size(self) -> int:
        return len(self.content) + sum(len(form or b"") for form in self.encoded.values())

    def answer(self, request: HttpRequest) -> HttpResponse:
        """What the full path would answer `request`: the whole response, or a 304."""
        if conditional.not_modified(request, self.etag, self.last_modified):
            response: HttpResponse = HttpResponseNotModified()
        else:
            response = HttpResponse(self.content, content_type=self.content_type)
            response["Content-Length"] = str(len(self.content))
        for name, value in self.headers:
            if name.lower() not in ("content-type", "content-length"):
                response[name] = value
        return response


def encoded(
    stored: StoredResponse, key: str, request: HttpRequest, response: HttpResponse
) -> HttpResponse:
    """`response` (the stored body, its headers set) compressed as web.compression
    would send it to `request`: from the form made the first time it was asked for."""
    coding = compression.coding_for(request, stored.content_type, len(stored.content))
    if coding is None or response.status_code != 200:
        return response
    if coding not in stored.encoded:
        form = compression.compress(stored.content, coding)
        stored = replace(stored, encoded={**stored.encoded, coding: form})
        store.set_many({key: stored}, timeout=settings.API_RESPONSE_CACHE_SECONDS)
    form = stored.encoded[coding]
    return response if form is None else compression.encoded(response, form, coding=coding)


class ResponseCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_key = _request_key(request)
        if request_key is not None:
            answer = _answer_early(request, request_key)
            if answer is not None:
                return answer
        response = self.get_response(request)
        state = request.__dict__.get("api_state")
        if state is not None and state.etag and response.status_code in (200, 304):
            return _store(request, response, state, request_key)
        return response


def _answer_early(request: HttpRequest, request_key: str) -> HttpResponse | None:
    """The stored answer to an anonymous request this process answered before, if current."""
    indexed = store.local.get_many([request_key]).get(request_key)
    if indexed is None:
        return None
    state = api_state.of(request)
    state.version = versions.current()
    answered_for, response_key = indexed
    if answered_for != state.version.token:
        return None
    stored = store.get_many([response_key]).get(response_key)
    if not isinstance(stored, StoredResponse):
        return None
    quota = counted(request, client=None)
    if quota is not None and not quota.allowed:
        return None
    answer = encoded(stored, response_key, request, stored.answer(request))
    metrics.count_as(request, stored.route)
    for name, value in quota_headers(request).items():
        answer[name] = value
    return answer


def _store(
    request: HttpRequest, response: HttpResponse, state: Any, request_key: str | None
) -> HttpResponse:
    """Store what the full path answered, and send it compressed as the client
    asked (compressed once, for this client and every later one)."""
    response_key = keys.response(state.etag)
    if state.stored is None and not _storable(response):
        return response
    if request_key is not None:
        # Only once a stored response exists: the next such request is answered early.
        store.local.set_many({request_key: (state.version.token, response_key)})
    if state.stored is not None:
        return encoded(state.stored, response_key, request, response)
    content, content_type = (
        (response.content, response["Content-Type"])
        if response.status_code == 200
        else state.rendered
    )
    coding = compression.coding_for(request, content_type, len(content))
    forms = {coding: compression.compress(content, coding)} if coding and content else {}
    stored = StoredResponse(
        content=content,
        content_type=content_type,
        headers=tuple(
            (name, value) for name, value in response.items() if name.lower() not in PER_REQUEST
        ),
        etag=state.etag,
        last_modified=state.last_modified,
        route=metrics.route_label(request),
        encoded=forms if response.status_code == 200 else {},
    )
    # Kept here once asked for again: one-off responses (after a publish) would push
    # out of this process's copies the representations every response is built from.
    store.set_many(
        {response_key: stored}, timeout=settings.API_RESPONSE_CACHE_SECONDS, keep_here=False
    )
    return encoded(stored, response_key, request, response)


def _request_key(request: HttpRequest) -> str | None:
    """What the answer depends on, for a request answered the same for everyone; else None."""
    if request.method != "GET" or not request.path.startswith(PREFIX):
        return None
    # (Any mention of `preview` in the query: cheaper than parsing it, never wrong.)
    if "HTTP_AUTHORIZATION" in request.META or "preview" in request.META.get("QUERY_STRING", ""):
        return None
    return keys.request(
        full_path=request.get_full_path(),
        host=request.META.get("HTTP_HOST", ""),  # validated by the full path, once
        secure=request.is_secure(),
        accept=request.META.get("HTTP_ACCEPT", ""),
        accept_language=request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
        today=date.today(),
    )


def _storable(response: HttpResponse) -> bool:
    return (
        not response.streaming
        and response.has_header("ETag")
        and response.get("Cache-Control", "").startswith("public")
        and not response.cookies
    )


def cached(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Serve a read-only view's 200s from the stored responses, with ETag and 304s."""

    @wraps(handler)
    def wrapper(view: Any, request: Request, *args: Any, **kwargs: Any) -> HttpResponse:
        if getattr(view, "previewing", False):
            # Drafts (the view checked the client may see them in `initial`): for
            # this client only, never stored, never cached by anyone.
            response = handler(view, request, *args, **kwargs)
            response["Cache-Control"] = "private, no-store"
            return response
        state = api_state.of(request)
        if state.version is None:
            state.version = versions.current()
        today = date.today()
        etag = keys.etag(
            version=state.version.token,
            language=view.language,
            media_type=getattr(request, "accepted_media_type", "") or "",
            path=request.path,
            query=request.query_params.lists(),
            today=today,
        )
        last_modified = conditional.last_modified(changed_at=state.version.changed_at, today=today)
        state.last_modified = last_modified
        response_key = keys.response(etag)
        stored = store.get_many([response_key]).get(response_key)
        # A stored response means this request was answered with a 200 before; one
        # that was not is answered first. RFC 9110 §13.2.1: a precondition never
        # turns what would be an error (a bad parameter, an unknown slug) into a 304.
        if not isinstance(stored, StoredResponse):
            response = handler(view, request, *args, **kwargs)
            if response.status_code != 200:
                return response
            state.etag = etag
            if not conditional.not_modified(request, etag, last_modified):
                return conditional.with_validators(response, etag, last_modified)
            # Stored on the way out, from this rendering and the 304's headers.
            state.rendered = _rendered(view, request, response)
            return conditional.with_validators(HttpResponseNotModified(), etag, last_modified)
        # Compressed on the way out (ResponseCacheMiddleware), from its stored forms.
        state.etag, state.stored = etag, stored
        # As the rendering said (the view's Content-Language reads it).
        state.languages = tuple(
            code.strip()
            for name, value in stored.headers
            if name.lower() == "content-language"
            for code in value.split(",")
        )
        if conditional.not_modified(request, etag, last_modified):
            return conditional.with_validators(HttpResponseNotModified(), etag, last_modified)
        response = HttpResponse(stored.content, content_type=stored.content_type)
        return conditional.with_validators(response, etag, last_modified)

    return wrapper


def _rendered(view: Any, request: Request, response: Any) -> tuple[bytes, str]:
    response.accepted_renderer = request.accepted_renderer
    response.accepted_media_type = request.accepted_media_type
    response.renderer_context = view.get_renderer_context()
    response.render()
    return response.content, response["Content-Type"]
