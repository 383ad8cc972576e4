"""Read-only views shared by every API version; a version's views only declare.

A list request runs the FilterSet to find the ids and stamps of one page (one
query; the count is read once per content version and filters), then fetches
and projects stored representations (api.representations); `expand` adds at
most one query per relation, for the stamps of the inlined items this process
has not read yet in this content version. Nothing here builds a model
instance for the payload.
"""

from __future__ import annotations

import builtins
import hashlib
from typing import Any, ClassVar

from django.conf import settings
from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404
from django_filters.rest_framework import DjangoFilterBackend, FilterSet
from modeltranslation.utils import build_localized_fieldname
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from api import languages, lifecycle, pagination, params, querysets
from api.caching import VARY, cached
from api.renderers import FastJSONRenderer, JsonLdRenderer, LinkedData
from api.representations import FINGERPRINT, Projection, Resource, fetch, project, render_drafts
from api.stores import LocalCopies, remembered
from api.throttling import quota_headers

CACHE_PREFIX = "repr"
# What an item's slug in a detail path may be: letters a-z, digits and hyphens.
SLUG_PATTERN = "[-a-z0-9]{1,100}"
# How many items each set of filters matches, per content version: every page
# of a list shares its count.
counts = LocalCopies(1024)
# The stamps of items inlined by `expand` (None: not published), per content
# version: a stamp moves only with the version, so within one version each
# process reads an item's once (a cold list page otherwise read its
# mechanisms' stamps again for every page).
inlined_stamps = LocalCopies(8192)
# What a JSON-LD document is built from: the full item, its body as HTML.
LINKED_DATA_PROJECTION = Projection(body_format="html")


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
        response["Content-Language"] = self.language
        for header in VARY:
            response["Vary"] = _vary(response.get("Vary"), header)
        match = request.resolver_match
        lifecycle_headers = lifecycle.of(match.namespace if match else "").headers()
        for header, value in {**lifecycle_headers, **quota_headers(request)}.items():
            response[header] = value
        return response


