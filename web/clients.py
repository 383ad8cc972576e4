"""The front-end clients of clients/, served by the app itself: the waiting-room
kiosk, the partner embed's script and its demo page; and the site's icon, which
browsers ask for at /favicon.ico.

Their files are static files (STATICFILES_DIRS; WhiteNoise serves them under
/static/kiosk/ and /static/embed/). These views only give the two pages and
the embed script addresses that stay the same in every deployment, e.g.
`<script src="https://content.example.org/embed/ims-embed.js">` on a partner's page.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

# Short enough that a new release reaches kiosks and partners' pages within minutes.
CACHE_CONTROL = "public, max-age=300"


def client_file(name: str, content_type: str) -> Callable[[HttpRequest], FileResponse]:
    """A view answering GET and HEAD with the static file `name`, found as collectstatic would."""

    @require_safe
    def view(request: HttpRequest) -> FileResponse:
        found = finders.find(name)
        if not isinstance(found, str):
            raise Http404(name)
        response = FileResponse(open(found, "rb"), content_type=content_type)  # noqa: SIM115
        response["Cache-Control"] = CACHE_CONTROL
        return response

    return view


HTML = "text/html; charset=utf-8"
JAVASCRIPT = "text/javascript; charset=utf-8"


def embed_script(request: HttpRequest) -> FileResponse:
    response = _embed_script(request)
    # Partners may load it with `crossorigin` to pin it by Subresource Integrity.
    response["Access-Control-Allow-Origin"] = "*"
    return response


_embed_script = client_file("embed/ims-embed.js", JAVASCRIPT)

kiosk_page = client_file("kiosk/index.html", HTML)
favicon = client_file("web/favicon.svg", "image/svg+xml")
embed_demo_page = client_file("embed/demo.html", HTML)
