"""Search as you type (DESIGN 2.4): names of published items that what was typed so far
begins, read from the suggestion index (content.models.Suggestion).

A name is an item's title or one of its aliases, in the language served; what was
typed may begin any word of it ("elb" → "Tennis elbow"). Names that begin with it
come first, titles before aliases, then the list order. When fewer than asked for
begin with it, the last word typed is corrected to the nearest words of the names
(content.models.SuggestionWord: by trigram distance on PostgreSQL, difflib on
SQLite) and names that begin with the correction fill the list ("tenis" → "Tennis
elbow"). Either way a bounded number of rows is read, whatever the size of the
content.
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
from content.models import Suggestion, SuggestionWord
from content.suggestions import fold
from content.versions import Version

MAX_RESULTS = 8
# Index rows read per list: enough for MAX_RESULTS distinct items when one item has
# several names that match.
CANDIDATES = 64
# How alike a word of the names and the last word typed must be to correct it
# (difflib's ratio on SQLite; on PostgreSQL pg_trgm's similarity threshold, 0.3 by
# default); only what is at least this long is corrected.
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
    """Names that begin with what was typed, its last word corrected to the words of
    the names nearest to it."""
    *begun, last = typed.split()
    found: list[dict[str, Any]] = []
    for word in _corrections(last, language, version):
        prefix = " ".join([*begun, word])
        corrected = rows.filter(key__startswith=prefix).order_by(_KEY).values(*FIELDS)
        found += _ranked(list(corrected[:CANDIDATES]))
    return found


def _corrections(word: str, language: str, version: Version) -> list[str]:
    """Up to 3 words of the names in `language` that `word` may be a misspelling of
    (none if it is one of them): by trigram distance over the words' GiST index on
    PostgreSQL, by difflib's ratio on SQLite. The words are a few thousand at most."""
    if connection.vendor == "postgresql":
        nearest = list(
            SuggestionWord.objects.filter(language=language, word__trigram_similar=word)
            .annotate(distance=TrigramDistance("word", word))
            .order_by("distance")
            .values_list("word", flat=True)[:4]
        )
        return [] if word in nearest else nearest[:3]
    vocabulary = _words(language, version)
    if word in vocabulary:
        return []
    return difflib.get_close_matches(word, vocabulary, n=3, cutoff=SPELLING_CUTOFF)


def _words(language: str, version: Version) -> list[str]:
    """Every word of the names in `language` (SQLite's spelling correction), read once
    per content version."""

    def read() -> list[str]:
        words = SuggestionWord.objects.filter(language=language).values_list("word", flat=True)
        return sorted(words)

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
