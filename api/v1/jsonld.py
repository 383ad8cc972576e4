"""What every v1 JSON-LD document is made of: schema.org's context, a node, an item's
representation, and its texts tagged as English where they fell back to it."""

from __future__ import annotations

from typing import Any

CONTEXT = "https://schema.org"
# What a text without a translation is served in (api.querying.languages.DEFAULT).
FALLBACK_LANGUAGE = "en"

Node = dict[str, Any]
Item = dict[str, Any]


def tagged_text(item: Item, name: str) -> Any:
    """`item[name]`, tagged as English where it fell back from the language served."""
    if name in item["fallback_fields"]:
        return {"@value": item[name], "@language": FALLBACK_LANGUAGE}
    return item[name]
