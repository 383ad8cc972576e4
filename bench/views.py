"""The framework floor: a bare Django view answering a constant body of a given size.

`/bench/floor/<size>/` answers `size` bytes as they are, for runs that send no
Accept-Encoding. `/bench/floor/<size>/<coding>/` (`br` or `gzip`) answers a
body already compressed with `coding`, `size` bytes long, marked with
`Content-Encoding`: what a warm hit on an endpoint costs at least when a
browser asks for it compressed and the endpoint sends a stored compressed form
of that size. The compression middleware leaves a response with a
Content-Encoding alone, so the floor compresses nothing per request either.
"""

from __future__ import annotations

import gzip
import random
from collections.abc import Callable
from functools import cache

import brotli
from django.http import Http404, HttpRequest, HttpResponse

_COMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    # Random bytes do not compress: the output is the input in the coding's
    # framing, a few bytes longer, whatever the quality.
    "br": lambda data: brotli.compress(data, quality=0),
    "gzip": lambda data: gzip.compress(data, compresslevel=1, mtime=0),
}


@cache
def _body(size: int) -> bytes:
    return b"x" * size


@cache
def compressed_body(size: int, coding: str) -> bytes:
    """A valid `coding` stream of `size` bytes (of random content), or the
    nearest one when the coding's framing cannot make exactly `size`."""
    compress = _COMPRESSORS[coding]
    length = size
    body = compress(b"")
    for _ in range(8):
        body = compress(random.Random(0).randbytes(max(length, 0)))
        if len(body) == size or length <= 0:
            break
        length += size - len(body)
    return body


def floor(request: HttpRequest, size: int, coding: str = "") -> HttpResponse:
    """What any endpoint of `size` bytes costs at least: routing, middleware, the server."""
    if not coding:
        return HttpResponse(_body(size), content_type="application/json")
    if coding not in _COMPRESSORS:
        raise Http404("unknown coding")
    response = HttpResponse(compressed_body(size, coding), content_type="application/json")
    response["Content-Encoding"] = coding
    # As the endpoints' compressed responses: caches must key them by Accept-Encoding.
    response["Vary"] = "Accept-Encoding"
    return response
