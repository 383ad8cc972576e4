"""Whole response bodies where the shape is the contract (golden files in responses/).

Set UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

RESPONSES = Path(__file__).parent / "responses"
MOMENTS = {"published_at", "updated_at", "datePublished", "dateModified"}


def _stable(value):  # type: ignore[no-untyped-def]
    """The body with publication times, which differ on every load, replaced."""
    if isinstance(value, dict):
        return {k: ("<time>" if k in MOMENTS else _stable(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


@pytest.mark.parametrize(
    ("name", "url"),
    [
        ("condition-tennis-elbow", "/api/v1/conditions/tennis-elbow/"),
        (
            "condition-tennis-elbow-expanded-blocks-fr",
            "/api/v1/conditions/tennis-elbow/?expand=mechanisms,faqs&body_format=blocks&lang=fr-ca",
        ),
        ("faq-list", "/api/v1/faqs/?limit=2"),
        ("mechanism-twitch-response", "/api/v1/mechanisms/twitch-response/?body_format=text"),
        ("body-regions", "/api/v1/body-regions/?limit=100"),
        ("search-elbow-sqlite", "/api/v1/search/?q=elbow&type=condition"),
        # Shown in docs/front-end.md (structured data).
        ("condition-tennis-elbow-jsonld", "/api/v1/conditions/tennis-elbow/?format=jsonld"),
    ],
)
def test_the_response_matches_its_golden_file(client, seed, name: str, url: str) -> None:
    if name.endswith("-sqlite") and connection.vendor != "sqlite":
        name = name.replace("-sqlite", f"-{connection.vendor}")
    url, jsonld = url.removesuffix("?format=jsonld"), url.endswith("?format=jsonld")
    accept = "application/ld+json" if jsonld else "application/json"
    body = _stable(client.get(url, HTTP_ACCEPT=accept).json())
    golden = RESPONSES / f"{name}.json"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(body, indent=2, ensure_ascii=False) + "\n")

    assert body == json.loads(golden.read_text())
