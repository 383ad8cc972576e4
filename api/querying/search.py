"""Search shared by the list endpoints' `q` and by `/search/` (DESIGN 2.4).

Each word typed that is not a word of the names (titles, aliases, search terms) is
also read as the words of the names it may be a misspelling of ("tenis" → "tennis";
api.querying.spelling, the same on both backends), so that matching never
compares the query with every item's names.

On PostgreSQL: the stored, weighted full-text vector (content.search) is
matched with websearch syntax in English and French (each word or one of its
corrections, when there are any); results are ranked by the full-text rank and
the trigram word similarity of what was typed to the titles and aliases.
`/search/` ranks a bounded candidate set (the matches with the nearest titles and
the first in list order, both index-ordered scans) and counts up to a bound, so
its work does not grow with the number of matches.

On SQLite (`make run`) every word (or one of its corrections) must appear in a
title, alias, summary or body, in any language, and items whose titles or aliases
hold every word rank first.
"""

from __future__ import annotations

import html
import operator
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramWordDistance,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf

from api.querying import languages, spelling
from content import versions
from content.querysets import LIST_ORDER
from content.versions import Version

MAX_WORDS = 10
# The text search configurations a query is read in: the content's languages.
CONFIGS = ("english", "french")
# How many items per type a PostgreSQL search ranks at most, from each of its two
# index-ordered candidate scans (_postgres).
CANDIDATES = 200
SNIPPET_START, SNIPPET_STOP = "\x02", "\x03"
_WORD = re.compile(r"\w+")
SEARCHED_FIELDS = ("name", "question", "aliases", "search_terms", "summary", "body_text")


@dataclass(frozen=True)
class Terms:
    """What was typed (its first MAX_WORDS words) and, for each word, its spellings:
    itself and, when it is none of the words of the names, the nearest of them (one:
    a word typed whole is one word misspelt, and more would widen every match)."""

    text: str
    spellings: tuple[tuple[str, ...], ...]
    # Whether any word matching is enough (`loosened`); else every word must.
    any_word: bool = False

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
        (word, *spelling.corrections(word, language=language, version=version, limit=1))
        for word in words
    )
    return Terms(" ".join(words), tuple(spellings))


def search(queryset: QuerySet[Any], terms: Terms, *, bounded: bool = False) -> QuerySet[Any]:
    """Items of `queryset` matching `terms`, best first, with a `search_rank`.
    `bounded`: on PostgreSQL, only a bounded candidate set (`_candidates`) is ranked,
    for a page of best results; a list's `q` filters (and counts) every match."""
    if not terms.text:
        # Nothing but white space or control characters: nothing matches.
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        found = _candidates(queryset, terms) if bounded else matching(queryset, terms)
        return found.annotate(search_rank=_rank(terms)).order_by("-search_rank", *LIST_ORDER)
    return _simple(queryset, terms)


def headline(queryset: QuerySet[Any], terms: Terms, *, language_suffix: str) -> QuerySet[Any]:
    """Annotate `snippet_source`: the body text around the match, match marked (PostgreSQL)."""
    body = _translated(f"body_text_{language_suffix}", "body_text_en")
    if connection.vendor != "postgresql":
        return queryset.annotate(snippet_source=body)
    return queryset.annotate(
        snippet_source=SearchHeadline(
            body,
            _query(terms),
            start_sel=SNIPPET_START,
            stop_sel=SNIPPET_STOP,
            max_words=30,
            min_words=12,
            config="english",
        )
    )


def snippet(source: str, terms: Terms) -> str:
    """HTML-safe snippet with `<mark>` around matches, from a headline or plain text."""
    if SNIPPET_START not in source:
        source = _mark_words(source, [word for words in terms.spellings for word in words])
    escaped = html.escape(source, quote=False)
    return escaped.replace(SNIPPET_START, "<mark>").replace(SNIPPET_STOP, "</mark>")


def _translated(column: str, english: str) -> Coalesce:
    """A column in the served language, falling back to English when empty."""
    return Coalesce(NullIf(column, Value("")), english, output_field=TextField())


def matching(queryset: QuerySet[Any], terms: Terms) -> QuerySet[Any]:
    """Every item of `queryset` matching `terms`, unranked: what a count counts."""
    if not terms.text:
        return queryset.none()
    if connection.vendor == "postgresql":
        # An operator the GIN index on the vectors answers.
        return queryset.filter(search_vector=_query(terms))
    return _simple(queryset, terms)


def _candidates(queryset: QuerySet[Any], terms: Terms) -> QuerySet[Any]:
    """A bounded candidate set of matches: the CANDIDATES whose titles and aliases are
    nearest to what was typed (the trigram GiST index's nearest-neighbour scan) and
    the first CANDIDATES in list order (an index-ordered scan that stops there),
    instead of every match of a common word."""
    matches = matching(queryset, terms)
    # Nearest first, then only those that match: filtering inside the nearest-neighbour
    # scan would check every match of a common word (4,840 FAQs for "tendonitiss").
    nearest = (
        queryset.filter(search_text__trigram_word_similar=terms.text)
        .annotate(distance=TrigramWordDistance(terms.text, "search_text"))
        .order_by("distance")
        .values("pk")[:CANDIDATES]
    )
    first = matches.order_by(*LIST_ORDER).values("pk")[:CANDIDATES]
    # One IN over the union: PostgreSQL looks the candidates up by key (an OR of
    # two IN subqueries makes it scan the whole table).
    return matches.filter(pk__in=nearest.union(first))


