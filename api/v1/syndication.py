"""v1 syndication: the changes feed and the bundle (DESIGN 2.7)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import translation
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from api import changes, openapi, querysets
from api import state as api_state
from api.caching.representations import fetch, project
from api.caching.responses import cached
from api.errors import error_responses
from api.querying import languages, pagination, params
from api.snapshots import snapshot
from api.v1 import examples, links, serializers
from api.v1.resources import RESOURCES
from api.views import LanguageMixin
from content import versions
from content.models import Disclaimer
from content.types import ITEM_TYPES


@extend_schema_view(
    get=extend_schema(
        summary="Changes feed",
        description="Every created, updated and removed item in commit order. Start without "
        "`since` (or from a bundle's cursor), keep `cursor` and poll `next`: replaying the feed "
        "yields exactly the published content; removals are tombstones. Not cached.",
        tags=["syndication"],
        parameters=[
            OpenApiParameter(
                "since",
                str,
                # What a cursor looks like (URL-safe base64); one this feed did not
                # give out is still a 400 that says so.
                pattern=r"^[A-Za-z0-9_-]+$",
                description="A cursor from an earlier page or a bundle. One this feed did not "
                "give out, from another database or ahead of the feed is a 400.",
            ),
            openapi.ITEM_TYPE_FILTER,
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": changes.MAX_LIMIT},
                description=f"Events per page, 1 to {changes.MAX_LIMIT} "
                f"(default {changes.DEFAULT_LIMIT}).",
            ),
        ],
        responses={200: serializers.ChangesV1Serializer, **error_responses(400, 401, 406, 429)},
        examples=[OpenApiExample("A page of changes", value=examples.CHANGES, response_only=True)],
    )
)
class ChangesView(LanguageMixin, GenericAPIView):
    serializer_class = serializers.ChangesV1Serializer

    def get(self, request: Request) -> Response:
        params.check_known(request, {"since", "type", "limit"})
        epoch = versions.current().epoch
        after = (
            changes.decode(request.query_params["since"], epoch=epoch)
            if "since" in request.query_params
            else 0
        )
        kinds = params.item_types(request, ITEM_TYPES)
        limit = pagination.number(
            request, "limit", changes.DEFAULT_LIMIT, minimum=1, maximum=changes.MAX_LIMIT
        )
        body = changes.page(
            after=after, types=kinds, limit=limit, epoch=epoch, request=request, url=links.item_url
        )
        response = Response(body)
        response["Cache-Control"] = "no-cache"
        return response


@extend_schema_view(
    get=extend_schema(
        summary="Everything published, in one document",
        description="Every published condition, FAQ and mechanism (full representations, "
        "references between them) and the body regions, in one language, with the `cursor` "
        "of the last change it includes: load it, then follow `/changes/?since=<cursor>`. "
        "Built once per content version; ETag and 304 as everywhere.",
        tags=["syndication"],
        parameters=[
            openapi.BODY_FORMAT,
            openapi.LANG,
            openapi.ACCEPT_LANGUAGE,
            *openapi.STANDARD_HEADERS,
        ],
        responses={
            200: serializers.BundleV1Serializer,
            **openapi.NOT_MODIFIED,
            **error_responses(400, 401, 406, 429),
        },
    )
)
class BundleView(LanguageMixin, GenericAPIView):
    serializer_class = serializers.BundleV1Serializer

    @cached
    def get(self, request: Request) -> Response:
        params.check_known(request, {"lang", "body_format"})
        projection = params.projection(request, fields=(), expandable=())
        # One snapshot for the cursor and the content, so that following the
        # feed from the cursor neither misses nor repeats a change.
        with transaction.atomic(), snapshot():
            version = versions.stored()
            body: dict[str, Any] = {
                "language": self.language,
                "cursor": changes.snapshot_cursor(version.epoch),
                "disclaimer": disclaimer(self.language),
            }
            for name, resource in RESOURCES.items():
                stamps = dict(resource.published().values_list("pk", "stamp"))
                found = fetch(
                    resource, stamps, language=self.language, epoch=version.epoch,
                    body_format=projection.body_format,
                )  # fmt: skip
                body[name] = [
                    project(found[str(pk)], projection) for pk in stamps if str(pk) in found
                ]
            with translation.override(self.language):
                regions = serializers.BodyRegionV1Serializer(querysets.body_regions(), many=True)
                body["body_regions"] = regions.data
        # Content-Language: every language the items were served in.
        items = [item for name in RESOURCES for item in body[name]]
        api_state.of(request).languages = languages.served(items, self.language)
        return Response(body)


def disclaimer(language: str) -> dict[str, Any]:
    """The medical disclaimer in `language` (English where it has no translation)."""
    with translation.override(language):
        return dict(serializers.DisclaimerV1Serializer(Disclaimer.objects.current()).data)
