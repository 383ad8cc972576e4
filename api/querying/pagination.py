"""limit/offset pagination with strict parameters (DESIGN 2.3).

A malformed, negative or too large number is a 400, not a silent default.
`StrictLimitOffsetPagination` pages any queryset; `StampPagination` pages the
`(id, stamp)` rows of published items, whose representations are stored, and
counts what a list's filters match once per content version.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response

from api import state as api_state
from api.caching import keys, store

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


class StrictLimitOffsetPagination(LimitOffsetPagination):
    """DRF's limit/offset pagination, refusing what it would silently correct."""

    default_limit = DEFAULT_LIMIT
    max_limit = MAX_LIMIT
    limit_query_description = f"Items per page, 1 to {MAX_LIMIT} (default {DEFAULT_LIMIT})."
    offset_query_description = "How many items to skip (default 0)."

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        bounds = {"limit": (1, MAX_LIMIT), "offset": (0, MAX_OFFSET)}
        for parameter in parameters:
            low, high = bounds[parameter["name"]]
            parameter["schema"].update(minimum=low, maximum=high)
        return parameters

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        # The examples describe a page holding just the documented item.
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["example"] = 1
        for link in ("next", "previous"):
            response["properties"][link] = {
                "type": "string",
                "nullable": True,
                "description": f"Relative URL of the {link} page, or null.",
                "example": None,
            }
        return response

    # The stubs type these attributes as optional: each is set by paginate_queryset.
    count: int
    limit: int
    offset: int
    request: Request

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any]:
        self.request = request
        self.limit, self.offset = page_bounds(request)
        page = list(queryset[self.offset : self.offset + self.limit])
        # An empty first page needs no count.
        self.count = self.get_count(queryset) if page or self.offset else 0
        return page

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            envelope(self.request, data, count=self.count, limit=self.limit, offset=self.offset)
        )


class BoundedCountPagination(StrictLimitOffsetPagination):
    """Pages whose count may be exact up to a bound only, saying which (DESIGN 2.4):
    counting every match of a common word would cost more than ranking a page."""

    count_bound = 1000

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        response = super().get_paginated_response_schema(schema)
        properties = response["properties"]
        properties["count"]["description"] = (
            "How many match: exactly, or, for a search, exactly up to "
            f"{self.count_bound} and beyond it {self.count_bound} with `count_relation` `gte`."
        )
        response["properties"] = {
            "count": properties.pop("count"),
            "count_relation": {
                "type": "string",
                "enum": ["eq", "gte"],
                "description": "`eq`: `count` is how many match; `gte`: at least that many "
                "(as Elasticsearch's `total.relation`).",
                "example": "eq",
            },
            **properties,
        }
        response["required"] = [*response.get("required", []), "count_relation"]
        return response


class SearchPagination(BoundedCountPagination):
    """Pages of `/search/`, which also say whether results hold every word."""

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        response = super().get_paginated_response_schema(schema)
        response["properties"]["matched"] = {
            "type": "string",
            "enum": ["all", "any"],
            "description": "`all`: every result holds every word searched for (or its "
            "correction); `any`: none did, so the results hold some of the words, those "
            'holding most first (say so: "No results for all your words").',
            "example": "all",
        }
        response["required"] = [*response["required"], "matched"]
        return response


class StampPagination(BoundedCountPagination):
    """Pages the `(id, stamp)` rows of items: what their stored representations are
    keyed by. A list searched with `q` counts its matches up to `count_bound`
    (its FilterSet's `matches`: the page itself may hold only the best of them)."""

    count_relation = "eq"

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list[Any]:
        self.view = view
        return super().paginate_queryset(queryset.values_list("pk", "stamp"), request, view)

    def get_count(self, queryset: Any) -> int:
        """How many items the request's filters match, counted once per content
        version; a search's matches up to `count_bound` only."""
        matches = getattr(getattr(self.view, "filterset", None), "matches", None)
        if matches is None:
            return self._remembered(queryset.count)
        count = self._remembered(matches.order_by().values("pk")[: self.count_bound + 1].count)
        if count > self.count_bound:
            self.count_relation = "gte"
        return min(count, self.count_bound)

    def _remembered(self, count: Callable[[], int]) -> int:
        version = api_state.of(self.request).version
        if version is None or getattr(self.view, "previewing", False):
            return count()
        filters = self.view.filterset_class.base_filters
        key = keys.count(
            collection=self.view.resource.name,
            version=version.token,
            filters=[(name, v) for name, v in self.request.query_params.lists() if name in filters],
        )
        return store.remembered(key, count, timeout=settings.API_RESPONSE_CACHE_SECONDS)

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            envelope(
                self.request,
                data,
                count=self.count,
                limit=self.limit,
                offset=self.offset,
                count_relation=self.count_relation,
            )
        )


def page_bounds(request: Request) -> tuple[int, int]:
    """(limit, offset) from the query string; a 400 naming each one invalid."""
    errors = page_errors(request)
    if errors:
        raise ValidationError(errors)
    limit = number(request, "limit", DEFAULT_LIMIT, minimum=1, maximum=MAX_LIMIT)
    return limit, number(request, "offset", 0, minimum=0, maximum=MAX_OFFSET)


def page_errors(request: Request) -> dict[str, Any]:
    """What is wrong with the request's `limit` and `offset`, by name: reported
    with a list's other invalid parameters, all in one 400."""
    errors: dict[str, Any] = {}
    for name, default, minimum, maximum in (
        ("limit", DEFAULT_LIMIT, 1, MAX_LIMIT),
        ("offset", 0, 0, MAX_OFFSET),
    ):
        try:
            number(request, name, default, minimum=minimum, maximum=maximum)
        except ValidationError as invalid:
            errors.update(invalid.detail)  # type: ignore[arg-type]
    return errors


def envelope(
    request: Request,
    results: Any,
    *,
    count: int,
    limit: int,
    offset: int,
    count_relation: str | None = None,
) -> dict[str, Any]:
    """`count`, `next`, `previous` (relative URLs) and `results`; with `count_relation`
    (a bounded count: `eq`, or `gte` when at least `count` match), that too."""

    def link(new_offset: int) -> str:
        query = request.query_params.copy()
        query["limit"], query["offset"] = str(limit), str(new_offset)
        return f"{request.path}?{urlencode(sorted(query.items()))}"

    # A next page while this one is full and more are known to match (a search may
    # count more matches than it ranks: its pages end with its best ones).
    more = len(results) == limit and (offset + limit < count or count_relation == "gte")
    return {
        "count": count,
        **({"count_relation": count_relation} if count_relation else {}),
        "next": link(offset + limit) if more else None,
        "previous": link(max(offset - limit, 0)) if offset > 0 else None,
        "results": results,
    }


def number(request: Request, name: str, default: int, *, minimum: int, maximum: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    if not raw.isascii() or not raw.isdigit():
        raise ValidationError({name: [f"Must be a whole number from {minimum} to {maximum}."]})
    value = int(raw)
    if not minimum <= value <= maximum:
        raise ValidationError({name: [f"Must be a whole number from {minimum} to {maximum}."]})
    return value
