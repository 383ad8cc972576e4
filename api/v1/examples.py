"""Real examples for the v1 documentation, taken from the seed content (an image: as it
will be once a picture is uploaded)."""

from __future__ import annotations

from typing import Any

DISCLAIMER = (
    "This is general information about Intramuscular Stimulation (IMS), not medical advice for "
    "your own situation. Talk to a physiotherapist or doctor about your care. In an emergency, "
    "call your local emergency number or go to the nearest emergency department."
)


def _attribution(collection: str, slug: str) -> dict[str, Any]:
    """An item's attribution with the default settings and the shipped disclaimer."""
    return {
        "text": "Content from the IMS clinic; reproduced with permission.",
        "license": "All rights reserved; syndication by agreement",
        "license_url": None,
        "canonical_url": f"https://example-clinic.test/ims/{collection}/{slug}/",
        "disclaimer": DISCLAIMER,
        "disclaimer_version": 1,
    }


def _as_published(
    collection: str, slug: str, *, published_at: str, updated_at: str = ""
) -> dict[str, Any]:
    """What a seed item shows once published, in the representation's order: its URLs and
    dates, never reviewed, its attribution and its language (the original, English)."""
    return {
        "url": f"/api/v1/{collection}/{slug}/",
        "canonical_url": f"https://example-clinic.test/ims/{collection}/{slug}/",
        "published_at": published_at,
        "updated_at": updated_at or published_at,
        "revision": 1,
        "last_reviewed": None,
        "next_review_due": None,
        "reviewed_by": None,
        "review_overdue": False,
        "review_status": "pending",
        "references": [],
        "attribution": _attribution(collection, slug),
        "language": "en",
        "translation": {"status": "original", "reviewed_by": None, "reviewed_at": None},
        "fallback_fields": [],
    }


TENNIS_ELBOW: dict[str, Any] = {
    "id": "756c3e70-90db-4ee3-afa5-d35560374e14",
    "slug": "tennis-elbow",
    "name": "Tennis elbow",
    "aliases": ["lateral epicondylitis", "lateral epicondylalgia", "lateral elbow pain"],
    "summary": "Pain on the outer side of the elbow, often linked to repetitive gripping and "
    "wrist movements. IMS may help tight forearm muscles relax.",
    "image": None,
    "body": "<p>Tennis elbow is pain on the outer side of the elbow. You don't have to play "
    "tennis to get it: …</p>",
    "urgent_care": [],
    "category": {"id": "711dcef6-c6d0-45bf-a270-e515e7c891b5", "slug": "tendon", "name": "Tendon"},
    "body_regions": [
        {"id": "a147212a-2729-456c-b17e-d5f8faab05cd", "slug": "elbow", "name": "Elbow"}
    ],
    "mechanisms": [
        {
            "id": "67e6f7f1-d739-49b3-aa8a-edb798de48fe",
            "slug": "twitch-response",
            "name": "The twitch response",
            "url": "/api/v1/mechanisms/twitch-response/",
            "note": "Helping tight forearm muscles relax and lengthen may reduce strain where "
            "they attach at the outer elbow.",
        }
    ],
    "faqs": [],
    **_as_published("conditions", "tennis-elbow", published_at="2026-11-24T10:15:28.300000Z"),
}

WHAT_IS_A_TRIGGER_POINT: dict[str, Any] = {
    "id": "34b3f434-6345-438f-b66a-2c53097857e3",
    "slug": "what-is-a-trigger-point",
    "question": "What is a trigger point?",
    "summary": "A trigger point is a shortened, bunched-up area of muscle. Trigger points can "
    "cause pain, weakness and tightness that make work, sport and daily tasks harder.",
    "body": "<p>A trigger point is a shortening or bunching of muscle tissue. …</p>",
    "topic": {
        "id": "f59c73ea-0448-44cc-8c34-9276a908df7f",
        "slug": "about-ims",
        "name": "About IMS",
    },
    "conditions": [
        {
            "id": "1503581a-924d-4409-b274-d7d9b1897052",
            "slug": "chronic-pain",
            "name": "Chronic pain",
            "url": "/api/v1/conditions/chronic-pain/",
        }
    ],
    "mechanisms": [],
    **_as_published("faqs", "what-is-a-trigger-point", published_at="2026-11-24T10:15:28.300000Z"),
}

AXOPLASMIC_FLOW: dict[str, Any] = {
    "id": "b29ad2ab-ba80-47ff-95e8-5f8142942673",
    "slug": "axoplasmic-flow",
    "name": "Axoplasmic flow",
    "summary": "IMS aims to increase metabolic energy within the nerve through axoplasmic flow, "
    "which matters for how well nerves work and for nourishing the muscles they supply.",
    "image": None,
    "body": "<p>Nerves carry signals between the spinal cord and the rest of the body. …</p>",
    "conditions": [
        {
            "id": "5ef48da0-0f3c-4ff6-b36f-55b2e144cc59",
            "slug": "carpal-tunnel-syndrome",
            "name": "Carpal tunnel syndrome",
            "url": "/api/v1/conditions/carpal-tunnel-syndrome/",
            "note": "IMS aims to support the nerve through axoplasmic flow, which matters for "
            "nerve function and how fast signals travel.",
        }
    ],
    "faqs": [
        {
            "id": "475442d6-a087-4ca7-9cea-2d708ac50736",
            "slug": "what-is-ims",
            "question": "What is IMS and how does it work?",
            "url": "/api/v1/faqs/what-is-ims/",
        }
    ],
    **_as_published(
        "mechanisms",
        "axoplasmic-flow",
        published_at="2026-11-24T10:15:28.258760Z",
        updated_at="2026-11-24T10:15:28.258764Z",
    ),
}

