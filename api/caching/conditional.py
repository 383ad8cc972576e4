"""Conditional requests (RFC 9110 §13) on the API's public answers.

A public answer carries two validators, a strong `ETag`
(api.caching.keys.etag) and `Last-Modified`, and says for how long others may
keep it; a request whose `If-None-Match` or `If-Modified-Since` finds it
unchanged is answered 304 Not Modified (api.caching.responses decides where).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.http import http_date, parse_etags, parse_http_date_safe
from rest_framework.request import Request


def last_modified(*, changed_at: datetime, today: date) -> int:
    """When an answer last changed: when the content version last moved, never
    before `today` began (in this process's time zone, as `date.today()` counts
    days): an item falls due for review with no change to it."""
    return int(max(changed_at.timestamp(), datetime.combine(today, time()).timestamp()))


def not_modified(request: Request | HttpRequest, etag: str, last_modified: int) -> bool:
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        # RFC 9110 §13.1.2: weak comparison for If-None-Match.
        tags = parse_etags(if_none_match)
        return "*" in tags or etag in tags or etag in (t.removeprefix("W/") for t in tags)
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    return since is not None and last_modified <= since


def with_validators(response: HttpResponse, etag: str, last_modified: int) -> HttpResponse:
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    response["Cache-Control"] = (
        f"public, max-age={settings.API_CACHE_MAX_AGE}, "
        f"stale-while-revalidate={settings.API_CACHE_STALE_WHILE_REVALIDATE}"
    )
    return response


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
