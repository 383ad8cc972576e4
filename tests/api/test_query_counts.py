"""Each endpoint costs a constant number of queries, whatever the page size or `expand`."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


# One condition that has an FAQ (postural dysfunction), and all of them.
@pytest.mark.parametrize(("limit", "offset"), [(1, 12), (18, 0)])
def test_a_new_view_of_stored_representations_costs_two_queries(
    client, seed, django_assert_num_queries, limit, offset
) -> None:
    page = f"/api/v1/conditions/?limit={limit}&offset={offset}&expand=mechanisms,faqs"
    client.get(page)
    reshaped = f"{page}&fields=slug,mechanisms"

    # 1 content version, 1 page of ids and stamps; the representations, the
    # count and the stamps of the inlined mechanisms and FAQs were read already
    with django_assert_num_queries(2):
        client.get(reshaped)


def test_inlined_items_are_read_again_once_the_content_changes(client, seed) -> None:
    from content.models import Condition
    from content.services import content_save

    page = "/api/v1/conditions/?limit=1&expand=mechanisms"
    first = client.get(page).json()["results"][0]
    mechanism = Condition.objects.get(slug=first["slug"]).mechanisms.get(
        slug=first["mechanisms"][0]["slug"]
    )
    mechanism.summary = "A new summary."
    content_save(item=mechanism, by=None)

    # Another view of the same page: its mechanisms' stamps are read anew.
    inlined = client.get(f"{page}&fields=slug,mechanisms").json()["results"][0]["mechanisms"]
    assert "A new summary." in [m["summary"] for m in inlined]


def test_the_pages_of_a_list_share_its_count_until_the_content_changes(
    client, seed, django_assert_num_queries
) -> None:
    from content.models import Condition
    from content.services import content_unpublish

    client.get("/api/v1/conditions/?limit=18")  # every condition stored
    elbow = Condition.objects.filter(body_regions__slug="elbow")
    in_elbow = elbow.count()
    filtered = "/api/v1/conditions/?body_region=elbow&limit=1"
    assert client.get(filtered).json()["count"] == in_elbow > 1

    # 1 content version, 1 page of ids and stamps: the count is stored (and
    # the filtered list 1 more, the FilterSet checking that the region exists)
    with django_assert_num_queries(3):
        assert client.get(f"{filtered}&offset=1").json()["count"] == in_elbow
    with django_assert_num_queries(2):
        assert client.get("/api/v1/conditions/?limit=1&offset=3").json()["count"] == 18
    content_unpublish(item=elbow.first(), by=None)

    assert client.get(f"{filtered}&offset=1").json()["count"] == in_elbow - 1
    assert client.get("/api/v1/conditions/?limit=1&offset=3").json()["count"] == 17


def test_a_repeated_request_costs_only_the_content_version(
    client, seed, django_assert_num_queries
) -> None:
    url = "/api/v1/conditions/?limit=18&expand=mechanisms,faqs"
    client.get(url)

    # 1 content version (none when the shared cache holds it: test_http_caching.py)
    with django_assert_num_queries(1):
        client.get(url)


@pytest.mark.parametrize(("limit", "offset"), [(1, 12), (18, 0)])
def test_a_cold_condition_list_renders_in_a_constant_number_of_queries(
    client, seed, django_assert_num_queries, limit, offset
) -> None:
    # 1 content version, 1 page of ids and stamps, 1 count,
    # conditions: 1 rows + category, 1 regions, 1 mechanism links, 1 FAQs,
    # inlined mechanisms: 1 stamps, 1 rows; FAQs: 1 stamps, 1 rows + topic;
    # and the disclaimer each rendered item's attribution carries, once per kind
    with django_assert_num_queries(14):
        client.get(f"/api/v1/conditions/?limit={limit}&offset={offset}&expand=mechanisms,faqs")


@pytest.mark.parametrize(
    ("url", "queries"),
    [
        # (every rendering of items reads the disclaimer their attribution carries: 1)
        # 1 version, 1 slug → id; then 1 rows + category, 1 regions, 1 links, 1 FAQs
        ("/api/v1/conditions/tennis-elbow/", 7),
        # 1 version, 1 slug → id; then 1 rows + topic, 1 conditions, 1 mechanisms
        ("/api/v1/faqs/what-is-ims/", 6),
        # 1 version, 1 slug → id; then 1 rows, 1 condition links, 1 FAQs
        ("/api/v1/mechanisms/twitch-response/", 6),
        # 1 version, 1 page of ids, 1 count; then 1 rows, 1 condition links, 1 FAQs
        ("/api/v1/mechanisms/", 7),
        # 1 version, 1 page of ids, 1 count; then 1 rows + topic, 1 conditions, 1 mechanisms
        ("/api/v1/faqs/", 7),
        # 1 version, 1 page of regions with counts, 1 count
        ("/api/v1/body-regions/", 3),
        # 1 version, 1 region with its count
        ("/api/v1/body-regions/neck/", 2),
        # 1 version (it keys the cached response), 1 disclaimer
        ("/api/v1/", 2),
    ],
)
def test_every_endpoint_has_a_fixed_cold_query_count(
    client, seed, django_assert_num_queries, url: str, queries: int
) -> None:
    with django_assert_num_queries(queries):
        assert client.get(url).status_code == 200
