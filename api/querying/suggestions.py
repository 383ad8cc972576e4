"""Search as you type (DESIGN 2.4): names of published items that what was typed so far
begins, read from the suggestion index (content.models.Suggestion).

A name is an item's title or one of its aliases, in the language served; what was
typed may begin any word of it ("elb" → "Tennis elbow"). Names that begin with it
come first, titles before aliases, then the list order. When fewer than asked for
begin with it, the last word typed is corrected to the nearest words of the names
(api.querying.spelling) and names that begin with the correction fill the list
("tenis" → "Tennis elbow"). Either way a bounded number of rows is read, whatever the size of the
content.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from django.db import connection
from django.db.models.functions import Collate

from api.querying import spelling
from content import versions
from content.models import Suggestion
from content.suggestions import fold
from content.versions import Version

MAX_RESULTS = 8
# The words of the names the last word typed is read as, when it is none of them: it
# may be the start of any of them ("tendo" → tendon, tendonitis).
CORRECTIONS = 3
# Index rows read per list: enough for MAX_RESULTS distinct items when one item has
# several names that match.
CANDIDATES = 64
FIELDS = ("item_type", "item_id", "slug", "title", "alias", "word", "position", "fallback")
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
    if len(found) < limit and len(typed) >= spelling.MIN_LENGTH:
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
    for word in spelling.corrections(last, language=language, version=version, limit=CORRECTIONS):
        prefix = " ".join([*begun, word])
        corrected = rows.filter(key__startswith=prefix).order_by(_KEY).values(*FIELDS)
        found += _ranked(list(corrected[:CANDIDATES]))
    return found


def _distinct(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One suggestion per item: its best name."""
    seen: set[Any] = set()
    distinct = []
    for row in rows:
        if row["item_id"] not in seen:
            seen.add(row["item_id"])
            distinct.append(row)
    return distinct
