"""Content-Security-Policy, request size limits and the admin sign-in throttle."""

from __future__ import annotations

import re

import pytest
from drf_spectacular.settings import patched_settings

from web.security import policy_for

pytestmark = pytest.mark.django_db

STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)


def test_every_response_carries_a_strict_policy(client, seed) -> None:
    for path in ("/api/v1/conditions/", "/healthz", "/admin/login/", "/api/v1/nowhere/"):
        assert client.get(path)["Content-Security-Policy"] == STRICT, path


def test_the_other_security_headers_are_set(client) -> None:
    response = client.get("/healthz")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_docs_pages_have_no_inline_script(client) -> None:
    for path in ("/api/docs/", "/api/redoc/"):
        response = client.get(path)

        assert re.findall(r"<script(?![^>]*\ssrc=)[^>]*>", response.content.decode()) == []
        assert "nonce-" not in response["Content-Security-Policy"]


def test_an_inline_script_runs_by_a_fresh_nonce(client) -> None:
    # With settings of its own, ReDoc's page starts it from an inline script.
    with patched_settings({"REDOC_UI_SETTINGS": {"hideDownloadButton": True}}):
        response, again = client.get("/api/redoc/"), client.get("/api/redoc/")
    policy = response["Content-Security-Policy"]
    [nonce] = re.findall(r"'nonce-([^']+)'", policy)

    assert f'<script nonce="{nonce}">' in response.content.decode()
    assert re.search(r"script-src 'self' 'nonce-[^']+';", policy)
    assert "'nonce-" in again["Content-Security-Policy"]
    assert again["Content-Security-Policy"] != policy


def test_swagger_ui_loads_its_start_up_script_from_this_origin(client) -> None:
    script = client.get("/api/docs/?script=")

    assert script["Content-Type"] == "application/javascript"
    assert "SwaggerUIBundle" in script.content.decode()


def test_only_the_docs_allow_inline_styles_and_blob_workers() -> None:
    assert policy_for("/api/docs/") == policy_for("/api/redoc/")
    assert "style-src 'self' 'unsafe-inline'" in policy_for("/api/docs/")
    assert "worker-src 'self' blob:" in policy_for("/api/redoc/")
    assert policy_for("/kiosk/") == STRICT


def test_a_long_query_string_under_the_api_is_a_414_problem(client, settings) -> None:
    settings.API_MAX_QUERY_STRING_BYTES = 2048
    response = client.get("/api/v1/conditions/?q=" + "a" * 2047)

    assert response.status_code == 414
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "about:blank",
        "title": "Request-URI Too Long",
        "status": 414,
        "detail": "The query string is limited to 2048 bytes.",
    }
    assert client.get("/api/v1/conditions/?q=" + "a" * 2046).status_code != 414


def test_body_size_limits_come_from_the_environment(settings) -> None:
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 1024 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000


def _sign_in(client, password: str):  # type: ignore[no-untyped-def]
    return client.post("/admin/login/", {"username": "editor", "password": password})


def test_admin_sign_in_is_refused_after_repeated_failures(client, editor, settings) -> None:
    settings.ADMIN_LOGIN_MAX_FAILURES = 3
    settings.ADMIN_LOGIN_LOCKOUT_SECONDS = 600

    statuses = [_sign_in(client, "wrong").status_code for _ in range(4)]
    locked = _sign_in(client, "correct horse battery")

    assert statuses == [200, 200, 200, 429]
    assert locked.status_code == 429
    assert locked["Retry-After"] == "600"
    assert client.get("/admin/login/").status_code == 200


def test_the_sign_in_throttle_counts_per_ip(client, editor, settings) -> None:
    settings.ADMIN_LOGIN_MAX_FAILURES = 1

    assert _sign_in(client, "wrong").status_code == 200
    assert _sign_in(client, "wrong").status_code == 429
    other = client.post(
        "/admin/login/",
        {"username": "editor", "password": "correct horse battery"},
        REMOTE_ADDR="203.0.113.9",
    )
    assert other.status_code == 302


def test_successful_sign_ins_are_not_counted(client, editor, settings) -> None:
    settings.ADMIN_LOGIN_MAX_FAILURES = 1

    for _ in range(3):
        assert _sign_in(client, "correct horse battery").status_code == 302
        client.logout()
