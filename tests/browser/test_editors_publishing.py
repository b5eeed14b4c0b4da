"""An Editors member in the browser, in an English and in a Russian admin: publishes directly,
with no "Submit to Moderators approval" waiting on a group nobody is in (issue 10, failure 7);
and sees a page changed in English after its translation was synced as out of date, with the
number of changed strings, on the dashboard, the report and the page's editor, until a
translator syncs and republishes it (failure 4)."""

import pytest

from campaign.models import NewsPage, StandardPage

from .admin import make_admin_user
from .test_translator_loop import report_row, translate_every_string

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PUBLISH = {"en": "Publish", "ru": "Опубликовать"}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_an_editor_publishes_directly_and_nothing_waits_on_an_empty_group(admin_visit, language):
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    editor = make_admin_user("editor", "Editors", language=language)
    admin = admin_visit(editor)
    admin.goto(f"/admin/pages/{about.pk}/edit/")
    page = admin.page
    page.fill("input[name=title]", "About the campaign")
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    actions = page.locator("footer").inner_text()
    assert "Moderators" not in actions and "Модератор" not in actions
    assert page.locator("footer button[name=action-submit]").count() == 0
    assert "Moderators approval" not in page.content()
    # Wagtail's own editor fails two axe rules (its rich-text field, the minimap): not checked here.
    admin.assert_same_origin()
    admin.screenshot(f"editor-actions-{language}")

    page.locator("footer").get_by_role("button", name=PUBLISH[language]).click()
    page.wait_for_selector(".messages .success")
    admin.goto("/en/about/")
    assert admin.page.locator("h1").inner_text() == "About the campaign"


def change_in_english(slug, **fields):
    english = NewsPage.objects.get(slug=slug, locale__language_code="en")
    for name, value in fields.items():
        setattr(english, name, value)
    english.save_revision().publish()
    return english


@pytest.mark.parametrize(
    ("language", "stale_word", "changed", "up_to_date"),
    [
        ("en", "Out of date", "1 changed string", "Up to date"),
        ("ru", "Устарел", "1 изменённая строка", "Актуален"),
    ],
)
def test_an_editor_sees_a_stale_translation_until_it_is_republished(
    admin_visit, language, stale_word, changed, up_to_date
):
    english = NewsPage.objects.get(slug="letters-to-mps-open", locale__language_code="en")
    editor = make_admin_user("editor", "Editors", language=language)
    editors = admin_visit(editor)
    editors.goto("/admin/translation-status/")
    assert report_row(editors, english.title).count() == 0  # up to date: not listed

    change_in_english("letters-to-mps-open", summary="Letters to MPs are open: write today.")

    # The dashboard counts the changed string and names the page.
    editors.goto("/admin/")
    panel = editors.page.locator("section[aria-labelledby=translations-panel-heading]")
    assert english.title in panel.inner_text() and stale_word.lower() in panel.inner_text().lower()
    # The report: out of date, one changed string.
    editors.goto("/admin/translation-status/")
    row = report_row(editors, english.title)
    assert row.get_attribute("data-state") == "stale"
    assert changed in row.inner_text()
    editors.check(f"editor-stale-report-{language}")
    # The English page's editor says so too.
    editors.goto(f"/admin/pages/{english.pk}/edit/")
    assert stale_word.lower() in editors.page.locator(".messages").inner_text().lower()

    # A translator syncs: still not up to date until the Russian is translated and published.
    translator = make_admin_user("translator", "Translators", language="ru")
    translators = admin_visit(translator)
    translators.goto("/admin/translation-status/")
    report_row(translators, english.title).get_by_role("link", name="Синхронизировать").click()
    translators.page.locator("form button[type=submit], form input[type=submit]").last.click()
    translators.page.wait_for_url("**/admin/translation-status/**")
    editors.goto("/admin/translation-status/")
    assert report_row(editors, english.title).get_attribute("data-state") == "untranslated"

    russian = english.get_translation(english.locale.__class__.objects.get(language_code="ru"))
    translators.goto(f"/admin/pages/{russian.pk}/edit/")
    translate_every_string(translators, ["Письма депутатам открыты: напишите сегодня."])
    translators.page.locator("footer button").first.click()
    translators.page.wait_for_selector(".messages .success")

    editors.goto("/admin/translation-status/?all=1")
    row = report_row(editors, english.title)
    assert row.get_attribute("data-state") == "up_to_date" and up_to_date in row.inner_text()
    editors.goto(f"/admin/pages/{english.pk}/edit/")
    notices = " ".join(editors.page.locator(".messages").all_inner_texts())
    assert stale_word.lower() not in notices.lower()
