from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.test import Client

from api.consumers import throttling
from api.consumers.models import ApiClient
from config.caches import PROCESS_COUNTS

pytestmark = pytest.mark.django_db

URL = "/api/v1/"


@pytest.fixture(autouse=True)
def _no_counts_from_an_earlier_test() -> None:
    # What this process counted while the cache was down, within this minute's window.
    PROCESS_COUNTS.clear()


@pytest.fixture
def tight(settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    settings.API_RATE_LIMITS = {"anonymous": 3, "standard": 5, "high": 50, "unlimited": None}
    # Half a minute into a window: a test's requests never straddle two (a new
    # window starts every count again, which once let a burst pass in CI).
    monkeypatch.setattr(throttling, "time", SimpleNamespace(time=lambda: 1_800_000_030.0))


def test_responses_say_where_the_client_stands(client, tight) -> None:
    first = client.get(URL)
    second = client.get(URL)

    assert first["RateLimit-Limit"] == "3"
    assert (first["RateLimit-Remaining"], second["RateLimit-Remaining"]) == ("2", "1")
    assert 0 < int(first["RateLimit-Reset"]) <= 61


def test_two_clients_from_one_address_share_a_limit_and_get_a_429(tight) -> None:
    kiosk, browser = Client(), Client()
    kiosk.get(URL)
    browser.get(URL)
    kiosk.get(URL)

    refused = browser.get(URL)

    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["type"] == "/problems/too-many-requests"
    assert 0 < int(refused["Retry-After"]) <= 61
    assert refused["RateLimit-Remaining"] == "0"


def test_another_address_has_its_own_limit(client, tight) -> None:
    for _ in range(3):
        client.get(URL)

    assert client.get(URL, REMOTE_ADDR="10.0.0.9").status_code == 200
    assert client.get(URL).status_code == 429


def test_a_key_is_limited_by_its_tier_not_by_its_address(client, tight) -> None:
    _, key = ApiClient.objects.create_key(name="app", kind="app", rate_tier="standard")
    auth = {"HTTP_AUTHORIZATION": f"Api-Key {key}"}
    for _ in range(3):
        client.get(URL)

    responses = [client.get(URL, **auth) for _ in range(6)]

    assert [r.status_code for r in responses] == [200] * 5 + [429]
    assert responses[0]["RateLimit-Limit"] == "5"


def test_an_unlimited_key_has_no_limit(client, tight) -> None:
    _, key = ApiClient.objects.create_key(name="partner", kind="partner", rate_tier="unlimited")

    responses = [client.get(URL, HTTP_AUTHORIZATION=f"Api-Key {key}") for _ in range(10)]

    assert {r.status_code for r in responses} == {200}
    assert "RateLimit-Limit" not in responses[0]


def test_a_refused_key_counts_against_the_addresss_anonymous_limit(client, tight) -> None:
    refused = client.get(URL, HTTP_AUTHORIZATION="Api-Key nope.wrong")

    assert refused.status_code == 401
    assert refused["RateLimit-Remaining"] == "2"
    assert client.get(URL)["RateLimit-Remaining"] == "1"


def test_a_burst_of_bad_keys_meets_429s_without_a_lookup_each(
    client, tight, django_assert_num_queries
) -> None:
    bad = {"HTTP_AUTHORIZATION": "Api-Key nope.wrong"}
    statuses = [client.get(URL, **bad).status_code for _ in range(3)]
    with django_assert_num_queries(0):
        refused = [client.get(URL, **bad) for _ in range(5)]

    assert statuses == [401] * 3
    assert {r.status_code for r in refused} == {429}
    assert refused[0]["Content-Type"] == "application/problem+json"
    assert 0 < int(refused[0]["Retry-After"]) <= 61
    # Another address is not affected.
    assert client.get(URL, REMOTE_ADDR="10.0.0.9", **bad).status_code == 401


def test_a_valid_key_is_served_when_the_address_used_its_anonymous_limit(client, tight) -> None:
    _, key = ApiClient.objects.create_key(name="app", kind="app", rate_tier="standard")
    for _ in range(4):
        client.get(URL)

    assert client.get(URL, HTTP_AUTHORIZATION=f"Api-Key {key}").status_code == 200


def test_without_the_cache_each_process_keeps_its_share_of_the_limit(
    client, tight, settings, unreachable_cache
) -> None:
    settings.API_RATE_LIMITS = {"anonymous": 4, "standard": 5, "high": 50, "unlimited": None}
    settings.API_RATE_PROCESSES = 2

    responses = [client.get(URL) for _ in range(3)]

    # Two processes counting alone each allow 2: together about the limit, never unlimited.
    assert [r.status_code for r in responses] == [200, 200, 429]
    assert responses[0]["RateLimit-Limit"] == "2"
    assert client.get(URL, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_without_the_cache_a_burst_of_bad_keys_still_meets_429s(
    client, tight, settings, unreachable_cache
) -> None:
    settings.API_RATE_PROCESSES = 1
    bad = {"HTTP_AUTHORIZATION": "Api-Key nope.wrong"}

    statuses = [client.get(URL, **bad).status_code for _ in range(5)]

    assert statuses == [401] * 3 + [429] * 2


def test_the_docs_and_schema_are_not_counted_against_the_anonymous_limit(client, tight) -> None:
    pages = [client.get(path) for path in ["/api/schema/", "/api/docs/", "/api/redoc/"] * 3]

    assert {page.status_code for page in pages} == {200}
    assert client.get(URL)["RateLimit-Remaining"] == "2"
