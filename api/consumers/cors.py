"""Which browser origins may call the API (DESIGN 2.8), with django-cors-headers.

Origins in settings.CORS_ALLOWED_ORIGINS are always allowed; so are the
allowed origins of every active, unrevoked API client, looked up when a
browser request from another origin arrives, for the API and for the image
renditions its answers name (a kiosk keeps them for offline use). Nothing else is.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from api.consumers.models import ApiClient


def origin_of_an_active_client(sender: Any, request: HttpRequest, **kwargs: Any) -> bool:
    """Receiver of corsheaders' check_request_enabled for API and rendition paths."""
    origin = request.headers.get("Origin")
    if not origin or not request.path_info.startswith(("/api/", "/media/images/")):
        return False
    # A handful of clients: matching in Python works the same on every database.
    origins = ApiClient.objects.filter(is_active=True, revoked=False).values_list(
        "allowed_origins", flat=True
    )
    return any(origin in allowed for allowed in origins)
