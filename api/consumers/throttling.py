"""Rate limits per API key (by its tier) and per anonymous client IP (DESIGN 2.8).

Fixed windows of settings.API_RATE_WINDOW seconds, counted with an atomic
increment in the shared cache, so every app process agrees on the count.
Each response says where the client stands (`RateLimit-Limit`,
`RateLimit-Remaining`, `RateLimit-Reset`, IETF httpapi-ratelimit-headers);
past the limit it is a 429 problem with `Retry-After`. A failing cache lets
requests through (logged): rate limiting must not take the API down.

Behind proxies, set API_TRUSTED_PROXIES to their number so that the client
IP is read from X-Forwarded-For (DRF's NUM_PROXIES), never spoofable by the
client itself.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from api import state as api_state

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Quota:
    limit: int
    remaining: int
    reset: int  # seconds until the window ends
    allowed: bool = True

    def headers(self) -> dict[str, str]:
        return {
            "RateLimit-Limit": str(self.limit),
            "RateLimit-Remaining": str(self.remaining),
            "RateLimit-Reset": str(self.reset),
        }


class ClientRateThrottle(BaseThrottle):
    def allow_request(self, request: Request, view: Any) -> bool:
        quota = counted(request, client=request.auth)
        if quota is None:
            return True
        self._wait = quota.reset
        return quota.allowed

    def wait(self) -> float | None:
        return getattr(self, "_wait", None)


def counted(request: Any, *, client: Any) -> Quota | None:
    """The request's quota, counted once however many layers ask (the response
    cache first for an anonymous request, DRF's throttle after it)."""
    state = api_state.of(request)
    if not state.quota_taken:
        state.quota, state.quota_taken = take(request, client=client), True
    quota: Quota | None = state.quota
    return quota


def take(request: Any, *, client: Any) -> Quota | None:
    """Count this request against its client's limit (an API client, or None:
    anonymous, by IP). None when unlimited, or when the cache cannot count."""
    tier = client.rate_tier if client is not None else "anonymous"
    limit = settings.API_RATE_LIMITS[tier]
    if limit is None:
        return None
    if client is not None:
        identity = f"key:{client.prefix}"
    else:
        identity = f"ip:{BaseThrottle().get_ident(request)}"
    window = settings.API_RATE_WINDOW
    now = time.time()
    started = int(now // window) * window
    count = _count(f"ratelimit:{identity}:{started}", timeout=window + 1)
    if count is None:
        return None
    return Quota(
        limit=limit,
        remaining=max(limit - count, 0),
        reset=int(started + window - now) + 1,
        allowed=count <= limit,
    )


def quota_headers(request: Any) -> dict[str, str]:
    quota = api_state.of(request).quota
    return quota.headers() if quota else {}


def _count(key: str, *, timeout: int) -> int | None:
    """This request's number in its window, or None if the cache cannot count."""
    try:
        cache.add(key, 0, timeout=timeout)
        return int(cache.incr(key))
    except ValueError:
        # The window's key expired between add and incr: this is its first request.
        cache.set(key, 1, timeout=timeout)
        return 1
    except Exception:
        logger.warning("rate limit: the cache is unavailable; request allowed", exc_info=True)
        return None
