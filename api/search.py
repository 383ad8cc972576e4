"""Search shared by the list endpoints' `q` and `/search/` (DESIGN 2.4).

This first version matches text in names, aliases, summaries and bodies on
every database; PostgreSQL full-text ranking and typo tolerance follow.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

SEARCHED_FIELDS = ("name", "question", "aliases", "summary", "body_text")


def search(queryset: QuerySet[Any], text: str) -> QuerySet[Any]:
    """Items of `queryset` whose text contains every word of `text`, in any language."""
    present = {f.name for f in queryset.model._meta.get_fields()}
    columns = [
        f"{name}_{suffix}"
        for name in SEARCHED_FIELDS
        for suffix in ("en", "fr_ca")
        if f"{name}_{suffix}" in present
    ]
    for word in text.split()[:10]:
        matches = Q()
        for column in columns:
            matches |= Q(**{f"{column}__icontains": word})
        queryset = queryset.filter(matches)
    return queryset
