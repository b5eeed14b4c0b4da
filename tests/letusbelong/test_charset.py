"""Issue 12, hole 1: a POST in any charset but UTF-8 gets a translated 400, and nothing is
logged as an error (letusbelong/charset.py). Every form a visitor can post without signing in:
the search, the letter form, the confirmation and the admin's sign-in."""

import logging
import re
from urllib.parse import urlencode

import pytest
from django.test import Client

from letters import pipeline
from letters.models import Letter
from tests.factories import compose_data
from tests.support.letters import write_url

pytestmark = pytest.mark.django_db
CHARSETS = ["latin-1", "utf8", "utf-16", "ISO-8859-1", "koi8-r"]
HEADINGS = {"en": "This form could not be read", "ru": "Не удалось прочитать форму"}


def csrf_pair(client, url):
    """A CSRF cookie and the token of a real form, as a browser would send them."""
    page = client.get(url)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    return match[1] if match else client.cookies["csrftoken"].value


def encoded(fields, charset):
    """The form's fields URL-encoded; the test client encodes the text in `charset`, as the
    Content-Type header says (percent-escapes of UTF-8, as a browser makes them)."""
    return urlencode(fields)


@pytest.mark.parametrize("charset", CHARSETS)
@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_letter_post_in_another_charset_is_a_translated_400(
    letter_site, caplog, charset, language
):
    client = Client(enforce_csrf_checks=True)
    token = csrf_pair(client, write_url(language))
    body = encoded(compose_data(csrfmiddlewaretoken=token, first_name="Zoë"), charset)
    with caplog.at_level(logging.INFO):
        response = client.post(
            write_url(language),
            body,
            content_type=f"application/x-www-form-urlencoded; charset={charset}",
        )
    assert response.status_code == 400
    assert HEADINGS[language] in response.content.decode()
    assert not Letter.objects.exists()
    assert "Traceback" not in caplog.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


@pytest.mark.parametrize("charset", CHARSETS)
def test_search_confirm_and_admin_login_refuse_other_charsets(letter_site, caplog, charset):
    assert Client().post(write_url("ru"), compose_data()).status_code == 303
    letter = Letter.objects.get()
    urls = [
        "/en/search/",
        f"/ru/letters/confirm/{pipeline.confirmation_token(letter)}/",
        "/admin/login/",
    ]
    for url in urls:
        client = Client(enforce_csrf_checks=True)
        client.get(url)
        token = client.cookies["csrftoken"].value if "csrftoken" in client.cookies else "x" * 32
        fields = {"csrfmiddlewaretoken": token, "q": "é", "username": "é", "password": "é"}
        with caplog.at_level(logging.INFO):
            response = client.post(
                url,
                encoded(fields, charset),
                content_type=f"application/x-www-form-urlencoded; charset={charset}",
            )
        assert response.status_code == 400, url
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR], url
    letter.refresh_from_db()
    assert letter.status == Letter.Status.PENDING_CONFIRMATION


@pytest.mark.parametrize("content_type", ["", "; charset=utf-8", "; charset=UTF-8"])
def test_utf8_or_no_charset_is_read_as_usual(client, letter_site, content_type):
    response = client.post(
        write_url("en"),
        encoded(compose_data(first_name="Zoë"), "utf-8"),
        content_type=f"application/x-www-form-urlencoded{content_type}",
    )
    assert response.status_code == 303
    assert Letter.objects.get().first_name == "Zoë"
