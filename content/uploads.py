"""Checking an uploaded picture before anything is stored (DESIGN 1.6).

Its type is read from its content, not its name: Pillow must recognise it as JPEG,
PNG, WebP or AVIF (no SVG: it can carry scripts). It must be within
IMAGE_MAX_UPLOAD_MB and IMAGE_MAX_PIXELS, which is checked from its header before
its pixels are decoded (a small file can decode to gigabytes: a decompression
bomb), and it must decode whole. Each refusal says what to do instead.
"""

from __future__ import annotations

import hashlib
import warnings
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image as Pillow
from PIL import UnidentifiedImageError

# Pillow's format name → the extension the stored original gets.
ACCEPTED = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "AVIF": "avif"}
ACCEPTED_NAMES = "JPEG, PNG, WebP or AVIF"


@dataclass(frozen=True)
class Upload:
    """What checking found: the format, the size after orientation, the content's hash."""

    format: str
    width: int
    height: int
    sha256: str

    @property
    def name(self) -> str:
        """The original's storage name: the same content is stored once."""
        return f"originals/{self.sha256[:32]}.{ACCEPTED[self.format]}"


def check(file: IO[bytes]) -> Upload:
    """Read and check `file`; raise ValidationError saying what is wrong."""
    limit_mb = settings.IMAGE_MAX_UPLOAD_MB
    data = file.read(limit_mb * 1024 * 1024 + 1)
    file.seek(0)
    if len(data) > limit_mb * 1024 * 1024:
        raise ValidationError(
            f"This file is over {limit_mb} MB: export it smaller (2,000 to 3,000 pixels wide "
            "is plenty) and upload it again.",
            code="too_large",
        )
    with warnings.catch_warnings():
        # Pillow warns of images over its own limit, then refuses those twice over it;
        # ours is checked below, from the header, before any pixel is decoded.
        warnings.simplefilter("ignore", Pillow.DecompressionBombWarning)
        try:
            picture = Pillow.open(file)
            width, height = picture.size
            kind = picture.format or ""
        except Pillow.DecompressionBombError:
            raise _too_many_pixels("so many") from None
        except (UnidentifiedImageError, OSError, ValueError):
            raise ValidationError(
                f"This file is not a picture we can read: upload a {ACCEPTED_NAMES} file.",
                code="not_an_image",
            ) from None
        if kind not in ACCEPTED:
            raise ValidationError(
                f"This is a {kind} file: upload a {ACCEPTED_NAMES} file.", code="format"
            )
        if width * height > settings.IMAGE_MAX_PIXELS:
            raise _too_many_pixels(f"{width:,} by {height:,}")
        try:
            picture.load()
        except (OSError, ValueError, SyntaxError):
            raise ValidationError(
                "This picture is damaged or cut short: export it again and upload the new file.",
                code="damaged",
            ) from None
        finally:
            file.seek(0)
    # Sideways photos are stored as taken, with an EXIF note to turn them.
    if _turned(picture):
        width, height = height, width
    return Upload(kind, width, height, hashlib.sha256(data).hexdigest())


def _too_many_pixels(how_many: str) -> ValidationError:
    return ValidationError(
        f"This picture has {how_many} pixels, over the {settings.IMAGE_MAX_PIXELS / 1e6:g} "
        "million allowed: make it smaller and upload it again.",
        code="too_many_pixels",
    )


def _turned(picture: Pillow.Image) -> bool:
    """Whether the picture's EXIF orientation turns it a quarter (5 to 8)."""
    return picture.getexif().get(0x0112, 1) in (5, 6, 7, 8)
