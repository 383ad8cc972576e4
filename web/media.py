"""Image renditions served from this disk (DESIGN 1.6), under MEDIA_URL.

Only renditions are served: each is named by its content's hash
(content/renditions.py), so a name never changes meaning and its answer is
cacheable for a year, `immutable`. Originals (`originals/`) are not: they may
carry EXIF data, such as where a photograph was taken. With another storage
(S3-compatible, docs/operating.md), its own URLs serve renditions and this view is
not reached.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponseBase
from django.views.decorators.http import require_safe

from web.problems import problem_response

TYPES = {"avif": "image/avif", "webp": "image/webp", "jpg": "image/jpeg"}
# The URL pattern of a rendition's name: 32 hexadecimal digits and its format.
NAME = r"[0-9a-f]{32}\.(?:avif|webp|jpg)"
A_YEAR = 365 * 24 * 3600


@require_safe
def rendition(request: HttpRequest, name: str) -> HttpResponseBase:
    stored = f"images/{name}"
    if not default_storage.exists(stored):
        return problem_response(status=404, detail="There is no such image rendition.")
    response = FileResponse(
        default_storage.open(stored), content_type=TYPES[name.rsplit(".", 1)[1]]
    )
    response["Cache-Control"] = f"public, max-age={A_YEAR}, immutable"
    return response
