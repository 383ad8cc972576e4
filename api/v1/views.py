"""v1 endpoints: declarations over the shared views in api/views.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils import translation
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.viewsets import GenericViewSet

from api import lifecycle, openapi, querysets
from api.caching.representations import Resource
from api.caching.responses import cached
from api.errors import error_responses
from api.querying import filters, languages, pagination, params
from api.renderers import LinkedData
from api.v1 import examples, imageobjects, linkeddata, serializers
from api.v1.resources import RESOURCES
from api.v1.serializers import IndexV1Serializer
from api.v1.syndication import disclaimer
from api.views import SLUG_PATTERN, ContentViewSet, LanguageMixin
from content.types import ITEM_TYPES

LINKED_DATA_HELP = (
    "With `Accept: application/ld+json` the same items come as schema.org JSON-LD for "
    "partners' pages (`fields`, `expand` and `body_format` do not apply to it). Review "
    "metadata (`lastReviewed`, `reviewedBy`) and `citation` appear where editors recorded them."
)


def _documented(
    resource: Resource,
    *,
    tag: str,
    example: dict[str, Any],
    filters_help: str,
    linked_data: LinkedData,
    linked_data_help: tuple[str, str],
    lookup: str = "slug",
) -> Callable[[type[ContentViewSet]], type[ContentViewSet]]:
    """The OpenAPI description of an item type's list and detail endpoints."""
    names = list(resource.serializer().fields)
    parameters = openapi.item_parameters(names, resource.expandable)
    singular = tag[:-1]
    page_help, item_help = linked_data_help
    page_document = linked_data.page([example], count=1, offset=0, language="en")
    return extend_schema_view(
        list=extend_schema(
            summary=f"List published {tag}",
            description=f"Published {tag}, {filters_help} Paginated by `limit`/`offset`. "
            f"{LINKED_DATA_HELP}",
            tags=[tag],
            parameters=parameters,
            responses={
                (200, "application/json"): resource.serializer(many=True),
                (200, openapi.LINKED_DATA): openapi.linked_data_response(
                    name=f"{singular.title()}ListLinkedData",
                    types=[page_document["@type"]],
                    description=page_help,
                    example=page_document,
                ),
                **openapi.NOT_MODIFIED,
                **error_responses(400, 401, 403, 406, 429),
            },
            examples=[OpenApiExample(f"A page of {tag}", value=example, response_only=True)],
        ),
        retrieve=extend_schema(
            summary=f"One published {singular}, by {lookup}",
            description=LINKED_DATA_HELP,
            tags=[tag],
            parameters=[openapi.slug_in_path(singular, SLUG_PATTERN, by=lookup), *parameters],
            responses={
                (200, "application/json"): resource.serializer,
                (200, openapi.LINKED_DATA): openapi.linked_data_response(
                    name=f"{singular.title()}LinkedData",
                    types=[linked_data.item(example)["@type"]],
                    description=item_help,
                    example=linked_data.item(example),
                ),
                **openapi.NOT_MODIFIED,
                **error_responses(400, 401, 403, 404, 406, 429),
            },
            examples=[OpenApiExample(example["slug"], value=example, response_only=True)],
        ),
    )


@_documented(
    RESOURCES["conditions"],
    tag="conditions",
    example=examples.TENNIS_ELBOW,
    filters_help="filtered by body region, category, mechanism, update time or search text.",
    linked_data=linkeddata.CONDITIONS,
    linked_data_help=(
        "An `ItemList` of `MedicalWebPage`s, each about a `MedicalCondition` with IMS "
        "(a `MedicalTherapy`) as `possibleTreatment` and its mechanisms as parts.",
        "A `MedicalWebPage` about a `MedicalCondition`, with IMS (a `MedicalTherapy`) as "
        "`possibleTreatment` and the mechanisms that explain it as parts (`hasPart`).",
    ),
)
class ConditionViewSet(ContentViewSet):
    serializer_class = serializers.ConditionV1Serializer
    resource = RESOURCES["conditions"]
    resources = RESOURCES
    linked_data = linkeddata.CONDITIONS
    filterset_class = filters.ConditionFilterSet


@_documented(
    RESOURCES["faqs"],
    tag="faqs",
    example=examples.WHAT_IS_A_TRIGGER_POINT,
    filters_help="filtered by topic, related condition or mechanism, update time or search text.",
    linked_data=linkeddata.FAQS,
    linked_data_help=(
        "A `FAQPage` whose `mainEntity` is this page's `Question`s, each with its "
        "`acceptedAnswer`.",
        "A `FAQPage` of this one `Question` and its `acceptedAnswer`.",
    ),
)
class FaqViewSet(ContentViewSet):
    serializer_class = serializers.FaqV1Serializer
    resource = RESOURCES["faqs"]
    resources = RESOURCES
    linked_data = linkeddata.FAQS
    filterset_class = filters.FaqFilterSet


