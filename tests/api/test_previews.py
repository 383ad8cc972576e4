from __future__ import annotations

import pytest

from api.consumers.models import ApiClient
from content.models import Condition
from content.services import content_save, content_unpublish

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(seed) -> Condition:
    condition = Condition.objects.get(slug="shin-splints")
    content_unpublish(item=condition, by=None)
    condition.summary = "A draft summary, not yet published."
    content_save(item=condition, by=None)
    return condition


def _key(*, may_preview: bool) -> str:
    record, key = ApiClient.objects.create_key(name="x", kind="website")
    record.may_preview = may_preview
    record.save()
    return f"Api-Key {key}"


def test_a_key_that_may_preview_sees_drafts_privately(client, draft) -> None:
    auth = _key(may_preview=True)

    detail = client.get("/api/v1/conditions/shin-splints/?preview=true", HTTP_AUTHORIZATION=auth)
    listing = client.get(
        "/api/v1/conditions/?preview=true&fields=slug&limit=100", HTTP_AUTHORIZATION=auth
    )

    assert detail.status_code == 200
    assert detail.json()["summary"] == "A draft summary, not yet published."
    assert detail["Cache-Control"] == "private, no-store"
    assert "ETag" not in detail
    assert "shin-splints" in [item["slug"] for item in listing.json()["results"]]
    assert listing.json()["count"] == 18


def test_a_preview_never_leaks_into_public_responses(client, draft) -> None:
    client.get(
        "/api/v1/conditions/shin-splints/?preview=true", HTTP_AUTHORIZATION=_key(may_preview=True)
    )

    assert client.get("/api/v1/conditions/shin-splints/").status_code == 404
    assert client.get("/api/v1/conditions/?fields=slug&limit=100").json()["count"] == 17


@pytest.mark.parametrize("may_preview", [None, False])
def test_anyone_else_gets_a_403_saying_why(client, draft, may_preview) -> None:
    headers = {} if may_preview is None else {"HTTP_AUTHORIZATION": _key(may_preview=False)}

    response = client.get("/api/v1/conditions/shin-splints/?preview=true", **headers)

    assert response.status_code == 403
    assert response.json() == {
        "type": "/problems/forbidden",
        "title": "Forbidden",
        "status": 403,
        "detail": "Previews need an API key that may preview; ask the content team for one.",
    }


def test_preview_takes_true_or_false(client, seed) -> None:
    response = client.get("/api/v1/conditions/?preview=yes")

    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "preview", "message": "Must be true or false."}]
