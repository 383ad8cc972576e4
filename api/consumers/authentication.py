"""`Authorization: Api-Key <key>` (DESIGN 2.8).

No header: an anonymous client, allowed unless settings.API_KEYS_REQUIRED.
A header that is malformed, or names a wrong, revoked, disabled or expired
key, is a 401: a client that meant to identify itself is never silently
treated as anonymous. Each 401 counts against the anonymous limit of the
client's IP; once an IP has had that many keys refused in a window, its keys
are not looked up at all until the window ends (429).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated, Throttled
from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from api.consumers import throttling
from api.consumers.models import ApiClient

KEYWORD = "Api-Key"
# Writing last_used_at on every request would make every read a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[None, ApiClient] | None:
        header = request.headers.get("Authorization")
        if header is None:
            return None
        refused = throttling.refused_before_lookup(request)
        if refused is not None:
            throttling.counted(request, client=None)  # its RateLimit-* headers
            raise Throttled(wait=refused.reset)
        try:
            client = _client(header)
        except AuthenticationFailed:
            throttling.count_refused_key(request)
            raise
        _note_use(client)
        return None, client

    def authenticate_header(self, request: Request) -> str:
        return KEYWORD


class KeyRequiredWhenConfigured(BasePermission):
    """Anonymous reads are allowed unless settings.API_KEYS_REQUIRED."""

    def has_permission(self, request: Request, view: Any) -> bool:
        if settings.API_KEYS_REQUIRED and request.auth is None:
            raise NotAuthenticated(f"An API key is required: `Authorization: {KEYWORD} <key>`.")
        return True


def _client(header: str) -> ApiClient:
    keyword, _, key = header.partition(" ")
    key = key.strip()
    if keyword != KEYWORD or not key or len(key) > 200:
        raise AuthenticationFailed(f"Send your key as `Authorization: {KEYWORD} <key>`.")
    prefix, _, _ = key.partition(".")
    client = ApiClient.objects.filter(prefix=prefix).first()
    if client is None or not client.is_valid(key):
        raise AuthenticationFailed("This API key is not valid.")
    if client.revoked:
        raise AuthenticationFailed("This API key has been revoked.")
    if not client.is_active:
        raise AuthenticationFailed("This API key is disabled.")
    if client.has_expired:
        raise AuthenticationFailed("This API key has expired.")
    return client


def _note_use(client: ApiClient) -> None:
    now = timezone.now()
    if client.last_used_at is None or now - client.last_used_at > LAST_USED_RESOLUTION:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now
