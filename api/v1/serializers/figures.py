"""Figures in a body, filled in as v1 serves images (DESIGN 1.6).

A body places an image by its id (content.rendering stores a placeholder in each
rendition); when the item's representation is rendered, each placeholder becomes the
image as it is then: in `html` a `<figure>` with a `<picture>` of its renditions, its
alt text, and the caption (the body's, else the image's) with its credit; in `text`
its alt text in brackets; in `blocks` a `figure` block carrying the image. An image
that is not published is left out. The item is stamped when a placed image changes
(content.stamps), so the filled body is never stale.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from html import escape
from typing import Any

from api.v1.links import reference
from api.v1.serializers.renditions import SIZES, fallback_src, srcsets
from content.models import Image
from content.rendering import FIGURE_BLOCK

_HTML = re.compile(
    r'<figure data-image="([0-9a-f-]{36})">(?:<figcaption>(.*?)</figcaption>)?</figure>\n?',
    re.DOTALL,
)
_TEXT = re.compile(r"\[image:([0-9a-f-]{36})\]")


def fill(body: Any, body_format: str, images: Mapping[str, Image]) -> Any:
    """`body` in `body_format` with its figures filled in from `images` (by id)."""
    if not body or body_format == "markdown":
        return body
    if body_format == "html":
        return _HTML.sub(lambda found: _html(images.get(found[1]), found[2]), body)
    if body_format == "text":
        return _TEXT.sub(lambda found: _text(images.get(found[1])), body)
    blocks = [_block(block, images) if block["type"] == FIGURE_BLOCK else block for block in body]
    return [block for block in blocks if block is not None]


def _html(image: Image | None, caption: str | None) -> str:
    src = fallback_src(image) if image is not None else None
    if image is None or src is None:
        return ""
    sets = srcsets(image)
    sources = "".join(
        f'<source type="image/{kind}" srcset="{escape(sets[kind])}" sizes="{SIZES}">'
        for kind in ("avif", "webp")
        if kind in sets
    )
    img = (
        f'<img src="{escape(src)}" srcset="{escape(sets.get("jpeg", ""))}" '
        f'sizes="{SIZES}" alt="{escape(image.alt)}" width="{image.width}" '
        f'height="{image.height}" loading="lazy" decoding="async">'
    )
    # The body's caption was escaped when it was stored.
    words = caption or escape(image.caption)
    credit = f"<small>{escape(image.credit)}</small>" if image.credit else ""
    both = " ".join(part for part in (words, credit) if part)
    figcaption = f"<figcaption>{both}</figcaption>" if both else ""
    return f"<figure><picture>{sources}{img}</picture>{figcaption}</figure>\n"


def _text(image: Image | None) -> str:
    return f"[{image.alt}]" if image is not None else ""


def _block(block: dict[str, Any], images: Mapping[str, Image]) -> dict[str, Any] | None:
    image = images.get(block["image"])
    src = fallback_src(image) if image is not None else None
    if image is None or src is None:
        return None
    shown = {
        **reference(image), "alt": image.alt, "caption": image.caption, "credit": image.credit,
        "width": image.width, "height": image.height, "src": src,
        "srcset": srcsets(image),
    }  # fmt: skip
    return {"type": FIGURE_BLOCK, "image": shown, "caption": block["caption"] or image.caption}
