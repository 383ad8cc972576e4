"""The editors' admin in a real browser: what its scripts do."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect
from reversion.models import Version

from content.models import Condition
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.usefixtures("seed")


def sign_in(page: Page, url: str, *, username: str, password: str) -> None:
    page.goto(f"{url}{reverse('admin:login')}")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_be_visible()


def test_the_markdown_preview_works_on_a_history_version_page(
    live_server, page: Page, editor
) -> None:
    item = Condition.objects.get(slug="tennis-elbow")
    version = Version.objects.get_for_object(item).first()
    sign_in(page, live_server.url, username="editor", password="correct horse battery")

    revision = reverse("admin:content_condition_revision", args=[item.pk, version.pk])
    page.goto(f"{live_server.url}{revision}")
    page.locator("#id_body_en").fill("# Before restoring\n\nChecked in the preview.")

    preview = page.locator(".ims-markdown-preview").first
    expect(preview.locator("h2")).to_have_text("Before restoring")
    expect(preview).not_to_contain_text("Preview unavailable")
    screenshot(page, "admin-preview-on-a-history-version")
