"""Generated pictures for tests (never a clinical photograph): plain colours that
show where a crop or a turn put them, with EXIF when asked; and a published image of
one, its renditions made."""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from content import models
from content.renditions import focus_of, make_renditions
from content.services import content_publish, content_save, images

GPS_IFD = 0x8825
ORIENTATION = 0x0112
RED, BLUE, WHITE = (220, 30, 30), (30, 30, 220), (255, 255, 255)


def picture(
    width: int = 1200, height: int = 800, *, format: str = "JPEG", right: tuple[int, ...] = RED,
    orientation: int = 1, located: bool = False, name: str = "photo.jpg",
) -> SimpleUploadedFile:  # fmt: skip
    """A `width` by `height` picture, white with its right tenth in `right`; with an
    EXIF orientation and a GPS position when asked."""
    image = Image.new("RGB", (width, height), WHITE)
    image.paste(Image.new("RGB", (width // 10, height), right), (width - width // 10, 0))
    exif = Image.Exif()
    if orientation != 1:
        exif[ORIENTATION] = orientation
    if located:
        exif[GPS_IFD] = {1: "N", 2: (49.0, 15.0, 30.0), 3: "W", 4: (123.0, 7.0, 0.0)}
    buffer = io.BytesIO()
    options = {"exif": exif} if len(exif) else {}
    image.save(buffer, format=format, **options)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def claiming(width: int, height: int) -> SimpleUploadedFile:
    """A PNG whose header claims `width` by `height` pixels: a few bytes that would decode
    to gigabytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    data = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b""))
    return SimpleUploadedFile("bomb.png", data + chunk(b"IEND", b""), content_type="image/png")


def published_image(*, by: Any, width: int = 1200, height: int = 800, **fields: Any) -> Any:
    """“IMS needles”, a published image of a generated picture with its renditions made
    (as a worker makes them once the save commits); `fields` set more of it."""
    stored = images.image_upload(file=picture(width, height))
    image = models.Image(
        name_en="IMS needles", slug="ims-needles", alt_en="Fine needles in a steel tray.",
        file=stored.name, width=stored.width, height=stored.height, **fields,
    )  # fmt: skip
    content_save(item=image, by=None)
    make_renditions.enqueue(stored.name, focus_of(image.focal_x, image.focal_y))
    return content_publish(item=image, by=by)
