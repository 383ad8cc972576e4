"""Spelling correction over the content's own vocabulary (DESIGN 2.4), shared by search
and suggestions on both backends.

The vocabulary is every word of the published names (titles, aliases and search
terms) in a language, folded (content.models.SuggestionWord, kept current by
content.suggestions): a few thousand words whatever the size of the content. A word
typed that is not one of them, and is long enough, is corrected to the nearest few:
by trigram similarity over the words' GiST index on PostgreSQL, by difflib's ratio
on SQLite ("tenis" → "tennis"). A word typed without the accents the content
writes it with is read as written too ("gelee" → "gelée").
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
    """Up to `limit` words of the vocabulary in `language` (folded) that `word` may be a
    misspelling of, nearest first; none if it is one of them or is short."""
    return _nearest(fold(word), language, _words(language, version), limit)


def spellings(word: str, *, language: str, version: Version) -> list[str]:
    """How the content writes `word`, where it writes it otherwise: with its accents
    ("gelee" → "gelée"), or, misspelt, the nearest word of the vocabulary as written
    ("tendonitiss" → "tendonitis")."""
    folded = fold(word)
    vocabulary = _words(language, version)
    meant = [folded] if folded in vocabulary else _nearest(folded, language, vocabulary, 1)
    typed = word.lower()
    return [
        written for each in meant for written in vocabulary.get(each, (each,)) if written != typed
    ]


def _nearest(
    word: str, language: str, vocabulary: dict[str, tuple[str, ...]], limit: int
) -> list[str]:
    """`corrections` of a folded word, given the vocabulary."""
    if len(word) < MIN_LENGTH or word in vocabulary:
        return []
    if connection.vendor != "postgresql":
        return difflib.get_close_matches(word, vocabulary, n=limit, cutoff=CUTOFF)
    nearest = (
        SuggestionWord.objects.filter(language=language, word__trigram_similar=word)
        .annotate(distance=TrigramDistance("word", word))
        .order_by("distance", "word")
        .values_list("word", flat=True)
    )
    # A word written in several ways is several rows.
    return list(dict.fromkeys(nearest[: limit * 4]))[:limit]


def _words(language: str, version: Version) -> dict[str, tuple[str, ...]]:
    """The vocabulary in `language`: each folded word and how it is written, read once
    per content version."""

    def read() -> dict[str, tuple[str, ...]]:
        rows = SuggestionWord.objects.filter(language=language).values_list("word", "spelling")
        written: dict[str, list[str]] = {}
        for word, spelling in rows.order_by("word", "spelling"):
            written.setdefault(word, []).append(spelling or word)
        return {word: tuple(spellings) for word, spellings in written.items()}

    key = keys.vocabulary(language=language, version=version.token)
    return store.remembered(key, read, timeout=settings.API_RESPONSE_CACHE_SECONDS)
