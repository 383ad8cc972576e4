"""Prepared queries (api.prepared) read what the querysets they are built from read."""

from __future__ import annotations

import uuid

import pytest

from api.prepared import PreparedQuery
from api.v1.views import RESOURCES
from content.models import Condition, Status

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("limit", "offset"), [(5, 0), (5, 4), (20, 0), (3, 17), (5, 100)])
def test_a_page_in_list_order_is_the_querysets_slice(seed, limit: int, offset: int) -> None:
    ordered = Condition.objects.published().order_by("position", "slug").values_list("pk", "stamp")

    page = RESOURCES["conditions"].in_list_order.rows(limit=limit, offset=offset)

    assert page == list(ordered[offset : offset + limit])
    assert all(isinstance(pk, uuid.UUID) for pk, _ in page)  # SQLite stores text


def test_an_item_by_slug_is_found_while_it_is_published(seed) -> None:
    from content.services import content_unpublish

    elbow = Condition.objects.get(slug="tennis-elbow")
    by_slug = RESOURCES["conditions"].by_slug

    assert by_slug.rows(slug="tennis-elbow") == [(elbow.pk, elbow.stamp)]
    assert by_slug.rows(slug="no-such-condition") == []
    content_unpublish(item=elbow, by=None)
    assert by_slug.rows(slug="tennis-elbow") == []
    assert Condition.objects.filter(slug="tennis-elbow", status=Status.DRAFT).exists()


def test_each_argument_must_be_a_parameter_as_given(db) -> None:
    unused = PreparedQuery(lambda slug: Condition.objects.all(), columns=("pk",))
    rewritten = PreparedQuery(
        lambda text: Condition.objects.filter(name_en__icontains=text), columns=("pk",)
    )

    with pytest.raises(ValueError, match="a parameter as given"):
        unused.rows(slug="x")
    with pytest.raises(ValueError, match="a parameter as given"):
        rewritten.rows(text="elbow")


def test_columns_come_in_the_order_asked_whatever_the_sql_order(seed) -> None:
    from django.db.models import F

    def build():  # type: ignore[no-untyped-def]
        # Django selects annotations after fields: the SQL has pk first.
        return Condition.objects.annotate(doubled=F("stamp") * 2).order_by("position", "slug")

    prepared = PreparedQuery(build, columns=("doubled", "pk"), paged=True)

    assert prepared.rows(limit=4, offset=1) == list(build().values_list("doubled", "pk")[1:5])
