from __future__ import annotations

import pytest

from api.consumers.models import ApiClient

pytestmark = pytest.mark.django_db

URL = "/api/v1/conditions/?fields=slug&limit=1"
CLINIC = "https://clinic.example"


@pytest.fixture
def website() -> ApiClient:
    record, _ = ApiClient.objects.create_key(name="Clinic site", kind="website")
    record.allowed_origins = [CLINIC]
    record.save()
    return record


def _preflight(client, origin: str):  # type: ignore[no-untyped-def]
    return client.options(
        URL,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, if-none-match",
    )


def test_a_clients_origin_may_call_and_preflight_is_answered(client, seed, website) -> None:
    preflight = _preflight(client, CLINIC)
    response = client.get(URL, HTTP_ORIGIN=CLINIC)

    assert preflight.status_code == 200
    assert preflight["Access-Control-Allow-Origin"] == CLINIC
    assert "authorization" in preflight["Access-Control-Allow-Headers"]
    assert response["Access-Control-Allow-Origin"] == CLINIC
    assert "etag" in response["Access-Control-Expose-Headers"]
    assert "Origin" in response["Vary"] or "origin" in response["Vary"]


def test_any_other_origin_is_refused(client, seed, website) -> None:
    preflight = _preflight(client, "https://elsewhere.example")
    response = client.get(URL, HTTP_ORIGIN="https://elsewhere.example")

    assert "Access-Control-Allow-Origin" not in preflight
    assert "Access-Control-Allow-Origin" not in response


def test_an_inactive_clients_origin_is_refused(client, seed, website) -> None:
    website.is_active = False
    website.save()

    assert "Access-Control-Allow-Origin" not in _preflight(client, CLINIC)


def test_origins_in_settings_are_allowed(client, seed, settings) -> None:
    settings.CORS_ALLOWED_ORIGINS = ["https://kiosk.example"]

    assert _preflight(client, "https://kiosk.example")["Access-Control-Allow-Origin"] == (
        "https://kiosk.example"
    )


def test_a_clients_origin_may_fetch_image_renditions(client, settings, tmp_path, website) -> None:
    # A kiosk served from the clinic's own origin keeps renditions for offline use.
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "images").mkdir()
    (tmp_path / "images" / f"{'0' * 32}.webp").write_bytes(b"RIFF....WEBP")

    response = client.get(f"/media/images/{'0' * 32}.webp", HTTP_ORIGIN=CLINIC)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == CLINIC
