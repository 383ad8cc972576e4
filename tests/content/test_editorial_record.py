"""Submitting for review and the editorial record (DESIGN 1.5): an editor submits, a
reviewer sees what waits for them, and every step is recorded with who and when."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.urls import reverse
from reversion.models import Version

from content.models import Condition, ContentEvent, EditorialEvent, Submission
from content.seed.exporting import EDITORIAL_RECORD_FILE, export_content
from tests.admin import change_url, form_data

pytestmark = pytest.mark.django_db


def _press(browser, item: Condition, button: str, **changes):  # type: ignore[no-untyped-def]
    """Press `button` on the item's edit page, with `changes` typed into the form first."""
    data = {**form_data(browser.get(change_url(item))), **changes, button: "1"}
    return browser.post(change_url(item), data, follow=True)


def test_an_editor_submits_a_draft_and_the_reviewer_finds_it_waiting(
    client, writer, reviewer, live: Condition
) -> None:
    client.force_login(writer)
    _press(client, live, "_continue", summary_en="A clearer summary.")
    page = client.get(change_url(live)).content.decode()
    assert 'name="_submit" value="Submit for review"' in page

    submitted = _press(client, live, "_submit").content.decode()

    assert "Submitted “Tennis elbow” for clinical review." in submitted
    assert Submission.objects.get(item_id=live.pk).by == writer
    client.force_login(reviewer)
    waiting = client.get(reverse("admin:content_condition_changelist"), {"submitted": "yes"})
    assert [item.pk for item in waiting.context["cl"].result_list] == [live.pk]
    assert "awaiting review" in waiting.content.decode()
    assert "Awaiting clinical review: submitted by writer" in (
        client.get(change_url(live)).content.decode()
    )

    _press(client, live, "_publish")

    assert not Submission.objects.filter(item_id=live.pk).exists()  # decided
    assert client.get("/api/v1/conditions/tennis-elbow/").json()["summary"] == "A clearer summary."


def test_a_reviewer_sends_a_submission_back_saying_what_to_change(
    client, writer, reviewer, live: Condition
) -> None:
    client.force_login(writer)
    _press(client, live, "_continue", summary_en="A clearer summary.")
    _press(client, live, "_submit", review_note="Shorter, as the kiosk asked.")
    client.force_login(reviewer)

    silent = _press(client, live, "_request_changes").content.decode()
    assert "without saying what to change" in silent
    assert Submission.objects.filter(item_id=live.pk).exists()
    _press(client, live, "_request_changes", review_note="Cite the 2019 review, please.")

    assert not Submission.objects.filter(item_id=live.pk).exists()
    latest = EditorialEvent.objects.filter(item_id=live.pk).first()
    assert (latest.action, latest.by_name, latest.note) == (
        "changes_requested",
        "reviewer",
        "Cite the 2019 review, please.",
    )
    assert EditorialEvent.objects.get(action="submitted").note == "Shorter, as the kiosk asked."
    client.force_login(writer)
    page = client.get(change_url(live)).content.decode()
    assert "Changes requested by reviewer" in page
    assert "Cite the 2019 review, please." in page
    assert client.get("/api/v1/conditions/tennis-elbow/").json()["summary"] == live.summary


def test_a_live_item_without_a_draft_has_nothing_to_submit(client, writer, live) -> None:
    client.force_login(writer)

    assert 'name="_submit"' not in client.get(change_url(live)).content.decode()


def test_every_step_is_recorded_with_who_and_exported(
    client, writer, reviewer, live: Condition, tmp_path: Path
) -> None:
    original = Version.objects.get_for_object(live).first()
    feed_before = ContentEvent.objects.count()
    client.force_login(writer)
    _press(client, live, "_continue", summary_en="A clearer summary.")
    _press(client, live, "_submit")
    client.force_login(reviewer)
    _press(client, live, "_discard")
    _press(client, live, "_continue", summary_en="Another summary.")
    _press(client, live, "_publish")
    restore = reverse("admin:content_condition_revision", args=[live.pk, original.pk])
    client.post(restore, form_data(client.get(restore)))
    _press(client, live, "_unpublish")
    _press(client, live, "_archive")
    client.post(reverse("admin:content_condition_delete", args=[live.pk]), {"post": "yes"})

    steps = [
        (event.action, event.by_name)
        for event in EditorialEvent.objects.filter(item_id=live.pk).order_by("id")
    ]

    assert steps == [
        ("saved", ""),  # loaded from the seed files: by a script
        ("published", ""),
        ("draft_saved", "writer"),
        ("submitted", "writer"),
        ("draft_discarded", "reviewer"),
        ("draft_saved", "reviewer"),
        ("published", "reviewer"),
        ("draft_saved", "reviewer"),  # the restored version, as the draft
        ("restored", "reviewer"),
        ("unpublished", "reviewer"),  # its draft becomes the item
        ("saved", "reviewer"),  # the archive button saves the form first
        ("archived", "reviewer"),
        ("deleted", "reviewer"),
    ]
    # Partners' feed reports what readers saw change: the publish and the removal.
    kinds = list(ContentEvent.objects.values_list("kind", flat=True)[feed_before:])
    assert kinds == ["updated", "removed"]
    export_content(directory=tmp_path)
    exported = [
        json.loads(line)
        for line in (tmp_path / EDITORIAL_RECORD_FILE).read_text().splitlines()
        if json.loads(line)["item_id"] == str(live.pk)
    ]
    assert [(e["action"], e["by_name"]) for e in exported] == steps
