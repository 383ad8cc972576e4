from __future__ import annotations

import logging

import pytest
from django.test import Client


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


def test_readyz_stays_ready_but_degraded_with_the_cache_unreachable(
    db: None, unreachable_cache: None, client: Client, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="web.health"):
        response = client.get("/readyz")

    # The API serves from the database meanwhile: the instance stays in rotation.
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unavailable"},
    }
    (record,) = [r for r in caplog.records if r.name == "web.health"]
    assert record.getMessage().startswith("readyz: the cache is unavailable: ")
    assert record.exc_info is None
