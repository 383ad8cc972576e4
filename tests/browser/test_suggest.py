"""Suggestions as someone types (clients/embed/ims-suggest.js) in the kiosk and the embed demo."""

from __future__ import annotations

import contextlib
import re

import pytest
from playwright.sync_api import Error, Locator, Page, Request, Route, expect

from tests.browser.conftest import screenshot
from tests.browser.test_kiosk import open_kiosk

pytestmark = pytest.mark.usefixtures("seed")

SUGGEST = re.compile(r"/api/v1/suggest/")
# What a slow answer to an earlier question says: never shown.
STALE = {
    "results": [
        {
            "type": "condition",
            "id": "x",
            "slug": "stale",
            "title": "Stale",
            "alias": None,
            "url": "/api/v1/conditions/stale/",
        }
    ]
}


def options(page: Page) -> Locator:
    return page.get_by_role("listbox").get_by_role("option")


def test_the_kiosk_suggests_conditions_and_opens_one_from_the_keyboard(
    live_server, page: Page
) -> None:
    open_kiosk(page, f"{live_server.url}/kiosk/")
    box = page.get_by_role("combobox", name="Search a condition")
    expect(box).to_have_attribute("aria-expanded", "false")

    box.press_sequentially("ten")

    expect(options(page).filter(has_text="Tennis elbow")).to_have_count(1)
    expect(box).to_have_attribute("aria-expanded", "true")
    expect(box).to_have_attribute("aria-controls", page.get_by_role("listbox").get_attribute("id"))
    count = options(page).count()
    expect(page.locator(".search [role=status]")).to_have_text(f"{count} suggestions")
    titles = options(page).locator(".ims-suggest-title").all_inner_texts()
    for _ in range(titles.index("Tennis elbow") + 1):
        box.press("ArrowDown")
    chosen = options(page).filter(has_text="Tennis elbow")
    expect(chosen).to_have_attribute("aria-selected", "true")
    expect(page.locator("[role=option][aria-selected=true]")).to_have_count(1)
    expect(box).to_have_attribute("aria-activedescendant", chosen.get_attribute("id") or "")
    screenshot(page, "kiosk-suggest")

    box.press("Enter")

    expect(page.locator("#condition-title")).to_have_text("Tennis elbow")
    expect(page.locator("#condition-title")).to_be_focused()
    expect(page.locator("#search")).to_be_hidden()
    page.keyboard.press("Escape")
    expect(box).to_be_visible()
    expect(box).to_have_value("")


def test_escape_closes_the_list_then_empties_the_box(live_server, page: Page) -> None:
    open_kiosk(page, f"{live_server.url}/kiosk/")
    box = page.get_by_role("combobox")
    box.press_sequentially("ten")
    expect(options(page).first).to_be_visible()

    box.press("Escape")

    expect(page.get_by_role("listbox")).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    expect(box).not_to_have_attribute("aria-activedescendant", re.compile(".*"))
    expect(box).to_have_value("ten")
    box.press("ArrowDown")  # opens the list again, on the first name
    expect(options(page).first).to_have_attribute("aria-selected", "true")
    box.press("Escape")
    box.press("Escape")
    expect(box).to_have_value("")


def test_an_alias_that_matched_is_shown_beside_the_title_and_a_touch_opens_it(
    live_server, page: Page
) -> None:
    open_kiosk(page, f"{live_server.url}/kiosk/")
    box = page.get_by_role("combobox")

    box.press_sequentially("lateral epicondyli")

    elbow = options(page).filter(has_text="Tennis elbow")
    expect(elbow).to_have_text(re.compile(r"^Tennis elbow — lateral epicondyl(itis|algia)$"))
    elbow.click()
    expect(page.locator("#condition-title")).to_have_text("Tennis elbow")


