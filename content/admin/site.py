"""The editors' admin site, with its sign-in throttle.

Sign-in attempts are counted per client IP and per account name, each
counted before the password is checked (an atomic increment): after
settings.ADMIN_LOGIN_MAX_FAILURES attempts that did not sign in, from one IP
or for one account, further attempts are a 429 until
settings.ADMIN_LOGIN_LOCKOUT_SECONDS after the first. Counting first means
forty concurrent tries check at most that many passwords, not one each.
Counted in the shared cache, so every process agrees; while it is down, in
each process (config.caches.count), so the throttle still holds.
The throttle is the login view's own: no other request pays for it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from rest_framework.throttling import BaseThrottle

from config import caches


class ContentAdminSite(admin.AdminSite):
    site_header = "IMS content"
    site_title = "IMS content"
    index_template = "admin/content/index.html"

    def login(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> Any:
        limit = settings.ADMIN_LOGIN_MAX_FAILURES
        if not limit or request.method != "POST":
            return super().login(request, extra_context)
        lockout = settings.ADMIN_LOGIN_LOCKOUT_SECONDS
        username = request.POST.get("username", "").strip().lower()[:150]
        keys = [f"adminlogin:ip:{BaseThrottle().get_ident(request)}", f"adminlogin:user:{username}"]
        attempts = [caches.count(key, timeout=lockout) for key in keys]
        if any(count > caches.allowed(limit, shared=shared) for count, shared in attempts):
            # Refused: no password checked, so this attempt counts against neither.
            for key in keys:
                caches.uncount(key)
            return HttpResponse(
                f"Too many failed sign-ins from this address or for this account; try again in "
                f"{lockout // 60 or 1} minutes.",
                status=429,
                content_type="text/plain; charset=utf-8",
                headers={"Retry-After": str(lockout)},
            )
        response = super().login(request, extra_context)
        # A refused sign-in gets the form again (200); a successful one, a redirect:
        # it does not count against the account or the address.
        if response.status_code != 200:
            for key in keys:
                caches.uncount(key)
        return response
