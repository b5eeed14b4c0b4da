"""Fixtures for the campaign site: the whole site built by load_campaign_content."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import Locale

from campaign.models import FAQPage, NewsIndexPage
from home.models import HomePage


@pytest.fixture
def site_content(db):
    """The campaign content: English pages, Russian translations, navigation, search index."""
    call_command("load_campaign_content", stdout=io.StringIO())
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


@pytest.fixture
def translator(db):
    user = get_user_model().objects.create_user(
        username="translator", email="translator@example.org", password="not-used-1234"
    )
    user.groups.add(Group.objects.get(name="Translators"))
    return user
