from __future__ import annotations

import threading

import pytest
from django.db import connection

from content.models import FAQ, Condition
from content.services import (
    content_archive,
    content_delete,
    content_publish,
    content_save,
    content_unpublish,
)
from tests.factories import ConditionCategoryFactory, ConditionFactory, untranslated

pytestmark = pytest.mark.django_db


def _replay(client, url: str = "/api/v1/changes/?limit=7") -> tuple[dict, str]:  # type: ignore[no-untyped-def,type-arg]
    """What a partner holds after following the feed to its end: slug → (type, revision)."""
    mirror: dict = {}  # type: ignore[type-arg]
    while True:
        page = client.get(url).json()
        for event in page["events"]:
            key = (event["type"], event["id"])
            if event["kind"] == "removed":
                mirror.pop(key, None)
            else:
                mirror[key] = event["revision"]
        if not page["events"]:
            return mirror, page["cursor"]
        url = page["next"]


def _published() -> dict:  # type: ignore[type-arg]
    live = {}
    for model, name in ((Condition, "condition"), (FAQ, "faq")):
        for item in model.objects.published():
            live[(name, str(item.id))] = item.revision
    from content.models import Mechanism

    for item in Mechanism.objects.published():
        live[("mechanism", str(item.id))] = item.revision
    return live


def test_replaying_the_feed_yields_exactly_the_published_content(client, seed) -> None:
    neck = Condition.objects.get(slug="neck-pain")
    neck.summary = "Edited."
    content_save(item=neck, by=None)
    content_unpublish(item=Condition.objects.get(slug="shin-splints"), by=None)
    content_archive(item=Condition.objects.get(slug="headaches"), by=None)
    content_delete(item=FAQ.objects.get(slug="can-i-exercise-after-ims"), by=None)
    draft = content_save(item=ConditionFactory.build(category=ConditionCategoryFactory()), by=None)
    content_publish(item=draft, by=None)
    content_unpublish(item=draft, by=None)
    content_publish(item=draft, by=None)

    mirror, _ = _replay(client)

    assert mirror == _published()
    assert len(mirror) == 18 - 2 + 1 + 4 + 3


def test_removals_are_tombstones_and_polling_from_a_cursor_sees_only_new_events(
    client, seed
) -> None:
    _, cursor = _replay(client)
    content_unpublish(item=Condition.objects.get(slug="tennis-elbow"), by=None)

    page = client.get(f"/api/v1/changes/?since={cursor}").json()

    assert [(e["kind"], e["slug"], e["url"]) for e in page["events"]] == [
        ("removed", "tennis-elbow", None)
    ]
    assert page["next"] == f"/api/v1/changes/?since={page['cursor']}"
    assert client.get(page["next"]).json()["events"] == []


def test_the_feed_filters_by_type(client, seed) -> None:
    page = client.get("/api/v1/changes/?type=mechanism").json()

    assert {e["type"] for e in page["events"]} == {"mechanism"}
    assert len(page["events"]) == 3


@pytest.mark.parametrize(
    ("cursor", "message"),
    [
        ("not-a-cursor!", "This is not a cursor this feed gave out."),
        ("MToxMjM0NTY3ODkwYWI6OTk5OTk", "This cursor is from another database"),
    ],
)
def test_a_bad_cursor_is_a_400(client, seed, cursor: str, message: str) -> None:
    response = client.get(f"/api/v1/changes/?since={cursor}")

    assert response.status_code == 400
    assert response.json()["errors"][0]["message"].startswith(message)


