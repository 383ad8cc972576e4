"""Content-Security-Policy, request size limits and the admin sign-in throttle."""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from unittest import mock

import pytest
from django.contrib.auth.backends import ModelBackend
from django.test import Client
from drf_spectacular.settings import patched_settings

from config.caches import PROCESS_COUNTS
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
    # The kiosk shows the images it keeps offline from blob: URLs, and nothing else looser.
    assert policy_for("/kiosk/") == STRICT.replace(
        "img-src 'self' data:", "img-src 'self' data: blob:"
    )
    assert policy_for("/embed-demo/") == STRICT


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


def test_an_over_long_header_under_the_api_is_a_431_problem_naming_it(client, settings) -> None:
    settings.API_MAX_HEADER_BYTES = 100
    response = client.get("/api/v1/conditions/", headers={"X-Trace": "t" * 101})

    assert response.status_code == 431
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == "A header is limited to 100 bytes: X-Trace."
    assert client.get("/api/v1/", headers={"X-Trace": "t" * 100}).status_code == 200


def test_too_many_headers_under_the_api_is_a_431_problem(client, settings) -> None:
    settings.API_MAX_HEADER_COUNT = 10
    headers = {f"X-Extra-{n}": "x" for n in range(11)}

    response = client.get("/api/v1/", headers=headers)

    assert response.status_code == 431
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"].startswith("A request is limited to 10 headers; this one has")
    assert client.get("/api/v1/", headers=dict(list(headers.items())[:5])).status_code == 200


@pytest.mark.parametrize("raw_uri", ["/api%2Fv1%2Fconditions%2F", "/api/v1%2fconditions/"])
def test_an_encoded_slash_is_not_a_path_separator(client, raw_uri: str) -> None:
    # gunicorn decodes %2F into PATH_INFO and passes the path as sent in RAW_URI.
    path = raw_uri.replace("%2F", "/").replace("%2f", "/")
    response = client.get(path, RAW_URI=raw_uri)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert client.get(path, RAW_URI=path).status_code == 200


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


def test_the_sign_in_throttle_counts_per_ip_and_per_account(
    client, editor, django_user_model, settings
) -> None:
    settings.ADMIN_LOGIN_MAX_FAILURES = 1
    django_user_model.objects.create_superuser(username="reviewer", password="another one")

    def sign_in(username: str, password: str, address: str) -> int:
        data = {"username": username, "password": password}
        return client.post("/admin/login/", data, REMOTE_ADDR=address).status_code

    assert sign_in("editor", "wrong", "203.0.113.1") == 200
    # The address is locked out, for every account...
    assert sign_in("reviewer", "another one", "203.0.113.1") == 429
    # ...and the account, from every address (a botnet guessing one password).
    assert sign_in("Editor", "correct horse battery", "203.0.113.2") == 429
    assert sign_in("reviewer", "another one", "203.0.113.3") == 302


def test_concurrent_tries_check_no_more_passwords_than_the_limit(settings) -> None:
    settings.ADMIN_LOGIN_MAX_FAILURES = 5
    checked = []
    started = threading.Barrier(20)

    def check(backend, request, username=None, password=None, **kwargs):  # type: ignore[no-untyped-def]
        checked.append(password)
        time.sleep(0.01)  # a password hash takes time: the window the race used
        return None

    def attempt(number: int) -> int:
        started.wait()
        data = {"username": "editor", "password": f"guess-{number}"}
        return Client().post("/admin/login/", data).status_code

    with (
        mock.patch.object(ModelBackend, "authenticate", check),
        ThreadPoolExecutor(max_workers=20) as pool,
    ):
        statuses = list(pool.map(attempt, range(20)))

    # At most the limit (fewer when the address's and the account's counts
    # interleave), never one check per try as when the count came after.
    assert 1 <= len(checked) <= 5
    assert sorted(statuses) == [200] * len(checked) + [429] * (20 - len(checked))


def test_without_the_cache_the_sign_in_throttle_still_holds(
    client, editor, settings, unreachable_cache
) -> None:
    settings.ADMIN_LOGIN_MAX_FAILURES = 4
    settings.API_RATE_PROCESSES = 2
    PROCESS_COUNTS.clear()

    statuses = [_sign_in(client, "wrong").status_code for _ in range(3)]

    # Each process counts alone against its share of the limit: 2 of 4.
    assert statuses == [200, 200, 429]


def test_successful_sign_ins_are_not_counted(client, editor, settings) -> None:
    settings.ADMIN_LOGIN_MAX_FAILURES = 1

    for _ in range(3):
        assert _sign_in(client, "correct horse battery").status_code == 302
        client.logout()
