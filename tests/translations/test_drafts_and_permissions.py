"""A new translation starts as a draft and the Russian site never shows English copy (pages,
aliases, the navigation); syncing publishes nothing; translators never change the English
navigation."""

import pytest
from django.urls import reverse

from campaign.models import NewsPage, SiteNavigation
from translations import status as translation_status

pytestmark = pytest.mark.django_db


@pytest.fixture
def news_item(site_content):
    item = NewsPage(
        title="A new English item",
        slug="new-english-item",
        date="2031-01-02",
        summary="Only in English so far.",
    )
    site_content["news"].add_child(instance=item)
    item.save_revision().publish()
    return item


def submit(client, original, locale):
    return client.post(
        reverse("wagtail_localize:submit_page_translation", args=[original.pk]),
        {"locales": [locale.pk]},
    )


def test_a_submitted_page_is_a_draft_until_a_translator_publishes(
    translator_client, site_content, news_item
):
    client = translator_client
    assert submit(client, news_item, site_content["ru"]).status_code == 302

    russian = news_item.get_translation(site_content["ru"])
    assert not russian.live
    for path in ("/ru/news/", "/ru/"):
        assert "A new English item" not in client.get(path).content.decode()
    assert client.get("/ru/news/new-english-item/").status_code == 404

    status = translation_status.status_of(news_item, site_content["ru"])
    assert status.state == translation_status.UNTRANSLATED


def test_an_alias_of_an_english_page_is_never_listed_or_served_in_russian(
    client, site_content, news_item
):
    alias = news_item.copy_for_translation(site_content["ru"], copy_parents=True, alias=True)
    assert alias.live and alias.alias_of_id == news_item.pk

    for path in ("/ru/news/", "/ru/", "/sitemap.xml", "/ru/search/?q=English"):
        assert "new-english-item" not in client.get(path).content.decode().replace(
            "/en/news/new-english-item/", ""
        ), path
    response = client.get("/ru/news/new-english-item/")
    assert response.status_code == 302 and response["Location"].endswith(
        "/en/news/new-english-item/"
    )
    status = translation_status.status_of(news_item, site_content["ru"])
    assert status.state == translation_status.MISSING


def test_a_submitted_navigation_is_a_draft_and_the_menu_never_turns_english(
    translator_client, site_content
):
    client = translator_client
    SiteNavigation.objects.filter(locale=site_content["ru"]).delete()
    english = SiteNavigation.objects.get(locale=site_content["en"])
    client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["campaign", "sitenavigation", english.pk],
        ),
        {"locales": [site_content["ru"].pk]},
    )
    russian = SiteNavigation.objects.get(locale=site_content["ru"])
    assert not russian.live

    page = client.get("/ru/").content.decode()
    header = page[page.index("<header") : page.index("</header>")]
    assert "Наши требования" in header  # the Russian page's own title
    assert "Our demands" not in header and ">News<" not in header


def test_syncing_publishes_nothing(translator_client, site_content):
    client = translator_client
    about = site_content["home"].get_children().get(slug="about").specific
    about.intro = "A changed English lead."
    about.save_revision().publish()
    source = translation_status.status_of(about, site_content["ru"]).source

    page = client.get(reverse("wagtail_localize:update_translations", args=[source.pk]))
    assert page.status_code == 200 and "publish_translations" not in page.content.decode()
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[source.pk]),
        {"publish_translations": "on"},
    )
    assert response.status_code == 302
    assert "A changed English lead." not in client.get("/ru/about/").content.decode()
    status = translation_status.status_of(about, site_content["ru"])
    assert status.state == translation_status.UNTRANSLATED and status.untranslated_strings == 1


def test_translators_never_change_the_english_navigation(translator_client, site_content):
    client = translator_client
    english = SiteNavigation.objects.get(locale=site_content["en"])
    russian = SiteNavigation.objects.get(locale=site_content["ru"])

    for name, method in [("edit", "get"), ("edit", "post"), ("delete", "post")]:
        url = reverse(f"wagtailsnippets_campaign_sitenavigation:{name}", args=[english.pk])
        response = getattr(client, method)(url, {"action-publish": "publish"})
        assert response.status_code in (302, 403), (name, method)
        assert response.status_code == 403 or response["Location"] == "/admin/", response
    english.refresh_from_db()
    assert english.live and SiteNavigation.objects.filter(pk=english.pk).exists()

    listing = client.get(reverse("wagtailsnippets_campaign_sitenavigation:list"))
    assert listing.status_code == 200
    edit_russian = reverse("wagtailsnippets_campaign_sitenavigation:edit", args=[russian.pk])
    assert client.get(edit_russian).status_code == 200


def test_translators_cannot_add_a_navigation(translator_client, site_content):
    client = translator_client
    before = SiteNavigation.objects.count()
    response = client.post(
        reverse("wagtailsnippets_campaign_sitenavigation:add"),
        {"locale": site_content["en"].pk, "menu-count": "0", "footer_links-count": "0"},
    )
    assert response.status_code in (302, 403)
    assert SiteNavigation.objects.count() == before