def test_it_asks_once_typing_pauses_and_shows_only_the_newest_answer(
    live_server, page: Page
) -> None:
    open_kiosk(page, f"{live_server.url}/kiosk/")
    asked: list[str] = []

    def record(request: Request) -> None:
        if SUGGEST.search(request.url):
            asked.append(request.url)

    page.on("request", record)
    box = page.get_by_role("combobox")

    box.press_sequentially("tenn", delay=30)

    expect(options(page).filter(has_text="Tennis elbow")).to_have_count(1)
    assert 1 <= len(asked) <= 2, asked

    # A slow answer to "fro" arrives after the one to "froz": it is not shown.
    held: list[Route] = []

    def hold_the_first(route: Route) -> None:
        if "q=fro&" in route.request.url:
            held.append(route)
        else:
            route.continue_()

    page.route(SUGGEST, hold_the_first)
    box.fill("")
    box.press_sequentially("fro")
    page.wait_for_timeout(400)  # past the debounce: "fro" was asked
    assert held
    box.press_sequentially("z")
    expect(options(page)).to_have_text(["Frozen shoulder"])
    with contextlib.suppress(Error):  # the kiosk has aborted it already
        held[0].fulfill(json=STALE)
    page.wait_for_timeout(200)
    expect(options(page)).to_have_text(["Frozen shoulder"])


def test_when_the_api_fails_the_kiosk_suggests_from_its_stored_conditions(
    live_server, page: Page
) -> None:
    open_kiosk(page, f"{live_server.url}/kiosk/")
    page.route(SUGGEST, lambda route: route.abort("internetdisconnected"))
    box = page.get_by_role("combobox")

    box.press_sequentially("lateral epi")

    expect(options(page)).to_have_text(["Tennis elbow — lateral epicondylalgia"])
    expect(page.locator(".search [role=status]")).to_have_text("1 suggestion")
    box.press("ArrowDown")
    box.press("Enter")
    expect(page.locator("#condition-title")).to_have_text("Tennis elbow")


@pytest.mark.parametrize("typed", ["ten", "elb", "sh"])
def test_offline_it_suggests_what_the_api_would(live_server, page: Page, typed: str) -> None:
    api = page.request.get(f"{live_server.url}/api/v1/suggest/?q={typed}&type=condition").json()
    expected = [
        item["title"] + (f" — {item['alias']}" if item["alias"] else "") for item in api["results"]
    ]
    open_kiosk(page, f"{live_server.url}/kiosk/")

    page.context.set_offline(True)
    page.get_by_role("combobox").press_sequentially(typed)

    expect(options(page)).to_have_text(expected)
    page.context.set_offline(False)


def test_in_french_offline_it_suggests_french_names_from_the_bundle(
    live_server, page: Page
) -> None:
    open_kiosk(page, f"{live_server.url}/kiosk/?lang=fr-ca")
    box = page.get_by_role("combobox", name="Chercher une affection")

    page.context.set_offline(True)
    box.press_sequentially("epicondylite")

    expect(options(page).first).to_have_text("Coude du joueur de tennis — épicondylite")
    box.fill("zzz")
    expect(page.locator(".search [role=status]")).to_have_text("Aucune suggestion")
    expect(page.get_by_role("listbox")).to_be_hidden()
    page.context.set_offline(False)


def test_in_french_it_suggests_french_names_from_the_api(live_server, page: Page) -> None:
    open_kiosk(page, f"{live_server.url}/kiosk/?lang=fr-ca")
    box = page.get_by_role("combobox", name="Chercher une affection")

    with page.expect_request(SUGGEST) as sent:
        box.press_sequentially("epicondylite")

    # « épicondylite » is one of its French aliases, and the one that matched.
    expect(options(page).first).to_have_text("Coude du joueur de tennis — épicondylite")
    assert "lang=fr-ca" in sent.value.url
    assert "type=condition" in sent.value.url
    screenshot(page, "kiosk-suggest-fr")


def test_the_embed_demo_shows_the_condition_chosen(live_server, page: Page) -> None:
    page.goto(f"{live_server.url}/embed-demo/")
    chosen = page.locator("ims-condition#chosen")
    expect(chosen).to_have_attribute("data-state", "ready")
    box = page.get_by_role("combobox", name="Search a condition")

    box.press_sequentially("golf")
    expect(options(page).first).to_have_text("Golfer's elbow")
    box.scroll_into_view_if_needed()
    screenshot(page, "embed-suggest")
    box.press("ArrowDown")
    box.press("Enter")

    expect(chosen).to_have_attribute("slug", "golfers-elbow")
    expect(chosen.locator(".title")).to_have_text("Golfer's elbow")
    expect(box).to_have_value("Golfer's elbow")
    expect(page.get_by_role("listbox")).to_be_hidden()

    box.fill("")
    box.press_sequentially("plantar")
    options(page).filter(has_text="Plantar fasciitis").click()
    expect(chosen.locator(".title")).to_have_text("Plantar fasciitis")
