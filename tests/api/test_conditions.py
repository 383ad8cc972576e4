from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content.models import FAQ, Condition, Disclaimer
from content.services import content_save, content_unpublish

pytestmark = pytest.mark.django_db


def test_the_list_pages_published_conditions_in_editorial_order(client, seed) -> None:
    body = client.get("/api/v1/conditions/?limit=3&fields=slug").json()

    assert body == {
        "count": 18,
        "count_relation": "eq",
        "next": "/api/v1/conditions/?fields=slug&limit=3&offset=3",
        "previous": None,
        "results": [{"slug": "neck-pain"}, {"slug": "tennis-elbow"}, {"slug": "golfers-elbow"}],
    }


def test_the_last_page_links_back_and_not_forward(client, seed) -> None:
    body = client.get("/api/v1/conditions/?limit=5&offset=15&fields=slug").json()

    assert [item["slug"] for item in body["results"]] == [
        "arthritis-of-the-spine",
        "headaches",
        "nerve-root-compression",
    ]
    assert body["next"] is None
    assert body["previous"] == "/api/v1/conditions/?fields=slug&limit=5&offset=10"


def test_an_offset_past_the_end_is_an_empty_page(client, seed) -> None:
    body = client.get("/api/v1/conditions/?offset=500").json()

    assert (body["count"], body["results"], body["next"]) == (18, [], None)


def test_the_detail_has_every_field_a_consumer_needs(client, seed) -> None:
    response = client.get("/api/v1/conditions/tennis-elbow/")

    body = response.json()
    assert response.status_code == 200
    assert list(body) == [
        "id", "slug", "name", "aliases", "search_terms", "summary", "image", "body", "urgent_care",
        "category", "body_regions", "mechanisms", "faqs", "url", "canonical_url",
        "published_at", "updated_at", "revision", "last_reviewed", "next_review_due",
        "reviewed_by", "review_overdue", "review_status", "references", "attribution",
        "language", "translation", "fallback_fields",
    ]  # fmt: skip
    assert body["id"] == "756c3e70-90db-4ee3-afa5-d35560374e14"
    assert body["translation"] == {"status": "original", "reviewed_by": None, "reviewed_at": None}
    assert body["category"] == {
        "id": "711dcef6-c6d0-45bf-a270-e515e7c891b5",
        "slug": "tendon",
        "name": "Tendon",
    }
    assert body["mechanisms"][0] == {
        "id": "67e6f7f1-d739-49b3-aa8a-edb798de48fe",
        "slug": "twitch-response",
        "name": "The twitch response",
        "url": "/api/v1/mechanisms/twitch-response/",
        "note": "Helping tight forearm muscles relax and lengthen may reduce strain where they "
        "attach at the outer elbow.",
    }
    assert body["url"] == "/api/v1/conditions/tennis-elbow/"
    assert body["canonical_url"] == "https://example-clinic.test/ims/conditions/tennis-elbow/"
    assert body["attribution"] == {
        "text": "Content from the IMS clinic; reproduced with permission.",
        "license": "All rights reserved; syndication by agreement",
        "license_url": None,
        "canonical_url": body["canonical_url"],
        "disclaimer": Disclaimer.objects.current().text_en,
        "disclaimer_version": 1,
    }
    assert body["body"].startswith("<p>Tennis elbow is pain on the outer side of the elbow.")
    assert (body["reviewed_by"], body["review_overdue"], body["revision"]) == (None, False, 1)
    assert body["review_status"] == "pending"  # the seed has never been clinically reviewed
    assert body["urgent_care"] == []  # no reviewer has approved a statement for it


def test_a_reviewed_item_is_current_until_its_review_falls_due(client, seed) -> None:
    condition = Condition.objects.get(slug="tennis-elbow")
    condition.last_reviewed = date.today() - timedelta(days=30)
    condition.next_review_due = date.today() + timedelta(days=335)
    content_save(item=condition, by=None)

    body = client.get("/api/v1/conditions/tennis-elbow/?fields=review_status,review_overdue")

    assert body.json() == {"review_status": "current", "review_overdue": False}


@pytest.mark.parametrize(
    ("body_format", "start"),
    [
        ("html", "<p>Tennis elbow is pain"),
        ("text", "Tennis elbow is pain"),
        ("markdown", "Tennis elbow is pain"),
    ],
)
def test_body_format_picks_the_rendition(client, seed, body_format: str, start: str) -> None:
    body = client.get(f"/api/v1/conditions/tennis-elbow/?body_format={body_format}").json()

    assert body["body"].startswith(start)


def test_blocks_are_typed_for_native_apps(client, seed) -> None:
    body = client.get("/api/v1/conditions/tennis-elbow/?body_format=blocks&fields=body").json()

    assert body["body"][0]["type"] == "paragraph"
    assert body["body"][0]["text"].startswith("Tennis elbow is pain on the outer side")


def test_expand_inlines_related_items_with_their_link_note(client, seed) -> None:
    body = client.get(
        "/api/v1/conditions/tennis-elbow/?expand=mechanisms,faqs&fields=mechanisms,faqs"
    ).json()

    twitch = body["mechanisms"][0]
    assert twitch["slug"] == "twitch-response"
    assert twitch["note"].startswith("Helping tight forearm muscles")
    assert twitch["summary"].startswith("When the needle reaches a tight spot")
    assert twitch["body"].startswith("<p>")
    assert twitch["url"] == "/api/v1/mechanisms/twitch-response/"
    assert body["faqs"] == []


