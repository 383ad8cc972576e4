"""Clinical review before publishing (content/approval.py, DESIGN 1.5): only a
clinical reviewer makes a change reach readers, and doing so records their review."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from content.approval import ReviewRequired, months_after
from content.models import Condition, Status
from content.services import content_approve, content_publish, content_save
from tests.admin import form_data, member
from tests.factories import ConditionCategoryFactory, ConditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(writer) -> Condition:
    return content_save(
        item=ConditionFactory.build(category=ConditionCategoryFactory(), slug="knee-pain"),
        by=writer,
    )


def test_the_roles_are_groups_and_only_reviewers_may_approve(writer, reviewer) -> None:
    assert not writer.has_perm("content.approve_content")
    assert writer.has_perm("content.change_condition")
    assert not writer.has_perm("content.delete_condition")
    assert reviewer.has_perm("content.approve_content")
    assert reviewer.has_perm("content.delete_condition")


def test_an_editor_cannot_publish_and_the_admin_offers_them_no_such_action(
    client, writer, draft: Condition
) -> None:
    with pytest.raises(ReviewRequired, match="only through a clinical reviewer"):
        content_publish(item=draft, by=writer)
    client.force_login(writer)

    page = client.get(reverse("admin:content_condition_changelist")).content.decode()

    assert 'value="archive"' in page
    assert 'value="publish"' not in page
    assert 'value="approve"' not in page
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_reviewers_approval_publishes_with_their_review_on_record(
    client, reviewer, draft: Condition
) -> None:
    client.force_login(reviewer)

    response = client.post(
        reverse("admin:content_condition_changelist"),
        {"action": "approve", "_selected_action": [draft.pk]},
        follow=True,
    )

    assert "Approved 1 item." in response.content.decode()
    draft.refresh_from_db()
    today = date.today()
    assert draft.status == Status.PUBLISHED
    assert (draft.last_reviewed, draft.next_review_due) == (today, months_after(today, 12))
    body = client.get("/api/v1/conditions/knee-pain/").json()
    assert body["review_status"] == "current"
    assert body["reviewed_by"] == {"name": "Dr. Reviewer", "credentials": "PT, IMS certified"}
    assert body["last_reviewed"] == today.isoformat()


def test_an_editor_drafts_changes_to_a_live_item_that_only_a_reviewer_publishes(
    client, writer, reviewer, draft: Condition
) -> None:
    content_approve(item=draft, by=reviewer)
    client.force_login(writer)
    url = reverse("admin:content_condition_change", args=[draft.pk])

    page = client.get(url)
    saved = client.post(url, {**form_data(page), "summary_en": "An unreviewed change."})
    refused = client.post(url, {**form_data(client.get(url)), "_publish": "1"}, follow=True)

    assert 'name="_publish"' not in page.content.decode()
    assert saved.status_code == 302
    assert "only through a clinical reviewer" in refused.content.decode()
    draft.refresh_from_db()
    assert draft.summary != "An unreviewed change."  # readers never saw it
    draft.summary = "An unreviewed change."
    with pytest.raises(ReviewRequired):
        content_save(item=draft, by=writer)
    client.force_login(reviewer)
    client.post(url, {**form_data(client.get(url)), "_publish": "1"})
    draft.refresh_from_db()
    assert (draft.summary, draft.reviewed_by_name) == ("An unreviewed change.", "Dr. Reviewer")


def test_a_reviewer_without_a_profile_is_told_to_add_one(
    django_user_model, draft: Condition
) -> None:
    anonymous = member(django_user_model, "nameless", "Clinical reviewer", profile=False)

    with pytest.raises(ReviewRequired, match="has no reviewer profile"):
        content_approve(item=draft, by=anonymous)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_without_required_reviews_an_editor_publishes_as_before(
    settings, writer, draft: Condition
) -> None:
    settings.REVIEW_REQUIRED_TO_PUBLISH = False

    content_publish(item=draft, by=writer)

    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert draft.last_reviewed is None  # published, but nobody reviewed it


def test_the_review_interval_is_a_setting(settings, reviewer, draft: Condition) -> None:
    settings.REVIEW_INTERVAL_MONTHS = 6

    content_approve(item=draft, by=reviewer)

    assert draft.next_review_due == months_after(date.today(), 6)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 12, 3), 12, date(2027, 12, 3)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
    ],
)
def test_months_after_keeps_the_day_or_the_months_last(day, months, expected) -> None:  # type: ignore[no-untyped-def]
    assert months_after(day, months) == expected
