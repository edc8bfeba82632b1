"""Browser tests: Debian's chromium driven through Playwright's sync API against pytest-django's
``live_server`` (a real server on a thread, transactional database).

Playwright's sync API runs an event loop in the test thread, which makes Django refuse database
access from it ("async unsafe"); the tests only set up rows there, never concurrently with a
request, so that check is switched off for these tests.
"""

import io
import os

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from kuntakokeilu.audit import guard
from kuntakokeilu.audit.models import AuditEntry

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("KUNTAKOKEILU_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium):
    """Pages in a fresh browser context each (own cookies: one signed-in person a context),
    English unless the person's profile says otherwise."""
    contexts = []

    def open_page():
        context = chromium.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def reference(transactional_db):
    """The reference data (areas, municipalities). The live server's database is flushed after
    every test, so each test loads it again (about a second). The flush cannot delete audit
    entries (the database refuses: append-only), so they go first the way the retention purge
    removes them."""
    call_command("load_reference", stdout=io.StringIO())
    yield
    with transaction.atomic(), guard.deletion_allowed(connection):
        AuditEntry.objects.all().delete()
