from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _slugs(client, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    return [item["slug"] for item in client.get(url).json()["results"]]


def test_the_index_links_every_collection(client) -> None:
    body = client.get("/api/v1/").json()
    disclaimer = body.pop("disclaimer")  # tests/api/test_disclaimer.py

    assert disclaimer["version"] == 1
    assert body == {
        "version": "v1",
        "status": "stable",
        "deprecated": False,
        "sunset": None,
        "collections": {
            "conditions": "/api/v1/conditions/",
            "faqs": "/api/v1/faqs/",
            "mechanisms": "/api/v1/mechanisms/",
            "images": "/api/v1/images/",
            "body_regions": "/api/v1/body-regions/",
            "search": "/api/v1/search/",
            "suggest": "/api/v1/suggest/",
            "changes": "/api/v1/changes/",
            "bundle": "/api/v1/bundle/",
        },
        "languages": ["en", "fr-ca"],
        "docs": {"openapi": "/api/schema/", "swagger_ui": "/api/docs/", "redoc": "/api/redoc/"},
    }


def test_faqs_come_in_editorial_order_with_their_topic(client, seed) -> None:
    body = client.get("/api/v1/faqs/?fields=slug,question,topic").json()

    assert body["count"] == 5
    assert body["results"][0] == {
        "slug": "what-is-ims",
        "question": "What is IMS and how does it work?",
        "topic": {
            "id": "f59c73ea-0448-44cc-8c34-9276a908df7f",
            "slug": "about-ims",
            "name": "About IMS",
        },
    }


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("topic=aftercare", ["can-i-exercise-after-ims"]),
        (
            "topic=about-ims,comparisons",
            ["what-is-ims", "what-is-a-trigger-point", "is-ims-the-same-as-acupuncture"],
        ),
        ("condition=chronic-pain", ["what-is-a-trigger-point"]),
        ("mechanism=healing-response", ["what-is-ims", "can-i-exercise-after-ims"]),
        (
            "ordering=question&limit=2",
            ["can-i-exercise-after-ims", "how-often-is-ims-treatment-needed"],
        ),
    ],
)
def test_faq_filters(client, seed, query: str, slugs: list[str]) -> None:
    assert _slugs(client, f"/api/v1/faqs/?{query}&fields=slug") == slugs


def test_a_faq_expands_its_conditions_and_mechanisms(client, seed) -> None:
    body = client.get(
        "/api/v1/faqs/what-is-ims/?expand=mechanisms&fields=question,mechanisms,conditions"
    ).json()

    assert body["question"] == "What is IMS and how does it work?"
    assert [m["slug"] for m in body["mechanisms"]] == [
        "twitch-response",
        "healing-response",
        "axoplasmic-flow",
    ]
    assert all("summary" in m and "body" in m for m in body["mechanisms"])
    assert all("conditions" not in m and "faqs" not in m for m in body["mechanisms"])
    assert body["conditions"] == []


def test_mechanisms_list_the_conditions_they_apply_to_with_the_note(client, seed) -> None:
    body = client.get("/api/v1/mechanisms/axoplasmic-flow/?fields=name,conditions").json()

    carpal = next(c for c in body["conditions"] if c["slug"] == "carpal-tunnel-syndrome")
    assert body["name"] == "Axoplasmic flow"
    assert carpal["note"].startswith("IMS aims to support the nerve")
    assert carpal["url"] == "/api/v1/conditions/carpal-tunnel-syndrome/"


def test_body_regions_count_their_published_conditions(client, seed) -> None:
    body = client.get("/api/v1/body-regions/?limit=3").json()

    assert body["count"] == 12
    assert body["results"][2] == {
        "id": "a147212a-2729-456c-b17e-d5f8faab05cd",
        "slug": "elbow",
        "name": "Elbow",
        "description": "The elbow and the forearm muscles that attach around it.",
        "position": 3,
        "condition_count": 3,
        "url": "/api/v1/body-regions/elbow/",
        "conditions_url": "/api/v1/conditions/?body_region=elbow",
        "fallback_fields": [],
    }
    assert client.get("/api/v1/body-regions/jaw/").json()["condition_count"] == 1
    assert client.get("/api/v1/body-regions/spleen/").status_code == 404


def test_a_deprecated_version_says_so_in_headers_and_index(client, seed, settings) -> None:
    from datetime import date

    settings.API_LIFECYCLE = {
        "v1": {
            "deprecated_since": date(2027, 1, 1),
            "sunset": date(2027, 6, 30),
            "successor": "/api/v2/",
        }
    }

    response = client.get("/api/v1/")
    listing = client.get("/api/v1/conditions/?fields=slug")

    assert response["Deprecation"] == "@1798761600"
    assert response["Sunset"] == "Wed, 30 Jun 2027 00:00:00 GMT"
    assert response["Link"] == '</api/v2/>; rel="successor-version"'
    assert listing["Sunset"] == response["Sunset"]
    body = response.json()
    assert (body["status"], body["deprecated"], body["sunset"]) == (
        "deprecated",
        True,
        "2027-06-30",
    )


def test_a_stable_version_has_no_lifecycle_headers(client, seed) -> None:
    response = client.get("/api/v1/conditions/?fields=slug")

    assert "Deprecation" not in response
    assert "Sunset" not in response
