"""Headless Chromium (Debian's package) driven by Playwright against the live test server."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make for
# set-up are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("KATALOG_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package (make test does).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page_for(browser, live_server):
    """A new browser context (its own cookies) that speaks English, at a phone-ish or desktop size."""
    contexts = []

    def make(*, width=1280, height=900):
        context = browser.new_context(locale="en-US", viewport={"width": width, "height": height}, base_url=live_server.url)
        context.set_default_timeout(15_000)
        # The pages are Indonesian by default; these tests read them in English (the language switch's cookie).
        context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
