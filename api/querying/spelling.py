"""Spelling correction over the content's own vocabulary (DESIGN 2.4), shared by search
and suggestions, the same on both backends.

The vocabulary is every word of the published names (titles, aliases and search
terms) in a language, folded (content.models.SuggestionWord, kept current by
content.suggestions): a few thousand words whatever the size of the content, read
once per content version. A word typed that is not one of them, and is long enough,
is corrected to the nearest few by trigram similarity, computed here as pg_trgm
computes it ("tenis" → "tennis"), so that PostgreSQL and SQLite correct alike. A word
typed without the accents the content writes it with is read as written too
("gelee" → "gelée").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from api.caching import keys, store
from content.models import SuggestionWord
from content.suggestions import fold
from content.versions import Version

# How alike a word of the vocabulary and a word typed must be: the share of their
# trigrams they have in common (pg_trgm's similarity and its default threshold).
THRESHOLD = 0.3
# Shorter words are never corrected: too many words are near them.
MIN_LENGTH = 4


@dataclass(frozen=True)
class Vocabulary:
    # Each folded word, and how the names write it (lower case).
    spellings: dict[str, tuple[str, ...]]
    # Each folded word's trigrams.
    trigrams: dict[str, frozenset[str]]

    def __contains__(self, word: str) -> bool:
        return word in self.spellings


def corrections(word: str, *, language: str, version: Version, limit: int) -> list[str]:
    """Up to `limit` words of the vocabulary in `language` (folded) that `word` may be a
    misspelling of, nearest first; none if it is one of them or is short."""
    return _nearest(fold(word), _words(language, version), limit)


def spellings(word: str, *, language: str, version: Version) -> list[str]:
    """How the content writes `word`, where it writes it otherwise: with its accents
    ("gelee" → "gelée"), or, misspelt, the nearest word of the vocabulary as written
    ("tendonitiss" → "tendonitis")."""
    folded = fold(word)
    vocabulary = _words(language, version)
    meant = [folded] if folded in vocabulary else _nearest(folded, vocabulary, 1)
    typed = word.lower()
    return [
        written
        for each in meant
        for written in vocabulary.spellings.get(each, (each,))
        if written != typed
    ]


def _nearest(word: str, vocabulary: Vocabulary, limit: int) -> list[str]:
    """`corrections` of a folded word: the most similar words first, then in
    alphabetical order."""
    if len(word) < MIN_LENGTH or word in vocabulary:
        return []
    typed = trigrams(word)
    scored = ((similarity(typed, theirs), known) for known, theirs in vocabulary.trigrams.items())
    alike = sorted((-score, known) for score, known in scored if score >= THRESHOLD)
    return [known for _, known in alike[:limit]]


def trigrams(word: str) -> frozenset[str]:
    """pg_trgm's trigrams of one word: two spaces before it, one after."""
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(one: frozenset[str], other: frozenset[str]) -> float:
    shared = len(one & other)
    return shared / (len(one) + len(other) - shared)


def _words(language: str, version: Version) -> Vocabulary:
    """The vocabulary in `language`, read once per content version."""

    def read() -> Vocabulary:
        rows = SuggestionWord.objects.filter(language=language).values_list("word", "spelling")
        written: dict[str, list[str]] = {}
        for word, spelling in rows.order_by("word", "spelling"):
            written.setdefault(word, []).append(spelling or word)
        return Vocabulary(
            spellings={word: tuple(spellings) for word, spellings in written.items()},
            trigrams={word: trigrams(word) for word in written},
        )

    key = keys.vocabulary(language=language, version=version.token)
    return store.remembered(key, read, timeout=settings.API_RESPONSE_CACHE_SECONDS)
