"""The letters admin is usable: rows link to the letter; one time zone, named, everywhere and
ISO 8601 with the offset in exports; words, not codes, in the admin's language; export headings
are words; the riding filter takes a name or a FED code; one campaign entry per campaign."""

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from letters.admin_letters import letter_viewset
from letters.models import Letter

INDEX = reverse(letter_viewset.get_url_name("index"))
WRITTEN = datetime(2031, 1, 15, 17, 30, 5, 123456, tzinfo=UTC)  # 12:30:05 in Toronto (EST)


@pytest.fixture
def letter(make_letter):
    made = make_letter(email="display@example.org", confirm=True)
    Letter.objects.filter(pk=made.pk).update(created_at=WRITTEN, language="ru")
    return Letter.objects.get(pk=made.pk)


def inspect_url(letter):
    return reverse(letter_viewset.get_url_name("inspect"), args=[letter.pk])


def export(client, **filters):
    response = client.get(INDEX, {"export": "csv", **filters})
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_rows_link_to_the_letter_and_times_are_in_the_named_zone(steward_client, letter):
    page = steward_client.get(INDEX).content.decode()
    assert f'href="{inspect_url(letter)}"' in page
    assert "Times are in America/Toronto." in page
    assert "12:30" in page and "EST" in page and "17:30" not in page

    inspect = steward_client.get(inspect_url(letter)).content.decode()
    assert "Times are in America/Toronto." in inspect
    assert "12:30" in inspect and "17:30" not in inspect
    assert "Russian" in inspect  # the supporter's language, as a word
    assert "waiting for confirmation" in inspect and "queued" in inspect  # the events


def test_exports_are_iso_8601_with_the_offset_and_speak_words(steward_client, letter):
    [row] = export(steward_client)
    assert row["Written"] == "2031-01-15T12:30:05-05:00"
    assert row["Status"] == "queued"
    assert row["Supporter's language"] == "Russian"
    assert row["Letter's language"] == "English"
    assert row["Riding FED code"] == letter.riding.fed_code
    assert row["Riding"] == letter.riding.name_en and row["MP"] == letter.mp.name
    for heading in row:
        assert not re.search(r"[._]", heading), heading  # no field paths
    confirmed = row["Confirmed"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d", confirmed), confirmed


def test_a_russian_admin_gets_russian_words(steward_client, steward, letter):
    profile = UserProfile.get_for_user(steward)
    profile.preferred_language = "ru"
    profile.save()
    [row] = export(steward_client)
    assert row["Статус"] == "в очереди"
    assert row["Язык сторонника"] == "Русский" and row["Депутат"] == letter.mp.name
    page = steward_client.get(inspect_url(letter)).content.decode()
    assert "Время указано по часовому поясу America/Toronto." in page
    assert "ждёт подтверждения" in page and "в очереди" in page  # the events


def test_the_riding_filter_takes_a_name_or_a_fed_code(steward_client, letter):
    riding = letter.riding
    for typed in (riding.fed_code, riding.name_en[:5].lower(), riding.name_fr):
        found = steward_client.get(INDEX, {"riding": typed}).context["object_list"]
        assert list(found) == [letter], typed
    assert (
        list(steward_client.get(INDEX, {"riding": "no such riding"}).context["object_list"]) == []
    )
    page = steward_client.get(INDEX).content.decode()
    assert '<datalist id="riding-names">' in page and 'list="riding-names"' in page


def test_the_campaign_filter_lists_each_campaign_once(steward_client, letter):
    campaign = letter.campaign
    russian, _ = Locale.objects.get_or_create(language_code="ru")
    translated = campaign.copy_for_translation(russian)
    translated.save_revision().publish()
    page = steward_client.get(INDEX).content.decode()
    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', page)
    campaign_options = [
        value for value, _label in options if value == str(campaign.translation_key)
    ]
    assert len(campaign_options) == 1
    found = steward_client.get(INDEX, {"campaign": str(campaign.translation_key)})
    assert list(found.context["object_list"]) == [letter]
