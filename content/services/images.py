"""Images' own writes (DESIGN 1.6): an upload stored as an image's original, and
the renditions of what an image shows asked of a worker once the change commits.
Saving, publishing and the rest are the items' (services.items, services.drafts).
"""

from __future__ import annotations

from typing import IO

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction

from content import uploads
from content.models import ContentItem
from content.models.images import Image, Rendition
from content.models.items import LANGUAGE_SUFFIXES
from content.rendering import figure_ids
from content.renditions import focus_of, make_renditions, specs


def image_upload(*, file: IO[bytes]) -> uploads.Upload:
    """Check `file` (content.uploads) and store it as an original, once per content:
    what an image's `file`, `width` and `height` are then set to."""
    checked = uploads.check(file)
    if not default_storage.exists(checked.name):
        stored = default_storage.save(checked.name, file)
        if stored != checked.name:  # another upload of the same picture won the race
            default_storage.delete(stored)
    return checked


def renditions_requested(*, source: str, focal_x: float, focal_y: float) -> None:
    """Once the change commits, have a worker make what is missing of the renditions
    of `source` cropped around the focal point (a no-op when all are made)."""
    if source:
        focus = focus_of(focal_x, focal_y)
        transaction.on_commit(lambda: make_renditions.enqueue(source, focus))


def require_renditions(image: Image) -> None:
    """Refuse to make `image` live while it awaits a picture or its renditions."""
    if not image.file:
        raise ValidationError(
            {"file": "This image awaits a picture: upload one before it is published."}
        )
    focus = focus_of(image.focal_x, image.focal_y)
    made = set(
        Rendition.objects.filter(source=image.file.name).values_list("crop", "focus", "format")
    )
    wanted = {(s.crop, s.focus, s.format) for s in specs(image.width or 0, focus)}
    if not wanted <= made:
        raise ValidationError(
            {
                "file": "The picture's renditions are still being made (by the task worker): "
                "publish it again in a minute."
            }
        )


def require_figures(item: ContentItem) -> None:
    """Refuse a body that places an image by an id no image has (in any language)."""
    placed = set().union(
        *(figure_ids(getattr(item, f"body_blocks_{suffix}", None)) for suffix in LANGUAGE_SUFFIXES)
    )
    if not placed:
        return
    found = {str(pk) for pk in Image.objects.filter(pk__in=placed).values_list("pk", flat=True)}
    if placed - found:
        raise ValidationError(
            {
                "body": f"No image has the id {', '.join(sorted(placed - found))}: place an "
                "image with ![caption](image:<id>), the id shown on its page under Images."
            }
        )
