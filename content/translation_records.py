"""How each language of an item was translated, and who reviewed that translation
(DESIGN 1.7).

An item is written in the default language (English): that is its original. Each
other language it has text in has a record in `item.translation_records`, by
language code: `{"status", "reviewed_by_name", "reviewed_by_credentials",
"reviewed_at"}`. `machine`: translated without a human translator; `human`: by one.
The review is a clinical reviewer's reading of that language's text
(content.services.translation_review). It covers the text as it then stood: a
change to that language's text clears it (`reviews_kept`). A reviewed machine
translation stays `machine`: readers are told both, never one for the other.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
OTHER_LANGUAGES = tuple(code for code, _ in settings.LANGUAGES if code != DEFAULT)
# Derived from `body` on save: they change when it does.
DERIVED = ("body_html", "body_text", "body_blocks")


class Status(models.TextChoices):
    """How a translation was made (what a record holds)."""

    MACHINE = "machine", "Machine translation (no human translator)"
    HUMAN = "human", "Human translation"


class Served(models.TextChoices):
    """What the API says of the language it serves an item in."""

    ORIGINAL = "original", "The language the item is written in"
    MACHINE = "machine", "Machine translation"
    HUMAN = "human", "Human translation"
    UNKNOWN = "unknown", "Translated, with no record of how"
    NONE = "none", "Not translated: every text is the original's"


EMPTY_REVIEW = {"reviewed_by_name": "", "reviewed_by_credentials": "", "reviewed_at": None}


@functools.cache
def text_columns(model: type[models.Model], language: str) -> tuple[str, ...]:
    """The columns holding `model`'s own text in `language` (not the renditions of it)."""
    names = translator.get_options_for_model(model).all_fields
    return tuple(build_localized_fieldname(name, language) for name in names if name not in DERIVED)


def has_text(item: models.Model, language: str) -> bool:
    return any(
        getattr(item, column) not in (None, "", []) for column in text_columns(type(item), language)
    )


def check(item: Any) -> None:
    """Refuse text in a language without a word on how it was translated."""
    for language in OTHER_LANGUAGES:
        if has_text(item, language) and not record(item, language)["status"]:
            raise ValidationError(
                {
                    "translation_records": f"Say how the {language} text was translated: "
                    "machine (no human translator) or human."
                },
                code="translation_status_missing",
            )


def record(item: Any, language: str) -> dict[str, Any]:
    """`item`'s record for `language`, with every key (an empty review if none)."""
    return {"status": "", **EMPTY_REVIEW, **item.translation_records.get(language, {})}


def with_status(item: Any, language: str, status: str) -> None:
    """Set how `language`'s translation was made (in memory); no status and no text
    drops the record."""
    records = dict(item.translation_records)
    if not status and not has_text(item, language):
        records.pop(language, None)
    else:
        records[language] = {**record(item, language), "status": status}
    item.translation_records = records


def reviews_kept(item: Any, stored: Mapping[str, Any]) -> None:
    """Each language's review as `stored` has it (editors never type one), or none
    where that language's text differs from the stored text (in memory)."""
    stored_records = stored.get("translation_records") or {}
    model: type[models.Model] = type(item)
    records = {}
    for language, own in item.translation_records.items():
        unchanged = all(
            _words(getattr(item, column)) == _words(stored.get(column))
            for column in text_columns(model, language)
        )
        review = stored_records.get(language, {}) if unchanged else {}
        records[language] = {
            **own,
            **{key: review.get(key, empty) for key, empty in EMPTY_REVIEW.items()},
        }
    item.translation_records = records


def _words(value: Any) -> Any:
    """What a reviewer of a translation read in a column's value: of urgent-care
    statements, their texts (not the clinical reviews they carry)."""
    if isinstance(value, list) and all(isinstance(entry, dict) for entry in value):
        return [entry.get("text") for entry in value]
    return value


def with_review(item: Any, language: str, *, name: str, credentials: str, day: date) -> None:
    """Credit `name` with reviewing `item`'s `language` text as it stands (in memory)."""
    item.translation_records = {
        **item.translation_records,
        language: {
            **record(item, language),
            "reviewed_by_name": name,
            "reviewed_by_credentials": credentials,
            "reviewed_at": day.isoformat(),
        },
    }


def served(item: Any, language: str) -> dict[str, Any]:
    """The `translation` block of `item` served in `language` (api)."""
    if language == DEFAULT:
        return {"status": Served.ORIGINAL, "reviewed_by": None, "reviewed_at": None}
    if not has_text(item, language):
        return {"status": Served.NONE, "reviewed_by": None, "reviewed_at": None}
    own = record(item, language)
    return {
        "status": own["status"] or Served.UNKNOWN,
        "reviewed_by": (
            {"name": own["reviewed_by_name"], "credentials": own["reviewed_by_credentials"]}
            if own["reviewed_by_name"]
            else None
        ),
        "reviewed_at": own["reviewed_at"],
    }
