"""Translation through wagtail-localize: loader, sync, translators, PO export/import."""

import io

import polib
import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Revision
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from campaign.models import SiteNavigation, StandardPage
from tests.factories import StandardPageFactory
from tests.support.accounts import verified_login


def snapshot():
    return {
        "pages": list(Page.objects.values_list("pk", "title", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "sources": list(TranslationSource.objects.values_list("pk", "content_json")),
        "strings": list(StringTranslation.objects.values_list("pk", "data")),
        "navigation": list(SiteNavigation.objects.values_list("pk", "locale_id")),
    }


@pytest.mark.django_db
def test_loading_twice_changes_nothing(site_content):
    before = snapshot()
    output = io.StringIO()
    call_command("load_campaign_content", stdout=output)
    assert "(0 changes)" in output.getvalue()
    assert snapshot() == before


@pytest.mark.django_db
def test_russian_pages_are_wagtail_localize_translations(site_content):
    about = StandardPage.objects.get(slug="about", locale=site_content["en"])
    source = TranslationSource.objects.get_for_instance(about)
    assert Translation.objects.filter(
        source=source, target_locale=site_content["ru"], enabled=True
    ).exists()
    assert about.get_translation(site_content["ru"]).title == "О нас"


@pytest.mark.django_db
def test_sync_after_the_source_changes(client, site_content):
    about = StandardPage.objects.get(slug="about", locale=site_content["en"])
    about.intro = "We are newcomers and friends of newcomers."
    about.save_revision().publish()

    source = TranslationSource.objects.get_for_instance(about)
    source.update_from_db()  # what "Sync translated pages" does
    segment = StringSegment.objects.get(
        source=source, string__data="We are newcomers and friends of newcomers."
    )
    StringTranslation.objects.create(
        translation_of=segment.string,
        locale=site_content["ru"],
        context=segment.context,
        data="Мы — новоприбывшие и их друзья.",
    )
    source.create_or_update_translation(site_content["ru"])
    russian = about.get_translation(site_content["ru"])
    russian.get_latest_revision().publish()
    assert "Мы — новоприбывшие и их друзья." in client.get("/ru/about/").content.decode()


@pytest.mark.django_db
def test_translator_translates_a_page_and_exports_and_imports_po(
    client, site_content, translator, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(
        parent=site_content["home"],
        title="Volunteer with us",
        slug="volunteer",
        intro="Join us.",
        publish=True,
    )
    verified_login(client, translator)

    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.pk]),
        {"locales": [site_content["ru"].pk]},
    )
    assert response.status_code == 302
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=site_content["ru"]
    )
    russian = page.get_translation(site_content["ru"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[russian.pk])).status_code == 200

    exported = client.get(reverse("wagtail_localize:download_pofile", args=[translation.pk]))
    assert exported.status_code == 200
    po = polib.pofile(exported.content.decode())
    assert {entry.msgid for entry in po} >= {"Volunteer with us", "Join us."}
    for entry in po:
        entry.msgstr = {"Volunteer with us": "Станьте волонтёром", "Join us.": "Присоединяйтесь."}[
            entry.msgid
        ]
    upload = io.BytesIO(str(po).encode())
    upload.name = "volunteer-ru.po"
    response = client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.pk]),
        {"file": upload, "next": "/admin/"},
    )
    assert response.status_code == 302
    assert "Станьте волонтёром" not in client.get("/ru/volunteer/").content.decode()

    # "Publish in Russian" in the translation editor. wagtail-localize publishes the new
    # revision once the request's transaction commits: run those callbacks as a commit would.
    edit_url = reverse("wagtailadmin_pages:edit", args=[russian.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(edit_url, {"action": "publish"})
    assert response.status_code == 302
    russian.refresh_from_db()
    assert russian.live and russian.title == "Станьте волонтёром"
    assert russian.get_latest_revision().user == translator
    assert client.get("/ru/volunteer/").content.decode().count("Станьте волонтёром") >= 1


@pytest.mark.django_db
def test_translator_translates_a_snippet(client, site_content, translator):
    SiteNavigation.objects.filter(locale=site_content["ru"]).delete()
    english = SiteNavigation.objects.get(locale=site_content["en"])
    verified_login(client, translator)
    response = client.post(
        reverse(
            "wagtail_localize:submit_snippet_translation",
            args=["campaign", "sitenavigation", english.pk],
        ),
        {"locales": [site_content["ru"].pk]},
    )
    assert response.status_code == 302
    russian = SiteNavigation.objects.get(locale=site_content["ru"])
    assert russian.translation_key == english.translation_key
    edit_url = reverse("wagtailsnippets_campaign_sitenavigation:edit", args=[russian.pk])
    assert client.get(edit_url).status_code == 200


@pytest.mark.django_db
def test_translator_cannot_publish_a_source_page(client, site_content, translator):
    about = StandardPage.objects.get(slug="about", locale=site_content["en"])
    russian = about.get_translation(site_content["ru"])
    assert not about.permissions_for_user(translator).can_publish()
    assert not about.permissions_for_user(translator).can_edit()
    assert russian.permissions_for_user(translator).can_publish()

    verified_login(client, translator)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[about.pk]),
        {"title": "Hijacked", "slug": "about", "action-publish": "publish"},
    )
    assert response.status_code in (302, 403)
    about.refresh_from_db()
    assert about.title == "About us"
