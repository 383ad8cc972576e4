"""The partner embed (clients/embed/ims-embed.js) on its demo page."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from api.consumers.models import ApiClient
from content.models import Condition, Disclaimer
from content.services import content_save
from tests.browser.conftest import screenshot
from tests.factories import untranslated
from tests.pictures import published_image

HEADACHES_ADVICE_FR = (
    "Les maux de tête soudains, intenses ou inhabituels nécessitent une consultation "
    "médicale rapide."
)


@pytest.mark.usefixtures("seed")
def test_it_renders_a_condition_with_its_attribution_and_canonical_link(
    live_server, page: Page
) -> None:
    elbow = Condition.objects.get(slug="tennis-elbow")
    elbow.last_reviewed = date(2026, 11, 2)
    elbow.reviewed_by_name = "Dana Reviewer"
    elbow.reviewed_by_credentials = "PT"
    content_save(item=elbow, by=None)

    page.goto(f"{live_server.url}/embed-demo/")

    embed = page.locator("ims-condition#tennis-elbow")
    expect(embed).to_have_attribute("data-state", "ready")
    expect(embed.locator(".title")).to_have_text("Tennis elbow")
    expect(embed.locator(".summary")).to_have_text(elbow.summary)
    expect(embed.locator(".body p").first).to_be_visible()
    expect(embed.locator(".review")).to_have_text(
        "Last reviewed November 2, 2026 by Dana Reviewer, PT"
    )
    expect(embed.locator(".attribution")).to_have_text(
        f"{settings.ATTRIBUTION_TEXT} {settings.LICENSE_NAME}"
    )
    expect(embed.locator(".disclaimer")).to_have_text(Disclaimer.objects.current().text_en)
    expect(embed.locator("a.canonical-link")).to_have_attribute(
        "href", "https://example-clinic.test/ims/conditions/tennis-elbow/"
    )
    # Inside the shadow root the page's font is inherited, the themed one uses its properties.
    themed = page.locator("ims-condition#golfers-elbow")
    expect(themed).to_have_attribute("data-state", "ready")
    expect(themed.locator(".title")).to_have_css("color", "rgb(164, 68, 42)")
    expect(embed.locator(".title")).to_have_css("font-family", 'Georgia, "Times New Roman", serif')
    screenshot(page, "embed-demo")


@pytest.mark.usefixtures("seed")
def test_it_shows_the_fallback_when_the_condition_cannot_be_loaded(live_server, page: Page) -> None:
    page.goto(f"{live_server.url}/embed-demo/")

    missing = page.locator("ims-condition#missing")
    expect(missing).to_have_attribute("data-state", "error")
    expect(page.locator("ims-condition[data-state=ready]")).to_have_count(3)
    expect(missing.locator(".error")).to_have_text("This content is not available right now.")
    expect(missing.get_by_role("link")).to_have_text("Browse the conditions IMS may help with")


@pytest.mark.usefixtures("transactional_db")
def test_the_script_has_a_stable_address(live_server, page: Page) -> None:
    response = page.request.get(f"{live_server.url}/embed/ims-embed.js")

    assert response.status == 200
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert 'customElements.define("ims-condition"' in response.text()


@pytest.mark.usefixtures("seed")
def test_it_sends_its_api_key_and_reports_a_refused_one(live_server, page: Page) -> None:
    page.goto(f"{live_server.url}/embed-demo/")
    expect(page.locator("ims-condition#tennis-elbow")).to_have_attribute("data-state", "ready")

    with page.expect_request(re.compile(r"/api/v1/conditions/neck-pain/")) as sent:
        page.evaluate(
            """() => {
                const embed = document.createElement("ims-condition");
                embed.id = "keyed";
                embed.setAttribute("slug", "neck-pain");
                embed.setAttribute("api-key", "not-a-key");
                document.querySelector("main").append(embed);
            }"""
        )

    assert sent.value.all_headers()["authorization"] == "Api-Key not-a-key"
    expect(page.locator("ims-condition#keyed")).to_have_attribute("data-state", "error")


@pytest.fixture
def partner_site() -> Iterator[tuple[str, dict[str, str]]]:
    """Another origin on this machine (Chromium keeps other sites from calling
    loopback addresses): its URL, and the pages it serves by path."""
    pages: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path, "").encode()
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", pages
    server.shutdown()
    server.server_close()


@pytest.mark.usefixtures("seed")
def test_it_works_on_a_partners_site_with_a_key_for_that_origin(
    live_server, page: Page, partner_site: tuple[str, dict[str, str]]
) -> None:
    partner, pages = partner_site
    _, key = ApiClient.objects.create_key(
        name="Riverside Physio", kind="partner", allowed_origins=[partner]
    )
    pages["/"] = f"""<!doctype html><title>Partner</title>
        <script src="{live_server.url}/embed/ims-embed.js" defer></script>
        <ims-condition slug="plantar-fasciitis" api-base="{live_server.url}" api-key="{key}">
        </ims-condition>"""

    with page.expect_request(re.compile(r"/api/v1/conditions/plantar-fasciitis/")) as sent:
        page.goto(f"{partner}/")

    embed = page.locator("ims-condition")
    expect(embed).to_have_attribute("data-state", "ready")
    expect(embed.locator(".title")).to_have_text("Plantar fasciitis")
    assert sent.value.all_headers()["origin"] == partner


@pytest.mark.usefixtures("seed")
def test_on_a_partners_site_a_lead_image_shows_from_the_apis_address_with_its_alt_text(
    live_server, page: Page, partner_site: tuple[str, dict[str, str]], settings, tmp_path, editor
) -> None:
    settings.MEDIA_ROOT = tmp_path
    image = published_image(by=editor, caption_en="Single-use, sterile.")
    elbow = Condition.objects.get(slug="tennis-elbow")
    elbow.image = image
    elbow.body_en += f"\n\n![The needles, close up](image:{image.id})"
    content_save(item=elbow, by=None)
    partner, pages = partner_site
    _, key = ApiClient.objects.create_key(
        name="Riverside Physio", kind="partner", allowed_origins=[partner]
    )
    pages["/"] = f"""<!doctype html><title>Partner</title>
        <script src="{live_server.url}/embed/ims-embed.js" defer></script>
        <ims-condition slug="tennis-elbow" api-base="{live_server.url}" api-key="{key}">
        </ims-condition>"""

    page.goto(f"{partner}/")

    shown = page.locator("ims-condition .image img")
    expect(shown).to_have_attribute("alt", "Fine needles in a steel tray.")
    expect(shown).to_have_attribute(
        "src", re.compile(rf"^{re.escape(live_server.url)}/media/images/")
    )
    shown.scroll_into_view_if_needed()
    page.wait_for_function(
        "document.querySelector('ims-condition').shadowRoot.querySelector('img').naturalWidth > 0"
    )
    expect(page.locator("ims-condition .image figcaption")).to_contain_text("Single-use, sterile.")
    # Placed in the body too, its renditions named on the API's origin.
    placed = page.locator("ims-condition .body figure img")
    expect(placed).to_have_attribute("src", re.compile(rf"^{re.escape(live_server.url)}/media/"))
    expect(placed).to_have_attribute("alt", "Fine needles in a steel tray.")


@pytest.mark.usefixtures("seed")
def test_in_french_text_served_in_english_is_marked_as_english(live_server, page: Page) -> None:
    untranslated(Condition.objects.get(slug="tennis-elbow"))
    page.goto(f"{live_server.url}/embed-demo/")
    embed = page.locator("ims-condition#tennis-elbow")
    expect(embed).to_have_attribute("data-state", "ready")
    expect(embed.locator(".title")).not_to_have_attribute("lang", "en")

    embed.evaluate("element => element.setAttribute('lang', 'fr-ca')")

    # No French for it: the texts are English, and say so.
    expect(embed.locator(".review")).to_contain_text("Révision clinique à venir")
    expect(embed.locator(".title")).to_have_attribute("lang", "en")
    expect(embed.locator(".summary")).to_have_attribute("lang", "en")
    expect(embed.locator(".body")).to_have_attribute("lang", "en")


@pytest.mark.usefixtures("seed")
def test_it_shows_when_to_seek_urgent_care_as_a_block_of_its_own(live_server, page: Page) -> None:
    advice = "Sudden, severe or unusual headaches need prompt medical attention."
    page.goto(f"{live_server.url}/embed-demo/")
    page.evaluate(
        """() => {
            const embed = document.createElement("ims-condition");
            embed.id = "headaches";
            embed.setAttribute("slug", "headaches");
            document.querySelector("main").append(embed);
        }"""
    )
    embed = page.locator("ims-condition#headaches")
    expect(embed).to_have_attribute("data-state", "ready")

    block = embed.locator(".urgent-care")
    expect(block.locator("h3")).to_have_text("When to seek urgent care")
    expect(embed.locator(".translation")).to_have_count(0)  # English is the original
    expect(block.locator("li")).to_have_text([advice])
    expect(block.locator("li")).to_have_attribute("data-review-status", "pending")
    expect(embed.locator(".body aside")).to_have_count(0)  # shown once, as its own block
    elbow = page.locator("ims-condition#tennis-elbow")
    expect(elbow.locator(".urgent-care")).to_have_count(0)  # none approved for it
    expect(elbow.locator(".card")).not_to_contain_text("null")
    embed.scroll_into_view_if_needed()
    screenshot(page, "embed-urgent-care")

    embed.evaluate("element => element.setAttribute('lang', 'fr-ca')")

    expect(block.locator("h3")).to_have_text("Quand consulter d\u2019urgence")
    expect(block.locator("li")).to_have_text([HEADACHES_ADVICE_FR])
    expect(block.locator("ul")).not_to_have_attribute("lang", "en")
    # The seed's French is a machine translation nobody has reviewed yet, and says so.
    expect(embed.locator(".translation")).to_have_text("Traduction automatique, non révisée.")
