"""ETag/Last-Modified/304, Cache-Control and the server-side response cache (DESIGN 2.6)."""

from __future__ import annotations

import logging
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.http import parse_http_date

from api.consumers.models import ApiClient
from config.caches import outages
from content import versions
from content.models import Condition
from content.services import content_save

pytestmark = pytest.mark.django_db

LIST = "/api/v1/conditions/?limit=5&expand=mechanisms"
DETAIL = "/api/v1/conditions/tennis-elbow/"


@pytest.fixture
def version_in_cache(settings) -> None:  # type: ignore[no-untyped-def]
    settings.CONTENT_VERSION_CACHE_SECONDS = 30


def test_public_responses_carry_validators_and_cache_headers(client, seed) -> None:
    response = client.get(DETAIL)

    assert response.status_code == 200
    assert response["ETag"].startswith('"')
    assert response["ETag"].endswith('"')
    assert response["Last-Modified"].endswith(" GMT")
    assert response["Cache-Control"] == "public, max-age=60, stale-while-revalidate=300"
    assert [v.strip() for v in response["Vary"].split(",")] == [
        "Accept",
        "Accept-Language",
        "Authorization",
        "origin",
        "Accept-Encoding",
    ]
    assert response["Content-Language"] == "en"


@pytest.mark.parametrize(
    "url",
    [LIST, DETAIL, "/api/v1/faqs/", "/api/v1/body-regions/", "/api/v1/search/?q=neck", "/api/v1/"],
)
@pytest.mark.parametrize("lang", ["en", "fr-ca"])
@pytest.mark.parametrize("body_format", ["html", "blocks"])
def test_if_none_match_gives_a_304_without_a_body(client, seed, url, lang, body_format) -> None:
    if "search" not in url and "body-regions" not in url and url != "/api/v1/":
        url += ("&" if "?" in url else "?") + f"body_format={body_format}"
    url += ("&" if "?" in url else "?") + f"lang={lang}"
    etag = client.get(url)["ETag"]

    response = client.get(url, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag
    assert response["Content-Language"] == lang


def test_a_304_never_claims_a_length(client, seed) -> None:
    # RFC 9110 §8.6: only the length of the 200's content would be allowed.
    _, key = ApiClient.objects.create_key(name="Main St kiosk", kind="kiosk")
    keyed = {"Authorization": f"Api-Key {key}"}
    etag = client.get(DETAIL)["ETag"]

    answered_early = client.get(DETAIL, headers={"If-None-Match": etag})
    answered_in_full = client.get(DETAIL, headers={**keyed, "If-None-Match": etag})

    for response in (answered_early, answered_in_full):
        assert response.status_code == 304
        assert "Content-Length" not in response


def test_the_etag_differs_with_everything_that_changes_the_body(client, seed) -> None:
    etags = {
        client.get(DETAIL)["ETag"],
        client.get(DETAIL + "?lang=fr-ca")["ETag"],
        client.get(DETAIL, HTTP_ACCEPT_LANGUAGE="fr-CA")["ETag"],
        client.get(DETAIL + "?body_format=text")["ETag"],
        client.get(DETAIL + "?fields=slug")["ETag"],
        client.get("/api/v1/conditions/neck-pain/")["ETag"],
    }

    assert len(etags) == 6


def test_if_modified_since_gives_a_304_until_content_changes(client, seed) -> None:
    last_modified = client.get(DETAIL)["Last-Modified"]

    assert client.get(DETAIL, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    old = "Mon, 01 Jan 2001 00:00:00 GMT"
    assert client.get(DETAIL, HTTP_IF_MODIFIED_SINCE=old).status_code == 200


def test_a_stale_etag_gets_the_new_body(client, seed) -> None:
    etag = client.get(DETAIL)["ETag"]
    _edit_summary("tennis-elbow", "Corrected.")

    response = client.get(DETAIL, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response.json()["summary"] == "Corrected."
    assert response["ETag"] != etag


def test_errors_are_never_cached(client, seed) -> None:
    assert client.get("/api/v1/conditions/?colour=red").status_code == 400
    response = client.get("/api/v1/conditions/?colour=red")

    assert response.status_code == 400
    assert "ETag" not in response


def test_a_warm_hit_and_a_304_cost_no_query(
    client, seed, version_in_cache, django_assert_num_queries
) -> None:
    etag = client.get(LIST)["ETag"]

    with django_assert_num_queries(0):
        assert client.get(LIST).status_code == 200
    with django_assert_num_queries(0):
        assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_publishing_makes_the_next_get_fresh_at_once(
    client, seed, version_in_cache, django_capture_on_commit_callbacks
) -> None:
    before = client.get(DETAIL)
    assert client.get(DETAIL)["ETag"] == before["ETag"]

    with django_capture_on_commit_callbacks(execute=True):
        _edit_summary("tennis-elbow", "Published correction.")

    after = client.get(DETAIL)
    assert after.json()["summary"] == "Published correction."
    assert after["ETag"] != before["ETag"]
    assert client.get(DETAIL, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_serving_goes_on_from_the_database_when_the_cache_is_down(
    client, seed, settings, version_in_cache, caplog
) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }

    outages.report_next()
    with caplog.at_level(logging.WARNING):
        response = client.get(LIST)
        again = client.get(DETAIL + "?lang=fr-ca")

    assert response.status_code == 200
    assert response.json()["count"] == 18
    assert again.status_code == 200
    # Each request met the outage several times: one line says so, no traceback.
    [report] = [r for r in caplog.records if r.name == "config.caches"]
    assert report.getMessage().startswith("shared cache unavailable: 1 call(s) failed")
    assert report.exc_info is None


def _edit_summary(slug: str, summary: str) -> None:
    condition = Condition.objects.get(slug=slug)
    condition.summary = summary
    content_save(item=condition, by=None)


def test_a_process_keeps_the_version_it_read_for_a_moment(
    client, seed, settings, version_in_cache, django_assert_num_queries
) -> None:
    settings.CONTENT_VERSION_LOCAL_SECONDS = 60
    etag = client.get(LIST)["ETag"]
    # Another process's change reaches the shared cache; this one still serves
    # the version it read, as it may for CONTENT_VERSION_LOCAL_SECONDS.
    newer = versions.Version(token="elsewhere-99", changed_at=timezone.now())
    cache.set(versions.CACHE_KEY, newer, timeout=30)

    with django_assert_num_queries(0):
        assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 304

    versions.forget_local_copy()
    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_without_a_local_copy_every_request_asks_the_shared_cache(
    client, seed, settings, version_in_cache
) -> None:
    settings.CONTENT_VERSION_LOCAL_SECONDS = 0
    etag = client.get(LIST)["ETag"]
    newer = versions.Version(token="elsewhere-99", changed_at=timezone.now())
    cache.set(versions.CACHE_KEY, newer, timeout=30)

    assert client.get(LIST, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_this_process_sees_its_own_change_at_once_despite_its_copy(
    client, seed, settings, version_in_cache, django_capture_on_commit_callbacks
) -> None:
    settings.CONTENT_VERSION_LOCAL_SECONDS = 60
    before = client.get(DETAIL)

    with django_capture_on_commit_callbacks(execute=True):
        _edit_summary("tennis-elbow", "Seen here at once.")

    assert client.get(DETAIL).json()["summary"] == "Seen here at once."
    assert client.get(DETAIL, HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_a_review_falling_due_shows_the_next_day_with_new_validators(
    client, seed, monkeypatch
) -> None:
    condition = Condition.objects.get(slug="tennis-elbow")
    condition.next_review_due = date.today() + timedelta(days=1)
    content_save(item=condition, by=None)
    before = client.get(DETAIL)
    assert (before.json()["review_overdue"], before.json()["review_status"]) == (False, "pending")

    class TwoDaysLater(date):
        @classmethod
        def today(cls) -> date:
            return date.today() + timedelta(days=2)

    # No edit, no publish: only the day has changed.
    for module in ("api.caching.responses", "api.caching.representations"):
        monkeypatch.setattr(f"{module}.date", TwoDaysLater)
    revalidated = client.get(DETAIL, headers={"If-None-Match": before["ETag"]})
    since = client.get(DETAIL, headers={"If-Modified-Since": before["Last-Modified"]})

    assert revalidated.status_code == 200
    assert (revalidated.json()["review_overdue"], revalidated.json()["review_status"]) == (
        True,
        "overdue",
    )
    assert revalidated["ETag"] != before["ETag"]
    assert since.status_code == 200
    assert parse_http_date(since["Last-Modified"]) > parse_http_date(before["Last-Modified"])
