"""Validators for API client settings."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError


def validate_origins(value: Any) -> None:
    """A list of browser origins: scheme and host (and port), nothing else."""
    if not isinstance(value, list):
        raise ValidationError("Allowed origins must be a list.")
    for origin in value:
        parts = urlsplit(origin) if isinstance(origin, str) else None
        if (
            parts is None
            or parts.scheme not in {"http", "https"}
            or not parts.netloc
            or parts.path
            or parts.query
            or parts.fragment
        ):
            raise ValidationError(f"{origin!r} is not an origin such as https://clinic.example.")
