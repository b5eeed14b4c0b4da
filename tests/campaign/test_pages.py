"""Every page type renders in both languages; the switcher, 404s, FAQ anchors and JSON-LD."""

import json
import re

import pytest
from django.test import override_settings
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Page
from wagtail_localize.models import TranslationSource

from campaign.models import DemandsPage, FAQPage, NewsIndexPage, NewsPage, StandardPage
from home.models import HomePage
from tests.factories import StandardPageFactory

PAGE_TYPES = [HomePage, DemandsPage, FAQPage, NewsIndexPage, NewsPage, StandardPage]
SWITCHER = re.compile(r'<nav class="language-switcher".*?</nav>', re.S)
# A link, or on a page with a form (the letter tool) a button of that form aimed at the same place.
HREF = re.compile(r'(?:href|formaction)="([^"]+)"')


def switcher_links(html):
    return HREF.findall(SWITCHER.search(html).group(0))


@pytest.mark.django_db
def test_every_page_type_renders_in_both_languages(client, site_content):
    for page_type in PAGE_TYPES:
        english_pages = page_type.objects.filter(locale=site_content["en"]).live()
        assert english_pages.exists(), page_type
        for page in english_pages:
            russian = page.get_translation(site_content["ru"])
            assert russian.live
            assert russian.title != page.title, f"{page.title} is not translated"
            for version, language in [(page, "en"), (russian, "ru")]:
                response = client.get(version.url)
                assert response.status_code == 200, version.url
                html = response.content.decode()
                assert f'<html lang="{language}">' in html
                assert (version.seo_title or version.title) in html
                assert version.url.startswith(f"/{language}/")


@pytest.mark.django_db
def test_language_switcher_links_lead_to_the_same_page_in_the_other_language(client, site_content):
    for page in Page.objects.live().filter(depth__gt=1).specific():
        html = client.get(page.url).content.decode()
        links = switcher_links(html)
        other = page.get_translations().live().get()
        if hasattr(page, "letter_template"):
            # The letter tool's start: the button posts the typed postal code to the other
            # language's find step, which shows the form there (no code in a URL).
            code = other.locale.language_code
            assert links == [f"/{code}/letters/find/{other.pk}/"], page.url
            switched = client.post(links[0], {"switch_language": code, "postal_code": ""})
            assert switched.status_code == 200 and other.title in switched.content.decode()
            continue
        assert links == [other.url], page.url
        assert client.get(links[0]).status_code == 200


@pytest.mark.django_db
def test_switcher_goes_to_the_other_home_when_a_page_is_untranslated(client, site_content):
    StandardPageFactory(
        parent=site_content["home"], title="Only in English", slug="only-english", publish=True
    )
    assert switcher_links(client.get("/en/only-english/").content.decode()) == ["/ru/"]


@pytest.mark.django_db
def test_switcher_on_other_views_and_root_redirect(client, site_content):
    html = client.get("/ru/search/?q=x").content.decode()
    assert switcher_links(html) == ["/en/search/?q=x"]
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ru").url == "/ru/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-CA,en").url == "/en/"


@pytest.mark.django_db
def test_unknown_urls_give_a_translated_404(client, site_content):
    english = client.get("/en/no-such-page/")
    russian = client.get("/ru/no-such-page/")
    assert english.status_code == russian.status_code == 404
    assert "Page not found" in english.content.decode()
    assert "Страница не найдена" in russian.content.decode()
    assert '<html lang="ru">' in russian.content.decode()


@pytest.mark.django_db
def test_faq_has_stable_anchors_and_faqpage_json_ld_with_the_csp_nonce(client, site_content):
    faq = site_content["faq"]
    anchors = [item.value["anchor"] for item in faq.questions]
    assert len(anchors) == 6
    for page in [faq, faq.get_translation(site_content["ru"])]:
        response = client.get(page.url)
        html = response.content.decode()
        for anchor in anchors:
            assert f'id="{anchor}"' in html
        match = re.search(
            r'<script type="application/ld\+json" nonce="([^"]+)">(.*?)</script>', html, re.S
        )
        nonce, data = match.group(1), json.loads(match.group(2))
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        assert data["@type"] == "FAQPage"
        assert [q["name"] for q in data["mainEntity"]] == [
            item.value["question"] for item in page.questions
        ]


@pytest.mark.django_db
def test_home_has_call_to_action_demands_and_latest_news(client, site_content):
    home_ru = site_content["home_ru"]
    html = client.get("/ru/").content.decode()
    assert 'href="/ru/write-to-your-mp/"' in html
    assert "/ru/demands/#military-service" in html
    assert "/ru/news/bill-c-2-strong-borders-act/" in html
    assert home_ru.specific.call_to_action_page_id == site_content["home"].call_to_action_page_id


@override_settings(
    LANGUAGES=[("en", "English"), ("ru", "Russian"), ("fr", gettext_lazy("French"))],
    WAGTAIL_CONTENT_LANGUAGES=[("en", "English"), ("ru", "Russian"), ("fr", "French")],
)
@pytest.mark.django_db
def test_french_is_added_by_settings_alone(client, site_content):
    french = Locale.objects.create(language_code="fr")
    source, _ = TranslationSource.get_or_create_from_instance(site_content["home"])
    source.create_or_update_translation(french, fallback=True)
    home_fr = site_content["home"].get_translation(french)
    home_fr.get_latest_revision().publish()

    response = client.get("/fr/")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()
    english_links = switcher_links(client.get("/en/").content.decode())
    assert english_links == ["/ru/", "/fr/"]
    assert client.get("/fr/search/?q=canada").status_code == 200


@pytest.mark.django_db
def test_blocks_render_their_previews():
    from campaign import blocks

    for block in [
        blocks.HeadingBlock(),
        blocks.ParagraphBlock(),
        blocks.QuoteBlock(),
        blocks.CallToActionBlock(),
        blocks.DemandBlock(),
        blocks.QuestionBlock(),
    ]:
        assert block.is_previewable
        value = block.to_python(block.get_prep_value(block.get_preview_value()))
        assert block.render(value).strip().startswith("<")


@pytest.mark.django_db
def test_editing_the_navigation_refreshes_cached_pages(client, site_content, settings):
    from django.core.cache import cache

    from campaign.models import SiteNavigation

    settings.PAGE_CACHE_SECONDS = 300
    settings.PAGE_CACHE_VERSION_CHECK_SECONDS = 0
    cache.clear()
    client.get("/en/")
    assert client.get("/en/")["X-Cache"] == "HIT"
    navigation = SiteNavigation.objects.get(locale=site_content["en"])
    navigation.footer_text = "<p>A new footer.</p>"
    navigation.save()
    assert "A new footer." in client.get("/en/").content.decode()
