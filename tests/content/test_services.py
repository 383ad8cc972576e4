from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from reversion.models import Version

from content.models import Condition, ConditionCategory, Status
from content.services import (
    TransitionNotAllowed,
    content_archive,
    content_publish,
    content_save,
    content_unpublish,
    taxonomy_save,
)
from tests.factories import ConditionCategoryFactory, ConditionFactory

# Counts and lookups below are of the content these tests make, alone in the database.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_content")]


def test_new_content_is_a_draft_with_no_published_revision(editor) -> None:
    condition = content_save(item=ConditionFactory.build(category=_category()), by=editor)

    assert condition.status == Status.DRAFT
    assert condition.revision == 0
    assert condition.published_at is None
    assert Condition.objects.published().count() == 0


def test_saving_stores_renditions_of_the_body(editor) -> None:
    condition = ConditionFactory.build(category=_category(), body="## Causes\n\nStrain.")

    content_save(item=condition, by=editor)

    stored = Condition.objects.get(pk=condition.pk)
    assert stored.body_html == "<h2>Causes</h2>\n<p>Strain.</p>"
    assert stored.body_text == "Causes\n\nStrain."
    assert stored.body_blocks[0] == {"type": "heading", "level": 2, "text": "Causes"}


def test_publish_unpublish_and_archive_each_bump_the_revision(editor) -> None:
    condition = content_save(item=ConditionFactory.build(category=_category()), by=editor)

    content_publish(item=condition, by=editor)
    assert (condition.status, condition.revision) == (Status.PUBLISHED, 1)
    assert condition.published_at is not None
    assert Condition.objects.published().get() == condition

    content_unpublish(item=condition, by=editor)
    assert (condition.status, condition.revision) == (Status.DRAFT, 2)
    assert Condition.objects.published().count() == 0

    content_archive(item=condition, by=editor)
    assert (condition.status, condition.revision) == (Status.ARCHIVED, 3)
    assert Condition.objects.get(pk=condition.pk).revision == 3


def test_published_again_an_item_keeps_its_first_publication_date(editor) -> None:
    condition = content_save(item=ConditionFactory.build(category=_category()), by=editor)
    content_publish(item=condition, by=editor)
    first = condition.published_at
    content_unpublish(item=condition, by=editor)

    content_publish(item=condition, by=editor)

    assert Condition.objects.get(pk=condition.pk).published_at == first
    assert condition.updated_at > first


def test_editing_published_content_bumps_the_revision_but_editing_a_draft_does_not(editor) -> None:
    condition = content_save(item=ConditionFactory.build(category=_category()), by=editor)
    condition.summary = "A revised draft."
    content_save(item=condition, by=editor)
    assert condition.revision == 0

    content_publish(item=condition, by=editor)
    condition.summary = "A published correction."
    content_save(item=condition, by=editor)

    assert condition.revision == 2


def test_every_change_is_kept_in_the_history_with_who_and_what(editor) -> None:
    condition = content_save(item=ConditionFactory.build(category=_category()), by=editor)
    content_publish(item=condition, by=editor)
    content_unpublish(item=condition, by=editor)

    versions = Version.objects.get_for_object(condition)

    assert [v.revision.comment for v in versions] == ["Unpublished.", "Published.", "Saved."]
    assert {v.revision.user for v in versions} == {editor}
    assert [v.field_dict["status"] for v in versions] == ["draft", "published", "draft"]


def test_a_status_change_that_makes_no_sense_is_refused(editor) -> None:
    condition = content_save(item=ConditionFactory.build(category=_category()), by=editor)

    with pytest.raises(TransitionNotAllowed, match="it is a draft"):
        content_unpublish(item=condition, by=editor)
    content_publish(item=condition, by=editor)
    with pytest.raises(TransitionNotAllowed, match="it is published"):
        content_publish(item=condition, by=editor)
    assert Condition.objects.get(pk=condition.pk).revision == 1


def test_a_summary_over_200_characters_is_rejected_naming_the_field(editor) -> None:
    condition = ConditionFactory.build(category=_category(), summary="x" * 201)

    with pytest.raises(ValidationError) as error:
        content_save(item=condition, by=editor)

    assert "summary_en" in error.value.message_dict
    assert not Condition.objects.exists()


def test_a_duplicate_slug_is_rejected(editor) -> None:
    category = _category()
    content_save(item=ConditionFactory.build(category=category, slug="neck-pain"), by=editor)

    with pytest.raises(ValidationError) as error:
        content_save(item=ConditionFactory.build(category=category, slug="neck-pain"), by=editor)

    assert "slug" in error.value.message_dict


def test_a_review_due_before_the_last_review_is_rejected(editor) -> None:
    condition = ConditionFactory.build(
        category=_category(), last_reviewed="2026-06-01", next_review_due="2026-01-01"
    )

    with pytest.raises(ValidationError, match="cannot be due before the last review"):
        content_save(item=condition, by=editor)


@pytest.mark.parametrize(
    ("change", "constraint"),
    [
        ({"status": "live"}, "status_valid"),
        ({"summary_en": "x" * 201}, "summary_en_length"),
        ({"status": "published", "published_at": None}, "published_has_date"),
    ],
)
def test_the_database_itself_rejects_invalid_content(editor, change, constraint) -> None:
    condition = content_save(item=ConditionFactory.build(category=_category()), by=editor)

    # PostgreSQL's varchar(200) may refuse the long summary before the check does.
    with pytest.raises((IntegrityError, DataError)) as error, transaction.atomic():
        Condition.objects.filter(pk=condition.pk).update(**change)

    assert constraint in str(error.value) or isinstance(error.value, DataError)


def _category() -> ConditionCategory:
    return ConditionCategoryFactory()


def test_every_text_field_is_stored_with_unix_line_endings(editor) -> None:
    category = ConditionCategory(slug="joint", name="Joint", description="One\r\nTwo\rThree")
    taxonomy_save(term=category, by=editor)
    condition = ConditionFactory.build(
        category=category, summary="Short\r\nsummary.", body="## Causes\r\n\r\nStrain.\r"
    )

    content_save(item=condition, by=editor)

    stored = Condition.objects.get(pk=condition.pk)
    assert (stored.summary, stored.body) == ("Short\nsummary.", "## Causes\n\nStrain.\n")
    assert ConditionCategory.objects.get(pk=category.pk).description == "One\nTwo\nThree"
