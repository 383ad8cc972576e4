"""Which language a request is served in: `lang=` first, then `Accept-Language`."""

from __future__ import annotations

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
