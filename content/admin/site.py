"""The editors' admin site, with its sign-in throttle.

After settings.ADMIN_LOGIN_MAX_FAILURES refused sign-ins from one IP,
further attempts are a 429 until settings.ADMIN_LOGIN_LOCKOUT_SECONDS after
the first one. Counted in the shared cache, so every process agrees; a
failing cache lets sign-ins through (logged) rather than lock editors out.
The throttle is the login view's own: no other request pays for it.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib import admin
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from rest_framework.throttling import BaseThrottle

logger = logging.getLogger(__name__)


class ContentAdminSite(admin.AdminSite):
    site_header = "IMS content"
    site_title = "IMS content"
    index_template = "admin/content/index.html"

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        limit = settings.ADMIN_LOGIN_MAX_FAILURES
        if not limit or request.method != "POST":
            return super().login(request, extra_context)
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
        response = super().login(request, extra_context)
        # A refused sign-in gets the form again (200); a successful one, a redirect.
        if response.status_code == 200:
            _note_failure(key)
        return response


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
