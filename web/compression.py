"""Response compression: Brotli (RFC 7932) for clients that accept it, else gzip.

Django ships only gzip. Brotli makes a large JSON document smaller again: the
seed bundle a kiosk downloads is 84 kB, 13.3 kB gzipped, 11.5 kB with Brotli. Only JSON is
Brotli-compressed: HTML pages (the admin, the docs) may carry a CSRF token,
and Django's gzip pads its output against BREACH where Brotli here would not.
As with gzip, a strong ETag becomes weak (RFC 9110 §8.8.1), which
If-None-Match still matches.
"""

from __future__ import annotations

import re

import brotli
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers
from django.utils.text import compress_string

# Fast enough to run per response (a few ms for the bundle), most of the gain
# of the maximum quality, which is for static files compressed once.
QUALITY = 5
MIN_LENGTH = 200
_JSON_TYPES = ("application/json", "application/ld+json", "application/problem+json")
# Media types whose formats are compressed already (WebP, AVIF, JPEG; any video or sound).
_COMPRESSED_ALREADY = ("image/", "video/", "audio/")
# As Django's GZipMiddleware reads Accept-Encoding.
_ACCEPTS_GZIP = re.compile(r"\bgzip\b")


class CompressionMiddleware(GZipMiddleware):
    """Compresses what is not compressed yet; a response stored with its
    compressed forms (api.caching.responses) arrives with one chosen."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if response.get("Content-Type", "").startswith(_COMPRESSED_ALREADY):
            # An image rendition: compressing it again gains nothing, costs every request
            # (Django's GZipMiddleware would gzip the file as it streams) and loses sendfile.
            return response
        if (
            not isinstance(response, HttpResponse)
            or len(response.content) < MIN_LENGTH
            or response.has_header("Content-Encoding")
            or not _brotli_worthy(response.get("Content-Type", ""))
            or not accepts_brotli(request.headers.get("Accept-Encoding", ""))
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        compressed = brotli.compress(response.content, quality=QUALITY)
        if len(compressed) >= len(response.content):
            return response
        return encoded(response, compressed, coding="br")


def coding_for(request: HttpRequest, content_type: str, length: int) -> str | None:
    """The content coding this middleware would try for a response of `content_type`
    and `length` bytes to `request`: `br`, `gzip`, or None (the body as it is)."""
    if length < MIN_LENGTH:
        return None
    accept_encoding = request.headers.get("Accept-Encoding", "")
    if _brotli_worthy(content_type) and accepts_brotli(accept_encoding):
        return "br"
    if _ACCEPTS_GZIP.search(accept_encoding):
        return "gzip"
    return None


def compress(content: bytes, coding: str) -> bytes | None:
    """`content` compressed with `coding` as this middleware would; None if that is no smaller."""
    if coding == "br":
        compressed = brotli.compress(content, quality=QUALITY)
    else:
        compressed = compress_string(content, max_random_bytes=GZipMiddleware.max_random_bytes)
    return compressed if len(compressed) < len(content) else None


def encoded(response: HttpResponse, content: bytes, *, coding: str | None) -> HttpResponse:
    """`response` carrying `content`, its body compressed with `coding`, as Django's
    GZipMiddleware marks it (RFC 9110 §8.8.1: a strong ETag becomes weak); with no
    `coding`, `response` as it is."""
    if coding is None:
        return response
    patch_vary_headers(response, ("Accept-Encoding",))
    response.content = content
    response["Content-Length"] = str(len(content))
    etag = response.get("ETag")
    if etag and etag.startswith('"'):
        response["ETag"] = f"W/{etag}"
    response["Content-Encoding"] = coding
    return response


def _brotli_worthy(content_type: str) -> bool:
    return content_type.startswith(_JSON_TYPES)


def accepts_brotli(accept_encoding: str) -> bool:
    """Whether `br` is acceptable (RFC 9110 §12.5.3): listed, and not with q=0."""
    for coding in accept_encoding[:256].split(","):
        name, _, parameters = coding.partition(";")
        if name.strip().lower() != "br":
            continue
        quality = parameters.strip().lower().removeprefix("q=")
        try:
            return not parameters.strip() or float(quality) > 0
        except ValueError:
            return False
    return False
