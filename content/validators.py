"""Validators for the JSON fields of content items."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from content.translation_records import EMPTY_REVIEW, OTHER_LANGUAGES, Status

# A reference's address: a web page (the admin's reference rows check it too).
validate_reference_url = URLValidator(schemes=["http", "https"])

MAX_ALIAS_LENGTH = 120


def validate_aliases(value: Any) -> None:
    """Aliases are a list of distinct, non-empty strings."""
    _validate_names(value, "Alias", "Aliases")


def validate_search_terms(value: Any) -> None:
    """Search terms are a list of distinct, non-empty strings."""
    _validate_names(value, "Search term", "Search terms")


def _validate_names(value: Any, kind: str, kinds: str) -> None:
    if not isinstance(value, list):
        raise ValidationError(f"{kinds} must be a list.")
    seen: set[str] = set()
    for name in value:
        if not isinstance(name, str) or not name.strip():
            raise ValidationError(f"Each {kind.lower()} must be non-empty.")
        if len(name) > MAX_ALIAS_LENGTH:
            raise ValidationError(f"{kind} {name[:30]!r}… is longer than {MAX_ALIAS_LENGTH}.")
        if name.casefold() in seen:
            raise ValidationError(f"{kind} {name!r} is listed twice.")
        seen.add(name.casefold())


def validate_references(value: Any) -> None:
    """References are a list of `{"citation": str, "url": str (optional)}`."""
    if not isinstance(value, list):
        raise ValidationError("References must be a list.")
    for number, reference in enumerate(value, start=1):
        if not isinstance(reference, dict) or set(reference) - {"citation", "url"}:
            raise ValidationError(f"Reference {number} must have a citation and an optional url.")
        citation = reference.get("citation")
        if not isinstance(citation, str) or not citation.strip():
            raise ValidationError(f"Reference {number} has no citation.")
        url = reference.get("url")
        if url is not None:
            try:
                validate_reference_url(url)
            except ValidationError:
                raise ValidationError(f"Reference {number} has an invalid url.") from None


def validate_translation_records(value: Any) -> None:
    """`{language: {"status": "machine"|"human", "reviewed_by_name": str,
    "reviewed_by_credentials": str, "reviewed_at": "YYYY-MM-DD"|None}}` for languages
    other than the default (content.translation_records)."""
    if not isinstance(value, dict):
        raise ValidationError("Translation records must be a mapping of languages.")
    for language, record in value.items():
        if language not in OTHER_LANGUAGES:
            raise ValidationError(f"{language!r} is not a translated language.")
        if not isinstance(record, dict) or set(record) - {"status", *EMPTY_REVIEW}:
            raise ValidationError(f"The {language} record has unknown keys.")
        if record.get("status") not in Status.values:
            raise ValidationError(f"Say how the {language} translation was made.")
        reviewed_at = record.get("reviewed_at")
        if reviewed_at is not None:
            try:
                date.fromisoformat(reviewed_at)
            except (TypeError, ValueError):
                raise ValidationError(f"The {language} review date is not a date.") from None
