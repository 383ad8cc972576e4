"""Working copies (DESIGN 1.5): editing a live item keeps a draft; readers keep the
live version until a clinical reviewer publishes the draft."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from api.consumers.models import ApiClient
from content import working_copies
from content.models import BodyRegion, Condition, ContentEvent, Draft, Mechanism, Status
from content.seed import SEED_DIRECTORY
from content.seed.loading import load_content
from content.seed.planning import Action
from content.services import content_save
from tests.admin import change_url, form_data

pytestmark = pytest.mark.django_db

TENNIS_ELBOW = "/api/v1/conditions/tennis-elbow/"


def _save_draft(browser, item: Condition, **changes):  # type: ignore[no-untyped-def]
    data = {**form_data(browser.get(change_url(item))), **changes}
    return browser.post(change_url(item), data)


def _preview_key() -> str:
    record, key = ApiClient.objects.create_key(name="clinic site preview", kind="website")
    record.may_preview = True
    record.save()
    return f"Api-Key {key}"


def test_saving_a_live_item_keeps_a_draft_and_readers_keep_the_live_version(
    signed_in, live: Condition
) -> None:
    before = signed_in.get(TENNIS_ELBOW)
    events = ContentEvent.objects.count()

    response = _save_draft(signed_in, live, summary_en="A clearer summary.")

    assert response.status_code == 302
    assert response["Location"] == change_url(live)  # back to the edit page, not the list
    after = signed_in.get(TENNIS_ELBOW)
    assert after.json()["summary"] == live.summary
    assert after["ETag"] == before["ETag"]
    assert ContentEvent.objects.count() == events  # nothing a partner sees happened
    live.refresh_from_db()
    assert (live.summary, live.status, live.revision) != ("A clearer summary.", None, None)
    assert Draft.objects.get(item_id=live.pk).updated_by is not None


def test_the_edit_page_shows_the_state_the_draft_and_what_it_changes(
    signed_in, live: Condition
) -> None:
    assert 'State: <span class="ims-badge ims-state-live">Live</span>' in (
        signed_in.get(change_url(live)).content.decode()
    )
    _save_draft(signed_in, live, summary_en="A clearer summary.")

    page = signed_in.get(change_url(live)).content.decode()

    assert "Live + draft changes" in page
    assert "What the draft changes" in page
    assert live.summary in page  # the live version, beside the draft
    assert "A clearer summary." in page
    # The form edits the draft, and the buttons are a reviewer's.
    assert form_data(signed_in.get(change_url(live)))["summary_en"] == "A clearer summary."
    for button in ('name="_continue" value="Save draft"', 'name="_publish"', 'name="_discard"',
                   'name="_unpublish"', 'name="_archive"'):  # fmt: skip
        assert button in page
    listing = signed_in.get(reverse("admin:content_condition_changelist")).content.decode()
    assert '<span class="ims-badge ims-state-live-draft">Live + draft changes</span>' in listing


def test_publishing_the_draft_applies_its_fields_and_relations(signed_in, live: Condition) -> None:
    region = BodyRegion.objects.exclude(conditions=live).first()
    mechanism = Mechanism.objects.exclude(conditions=live).first()
    data = form_data(signed_in.get(change_url(live)))
    data["summary_en"] = "A clearer summary."
    data["body_regions"] = [str(region.pk)]
    prefix = "mechanism_links"
    count = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update({
        f"{prefix}-{count}-mechanism": str(mechanism.pk),
        f"{prefix}-{count}-note_en": "A new link.",
        f"{prefix}-{count}-position": "9",
        f"{prefix}-TOTAL_FORMS": str(count + 1),
    })  # fmt: skip
    assert signed_in.post(change_url(live), data).status_code == 302
    assert signed_in.get(TENNIS_ELBOW).json()["body_regions"] != [{"slug": region.slug}]
    revision = live.revision

    published = signed_in.post(change_url(live), {**form_data(signed_in.get(change_url(live))),
                                                 "_publish": "1"})  # fmt: skip

    assert published.status_code == 302
    served = signed_in.get(TENNIS_ELBOW).json()
    assert served["summary"] == "A clearer summary."
    assert [r["slug"] for r in served["body_regions"]] == [region.slug]
    assert mechanism.slug in [m["slug"] for m in served["mechanisms"]]
    assert served["revision"] == revision + 1
    assert served["review_status"] == "current"  # the reviewer's approval is recorded
    assert not Draft.objects.filter(item_id=live.pk).exists()
    assert ContentEvent.objects.filter(item_id=live.pk).latest("pk").kind == "updated"
    latest = Version.objects.get_for_object(live).first()
    assert latest.revision.comment == "Published the draft changes."


def test_discarding_the_draft_leaves_the_live_version(signed_in, live: Condition) -> None:
    _save_draft(signed_in, live, summary_en="A clearer summary.")

    response = signed_in.post(change_url(live), {"_discard": "1"})

    assert response.status_code == 302
    assert not Draft.objects.filter(item_id=live.pk).exists()
    assert form_data(signed_in.get(change_url(live)))["summary_en"] == live.summary


def test_a_draft_equal_to_the_live_version_is_no_draft(signed_in, live: Condition) -> None:
    _save_draft(signed_in, live, summary_en="A clearer summary.")

    _save_draft(signed_in, live, summary_en=live.summary)

    assert not Draft.objects.filter(item_id=live.pk).exists()


def test_unpublishing_makes_the_draft_the_item(signed_in, live: Condition) -> None:
    _save_draft(signed_in, live, summary_en="A clearer summary.")

    signed_in.post(change_url(live), {**form_data(signed_in.get(change_url(live))),
                                      "_unpublish": "1"})  # fmt: skip

    live.refresh_from_db()
    assert (live.status, live.summary) == (Status.DRAFT, "A clearer summary.")
    assert not Draft.objects.filter(item_id=live.pk).exists()
    assert signed_in.get(TENNIS_ELBOW).status_code == 404


def test_a_preview_shows_the_working_copy_with_its_relations(
    client, editor, live: Condition
) -> None:
    region = BodyRegion.objects.exclude(conditions=live).first()
    client.force_login(editor)
    _save_draft(client, live, summary_en="A clearer summary.", body_regions=[str(region.pk)])
    auth = _preview_key()

    detail = client.get(f"{TENNIS_ELBOW}?preview=true", HTTP_AUTHORIZATION=auth).json()
    filtered = client.get(
        f"/api/v1/conditions/?preview=true&body_region={region.slug}&fields=slug",
        HTTP_AUTHORIZATION=auth,
    ).json()
    public = client.get(f"/api/v1/conditions/?body_region={region.slug}&fields=slug").json()

    assert detail["summary"] == "A clearer summary."
    assert [r["slug"] for r in detail["body_regions"]] == [region.slug]
    assert "tennis-elbow" in [item["slug"] for item in filtered["results"]]
    assert "tennis-elbow" not in [item["slug"] for item in public["results"]]
    # Nothing of the preview outlives it.
    assert client.get(TENNIS_ELBOW).json()["summary"] == live.summary
    live.refresh_from_db()
    assert list(live.body_regions.all()) != [region]


def test_two_editors_drafting_at_once_the_second_is_shown_the_first_change(
    client, editor, django_user_model, live: Condition
) -> None:
    other = django_user_model.objects.create_superuser("second", "second@clinic.test", "pw")
    second = Client()
    client.force_login(editor)
    second.force_login(other)
    first_form, second_form = (
        form_data(client.get(change_url(live))),
        form_data(second.get(change_url(live))),
    )

    assert client.post(change_url(live), {**first_form, "summary_en": "First."}).status_code == 302
    refused = second.post(change_url(live), {**second_form, "name_en": "Lateral epicondylalgia"})

    assert refused.status_code == 200
    page = refused.content.decode()
    assert "editor saved this item at" in page
    assert "First." in page
    assert Draft.objects.get(item_id=live.pk).content["fields"]["name_en"] == live.name
    # Saving again keeps both: the first editor's summary is in the form now.
    assert second.post(change_url(live), form_data(refused)).status_code == 302
    fields = Draft.objects.get(item_id=live.pk).content["fields"]
    assert (fields["summary_en"], fields["name_en"]) == ("First.", "Lateral epicondylalgia")


def test_restoring_an_old_version_of_a_live_item_makes_a_draft(
    signed_in, editor, live: Condition
) -> None:
    original = Version.objects.get_for_object(live).first()
    live.summary = "A reviewed change."
    content_save(item=live, by=editor)
    url = reverse("admin:content_condition_revision", args=[live.pk, original.pk])

    page = signed_in.get(url)
    assert not Draft.objects.filter(item_id=live.pk).exists()  # looking writes nothing
    response = signed_in.post(url, form_data(page))

    assert response.status_code == 302
    live.refresh_from_db()
    assert live.summary == "A reviewed change."  # readers keep the live version
    draft = Draft.objects.get(item_id=live.pk)
    assert draft.content["fields"]["summary_en"] == original.field_dict["summary"]


def test_history_keeps_every_language_and_restoring_brings_the_french_back(
    signed_in, editor, live: Condition
) -> None:
    live.name_fr_ca = "Épicondylite latérale"
    live.translation_records = {"fr-ca": {"status": "machine"}}
    content_save(item=live, by=editor)
    french = Version.objects.get_for_object(live).first()
    live.name_fr_ca = "Coude du joueur de tennis"
    content_save(item=live, by=editor)
    url = reverse("admin:content_condition_revision", args=[live.pk, french.pk])

    signed_in.post(url, form_data(signed_in.get(url)))

    assert french.field_dict["name_fr_ca"] == "Épicondylite latérale"
    draft = Draft.objects.get(item_id=live.pk)
    assert draft.content["fields"]["name_fr_ca"] == "Épicondylite latérale"
    live.refresh_from_db()
    assert live.name_fr_ca == "Coude du joueur de tennis"  # readers keep the live version


def test_loading_content_files_leaves_a_drafted_item_alone(
    signed_in, live: Condition, tmp_path: Path
) -> None:
    files = tmp_path / "seed"
    shutil.copytree(SEED_DIRECTORY, files)
    page = files / "conditions" / "tennis-elbow.md"
    page.write_text(page.read_text().replace(live.summary, "A summary changed in the file."))
    _save_draft(signed_in, live, summary_en="A clearer summary.")

    plan = load_content(directory=files)

    assert plan.labels(Action.EDITED) == ["condition tennis-elbow"]
    assert "has draft changes here" in plan.summary or any(
        "has draft changes here" in step.reason for step in plan.steps
    )
    live.refresh_from_db()
    assert live.summary != "A summary changed in the file."


def test_the_differences_give_a_references_citation_before_its_url(live: Condition) -> None:
    before = working_copies.take(live)
    # As PostgreSQL's jsonb keeps an object's keys: shortest first.
    after = {
        **before,
        "fields": {
            **before["fields"],
            "references": [{"url": "https://a.test/", "citation": "Gunn CC. 1996."}],
        },
    }

    [difference] = working_copies.differences(live, before, after)

    assert (difference.live, difference.draft) == ("(empty)", "Gunn CC. 1996. https://a.test/")
