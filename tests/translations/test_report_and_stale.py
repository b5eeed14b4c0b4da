"""The translation status report and the out-of-date notices, for Editors and Translators."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from campaign.models import NewsPage, StandardPage
from tests.support.accounts import verified_login
from translations import status as translation_status

pytestmark = pytest.mark.django_db
REPORT = reverse("translations_report")


def change_about(site_content, text="We changed this lead in English."):
    about = StandardPage.objects.get(slug="about", locale=site_content["en"])
    about.intro = text
    about.save_revision().publish()
    return about


def test_everything_loaded_is_up_to_date(site_content):
    statuses = translation_status.all_statuses()
    assert statuses and {status.state for status in statuses} == {translation_status.UP_TO_DATE}
    titles = {str(status.original) for status in statuses}
    assert "Navigation and footer (English)" in titles  # snippets are listed too


def test_a_changed_original_is_stale_until_synced_and_republished(
    translator_client, site_content, translator
):
    client = translator_client
    about = change_about(site_content)
    status = translation_status.status_of(about, site_content["ru"])
    assert status.state == translation_status.STALE and status.changed_strings == 1

    report = client.get(REPORT).content.decode()
    assert 'data-state="stale" data-title="About us"' in report
    assert reverse("wagtail_localize:update_translations", args=[status.source.pk]) in report

    client.post(reverse("wagtail_localize:update_translations", args=[status.source.pk]))
    status = translation_status.status_of(about, site_content["ru"])
    assert status.state == translation_status.UNTRANSLATED and status.untranslated_strings == 1

    segment = status.source.stringsegment_set.get(string__data="We changed this lead in English.")
    response = client.put(  # what the translation editor sends
        reverse(
            "wagtail_localize:edit_string_translation",
            args=[status.translation.pk, segment.pk],
        ),
        urlencode({"value": "Мы изменили это вступление."}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201
    assert translation_status.status_of(about, site_content["ru"]).state == (
        translation_status.UNPUBLISHED
    )
    status.translation.save_target(user=translator, publish=True)
    russian = about.get_translation(site_content["ru"])
    russian.get_latest_revision().publish()  # the on-commit publish, inside the test transaction
    assert translation_status.status_of(about, site_content["ru"]).state == (
        translation_status.UP_TO_DATE
    )
    assert "Мы изменили это вступление." in client.get("/ru/about/").content.decode()


def test_editors_and_translators_are_told_on_the_edit_views(
    client, site_content, translator, editor
):
    about = change_about(site_content)
    russian = about.get_translation(site_content["ru"])

    verified_login(client, editor)
    english_editor = client.get(reverse("wagtailadmin_pages:edit", args=[about.pk]))
    assert "Translation into Russian is out of date" in english_editor.content.decode()

    verified_login(client, translator)
    russian_editor = client.get(reverse("wagtailadmin_pages:edit", args=[russian.pk]))
    assert "Translation into Russian is out of date" in russian_editor.content.decode()


def test_a_new_page_shows_as_not_translated_with_a_translate_button(
    translator_client, site_content
):
    client = translator_client
    item = NewsPage(title="Fresh news", slug="fresh-news", date="2031-02-03", summary="New.")
    site_content["news"].add_child(instance=item)
    item.save_revision().publish()

    report = client.get(REPORT).content.decode()
    assert 'data-state="missing" data-title="Fresh news"' in report
    assert reverse("wagtail_localize:submit_page_translation", args=[item.pk]) in report


def test_the_dashboard_panel_and_who_sees_the_report(client, site_content, translator, steward):
    change_about(site_content)
    verified_login(client, translator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'id="translations-panel-heading"' in dashboard and "About us" in dashboard

    verified_login(client, steward)
    assert client.get(REPORT).status_code in (302, 403)
    assert (
        'id="translations-panel-heading"'
        not in client.get(reverse("wagtailadmin_home")).content.decode()
    )
