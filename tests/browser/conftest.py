"""Real-browser tests: Playwright driving Debian's Chromium (never a downloaded browser).

Every test here gets a fresh copy of the campaign content (`load_campaign_content` and the MP
directory) in the test database, served by pytest-django's live server on 127.0.0.1."""

import os
import shutil

import pytest
from django.core.management import call_command

from .admin import admin_visit  # noqa: F401 (a fixture for the admin tests)
from .helpers import Visit

os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not CHROMIUM:
        pytest.fail("Debian's chromium is not installed: run `make system-deps`.")
    kept = {key: value for key, value in browser_type_launch_args.items() if key != "channel"}
    return {**kept, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def campaign_site(live_server, settings):
    """The campaign content in the test database, served at live_server.url."""
    call_command("load_campaign_content", verbosity=0)
    call_command("import_mps", csv=settings.MP_DATA_DIR, verbosity=0)
    return live_server.url


@pytest.fixture
def visit(browser, campaign_site):
    """Opens pages of the live site in a fresh browser context and checks what they load."""
    visits = []

    def open_visit(*, javascript=True):
        context = browser.new_context(java_script_enabled=javascript, locale="en-CA")
        made = Visit(context, campaign_site, javascript=javascript)
        visits.append(made)
        return made

    yield open_visit
    for made in visits:
        made.close()
