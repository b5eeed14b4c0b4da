"""An Editors member in the browser: "Translate this page" on a new English news item makes a
Russian draft that no Russian page lists until a translator publishes it (issue 10, failure 2);
with the site served on another port (`make run` with PORT, `point_site_at`), the page the
editor's "Live" link opens has every absolute link on the served address, not port 8000
(failure 11)."""

import io
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from wagtail.models import Locale

from campaign.models import StandardPage

from .admin import make_admin_user
from .test_translator_loop import english_news_item

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.mark.parametrize(
    ("language", "translate"), [("en", "Translate this page"), ("ru", "Перевести эту страницу")]
)
def test_an_editors_translate_this_page_makes_a_russian_draft(admin_visit, language, translate):
    item = english_news_item()
    editor = make_admin_user("editor", "Editors", language=language)
    admin = admin_visit(editor)
    admin.goto(f"/admin/pages/{item.pk}/edit/")
    actions = admin.page.locator("#w-slim-header-buttons")
    actions.locator("[data-w-dropdown-target=toggle]").click()
    actions.get_by_role("link", name=translate, exact=True).click()
    admin.page.wait_for_url(f"**/submit/page/{item.pk}/**")
    admin.page.locator("input[name=locales]").check()  # Russian
    admin.page.locator("main input[type=submit]").click()
    admin.page.wait_for_selector(".messages .success")

    russian = item.get_translation(Locale.objects.get(language_code="ru"))
    assert not russian.live
    for path in ("/ru/news/", "/ru/", f"/ru/news/{item.slug}/"):
        response = admin.page.goto(admin.url(path))
        assert "Volunteers wanted" not in admin.page.content(), path
        assert path != f"/ru/news/{item.slug}/" or response.status == 404
    admin.expect_error_status(404)


def test_links_follow_the_address_the_site_is_served_at(admin_visit, live_server):
    served = live_server.url
    call_command("point_site_at", served, stdout=io.StringIO())
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    editor = make_admin_user("editor", "Editors")
    admin = admin_visit(editor)
    admin.goto(f"/admin/pages/{about.pk}/edit/")
    with admin.context.expect_page() as opened:
        admin.page.locator("a.page-status-tag:not(.w-hidden)").first.click()  # Live
    live = opened.value
    live.wait_for_load_state()
    assert live.url == f"{served}/en/about/"
    canonical = live.locator("link[rel=canonical]").get_attribute("href")
    og_url = live.locator("meta[property='og:url']").get_attribute("href") or live.locator(
        "meta[property='og:url']"
    ).get_attribute("content")
    assert canonical == og_url == f"{served}/en/about/"
    for link in live.locator("link[href^=http], a[href^=http]").all():
        href = link.get_attribute("href")
        address = urlsplit(href)
        if address.hostname in ("127.0.0.1", "localhost"):
            assert f"{address.scheme}://{address.netloc}" == served, href
    live.close()
