"""The suggestion index (content.models.Suggestion): the names of published items,
folded, from the start of each of their words, per language; and the words of those
names and of their search terms (content.models.SuggestionWord), the vocabulary
misspellings are corrected to.

A name in a language is the item's title and aliases there, or in English where it
has none (as the API falls back). Kept current by content.services on every stored
change: an item's rows are written again when it is published or changes, and go
when it is withdrawn or deleted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname

from content import types
from content.models import ContentItem, Suggestion, SuggestionWord

LANGUAGES = [code for code, _ in settings.LANGUAGES]
DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
KEY_LENGTH = 200
_WORD_START = re.compile(r"(?<!\w)\w")
_WORD = re.compile(r"\w+")


def fold(text: str) -> str:
    """`text` as keys hold it: lower case, without accents, spaces single."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(plain.split())


def refresh(items: Iterable[ContentItem]) -> None:
    """Write the rows of `items` again: the published ones' names, nothing of the others;
    and the words of those names."""
    items = list(items)
    Suggestion.objects.filter(item_id__in=[item.pk for item in items]).delete()
    # Suggested are the names of the types of text (an image's is not what people look for).
    shown = [
        item for item in items if item.is_published and types.of(item).name in types.TEXT_TYPES
    ]
    rows = [row for item in shown for row in _rows(item)]
    Suggestion.objects.bulk_create(rows, batch_size=2000)
    words = {word for row in rows for word in _written_words(row.language, row.alias or row.title)}
    words |= {word for item in shown for word in _search_term_words(item)}
    SuggestionWord.objects.bulk_create(
        (
            SuggestionWord(language=language, word=word, spelling=spelling)
            for language, word, spelling in sorted(words)
        ),
        batch_size=2000,
        ignore_conflicts=True,
    )


def _written_words(language: str, text: str) -> Iterator[tuple[str, str, str]]:
    """(language, folded, as written in lower case) of each word of `text`, without the
    punctuation around it: the vocabulary's rows."""
    for word in _WORD.findall(text.lower()):
        yield language, fold(word)[:100], word[:100]


def forget(item: ContentItem) -> None:
    Suggestion.objects.filter(item_id=item.pk).delete()


def _rows(item: ContentItem) -> Iterator[Suggestion]:
    item_type = types.of(item)
    for language in LANGUAGES:
        title = _in(item, item_type.title_field, language) or ""
        aliases = _in(item, "aliases", language) or ()
        title_fell_back = _fell_back(item, item_type.title_field, language)
        aliases_fell_back = title_fell_back or _fell_back(item, "aliases", language)
        names = [(title, ""), *((alias, alias) for alias in aliases)]
        seen: set[str] = set()
        for name, alias in names:
            folded = fold(name)
            for word, start in enumerate(match.start() for match in _WORD_START.finditer(folded)):
                key = folded[start:][:KEY_LENGTH]
                if key in seen:
                    continue
                seen.add(key)
                yield Suggestion(
                    language=language, key=key, item_type=item_type.name, item_id=item.pk,
                    slug=item.slug, title=title[:200], alias=alias[:200], word=word,
                    position=item.position,
                    fallback=aliases_fell_back if alias else title_fell_back,
                )  # fmt: skip


def _search_term_words(item: ContentItem) -> Iterator[tuple[str, str, str]]:
    """The vocabulary's rows for the search terms of `item`: what people type, which the
    spelling of a search is corrected to too (api.querying.spelling)."""
    for language in LANGUAGES:
        for term in _in(item, "search_terms", language) or ():
            yield from _written_words(language, term)


def _fell_back(item: ContentItem, field: str, language: str) -> bool:
    """Whether `_in` gives `field` in English for want of it in `language`."""
    if language == DEFAULT or not hasattr(item, build_localized_fieldname(field, DEFAULT)):
        return False
    return getattr(item, build_localized_fieldname(field, language)) in (None, "", [])


def _in(item: ContentItem, field: str, language: str) -> Any:
    """`field` of `item` in `language`, or in English where it has none there."""
    if not hasattr(item, build_localized_fieldname(field, DEFAULT)):
        return None
    value = getattr(item, build_localized_fieldname(field, language))
    if value in (None, "", []):
        value = getattr(item, build_localized_fieldname(field, DEFAULT))
    return value
