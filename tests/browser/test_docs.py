"""The API documentation renders in a real browser, offline (no CDN)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Request, expect

from tests.browser.conftest import screenshot


@pytest.fixture
def outside(live_server, page: Page) -> list[str]:  # type: ignore[no-untyped-def]
    """Every address the page asks for beyond this server, as it asks."""
    asked: list[str] = []

    def keep_outside(request: Request) -> None:
        if not request.url.startswith((live_server.url, "data:", "blob:")):
            asked.append(request.url)

    page.on("request", keep_outside)
    return asked


@pytest.mark.usefixtures("transactional_db")
def test_swagger_ui_renders_the_operations(live_server, page: Page, outside: list[str]) -> None:
    page.goto(f"{live_server.url}/api/docs/")

    operation = page.locator(".opblock-summary-path", has_text="/api/v1/conditions/").first
    expect(operation).to_be_visible()
    expect(page.locator(".opblock-tag-section").first).to_be_visible()
    screenshot(page, "swagger-ui")
    assert outside == []


@pytest.mark.usefixtures("transactional_db")
def test_redoc_renders_the_operations_without_its_cdn_logo(
    live_server, page: Page, outside: list[str]
) -> None:
    page.goto(f"{live_server.url}/api/redoc/")

    expect(page.get_by_role("heading", name="The v1 index")).to_be_visible()
    expect(page.get_by_text("API docs by Redocly")).to_be_visible()
    expect(page.locator("img[alt='redocly logo']")).to_have_count(0)
    screenshot(page, "redoc")
    assert outside == []
