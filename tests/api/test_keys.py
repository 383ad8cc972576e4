from __future__ import annotations

import pytest
from django.core.management import call_command

from api.consumers.models import ApiClient

pytestmark = pytest.mark.django_db

URL = "/api/v1/conditions/?fields=slug&limit=1"


@pytest.fixture
def key() -> str:
    _, key = ApiClient.objects.create_key(name="Main St kiosk", kind="kiosk")
    return key


def _problem(response) -> dict:  # type: ignore[no-untyped-def,type-arg]
    assert response["Content-Type"] == "application/problem+json"
    return response.json()


def test_a_valid_key_is_accepted_and_its_use_noted(client, seed, key: str) -> None:
    response = client.get(URL, HTTP_AUTHORIZATION=f"Api-Key {key}")

    assert response.status_code == 200
    assert ApiClient.objects.get().last_used_at is not None


def test_anonymous_reads_are_allowed_by_default(client, seed) -> None:
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize(
    ("header", "detail"),
    [
        ("Api-Key nope.wrong", "This API key is not valid."),
        ("Bearer abc", "Send your key as `Authorization: Api-Key <key>`."),
        ("Api-Key", "Send your key as `Authorization: Api-Key <key>`."),
    ],
)
def test_a_wrong_or_malformed_key_is_a_401_not_anonymous(client, seed, header, detail) -> None:
    response = client.get(URL, HTTP_AUTHORIZATION=header)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"
    assert _problem(response) == {
        "type": "/problems/unauthorized",
        "title": "Unauthorized",
        "status": 401,
        "detail": detail,
    }


def test_a_revoked_or_disabled_key_is_refused(client, seed, key: str) -> None:
    client_record = ApiClient.objects.get()
    client_record.is_active = False
    client_record.save()
    assert _problem(client.get(URL, HTTP_AUTHORIZATION=f"Api-Key {key}"))["detail"] == (
        "This API key is disabled."
    )

    client_record.is_active, client_record.revoked = True, True
    client_record.save()
    assert _problem(client.get(URL, HTTP_AUTHORIZATION=f"Api-Key {key}"))["detail"] == (
        "This API key has been revoked."
    )


def test_keys_can_be_required(client, seed, key: str, settings) -> None:
    settings.API_KEYS_REQUIRED = True

    missing = client.get(URL)

    assert missing.status_code == 401
    assert _problem(missing)["detail"].startswith("An API key is required")
    assert client.get(URL, HTTP_AUTHORIZATION=f"Api-Key {key}").status_code == 200


def test_a_cached_response_is_not_served_to_a_bad_key(client, seed) -> None:
    assert client.get(URL).status_code == 200

    assert client.get(URL, HTTP_AUTHORIZATION="Api-Key nope.wrong").status_code == 401


def test_create_client_prints_a_working_key_once(client, seed, capsys) -> None:
    call_command(
        "create_client", "Partner clinic", "--kind=partner", "--origin=https://partner.example"
    )

    key = capsys.readouterr().out.strip().splitlines()[-1]
    record = ApiClient.objects.get(name="Partner clinic")
    assert record.allowed_origins == ["https://partner.example"]
    assert key not in (record.hashed_key, record.id)
    assert client.get(URL, HTTP_AUTHORIZATION=f"Api-Key {key}").status_code == 200


def test_create_client_refuses_a_bad_origin(db) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="is not an origin"):
        call_command("create_client", "X", "--kind=app", "--origin=partner.example/path")
    assert not ApiClient.objects.exists()
