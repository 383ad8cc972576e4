"""The page `/search/` answers (DESIGN 2.4): the best matches of every item type in one
ranked list, with their titles, summaries and a marked snippet in the language served,
counted up to a bound (api.querying.search is the engine that finds and ranks them)."""

from __future__ import annotations

import html
import operator
import re
from dataclasses import dataclass
from functools import reduce
from typing import Any

from django.contrib.postgres.search import SearchHeadline
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet, TextField, Value
from django.db.models.functions import Coalesce, NullIf

from api.querying import languages
from api.querying.search import Terms, full_text_query, matching, search

SNIPPET_START, SNIPPET_STOP = "\x02", "\x03"


@dataclass(frozen=True)
class Results:
    # Matches counted up to a bound, and whether that is all of them.
    count: int
    exact: bool
    hits: list[dict[str, Any]]
    # The languages the page's texts are in (api.querying.languages.served).
    languages: tuple[str, ...]
    # Whether nothing held every word, so the results hold any (Terms.loosened).
    loosened: bool = False


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

    `sources` maps a type name to its published queryset and title field. A query per
    type counts (matches up to `count_bound` in all: beyond, the count is
    `count_bound` and not exact) and one reads its best `offset + limit` rows, however
    many results there are. When nothing holds every word of several, the items
    holding any of them are counted and ranked instead (`Terms.loosened`).
    """
    rows: list[dict[str, Any]] = []
    count = _count(sources, terms, count_bound)
    if not count and (loose := terms.loosened()):
        # Nothing holds every word: the items that hold most of them.
        terms, count = loose, _count(sources, loose, count_bound)
    for order, (kind, (queryset, title)) in enumerate(sources.items()):
        found = search(queryset, terms)
        best = headline(found, terms, language_suffix=language_suffix).values(
            "id",
            "slug",
            "search_rank",
            "snippet_source",
            title=_translated(f"{title}_{language_suffix}", f"{title}_en"),
            summary_text=_translated(f"summary_{language_suffix}", "summary_en"),
            **_served((title, "summary", "body_text"), language_suffix),
        )[: offset + limit]
        rows += [{**row, "type": kind, "order": order} for row in best]
    rows.sort(key=lambda row: (-row["search_rank"], row["order"]))
    page = rows[offset : offset + limit]
    return Results(
        count=min(count, count_bound),
        exact=count <= count_bound,
        languages=_languages(page, language_suffix),
        loosened=terms.any_word,
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


def _served(fields: tuple[str, ...], language_suffix: str) -> dict[str, ExpressionWrapper]:
    """Annotations: whether any of a hit's texts (title, summary, the body its snippet
    comes from) is written in the language served, and whether all are; the others
    are served in English (the fallback)."""
    written = [Q(**{f"{name}_{language_suffix}__gt": ""}) for name in fields]
    return {
        "any_written": ExpressionWrapper(reduce(operator.or_, written), BooleanField()),
        "all_written": ExpressionWrapper(reduce(operator.and_, written), BooleanField()),
    }


def _languages(rows: list[dict[str, Any]], language_suffix: str) -> tuple[str, ...]:
    return languages.named(
        language_suffix.replace("_", "-"),
        written=any(row["any_written"] for row in rows),
        fell_back=any(not row["all_written"] for row in rows),
    )


def headline(queryset: QuerySet[Any], terms: Terms, *, language_suffix: str) -> QuerySet[Any]:
    """Annotate `snippet_source`: the body text around the match, match marked (PostgreSQL)."""
    body = _translated(f"body_text_{language_suffix}", "body_text_en")
    if connection.vendor != "postgresql":
        return queryset.annotate(snippet_source=body)
    return queryset.annotate(
        snippet_source=SearchHeadline(
            body,
            full_text_query(terms),
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
