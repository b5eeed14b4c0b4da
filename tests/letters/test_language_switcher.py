"""The header's language switcher keeps the supporter's place on every step of the letter tool,
and what they typed on steps with a form (plain HTTP, as without JavaScript; the browser tests
drive the same with and without it). No step's URL holds the postal code: it lives in the step
(`…/step/<id>/`), which is the same in every language. The write step's own tests are in
test_letter_language.py."""

import html
import re

import pytest

from letters import pipeline
from letters.models import Letter
from tests.factories import compose_data
from tests.support.letters import POSTAL_CODE, find, find_url, link, write_url

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
    # Posted, so the typed code is in no URL: to the Russian find step, which shows the form.
    assert attribute(attributes, "formaction") == find_url("ru")
    assert attribute(attributes, "formmethod") == "post"
    # The page's alternates still name the Russian page itself.
    assert 'hreflang="ru" href="http://testserver/ru/write-to-your-mp/"' in content
    # What the browser sends when the supporter presses «Русский» after typing a code:
    response = find(client, "ru", "h3p 1a1", switch_language="ru")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    russian = response.content.decode()
    assert re.search(r'<input[^>]*name="postal_code"[^>]*value="h3p 1a1"', russian)
    assert "Найдите своего депутата" in russian
    assert not Letter.objects.exists()
    # And back: the English form with the code, from the Russian page's switcher.
    tag, attributes = switcher(russian)["en"]
    assert attribute(attributes, "formaction") == find_url("en")
    english = find(client, "en", "h3p 1a1", switch_language="en").content.decode()
    assert re.search(r'<input[^>]*name="postal_code"[^>]*value="h3p 1a1"', english)


def test_the_riding_list_keeps_its_step_and_search(client, letter_site, represent_server):
    represent_server.respond("H3P1A1", status=503)  # the province's list is offered
    step = find(client, "en", "H3P 1A1")["Location"]
    content = client.get(step, {"q": "mont"}).content.decode()
    tag, attributes = switcher(content)["ru"]
    assert tag == "button" and attribute(attributes, "form") == "riding-search"
    russian_step = step.replace("/en/", "/ru/", 1)
    assert attribute(attributes, "formaction").startswith(russian_step)
    russian = client.get(russian_step, {"q": "mont", "switch_language": "ru"}).content.decode()
    assert "Выберите свой округ" in russian
    assert re.search(r'<input[^>]*name="q"[^>]*value="mont"', russian)
    assert "Mont-Royal" in russian or "Mount Royal" in russian
    assert "H3P 1A1" in russian  # the postal code, from the step


def test_a_choice_of_ridings_links_to_the_same_choice(client, letter_site, represent_server):
    represent_server.add_postcode("K2B7Y4", ["35082", "35067"])
    step = find(client, "en", "K2B 7Y4")["Location"]
    content = client.get(step).content.decode()
    tag, attributes = switcher(content)["ru"]
    assert tag == "a"
    assert attribute(attributes, "href") == step.replace("/en/", "/ru/", 1)
    assert "K2B" not in attribute(attributes, "href")


def test_the_write_step_keeps_everything_typed_there_and_back(client, letter_site):
    """EN → RU → EN on the write step: the letter, the details and the postal code survive."""
    url = write_url("en", postal_code=POSTAL_CODE)
    shown = client.get(url).content.decode()
    tag, attributes = switcher(shown)["ru"]
    assert (tag, attribute(attributes, "form")) == ("button", "letter-form")
    russian_url = attribute(attributes, "formaction")
    assert russian_url == url.replace("/en/", "/ru/", 1)
    typed = compose_data(body="My own words, typed before switching.", city="Pickering")
    russian = client.post(russian_url, {**typed, "switch_language": "ru"}).content.decode()
    assert "My own words, typed before switching." in russian
    assert 'value="Pickering"' in russian and 'value="L1S 2J5"' in russian
    tag, attributes = switcher(russian)["en"]
    assert attribute(attributes, "formaction") == url
    english = client.post(url, {**typed, "switch_language": "en"}).content.decode()
    assert "My own words, typed before switching." in english
    assert 'value="Pickering"' in english and 'value="L1S 2J5"' in english
    assert not Letter.objects.exists()


def test_check_email_and_the_token_pages_keep_their_place(client, letter_site):
    assert client.post(write_url("en"), compose_data()).status_code == 303
    content = client.get("/en/write-to-your-mp/check-email/").content.decode()
    tag, attributes = switcher(content)["ru"]
    assert (tag, attribute(attributes, "href")) == ("a", "/ru/write-to-your-mp/check-email/")

    token = pipeline.confirmation_token(Letter.objects.get())
    for step in ("confirm", "sent"):  # the print view is a page of its own, without the header
        page = link(client, f"/en/letters/{step}/{token}/")
        assert page == f"/en/letters/{step}/"
        content = client.get(page).content.decode()
        tag, attributes = switcher(content)["ru"]
        assert (tag, attribute(attributes, "href")) == ("a", f"/ru/letters/{step}/")
        assert token not in content
        assert client.get(f"/ru/letters/{step}/").status_code == 200
