"""The API's documentation pages, served entirely from this deployment.

Kiosks and partner networks may be offline, so no page may reach out: the
Swagger UI and ReDoc bundles come from drf-spectacular-sidecar's static files,
and ReDoc's page is our copy without web fonts. ReDoc's bundle still shows a
"powered by" logo from its CDN; a Content-Security-Policy on that page keeps
the browser from fetching it.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularRedocView


class OfflineRedocView(SpectacularRedocView):
    template_name = "api/redoc.html"

    @extend_schema(exclude=True)
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        response["Content-Security-Policy"] = "img-src 'self' data: blob:"
        return response
