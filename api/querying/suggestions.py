"""Search as you type (DESIGN 2.4): names of published items that what was typed so far
begins, read from the suggestion index (content.models.Suggestion).

A name is an item's title or one of its aliases, in the language served; what was
typed may begin any word of it ("elb" → "Tennis elbow"). Names that begin with it
come first, titles before aliases, then the list order. When fewer than asked for
begin with it, names that look like it fill the list ("tenis" → "Tennis elbow"): by
trigram similarity on PostgreSQL (pg_trgm's index), and on SQLite by the index's
words closest to the last word typed (difflib). Either way a bounded number of
index rows is read, whatever the size of the content.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import TrigramDistance
from django.db import connection
from django.db.models.functions import Collate

from api.caching import keys, store
from content import versions
from content.models import Suggestion
from content.suggestions import fold
from content.versions import Version

MAX_RESULTS = 8
# Index rows read per list: enough for MAX_RESULTS distinct items when one item has
# several names that match.
CANDIDATES = 64
# How alike a name and what was typed must be to fill the list (pg_trgm's similarity
# on PostgreSQL, difflib's ratio on SQLite); only for what is at least this long.
SIMILARITY = 0.3
SPELLING_CUTOFF = 0.75
MIN_FUZZY_LENGTH = 4
FIELDS = ("item_type", "item_id", "slug", "title", "alias", "word", "position")
# Keys in byte order, the order of the index's prefix ranges: under a language's
# collation PostgreSQL would sort every key that begins with what was typed.
_KEY = Collate("key", "C") if connection.vendor == "postgresql" else "key"


def suggest(
    text: str, *, language: str, kinds: Collection[str], limit: int, version: Version | None
) -> list[dict[str, Any]]:
    """Up to `limit` names of published items of `kinds` for `text`, best first.
    `version`: the content version the request reads (None: read it)."""
    version = version or versions.current()
    typed = fold(text)
    if not typed:
        return []
    rows = Suggestion.objects.filter(language=language, item_type__in=kinds)
    begun = list(rows.filter(key__startswith=typed).order_by(_KEY).values(*FIELDS)[:CANDIDATES])
    found = _ranked(begun)
    if len(found) < limit and len(typed) >= MIN_FUZZY_LENGTH:
        found += _alike(rows, typed, language, version)
    return _distinct(found)[:limit]


def _ranked(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Names that begin with what was typed first, titles before aliases, then list order."""
    return sorted(rows, key=lambda row: (row["word"] > 0, bool(row["alias"]), row["position"]))


def _alike(rows: Any, typed: str, language: str, version: Version) -> list[dict[str, Any]]:
    if connection.vendor == "postgresql":
        # Nearest first, as the GiST index reads them: a bounded scan.
        nearest = (
            rows.filter(key__trigram_similar=typed)
            .annotate(distance=TrigramDistance("key", typed))
            .order_by("distance")
        )
        return list(nearest.values(*FIELDS)[:CANDIDATES])
    *begun, last = typed.split()
    vocabulary = _words(language, version)
    if last in vocabulary:
        return []  # a word of the names, spelt right: nothing else looks more like it
    words = difflib.get_close_matches(last, vocabulary, cutoff=SPELLING_CUTOFF)
    found: list[dict[str, Any]] = []
    for word in words:
        prefix = " ".join([*begun, word])
        corrected = rows.filter(key__startswith=prefix).order_by(_KEY).values(*FIELDS)
        found += _ranked(list(corrected[:CANDIDATES]))
    return found


def _words(language: str, version: Version) -> list[str]:
    """Every word the index holds in `language` (SQLite's spelling correction), read
    once per content version."""

    def read() -> list[str]:
        names = Suggestion.objects.filter(language=language, word=0).values_list("key", flat=True)
        return sorted({word for name in names for word in name.split()})

    key = keys.vocabulary(model=f"suggestions.{language}", version=version.token)
    return store.remembered(key, read, timeout=settings.API_RESPONSE_CACHE_SECONDS)


def _distinct(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One suggestion per item: its best name."""
    seen: set[Any] = set()
    distinct = []
    for row in rows:
        if row["item_id"] not in seen:
            seen.add(row["item_id"])
            distinct.append(row)
    return distinct
