"""Search shared by the list endpoints' `q` and by `/search/` (DESIGN 2.4).

Each word typed that is not a word of the names (titles, aliases, search terms) is
also read as the words of the names it may be a misspelling of ("tenis" → "tennis";
api.querying.spelling, the same on both backends), so that matching never
compares the query with every item's names.

On PostgreSQL: the stored, weighted full-text vector (content.search) is
matched with websearch syntax in English and French (each word or one of its
corrections, when there are any); results are ranked by whether the names hold
every word (the names' own vector), the full-text rank and the trigram word
similarity of what was typed to the names. Only a bounded candidate set is ranked
(the first matches in list order of those whose names hold the words and of all,
index-ordered scans that stop there), and pages count matches up to a bound, so
the work does not grow with the number of matches.

On SQLite (`make run`) every word (or one of its corrections) must appear in a
title, alias, summary or body, in any language. On both, items whose names hold
every word of 3 letters or more rank first.
"""

from __future__ import annotations

import operator
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
    Value,
    When,
)

from api.querying import spelling
from content import versions
from content.querysets import LIST_ORDER
from content.versions import Version

MAX_WORDS = 10
# The text search configurations a query is read in: the content's languages.
CONFIGS = ("english", "french")
# How many items per type a PostgreSQL search ranks at most, from each of its two
# index-ordered candidate scans (_postgres).
CANDIDATES = 200
SEARCHED_FIELDS = ("name", "question", "aliases", "search_terms", "summary", "body_text")


@dataclass(frozen=True)
class Terms:
    """What was typed (its first MAX_WORDS words) and, for each word, its spellings:
    itself and how the names write it (api.querying.spelling.spellings: with its
    accents, or, misspelt, the nearest of their words; one word, as more would widen
    every match)."""

    text: str
    spellings: tuple[tuple[str, ...], ...]
    # Whether any word matching is enough (`loosened`); else every word must.
    any_word: bool = False

    def named_words(self) -> tuple[tuple[str, ...], ...]:
        """The spellings of the words that say something: of 3 letters or more (not
        "de", "of"). Items whose names hold each of them rank first."""
        return tuple(s for s in self.spellings if len(s[0]) >= 3) or self.spellings

    @property
    def corrected(self) -> bool:
        return any(len(spellings) > 1 for spellings in self.spellings)

    def loosened(self) -> Terms | None:
        """What to search for when nothing matches every word: any of the words long
        enough to say something ("sore heel in the morning" → sore, heel, morning);
        None for a single word."""
        kept = tuple(s for s in self.spellings if len(s[0]) >= spelling.MIN_LENGTH)
        if len(self.spellings) < 2 or not kept:
            return None
        return Terms(" ".join(s[0] for s in kept), kept, any_word=True)


def terms(text: str, *, language: str, version: Version | None = None) -> Terms:
    """`text` read for searching in `language`. `version`: the content version the
    request reads (None: read it)."""
    version = version or versions.current()
    words = text.split()[:MAX_WORDS]
    spellings = (
        (word, *spelling.spellings(word, language=language, version=version)) for word in words
    )
    return Terms(" ".join(words), tuple(spellings))


def search(queryset: QuerySet[Any], terms: Terms) -> QuerySet[Any]:
    """The best items of `queryset` matching `terms`, best first, with a `search_rank`:
    on PostgreSQL, only a bounded candidate set (`_candidates`) is ranked, so the work
    does not grow with the number of matches (count those with `matching`)."""
    if not terms.text:
        # Nothing but white space or control characters: nothing matches.
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        found = _candidates(queryset, terms)
        return found.annotate(search_rank=_rank(terms)).order_by("-search_rank", *LIST_ORDER)
    return _simple(queryset, terms)


def matching(queryset: QuerySet[Any], terms: Terms) -> QuerySet[Any]:
    """Every item of `queryset` matching `terms`, unranked: what a count counts."""
    if not terms.text:
        return queryset.none()
    if connection.vendor == "postgresql":
        # An operator the GIN index on the vectors answers.
        return queryset.filter(search_vector=full_text_query(terms))
    return _simple(queryset, terms)


