"""The whole site built by load_campaign_content (tests/campaign, tests/search).

Loading takes a few seconds, so it runs once per test module inside a transaction that is rolled
back when the module ends; each test runs in a savepoint inside it (pytest-django's `db`), so
tests still cannot see each other's changes. Tests using `site_content` measure rendering, so
the anonymous page cache is off for them (`no_page_cache`).
"""

import io

import pytest
from django.core.management import call_command
from django.db import transaction
from wagtail.models import Locale

from campaign.models import FAQPage, NewsIndexPage
from home.models import HomePage


@pytest.fixture
def no_page_cache(settings):
    """These tests measure rendering; the anonymous page cache would answer for it."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(scope="module")
def _loaded_site(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_campaign_content", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def site_content(_loaded_site, db, no_page_cache):
    """The campaign content: English pages, Russian translations, navigation, search index."""
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
