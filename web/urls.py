"""Site-wide pages: health probes, metrics, the API's documentation, the front-end clients,
image renditions."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from web import clients, health, media, metrics
from web.docs import OfflineRedocView, redoc_bundle

# The documentation and its schema are not counted against the anonymous rate
# limit: a developer reading the docs and trying calls never meets a 429 there.
UNLIMITED: dict[str, list[object]] = {"throttle_classes": []}

urlpatterns = [
    path("api/schema/", SpectacularAPIView.as_view(**UNLIMITED), name="schema"),
    # The split view loads its start-up script from a URL: no inline script for the CSP.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="schema", **UNLIMITED),
        name="swagger-ui",
    ),
    path("api/redoc/", OfflineRedocView.as_view(url_name="schema", **UNLIMITED), name="redoc"),
    path("api/redoc/redoc.standalone.js", redoc_bundle, name="redoc-bundle"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path("favicon.ico", clients.favicon, name="favicon"),
    path("kiosk/", clients.kiosk_page, name="kiosk"),
    path("embed-demo/", clients.embed_demo_page, name="embed-demo"),
    path("embed/ims-embed.js", clients.embed_script, name="embed-script"),
    re_path(rf"^media/images/(?P<name>{media.NAME})$", media.rendition, name="image-rendition"),
]
