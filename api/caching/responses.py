"""The response cache (DESIGN 2.6, 2.9): every public answer stored once, served twice.

A public GET answer of the API is identified by the content version, the
negotiated language and media type, the path and query, and the day
(api.caching.keys.etag):
- that key is a strong `ETag`; `Last-Modified` is when the content version
  last moved, never before today's start; `If-None-Match` / `If-Modified-Since`
  get a 304 (RFC 9110 §13.1; api.caching.conditional);
- the answer is stored once: its headers (but the per-request ones), and apart
  from them its body as it is and compressed with Brotli or gzip, each form
  made once (web.compression) and sent as it is; in this process and in Redis
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
from dataclasses import dataclass
from datetime import date
from functools import wraps
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from rest_framework.request import Request

from api import state as api_state
from api.caching import conditional, keys, store
from api.consumers.throttling import counted, quota_headers
from api.state import ApiRequestState
from content import versions
from web import compression, metrics

VARY = ("Accept", "Accept-Language", "Authorization")
PREFIX = "/api/"
# Headers that belong to one request, not to the answer.
PER_REQUEST = {"ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "set-cookie"}


@dataclass(frozen=True)
class StoredResponse:
    """A stored answer's headers and validators. Its body in each content coding
    (as it is, `br`, `gzip`) is an entry of its own (api.caching.keys.body), read
    only to be sent: a 304 reads no body, a Brotli client reads only the Brotli
    form, and a process keeps only the forms its clients ask for."""

    content_type: str
    length: int
    headers: tuple[tuple[str, str], ...]
    etag: str
    last_modified: int
    route: str

    @property
    def size(self) -> int:
        return 200 + sum(len(name) + len(value) for name, value in self.headers)

    def answer(self, request: HttpRequest) -> HttpResponse | None:
        """What the full path would answer `request` (the whole response, or a 304);
        None if its body is no longer stored."""
        if conditional.not_modified(request, self.etag, self.last_modified):
            return self._with_headers(HttpResponseNotModified())
        body = self.body(request)
        if body is None:
            return None
        content, coding = body
        response = HttpResponse(content, content_type=self.content_type)
        response["Content-Length"] = str(len(content))
        return compression.encoded(self._with_headers(response), content, coding=coding)

    def body(self, request: HttpRequest) -> tuple[bytes, str | None] | None:
        """The body to send `request` and its coding (None: as it is), each form made
        once for every process, when first asked for; None if it is no longer stored."""
        coding = compression.coding_for(request, self.content_type, self.length)
        form = _read(keys.body(self.etag, coding)) if coding else None
        if form:
            return form, coding
        content = _read(keys.body(self.etag, None))
        if content is None:
            return None
        if coding is None or form == b"":  # b"": that coding is no smaller
            return content, None
        form = compression.compress(content, coding)
        timeout = settings.API_RESPONSE_CACHE_SECONDS
        store.set_many({keys.body(self.etag, coding): form or b""}, timeout=timeout)
        return (content, None) if form is None else (form, coding)

    def _with_headers(self, response: HttpResponse) -> HttpResponse:
        for name, value in self.headers:
            if name.lower() not in ("content-type", "content-length"):
                response[name] = value
        return response


def _read(key: str) -> Any:
    return store.get_many([key]).get(key)


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
    stored = _read(response_key)
    if not isinstance(stored, StoredResponse):
        return None
    quota = counted(request, client=None)
    if quota is not None and not quota.allowed:
        return None
    answer = stored.answer(request)
    if answer is None:
        return None
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
    if state.stored is not None:  # its body was read in the coding it is sent in (`cached`)
        return compression.encoded(response, response.content, coding=state.coding)
    content, content_type = (
        (response.content, response["Content-Type"])
        if response.status_code == 200
        else state.rendered
    )
    stored = StoredResponse(
        content_type=content_type,
        length=len(content),
        headers=tuple(
            (name, value) for name, value in response.items() if name.lower() not in PER_REQUEST
        ),
        etag=state.etag,
        last_modified=state.last_modified,
        route=metrics.route_label(request),
    )
    entries: dict[str, Any] = {response_key: stored, keys.body(state.etag, None): content}
    coding = compression.coding_for(request, content_type, len(content))
    form = None
    if coding is not None and response.status_code == 200:
        form = compression.compress(content, coding)
        entries[keys.body(state.etag, coding)] = form or b""
    # Kept here once asked for again: one-off responses (after a publish) would push
    # out of this process's copies the representations every response is built from.
    store.set_many(entries, timeout=settings.API_RESPONSE_CACHE_SECONDS, keep_here=False)
    return response if form is None else compression.encoded(response, form, coding=coding)


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
        stored = _read(response_key)
        if isinstance(stored, StoredResponse):
            fresh = conditional.not_modified(request, etag, last_modified)
            body = None if fresh else stored.body(request)
            if fresh or body is not None:
                return _from_stored(state, stored, body, last_modified)
        # A stored response means this request was answered with a 200 before; one
        # that was not (or whose body is no longer stored) is answered first. RFC 9110
        # §13.2.1: a precondition never turns what would be an error (a bad parameter,
        # an unknown slug) into a 304.
        response = handler(view, request, *args, **kwargs)
        if response.status_code != 200:
            return response
        state.etag = etag
        if not conditional.not_modified(request, etag, last_modified):
            return conditional.with_validators(response, etag, last_modified)
        # Stored on the way out, from this rendering and the 304's headers.
        state.rendered = _rendered(view, request, response)
        return conditional.with_validators(HttpResponseNotModified(), etag, last_modified)

    return wrapper


def _from_stored(
    state: ApiRequestState,
    stored: StoredResponse,
    body: tuple[bytes, str | None] | None,
    last_modified: int,
) -> HttpResponse:
    """The stored answer: a 304 (no `body`), or its body in the coding it is sent in
    (marked so on the way out, ResponseCacheMiddleware)."""
    state.etag, state.stored = stored.etag, stored
    # As the rendering said (the view's Content-Language reads it).
    state.languages = tuple(
        code.strip()
        for name, value in stored.headers
        if name.lower() == "content-language"
        for code in value.split(",")
    )
    if body is None:
        response: HttpResponse = HttpResponseNotModified()
    else:
        content, state.coding = body
        response = HttpResponse(content, content_type=stored.content_type)
    return conditional.with_validators(response, stored.etag, last_modified)


def _rendered(view: Any, request: Request, response: Any) -> tuple[bytes, str]:
    response.accepted_renderer = request.accepted_renderer
    response.accepted_media_type = request.accepted_media_type
    response.renderer_context = view.get_renderer_context()
    response.render()
    return response.content, response["Content-Type"]