def _candidates(queryset: QuerySet[Any], terms: Terms) -> QuerySet[Any]:
    """A bounded candidate set of matches, instead of every match of a common word:
    every match when there are fewer than CANDIDATES, else the first CANDIDATES in list
    order of those whose names hold the words (what ranks first: the GIN index of the
    names' vectors) and of all (an index-ordered scan that stops there)."""
    matches = matching(queryset, terms)
    if matches.order_by().values("pk")[:CANDIDATES].count() < CANDIDATES:
        return matches
    named = matches.filter(_named(terms)).order_by(*LIST_ORDER).values("pk")[:CANDIDATES]
    first = matches.order_by(*LIST_ORDER).values("pk")[:CANDIDATES]
    # One IN over the union: PostgreSQL looks the candidates up by key (an OR of
    # two IN subqueries makes it scan the whole table).
    return matches.filter(pk__in=named.union(first))


def _named(terms: Terms) -> Q:
    """Items whose names hold every word of 3 letters or more (or, loosened, any)."""
    held = (Q(names_vector=_word_query(spellings)) for spellings in terms.named_words())
    return reduce(operator.or_ if terms.any_word else operator.and_, held)


def _rank(terms: Terms) -> Any:
    similarity = TrigramWordSimilarity(terms.text, "search_text")
    rank = SearchRank(F("search_vector"), full_text_query(terms)) + similarity
    if not terms.any_word:
        # Items whose names hold every word first, as on SQLite.
        return Case(When(_named(terms), then=1.0), default=0.0) + rank
    # Loosened, the items holding most words first, a word in a name counting double
    # (as on SQLite): each word's match is checked on the bounded candidates only.
    held = (
        Case(
            When(Q(names_vector=_word_query(spellings)), then=2.0),
            When(Q(search_vector=_word_query(spellings)), then=1.0),
            default=0.0,
        )
        for spellings in terms.spellings
    )
    return reduce(operator.add, held) + rank


def _word_query(spellings: tuple[str, ...]) -> SearchQuery:
    """A word or one of its corrections, in English or French."""
    return _either(
        SearchQuery(word, search_type="plain", config=config)
        for word in spellings
        for config in CONFIGS
    )


def full_text_query(terms: Terms) -> SearchQuery:
    """Websearch syntax in English and French; with corrections, each word or one of
    its corrections; loosened, any of them."""
    if not terms.corrected and not terms.any_word:
        return _either(
            SearchQuery(terms.text, search_type="websearch", config=config) for config in CONFIGS
        )
    words = (_word_query(spellings) for spellings in terms.spellings)
    return reduce(operator.or_ if terms.any_word else operator.and_, words)


def _either(queries: Iterable[SearchQuery]) -> SearchQuery:
    return reduce(operator.or_, queries)


def _simple(queryset: QuerySet[Any], terms: Terms) -> QuerySet[Any]:
    """Every word (or any, loosened) in some column; titles holding every word first,
    or, loosened, the items holding most words, in titles counting double."""
    present = {f.name for f in queryset.model._meta.get_fields()}
    columns = [
        f"{name}_{suffix}"
        for name in SEARCHED_FIELDS
        for suffix in ("en", "fr_ca")
        if f"{name}_{suffix}" in present
    ]
    every, some, in_titles, scores = Q(), Q(), Q(), []
    named = terms.named_words()
    for spellings in terms.spellings:
        matches, in_title = Q(), Q()
        for word in spellings:
            for column in columns:
                matches |= Q(**{f"{column}__icontains": word})
            in_title |= Q(search_text__icontains=word)
        every &= matches
        some |= matches
        if spellings in named:
            in_titles &= in_title
        scores.append(Case(When(in_title, then=2.0), When(matches, then=1.0), default=0.0))
    if terms.any_word:
        rank: Any = reduce(operator.add, scores)
        queryset = queryset.filter(some)
    else:
        rank = Case(When(in_titles, then=2.0), default=1.0)
        queryset = queryset.filter(every)
    ranked = queryset.annotate(search_rank=ExpressionWrapper(rank, FloatField()))
    return ranked.order_by("-search_rank", *LIST_ORDER)
