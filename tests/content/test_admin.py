from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from content.models import Condition, Status
from content.services import content_publish, content_save
from tests.admin import form_data
from tests.factories import ConditionCategoryFactory, ConditionFactory

pytestmark = pytest.mark.django_db


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
    assert "Published 1 item." in response.content.decode()


def test_the_actions_say_how_many_items_they_changed_in_plain_english(
    signed_in, condition: Condition, editor
) -> None:
    other = content_save(
        item=ConditionFactory.build(category=condition.category, slug="golf-elbow"), by=editor
    )
    changelist = reverse("admin:content_condition_changelist")

    def act(action: str, *items: Condition) -> list[str]:
        selected = {"action": action, "_selected_action": [item.pk for item in items]}
        response = signed_in.post(changelist, selected, follow=True)
        return [str(message) for message in response.context["messages"]]

    assert act("publish", condition, other) == ["Published 2 items."]
    assert act("unpublish", condition) == ["Unpublished 1 item."]
    assert act("archive", condition, other) == ["Archived 2 items."]


def test_the_unpublish_action_explains_what_it_refused(signed_in, condition: Condition) -> None:
    response = signed_in.post(
        reverse("admin:content_condition_changelist"),
        {"action": "unpublish", "_selected_action": [condition.pk]},
        follow=True,
    )

    assert "Cannot unpublish “Tennis elbow”: it is a draft." in response.content.decode()
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
        last_reviewed=date.today() - timedelta(days=7),
        next_review_due=date.today() + timedelta(days=365),
    )
    for item in (overdue, later):
        # Published as loading content does (no person): the dates stay as set here.
        content_publish(item=content_save(item=item, by=editor), by=None)

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
    first = Version.objects.get_for_object(condition).first()
    condition.summary = "A mistaken edit."
    content_save(item=condition, by=editor)
    url = reverse("admin:content_condition_revision", args=[condition.pk, first.pk])

    page = signed_in.get(url)
    response = signed_in.post(url, form_data(page))

    assert response.status_code == 302
    condition.refresh_from_db()
    assert condition.summary == "A short, general description."
    assert condition.status == Status.DRAFT
    assert Version.objects.get_for_object(condition).first().revision.user == editor


@pytest.fixture
def two_editors(client, editor, django_user_model):  # type: ignore[no-untyped-def]
    """Two people signed in to the admin at once, each with a browser of their own."""
    other = django_user_model.objects.create_superuser(
        username="reviewer", email="reviewer@example.test", password="another horse battery"
    )
    second = Client()
    client.force_login(editor)
    second.force_login(other)
    return client, second


def test_a_save_based_on_an_older_version_is_refused_showing_the_other_change(
    two_editors, condition: Condition
) -> None:
    first, second = two_editors
    url = reverse("admin:content_condition_change", args=[condition.pk])
    # Both open the item before either saves.
    first_form, second_form = form_data(first.get(url)), form_data(second.get(url))

    saved = first.post(url, {**first_form, "summary_en": "The first editor's summary."})
    refused = second.post(url, {**second_form, "name_en": "Lateral epicondylalgia"})

    assert saved.status_code == 302
    assert refused.status_code == 200  # the form again, nothing saved
    page = refused.content.decode()
    assert "editor saved this item at" in page
    assert "Nothing of yours was saved" in page
    assert "editor changed this to: The first editor&#x27;s summary. (now in the form)" in page
    condition.refresh_from_db()
    assert (condition.summary, condition.name) == ("The first editor's summary.", "Tennis elbow")

    # Having seen the other change, saving again is a choice: it applies.
    again = second.post(url, form_data(refused))

    assert again.status_code == 302
    condition.refresh_from_db()
    assert condition.name == "Lateral epicondylalgia"
    # The second editor had not touched the summary: the form took the first one's.
    assert condition.summary == "The first editor's summary."


def test_a_change_form_posted_without_its_base_version_is_refused(
    signed_in, condition: Condition
) -> None:
    url = reverse("admin:content_condition_change", args=[condition.pk])
    form = form_data(signed_in.get(url))
    del form["based_on"]

    response = signed_in.post(url, {**form, "summary_en": "Changed."})

    assert response.status_code == 200
    assert "This page is out of date" in response.content.decode()
    condition.refresh_from_db()
    assert condition.summary != "Changed."


def test_saving_only_the_summary_leaves_the_body_and_its_history_unchanged(signed_in, seed) -> None:
    item = Condition.objects.get(slug="tennis-elbow")
    url = reverse("admin:content_condition_change", args=[item.pk])
    data = form_data(signed_in.get(url))
    # As a browser submits a textarea: every line break as CRLF (HTML's form submission).
    data["body_en"] = str(data["body_en"]).replace("\n", "\r\n")
    data["summary_en"] = "A new summary."

    assert signed_in.post(url, data).status_code == 302
    page = signed_in.get(url)
    assert [d.name for d in page.context["differences"]] == ["summary [en]"]
    assert signed_in.post(url, {**form_data(page), "_publish": "1"}).status_code == 302

    saved = Condition.objects.get(pk=item.pk)
    assert (saved.summary, saved.body) == ("A new summary.", item.body)
    assert LogEntry.objects.filter(object_id=str(item.pk)).first().get_change_message() == (
        "Saved a draft (changes to the live version: summary [en])."
    )
    served = signed_in.get("/api/v1/conditions/tennis-elbow/?body_format=markdown").json()
    assert "\r" not in served["body"]
    assert served["body"] == item.body


