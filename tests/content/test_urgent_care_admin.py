"""Editors write urgent-care statements as rows, never JSON, and see each one's review;
drafts, their differences and publishing carry them (content/widgets.py, DESIGN 1.7)."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client

from content.models import Condition, Draft
from content.services import content_approve, content_save, content_unpublish
from tests.admin import change_url, form_data
from tests.factories import ConditionCategoryFactory, ConditionFactory

pytestmark = pytest.mark.django_db

ROWS = "urgent_care_en-text"
FALL = "Neck pain after a fall needs urgent care."
ARM = "Weakness in an arm needs prompt medical attention."


@pytest.fixture
def condition(writer) -> Condition:
    """A condition not yet live, with two statements pending review."""
    item = ConditionFactory.build(category=ConditionCategoryFactory(), slug="stiff-neck")
    item.urgent_care_en = [
        {"text": text, "reviewed_by": "", "reviewed_at": None} for text in (FALL, ARM)
    ]
    return content_save(item=item, by=writer)


@pytest.fixture
def as_writer(client, writer) -> Client:
    client.force_login(writer)
    return client


def _review(statements: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    return [(s["text"], s["reviewed_by"], s["reviewed_at"]) for s in statements]


def test_each_statement_is_a_row_with_its_review_shown_beside_it(
    signed_in, reviewer, condition: Condition
) -> None:
    content_approve(item=condition, by=reviewer)
    condition.urgent_care_en = [
        *condition.urgent_care_en,
        {"text": "New.", "reviewed_by": "", "reviewed_at": None},
    ]
    content_save(item=condition, by=None)  # as loading a content file would

    page = signed_in.get(change_url(condition))

    html = page.content.decode()
    assert "When to seek urgent care" in html
    assert form_data(page)[ROWS] == [FALL, ARM, "New.", "", ""]  # and two blank rows
    today = date.today().isoformat()
    assert html.count(f"by Dr. Reviewer, PT, IMS certified on {today}") == 2
    assert html.count("Pending clinical review") == 1
    assert '"reviewed_by"' not in html  # no JSON to type


def test_rows_are_added_changed_and_removed_and_only_changed_ones_lose_their_review(
    as_writer, reviewer, condition: Condition
) -> None:
    content_approve(item=condition, by=reviewer)
    content_unpublish(item=condition, by=reviewer)  # not live: the form saves the item itself
    data = form_data(as_writer.get(change_url(condition)))
    data[ROWS] = ["", f"  {ARM}  ", "Chest pain\r\nneeds 911.", ""]

    assert as_writer.post(change_url(condition), data).status_code == 302

    condition.refresh_from_db()
    approved = ("Dr. Reviewer, PT, IMS certified", date.today().isoformat())
    assert _review(condition.urgent_care_en) == [
        (ARM, *approved),
        ("Chest pain needs 911.", "", None),
    ]


def test_a_row_too_long_or_said_twice_is_refused_row_by_row(
    as_writer, condition: Condition
) -> None:
    data = form_data(as_writer.get(change_url(condition)))
    data[ROWS] = [FALL, "x" * 301, "", FALL.upper()]

    response = as_writer.post(change_url(condition), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["urgent_care_en"] == [
        "Row 2: at most 300 characters (it has 301).",
        "Row 4 repeats row 1.",
    ]
    condition.refresh_from_db()
    assert [s["text"] for s in condition.urgent_care_en] == [FALL, ARM]


def test_a_french_translation_left_empty_falls_back_to_english(
    as_writer, condition: Condition
) -> None:
    data = form_data(as_writer.get(change_url(condition)))
    assert data["urgent_care_fr_ca-text"] == ["", ""]

    assert as_writer.post(change_url(condition), data).status_code == 302

    condition.refresh_from_db()
    assert condition.urgent_care_fr_ca is None


def test_a_draft_of_a_live_condition_carries_its_statements_to_the_diff_and_to_readers(
    client, as_writer, reviewer, condition: Condition
) -> None:
    content_approve(item=condition, by=reviewer)
    url = change_url(condition)
    data = form_data(as_writer.get(url))
    data[ROWS] = [FALL, "Weakness in an arm or a leg needs prompt medical attention.", ""]

    assert as_writer.post(url, data).status_code == 302

    drafted = Draft.objects.get(item_id=condition.pk).content["fields"]["urgent_care_en"]
    approved = ("Dr. Reviewer, PT, IMS certified", date.today().isoformat())
    changed = "Weakness in an arm or a leg needs prompt medical attention."
    assert _review(drafted) == [(FALL, *approved), (changed, "", None)]
    page = as_writer.get(url).content.decode()
    assert "What the draft changes" in page
    assert f"{ARM} (approved by Dr. Reviewer, PT, IMS certified on {approved[1]})" in page
    assert f"{changed} (pending review)" in page  # the draft's
    api = f"/api/v1/conditions/{condition.slug}/?fields=urgent_care"
    assert [s["text"] for s in client.get(api).json()["urgent_care"]] == [FALL, ARM]

    client.force_login(reviewer)
    assert client.post(url, {**form_data(client.get(url)), "_publish": "1"}).status_code == 302

    statements = client.get(api).json()["urgent_care"]
    assert [(s["text"], s["review_status"]) for s in statements] == [
        (FALL, "approved"),
        (changed, "approved"),
    ]


def test_another_editors_statements_are_shown_and_taken_into_the_rows(
    client, editor, django_user_model, condition: Condition
) -> None:
    other = django_user_model.objects.create_superuser("second", "second@example.test", "pw")
    second = Client()
    client.force_login(editor)
    second.force_login(other)
    url = change_url(condition)
    first_form, second_form = form_data(client.get(url)), form_data(second.get(url))

    assert client.post(url, {**first_form, ROWS: [FALL, "Added.", ""]}).status_code == 302
    refused = second.post(url, {**second_form, "name_en": "Wry neck"})

    assert refused.status_code == 200
    assert f"changed this to: {FALL}; Added. (now in the form)" in refused.content.decode()
    assert second.post(url, form_data(refused)).status_code == 302
    condition.refresh_from_db()
    assert condition.name == "Wry neck"
    assert [s["text"] for s in condition.urgent_care_en] == [FALL, "Added."]
