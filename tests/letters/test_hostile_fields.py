"""Issue 12, holes 10 and 15: names and addresses without hidden or markup characters, and
supporter emails only at public domains (letters/validators.py), through the real letter form."""

import html

import pytest

from letters.models import Letter
from tests.factories import compose_data
from tests.support.letters import letter_tasks, write_url

pytestmark = pytest.mark.django_db

MESSAGES = {
    "hidden": {
        "en": "no invisible formatting characters",
        "ru": "без невидимых символов форматирования",
    },
    "domain": {"en": "at a public domain", "ru": "на публичном домене"},
}


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("first_name", "\u202eevil"),
        ("first_name", "<img src=x onerror=alert(1)>"),
        ("last_name", "Love\u200blace"),
        ("last_name", "Lovelace\u2066"),
        ("street_address", "12 Harwood <b>Avenue</b>"),
        ("city", "Aj\ufeffax"),
    ],
    ids=["rlo", "markup", "zero-width-space", "isolate", "address-markup", "bom"],
)
def test_hidden_and_markup_characters_are_refused_with_a_translated_message(
    client, letter_site, language, field, value
):
    response = client.post(write_url(language), compose_data(**{field: value}))
    assert response.status_code == 400
    assert MESSAGES["hidden"][language] in html.unescape(response.content.decode())
    assert not Letter.objects.exists() and not letter_tasks().exists()


def test_ordinary_accented_and_cyrillic_names_pass(client, letter_site):
    data = compose_data(first_name="Zoë-Anne", last_name="О'Коннор-Щукина", city="Ajax")
    assert client.post(write_url("en"), data).status_code == 303
    assert Letter.objects.get().last_name == "О'Коннор-Щукина"


@pytest.mark.parametrize("language", ["en", "ru"])
@pytest.mark.parametrize(
    "email",
    [
        "root@localhost",
        "x@[127.0.0.1]",
        "x@10.0.0.1",
        "ada@intranet",
        "ada@printer.local",
        "ada@site.localhost",
        "ada@mail.test",
        "ada@nowhere.invalid",
        "ada@foo.example",
    ],
)
def test_emails_at_private_or_test_domains_are_refused(client, letter_site, language, email):
    response = client.post(write_url(language), compose_data(email=email))
    assert response.status_code == 400
    content = html.unescape(response.content.decode())
    assert MESSAGES["domain"][language] in content or "email" in content.lower()
    assert not Letter.objects.exists() and not letter_tasks().exists()


@pytest.mark.parametrize("email", ["root@localhost", "x@[127.0.0.1]", "ada@mail.test"])
def test_the_domain_rule_gives_its_own_message(client, letter_site, email):
    response = client.post(write_url("ru"), compose_data(email=email))
    assert MESSAGES["domain"]["ru"] in html.unescape(response.content.decode())


def test_a_public_idn_domain_passes(client, letter_site):
    assert client.post(write_url("en"), compose_data(email="ada@пример.рф")).status_code == 303
