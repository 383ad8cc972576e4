"""v1 search: one ranked result list across conditions, FAQs and mechanisms, and names to
offer as someone types (DESIGN 2.4)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from api import openapi
from api import state as api_state
from api.caching.responses import cached
from api.errors import error_responses
from api.querying import languages, pagination, params
from api.querying.search import terms as search_terms
from api.querying.search_page import search_everything
from api.querying.suggestions import MAX_RESULTS, suggest
from api.v1 import examples, links, serializers
from api.views import LanguageMixin
from content.types import TEXT_TYPES


class SearchView(LanguageMixin, GenericAPIView):
    """One ranked result list across conditions, FAQs and mechanisms."""

    serializer_class = serializers.SearchResultV1Serializer
    pagination_class = pagination.SearchPagination

    @extend_schema(
        summary="Search everything",
        description="Published conditions, FAQs and mechanisms matching `q`, best first. "
        "On PostgreSQL: full-text search over titles, aliases, summaries and bodies "
        "(weighted in that order). A misspelt word (four letters or more, none of the words "
        "of the titles, aliases and search terms) also matches as the nearest of those words, "
        "on every database.",
        tags=["search"],
        parameters=[
            openapi.text_query(200, "What to search for: up to 200 characters, not all spaces."),
            openapi.TEXT_TYPE_FILTER,
            openapi.LANG,
            openapi.ACCEPT_LANGUAGE,
            *openapi.STANDARD_HEADERS,
        ],
        responses={
            200: serializers.SearchResultV1Serializer(many=True),
            **openapi.NOT_MODIFIED,
            **error_responses(400, 401, 406, 429),
        },
        examples=[OpenApiExample("tenis elbow", value=examples.SEARCH_HIT, response_only=True)],
    )
    @cached
    def get(self, request: Request) -> Response:
        params.check_known(request, {"q", "type", "lang", "limit", "offset"})
        raw = request.query_params.get("q", "")
        text = raw.strip(params.ASCII_SPACE)
        if not text or len(raw) > 200:
            raise ValidationError({"q": ["Give 1 to 200 characters to search for."]})
        kinds = params.item_types(request, TEXT_TYPES)
        limit, offset = pagination.page_bounds(request)
        sources = {
            kind: (TEXT_TYPES[kind].published(), TEXT_TYPES[kind].title_field) for kind in kinds
        }
        version = api_state.of(request).version
        results = search_everything(
            sources,
            search_terms(text, language=self.language, version=version),
            language_suffix=self.language.replace("-", "_"),
            limit=limit,
            offset=offset,
            count_bound=self.pagination_class.count_bound,
        )
        for hit in results.hits:
            hit["url"] = links.api_url(TEXT_TYPES[hit["type"]].collection, hit["slug"])
        api_state.of(request).languages = results.languages
        page = pagination.envelope(
            request,
            results.hits,
            count=results.count,
            limit=limit,
            offset=offset,
            count_relation="eq" if results.exact else "gte",
        )
        page["matched"] = "any" if results.loosened else "all"
        return Response(page)


class SuggestView(LanguageMixin, GenericAPIView):
    """Names of published items that what was typed so far begins, as someone types."""

    serializer_class = serializers.SuggestionsV1Serializer

    @extend_schema(
        summary="Suggest names as someone types",
        description="Up to 8 titles and aliases of published conditions, FAQs and mechanisms "
        "in the language served that `q` begins (any word of them: `elb` → Tennis elbow), "
        "titles first; when fewer begin with it, names that look like it (`tenis` → Tennis "
        "elbow). Read from a narrow index: milliseconds at any size of content. Cached and "
        "revalidated like every response.",
        tags=["search"],
        parameters=[
            openapi.text_query(100, "What was typed so far: up to 100 characters, not all spaces."),
            openapi.TEXT_TYPE_FILTER,
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": MAX_RESULTS},
                description=f"How many names at most (default and most: {MAX_RESULTS}).",
            ),
            openapi.LANG,
            openapi.ACCEPT_LANGUAGE,
            *openapi.STANDARD_HEADERS,
        ],
        responses={
            200: serializers.SuggestionsV1Serializer,
            **openapi.NOT_MODIFIED,
            **error_responses(400, 401, 406, 429),
        },
        examples=[OpenApiExample("ten", value=examples.SUGGESTIONS, response_only=True)],
    )
    @cached
    def get(self, request: Request) -> Response:
        params.check_known(request, {"q", "type", "lang", "limit"})
        raw = request.query_params.get("q", "")
        text = raw.strip(params.ASCII_SPACE)
        if not text or len(raw) > 100:
            raise ValidationError({"q": ["Give 1 to 100 characters typed so far."]})
        kinds = params.item_types(request, TEXT_TYPES)
        limit = pagination.number(request, "limit", MAX_RESULTS, minimum=1, maximum=MAX_RESULTS)
        rows = suggest(
            text,
            language=self.language,
            kinds=kinds,
            limit=limit,
            version=api_state.of(request).version,
        )
        api_state.of(request).languages = languages.named(
            self.language,
            written=any(not row["fallback"] for row in rows),
            fell_back=any(row["fallback"] for row in rows),
        )
        results = [
            {
                "type": row["item_type"],
                "id": row["item_id"],
                "slug": row["slug"],
                "title": row["title"],
                "alias": row["alias"] or None,
                "url": links.api_url(TEXT_TYPES[row["item_type"]].collection, row["slug"]),
            }
            for row in rows
        ]
        return Response({"results": results})
