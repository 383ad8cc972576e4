"""Liveness (`/healthz`) and readiness (`/readyz`) probes for load balancers.

Plain Django views rather than DRF ones: no content negotiation,
authentication or throttling can turn a probe away (their OpenAPI description
is added by api.openapi.hooks.document_health). Neither response may be cached.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from functools import wraps

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from web.problems import problem_response

logger = logging.getLogger(__name__)

OK = "ok"
# Ready, without the shared cache: the API answers from the database, slower.
DEGRADED = "degraded"
UNAVAILABLE = "unavailable"
_ALLOWED_METHODS = ("GET", "HEAD")
# Seconds the cache check's key lives; it is never read again after the check.
_CACHE_KEY_TIMEOUT = 10

View = Callable[[HttpRequest], HttpResponse]


def _probe(view: View) -> View:
    """GET and HEAD only (anything else is a 405 problem), never cached."""

    @wraps(view)
    def wrapper(request: HttpRequest) -> HttpResponse:
        if request.method in _ALLOWED_METHODS:
            response = view(request)
        else:
            response = problem_response(
                status=405,
                detail=f'Method "{request.method}" not allowed.',
                headers={"Allow": ", ".join(_ALLOWED_METHODS)},
            )
        response["Cache-Control"] = "no-store"
        return response

    # A probe carries no session, so there is nothing for CSRF to protect.
    return csrf_exempt(wrapper)


@_probe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 while the process serves requests; touches neither database nor cache."""
    return JsonResponse({"status": OK})


@_probe
def readyz(request: HttpRequest) -> HttpResponse:
    """200 while the database answers (`degraded` when only the cache is down:
    the API then serves from the database), else a 503 problem. A balancer
    that took every instance out of rotation for a Redis outage would turn a
    slower service into none."""
    checks = {
        "database": _state("database", _check_database),
        "cache": _state("cache", _check_cache),
    }
    if checks["database"] != OK:
        down = ", ".join(name for name, state in checks.items() if state != OK)
        return problem_response(
            status=503, detail=f"Not ready; unavailable: {down}.", extensions={"checks": checks}
        )
    status = OK if checks["cache"] == OK else DEGRADED
    return JsonResponse({"status": status, "checks": checks})


def _state(name: str, check: Callable[[], None]) -> str:
    try:
        check()
    except Exception as error:
        # One line per probe, not a traceback: balancers probe every few seconds.
        logger.warning("readyz: the %s is unavailable: %r", name, error)
        return UNAVAILABLE
    return OK


def _check_database() -> None:
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache() -> None:
    # A key of its own, so concurrent probes from several balancers never
    # read each other's value.
    key = f"readyz:{uuid.uuid4().hex}"
    cache.set(key, OK, timeout=_CACHE_KEY_TIMEOUT)
    if cache.get(key) != OK:
        raise RuntimeError("the cache did not return a value it had just stored")
