"""When to seek urgent care (DESIGN 1.7): a condition serves its statements with their
review state, and every body format ends with them as a block of that format."""

from __future__ import annotations

import pytest

from content.models import Condition
from content.services import content_save

pytestmark = pytest.mark.django_db

URL = "/api/v1/conditions/neck-pain/"
FALL = "Neck pain after a fall or an accident needs urgent care."
ARM = "Weakness in an arm, or <numbness> & tingling, needs prompt *medical* attention."
FRENCH_HEADING = "Quand consulter d\u2019urgence"


@pytest.fixture
def advised(seed) -> Condition:
    """Neck pain with one approved statement and one pending, as a content file may hold them."""
    neck = Condition.objects.get(slug="neck-pain")
    neck.urgent_care_en = [
        {"text": FALL, "reviewed_by": "Dr. Lee, PT", "reviewed_at": "2026-11-30"},
        {"text": ARM, "reviewed_by": "", "reviewed_at": None},
    ]
    return content_save(item=neck, by=None)


def test_a_condition_serves_its_statements_with_their_review_state(client, advised) -> None:
    body = client.get(f"{URL}?fields=urgent_care,fallback_fields").json()

    assert body == {
        "urgent_care": [
            {
                "text": FALL,
                "review_status": "approved",
                "reviewed_by": "Dr. Lee, PT",
                "reviewed_at": "2026-11-30",
            },
            {"text": ARM, "review_status": "pending", "reviewed_by": None, "reviewed_at": None},
        ],
        "fallback_fields": [],
    }


@pytest.mark.parametrize(
    ("body_format", "block"),
    [
        (
            "html",
            '\n<aside class="urgent-care"><h2>When to seek urgent care</h2><ul>'
            "<li>Neck pain after a fall or an accident needs urgent care.</li>"
            "<li>Weakness in an arm, or &lt;numbness&gt; &amp; tingling, needs prompt *medical* "
            "attention.</li></ul></aside>",
        ),
        ("text", f"\n\nWhen to seek urgent care\n- {FALL}\n- {ARM}"),
        (
            "markdown",
            f"\n\n## When to seek urgent care\n\n- {FALL}\n- Weakness in an arm, or \\<numbness\\> "
            "\\& tingling, needs prompt \\*medical\\* attention.",
        ),
    ],
)
def test_every_body_format_ends_with_the_urgent_care_block(
    client, advised, body_format: str, block: str
) -> None:
    body = client.get(f"{URL}?body_format={body_format}&fields=body").json()["body"]

    stored = advised.body if body_format == "markdown" else getattr(advised, f"body_{body_format}")
    assert body == stored + block


def test_blocks_end_with_an_urgent_care_block(client, advised) -> None:
    blocks = client.get(f"{URL}?body_format=blocks&fields=body").json()["body"]

    assert blocks[:-1] == advised.body_blocks
    assert blocks[-1] == {
        "type": "urgent_care",
        "text": "When to seek urgent care",
        "items": [FALL, ARM],
    }


def test_in_french_the_heading_is_french_and_english_statements_say_they_fell_back(
    client, advised
) -> None:
    body = client.get(f"{URL}?lang=fr-ca&fields=body,urgent_care,fallback_fields").json()

    assert f"<h2>{FRENCH_HEADING}</h2><ul><li>Neck pain after a fall" in body["body"]
    assert [statement["text"] for statement in body["urgent_care"]] == [FALL, ARM]
    assert "urgent_care" in body["fallback_fields"]


def test_french_statements_are_served_in_french(client, advised) -> None:
    french = "Une douleur au cou après une chute exige des soins urgents."
    advised.urgent_care_fr_ca = [{"text": french, "reviewed_by": "", "reviewed_at": None}]
    content_save(item=advised, by=None)

    body = client.get(f"{URL}?lang=fr-ca&body_format=text&fields=body,urgent_care,fallback_fields")

    assert body.json()["body"].endswith(f"\n\n{FRENCH_HEADING}\n- {french}")
    assert [statement["text"] for statement in body.json()["urgent_care"]] == [french]
    assert "urgent_care" not in body.json()["fallback_fields"]


def test_a_condition_without_statements_serves_none_and_its_body_as_stored(client, seed) -> None:
    body = client.get(
        "/api/v1/conditions/tennis-elbow/?lang=fr-ca&fields=body,urgent_care,fallback_fields"
    ).json()

    assert body["urgent_care"] == []
    assert body["body"] == Condition.objects.get(slug="tennis-elbow").body_html_fr_ca
    # Nothing was served in English for want of a French statement.
    assert "urgent_care" not in body["fallback_fields"]