class ContentViewSet(LanguageMixin, GenericViewSet):
    """List and detail (by slug) of one published item type.

    `serializer_class`, `filter_backends` and `pagination_class` describe the
    contract to drf-spectacular; the payload itself is assembled from stored
    representations rendered by that same serializer. With `Accept:
    application/ld+json` the same items are written as schema.org JSON-LD by
    `linked_data`.
    """

    renderer_classes = [FastJSONRenderer, JsonLdRenderer]
    filter_backends = [DjangoFilterBackend]
    pagination_class = pagination.LimitOffsetSchema

    resource: ClassVar[Resource]
    # Every resource of the same API version, by name: what `expand` can reach.
    resources: ClassVar[dict[str, Resource]]
    linked_data: ClassVar[LinkedData]
    filterset_class: ClassVar[type[FilterSet]]
    title_field: ClassVar[str] = "name"
    queryset: QuerySet[Any]
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN
    content_version = "0"  # set per request by @cached
    previewing = False

    @cached
    def list(self, request: Request) -> Response:
        allowed = {*self.filterset_class.base_filters, *params.COMMON}
        params.check_known(request, allowed)
        self.previewing = params.preview(request)
        projection = self._projection(request)
        limit, offset = pagination.page_bounds(request)
        if self.previewing or self._filters_given(request):
            rows = self._filtered(request).values_list("pk", "stamp")
            page = dict(rows[offset : offset + limit])
        else:
            # The everyday request (a kiosk's, a crawler's): its SQL compiled once,
            # and its count, when not kept, needs no order.
            rows = self._base_queryset()
            page = dict(self.resource.in_list_order.rows(limit=limit, offset=offset))
        count = self._count(request, rows) if page or offset else 0
        items = self._assemble(page, projection)
        if self._wants_linked_data(request):
            return Response(
                self.linked_data.page(items, count=count, offset=offset, language=self.language)
            )
        return Response(
            pagination.envelope(request, items, count=count, limit=limit, offset=offset)
        )

    @cached
    def retrieve(self, request: Request, slug: str) -> Response:
        params.check_known(request, params.ITEM)
        self.previewing = params.preview(request)
        projection = self._projection(request)
        if self.previewing:
            row = self._base_queryset().filter(slug=slug).values_list("pk", "stamp").first()
        else:
            row = next(iter(self.resource.by_slug.rows(slug=slug)), None)
        if row is None:
            raise Http404(f"No published {self.resource.name[:-1]} has the slug “{slug}”.")
        item = self._assemble(dict([row]), projection)[0]
        if self._wants_linked_data(request):
            return Response(self.linked_data.item(item))
        return Response(item)

    def _wants_linked_data(self, request: Request) -> bool:
        return isinstance(request.accepted_renderer, JsonLdRenderer)

    def _projection(self, request: Request) -> Projection:
        if self._wants_linked_data(request):
            params.check_not_given(
                request,
                {"fields", "expand", "body_format"},
                reason="JSON-LD documents always hold the whole item.",
            )
            return LINKED_DATA_PROJECTION
        return params.projection(
            request, fields=self.resource.field_names, expandable=self.resource.expandable
        )

    def _base_queryset(self) -> QuerySet[Any]:
        if self.previewing:
            return querysets.previewable(self.queryset.model)
        return self.queryset.all()

    def _filtered(self, request: Request) -> QuerySet[Any]:
        queryset = self._base_queryset().order_by("position", "slug")
        # Building a FilterSet costs more than the rest of a warm request;
        # a preview without filters needs none.
        if self._filters_given(request):
            queryset = queryset.annotate(sort_name=self._sort_name())
            queryset = DjangoFilterBackend().filter_queryset(request, queryset, self)
        return queryset

    def _filters_given(self, request: Request) -> bool:
        return bool(request.query_params.keys() & self.filterset_class.base_filters.keys())

    def _count(self, request: Request, rows: QuerySet[Any]) -> int:
        """How many items the request's filters match: counted once per content version."""
        if self.previewing:
            return rows.count()
        filters = sorted(
            (name, values)
            for name, values in request.query_params.lists()
            if name in self.filterset_class.base_filters
        )
        seed = repr((FINGERPRINT, self.content_version, self.resource.name, filters))
        key = "count:" + hashlib.blake2b(seed.encode(), digest_size=16).hexdigest()
        return remembered(
            key, rows.count, local=counts, timeout=settings.API_RESPONSE_CACHE_SECONDS
        )

    def _sort_name(self) -> Any:
        """The title in the served language, falling back to English as the payload does."""
        english = build_localized_fieldname(self.title_field, languages.DEFAULT)
        if self.language == languages.DEFAULT:
            return F(english)
        translated = build_localized_fieldname(self.title_field, self.language)
        return Coalesce(NullIf(translated, Value("")), english)

    def _assemble(
        self, stamps: dict[Any, int], projection: Projection
    ) -> builtins.list[dict[str, Any]]:
        """The items of `stamps` (id -> stamp, in order), projected."""
        found = self._fetch(self.resource, stamps)
        expanded = {}
        for name in projection.expand:
            related = self.resources[self.resource.expandable[name]]
            related_ids = {ref["id"] for rep in found.values() for ref in rep[name]}
            expanded[name] = self._fetch(related, self._stamps(related, related_ids), embedded=True)
        return [
            project(found[str(pk)], projection, expanded=expanded)
            for pk in stamps
            if str(pk) in found
        ]

    def _stamps(self, resource: Resource, ids: set[str]) -> dict[Any, int]:
        """The stamps of the published ones of `ids`, read once per content version."""
        if self.previewing:
            # A preview renders everything afresh: it needs no stamps.
            return dict.fromkeys(ids, 0)
        prefix = f"{self.content_version}:{resource.name}:"
        known = inlined_stamps.get_many([prefix + pk for pk in ids], counted=False)
        unknown = [pk for pk in ids if prefix + pk not in known]
        if unknown:
            found = {str(pk): stamp for pk, stamp in resource.stamps(unknown).items()}
            read = {prefix + pk: found.get(pk) for pk in unknown}
            inlined_stamps.set_many(read)
            known.update(read)
        return {
            key.removeprefix(prefix): stamp for key, stamp in known.items() if stamp is not None
        }

    def _fetch(
        self, resource: Resource, stamps: dict[Any, int], *, embedded: bool = False
    ) -> dict[str, Any]:
        if self.previewing:
            return render_drafts(resource, stamps, language=self.language, embedded=embedded)
        epoch = self.content_version.split("-")[0]
        return fetch(
            resource, stamps, language=self.language, epoch=epoch,
            prefix=CACHE_PREFIX, embedded=embedded,
        )  # fmt: skip


def _vary(existing: str | None, header: str) -> str:
    values = [v.strip() for v in (existing or "").split(",") if v.strip()]
    return ", ".join(values if header in values else [*values, header])
