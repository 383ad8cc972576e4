"""Text as stored: every text field of content has `\\n` line endings.

Browsers submit a textarea's line breaks as CRLF (HTML's form submission
rules) and files written on Windows carry them too. Stored as they came, a
body saved unchanged would differ from the stored one by its line endings
alone: the API's Markdown would carry `\\r\\n` and history would report an
edit nobody made.
"""

from __future__ import annotations

from django.db import models


def normalise_newlines(value: str) -> str:
    """`value` with every CRLF and lone CR turned into LF."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def normalise_text_fields(instance: models.Model) -> None:
    """Normalise, in place, the line endings of `instance`'s text fields, every language's."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname)
            if isinstance(value, str) and "\r" in value:
                setattr(instance, field.attname, normalise_newlines(value))