def test_the_markdown_preview_posts_to_the_same_url_from_every_page_with_the_editor(
    signed_in, condition: Condition, editor
) -> None:
    content_publish(item=condition, by=editor)
    version = Version.objects.get_for_object(condition).first()
    preview_url = reverse("admin:content_condition_markdown_preview")
    pages = [
        reverse("admin:content_condition_add"),
        reverse("admin:content_condition_change", args=[condition.pk]),
        reverse("admin:content_condition_revision", args=[condition.pk, version.pk]),
    ]

    for url in pages:
        page = signed_in.get(url).content.decode()
        assert f'data-preview-url="{preview_url}"' in page, url
    assert signed_in.post(preview_url, {"source": "# Hi"}).json() == {"html": "<h2>Hi</h2>"}


def test_references_are_edited_as_rows_and_stored_as_a_list_of_citations(
    signed_in, condition: Condition, editor
) -> None:
    condition.references = [{"citation": "Gunn CC. 1996.", "url": "https://a.test/"}]
    content_save(item=condition, by=editor)
    url = reverse("admin:content_condition_change", args=[condition.pk])
    page = signed_in.get(url)
    assert 'value="Gunn CC. 1996."' in page.content.decode()
    data = form_data(page)
    assert data["references-citation"] == ["Gunn CC. 1996.", "", ""]

    # The editor adds two references in the blank rows; the first has no URL.
    data["references-citation"] = ["Gunn CC. 1996.", " Chan 2020. ", "Lee 2021."]
    data["references-url"] = ["https://a.test/", "", "https://b.test/x"]
    assert signed_in.post(url, data).status_code == 302

    condition.refresh_from_db()
    assert condition.references == [
        {"citation": "Gunn CC. 1996.", "url": "https://a.test/"},
        {"citation": "Chan 2020."},
        {"citation": "Lee 2021.", "url": "https://b.test/x"},
    ]
    assert Version.objects.get_for_object(condition).first().revision.comment == (
        "Changed References."
    )
    # A cleared row is removed.
    data = form_data(signed_in.get(url))
    assert data["references-citation"][:3] == ["Gunn CC. 1996.", "Chan 2020.", "Lee 2021."]
    data["references-citation"] = ["", "", *data["references-citation"][2:]]
    data["references-url"] = ["", "", *data["references-url"][2:]]
    assert signed_in.post(url, data).status_code == 302
    condition.refresh_from_db()
    assert condition.references == [{"citation": "Lee 2021.", "url": "https://b.test/x"}]


def test_a_reference_with_a_bad_url_or_no_citation_is_refused_row_by_row(
    signed_in, condition: Condition
) -> None:
    url = reverse("admin:content_condition_change", args=[condition.pk])
    data = form_data(signed_in.get(url))
    data["references-citation"] = ["Gunn CC. 1996.", "", ""]
    data["references-url"] = ["javascript:alert(1)", "https://a.test/", ""]

    response = signed_in.post(url, data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["references"]
    assert errors == [
        "Row 1: “javascript:alert(1)” is not a web address.",
        "Row 2: a URL needs its citation.",
    ]
    assert 'value="javascript:alert(1)"' in response.content.decode()
    condition.refresh_from_db()
    assert condition.references == []


def test_saving_the_form_unchanged_reports_no_change(signed_in, condition: Condition) -> None:
    url = reverse("admin:content_condition_change", args=[condition.pk])

    assert signed_in.post(url, form_data(signed_in.get(url))).status_code == 302

    comment = Version.objects.get_for_object(condition).first().revision.comment
    assert comment == "No fields changed."


def test_the_changelist_shows_and_filters_state_and_review_status_by_one_rule(
    signed_in, editor
) -> None:
    category, today = ConditionCategoryFactory(), date.today()
    reviewed = {"last_reviewed": today - timedelta(days=400)}
    items = {
        "pending": ConditionFactory.build(category=category, name="Never reviewed"),
        # Reviewed, with no next review set: not pending, not overdue.
        "current": ConditionFactory.build(category=category, name="Reviewed once", **reviewed),
        "overdue": ConditionFactory.build(
            category=category, name="Overdue", next_review_due=today - timedelta(days=1)
        ),
    }
    for item in items.values():
        content_save(item=item, by=editor)
    content_publish(item=items["current"], by=editor)
    changelist = reverse("admin:content_condition_changelist")

    page = signed_in.get(changelist + "?q=review").content.decode()
    assert '<span class="ims-badge ims-state-draft">Draft only</span>' in page
    assert '<span class="ims-badge ims-state-live">Live</span>' in page
    assert '<span class="ims-badge ims-review-current">Current</span>' in page
    for status, item in items.items():
        listed = signed_in.get(changelist, {"review": status}).context["cl"].result_list
        assert item in listed, status
        assert all(other.review_status == status for other in listed), status
    drafts = signed_in.get(changelist, {"status__exact": "draft"}).context["cl"].result_list
    assert {item.status for item in drafts} == {Status.DRAFT}


def test_another_editors_references_are_shown_and_taken_into_the_rows(
    two_editors, condition: Condition
) -> None:
    first, second = two_editors
    url = reverse("admin:content_condition_change", args=[condition.pk])
    first_form, second_form = form_data(first.get(url)), form_data(second.get(url))
    rows = {
        "references-citation": ["Gunn CC. 1996.", ""],
        "references-url": ["https://a.test/", ""],
    }

    assert first.post(url, {**first_form, **rows}).status_code == 302
    refused = second.post(url, {**second_form, "name_en": "Lateral epicondylalgia"})

    assert refused.status_code == 200
    assert "changed this to: Gunn CC. 1996. (https://a.test/) (now in the form)" in (
        refused.content.decode()
    )
    assert second.post(url, form_data(refused)).status_code == 302
    condition.refresh_from_db()
    assert condition.name == "Lateral epicondylalgia"
    assert condition.references == [{"citation": "Gunn CC. 1996.", "url": "https://a.test/"}]
