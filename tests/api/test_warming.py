"""Publishing renders what it changed before readers ask (DESIGN 2.9).

After a change commits, a task renders and stores the representations of the
items it stamped, in every language and form, so the first readers after a
publish find them stored instead of rendering them. Here the task runs where it
is enqueued (tests/conftest.py); tests/api/test_background_work.py has a worker.
"""

from __future__ import annotations

import logging

import pytest

from api.caching.representations import Resource
from content.models import BodyRegion, Condition, Mechanism
from content.services import content_save, taxonomy_save

pytestmark = pytest.mark.django_db

ALL_CONDITIONS = "/api/v1/conditions/?limit=18"


@pytest.fixture
def renamed_mechanism(client, seed, settings, django_capture_on_commit_callbacks) -> Mechanism:  # type: ignore[no-untyped-def]
    # Warming is on by default with Redis, which the SQLite run has not.
    settings.WARM_AFTER_PUBLISH = 500
    # Every condition and its inlined mechanisms stored, as on a running site.
    client.get(f"{ALL_CONDITIONS}&expand=mechanisms")
    mechanism = Mechanism.objects.get(slug="twitch-response")
    mechanism.name_en = "The twitch reflex"
    mechanism.name_fr_ca = "Le réflexe de secousse"
    with django_capture_on_commit_callbacks(execute=True):
        content_save(item=mechanism, by=None)
    return mechanism


def _mechanism_names(body: dict) -> set[str]:  # type: ignore[type-arg]
    return {m["name"] for c in body["results"] for m in c["mechanisms"]}


def test_a_published_change_is_rendered_before_anyone_asks(
    client, renamed_mechanism, django_assert_num_queries
) -> None:
    # 1 content version, 1 page of ids and stamps, 1 count: nothing to render,
    # although the change shows in several conditions; nor in French (where
    # the count is already known).
    for language, queries, name in (
        ("en", 3, "The twitch reflex"),
        ("fr-ca", 2, "Le réflexe de secousse"),
    ):
        with django_assert_num_queries(queries):
            body = client.get(f"{ALL_CONDITIONS}&fields=mechanisms&lang={language}").json()
        assert name in _mechanism_names(body)


def test_the_inlined_form_of_a_changed_item_is_warmed_too(
    client, renamed_mechanism, django_assert_num_queries
) -> None:
    # 3 as above, then 1 for the stamps of the mechanisms inlined
    with django_assert_num_queries(4):
        body = client.get(f"{ALL_CONDITIONS}&fields=mechanisms&expand=mechanisms").json()
    inlined = [
        m for c in body["results"] for m in c["mechanisms"] if m["slug"] == "twitch-response"
    ]
    assert inlined
    assert {m["name"] for m in inlined} == {"The twitch reflex"}
    assert all("summary" in m for m in inlined)


def test_without_warming_the_first_reader_renders_the_change(
    client, seed, settings, django_capture_on_commit_callbacks, django_assert_num_queries
) -> None:
    settings.WARM_AFTER_PUBLISH = 0
    client.get(ALL_CONDITIONS)
    mechanism = Mechanism.objects.get(slug="twitch-response")
    mechanism.name_en = "The twitch reflex"
    mechanism.name_fr_ca = "Le réflexe de secousse"
    with django_capture_on_commit_callbacks(execute=True):
        content_save(item=mechanism, by=None)

    # 3, then 1 rows + category, 1 regions, 1 links, 1 FAQs for those showing it,
    # 1 disclaimer (their attribution carries it)
    with django_assert_num_queries(8):
        body = client.get(f"{ALL_CONDITIONS}&fields=mechanisms").json()
    assert "The twitch reflex" in _mechanism_names(body)


def test_warming_stops_at_its_limit_in_list_order(
    client, seed, settings, django_capture_on_commit_callbacks, django_assert_num_queries
) -> None:
    settings.WARM_AFTER_PUBLISH = 1
    region = BodyRegion.objects.get(slug="elbow")
    first, second = Condition.objects.filter(body_regions=region).order_by("position", "slug")[:2]
    region.name = "Elbow and forearm"
    with django_capture_on_commit_callbacks(execute=True):
        taxonomy_save(term=region, by=None)

    # 1 content version, 1 id and stamp: stored
    with django_assert_num_queries(2):
        client.get(f"/api/v1/conditions/{first.slug}/")
    # past the limit: rendered on first read (1 rows + category, 1 regions, 1 links, 1 FAQs,
    # 1 disclaimer)
    with django_assert_num_queries(7):
        body = client.get(f"/api/v1/conditions/{second.slug}/").json()
    assert [r["name"] for r in body["body_regions"]] == ["Elbow and forearm"]


def test_a_failing_warm_up_leaves_the_change_published(
    client, seed, settings, monkeypatch, caplog, django_capture_on_commit_callbacks
) -> None:
    settings.WARM_AFTER_PUBLISH = 500
    mechanism = Mechanism.objects.get(slug="twitch-response")
    mechanism.name = "The twitch reflex"

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("renderer broke")

    with monkeypatch.context() as patched, caplog.at_level(logging.WARNING):
        patched.setattr(Resource, "render", broken)
        with django_capture_on_commit_callbacks(execute=True):
            content_save(item=mechanism, by=None)

    assert "renderer broke" in caplog.text
    assert Mechanism.objects.get(slug="twitch-response").name == "The twitch reflex"
    body = client.get("/api/v1/mechanisms/twitch-response/").json()
    assert body["name"] == "The twitch reflex"
