"""One FilterSet per resource (DESIGN 2.3), shared by every API version.

Slug filters take one slug or a comma-separated list (`?body_region=neck,jaw`)
and match any of them; a value that is not a slug, an empty one (`?body_region=`,
`?body_region=neck,`) and a slug that names nothing are each a 400, never an
empty list or everything. `ordering` accepts the listed names, `-` for descending.
"""

from __future__ import annotations

from typing import Any

import django_filters as filters
from django import forms
from django.core.validators import slug_re
from django.db.models import QuerySet
from django_filters import fields
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from django_filters.widgets import CSVWidget
from drf_spectacular.utils import extend_schema_field

from api import state as api_state
from api.querying import languages
from api.querying.search import matching, search, terms
from content.models import (
    FAQ,
    BodyRegion,
    Condition,
    ConditionCategory,
    FaqTopic,
    Image,
    Mechanism,
)
from content.types import CONDITION, FAQ_TYPE, IMAGE, MECHANISM

# What a slug can be, as openapi.yaml says it: Django's slug_re (SlugField's
# validator), at most SlugField's longest max_length.
SLUG_MAX_LENGTH = 100
SLUG_SCHEMA = {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$", "maxLength": SLUG_MAX_LENGTH}


class _GivenCSVWidget(CSVWidget):
    """Like CSVWidget, but given empty (`?slug=`) is one empty value, not no filter."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        value = forms.Widget.value_from_datadict(self, data, files, name)
        return None if value is None else value.split(",")


class _SlugsField(fields.ModelMultipleChoiceField):
    def clean(self, value: Any) -> Any:
        if value:
            malformed = [repr(item) for item in value if item and not _is_slug(item)]
            if malformed or "" in value:
                raise forms.ValidationError(
                    (f"Not a slug: {', '.join(malformed)}. " if malformed else "")
                    + "Give one or more slugs (letters, digits, - and _) separated by commas, "
                    "none empty.",
                    code="malformed",
                )
        return super().clean(value)


def _is_slug(value: str) -> bool:
    return len(value) <= SLUG_MAX_LENGTH and slug_re.match(value) is not None


@extend_schema_field(SLUG_SCHEMA)  # each slug: django-filter documents the list
class SlugsFilter(filters.ModelMultipleChoiceFilter):
    """Items related to any of the given slugs (comma-separated)."""

    field_class = _SlugsField

    def __init__(self, *, queryset: Any, names: str, help_text: str, **kwargs: Any) -> None:
        super().__init__(
            queryset=queryset,
            to_field_name="slug",
            widget=_GivenCSVWidget,
            distinct=True,
            help_text=f"{help_text} One, or several separated by commas (any of them "
            f"matches). A slug that names no {names} is a 400.",
            error_messages={"invalid_choice": f"No {names} has the slug '%(value)s'."},
            **kwargs,
        )


@extend_schema_field({"type": "string", "maxLength": 200})
class SearchTextFilter(filters.CharFilter):
    """At most 200 characters (longer is a 400)."""


class _GivenIsoDateTimeField(IsoDateTimeField):
    def clean(self, value: Any) -> Any:
        # Absent is None; given empty (`?updated_since=`) is not "no filter".
        if value == "":
            raise forms.ValidationError("Enter a valid date/time.", code="invalid")
        return super().clean(value)


class SinceFilter(filters.IsoDateTimeFilter):
    """An ISO 8601 date-time; given empty, a 400 rather than no filter at all."""

    field_class = _GivenIsoDateTimeField


def _ordering(title: str) -> filters.OrderingFilter:
    """`ordering` by the title (as served, see ContentViewSet._sort_name), position or update."""
    return filters.OrderingFilter(
        fields=(("position", "position"), ("sort_name", title), ("updated_at", "updated_at")),
        help_text=f"{title}, position or updated_at; prefix with - to reverse. Default: position.",
    )


def _clean_ordering(form: forms.Form) -> Any:
    # `?ordering=` or `?ordering=name,` would otherwise be the default order.
    raw = form.data.get("ordering")
    if raw is not None and any(not item.strip() for item in raw.split(",")):
        raise forms.ValidationError("Give ordering names separated by commas, none empty.")
    return form.cleaned_data["ordering"]


class FilterSetBackend(DjangoFilterBackend):
    """django-filter's backend, keeping the FilterSet on the view as django-filter's
    own FilterView does: the paginator counts a search's `matches`."""

    def get_filterset(self, request: Any, queryset: QuerySet[Any], view: Any) -> Any:
        view.filterset = super().get_filterset(request, queryset, view)
        return view.filterset


class ContentFilterSet(filters.FilterSet):
    q = SearchTextFilter(
        method="filter_q",
        max_length=200,
        help_text="Search text, every word of it (see `/search/`). With no `ordering`, the "
        "best matches ranked (pages end after at least the best 200); with `ordering`, every "
        "match in that order. `count` counts matches up to 1000.",
    )
    updated_since = SinceFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Only items updated at or after this ISO 8601 date-time.",
    )

    def get_form_class(self) -> type[forms.Form]:
        form = super().get_form_class()
        return type(form.__name__, (form,), {"clean_ordering": _clean_ordering})

    # What a page's count counts: every match of the filters (filter_queryset).
    matches: QuerySet[Any] | None = None

    def filter_q(self, queryset: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return queryset  # searched last, in filter_queryset, among what the others keep

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        """The filters and `ordering`, then the search text (DESIGN 2.4): every match in
        the order asked for, or, with no `ordering`, the best matches ranked (a bounded
        candidate set, as `/search/`); `matches` keeps every match, for the count."""
        filtered = super().filter_queryset(queryset)
        text = self.form.cleaned_data.get("q") or ""
        if not text.strip():
            return filtered
        language = languages.negotiate(self.request)
        version = api_state.of(self.request).version
        searched = terms(text, language=language, version=version)
        self.matches = matching(filtered, searched)
        if self.form.cleaned_data.get("ordering"):
            return self.matches
        return search(filtered, searched)


class ConditionFilterSet(ContentFilterSet):
    slug = SlugsFilter(
        names="published condition",
        queryset=CONDITION.published(),
        field_name="slug",
        help_text="Slugs.",
    )
    body_region = SlugsFilter(
        queryset=BodyRegion.objects.all(),
        field_name="body_regions__slug",
        names="body region",
        help_text="Region slugs.",
    )
    category = SlugsFilter(
        queryset=ConditionCategory.objects.all(),
        field_name="category__slug",
        names="category",
        help_text="Category slugs.",
    )
    mechanism = SlugsFilter(
        queryset=MECHANISM.published(),
        field_name="mechanisms__slug",
        names="published mechanism",
        help_text="Mechanism slugs.",
    )
    ordering = _ordering("name")

    class Meta:
        model = Condition
        fields = ["q", "slug", "body_region", "category", "mechanism", "updated_since"]


class FaqFilterSet(ContentFilterSet):
    slug = SlugsFilter(
        names="published FAQ", queryset=FAQ_TYPE.published(), field_name="slug", help_text="Slugs."
    )
    topic = SlugsFilter(
        queryset=FaqTopic.objects.all(),
        field_name="topic__slug",
        names="topic",
        help_text="Topic slugs.",
    )
    condition = SlugsFilter(
        queryset=CONDITION.published(),
        field_name="conditions__slug",
        names="published condition",
        help_text="Condition slugs.",
    )
    mechanism = SlugsFilter(
        queryset=MECHANISM.published(),
        field_name="mechanisms__slug",
        names="published mechanism",
        help_text="Mechanism slugs.",
    )
    ordering = _ordering("question")

    class Meta:
        model = FAQ
        fields = ["q", "slug", "topic", "condition", "mechanism", "updated_since"]


class MechanismFilterSet(ContentFilterSet):
    slug = SlugsFilter(
        names="published mechanism",
        queryset=MECHANISM.published(),
        field_name="slug",
        help_text="Slugs.",
    )
    ordering = _ordering("name")

    class Meta:
        model = Mechanism
        fields = ["q", "slug", "updated_since"]


class ImageFilterSet(ContentFilterSet):
    # No search text: an image is found through the items that show it.
    q = None  # type: ignore[assignment]
    slug = SlugsFilter(
        names="published image",
        queryset=IMAGE.published(),
        field_name="slug",
        help_text="Slugs.",
    )
    ordering = _ordering("name")

    class Meta:
        model = Image
        fields = ["slug", "updated_since"]
