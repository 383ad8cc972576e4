"""What v1 says of an image's renditions: `src` and `srcset` strings (shared by images
and the figures bodies place)."""

from __future__ import annotations

from django.core.files.storage import default_storage

from content.models import Image, Rendition

# The widest JPEG `src` names: browsers without srcset are old and small.
FALLBACK_WIDTH = 1024
# The `sizes` v1 suggests with a `srcset`: the viewport's full width (set your own).
SIZES = "100vw"


def made(image: Image) -> list[Rendition]:
    """Its renditions, fetched with it for rendering (api.querysets.images_for_rendering)."""
    return list(getattr(image, "renditions_made", []))


def fallback_src(image: Image) -> str | None:
    """A JPEG for `<img src>`: the widest uncropped one up to FALLBACK_WIDTH pixels."""
    jpegs = [r for r in made(image) if r.format == "jpeg" and not r.crop]
    fitting = [r for r in jpegs if r.width <= FALLBACK_WIDTH] or jpegs
    if not fitting:
        return None
    return default_storage.url(max(fitting, key=lambda r: r.width).file)


def srcsets(image: Image) -> dict[str, str]:
    """`srcset` per format of the uncropped renditions, narrowest first."""
    sets: dict[str, list[str]] = {}
    for rendition in sorted(made(image), key=lambda r: r.width):
        if not rendition.crop:
            url = default_storage.url(rendition.file)
            sets.setdefault(rendition.format, []).append(f"{url} {rendition.width}w")
    return {kind: ", ".join(entries) for kind, entries in sets.items()}
