"""Images in v1 (issue 20, DESIGN 1.6): the collection and its items with alt text,
credit and every rendition, `srcset` ready for `<img>`; JSON-LD ImageObjects; the
changes feed, webhooks' types and the bundle carry them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from content.models import Condition, Image, Mechanism
from content.services import content_save, content_unpublish
from tests.admin import change_url, form_data
from tests.api.test_linked_data import vocabulary_errors
from tests.pictures import published_image

pytestmark = pytest.mark.django_db
LIST = "/api/v1/images/"


@pytest.fixture
def needles(seed, settings, tmp_path, editor) -> Image:  # type: ignore[no-untyped-def]
    """A published image of a 900 by 600 picture, its renditions made."""
    settings.MEDIA_ROOT = tmp_path
    return published_image(
        by=editor, width=900, height=600, credit="Photo: the clinic", licence="CC BY 4.0",
        licence_url="https://creativecommons.org/licenses/by/4.0/",
    )  # fmt: skip


def test_an_image_comes_with_its_alt_text_credit_and_every_rendition(client, needles) -> None:
    listed = client.get(LIST).json()
    by_slug = client.get(f"{LIST}ims-needles/").json()
    by_id = client.get(f"{LIST}{needles.id}/").json()

    # The seed's picture awaits an upload: not served.
    assert [item["slug"] for item in listed["results"]] == ["ims-needles"]
    assert by_slug == by_id == listed["results"][0]
    assert (by_slug["alt"], by_slug["credit"]) == (
        "Fine needles in a steel tray.",
        "Photo: the clinic",
    )
    assert (by_slug["width"], by_slug["height"]) == (900, 600)
    renditions = by_slug["renditions"]
    # 320 and 640 wide (none wider than the picture), 3 formats, as is and 2 crops.
    assert len(renditions) == 2 * 3 * 3
    assert {r["crop"] for r in renditions} == {"", "16:9", "1:1"}
    webp = [r for r in renditions if r["format"] == "webp" and not r["crop"]]
    assert by_slug["srcset"]["webp"] == ", ".join(f"{r['url']} {r['width']}w" for r in webp)
    assert by_slug["src"] == next(
        r["url"]
        for r in renditions
        if r["format"] == "jpeg" and r["width"] == 640 and not r["crop"]
    )
    served = client.get(webp[0]["url"])
    assert (served.status_code, served["Content-Type"]) == (200, "image/webp")
    assert len(b"".join(served.streaming_content)) == webp[0]["bytes"]


def test_an_image_that_awaits_its_picture_is_not_found(client, seed) -> None:
    response = client.get(f"{LIST}ims-tools/")

    assert response.status_code == 404
    assert response.json()["detail"] == "No published image has the slug “ims-tools”."


def test_an_untranslated_alt_text_falls_back_to_english_and_says_so(client, needles) -> None:
    french = client.get(f"{LIST}ims-needles/?lang=fr-ca").json()

    assert french["alt"] == "Fine needles in a steel tray."
    assert {"name", "alt"} <= set(french["fallback_fields"])


def test_an_image_in_json_ld_is_an_image_object_with_its_credit(client, needles) -> None:
    document = client.get(f"{LIST}ims-needles/", HTTP_ACCEPT="application/ld+json").json()

    assert document["@type"] == "ImageObject"
    assert document["description"] == "Fine needles in a steel tray."
    assert document["creditText"] == "Photo: the clinic"
    assert document["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert document["contentUrl"].endswith(".jpg")
    assert len(document["thumbnail"]) == 18
    assert vocabulary_errors(document) == []
    page = client.get(LIST, HTTP_ACCEPT="application/ld+json").json()
    assert page["itemListElement"][0]["item"] == {
        k: v for k, v in document.items() if k != "@context"
    }
    assert vocabulary_errors(page) == []


def test_publishing_an_image_is_in_the_changes_feed(client, needles) -> None:
    events = client.get("/api/v1/changes/?type=image").json()["events"]

    assert [(e["type"], e["slug"], e["url"]) for e in events] == [
        ("image", "ims-needles", "/api/v1/images/ims-needles/")
    ]
    assert client.get("/api/v1/search/?q=needles&type=image").status_code == 400


def test_the_bundle_lists_every_rendition_a_kiosk_caches(client, needles) -> None:
    bundle = client.get("/api/v1/bundle/").json()

    (image,) = bundle["images"]
    assert all(len(r["sha256"]) == 64 and r["bytes"] > 0 for r in image["renditions"])


def test_a_page_of_images_is_rendered_with_two_queries_for_them_all(
    client, settings, needles, django_assert_num_queries
) -> None:
    # Nothing rendered ahead (warming) and the content version read from the
    # database on every request, with Redis or without.
    settings.WARM_AFTER_PUBLISH = 0
    settings.CONTENT_VERSION_CACHE_SECONDS = 0
    content_save(item=needles, by=None)
    # 1 content version, 1 page of ids and stamps, 1 count, 1 disclaimer,
    # then the images and all their renditions: 2, whatever the page holds.
    with django_assert_num_queries(6):
        client.get(f"{LIST}?limit=5")
    # Read again: the content version only (tests read it from the database).
    with django_assert_num_queries(1):
        client.get(f"{LIST}?limit=5")


def test_a_condition_shows_its_lead_image_and_expand_inlines_it(client, needles) -> None:
    condition = Condition.objects.get(slug="tennis-elbow")
    condition.image = needles
    content_save(item=condition, by=None)

    shown = client.get("/api/v1/conditions/tennis-elbow/").json()["image"]
    expanded = client.get("/api/v1/conditions/tennis-elbow/?expand=image&fields=slug,image")
    image = client.get(f"{LIST}ims-needles/").json()

    assert shown == {
        "id": str(needles.id), "slug": "ims-needles", "name": "IMS needles",
        "url": "/api/v1/images/ims-needles/", "alt": "Fine needles in a steel tray.",
    }  # fmt: skip
    assert expanded.json() == {"slug": "tennis-elbow", "image": image}
    # A new alt text reaches the condition at once: its stored representation was stamped.
    needles.alt_en = "Sterile single-use needles in a tray."
    content_save(item=needles, by=None)
    again = client.get("/api/v1/conditions/tennis-elbow/?fields=image").json()
    assert again["image"]["alt"] == "Sterile single-use needles in a tray."


def test_a_lead_image_that_is_not_live_is_not_shown(client, seed) -> None:
    mechanism = Mechanism.objects.get(slug="twitch-response")
    mechanism.image = Image.objects.get(slug="ims-tools")  # awaiting its picture
    content_save(item=mechanism, by=None)

    shown = client.get("/api/v1/mechanisms/twitch-response/?expand=image&fields=image").json()

    assert shown == {"image": None}


def test_an_image_has_nothing_to_expand(client, needles) -> None:
    refused = client.get(f"{LIST}ims-needles/?expand=")

    assert refused.status_code == 400
    assert refused.json()["errors"] == [{"field": "expand", "message": "Unknown parameter."}]


def test_a_conditions_json_ld_page_shows_its_lead_image_as_an_image_object(client, needles) -> None:
    condition = Condition.objects.get(slug="tennis-elbow")
    condition.image = needles
    content_save(item=condition, by=None)

    page = client.get("/api/v1/conditions/tennis-elbow/", HTTP_ACCEPT="application/ld+json")
    image = client.get(f"{LIST}ims-needles/", HTTP_ACCEPT="application/ld+json").json()

    assert page.json()["image"] == {k: v for k, v in image.items() if k != "@context"}
    assert vocabulary_errors(page.json()) == []


def test_a_body_places_an_image_by_id_in_every_format(client, needles) -> None:
    condition = Condition.objects.get(slug="tennis-elbow")
    condition.body_en += f"\n\n![Needles used for the forearm](image:{needles.id})\n\nAfter."
    content_save(item=condition, by=None)
    detail = "/api/v1/conditions/tennis-elbow/?fields=body"

    html = client.get(detail).json()["body"]
    text = client.get(f"{detail}&body_format=text").json()["body"]
    blocks = client.get(f"{detail}&body_format=blocks").json()["body"]

    image = client.get(f"{LIST}ims-needles/").json()
    assert (
        f'<figure><picture><source type="image/avif" srcset="{image["srcset"]["avif"]}" '
        f'sizes="100vw">'
    ) in html
    assert 'alt="Fine needles in a steel tray."' in html
    assert "<figcaption>Needles used for the forearm <small>Photo: the clinic</small>" in html
    assert "[Fine needles in a steel tray.] Needles used for the forearm\n\nAfter." in text
    (figure,) = [block for block in blocks if block["type"] == "figure"]
    assert figure["caption"] == "Needles used for the forearm"
    assert (figure["image"]["alt"], figure["image"]["src"]) == (image["alt"], image["src"])
    # A new alt text is in the body at once; an image taken offline leaves it.
    needles.alt_en = "Sterile single-use needles."
    content_save(item=needles, by=None)
    assert 'alt="Sterile single-use needles."' in client.get(detail).json()["body"]
    content_unpublish(item=Image.objects.get(pk=needles.pk), by=None)
    assert "<figure>" not in client.get(detail).json()["body"]


def test_a_body_cannot_place_an_image_that_does_not_exist(seed) -> None:
    condition = Condition.objects.get(slug="tennis-elbow")
    condition.body_en += "\n\n![](image:00000000-0000-4000-8000-000000000000)"

    with pytest.raises(ValidationError, match="No image has the id 00000000-0000-4000"):
        content_save(item=condition, by=None)


def test_a_reviewer_attaches_an_image_to_a_condition_in_the_admin_and_it_is_served(
    client, needles, editor
) -> None:
    condition = Condition.objects.get(slug="tennis-elbow")
    client.force_login(editor)
    page = client.get(change_url(condition))
    assert 'name="image"' in page.content.decode()

    saved = client.post(
        change_url(condition), {**form_data(page), "image": str(needles.id), "_publish": "1"}
    )

    assert saved.status_code == 302
    client.logout()
    shown = client.get("/api/v1/conditions/tennis-elbow/?expand=image&fields=image").json()
    assert shown["image"]["alt"] == "Fine needles in a steel tray."
    assert shown["image"]["renditions"]
    bundle = client.get("/api/v1/bundle/").json()
    (elbow,) = [c for c in bundle["conditions"] if c["slug"] == "tennis-elbow"]
    assert elbow["image"]["id"] == str(needles.id)
    assert [image["id"] for image in bundle["images"]] == [str(needles.id)]
