"""An editor and a clinical reviewer take a change to a live page through the admin, in a
real browser (DESIGN 1.5): edit → draft (readers unchanged) → submit → approve and publish."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from content.models import Condition
from tests.admin import member
from tests.browser.conftest import screenshot
from tests.browser.test_admin import sign_in

pytestmark = pytest.mark.usefixtures("seed")

DRAFTED = "Pain on the outer elbow from gripping; IMS may help the forearm muscles relax."


def test_an_editor_drafts_and_submits_and_a_reviewer_approves_and_publishes(
    live_server, page: Page, django_user_model
) -> None:
    member(django_user_model, "writer", "Editor", profile=False)
    member(django_user_model, "reviewer", "Clinical reviewer")
    item = Condition.objects.get(slug="tennis-elbow")
    edit = f"{live_server.url}{reverse('admin:content_condition_change', args=[item.pk])}"
    api = f"{live_server.url}/api/v1/conditions/tennis-elbow/"
    before = page.request.get(api).json()
    messages = page.locator(".messagelist")

    # The editor changes the live page: a draft, which readers do not see.
    sign_in(page, live_server.url, username="writer", password="pw")
    page.goto(edit)
    expect(page.locator(".ims-working-copy")).to_contain_text("Live")
    page.locator("#id_summary_en").fill(DRAFTED)
    page.get_by_role("button", name="Save draft").click()
    expect(messages).to_contain_text("Draft saved")
    expect(page.locator(".ims-working-copy")).to_contain_text("Live + draft changes")
    expect(page.locator(".ims-differences")).to_contain_text(DRAFTED)
    expect(page.get_by_role("button", name=re.compile("Approve and publish"))).to_have_count(0)
    screenshot(page, "workflow-1-editor-saved-a-draft")
    assert page.request.get(api).json()["summary"] == before["summary"]

    page.get_by_role("button", name="Submit for review").click()
    expect(messages).to_contain_text("for clinical review")
    screenshot(page, "workflow-2-editor-submitted")

    # The reviewer finds it waiting, reads the difference, approves and publishes it.
    page.context.clear_cookies()
    sign_in(page, live_server.url, username="reviewer", password="pw")
    page.goto(f"{live_server.url}{reverse('admin:content_condition_changelist')}?submitted=yes")
    expect(page.locator("#result_list")).to_contain_text("Tennis elbow")
    expect(page.locator("#result_list")).to_contain_text("awaiting review")
    screenshot(page, "workflow-3-reviewer-finds-it-awaiting-review")
    page.goto(edit)
    expect(page.locator(".ims-working-copy")).to_contain_text("submitted by writer")
    screenshot(page, "workflow-4-reviewer-reads-the-draft")
    page.get_by_role("button", name="Approve and publish the draft changes").click()
    expect(messages).to_contain_text("Published")
    expect(page.locator(".ims-working-copy")).to_contain_text("Live")
    screenshot(page, "workflow-5-reviewer-published")

    served = page.request.get(api).json()
    assert served["summary"] == DRAFTED
    assert served["revision"] == before["revision"] + 1
    assert served["review_status"] == "current"
    assert served["reviewed_by"]["name"] == "Dr. Reviewer"
