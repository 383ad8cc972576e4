"""Rate limits per API key (by its tier) and per anonymous client IP (DESIGN 2.8).

Fixed windows of settings.API_RATE_WINDOW seconds, counted with an atomic
increment in the shared cache, so every app process agrees on the count.
Each response says where the client stands (`RateLimit-Limit`,
`RateLimit-Remaining`, `RateLimit-Reset`, IETF httpapi-ratelimit-headers);
past the limit it is a 429 problem with `Retry-After`. While the shared cache
cannot count, each process counts on its own against its share of the limit
(settings.API_RATE_PROCESSES divides it): the limits hold, roughly, and the
API stays up.

Behind proxies, set API_TRUSTED_PROXIES to their number so that the client
IP is read from X-Forwarded-For (DRF's NUM_PROXIES), never spoofable by the
client itself.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from rest_framework.request import Request
from rest_framework.throttling import BaseThrottle

from api import state as api_state
from config import caches


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
    anonymous, by IP). None when unlimited."""
    window = _Window.of(request, client=client)
    if window is None:
        return None
    count, shared = caches.count(window.key, timeout=window.seconds + 1)
    return window.quota(count, shared=shared)


def refused_before_lookup(request: Any) -> Quota | None:
    """A quota to refuse the request with (429) if its IP sent as many refused
    keys in this window as the anonymous limit allows requests, else None.

    Asked before an API key is looked up, so that a burst of bad keys meets
    429s, not a database lookup each. A valid key from that IP is refused too
    until the window ends; anonymous requests alone never refuse a key."""
    window = _Window.of(request, client=None)
    if window is None:
        return None
    refused, shared = caches.current(window.refused_keys_key)
    quota = window.quota(refused + 1, shared=shared)
    return None if quota.allowed else quota


def count_refused_key(request: Any) -> None:
    """A refused key (a 401) counts against its IP's anonymous limit, and
    towards refused_before_lookup's."""
    counted(request, client=None)
    window = _Window.of(request, client=None)
    if window is not None:
        caches.count(window.refused_keys_key, timeout=window.seconds + 1)


@dataclass(frozen=True)
class _Window:
    """The current fixed window of one client's limit."""

    identity: str
    limit: int
    seconds: int
    now: float

    @classmethod
    def of(cls, request: Any, *, client: Any) -> _Window | None:
        tier = client.rate_tier if client is not None else "anonymous"
        limit = settings.API_RATE_LIMITS[tier]
        if limit is None:
            return None
        if client is not None:
            identity = f"key:{client.prefix}"
        else:
            identity = f"ip:{BaseThrottle().get_ident(request)}"
        return cls(identity, limit, settings.API_RATE_WINDOW, time.time())

    @property
    def started(self) -> int:
        return int(self.now // self.seconds) * self.seconds

    @property
    def key(self) -> str:
        return f"ratelimit:{self.identity}:{self.started}"

    @property
    def refused_keys_key(self) -> str:
        return f"{self.key}:refused-keys"

    def quota(self, count: int, *, shared: bool) -> Quota:
        """Where the client stands as the window's `count`th request (`shared`:
        counted by every process together, else by this one alone)."""
        limit = caches.allowed(self.limit, shared=shared)
        return Quota(
            limit=limit,
            remaining=max(limit - count, 0),
            reset=int(self.started + self.seconds - self.now) + 1,
            allowed=count <= limit,
        )


def quota_headers(request: Any) -> dict[str, str]:
    quota = api_state.of(request).quota
    return quota.headers() if quota else {}
