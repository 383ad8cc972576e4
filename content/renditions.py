"""Making the renditions of an uploaded picture, once (DESIGN 1.6).

For each width of IMAGE_RENDITION_WIDTHS no wider than the picture (and the
picture's own width when it is narrower than all of them), in each format (AVIF
where this Pillow can write it, WebP, JPEG), in the picture's proportions and
cropped to each of IMAGE_RENDITION_CROPS around its focal point: turned upright as
its EXIF says, then saved without EXIF. Each is stored under a name made of its
content's hash, so a name never changes meaning and can be served as immutable.

`make` is idempotent: renditions already made for a file are kept, and the same
picture makes the same names.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django_tasks import task
from PIL import Image as Pillow
from PIL import ImageOps, features

from content.models.images import Rendition
from content.tasks import retried

# What each format is saved with: good enough for a photograph, and quick.
SAVE_OPTIONS = {
    "avif": {"quality": 60, "speed": 8},
    "webp": {"quality": 80, "method": 4},
    "jpeg": {"quality": 82, "optimize": True, "progressive": True},
}
MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg"}


def formats() -> tuple[str, ...]:
    """The formats made, best first: AVIF only where this Pillow can write it."""
    return ("avif", "webp", "jpeg") if features.check("avif") else ("webp", "jpeg")


@dataclass(frozen=True)
class Spec:
    crop: str  # "" or a ratio such as "16:9"
    focus: str  # "" or the focal point cropped around, "0.50,0.30"
    format: str
    width: int


def focus_of(focal_x: float, focal_y: float) -> str:
    """How a focal point names the crops made around it."""
    return f"{focal_x:.2f},{focal_y:.2f}"


def specs(width: int, focus: str) -> list[Spec]:
    """What is made of a picture `width` pixels wide, its crops around `focus`."""
    widths = [w for w in settings.IMAGE_RENDITION_WIDTHS if w <= width] or [width]
    framings = [("", ""), *((crop, focus) for crop in settings.IMAGE_RENDITION_CROPS)]
    return [Spec(c, f, kind, w) for c, f in framings for kind in formats() for w in widths]


@task(takes_context=True)
@retried
def make_renditions(source: str, focus: str, *, retry: int = 0) -> int:
    """Make what is missing of the renditions of the original stored as `source`,
    cropped around `focus`, whichever image (or working copy of one) names it; how
    many were made."""
    if not default_storage.exists(source):
        return 0  # nothing to make it from
    made = {(r.crop, r.focus, r.format, r.width) for r in Rendition.objects.filter(source=source)}
    with default_storage.open(source) as original, Pillow.open(original) as picture:
        upright = ImageOps.exif_transpose(picture)
        todo = [
            s
            for s in specs(upright.width, focus)
            if (s.crop, s.focus, s.format, s.width) not in made
        ]
        rows = [_store(source, spec, data) for spec, data in _encode(upright, todo)]
    with transaction.atomic():
        Rendition.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _encode(picture: Pillow.Image, todo: list[Spec]) -> Iterator[tuple[Spec, bytes]]:
    for spec in todo:
        framed = _framed(picture, spec.crop, spec.focus)
        height = max(1, round(framed.height * spec.width / framed.width))
        resized = framed.resize((spec.width, height), Pillow.Resampling.LANCZOS)
        if spec.format == "jpeg" and resized.mode not in ("RGB", "L"):
            resized = _on_white(resized)
        elif resized.mode not in ("RGB", "RGBA", "L"):
            resized = resized.convert("RGBA" if "A" in resized.getbands() else "RGB")
        buffer = io.BytesIO()
        # No `exif=`: nothing of the original's metadata is written.
        resized.save(buffer, format=spec.format.upper(), **SAVE_OPTIONS[spec.format])
        yield spec, buffer.getvalue()


def _framed(picture: Pillow.Image, crop: str, focus: str) -> Pillow.Image:
    """`picture` cropped to the ratio `crop` ("16:9"), as centred on `focus` as it can be."""
    if not crop:
        return picture
    focal_x, focal_y = (float(n) for n in focus.split(","))
    across, down = (int(n) for n in crop.split(":"))
    ratio = Fraction(across, down)
    width, height = picture.size
    if Fraction(width, height) > ratio:
        new_width, new_height = round(height * ratio), height
    else:
        new_width, new_height = width, round(width / ratio)
    left = min(max(round(focal_x * width - new_width / 2), 0), width - new_width)
    top = min(max(round(focal_y * height - new_height / 2), 0), height - new_height)
    return picture.crop((left, top, left + new_width, top + new_height))


def _on_white(picture: Pillow.Image) -> Pillow.Image:
    """A picture with transparency, on white: JPEG has none."""
    rgba = picture.convert("RGBA")
    background = Pillow.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background


def _store(source: str, spec: Spec, data: bytes) -> Rendition:
    digest = hashlib.sha256(data).hexdigest()
    extension = "jpg" if spec.format == "jpeg" else spec.format
    name = f"images/{digest[:32]}.{extension}"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))
    with Pillow.open(io.BytesIO(data)) as made:
        width, height = made.size
    return Rendition(
        source=source, crop=spec.crop, focus=spec.focus, format=spec.format, width=width,
        height=height,
        file=name, bytes=len(data), sha256=digest,
    )  # fmt: skip
