"""A condition's "when to seek urgent care" statements (content/urgent_care.py, DESIGN 1.7):
each carries its own review, which a reviewer's approval records and a change of its text
by a person clears."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from content import urgent_care
from content.models import Condition, Draft
from content.services import (
    content_approve,
    content_publish,
    content_save,
    content_unpublish,
    draft_save,
)
from content.validators import validate_urgent_care
from content.working_copies import take
from tests.factories import ConditionCategoryFactory, ConditionFactory

pytestmark = pytest.mark.django_db

SUDDEN = "Sudden, severe headaches need prompt medical attention."
NUMB = "Numbness in the face needs urgent care."
REVIEWED = {"reviewed_by": "Dr. Somebody, PT", "reviewed_at": "2026-01-05"}
PENDING = {"reviewed_by": "", "reviewed_at": None}


def _statement(text: str, **review: object) -> dict[str, object]:
    return {"text": text, **PENDING, **review}


@pytest.fixture
def condition(writer) -> Condition:
    item = ConditionFactory.build(category=ConditionCategoryFactory(), slug="migraine")
    item.urgent_care_en = [_statement(SUDDEN), _statement(NUMB)]
    item.urgent_care_fr_ca = [_statement("Un mal de tête soudain et intense exige des soins.")]
    item.translation_records = {"fr-ca": {"status": "human"}}
    return content_save(item=item, by=writer)


def _reviews(statements: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(s["reviewed_by"], s["reviewed_at"]) for s in statements]


def test_a_statement_a_person_writes_is_pending_whatever_review_it_claims(writer) -> None:
    item = ConditionFactory.build(category=ConditionCategoryFactory(), slug="vertigo")
    item.urgent_care_en = [_statement(SUDDEN, **REVIEWED)]

    content_save(item=item, by=writer)

    item.refresh_from_db()
    assert item.urgent_care_en == [_statement(SUDDEN)]
    assert urgent_care.review_state(item.urgent_care_en[0]) == "pending"


def test_a_reviewers_approval_reviews_every_statement_in_every_language(
    reviewer, condition: Condition
) -> None:
    content_approve(item=condition, by=reviewer)

    condition.refresh_from_db()
    today = date.today().isoformat()
    credited = ("Dr. Reviewer, PT, IMS certified", today)
    assert _reviews(condition.urgent_care_en) == [credited, credited]
    assert _reviews(condition.urgent_care_fr_ca) == [credited]


def test_changing_a_statements_text_makes_it_pending_and_leaves_the_others_approved(
    writer, reviewer, condition: Condition
) -> None:
    content_approve(item=condition, by=reviewer)
    content_unpublish(item=condition, by=reviewer)  # not live: saving changes the item itself
    item = Condition.objects.get(pk=condition.pk)
    item.urgent_care_en = [
        _statement(SUDDEN, **REVIEWED),  # unchanged: keeps the review it has, not this one
        _statement("Numbness in the face or arm needs urgent care."),
        _statement("A new statement."),
    ]

    content_save(item=item, by=writer)

    item.refresh_from_db()
    approved = ("Dr. Reviewer, PT, IMS certified", date.today().isoformat())
    assert _reviews(item.urgent_care_en) == [approved, ("", None), ("", None)]
    assert _reviews(item.urgent_care_fr_ca) == [approved]


def test_a_draft_of_a_live_condition_keeps_reviews_of_the_text_it_leaves_alone(
    writer, reviewer, condition: Condition
) -> None:
    content_approve(item=condition, by=reviewer)
    live = Condition.objects.get(pk=condition.pk)
    edited = Condition.objects.get(pk=condition.pk)
    edited.urgent_care_en = [_statement(SUDDEN), _statement("Changed.")]

    draft_save(item=live, content=take(edited), by=writer)

    drafted = Draft.objects.get(item_id=live.pk).content["fields"]["urgent_care_en"]
    approved = ("Dr. Reviewer, PT, IMS certified", date.today().isoformat())
    assert _reviews(drafted) == [approved, ("", None)]
    content_publish(item=live, by=reviewer)
    live.refresh_from_db()
    assert _reviews(live.urgent_care_en) == [approved, approved]


def test_a_draft_that_only_drops_the_reviews_it_carried_is_no_draft(
    writer, reviewer, condition: Condition
) -> None:
    content_approve(item=condition, by=reviewer)
    live = Condition.objects.get(pk=condition.pk)
    # As the admin's form posts them: the text only.
    live.urgent_care_en = [_statement(SUDDEN), _statement(NUMB)]

    assert draft_save(item=live, content=take(live), by=writer) is None


def test_loading_content_stores_statements_as_given_and_publishing_approves_nothing() -> None:
    item = ConditionFactory.build(category=ConditionCategoryFactory(), slug="loaded")
    item.urgent_care_en = [_statement(SUDDEN), _statement(NUMB, **REVIEWED)]

    content_save(item=item, by=None)
    content_publish(item=item, by=None)

    item.refresh_from_db()
    assert _reviews(item.urgent_care_en) == [("", None), ("Dr. Somebody, PT", "2026-01-05")]


def test_without_required_reviews_an_editors_publish_leaves_statements_pending(
    settings, writer, condition: Condition
) -> None:
    settings.REVIEW_REQUIRED_TO_PUBLISH = False

    content_publish(item=condition, by=writer)

    condition.refresh_from_db()
    assert _reviews(condition.urgent_care_en) == [("", None), ("", None)]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ({"text": SUDDEN}, "must be a list"),
        ([SUDDEN], "must have a text, reviewed_by and reviewed_at"),
        ([{"text": SUDDEN}], "must have a text, reviewed_by and reviewed_at"),
        ([_statement("  ")], "has no text"),
        ([_statement("x" * 301)], "longer than 300"),
        ([_statement("two\nlines")], "one line"),
        ([_statement(SUDDEN), _statement(SUDDEN.upper())], "listed twice"),
        ([_statement(SUDDEN, reviewed_by="Dr. X")], "who and when"),
        ([_statement(SUDDEN, reviewed_at="2026-01-05")], "who and when"),
        ([_statement(SUDDEN, reviewed_by="Dr. X", reviewed_at="5 January")], "YYYY-MM-DD"),
        ([_statement(SUDDEN, reviewed_by=None)], "must be a name"),
    ],
)
def test_statements_are_validated(value: object, problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        validate_urgent_care(value)


def test_valid_statements_pass() -> None:
    validate_urgent_care([_statement("x" * 300), _statement(SUDDEN, **REVIEWED)])
