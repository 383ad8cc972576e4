"""The waiting-room kiosk (clients/kiosk/) against the live API and the seed content."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, Route, expect

from content.models import BodyRegion, Condition, Disclaimer
from content.services import content_save, content_unpublish
from tests.browser.conftest import screenshot
from tests.factories import untranslated
from tests.pictures import published_image

pytestmark = pytest.mark.usefixtures("seed")


def open_kiosk(page: Page, url: str) -> None:
    page.goto(url)
    # Set once the bundle is stored and the first sync is over.
    expect(page.locator("body")).to_have_attribute("data-ready", "true")


def tiles(page: Page) -> Locator:
    return page.locator("#condition-list .tile")


def test_it_shows_every_published_condition(live_server, page: Page) -> None:
    open_kiosk(page, f"{live_server.url}/kiosk/")

    names = list(
        Condition.objects.published().order_by("position", "slug").values_list("name", flat=True)
    )
    assert len(names) == 18
    expect(tiles(page).locator(".tile-name")).to_have_text(names)
    expect(page.locator("#conditions-title")).to_have_text("All conditions")
    expect(page.locator("#offline")).to_be_hidden()
    screenshot(page, "kiosk")


def test_a_body_region_narrows_the_list_from_the_keyboard(live_server, page: Page) -> None:
    open_kiosk(page, f"{live_server.url}/kiosk/")
    elbow = Condition.objects.published().filter(body_regions__slug="elbow")
    names = list(elbow.order_by("position", "slug").values_list("name", flat=True))

    page.locator("[data-region=elbow]").focus()
    page.keyboard.press("Enter")

    expect(page.locator("#conditions-title")).to_have_text("Elbow")
    expect(tiles(page).locator(".tile-name")).to_have_text(names)
    expect(page.locator("[data-region=elbow]")).to_have_attribute("aria-pressed", "true")
    expect(page.locator("[data-region=elbow]")).to_be_focused()
    screenshot(page, "kiosk-region")

    page.locator("[data-region='']").click()
    expect(tiles(page)).to_have_count(18)


def test_on_a_phone_choosing_a_region_brings_its_conditions_into_view(
    live_server, page: Page
) -> None:
    # Narrow screens stack the regions above the conditions: the list is below the fold.
    page.set_viewport_size({"width": 390, "height": 844})
    open_kiosk(page, f"{live_server.url}/kiosk/")
    # The first region of the list: choosing it leaves the page at its top.
    first = page.locator(".region-list [data-region]:not([data-region=''])").first
    name = first.locator("span").first.inner_text()
    expect(page.locator("#conditions-title")).not_to_be_in_viewport()

    first.click()

    expect(page.locator("#conditions-title")).to_have_text(name)
    expect(page.locator("#conditions-title")).to_be_in_viewport()
    screenshot(page, "kiosk-phone-region")


def test_a_condition_shows_how_ims_helps_its_faqs_and_where_it_comes_from(
    live_server, page: Page
) -> None:
    chronic_pain = Condition.objects.get(slug="chronic-pain")
    mechanisms = [link.mechanism.name for link in chronic_pain.mechanism_links.all()]
    faqs = [faq.question for faq in chronic_pain.faqs.all()]
    assert mechanisms
    assert faqs
    open_kiosk(page, f"{live_server.url}/kiosk/")

    page.locator(".tile[data-slug=chronic-pain]").click()

    title = page.locator("#condition-title")
    expect(title).to_have_text("Chronic pain")
    expect(title).to_be_focused()
    expect(page.locator(".lead").first).to_have_text(chronic_pain.summary)
    expect(page.locator("#mechanisms-title")).to_have_text("How IMS may help")
    expect(page.locator(".mechanism h4")).to_have_text(mechanisms)
    expect(page.locator(".faq summary")).to_have_text(faqs)
    page.locator(".faq summary").first.click()
    expect(page.locator(".faq .rich-text").first).to_be_visible()
    expect(page.locator(".provenance .review")).to_contain_text("Pending clinical review")
    disclaimer = Disclaimer.objects.current().text_en
    expect(page.locator(".provenance .disclaimer")).to_have_text(disclaimer)
    expect(page.locator(".colophon .disclaimer")).to_have_text(disclaimer)
    expect(page.locator(".provenance .attribution")).to_contain_text(
        "Content from the IMS clinic; reproduced with permission."
    )
    expect(page.locator(".provenance .url")).to_have_text(
        "https://example-clinic.test/ims/conditions/chronic-pain/"
    )
    screenshot(page, "kiosk-condition")

    page.keyboard.press("Escape")
    expect(tiles(page)).to_have_count(18)
    expect(page.locator(".tile[data-slug=chronic-pain]")).to_be_focused()


def test_it_keeps_showing_stored_content_when_the_api_is_down(live_server, page: Page) -> None:
    open_kiosk(page, f"{live_server.url}/kiosk/?poll=1")

    page.route(re.compile(r"/api/"), lambda route: route.abort("internetdisconnected"))
    page.reload()

    expect(page.locator("#offline")).to_be_visible()
    expect(tiles(page)).to_have_count(18)
    page.locator(".tile[data-slug=tennis-elbow]").click()
    expect(page.locator("#condition-title")).to_have_text("Tennis elbow")
    expect(page.locator(".mechanism").first).to_be_visible()
    screenshot(page, "kiosk-offline")

    page.unroute(re.compile(r"/api/"))
    expect(page.locator("#offline")).to_be_hidden()


def test_a_lead_image_is_shown_with_its_alt_text_offline_too(
    live_server, page: Page, settings, tmp_path, editor
) -> None:
    settings.MEDIA_ROOT = tmp_path
    image = published_image(by=editor, credit="Photo: the clinic")
    elbow = Condition.objects.get(slug="tennis-elbow")
    elbow.image = image
    elbow.body_en += f"\n\n![The needles, close up](image:{image.id})"
    content_save(item=elbow, by=None)
    open_kiosk(page, f"{live_server.url}/kiosk/")

    # The network gone, the page reloaded: content from IndexedDB, the image from the cache.
    page.route(re.compile(r"/(api|media)/"), lambda route: route.abort("internetdisconnected"))
    page.reload()
    expect(page.locator("#offline")).to_be_visible()
    page.locator(".tile[data-slug=tennis-elbow]").click()

    shown = page.locator(".lead-image img")
    expect(shown).to_have_attribute("alt", "Fine needles in a steel tray.")
    expect(shown).to_have_attribute("src", re.compile(r"^blob:"))
    page.wait_for_function("document.querySelector('.lead-image img').naturalWidth > 0")
    assert shown.evaluate("img => img.naturalWidth") == 1024
    expect(page.locator(".lead-image .credit")).to_have_text("Photo: the clinic")
    # The same image placed in the body, from the kept rendition too.
    placed = page.locator(".rich-text figure img")
    expect(placed).to_have_attribute("alt", "Fine needles in a steel tray.")
    expect(placed).to_have_attribute("src", re.compile(r"^blob:"))
    page.wait_for_function("document.querySelector('.rich-text figure img').naturalWidth > 0")
    screenshot(page, "kiosk-image-offline")


def test_it_follows_the_changes_feed(live_server, page: Page) -> None:
    open_kiosk(page, f"{live_server.url}/kiosk/?poll=1")
    requests: list[str] = []

    def record(route: Route) -> None:
        requests.append(route.request.url)
        route.continue_()

    page.route(re.compile(r"/api/"), record)
    content_unpublish(item=Condition.objects.get(slug="shin-splints"), by=None)
    elbow = Condition.objects.get(slug="tennis-elbow")
    elbow.name = "Tennis elbow (lateral epicondylalgia)"
    content_save(item=elbow, by=None)

    expect(tiles(page)).to_have_count(17)
    expect(page.locator(".tile[data-slug=tennis-elbow] .tile-name")).to_have_text(
        "Tennis elbow (lateral epicondylalgia)"
    )
    assert not any("/bundle/" in url for url in requests)
    assert any("/api/v1/conditions/tennis-elbow/?lang=en" in url for url in requests)


def test_in_french_text_served_in_english_is_marked_as_english(live_server, page: Page) -> None:
    untranslated(Condition.objects.get(slug="tennis-elbow"))
    untranslated(BodyRegion.objects.get(slug="neck"))
    neck = untranslated(Condition.objects.get(slug="neck-pain"))
    neck.name_fr_ca = "Douleur au cou"
    neck.translation_records = {"fr-ca": {"status": "machine"}}
    content_save(item=neck, by=None)
    open_kiosk(page, f"{live_server.url}/kiosk/?lang=fr-ca")

    # A translated name carries the page's language; one served in English says so.
    expect(page.locator(".tile[data-slug=neck-pain] .tile-name")).to_have_text("Douleur au cou")
    expect(page.locator(".tile[data-slug=neck-pain] .tile-name")).not_to_have_attribute(
        "lang", "en"
    )
    expect(page.locator(".tile[data-slug=tennis-elbow] .tile-name")).to_have_attribute("lang", "en")
    expect(page.locator(".region[data-region=neck] span").first).to_have_attribute("lang", "en")
    page.locator(".tile[data-slug=tennis-elbow]").click()
    expect(page.locator("#condition-title")).to_have_attribute("lang", "en")
    expect(page.locator(".condition .rich-text").first).to_have_attribute("lang", "en")
    expect(page.locator("#mechanisms-title")).to_have_text("Comment l\u2019IMS peut aider")


HEADACHES_ADVICE = "Sudden, severe or unusual headaches need prompt medical attention."
HEADACHES_ADVICE_FR = (
    "Les maux de tête soudains, intenses ou inhabituels nécessitent une consultation "
    "médicale rapide."
)


def test_a_condition_shows_when_to_seek_urgent_care_as_a_block_of_its_own(
    live_server, page: Page
) -> None:
    open_kiosk(page, f"{live_server.url}/kiosk/")

    page.locator(".tile[data-slug=headaches]").click()

    block = page.locator(".condition .urgent-care")
    expect(block.locator("h3")).to_have_text("When to seek urgent care")
    # Pending clinical review, and shown all the same: it is safety advice.
    expect(block.locator("li")).to_have_text([HEADACHES_ADVICE])
    expect(block.locator("li")).to_have_attribute("data-review-status", "pending")
    # Once: the body's own block is left out.
    expect(page.locator(".condition .rich-text aside")).to_have_count(0)
    expect(page.get_by_text(HEADACHES_ADVICE)).to_have_count(1)
    expect(block).to_have_css("border-left-color", "rgb(164, 38, 44)")
    screenshot(page, "kiosk-urgent-care")

    page.keyboard.press("Escape")
    page.locator(".tile[data-slug=tennis-elbow]").click()
    expect(page.locator("#condition-title")).to_have_text("Tennis elbow")
    expect(page.locator(".urgent-care")).to_have_count(0)  # none approved for it


def test_in_french_the_urgent_care_block_has_a_french_heading(live_server, page: Page) -> None:
    open_kiosk(page, f"{live_server.url}/kiosk/?lang=fr-ca#/condition/headaches")

    block = page.locator(".condition .urgent-care")
    expect(block.locator("h3")).to_have_text("Quand consulter d\u2019urgence")
    expect(block.locator("ul")).not_to_have_attribute("lang", "en")
    expect(block.locator("li")).to_have_text([HEADACHES_ADVICE_FR])
    # The seed's French is a machine translation nobody has reviewed yet, and says so.
    expect(page.locator(".provenance .translation")).to_have_text(
        "Traduction automatique, non révisée."
    )
