"""Each language's translation status and its own review (DESIGN 1.7), as editors and
reviewers meet them in the admin and readers in the API."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from content.approval import ReviewRequired
from content.models import Condition, Draft
from content.services import content_publish, content_save, translation_review
from tests.admin import change_url, form_data
from tests.factories import untranslated

pytestmark = pytest.mark.django_db

FRENCH = "/api/v1/conditions/tennis-elbow/?lang=fr-ca&fields=name,translation"


@pytest.fixture
def machine_translated(live: Condition) -> Condition:
    live.name_fr_ca = "Épicondylite latérale"
    live.translation_records = {"fr-ca": {"status": "machine"}}
    return content_save(item=live, by=None)


def test_french_text_needs_a_word_on_how_it_was_translated(signed_in, live: Condition) -> None:
    data = form_data(signed_in.get(change_url(live)))

    refused = signed_in.post(
        change_url(live),
        {**data, "name_fr_ca": "Épicondylite latérale", "translation_status_fr_ca": ""},
    )
    saved = signed_in.post(
        change_url(live),
        {**data, "name_fr_ca": "Épicondylite latérale", "translation_status_fr_ca": "human"},
    )

    assert refused.status_code == 200
    assert "Say how the French text was made" in refused.content.decode()
    assert saved.status_code == 302
    draft = Draft.objects.get(item_id=live.pk)
    assert draft.content["fields"]["translation_records"]["fr-ca"]["status"] == "human"
    content_publish(item=Condition.objects.get(pk=live.pk), by=None)
    assert client_json(signed_in, FRENCH)["translation"]["status"] == "human"


def test_the_services_refuse_french_text_without_its_status(live: Condition) -> None:
    live.translation_records = {}

    with pytest.raises(ValidationError, match="Say how the fr-ca text was translated"):
        content_save(item=live, by=None)


def test_a_reviewed_machine_translation_is_served_as_both(
    client, reviewer, machine_translated: Condition
) -> None:
    before = client_json(client, FRENCH)

    translation_review(item=machine_translated, language="fr-ca", by=reviewer)

    after = client_json(client, FRENCH)
    assert before["translation"] == {"status": "machine", "reviewed_by": None, "reviewed_at": None}
    assert after["translation"] == {
        "status": "machine",
        "reviewed_by": {"name": "Dr. Reviewer", "credentials": "PT, IMS certified"},
        "reviewed_at": date.today().isoformat(),
    }


def test_a_changed_translation_loses_its_review_and_an_english_change_does_not(
    editor, reviewer, machine_translated: Condition
) -> None:
    translation_review(item=machine_translated, language="fr-ca", by=reviewer)
    item = Condition.objects.get(pk=machine_translated.pk)

    item.summary_en = "A clearer English summary."
    content_save(item=item, by=editor)
    kept = Condition.objects.get(pk=item.pk).translation_records["fr-ca"]
    item.name_fr_ca = "Coude du joueur de tennis"
    content_save(item=item, by=editor)
    cleared = Condition.objects.get(pk=item.pk).translation_records["fr-ca"]

    assert kept["reviewed_by_name"] == "Dr. Reviewer"
    assert cleared == {
        "status": "machine",
        "reviewed_by_name": "",
        "reviewed_by_credentials": "",
        "reviewed_at": None,
    }


def test_only_a_reviewer_reviews_a_translation_and_only_one_that_exists(
    writer, reviewer, live: Condition, machine_translated: Condition
) -> None:
    with pytest.raises(ReviewRequired):
        translation_review(item=machine_translated, language="fr-ca", by=writer)
    neck = untranslated(Condition.objects.get(slug="neck-pain"))
    with pytest.raises(ValidationError, match="no fr-ca text to review"):
        translation_review(item=neck, language="fr-ca", by=reviewer)


def test_reviewers_record_a_translation_review_from_the_list_and_editors_cannot(
    client, writer, reviewer, machine_translated: Condition
) -> None:
    changelist = reverse("admin:content_condition_changelist")
    client.force_login(writer)
    offered_to_editor = "review_translation" in client.get(changelist).content.decode()
    client.force_login(reviewer)
    listing = client.post(
        changelist,
        {"action": "review_translation", "_selected_action": [machine_translated.pk]},
        follow=True,
    )

    assert not offered_to_editor
    assert "Recorded your review of 1 translation." in listing.content.decode()
    page = client.get(change_url(machine_translated)).content.decode()
    assert f"fr-ca: reviewed by Dr. Reviewer, PT, IMS certified on {date.today()}" in page


def client_json(client, url: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    response = client.get(url)
    assert response.status_code == 200
    return response.json()
