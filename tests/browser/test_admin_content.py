"""Organizers' and translators' edits made in the admin survive `load_campaign_content` (which
every `make run` runs): an editor's published English page, a translator's published Russian
translation and the navigation, each edited in the browser as that person would."""

import io

import pytest
from django.core.management import call_command

from campaign.models import FAQPage, SiteNavigation

from .admin import make_admin_user

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def reload_content():
    output = io.StringIO()
    call_command("load_campaign_content", stdout=output)
    return output.getvalue()


def edit_and_publish(admin, edit_url, field, value):
    """Open the editor, type `value` into `field`, press Publish in the action menu, as a
    person does, and wait for the success message."""
    admin.goto(edit_url)
    page = admin.page
    page.fill(field, value)
    page.locator("footer .dropdown-toggle, [data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_selector(".messages .success")


def test_an_editors_published_page_survives_reloading_the_content(admin_visit):
    editor = make_admin_user("editor", "Editors")
    faq = FAQPage.objects.get(locale__language_code="en")
    admin = admin_visit(editor)

    edit_and_publish(
        admin, f"/admin/pages/{faq.pk}/edit/", "input[name=title]", "Questions people ask us"
    )

    assert "kept FAQPage /faq/" in reload_content()
    admin.goto("/en/faq/")
    assert admin.page.locator("h1").inner_text() == "Questions people ask us"


def translate_first_string(admin, text):
    """In wagtail-localize's editor: Edit the first segment, type, Save."""
    page = admin.page
    segment = page.locator("li.complete").first
    segment.get_by_role("button").click()
    segment.locator("textarea").fill(text)
    segment.get_by_role("button").last.click()  # Save
    page.locator("li.complete").first.locator("textarea").wait_for(state="detached")


def publish_translation(admin):
    admin.page.locator("footer button").first.click()
    admin.page.wait_for_selector(".messages li")


def test_a_translators_published_russian_survives_reloading_the_content(admin_visit):
    translator = make_admin_user("translator", "Translators", language="ru")
    faq = FAQPage.objects.get(locale__language_code="ru")
    admin = admin_visit(translator)

    admin.goto(f"/admin/pages/{faq.pk}/edit/")
    translate_first_string(admin, "Частые вопросы")
    publish_translation(admin)

    assert "kept the Russian FAQPage faq" in reload_content()
    admin.goto("/ru/faq/")
    assert admin.page.locator("h1").inner_text() == "Частые вопросы"


def test_the_navigation_edited_in_both_languages_survives_reloading(admin_visit):
    editor = make_admin_user("editor", "Editors")
    translator = make_admin_user("translator", "Translators", language="ru")
    english = SiteNavigation.objects.get(locale__language_code="en")
    russian = SiteNavigation.objects.get(locale__language_code="ru")

    admin = admin_visit(editor)
    edit_and_publish(
        admin,
        f"/admin/snippets/campaign/sitenavigation/edit/{english.pk}/",
        "input[name='menu-0-value-text']",
        "What we ask for",
    )

    admin = admin_visit(translator)
    admin.goto(f"/admin/snippets/campaign/sitenavigation/edit/{russian.pk}/")
    translate_first_string(admin, "Чего мы просим")
    publish_translation(admin)

    output = reload_content()
    assert "kept the navigation: edited in the admin" in output
    admin.goto("/en/")
    assert admin.page.locator("header nav a", has_text="What we ask for").count() == 1
    admin.goto("/ru/")
    assert admin.page.locator("header nav a", has_text="Чего мы просим").count() == 1
