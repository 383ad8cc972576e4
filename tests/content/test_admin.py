from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from reversion.models import Version

from content.models import Condition, Status
from content.services import content_publish, content_save
from tests.factories import ConditionCategoryFactory, ConditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, editor):  # type: ignore[no-untyped-def]
    client.force_login(editor)
    return client


@pytest.fixture
def condition(editor) -> Condition:
    return content_save(
        item=ConditionFactory.build(category=ConditionCategoryFactory(), name="Tennis elbow"),
        by=editor,
    )


@pytest.mark.parametrize(
    "model", ["condition", "faq", "mechanism", "bodyregion", "conditioncategory", "faqtopic"]
)
def test_editors_can_list_search_and_add_every_type(signed_in, model: str) -> None:
    assert (
        signed_in.get(reverse(f"admin:content_{model}_changelist") + "?q=elbow").status_code == 200
    )
    assert signed_in.get(reverse(f"admin:content_{model}_add")).status_code == 200


def test_the_change_form_shows_the_stored_rendition(signed_in, condition: Condition) -> None:
    response = signed_in.get(reverse("admin:content_condition_change", args=[condition.pk]))

    assert response.status_code == 200
    assert condition.body_html in response.content.decode()


def test_saving_in_the_admin_keeps_a_draft_and_renders_the_body(signed_in, editor) -> None:
    category = ConditionCategoryFactory()
    form = {
        # Not a seed condition: the seed's neck-pain is already in the database.
        "name_en": "Knee pain", "name_fr_ca": "", "slug": "knee-pain",
        "summary_en": "Pain in the knee.", "summary_fr_ca": "",
        "body_en": "Some <script>x()</script>**bold** text.", "body_fr_ca": "",
        "position": 1, "aliases_en": "sore knee\n\n gonalgia ", "aliases_fr_ca": "",
        "category": category.pk, "references": "[]",
        "mechanism_links-TOTAL_FORMS": 0, "mechanism_links-INITIAL_FORMS": 0,
    }  # fmt: skip

    response = signed_in.post(reverse("admin:content_condition_add"), form)

    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Condition.objects.get(slug="knee-pain")
    assert saved.status == Status.DRAFT
    assert saved.body_html == "<p>Some x()<strong>bold</strong> text.</p>"
    assert saved.aliases == ["sore knee", "gonalgia"]
    assert saved.aliases_fr_ca is None
    assert Version.objects.get_for_object(saved).first().revision.user == editor


def test_the_publish_action_goes_through_the_service(signed_in, condition: Condition) -> None:
    response = signed_in.post(
        reverse("admin:content_condition_changelist"),
        {"action": "publish", "_selected_action": [condition.pk]},
        follow=True,
    )

    condition.refresh_from_db()
    assert (condition.status, condition.revision) == (Status.PUBLISHED, 1)
    assert "Published 1 item(s)." in response.content.decode()


def test_the_unpublish_action_explains_what_it_refused(signed_in, condition: Condition) -> None:
    response = signed_in.post(
        reverse("admin:content_condition_changelist"),
        {"action": "unpublish", "_selected_action": [condition.pk]},
        follow=True,
    )

    assert "Cannot unpublish “Tennis elbow”: it is draft." in response.content.decode()
    condition.refresh_from_db()
    assert condition.revision == 0


def test_the_markdown_preview_renders_as_saving_would(signed_in) -> None:
    response = signed_in.post(
        reverse("admin:content_condition_markdown_preview"),
        {"source": "## Hi\n\n<img src=x onerror=alert(1)>"},
    )

    assert response.json() == {"html": "<h2>Hi</h2>"}


def test_the_markdown_preview_is_for_signed_in_staff_only(client) -> None:
    response = client.post(reverse("admin:content_condition_markdown_preview"), {"source": "x"})

    assert response.status_code == 302


def test_the_review_due_page_lists_overdue_and_pending_items(signed_in, editor) -> None:
    category = ConditionCategoryFactory()
    overdue = ConditionFactory.build(
        category=category, name="Overdue one", next_review_due=date.today() - timedelta(days=1)
    )
    later = ConditionFactory.build(
        category=category,
        name="Reviewed recently",
        next_review_due=date.today() + timedelta(days=365),
    )
    for item in (overdue, later):
        content_publish(item=content_save(item=item, by=editor), by=editor)

    page = signed_in.get(reverse("review-due")).content.decode()

    assert "Overdue one" in page
    assert "(overdue)" in page
    assert "Reviewed recently" not in page


def test_history_shows_each_change_and_who_made_it(signed_in, condition: Condition, editor) -> None:
    content_publish(item=condition, by=editor)

    page = signed_in.get(reverse("admin:content_condition_history", args=[condition.pk]))

    assert "Published." in page.content.decode()
    assert "editor" in page.content.decode()


def test_restoring_an_earlier_version_goes_through_the_service(
    signed_in, condition: Condition, editor
) -> None:
    content_publish(item=condition, by=editor)
    published = Version.objects.get_for_object(condition).first()
    condition.summary = "A mistaken edit."
    content_save(item=condition, by=editor)
    url = reverse("admin:content_condition_revision", args=[condition.pk, published.pk])

    page = signed_in.get(url)
    response = signed_in.post(url, _form_data(page))

    assert response.status_code == 302
    condition.refresh_from_db()
    assert condition.summary == "A short, general description."
    assert condition.revision == 3
    assert Version.objects.get_for_object(condition).first().revision.user == editor


def _form_data(page) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What a browser would post back from an admin change page."""
    data: dict[str, object] = {}
    forms = [page.context["adminform"].form]
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data.update({f.html_name: f.value() for f in management})
        forms += formset.formset.forms
    for form in forms:
        for field in form:
            value = field.value()
            if value is not None:
                data[field.html_name] = value
    return data
