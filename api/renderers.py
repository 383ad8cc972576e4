"""How responses are written: JSON, and schema.org JSON-LD for item endpoints.

orjson is several times faster than the standard library on the large nested
documents this API serves (a page of expanded conditions is over 200 kB),
with the same output for the types our representations hold.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson
from rest_framework.renderers import JSONRenderer


class FastJSONRenderer(JSONRenderer):
    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        if data is None:
            return b""
        # Decimal, lazy strings and the like are still handled by DRF's encoder.
        return orjson.dumps(data, default=self.encoder_class().default)


class JsonLdRenderer(FastJSONRenderer):
    """`Accept: application/ld+json`: the view has already built the document."""

    media_type = "application/ld+json"
    format = "jsonld"


@dataclass(frozen=True)
class LinkedData:
    """How a version writes one item type as JSON-LD: an item alone, and a page of a list.

    Both take projected representations (the full item, body as HTML); `page`
    also takes `count`, `offset` and `language` as keywords.
    """

    item: Callable[[dict[str, Any]], dict[str, Any]]
    page: Callable[..., dict[str, Any]]
