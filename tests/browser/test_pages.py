"""Every public page type, in English and Russian: accessible (axe-core, WCAG 2.2 A/AA), loads
nothing from another origin, raises no script error, and is photographed at 360 and 1280 px."""

import pytest
from wagtail.models import Locale

from campaign.models import DemandsPage, FAQPage, NewsIndexPage, NewsPage, StandardPage
from home.models import HomePage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAGE_TYPES = {
    "home": HomePage,
    "demands": DemandsPage,
    "faq": FAQPage,
    "news-index": NewsIndexPage,
    "news-article": NewsPage,
    "standard": StandardPage,
}
SEARCH_WORDS = {"en": "immigration", "ru": "иммиграц"}


def page_paths(language):
    locale = Locale.objects.get(language_code=language)
    paths = {}
    for name, model in PAGE_TYPES.items():
        page = model.objects.live().filter(locale=locale).first()
        assert page is not None, f"load_campaign_content made no {name} page in {language}"
        paths[name] = page.get_url()
    paths["search"] = f"/{language}/search/?query={SEARCH_WORDS[language]}"
    return paths


@pytest.mark.parametrize("language", ["en", "ru"])
def test_every_page_type_is_accessible_and_self_contained(visit, language):
    site = visit()
    for name, path in page_paths(language).items():
        site.goto(path)
        assert site.page.locator("html").get_attribute("lang") == language
        site.check(f"page-{language}-{name}")
    site.goto(f"/{language}/no-such-page-here/", status=404)
    site.check(f"page-{language}-404")
