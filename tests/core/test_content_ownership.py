"""`load_campaign_content` creates what is missing and never overwrites what people edited:
English pages, their Russian translations (saved pages or translated strings) and the
navigation snippet. `--reset` takes everything back; a page people deleted stays deleted."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

from campaign.models import FAQPage, SiteNavigation, StandardPage

pytestmark = pytest.mark.django_db


def load(*args):
    output = io.StringIO()
    call_command("load_campaign_content", *args, stdout=output)
    return output.getvalue()


def test_an_edited_english_page_and_its_russian_stay_as_people_left_them(site_content, editor):
    faq = site_content["faq"]
    russian_before = faq.get_translation(site_content["ru"]).title
    faq.title = "Questions people ask"
    faq.save_revision(user=editor).publish()

    output = load()

    assert "kept FAQPage /faq/: edited in the admin" in output
    assert "(0 changes, 1 kept" in output
    faq = FAQPage.objects.get(pk=faq.pk)
    assert faq.title == "Questions people ask" and faq.live_revision.user == editor
    assert faq.get_translation(site_content["ru"]).title == russian_before


def test_a_draft_saved_by_an_editor_is_theirs_too(site_content, editor):
    about = StandardPage.objects.get(slug="about", locale=site_content["en"])
    about.intro = "A draft in progress."
    about.save_revision(user=editor)  # saved, not published

    assert "kept StandardPage /about/" in load()
    about = StandardPage.objects.get(pk=about.pk)
    assert about.get_latest_revision().user == editor
    assert about.get_latest_revision_as_object().intro == "A draft in progress."


def test_a_translators_russian_strings_are_kept(site_content, editor):
    about = StandardPage.objects.get(slug="about", locale=site_content["en"])
    source = TranslationSource.objects.get_for_instance(about)
    segment = StringSegment.objects.filter(source=source, context__path="title").get()
    StringTranslation.objects.filter(
        translation_of=segment.string, locale=site_content["ru"], context=segment.context
    ).update(data="Кто мы", last_translated_by=editor)

    output = load()

    assert "kept the Russian StandardPage about: edited in the admin" in output
    assert (
        StringTranslation.objects.get(
            translation_of=segment.string, locale=site_content["ru"], context=segment.context
        ).data
        == "Кто мы"
    )


def test_a_published_russian_page_is_kept(site_content, editor):
    russian = StandardPage.objects.get(slug="about", locale=site_content["ru"])
    russian.title = "О нашей кампании"
    russian.save_revision(user=editor).publish()

    assert "kept the Russian StandardPage about" in load()
    assert StandardPage.objects.get(pk=russian.pk).title == "О нашей кампании"


def test_the_edited_navigation_is_kept_in_both_languages(site_content, editor):
    english = SiteNavigation.objects.get(locale=site_content["en"])
    english.footer_text = "<p>Edited footer</p>"
    english.save_revision(user=editor).publish()
    russian = SiteNavigation.objects.get(locale=site_content["ru"])
    russian.footer_text = "<p>Изменённый подвал</p>"
    russian.save_revision(user=editor).publish()

    output = load()

    assert "kept the navigation: edited in the admin" in output
    assert SiteNavigation.objects.get(pk=english.pk).footer_text == "<p>Edited footer</p>"
    assert SiteNavigation.objects.get(pk=russian.pk).footer_text == "<p>Изменённый подвал</p>"


def test_the_loader_still_updates_what_nobody_edited(site_content):
    faq = site_content["faq"]
    original = faq.title
    FAQPage.objects.filter(pk=faq.pk).update(title="Changed under the loader, no revision")

    output = load()

    assert "updated FAQPage /faq/" in output
    assert FAQPage.objects.get(pk=faq.pk).title == original


def test_reset_overwrites_edits_and_keeps_them_in_the_history(site_content, editor):
    faq = site_content["faq"]
    original = faq.title
    faq.title = "Questions people ask"
    faq.save_revision(user=editor).publish()

    assert "updated FAQPage /faq/" in load("--reset")

    faq = FAQPage.objects.get(pk=faq.pk)
    assert faq.title == original
    assert faq.revisions.filter(user=editor).exists()
    assert "(0 changes)" in load()  # the loader owns it again


def test_a_deleted_page_stays_deleted_until_reset(site_content):
    contact = StandardPage.objects.get(slug="contact", locale=site_content["en"])
    for page in contact.get_translations(inclusive=True):
        page.delete()

    output = load()

    assert "left out StandardPage /contact/: deleted in the admin" in output
    assert not Page.objects.filter(slug="contact").exists()
    english_navigation = SiteNavigation.objects.get(locale=site_content["en"])
    assert all(item.value["page"] is not None for item in english_navigation.footer_links)

    load("--reset")
    assert StandardPage.objects.filter(
        slug="contact", locale=site_content["ru"], live=True
    ).exists()
