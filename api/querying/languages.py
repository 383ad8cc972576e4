"""Which language a request is served in (`lang=` first, then `Accept-Language`), and
which languages its items were served in: the default too where a text fell back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

DEFAULT = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
SUPPORTED = [code for code, _ in settings.LANGUAGES]


def negotiate(request: Request) -> str:
    """The language code to serve, e.g. `fr-ca`.

    An explicit `lang=` must name a supported language (400 otherwise); the
    Accept-Language header is a preference, so anything unsupported in it falls
    back to English.
    """
    explicit = request.query_params.get("lang")
    if explicit is not None:
        code = _supported(explicit)
        if code is None:
            raise ValidationError({"lang": [f"Must be one of: {', '.join(SUPPORTED)}."]})
        return code
    header = request.headers.get("Accept-Language", "")
    for tag, _quality in parse_accept_lang_header(header[:255]):
        if tag != "*" and (code := _supported(tag)):
            return code
    return DEFAULT


def _supported(tag: str) -> str | None:
    try:
        return get_supported_language_variant(tag.strip().lower())
    except LookupError:
        return None


def served(items: Iterable[dict[str, Any]], language: str) -> tuple[str, ...]:
    """What `Content-Language` says of these item representations asked for in
    `language` (RFC 9110 §8.5, a list): `language` if any text is in it, and the
    default language if any text fell back to it."""
    items = list(items)
    return named(
        language,
        written=any(item.get("translation", {}).get("status") != "none" for item in items),
        fell_back=any(item.get("fallback_fields") for item in items),
    )


def named(language: str, *, written: bool, fell_back: bool) -> tuple[str, ...]:
    """What `Content-Language` says of an answer asked for in `language`: `language` if
    some of its text is `written` in it, the default language if some `fell_back` to it
    (both: both, `language` first); `language` when it holds no text at all."""
    if language == DEFAULT:
        return (DEFAULT,)
    found = [code for code, held in ((language, written), (DEFAULT, fell_back)) if held]
    return tuple(found) or (language,)
