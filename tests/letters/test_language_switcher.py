"""The header's language switcher keeps the supporter's place on every step of the letter tool,
and what they typed on steps with a form (plain HTTP, as without JavaScript; the browser tests
drive the same with and without it). The write step's own tests are in test_letter_language.py."""

import html
import re

import pytest

from letters import pipeline
from letters.models import Letter
from tests.factories import compose_data
from tests.support.letters import write_url

pytestmark = pytest.mark.usefixtures("letter_limits")


def switcher(content):
    """The header's entries: {language code: (tag, attributes)} for the other languages."""
    nav = re.search(r'<nav class="language-switcher".*?</nav>', content, re.S).group(0)
    entries = {}
    for tag, attributes in re.findall(r"<(a|button)([^>]*)>", nav):
        code = re.search(r'(?:hreflang|value)="(\w+)"', attributes).group(1)
        entries[code] = (tag, html.unescape(attributes))
    return entries


def attribute(attributes, name):
    return re.search(rf'{name}="([^"]*)"', attributes).group(1)


def test_the_start_page_keeps_a_typed_postal_code(client, letter_site):
    content = client.get("/en/write-to-your-mp/").content.decode()
    tag, attributes = switcher(content)["ru"]
    assert tag == "button"
    assert attribute(attributes, "form") == "find-form"
    assert attribute(attributes, "formaction") == "/ru/write-to-your-mp/"
    assert attribute(attributes, "formmethod") == "get"
    # What the browser sends when the supporter presses «Русский» after typing a code:
    russian = client.get(
        "/ru/write-to-your-mp/", {"postal_code": "h3p 1a1", "switch_language": "ru"}
    ).content.decode()
    assert re.search(r'<input[^>]*name="postal_code"[^>]*value="h3p 1a1"', russian)
    assert "Найдите своего депутата" in russian
    # A plain visit shows an empty form.
    plain = client.get("/ru/write-to-your-mp/?postal_code=h3p+1a1").content.decode()
    assert not re.search(r'<input[^>]*name="postal_code"[^>]*value="h3p', plain)


def test_the_riding_list_keeps_its_postal_code_and_search(client, letter_site, represent_server):
    represent_server.respond("H3P1A1", status=503)  # the province's list is offered
    content = client.get(
        "/en/write-to-your-mp/find/", {"postal_code": "H3P 1A1", "q": "mont"}
    ).content.decode()
    tag, attributes = switcher(content)["ru"]
    assert tag == "button" and attribute(attributes, "form") == "riding-search"
    assert attribute(attributes, "formaction").startswith("/ru/write-to-your-mp/find/")
    russian = client.get(
        "/ru/write-to-your-mp/find/",
        {"postal_code": "H3P 1A1", "q": "mont", "switch_language": "ru"},
    ).content.decode()
    assert "Выберите свой округ" in russian
    assert re.search(r'<input[^>]*name="q"[^>]*value="mont"', russian)
    assert "Mont-Royal" in russian or "Mount Royal" in russian


def test_a_choice_of_ridings_links_to_the_same_choice(client, letter_site, represent_server):
    represent_server.add_postcode("K2B7Y4", ["35082", "35067"])
    content = client.get("/en/write-to-your-mp/find/", {"postal_code": "K2B 7Y4"}).content.decode()
    tag, attributes = switcher(content)["ru"]
    assert tag == "a"
    assert attribute(attributes, "href") == "/ru/write-to-your-mp/find/?postal_code=K2B+7Y4"


def test_check_email_and_the_token_pages_keep_their_place(client, letter_site):
    assert client.post(write_url("en"), compose_data()).status_code == 303
    content = client.get("/en/write-to-your-mp/check-email/").content.decode()
    tag, attributes = switcher(content)["ru"]
    assert (tag, attribute(attributes, "href")) == ("a", "/ru/write-to-your-mp/check-email/")

    token = pipeline.confirmation_token(Letter.objects.get())
    for step in ("confirm", "sent"):  # the print view is a page of its own, without the header
        content = client.get(f"/en/letters/{step}/{token}/").content.decode()
        tag, attributes = switcher(content)["ru"]
        assert (tag, attribute(attributes, "href")) == ("a", f"/ru/letters/{step}/{token}/")
