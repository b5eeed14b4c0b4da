"""A vacant seat: the riding with a clear "vacant" state, never an empty MP card, and what the
supporter can do instead (the province's ridings, the campaign's news), in English and Russian;
and a sitting MP's card line: the party in the reader's language, a capital at its start."""

import re

import pytest

from directory.models import MemberOfParliament, Riding
from tests.support.letters import FED_CODE, POSTAL_CODE, write_url

pytestmark = pytest.mark.django_db

SEAT_VACANT = {"en": "Seat vacant", "ru": "Место вакантно"}
MP_FOR = {"en": "MP for", "ru": "депутат от"}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_vacant_seat_shows_the_riding_vacant_and_the_ways_forward(client, letter_site, language):
    riding = Riding.objects.get(fed_code=FED_CODE)
    Riding.objects.filter(pk=riding.pk).update(marked_vacant=True)

    response = client.get(write_url(language, FED_CODE, POSTAL_CODE))
    assert response.status_code == 200
    content = response.content.decode()
    card = re.search(r'<div class="mp-card[^"]*">(.*?)</div>\s*</div>', content, re.S).group(1)
    assert "mp-card--vacant" in content and riding.name_en in card
    assert SEAT_VACANT[language] in card  # capitalised in Russian too
    assert "mp-card__photo" not in content, "no empty avatar"
    assert MP_FOR[language].lower() not in content.lower(), "no 'MP for X' without a name"
    assert 'method="post"' not in content
    assert f'href="/{language}/news/"' in content
    province_list = re.search(r'href="([^"]*choose=1[^"]*)"', content).group(1)
    listed = client.get(province_list.replace("&amp;", "&"))
    assert listed.status_code == 200 and riding.name_en in listed.content.decode()


PARTY = {"en": "Liberal · MP for", "ru": "Либеральная партия · Депутат от округа"}


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_sitting_mps_card_names_the_party_in_the_readers_language(client, letter_site, language):
    content = client.get(write_url(language)).content.decode()  # a Liberal MP's riding
    detail = re.search(r'<p class="mp-card__detail">(.*?)</p>', content, re.S).group(1)
    assert detail.startswith(PARTY[language]), detail


@pytest.mark.parametrize("language", ["en", "ru"])
def test_an_mp_without_a_party_has_a_card_line_that_starts_with_a_capital(
    client, letter_site, language
):
    MemberOfParliament.objects.filter(riding_id=FED_CODE).update(party="")
    content = client.get(write_url(language)).content.decode()
    detail = re.search(r'<p class="mp-card__detail">(.*?)</p>', content, re.S).group(1)
    assert detail.strip()[0].isupper(), detail


def test_party_names_read_in_russian():
    from django.utils import translation

    from directory.names import party_name

    expected = {
        "Liberal": "Либеральная партия",
        "Conservative": "Консервативная партия",
        "NDP": "Новая демократическая партия (НДП)",
        "Bloc Québécois": "Блок Кебека",
        "Green Party": "Зелёная партия",
        "Some New Party": "Some New Party",
    }
    with translation.override("ru"):
        assert {name: party_name(name) for name in expected} == expected
    with translation.override("en"):
        assert party_name("Bloc Québécois") == "Bloc Québécois"
