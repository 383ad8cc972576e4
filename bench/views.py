"""The framework floor: a bare Django view answering a constant body of a given size."""

from __future__ import annotations

from functools import cache

from django.http import HttpRequest, HttpResponse


@cache
def _body(size: int) -> bytes:
    return b"x" * size


def floor(request: HttpRequest, size: int) -> HttpResponse:
    """What any endpoint of `size` bytes costs at least: routing, middleware, the server."""
    return HttpResponse(_body(size), content_type="application/json")
