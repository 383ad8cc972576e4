"""The API's documentation pages, served entirely from this deployment.

Kiosks and partner networks may be offline, so no page may reach out: the
Swagger UI and ReDoc bundles come from drf-spectacular-sidecar's static files,
and ReDoc's page is our copy without web fonts. ReDoc's bundle draws a
"powered by" logo from its CDN, and has no option to leave it out; the page
loads the bundle from `redoc_bundle`, the same file with that address emptied
(an `<img>` with no source fetches nothing, and ReDoc then hides it). The
page's one inline script carries the Content-Security-Policy's nonce.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from drf_spectacular.views import SpectacularRedocView

BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
CDN_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"


class OfflineRedocView(SpectacularRedocView):
    template_name = "web/redoc.html"

    @staticmethod
    def _redoc_standalone() -> str:
        return reverse("redoc-bundle")


@cache
def _offline_bundle() -> bytes | None:
    found = finders.find(BUNDLE)
    if not isinstance(found, str):
        return None
    return Path(found).read_bytes().replace(CDN_LOGO, b"")


@require_safe
def redoc_bundle(request: HttpRequest) -> HttpResponse:
    bundle = _offline_bundle()
    if bundle is None:
        raise Http404(BUNDLE)
    response = HttpResponse(bundle, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=3600"
    return response
