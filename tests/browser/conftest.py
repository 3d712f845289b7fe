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
    """A new browser context (its own cookies) at a phone-ish or desktop size, reading the pages in English
    unless `language="id"` (the site's default) is asked for."""
    contexts = []

    def make(*, width=1280, height=900, language="en"):
        context = browser.new_context(
            locale="en-US" if language == "en" else "id-ID", viewport={"width": width, "height": height},
            base_url=live_server.url,
        )
        context.set_default_timeout(15_000)
        # The language switch's cookie: without it the pages are Indonesian, the site's default.
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def log_in():
    """Log a page in through the login page, and wait until the site has let it in."""

    def log_in(page, username: str, password: str) -> None:
        page.goto("/akun/masuk/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("main button[type=submit]")
        page.wait_for_url(lambda url: "/akun/masuk/" not in url)

    return log_in
