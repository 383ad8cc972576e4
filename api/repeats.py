"""Repeated anonymous reads, answered before the rest of the stack (DESIGN 2.9).

The response cache (api.caching) spares a repeated request the database and
the serializers, but it sits inside DRF: sessions, authentication, routing,
negotiation and throttling still run first, and cost more than the simplest
Django view. So once the API has answered an anonymous GET with a cacheable
200, this process keeps the whole response (headers and body) under what
the request said: its path and query, the request headers the answer varies
on (`Accept`, `Accept-Language`) and the host and scheme, with the content
version. The same request under the same version is answered here (a 304
when its validators match), with what the full path would have sent. A 304
answered in full is kept too, without a body: it answers the same
revalidation here (a client that only ever revalidates, or whose first
request reached another process), and a request for the body takes the full
path, which keeps the whole response.

Only requests the full path would answer the same way, whoever sends them,
are answered here: no `Authorization` (keys, previews, key errors), no
`preview`. An anonymous rate limit is still counted, and its headers sent;
past it the full path answers (the 429), without counting the request twice.
Middlewares before this one (request id and log, metrics, security headers,
compression, CORS) see every response as usual.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import parse_http_date_safe

from api import caching
from api.stores import LocalCopies
from api.throttling import quota_headers, take
from content import versions
from web.metrics import count_lookups, route_label

PREFIX = "/api/"
# Headers that belong to one request, not to the answer.
PER_REQUEST = {"ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "set-cookie"}
# The bundle runs to megabytes: it is kept by api.caching only.
MAX_BODY_BYTES = 512 * 1024
# (content version, KeptResponse) pairs, bounded in bytes like api.caching's copies.
kept_responses = LocalCopies(
    512,
    max_bytes=settings.API_LOCAL_RESPONSES_MB * 1024 * 1024,
    weigh=lambda entry: len(entry[1].content or b""),
)


@dataclass(frozen=True)
class KeptResponse:
    content: bytes | None  # None: kept from a 304, for revalidations only
    headers: tuple[tuple[str, str], ...]
    route: str
    etag: str
    last_modified: int

    @classmethod
    def of(cls, response: HttpResponse, route: str) -> KeptResponse:
        headers = tuple(
            (name, value) for name, value in response.items() if name.lower() not in PER_REQUEST
        )
        return cls(
            content=response.content if response.status_code == 200 else None,
            headers=headers,
            route=route,
            etag=response["ETag"],
            last_modified=parse_http_date_safe(response["Last-Modified"]) or 0,
        )

    def answer(self, request: HttpRequest) -> HttpResponse | None:
        """What the full path would answer; None if that needs the body, not kept."""
        if caching.not_modified(request, self.etag, self.last_modified):
            response: HttpResponse = HttpResponseNotModified()
            excluded = {"content-type", "content-length"}
        elif self.content is None:
            return None
        else:
            response, excluded = HttpResponse(self.content), set()
        for name, value in self.headers:
            if name.lower() not in excluded:
                response[name] = value
        return response


class RepeatedReadsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = _key(request)
        if key is None:
            return self.get_response(request)
        # (content version, response): the version is read only for a request
        # answered before, and handed on to api.caching, never read twice.
        kept_for, kept = kept_responses.get_many([key], counted=False).get(key, ("", None))
        if kept is not None:
            version = versions.current()
            request.content_version = version  # type: ignore[attr-defined]
            if version.token != kept_for:
                kept = None
        if kept is not None and (kept.content is not None or _revalidates(request)):
            quota = take(request, client=None)
            request.rate_quota = quota  # type: ignore[attr-defined]
            answer = kept.answer(request) if quota is None or quota.allowed else None
            if answer is not None:
                count_lookups([key], layer="local")
                request.answered_from = kept.route  # type: ignore[attr-defined]
                for name, value in quota_headers(request).items():
                    answer[name] = value
                return answer
        response = self.get_response(request)
        answered_for = getattr(request, "content_version", None)
        if answered_for is not None and _keepable(response):
            kept = KeptResponse.of(response, route_label(request))
            kept_responses.set_many({key: (answered_for.token, kept)})
        return response


def _key(request: HttpRequest) -> str | None:
    """What the answer depends on, for a request answered the same for everyone; else None."""
    if request.method != "GET" or not request.path.startswith(PREFIX):
        return None
    # (Any mention of `preview` in the query: cheaper than parsing it, never wrong.)
    if "HTTP_AUTHORIZATION" in request.META or "preview" in request.META.get("QUERY_STRING", ""):
        return None
    seed = repr(
        (
            request.get_full_path(),
            request.META.get("HTTP_HOST", ""),  # validated by the full path, once
            request.is_secure(),
            request.META.get("HTTP_ACCEPT", ""),
            request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
            # `review_overdue` is computed per day.
            date.today(),
        )
    )
    return "kept:" + hashlib.blake2b(seed.encode(), digest_size=16).hexdigest()


def _revalidates(request: HttpRequest) -> bool:
    return "HTTP_IF_NONE_MATCH" in request.META or "HTTP_IF_MODIFIED_SINCE" in request.META


def _keepable(response: HttpResponse) -> bool:
    return (
        response.status_code in (200, 304)
        and not response.streaming
        and response.has_header("ETag")
        and parse_http_date_safe(response.get("Last-Modified", "")) is not None
        and response.get("Cache-Control", "").startswith("public")
        and not response.cookies
        and len(response.content) <= MAX_BODY_BYTES
    )
