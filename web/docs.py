"""The API's documentation pages, served entirely from this deployment.

Kiosks and partner networks may be offline, so no page may reach out: the
Swagger UI and ReDoc bundles come from drf-spectacular-sidecar's static files,
and ReDoc's page is our copy without web fonts. ReDoc's bundle still shows a
"powered by" logo from its CDN; the Content-Security-Policy (web/security.py)
keeps the browser from fetching it, and the page's one inline script carries
the policy's nonce.
"""

from __future__ import annotations

from drf_spectacular.views import SpectacularRedocView


class OfflineRedocView(SpectacularRedocView):
    template_name = "web/redoc.html"
