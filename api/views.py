"""Read-only views shared by every API version; a version's views only declare.

`ContentViewSet` is DRF's list and retrieve on their own hooks:
`get_queryset` selects what a consumer may see (content's selectors),
`filter_queryset` runs the version's FilterSet, `paginate_queryset` reads one
page of `(id, stamp)` rows, and `get_serializer(page, many=True)` is the item
serializer's list serializer, which fetches and projects the stored
representations of those rows (api.caching.representations). Nothing here
builds a model instance for the payload. `@cached` answers from the stored
responses before any of it runs (api.caching.responses).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace
from typing import Any, ClassVar, cast

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404
from django_filters.rest_framework import FilterSet
from modeltranslation.utils import build_localized_fieldname
from rest_framework import mixins
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from api import lifecycle
from api import state as api_state
from api.caching import edge
from api.caching.representations import Projection, Reading, Resource
from api.caching.responses import VARY, cached
from api.consumers.throttling import quota_headers
from api.querying import languages, pagination, params
from api.querying.filters import FilterSetBackend
from api.renderers import FastJSONRenderer, JsonLdRenderer, LinkedData
from content import services

# What an item's slug in a detail path may be: letters a-z, digits and hyphens.
SLUG_PATTERN = "[-a-z0-9]{1,100}"
# An id in a detail path (which SLUG_PATTERN admits too): 8-4-4-4-12 hexadecimal digits.
UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
# What a JSON-LD document is built from: the full item, its body as HTML, and its lead
# image inlined where it has one (a page's `image`).
LINKED_DATA_PROJECTION = Projection(body_format="html")
LINKED_DATA_EXPANDS = ("image",)


class LanguageMixin:
    """Every response of a versioned view: served in the negotiated language,
    saying so (RFC 9110 §8.5), and carrying its version's lifecycle headers."""

    language: str = languages.DEFAULT

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        self.language = languages.negotiate(request)

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        # The languages the items were served in, where known (RFC 9110 §8.5): the
        # default one too when a text fell back to it.
        served = api_state.of(request).languages or (self.language,)
        response["Content-Language"] = ", ".join(served)
        for header in VARY:
            response["Vary"] = _vary(response.get("Vary"), header)
        match = request.resolver_match
        lifecycle_headers = lifecycle.of(match.namespace if match else "").headers()
        for header, value in {**lifecycle_headers, **quota_headers(request)}.items():
            response[header] = value
        if match is not None:
            edge.label(request, response, api_version=match.namespace)
        return response


class ContentViewSet(
    LanguageMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, GenericViewSet
):
    """List and detail (by slug) of one published item type.

    With `Accept: application/ld+json` the same items are written as
    schema.org JSON-LD by `linked_data`.
    """

    renderer_classes = [FastJSONRenderer, JsonLdRenderer]
    filter_backends = [FilterSetBackend]
    pagination_class = pagination.StampPagination
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    # Whether a detail path may name the item by its id as well (images: bodies do).
    lookup_by_id = False

    resource: ClassVar[Resource]
    # Every resource of the same API version, by collection: what `expand` can reach.
    resources: ClassVar[Mapping[str, Resource]]
    linked_data: ClassVar[LinkedData]
    filterset_class: ClassVar[type[FilterSet]]
    # The request's FilterSet, once filter_queryset has built one (FilterSetBackend).
    filterset: FilterSet | None = None
    previewing = False
    projection = Projection()

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if self.action is None:
            return  # a method no action answers: DRF's 405, whatever the parameters
        known = params.COMMON if self.action == "list" else params.ITEM
        if self.action == "list":
            known = {*self.filterset_class.base_filters, *known}
        if not self.resource.expandable:
            known = known - {"expand"}  # an image has nothing to inline
        params.check_known(request, known)
        self.previewing = params.preview(request)
        self.projection = self._projection(request)

    @cached
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with self._working_copies():
            return super().list(request, *args, **kwargs)

    @cached
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with self._working_copies():
            (item,) = self.get_serializer([self.get_object()], many=True).data
        return Response(self.linked_data.item(item) if self._wants_linked_data() else item)

    def _working_copies(self) -> AbstractContextManager[None]:
        """A preview reads every live item's working copy in place of its live version."""
        return services.drafts_applied() if self.previewing else nullcontext()

    def get_queryset(self) -> QuerySet[Any]:
        return self.resource.previewable() if self.previewing else self.resource.published()

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        # Building a FilterSet costs more than the rest of a warm request: none
        # is built for a request without filters.
        if not self.request.query_params.keys() & self.filterset_class.base_filters.keys():
            return queryset
        try:
            return super().filter_queryset(queryset.annotate(sort_name=self._sort_name()))
        except ValidationError as invalid:
            # Every invalid parameter in one answer: the page's too, read after the filters.
            errors = {**invalid.detail, **pagination.page_errors(self.request)}  # type: ignore[dict-item]
            raise ValidationError(errors) from None

    def get_object(self) -> tuple[Any, int]:
        """The `(id, stamp)` of the item the path names (by slug, or by id where the type
        allows it): its representation is stored."""
        value = self.kwargs[self.lookup_field]
        key = "id" if self.lookup_by_id and re.fullmatch(UUID_PATTERN, value) else "slug"
        rows = self.filter_queryset(self.get_queryset()).values_list("pk", "stamp")
        try:
            found = rows.get(**{"pk" if key == "id" else "slug": value})
        except ObjectDoesNotExist:
            raise Http404(
                f"No published {self.resource.item_type.name} has the {key} “{value}”."
            ) from None
        api_state.of(self.request).item_id = found[0]
        return found

    def get_serializer_context(self) -> dict[str, Any]:
        reading = Reading(
            resource=self.resource,
            resources=self.resources,
            language=self.language,
            version=None if self.previewing else api_state.of(self.request).version,
            projection=self.projection,
        )
        return {**super().get_serializer_context(), "reading": reading}

    def get_paginated_response(self, data: Any) -> Response:
        if not self._wants_linked_data():
            return super().get_paginated_response(data)
        paginator = cast(pagination.StampPagination, self.paginator)
        return Response(
            self.linked_data.page(
                data, count=paginator.count, offset=paginator.offset, language=self.language
            )
        )

    def _wants_linked_data(self) -> bool:
        return isinstance(self.request.accepted_renderer, JsonLdRenderer)

    def _projection(self, request: Request) -> Projection:
        if self._wants_linked_data():
            params.check_not_given(
                request,
                {"fields", "expand", "body_format"},
                reason="JSON-LD documents always hold the whole item.",
            )
            expand = tuple(n for n in LINKED_DATA_EXPANDS if n in self.resource.expandable)
            return replace(LINKED_DATA_PROJECTION, expand=expand)
        return params.projection(
            request, fields=self.resource.field_names, expandable=self.resource.expandable
        )

    def _sort_name(self) -> Any:
        """The title in the served language, falling back to English as the payload does."""
        title_field = self.resource.item_type.title_field
        english = build_localized_fieldname(title_field, languages.DEFAULT)
        if self.language == languages.DEFAULT:
            return F(english)
        translated = build_localized_fieldname(title_field, self.language)
        return Coalesce(NullIf(translated, Value("")), english)


def _vary(existing: str | None, header: str) -> str:
    values = [v.strip() for v in (existing or "").split(",") if v.strip()]
    return ", ".join(values if header in values else [*values, header])
