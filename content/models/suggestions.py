"""What search-as-you-type reads (DESIGN 2.4): a narrow index of the names of published
items, and the words they are made of, kept current by content.services
(content.suggestions)."""

from __future__ import annotations

from django.db import models


class Suggestion(models.Model):
    """One way of typing towards one published item's name in one language: its title or
    an alias, from the start of one of its words. `key` is that tail of the name, folded
    (lower case, no accents) so that a prefix of what someone types is a range of keys."""

    id = models.BigAutoField(primary_key=True)
    language = models.CharField(max_length=8)
    key = models.CharField(max_length=200)
    item_type = models.CharField(max_length=16)
    item_id = models.UUIDField()
    slug = models.SlugField(max_length=100)
    # The item's title in the language, and the alias when that is what `key` is in.
    title = models.CharField(max_length=200)
    alias = models.CharField(max_length=200, blank=True)
    # Whether the title or alias is in English, for want of it in `language`: what the
    # answer's Content-Language says.
    fallback = models.BooleanField(default=False)
    # 0 when `key` starts the name: those come first.
    word = models.PositiveSmallIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [
            # A prefix (`LIKE 'ten%'`) is a range of this index: on PostgreSQL under
            # any collation through the pattern operator class (SQLite ignores it).
            models.Index(
                fields=["language", "key"],
                opclasses=["varchar_pattern_ops", "varchar_pattern_ops"],
                name="suggestion_prefix",
            ),
            models.Index(fields=["item_id"], name="suggestion_item"),
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.key} → {self.item_type} {self.slug}"


class SuggestionWord(models.Model):
    """A word of the names in the suggestion index or of a search term, folded, and how it
    is written: what a misspelt word is corrected to, and what a word typed without its
    accents is read as (api.querying.spelling). A few thousand rows whatever the size
    of the content, so finding the words nearest a misspelling reads little. Added as
    names are; a word no name holds any more is harmless and stays."""

    id = models.BigAutoField(primary_key=True)
    language = models.CharField(max_length=8)
    word = models.CharField(max_length=100)
    # In lower case, accents kept ("gelée" for "gelee").
    spelling = models.CharField(max_length=100, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["language", "word", "spelling"], name="suggestionword_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language} {self.word}"
