"""The stored search index of content items (DESIGN 2.4), kept current by content.services.

`search_text` holds what people type to find an item (its title, aliases and, of a
condition, its search terms, in every language), its names; on PostgreSQL
`search_vector` holds the weighted full-text vector: the names (A), summary (B),
body (C), English stemmed with the english configuration and French with the
french one, and `names_vector` the names' alone (what ranks an item first).
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchVector
from django.db import connection

from content import types
from content.models import ContentItem

LANGUAGES = {"en": "english", "fr_ca": "french"}


def title_field(item: ContentItem | type[ContentItem]) -> str:
    return types.of(item).title_field


def search_text(item: ContentItem) -> str:
    """Title, aliases and search terms in every language, one per line."""
    terms: list[str] = []
    for suffix in LANGUAGES:
        terms.append(getattr(item, f"{title_field(item)}_{suffix}") or "")
        terms.extend(getattr(item, f"aliases_{suffix}", None) or [])
        terms.extend(getattr(item, f"search_terms_{suffix}", None) or [])
    return "\n".join(dict.fromkeys(term for term in terms if term))


def update_search_vector(item: ContentItem) -> None:
    """Recompute the stored full-text vector of `item` in SQL (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return
    type(item)._base_manager.filter(pk=item.pk).update(**_vectors(type(item)))


def update_search_vectors(model: type[ContentItem], pks: list[Any]) -> None:
    """Recompute the stored vectors of many items of `model` in one statement (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        return
    model._base_manager.filter(pk__in=pks).update(**_vectors(model))


def _vectors(model: type[ContentItem]) -> dict[str, Any]:
    vector: Any = None
    for suffix, config in LANGUAGES.items():
        weighted = (("search_text", "A"), (f"summary_{suffix}", "B"), (f"body_text_{suffix}", "C"))
        for source, weight in weighted:
            # SearchVector coalesces NULL (an untranslated field) to ''.
            part = SearchVector(source, config=config, weight=weight)
            vector = part if vector is None else vector + part
    names = [SearchVector("search_text", config=config) for config in LANGUAGES.values()]
    return {"search_vector": vector, "names_vector": names[0] + names[1]}
