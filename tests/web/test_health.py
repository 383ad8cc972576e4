from __future__ import annotations

import logging

import pytest
from django.test import Client


@pytest.fixture
def unreachable_cache(settings) -> None:  # type: ignore[no-untyped-def]
    # A real Redis client against a port nothing listens on. Changing CACHES
    # makes Django drop its cache connections, here and again on restore.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }


def test_healthz_says_ok_without_touching_the_database(client: Client) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {"status": "ok"}


def test_healthz_answers_head(client: Client) -> None:
    response = client.head("/healthz")

    assert response.status_code == 200
    assert response.content == b""


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_a_probe_refuses_post_with_a_problem_saying_what_is_allowed(path: str) -> None:
    # As a real client would: without a CSRF token.
    response = Client(enforce_csrf_checks=True).post(path)

    assert response.status_code == 405
    assert response["Content-Type"] == "application/problem+json"
    assert response["Allow"] == "GET, HEAD"
    assert response.json() == {
        "type": "/problems/method-not-allowed",
        "title": "Method not allowed",
        "status": 405,
        "detail": 'Method "POST" not allowed.',
    }


def test_readyz_is_ok_when_the_database_and_the_cache_answer(db: None, client: Client) -> None:
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


def test_readyz_is_a_503_problem_naming_an_unreachable_cache(
    db: None, unreachable_cache: None, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="web.health"):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {
        "type": "/problems/service-unavailable",
        "title": "Service unavailable",
        "status": 503,
        "detail": "Not ready; unavailable: cache.",
        "checks": {"database": "ok", "cache": "unavailable"},
    }
    assert [r.getMessage() for r in caplog.records if r.name == "web.health"] == [
        "readyz: the cache is unavailable"
    ]
