"""Browser tests: Debian's Chromium driven by Playwright against the live server.

No browser is ever downloaded: the tests launch /usr/bin/chromium and are
skipped, with a reason .ci/run looks for, only where it is missing.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from playwright.sync_api import Browser, Page, Request, sync_playwright

from api.caching.store import forget_local_copies

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
# .ci/run fails the build when this reason shows up in its JUnit report.
NO_CHROMIUM = f"browser: needs Chromium at {CHROMIUM} (apt-get install chromium)"
SCREENSHOTS = Path(settings.BASE_DIR) / "reports" / "screenshots"


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.skip(NO_CHROMIUM)
    # Playwright's sync API keeps an event loop in this thread, which Django's
    # async-safety check mistakes for async code calling the ORM. Set up before
    # and torn down after every test's database fixtures (a wider scope).
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A page in a fresh context (empty storage); fails the test on a script error.

    Before the test's database is emptied, the page's requests are left to finish
    and the page is closed: the live server must not be midway through one then.
    """
    # 1280 CSS pixels drawn on 800: screenshots small enough to commit (docs/screenshots/).
    context = browser.new_context(
        viewport={"width": 1280, "height": 800}, device_scale_factor=0.625, locale="en-CA"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    in_flight: set[Request] = set()
    page.on("request", lambda request: in_flight.add(request))
    page.on("requestfinished", lambda request: in_flight.discard(request))
    page.on("requestfailed", lambda request: in_flight.discard(request))
    yield page
    deadline = time.monotonic() + 10
    while in_flight and time.monotonic() < deadline:
        page.wait_for_timeout(20)
    page.goto("about:blank")
    context.close()
    assert not errors, errors


@pytest.fixture(autouse=True)
def _fresh_server_state(settings) -> None:  # type: ignore[no-untyped-def]
    # The live server commits, so the content version can be read from the
    # database each time; stored representations are keyed by a version that
    # every test starts from the seed's again, so start from an empty store.
    settings.CONTENT_VERSION_CACHE_SECONDS = 0
    cache.clear()
    forget_local_copies()


def screenshot(page: Page, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=path, full_page=True)
    return path