def test_an_inlined_item_leaves_its_own_relations_to_its_url(client, seed) -> None:
    # A mechanism is cited by many conditions and FAQs: inlining those lists
    # into every condition that expands it made a page of 20 weigh megabytes.
    mechanism = client.get("/api/v1/conditions/tennis-elbow/?expand=mechanisms").json()[
        "mechanisms"
    ][0]
    detail = client.get(mechanism["url"]).json()

    assert "conditions" not in mechanism
    assert "faqs" not in mechanism
    assert "image" not in mechanism
    assert detail["conditions"]
    assert "faqs" in detail
    own = {k: v for k, v in detail.items() if k not in ("conditions", "faqs", "image")}
    assert {k: v for k, v in mechanism.items() if k != "note"} == own


def test_a_draft_or_unpublished_condition_is_not_there(client, seed) -> None:
    condition = Condition.objects.get(slug="tennis-elbow")
    content_unpublish(item=condition, by=None)

    assert client.get("/api/v1/conditions/tennis-elbow/").status_code == 404
    assert client.get("/api/v1/conditions/?fields=slug").json()["count"] == 17


def test_an_edit_is_served_at_once(client, seed) -> None:
    assert client.get("/api/v1/conditions/neck-pain/?fields=summary").json()["summary"]
    condition = Condition.objects.get(slug="neck-pain")
    condition.summary = "Corrected summary."
    content_save(item=condition, by=None)

    assert client.get("/api/v1/conditions/neck-pain/?fields=summary").json() == {
        "summary": "Corrected summary."
    }


def test_an_edit_to_an_embedded_item_is_served_at_once(client, seed) -> None:
    client.get("/api/v1/conditions/tennis-elbow/?expand=mechanisms")
    mechanism = Condition.objects.get(slug="tennis-elbow").mechanisms.get(slug="twitch-response")
    mechanism.name = "The twitch reflex"
    content_save(item=mechanism, by=None)

    body = client.get("/api/v1/conditions/tennis-elbow/?fields=mechanisms").json()
    assert body["mechanisms"][0]["name"] == "The twitch reflex"
    expanded = client.get("/api/v1/conditions/tennis-elbow/?expand=mechanisms").json()
    assert expanded["mechanisms"][0]["name"] == "The twitch reflex"


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("body_region=jaw", ["tmj-jaw-pain"]),
        ("body_region=jaw,elbow", ["tennis-elbow", "golfers-elbow", "tendonitis", "tmj-jaw-pain"]),
        ("category=nerve", ["carpal-tunnel-syndrome", "nerve-root-compression"]),
        (
            "mechanism=axoplasmic-flow&body_region=neck",
            [
                "neck-pain",
                "postural-dysfunction",
                "arthritis-of-the-spine",
                "headaches",
                "nerve-root-compression",
            ],
        ),
        ("slug=shin-splints,neck-pain", ["neck-pain", "shin-splints"]),
        ("ordering=-position&limit=2", ["nerve-root-compression", "headaches"]),
        (
            "ordering=name&limit=3",
            ["arthritis-of-the-spine", "carpal-tunnel-syndrome", "chronic-pain"],
        ),
        ("updated_since=2999-01-01T00:00:00Z", []),
        ("q=elbow", ["tennis-elbow", "golfers-elbow", "tendonitis"]),
        ("q=epicondylitis", ["tennis-elbow", "golfers-elbow"]),
    ],
)
def test_filters_and_ordering(client, seed, query: str, slugs: list[str]) -> None:
    body = client.get(f"/api/v1/conditions/?{query}&fields=slug").json()

    assert [item["slug"] for item in body["results"]] == slugs


@pytest.mark.postgres_only
def test_a_page_and_its_count_are_read_from_the_list_index(client, seed) -> None:
    # On make bench's 5,000 conditions, a page at offset 4,900 took 13 ms
    # sorting table rows, and 0.7 ms read from the index.
    client.get("/api/v1/conditions/?limit=5&offset=5&fields=name")  # stores the items
    # A change that shows in no condition: the items stay stored, the count is new.
    content_save(item=FAQ.objects.get(slug="what-is-ims"), by=None)
    with CaptureQueriesContext(connection) as captured:
        client.get("/api/v1/conditions/?limit=5&offset=5&fields=slug")
    page, count = [q["sql"] for q in captured if "content_condition" in q["sql"]]

    with connection.cursor() as cursor:
        # The seed is small enough for a scan (or a bitmap of the index, then a
        # sort) to be cheapest; ask what else is possible.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        plans = {}
        for name, sql in (("page", page), ("count", count)):
            cursor.execute(f"EXPLAIN {sql}")
            plans[name] = "\n".join(row[0] for row in cursor.fetchall())

    # (An index-only scan once VACUUM has marked the rows all-visible.)
    assert "condition_status_order" in plans["page"], plans["page"]
    assert "Sort" not in plans["page"], plans["page"]
    assert "condition_status_order" in plans["count"], plans["count"]
