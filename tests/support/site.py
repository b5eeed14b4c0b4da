"""The whole site built by load_campaign_content (tests/campaign, tests/search).

Loading takes a few seconds, so it runs once for all the tests that use it, inside a transaction
rolled back after them (tests/support/shared.py); each test runs in a savepoint inside it
(pytest-django's `db`), so tests still cannot see each other's changes. Tests using
`site_content` measure rendering, so the anonymous page cache is off for them (`no_page_cache`).
"""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from campaign.models import FAQPage, NewsIndexPage
from home.models import HomePage
from tests.support.shared import shared_transaction


@pytest.fixture
def no_page_cache(settings):
    """These tests measure rendering; the anonymous page cache would answer for it."""
    settings.PAGE_CACHE_SECONDS = 0


def load_site():
    call_command("load_campaign_content", stdout=io.StringIO())


@pytest.fixture(scope="session")
def _shared_site(request, django_db_setup, django_db_blocker):
    with shared_transaction(request, django_db_blocker) as held:
        if held:
            load_site()
        yield held


@pytest.fixture
def site_content(_shared_site, db, no_page_cache):
    """The campaign content: English pages, Russian translations, navigation, search index."""
    if _shared_site is None or not _shared_site.open:
        load_site()
    en = Locale.objects.get(language_code="en")
    ru = Locale.objects.get(language_code="ru")
    home = HomePage.objects.get(locale=en)
    return {
        "en": en,
        "ru": ru,
        "home": home,
        "home_ru": home.get_translation(ru),
        "faq": FAQPage.objects.get(locale=en),
        "news": NewsIndexPage.objects.get(locale=en),
    }