def test_a_cursor_from_the_future_is_a_400(client, seed) -> None:
    from api.changes import encode
    from content import versions

    epoch = versions.current().token.split("-")[0]
    response = client.get(f"/api/v1/changes/?since={encode(epoch, 10**9)}")

    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "since", "message": "This cursor is ahead of the feed."}
    ]


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("no_content")  # every event in the feed is one of these publishes
def test_concurrent_publishes_lose_no_event() -> None:
    category = ConditionCategoryFactory()
    drafts = [
        content_save(item=ConditionFactory.build(category=category), by=None) for _ in range(6)
    ]
    from content.models import ContentEvent

    start = threading.Barrier(3)
    seen: list[int] = []
    errors: list[BaseException] = []

    def publish(items: list[Condition]) -> None:
        try:
            start.wait()
            for item in items:
                content_publish(item=item, by=None)
        except BaseException as error:  # reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    def read() -> None:
        # A partner polling while the publishes commit: every id it sees is final.
        try:
            start.wait()
            for _ in range(50):
                seen.extend(ContentEvent.objects.values_list("id", flat=True))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=publish, args=(drafts[0::2],)),
        threading.Thread(target=publish, args=(drafts[1::2],)),
        threading.Thread(target=read),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    events = list(ContentEvent.objects.order_by("id"))
    assert errors == []
    assert sorted(str(e.item_id) for e in events) == sorted(str(d.id) for d in drafts)
    # Ids follow commit order: whenever an id was visible, every smaller one was too.
    ids = [e.id for e in events]
    assert ids == sorted(ids)


def test_a_bundle_then_the_feed_from_its_cursor_equals_the_live_api(client, seed) -> None:
    bundle = client.get("/api/v1/bundle/?body_format=text").json()
    held = {
        (kind[:-1], item["id"]): item["revision"]
        for kind in ("conditions", "faqs", "mechanisms")
        for item in bundle[kind]
    }
    assert len(held) == 26
    assert len(bundle["body_regions"]) == 12
    assert bundle["conditions"][0]["body"].startswith("Neck pain")
    neck = Condition.objects.get(slug="neck-pain")
    neck.summary = "Changed after the bundle."
    content_save(item=neck, by=None)
    content_unpublish(item=Condition.objects.get(slug="headaches"), by=None)

    page = client.get(f"/api/v1/changes/?since={bundle['cursor']}").json()
    for event in page["events"]:
        key = (event["type"], event["id"])
        if event["kind"] == "removed":
            held.pop(key)
        else:
            held[key] = event["revision"]

    assert [e["slug"] for e in page["events"]] == ["neck-pain", "headaches"]
    assert held == _published()


def test_the_bundle_in_french_carries_what_each_item_says_of_its_text(client, seed) -> None:
    response = client.get("/api/v1/bundle/?lang=fr-ca")
    bundle = response.json()
    untranslated(Condition.objects.get(slug="neck-pain"))
    partly = client.get("/api/v1/bundle/?lang=fr-ca")

    # Every text in French, then one item's in English: Content-Language says both.
    assert response["Content-Language"] == "fr-ca"
    assert partly["Content-Language"] == "fr-ca, en"

    headaches = next(c for c in bundle["conditions"] if c["slug"] == "headaches")
    assert headaches["translation"]["status"] == "machine"
    assert headaches["urgent_care"][0]["text"].startswith("Les maux de tête soudains")
    assert "céphalée de tension" in headaches["search_terms"]
    assert all(item["translation"]["status"] == "machine" for item in bundle["faqs"])


def test_the_bundle_has_an_etag_and_answers_304(client, seed) -> None:
    etag = client.get("/api/v1/bundle/")["ETag"]

    assert client.get("/api/v1/bundle/", HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_bundle_is_built_once_per_content_version(
    client, seed, django_assert_num_queries
) -> None:
    client.get("/api/v1/bundle/?lang=fr-ca")

    # 1 content version: the rest is the cached response
    with django_assert_num_queries(1):
        assert client.get("/api/v1/bundle/?lang=fr-ca").status_code == 200


def test_pruning_keeps_what_a_partner_needs(client, seed) -> None:
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from content.models import ContentEvent

    neck = Condition.objects.get(slug="neck-pain")
    neck.summary = "Edited once."
    content_save(item=neck, by=None)
    content_unpublish(item=Condition.objects.get(slug="headaches"), by=None)
    ContentEvent.objects.update(at=timezone.now() - timedelta(days=400))

    call_command("prune_changes", "--days=30")

    mirror, _ = _replay(client)
    assert mirror == _published()
    # One event per item: its latest, the tombstone of the unpublished one included.
    assert ContentEvent.objects.count() == 26
    assert ContentEvent.objects.get(slug="headaches").kind == "removed"