@_documented(
    RESOURCES["mechanisms"],
    tag="mechanisms",
    example=examples.AXOPLASMIC_FLOW,
    filters_help="filtered by update time or search text.",
    linked_data=linkeddata.MECHANISMS,
    linked_data_help=(
        "A `MedicalWebPage` about IMS (a `MedicalTherapy`) with each mechanism as a part "
        "(`hasPart`).",
        "A `MedicalWebPage` about IMS (a `MedicalTherapy`), part of the page on how IMS works.",
    ),
)
class MechanismViewSet(ContentViewSet):
    serializer_class = serializers.MechanismV1Serializer
    resource = RESOURCES["mechanisms"]
    resources = RESOURCES
    linked_data = linkeddata.MECHANISMS
    filterset_class = filters.MechanismFilterSet


@_documented(
    RESOURCES["images"],
    tag="images",
    example=examples.IMS_TOOLS,
    filters_help="with every rendition (each width in AVIF, WebP and JPEG, as is and "
    "cropped), `srcset` strings and the alt text to show them with; filtered by slug or "
    "update time.",
    linked_data=imageobjects.IMAGES,
    linked_data_help=(
        "An `ItemList` of `ImageObject`s, each with its renditions as thumbnails.",
        "An `ImageObject`: alt text as `description`, `caption`, `creditText`, `license`, "
        "and every rendition as a thumbnail.",
    ),
    lookup="slug or id",
)
class ImageViewSet(ContentViewSet):
    """Images, by slug or by id: bodies name an image by its id."""

    serializer_class = serializers.ImageV1Serializer
    resource = RESOURCES["images"]
    resources = RESOURCES
    linked_data = imageobjects.IMAGES
    filterset_class = filters.ImageFilterSet
    lookup_by_id = True


@extend_schema_view(
    list=extend_schema(
        summary="List body regions",
        description="Every body region with the number of published conditions in it.",
        tags=["body-regions"],
        parameters=[openapi.LANG, openapi.ACCEPT_LANGUAGE, *openapi.STANDARD_HEADERS],
        responses={
            200: serializers.BodyRegionV1Serializer(many=True),
            **openapi.NOT_MODIFIED,
            **error_responses(400, 401, 406, 429),
        },
        examples=[OpenApiExample("A page of regions", value=examples.ELBOW, response_only=True)],
    ),
    retrieve=extend_schema(
        summary="One body region, by slug",
        description="A body region with the number of published conditions in it.",
        tags=["body-regions"],
        parameters=[
            openapi.slug_in_path("body region", SLUG_PATTERN),
            openapi.LANG,
            openapi.ACCEPT_LANGUAGE,
            *openapi.STANDARD_HEADERS,
        ],
        responses={
            200: serializers.BodyRegionV1Serializer,
            **openapi.NOT_MODIFIED,
            **error_responses(400, 401, 404, 406, 429),
        },
        examples=[OpenApiExample("elbow", value=examples.ELBOW, response_only=True)],
    ),
)
class BodyRegionViewSet(
    LanguageMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, GenericViewSet
):
    """Body regions are few and small: served straight from one query."""

    serializer_class = serializers.BodyRegionV1Serializer
    pagination_class = pagination.StrictLimitOffsetPagination
    queryset = querysets.body_regions()
    lookup_field = "slug"
    lookup_value_regex = SLUG_PATTERN

    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if self.action is None:
            return  # a method no action answers: DRF's 405, whatever the parameters
        known = {"lang", "limit", "offset"} if self.action == "list" else {"lang"}
        params.check_known(request, known)

    @cached
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with translation.override(self.language):
            return super().list(request, *args, **kwargs)

    @cached
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        with translation.override(self.language):
            return super().retrieve(request, *args, **kwargs)

    def get_object(self) -> Any:
        region = self.get_queryset().filter(slug=self.kwargs["slug"]).first()
        if region is None:
            raise Http404(f"No body region has the slug “{self.kwargs['slug']}”.")
        return region


class IndexView(LanguageMixin, APIView):
    """Where everything in v1 is, and the version's lifecycle."""

    @extend_schema(
        summary="The v1 index",
        description="Links to every collection, the languages served, and this version's "
        "lifecycle (a deprecated version names its sunset date).",
        tags=["index"],
        parameters=[*openapi.STANDARD_HEADERS],
        responses={
            200: IndexV1Serializer,
            **openapi.NOT_MODIFIED,
            **error_responses(400, 401, 406, 429),
        },
        examples=[OpenApiExample("v1", value=examples.INDEX, response_only=True)],
    )
    @cached
    def get(self, request: Request) -> Response:
        params.check_known(request, {"lang"})
        life = lifecycle.of("v1")
        return Response(
            {
                "version": "v1",
                "status": life.status,
                "deprecated": life.deprecated_since is not None,
                "sunset": life.sunset,
                "collections": {
                    name: reverse(f"v1:{route}-list")
                    for name, route in (
                        *((t.collection, t.name) for t in ITEM_TYPES.values()),
                        ("body_regions", "body-region"),
                    )
                }
                | {
                    "search": reverse("v1:search"),
                    "suggest": reverse("v1:suggest"),
                    "changes": reverse("v1:changes"),
                    "bundle": reverse("v1:bundle"),
                },
                "languages": languages.SUPPORTED,
                "docs": {
                    "openapi": reverse("schema"),
                    "swagger_ui": reverse("swagger-ui"),
                    "redoc": reverse("redoc"),
                },
                "disclaimer": disclaimer(self.language),
            }
        )