def _rank(terms: Terms) -> Any:
    similarity = TrigramWordSimilarity(terms.text, "search_text")
    rank = SearchRank(F("search_vector"), _query(terms)) + similarity
    if not terms.any_word:
        return rank
    # Loosened, the items holding most words first, a word in a name counting double
    # (as on SQLite): each word's match is checked on the bounded candidates only.
    held = (
        Case(
            When(Q(search_vector=_word_query(spellings, weight="A")), then=2.0),
            When(Q(search_vector=_word_query(spellings)), then=1.0),
            default=0.0,
        )
        for spellings in terms.spellings
    )
    return reduce(operator.add, held) + rank


def _word_query(spellings: tuple[str, ...], *, weight: str = "") -> SearchQuery:
    """A word or one of its corrections, in a name only when `weight` is A (lexemes
    of that weight: raw syntax, so only the word's letters and digits are kept)."""
    if not weight:
        return _either(
            SearchQuery(word, search_type="plain", config=config)
            for word in spellings
            for config in CONFIGS
        )
    words = [part for word in spellings for part in _WORD.findall(word)]
    raw = " | ".join(f"{word}:{weight}" for word in words)
    return _either(SearchQuery(raw, search_type="raw", config=config) for config in CONFIGS)


def _query(terms: Terms) -> SearchQuery:
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
    for spellings in terms.spellings:
        matches, in_title = Q(), Q()
        for word in spellings:
            for column in columns:
                matches |= Q(**{f"{column}__icontains": word})
            in_title |= Q(search_text__icontains=word)
        every &= matches
        some |= matches
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


def _mark_words(source: str, spellings: list[str], *, width: int = 200) -> str:
    words = [re.escape(word) for word in spellings if len(word) > 1]
    if not words:
        return source[:width]
    pattern = re.compile("|".join(words), re.IGNORECASE)
    first = pattern.search(source)
    start = max((first.start() if first else 0) - width // 3, 0)
    window = source[start : start + width]
    marked = pattern.sub(lambda m: f"{SNIPPET_START}{m.group(0)}{SNIPPET_STOP}", window)
    return ("…" if start else "") + marked + ("…" if start + width < len(source) else "")


@dataclass(frozen=True)
class Results:
    # Matches counted up to a bound, and whether that is all of them.
    count: int
    exact: bool
    hits: list[dict[str, Any]]
    # The languages the page's texts are in (api.querying.languages.served).
    languages: tuple[str, ...]


def search_everything(
    sources: dict[str, tuple[QuerySet[Any], str]],
    terms: Terms,
    *,
    language_suffix: str,
    limit: int,
    offset: int,
    count_bound: int,
) -> Results:
    """One ranked page across item types.

    `sources` maps a type name to its published queryset and title field. Two
    queries per type (its best `offset + limit` rows, its count), however many
    results there are. Matches are counted up to `count_bound` in all: beyond, the
    count is `count_bound` and not exact. When nothing holds every word of several,
    the items holding any of them are ranked instead (`Terms.loosened`).
    """
    rows: list[dict[str, Any]] = []
    # Whether a page's texts (title, summary, body for the snippet) are all, or
    # some, in the language asked for; in English otherwise (the fallback).
    written = [Q(**{f"{name}_{language_suffix}__gt": ""}) for name in ("summary", "body_text")]
    count = _count(sources, terms, count_bound)
    if not count and (loose := terms.loosened()):
        # Nothing holds every word: the items that hold most of them.
        terms, count = loose, _count(sources, loose, count_bound)
    for order, (kind, (queryset, title)) in enumerate(sources.items()):
        found = search(queryset, terms, bounded=True)
        best = headline(found, terms, language_suffix=language_suffix).values(
            "id",
            "slug",
            "search_rank",
            "snippet_source",
            title=_translated(f"{title}_{language_suffix}", f"{title}_en"),
            summary_text=_translated(f"summary_{language_suffix}", "summary_en"),
            **_served(Q(**{f"{title}_{language_suffix}__gt": ""}), *written),
        )[: offset + limit]
        rows += [{**row, "type": kind, "order": order} for row in best]
    rows.sort(key=lambda row: (-row["search_rank"], row["order"]))
    page = rows[offset : offset + limit]
    return Results(
        count=min(count, count_bound),
        exact=count <= count_bound,
        languages=_languages(page, language_suffix),
        hits=[
            {
                "type": row["type"],
                "id": str(row["id"]),
                "slug": row["slug"],
                "title": row["title"],
                "summary": row["summary_text"],
                "snippet": snippet(row["snippet_source"] or "", terms),
                "score": round(float(row["search_rank"]), 4),
            }
            for row in page
        ],
    )


def _count(sources: dict[str, tuple[QuerySet[Any], str]], terms: Terms, bound: int) -> int:
    """Matches counted up to `bound` + 1 in all: one query per type, while under it."""
    count = 0
    for queryset, _ in sources.values():
        if count <= bound:
            count += matching(queryset, terms).order_by()[: bound + 1 - count].count()
    return count


def _served(*written: Q) -> dict[str, ExpressionWrapper]:
    """Annotations: whether any of the texts `written` test is in the language, and
    whether all are."""
    return {
        "any_written": ExpressionWrapper(reduce(operator.or_, written), BooleanField()),
        "all_written": ExpressionWrapper(reduce(operator.and_, written), BooleanField()),
    }


def _languages(rows: list[dict[str, Any]], language_suffix: str) -> tuple[str, ...]:
    language = language_suffix.replace("_", "-")
    if language == languages.DEFAULT:
        return (language,)
    found = {language for row in rows if row["any_written"]}
    found |= {languages.DEFAULT for row in rows if not row["all_written"]}
    return tuple(code for code in (language, languages.DEFAULT) if code in found) or (language,)
