"""A Translators-group user does the whole loop alone, in the browser, in a Russian admin:
finds what needs translating on the dashboard and the report, starts a translation, translates,
previews and publishes it; sees an English change as out of date, syncs, translates and
republishes; and cannot touch English pages or the English navigation."""

import pytest

from campaign.models import NewsIndexPage, NewsPage, SiteNavigation

from .admin import make_admin_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def english_news_item():
    index = NewsIndexPage.objects.get(locale__language_code="en")
    item = NewsPage(
        title="Volunteers wanted", slug="volunteers-wanted", date="2031-03-04", summary="Join us."
    )
    index.add_child(instance=item)
    item.save_revision().publish()
    return item


def translate_every_string(admin, texts):
    """Translate each untranslated segment, in order, with the next text."""
    page = admin.page
    for text in texts:
        left = page.locator("li.incomplete").count()
        segment = page.locator("li.incomplete").first
        segment.get_by_role("button").click()  # Translate
        segment.locator("textarea").fill(text)
        segment.get_by_role("button").last.click()  # Save
        page.wait_for_function(
            "left => document.querySelectorAll('li.incomplete').length < left", arg=left
        )


def report_row(admin, title):
    return admin.page.locator(f"tr[data-title='{title}']")


def test_a_translator_translates_previews_and_publishes_alone(admin_visit):
    item = english_news_item()
    translator = make_admin_user("translator", "Translators", language="ru")
    admin = admin_visit(translator)

    # The dashboard says what is left and leads to the report.
    panel = admin.page.locator("section[aria-labelledby=translations-panel-heading]")
    assert "Volunteers wanted" in panel.inner_text()
    admin.check("translator-dashboard-ru")
    panel.get_by_role("link").click()
    admin.page.wait_for_url("**/admin/translation-status/")
    row = report_row(admin, "Volunteers wanted")
    assert row.get_attribute("data-state") == "missing"
    admin.check("translator-report-ru")

    # Start the translation: a Russian draft, in the translation editor.
    row.get_by_role("button").click()
    admin.page.wait_for_selector("li.incomplete")
    russian = item.get_translation(item.locale.__class__.objects.get(language_code="ru"))
    assert not russian.live
    admin.goto("/ru/news/")
    assert "Volunteers wanted" not in admin.page.content()

    admin.goto(f"/admin/pages/{russian.pk}/edit/")
    translate_every_string(admin, ["Нужны волонтёры", "Присоединяйтесь к нам."])

    # Preview, then publish.
    with admin.context.expect_page() as preview_opened:
        admin.page.locator("footer").get_by_role("link", name="Предварительный просмотр").click()
    preview = preview_opened.value
    preview.wait_for_load_state()
    assert "Нужны волонтёры" in preview.content()
    preview.close()
    admin.page.locator("footer button").first.click()
    admin.page.wait_for_selector(".messages .success")
    admin.goto("/ru/news/")
    assert "Нужны волонтёры" in admin.page.content()
    assert "Volunteers wanted" not in admin.page.content()


def test_a_translator_syncs_an_out_of_date_translation(admin_visit):
    item = english_news_item()
    translator = make_admin_user("translator", "Translators", language="ru")
    admin = admin_visit(translator)
    admin.goto("/admin/translation-status/")
    report_row(admin, "Volunteers wanted").get_by_role("button").click()
    admin.page.wait_for_selector("li.incomplete")
    translate_every_string(admin, ["Нужны волонтёры", "Присоединяйтесь к нам."])
    admin.page.locator("footer button").first.click()
    admin.page.wait_for_selector(".messages .success")

    item.summary = "Join us this spring."
    item.save_revision().publish()

    admin.goto("/admin/translation-status/")
    row = report_row(admin, "Volunteers wanted")
    assert row.get_attribute("data-state") == "stale"
    assert "1" in row.locator("td").nth(2).inner_text()
    russian_id = item.get_translation(item.locale.__class__.objects.get(language_code="ru")).pk
    admin.goto(f"/admin/pages/{russian_id}/edit/")
    assert "устарел" in admin.page.locator(".messages").inner_text()  # the stale notice

    admin.goto("/admin/translation-status/")
    report_row(admin, "Volunteers wanted").get_by_role("link", name="Синхронизировать").click()
    admin.page.locator("form button[type=submit], form input[type=submit]").last.click()
    admin.page.wait_for_url("**/admin/translation-status/**")
    row = report_row(admin, "Volunteers wanted")
    assert row.get_attribute("data-state") == "untranslated"
    admin.goto("/ru/news/volunteers-wanted/")
    assert "Join us this spring." not in admin.page.content()  # nothing English went live

    admin.goto(f"/admin/pages/{russian_id}/edit/")
    translate_every_string(admin, ["Присоединяйтесь к нам этой весной."])
    admin.page.locator("footer button").first.click()
    admin.page.wait_for_selector(".messages .success")
    admin.goto("/admin/translation-status/?all=1")
    assert report_row(admin, "Volunteers wanted").get_attribute("data-state") == "up_to_date"
    admin.goto("/ru/news/volunteers-wanted/")
    assert "Присоединяйтесь к нам этой весной." in admin.page.content()


def test_a_translator_cannot_change_english_pages_or_navigation(admin_visit):
    translator = make_admin_user("translator", "Translators")
    english_navigation = SiteNavigation.objects.get(locale__language_code="en")
    about = NewsIndexPage.objects.get(locale__language_code="en")
    admin = admin_visit(translator)

    for path in (
        f"/admin/pages/{about.pk}/edit/",
        f"/admin/pages/{about.pk}/delete/",
        f"/admin/snippets/campaign/sitenavigation/edit/{english_navigation.pk}/",
        f"/admin/snippets/campaign/sitenavigation/delete/{english_navigation.pk}/",
    ):
        admin.goto(path)
        assert admin.page.url.endswith("/admin/"), path
        assert "permission" in admin.page.locator(".messages").inner_text()


def test_page_links_load_in_the_translation_editor(admin_visit):
    """The Russian navigation links to English pages; each row shows the linked page."""
    translator = make_admin_user("translator", "Translators")
    russian_navigation = SiteNavigation.objects.get(locale__language_code="ru")
    admin = admin_visit(translator)
    admin.goto(f"/admin/snippets/campaign/sitenavigation/edit/{russian_navigation.pk}/")
    admin.page.wait_for_selector("li.complete")
    admin.page.wait_for_function(
        "() => !document.body.innerText.includes('Fetching page information')"
    )
    assert admin.page.get_by_text("Our demands").count() >= 1
    assert not admin.errors, admin.errors
