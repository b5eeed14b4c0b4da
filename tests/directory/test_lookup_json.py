"""The JSON endpoints behind the letter page's progressive enhancement."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.support import represent as fake


def lookup_url(language="en"):
    with translation.override(language):
        return reverse("directory:lookup")


def ridings_url(language="en"):
    with translation.override(language):
        return reverse("directory:ridings")


@pytest.fixture(autouse=True)
def back_to_english():
    # LocaleMiddleware leaves the language of a /ru/ request active in this thread.
    yield
    translation.activate("en")


@pytest.fixture
def directory(mp_directory, represent_server):
    return represent_server


def test_a_postal_code_is_never_in_the_lookups_url(client, directory):
    """Issue 12, hole 12: the lookup is a POST, so no access log holds the postal code."""
    assert client.get(lookup_url(), {"postal_code": "v7a-5j9"}).status_code == 405
    assert client.post(lookup_url(), {"postal_code": "v7a-5j9"}).status_code == 200


def test_urls_are_under_the_language_prefix():
    assert lookup_url() == "/en/letters/lookup/"
    assert ridings_url("ru") == "/ru/letters/ridings/"


def test_one_riding_gives_the_mp_card(client, directory):
    response = client.post(lookup_url(), {"postal_code": "v7a-5j9"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    assert data["status"] == "found" and data["source"] == "represent"
    assert data["postal_code"] == "V7A 5J9" and data["province"] == "BC"
    assert data["ambiguous"] is False and data["fallback"] is None
    (card,) = data["ridings"]
    assert card["fed_code"] == "59028" and card["name"] == "Richmond East—Steveston"
    assert card["mp"]["name"] == "Parm Bains" and card["mp"]["party"] == "Liberal"
    assert card["mp"]["can_receive_letters"] is True
    assert "email" not in card["mp"]


def test_two_ridings_are_choices(client, directory):
    data = client.post(lookup_url(), {"postal_code": fake.TWO_RIDINGS}).json()
    assert data["ambiguous"] is True
    assert [card["fed_code"] for card in data["ridings"]] == ["35082", "35067"]


def test_a_vacant_seat_has_no_mp(client, directory):
    data = client.post(lookup_url(), {"postal_code": fake.VACANT_SEAT}).json()
    assert data["ridings"][0]["vacant"] is True and data["ridings"][0]["mp"] is None


@pytest.mark.parametrize(
    ("code", "status"),
    [
        (fake.NOT_FOUND, "unknown"),
        (fake.REAL_2013_SET, "unknown"),
        (fake.UNAVAILABLE, "unavailable"),
        (fake.RATE_LIMITED, "unavailable"),
        (fake.SERVER_ERROR, "unavailable"),
        (fake.MALFORMED_JSON, "unavailable"),
        (fake.HTML_200, "unavailable"),
    ],
)
def test_no_answer_offers_the_province_picker(client, directory, code, status):
    response = client.post(lookup_url(), {"postal_code": code})
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == status and data["ridings"] == [] and data["error"]
    fallback = data["fallback"]
    assert fallback["province"] == "ON" and fallback["province_name"] == "Ontario"
    assert len(fallback["ridings"]) == 122
    assert fallback["ridings_url"] == "/en/letters/ridings/?province=ON"
    assert fallback["elections_canada_url"].startswith("https://www.elections.ca/")


def test_a_timeout_falls_back(client, directory, settings):
    settings.REPRESENT_TIMEOUT_SECONDS = 0.3
    directory.slow_seconds = 1
    data = client.post(lookup_url(), {"postal_code": fake.SLOW}).json()
    assert data["status"] == "unavailable" and data["fallback"]["ridings"]


def test_russian_fallback_text(client, directory):
    data = client.post(lookup_url("ru"), {"postal_code": fake.UNAVAILABLE}).json()
    assert data["fallback"]["province_name"] == "Онтарио"
    assert "округ" in data["error"]


@pytest.mark.parametrize("raw", fake.BAD_POSTAL_CODES)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_bad_input_is_a_400_with_a_translated_message_and_no_call(client, directory, raw, language):
    response = client.post(lookup_url(language), {"postal_code": raw})
    assert response.status_code == 400
    data = response.json()
    assert data["status"] == "invalid" and data["error"]
    if language == "ru":
        assert "индекс" in data["error"]
    else:
        assert "postal code" in data["error"]
    assert "<" not in data["error"] and "DROP" not in data["error"]
    assert directory.calls == []


def test_a_missing_parameter_is_a_400(client, directory):
    assert client.post(lookup_url()).status_code == 400


def test_get_is_not_allowed(client, directory):
    assert client.get(lookup_url(), {"postal_code": "K1A0A6"}).status_code == 405


def test_an_empty_directory_says_so(client, db, represent_server):
    data = client.post(lookup_url(), {"postal_code": "K1A 0A6"}).json()
    assert data["status"] == "not_loaded" and data["error"]
    assert represent_server.calls == []


def test_too_many_lookups_from_one_address_get_a_429(client, directory, settings):
    settings.LOOKUPS_PER_IP_PER_MINUTE = 3
    statuses = [client.post(lookup_url(), {"postal_code": "12345"}).status_code for _ in range(4)]
    assert statuses == [400, 400, 400, 429]
    refused = client.post(lookup_url(), {"postal_code": "12345"})
    assert refused.json()["error"]
    assert 1 <= int(refused["Retry-After"]) <= 60  # the real wait (issue 12, hole 6)


def test_the_ridings_picker_searches(client, mp_directory):
    data = client.get(ridings_url(), {"province": "on", "q": "north york"}).json()
    assert data["province"] == "ON"
    assert [card["fed_code"] for card in data["ridings"]] == ["35120"]
    everything = client.get(ridings_url(), {"province": "NU"}).json()
    assert [card["name"] for card in everything["ridings"]] == ["Nunavut"]


def test_the_ridings_picker_in_french_uses_french_names(client, mp_directory, settings):
    # French is ready but not enabled; the card takes the language it is asked for.
    from directory.models import Riding
    from directory.views import riding_card

    riding = Riding.objects.get(fed_code="35079")
    assert riding_card(riding, "fr")["name"] == "Ottawa-Centre"


@pytest.mark.parametrize(
    ("params", "language", "word"),
    [
        ({"province": "XX"}, "en", "province"),
        ({}, "ru", "провинц"),
        ({"province": "<script>"}, "en", "province"),
        ({"province": "ON", "q": "x" * 10_240}, "ru", "назван"),
    ],
)
def test_the_ridings_picker_refuses_bad_input(client, mp_directory, params, language, word):
    response = client.get(ridings_url(language), params)
    assert response.status_code == 400
    assert word in response.json()["error"]
