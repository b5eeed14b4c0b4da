"""Issue 15, "Landing page from the cache": the letter tool's start page (the postal-code form, no
personal data, no CSRF token) is served from the page cache and may be kept by shared caches;
every step that shows personal data stays `no-store` and is never cached."""

import pytest
from django.core.cache import cache
from django.utils import translation

from tests.factories import compose_data
from tests.support.letters import POSTAL_CODE, find, write_url

pytestmark = pytest.mark.usefixtures("letter_limits")


@pytest.fixture(autouse=True)
def back_to_english():
    # LocaleMiddleware leaves the language of a /ru/ request active in this thread.
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_start_page_comes_from_the_cache(client, letter_site, language):
    first = client.get(f"/{language}/write-to-your-mp/")
    second = client.get(f"/{language}/write-to-your-mp/")
    assert (first.status_code, first["X-Cache"]) == (200, "MISS")
    assert (second.status_code, second["X-Cache"]) == (200, "HIT")
    for response in (first, second):
        cache_control = response["Cache-Control"]
        assert "public" in cache_control and "s-maxage=" in cache_control
        assert "no-store" not in cache_control and not response.cookies
    assert second.content == first.content
    assert b"csrfmiddlewaretoken" not in second.content


def test_every_step_with_personal_data_stays_no_store(client, letter_site, represent_server):
    represent_server.add_postcode("K2B7Y4", ["35082", "35067"])
    found = find(client, "en", "K2B 7Y4")
    step = client.get(found["Location"])
    write = client.get(write_url("en", postal_code=POSTAL_CODE))
    invalid = find(client, "en", "12345")
    sent = client.post(write_url("en"), compose_data())
    check_email = client.get(sent["Location"])
    for response in (found, step, write, invalid, sent, check_email):
        assert "no-store" in response["Cache-Control"], response
        assert response["X-Cache"] == "BYPASS"
