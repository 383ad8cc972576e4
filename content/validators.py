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
MAX_STATEMENT_LENGTH = 300
STATEMENT_KEYS = {"text", "reviewed_by", "reviewed_at"}


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


def validate_urgent_care(value: Any) -> None:
    """Urgent-care statements are a list of distinct statements (content.urgent_care):
    `{"text": str, "reviewed_by": str, "reviewed_at": "YYYY-MM-DD" or null}`, the text one
    line of at most 300 characters, the review both who and when, or neither (pending)."""
    if not isinstance(value, list):
        raise ValidationError("Urgent care must be a list of statements.")
    seen: set[str] = set()
    for number, statement in enumerate(value, start=1):
        if not isinstance(statement, dict) or set(statement) != STATEMENT_KEYS:
            raise ValidationError(
                f"Statement {number} must have a text, reviewed_by and reviewed_at."
            )
        text = statement["text"]
        if not isinstance(text, str) or not text.strip():
            raise ValidationError(f"Statement {number} has no text.")
        if len(text) > MAX_STATEMENT_LENGTH:
            raise ValidationError(
                f"Statement {number} is longer than {MAX_STATEMENT_LENGTH} characters."
            )
        if "\n" in text or "\r" in text:
            raise ValidationError(f"Statement {number} must be one line.")
        if text.casefold() in seen:
            raise ValidationError(f"Statement {number} is listed twice.")
        seen.add(text.casefold())
        _validate_review(number, statement["reviewed_by"], statement["reviewed_at"])


def _validate_review(number: int, by: Any, at: Any) -> None:
    if not isinstance(by, str):
        raise ValidationError(f"Statement {number}: reviewed_by must be a name.")
    if at is not None:
        try:
            if len(at) != len("YYYY-MM-DD"):
                raise ValueError(at)
            date.fromisoformat(at)
        except (TypeError, ValueError):
            raise ValidationError(
                f"Statement {number}: reviewed_at must be a date (YYYY-MM-DD)."
            ) from None
    if bool(by.strip()) != (at is not None):
        raise ValidationError(
            f"Statement {number}: a review names who and when (or neither, while pending)."
        )