# The seed's “IMS tools” once an editor has uploaded a 1600 by 1067 photo and it is
# published (the seed has no picture); two of its 36 renditions shown.
IMS_TOOLS: dict[str, Any] = {
    "id": "997ca8ae-b4c5-4091-a9f0-dc249791ab03",
    "slug": "ims-tools",
    "name": "IMS tools",
    "alt": "Image of IMS (intramuscular Stimulation) tools.",
    "caption": "",
    "credit": "",
    "licence": "",
    "licence_url": None,
    "width": 1600,
    "height": 1067,
    "focal_point": {"x": 0.5, "y": 0.5},
    "src": "/media/images/5f0c6d2e9a7b41c3b8e2d4f6a1c3e5b7.jpg",
    "srcset": {
        "webp": "/media/images/0d9e8c7b6a5f4e3d2c1b0a9f8e7d6c5b.webp 320w, "
        "/media/images/1e2d3c4b5a6f7e8d9c0b1a2f3e4d5c6b.webp 640w",
        "jpeg": "/media/images/2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d.jpg 320w, "
        "/media/images/5f0c6d2e9a7b41c3b8e2d4f6a1c3e5b7.jpg 1024w",
    },
    "sizes": "100vw",
    "renditions": [
        {
            "url": "/media/images/0d9e8c7b6a5f4e3d2c1b0a9f8e7d6c5b.webp",
            "width": 320,
            "height": 213,
            "format": "webp",
            "type": "image/webp",
            "crop": "",
            "bytes": 9214,
            "sha256": "0d9e8c7b6a5f4e3d2c1b0a9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e9d",
        },
        {
            "url": "/media/images/7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f.jpg",
            "width": 640,
            "height": 640,
            "format": "jpeg",
            "type": "image/jpeg",
            "crop": "1:1",
            "bytes": 48311,
            "sha256": "7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d7c6b",
        },
    ],
    "summary": "",
    "body": "",
    **_as_published("images", "ims-tools", published_at="2026-12-05T09:00:00Z"),
}

ELBOW: dict[str, Any] = {
    "id": "a147212a-2729-456c-b17e-d5f8faab05cd",
    "slug": "elbow",
    "name": "Elbow",
    "description": "The elbow and the forearm muscles that attach around it.",
    "position": 3,
    "condition_count": 3,
    "url": "/api/v1/body-regions/elbow/",
    "conditions_url": "/api/v1/conditions/?body_region=elbow",
}


INDEX: dict[str, Any] = {
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
    "disclaimer": {
        "text": DISCLAIMER,
        "version": 1,
        "updated_at": "2026-12-03T17:16:00Z",
    },
}


SEARCH_HIT: dict[str, Any] = {
    "type": "condition",
    "id": "756c3e70-90db-4ee3-afa5-d35560374e14",
    "slug": "tennis-elbow",
    "title": "Tennis elbow",
    "summary": TENNIS_ELBOW["summary"],
    "snippet": "<mark>Tennis</mark> <mark>elbow</mark> is pain on the outer side of the "
    "<mark>elbow</mark>. You don't have to play <mark>tennis</mark> to get it …",
    "score": 1.1053,
    "url": "/api/v1/conditions/tennis-elbow/",
}


SUGGESTIONS: dict[str, Any] = {
    "results": [
        {
            "type": "condition",
            "id": "756c3e70-90db-4ee3-afa5-d35560374e14",
            "slug": "tennis-elbow",
            "title": "Tennis elbow",
            "alias": None,
            "url": "/api/v1/conditions/tennis-elbow/",
        },
        {
            "type": "condition",
            "id": "e2b6d4b0-4c8f-4a55-9d84-0f3f2b3b9a55",
            "slug": "tendonitis",
            "title": "Tendonitis",
            "alias": None,
            "url": "/api/v1/conditions/tendonitis/",
        },
    ]
}


CHANGES: dict[str, Any] = {
    "events": [
        {
            "kind": "updated",
            "type": "condition",
            "id": "756c3e70-90db-4ee3-afa5-d35560374e14",
            "slug": "tennis-elbow",
            "revision": 2,
            "at": "2026-11-24T10:15:28.300000Z",
            "url": "/api/v1/conditions/tennis-elbow/",
        },
        {
            "kind": "removed",
            "type": "faq",
            "id": "37c0d2ea-c7ae-4928-95b6-0bd015aa81ce",
            "slug": "can-i-exercise-after-ims",
            "revision": 2,
            "at": "2026-11-24T10:16:02.100000Z",
            "url": None,
        },
    ],
    "cursor": "MTozZjJhOWMxYjQyZTE6NTE",
    "next": "/api/v1/changes/?since=MTozZjJhOWMxYjQyZTE6NTE",
}
