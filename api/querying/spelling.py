"""Spelling correction over the content's own vocabulary (DESIGN 2.4), shared by search
and suggestions on both backends.

The vocabulary is every word of the published names (titles, aliases and search
terms) in a language, folded (content.models.SuggestionWord, kept current by
content.suggestions): a few thousand words whatever the size of the content. A word
typed that is not one of them, and is long enough, is corrected to the nearest few:
by trigram similarity over the words' GiST index on PostgreSQL, by difflib's ratio
on SQLite ("tenis" → "tennis").
"""

from __future__ import annotations

import difflib

from django.conf import settings
from django.contrib.postgres.search import TrigramDistance
from django.db import connection

from api.caching import keys, store
from content.models import SuggestionWord
from content.suggestions import fold
from content.versions import Version

# How alike a word of the vocabulary and a word typed must be (difflib's ratio on
# SQLite; on PostgreSQL pg_trgm's similarity threshold, 0.3 by default).
CUTOFF = 0.75
# Shorter words are never corrected: too many words are near them.
MIN_LENGTH = 4


def corrections(word: str, *, language: str, version: Version, limit: int) -> list[str]:
    """Up to `limit` words of the vocabulary in `language` that `word` may be a
    misspelling of, nearest first; none if it is one of them or is short."""
    word = fold(word)
    if len(word) < MIN_LENGTH:
        return []
    vocabulary = _words(language, version)
    if word in vocabulary:
        return []
    if connection.vendor == "postgresql":
        nearest = (
            SuggestionWord.objects.filter(language=language, word__trigram_similar=word)
            .annotate(distance=TrigramDistance("word", word))
            .order_by("distance")
            .values_list("word", flat=True)
        )
        return list(nearest[:limit])
    return difflib.get_close_matches(word, vocabulary, n=limit, cutoff=CUTOFF)


def _words(language: str, version: Version) -> frozenset[str]:
    """The vocabulary in `language`, read once per content version."""

    def read() -> frozenset[str]:
        words = SuggestionWord.objects.filter(language=language).values_list("word", flat=True)
        return frozenset(words)

    key = keys.vocabulary(language=language, version=version.token)
    return store.remembered(key, read, timeout=settings.API_RESPONSE_CACHE_SECONDS)
