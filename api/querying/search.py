"""Search shared by the list endpoints' `q` and by `/search/` (DESIGN 2.4).

On PostgreSQL: the stored, weighted full-text vector (content.search) is
matched with websearch syntax in English and French, and trigram word
similarity on titles and aliases finds misspellings ("tenis elbow"); results
are ranked by both. `/search/` ranks a bounded candidate set (the nearest
titles and the first full-text matches, both index-ordered scans) and counts
up to a bound, so its work does not grow with the number of matches.

On SQLite (`make run`) every word must appear in a title, alias, summary or
body, in any language; a word that no title or alias holds also matches the
title and alias words closest to it ("tenis" → "tennis", difflib's ratio ≥
SPELLING_CUTOFF), and items whose titles or aliases hold every word rank first.
"""

from __future__ import annotations

import difflib
import html
import operator
import re
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.conf import settings
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

from api.caching import keys, store
from api.querying import languages
from content import types, versions
from content.querysets import LIST_ORDER
from content.versions import Version

MAX_WORDS = 10
# How many items per type a PostgreSQL search ranks at most, from each of its two
# index-ordered candidate scans (_postgres).
CANDIDATES = 200
SNIPPET_START, SNIPPET_STOP = "\x02", "\x03"
SEARCHED_FIELDS = ("name", "question", "aliases", "search_terms", "summary", "body_text")
# How close a misspelling must be to a title or alias word (difflib's ratio) on SQLite.
SPELLING_CUTOFF = 0.8
_WORD = re.compile(r"\w+")


def search(
    queryset: QuerySet[Any], text: str, *, version: Version | None = None, bounded: bool = False
) -> QuerySet[Any]:
    """Items of `queryset` matching `text`, best first, with a `search_rank`.
    `version`: the content version the request reads (None: read it). `bounded`: on
    PostgreSQL, only a bounded candidate set (`_candidates`) is ranked, for a page of
    best results; a list's `q` filters (and counts) every match."""
    text = " ".join(text.split()[:MAX_WORDS])
    if not text:
        # Nothing but white space or control characters: nothing matches.
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    if connection.vendor == "postgresql":
        found = _candidates(queryset, text) if bounded else matching(queryset, text)
        return found.annotate(search_rank=_rank(text)).order_by("-search_rank", "position", "slug")
    return _simple(queryset, text, version or versions.current())


def headline(queryset: QuerySet[Any], text: str, *, language_suffix: str) -> QuerySet[Any]:
    """Annotate `snippet_source`: the body text around the match, match marked (PostgreSQL)."""
    body = _translated(f"body_text_{language_suffix}", "body_text_en")
    if connection.vendor != "postgresql":
        return queryset.annotate(snippet_source=body)
    return queryset.annotate(
        snippet_source=SearchHeadline(
            body,
            _query(text),
            start_sel=SNIPPET_START,
            stop_sel=SNIPPET_STOP,
            max_words=30,
            min_words=12,
            config="english",
        )
    )


def snippet(source: str, text: str) -> str:
    """HTML-safe snippet with `<mark>` around matches, from a headline or plain text."""
    if SNIPPET_START not in source:
        source = _mark_words(source, text)
    escaped = html.escape(source, quote=False)
    return escaped.replace(SNIPPET_START, "<mark>").replace(SNIPPET_STOP, "</mark>")


def _translated(column: str, english: str) -> Coalesce:
    """A column in the served language, falling back to English when empty."""
    return Coalesce(NullIf(column, Value("")), english, output_field=TextField())


def matching(
    queryset: QuerySet[Any], text: str, *, version: Version | None = None
) -> QuerySet[Any]:
    """Every item of `queryset` matching `text`, unranked: what a count counts."""
    text = " ".join(text.split()[:MAX_WORDS])
    if not text:
        return queryset.none()
    if connection.vendor == "postgresql":
        # Both are operators an index answers (the GIN index on the vector, the
        # trigram index on titles and aliases, whose `%>` threshold is
        # settings.SEARCH_TYPO_THRESHOLD): two index scans, ORed.
        return queryset.filter(
            Q(search_vector=_query(text)) | Q(search_text__trigram_word_similar=text)
        )
    return _simple(queryset, text, version or versions.current())


