"""Prometheus metrics, served at `/metrics` (DESIGN 3).

Requests are counted and timed by the route they resolved to (the URL
pattern, `api/v1/conditions/<slug:slug>/`), never by their raw path, so the
number of series stays bounded whatever clients ask for. Cache lookups are
counted by the layer that answered: this process's local copy, the shared
cache (Redis), or neither (a miss, rendered from the database).

Under gunicorn every worker keeps its own counters; with
`PROMETHEUS_MULTIPROC_DIR` set (config/gunicorn.py sets it), prometheus_client
writes them to files there and `/metrics` adds up every worker's.

Who may read it: nobody when settings.METRICS_ENABLED is off; with
settings.METRICS_TOKEN set, whoever sends `Authorization: Bearer <token>`;
without a token, anyone while DEBUG is on, and nobody (404) in production.
"""

from __future__ import annotations

import collections
import hmac
import os
import re
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

from web.problems import problem_response

UNMATCHED = "<unmatched>"
_ANSWERED_FOR = "metrics_route"
_NAMED_GROUP = re.compile(r"\(\?P<(\w+)>[^()]*\)")
_METHODS = {"GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"}

requests_total = Counter(
    "ims_http_requests_total",
    "HTTP requests answered, by route, method and status.",
    ["route", "method", "status"],
)
request_duration = Histogram(
    "ims_http_request_duration_seconds",
    "Time to answer an HTTP request, by route and method.",
    ["route", "method"],
)
cache_lookups = Counter(
    "ims_cache_lookups_total",
    "Cache lookups by cache (resp: responses, repr: representations, count: list counts) "
    "and the layer that answered (local, shared) or miss.",
    ["cache", "layer"],
)


def count_lookups(keys: Iterable[str], *, layer: str) -> None:
    """Count lookups of `keys` answered by `layer`; the cache is named by the key's prefix."""
    for cache, count in collections.Counter(key.partition(":")[0] for key in keys).items():
        cache_lookups.labels(cache=cache, layer=layer).inc(count)


class MetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        response = self.get_response(request)
        route = route_label(request)
        method = request.method if request.method in _METHODS else "other"
        requests_total.labels(route=route, method=method, status=str(response.status_code)).inc()
        request_duration.labels(route=route, method=method).observe(time.perf_counter() - started)
        return response


def route_label(request: HttpRequest) -> str:
    """The URL pattern the request resolved to, e.g. `api/v1/conditions/<slug>/`.

    DRF's routers write patterns as regular expressions: their anchors are
    dropped and each named group reads as `<name>`.
    """
    answered = request.__dict__.get(_ANSWERED_FOR)
    if answered:
        return str(answered)
    match = request.resolver_match
    if match is None or not match.route:
        return UNMATCHED
    return _NAMED_GROUP.sub(r"<\1>", match.route).replace("^", "").replace("$", "")


def count_as(request: HttpRequest, route: str) -> None:
    """Count `request` under `route`: for an answer given before URL resolution
    (a stored response), under the route of the request it was stored for."""
    request.__dict__[_ANSWERED_FOR] = route


def metrics_view(request: HttpRequest) -> HttpResponse:
    """The metrics in Prometheus's text format, for those allowed to read them."""
    if not settings.METRICS_ENABLED:
        raise Http404
    if settings.METRICS_TOKEN:
        if not _bearer_matches(request, settings.METRICS_TOKEN):
            return problem_response(
                status=401,
                detail="Send the metrics token as `Authorization: Bearer <token>`.",
                headers={"WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store"},
            )
    elif not settings.DEBUG:
        raise Http404
    response = HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response


def _registry() -> CollectorRegistry:
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def _bearer_matches(request: HttpRequest, token: str) -> bool:
    scheme, _, offered = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        offered.strip().encode(), token.encode()
    )
