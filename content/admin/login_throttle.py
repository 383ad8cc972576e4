"""The admin's sign-in throttle.

`AdminLoginThrottleMiddleware`: after settings.ADMIN_LOGIN_MAX_FAILURES
refused sign-ins from one IP, further attempts are a 429 until
settings.ADMIN_LOGIN_LOCKOUT_SECONDS after the first one. Counted in the
shared cache, so every process agrees; a failing cache lets sign-ins
through (logged) rather than lock editors out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.urls import NoReverseMatch, reverse
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger(__name__)

Middleware = Callable[[HttpRequest], HttpResponse]


class AdminLoginThrottleMiddleware:
    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.ADMIN_LOGIN_MAX_FAILURES
        if not limit or request.method != "POST" or request.path_info != _login_path():
            return self.get_response(request)
        key = f"adminlogin:{BaseThrottle().get_ident(request)}"
        if _failures(key) >= limit:
            lockout = settings.ADMIN_LOGIN_LOCKOUT_SECONDS
            return HttpResponse(
                f"Too many failed sign-ins from this address; try again in {lockout // 60 or 1}"
                " minutes.",
                status=429,
                content_type="text/plain; charset=utf-8",
                headers={"Retry-After": str(lockout)},
            )
        response = self.get_response(request)
        # The login view answers a refused sign-in with its form again (200);
        # a successful one redirects.
        if response.status_code == 200:
            _note_failure(key)
        return response


def _login_path() -> str | None:
    try:
        return reverse("admin:login")
    except NoReverseMatch:  # a URLconf without the admin
        return None


def _failures(key: str) -> int:
    try:
        return int(cache.get(key, 0))
    except Exception:
        logger.warning("admin login throttle: the cache is unavailable", exc_info=True)
        return 0


def _note_failure(key: str) -> None:
    timeout = settings.ADMIN_LOGIN_LOCKOUT_SECONDS
    try:
        if not cache.add(key, 1, timeout=timeout):
            cache.incr(key)
    except ValueError:
        # The key expired between add and incr: this failure starts a new window.
        cache.set(key, 1, timeout=timeout)
    except Exception:
        logger.warning("admin login throttle: the cache is unavailable", exc_info=True)
