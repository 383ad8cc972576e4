"""A URLconf of tiny views that fail on purpose, for tests/api/test_errors.py."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django_filters import rest_framework as filters
from rest_framework import exceptions
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import StaticHTMLRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

handler400 = "web.problems.bad_request"
handler403 = "web.problems.permission_denied"
handler404 = "web.problems.page_not_found"
handler500 = "web.problems.server_error"


class ApiKeyAuthentication:
    """Authenticates no one, but names its scheme for WWW-Authenticate."""

    def authenticate(self, request: Request) -> None:
        return None

    def authenticate_header(self, request: Request) -> str:
        return "Api-Key"


class ReadOnlyView(APIView):
    def get(self, request: Request) -> Response:
        return Response({"name": "Tennis elbow"})


class InvalidView(APIView):
    def get(self, request: Request) -> Response:
        raise exceptions.ValidationError(
            {
                "body_format": ["Must be one of: html, text, blocks, markdown."],
                "filter": {
                    "published_after": ["Enter a valid date/time."],
                    "non_field_errors": ["Give either a date or a cursor."],
                },
                "items": [{}, {"slug": ["Unknown slug.", "Too long."]}],
                "non_field_errors": ["Too many parameters."],
            }
        )


class MissingView(APIView):
    def get(self, request: Request) -> Response:
        raise Http404("No condition matches the given slug.")


class HtmlMissingView(MissingView):
    renderer_classes = [StaticHTMLRenderer]


class ForbiddenView(APIView):
    def get(self, request: Request) -> Response:
        raise PermissionDenied


class UnauthenticatedView(APIView):
    authentication_classes = [ApiKeyAuthentication]

    def get(self, request: Request) -> Response:
        raise exceptions.NotAuthenticated


class ThrottledView(APIView):
    def get(self, request: Request) -> Response:
        raise exceptions.Throttled(wait=12)


class CrashingApiView(APIView):
    def get(self, request: Request) -> Response:
        raise RuntimeError("a bug")


class UserFilterSet(filters.FilterSet):
    joined_after = filters.IsoDateTimeFilter(field_name="date_joined", lookup_expr="gte")

    class Meta:
        model = get_user_model()
        fields: list[str] = []


class FilteredView(GenericAPIView):  # type: ignore[type-arg]
    queryset = get_user_model().objects.all()
    filter_backends = [filters.DjangoFilterBackend]
    filterset_class = UserFilterSet

    def get(self, request: Request) -> Response:
        self.filter_queryset(self.get_queryset())
        return Response([])


def crashing_view(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug")


def database_gone_view(request: HttpRequest) -> HttpResponse:
    raise OperationalError("server closed the connection unexpectedly")


def forbidden_view(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied


def missing_view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404("No condition matches the given slug.")


urlpatterns = [
    path("api/read-only/", ReadOnlyView.as_view()),
    path("api/invalid/", InvalidView.as_view()),
    path("api/missing/", MissingView.as_view()),
    path("api/html/missing/", HtmlMissingView.as_view()),
    path("api/forbidden/", ForbiddenView.as_view()),
    path("api/unauthenticated/", UnauthenticatedView.as_view()),
    path("api/throttled/", ThrottledView.as_view()),
    path("api/crash/", CrashingApiView.as_view()),
    path("api/filtered/", FilteredView.as_view()),
    path("api/plain/crash/", crashing_view),
    path("api/plain/database-gone/", database_gone_view),
    path("api/plain/forbidden/", forbidden_view),
    path("api/plain/missing/", missing_view),
    path("crash/", crashing_view),
]