def _candidates(queryset: QuerySet[Any], text: str) -> QuerySet[Any]:
    """A bounded candidate set: the CANDIDATES items whose titles and aliases are
    nearest to `text` (the trigram GiST index's nearest-neighbour scan) and the first
    CANDIDATES full-text matches in list order (an index-ordered scan that stops
    there), instead of every match of a common word."""
    nearest = (
        queryset.filter(search_text__trigram_word_similar=text)
        .annotate(distance=TrigramWordDistance(text, "search_text"))
        .order_by("distance")
        .values("pk")[:CANDIDATES]
    )
    first = (
        queryset.filter(search_vector=_query(text)).order_by(*LIST_ORDER).values("pk")[:CANDIDATES]
    )
    # One IN over the union: PostgreSQL looks the candidates up by key (an OR of
    # two IN subqueries makes it scan the whole table).
    return queryset.filter(pk__in=nearest.union(first))


def _rank(text: str) -> Any:
    return SearchRank(F("search_vector"), _query(text)) + TrigramWordSimilarity(text, "search_text")


def _query(text: str) -> SearchQuery:
    return SearchQuery(text, search_type="websearch", config="english") | SearchQuery(
        text, search_type="websearch", config="french"
    )


def _simple(queryset: QuerySet[Any], text: str, version: Version) -> QuerySet[Any]:
    present = {f.name for f in queryset.model._meta.get_fields()}
    columns = [
        f"{name}_{suffix}"
        for name in SEARCHED_FIELDS
        for suffix in ("en", "fr_ca")
        if f"{name}_{suffix}" in present
    ]
    vocabulary = _title_words(queryset, version)
    in_titles = Q()
    for word in text.split():
        spellings = [word, *_corrections(word.lower(), vocabulary)]
        matches, in_title = Q(), Q()
        for spelling in spellings:
            for column in columns:
                matches |= Q(**{f"{column}__icontains": spelling})
            in_title |= Q(search_text__icontains=spelling)
        queryset = queryset.filter(matches)
        in_titles &= in_title
    rank = Case(When(in_titles, then=Value(2.0)), default=Value(1.0), output_field=FloatField())
    return queryset.annotate(search_rank=rank).order_by("-search_rank", "position", "slug")


def _corrections(word: str, vocabulary: list[str]) -> list[str]:
    """The title and alias words `word` may be a misspelling of (none if it is one)."""
    if len(word) < 4 or word in vocabulary:
        return []
    return difflib.get_close_matches(word, vocabulary, n=3, cutoff=SPELLING_CUTOFF)


def _title_words(queryset: QuerySet[Any], version: Version) -> list[str]:
    """Every word of the published titles and aliases of `queryset`'s type, read
    once per content version."""
    model = queryset.model
    key = keys.vocabulary(model=model._meta.label_lower, version=version.token)

    def read() -> list[str]:
        terms = types.of(model).published().values_list("search_text", flat=True)
        return sorted({word.lower() for text in terms for word in _WORD.findall(text)})

    return store.remembered(key, read, timeout=settings.API_RESPONSE_CACHE_SECONDS)


def _mark_words(source: str, text: str, *, width: int = 200) -> str:
    words = [re.escape(word) for word in text.split() if len(word) > 1]
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
    text: str,
    *,
    language_suffix: str,
    limit: int,
    offset: int,
    version: Version | None,
    count_bound: int,
) -> Results:
    """One ranked page across item types.

    `sources` maps a type name to its published queryset and title field. Two
    queries per type (its best `offset + limit` rows, its count), however many
    results there are. Matches are counted up to `count_bound` in all: beyond, the
    count is `count_bound` and not exact.
    """
    rows: list[dict[str, Any]] = []
    count = 0
    # Whether a page's texts (title, summary, body for the snippet) are all, or
    # some, in the language asked for; in English otherwise (the fallback).
    written = [Q(**{f"{name}_{language_suffix}__gt": ""}) for name in ("summary", "body_text")]
    for order, (kind, (queryset, title)) in enumerate(sources.items()):
        found = search(queryset, text, version=version, bounded=True)
        left = count_bound + 1 - count
        if left > 0:
            count += matching(queryset, text, version=version).order_by()[:left].count()
        best = headline(found, text, language_suffix=language_suffix).values(
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
                "snippet": snippet(row["snippet_source"] or "", text),
                "score": round(float(row["search_rank"]), 4),
            }
            for row in page
        ],
    )


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
