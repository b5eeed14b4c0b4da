"""Issue 12, hole 2: one client cannot spend the site's shared Represent budget (55 calls a
minute). Lookups that reach Represent count against the asking client's own share
(`REPRESENT_LOOKUPS_PER_CLIENT_PER_MINUTE`, an IPv4 address or an IPv6 /64), in the letter
tool's find step as in the JSON lookup; answers from the database cache count against nothing."""

import random

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from directory.lookup.service import remember
from directory.postcode import PostalCode
from tests.support.letters import find_url

SHARED_BUDGET = 55


@pytest.fixture(autouse=True)
def back_to_english():
    # LocaleMiddleware leaves the language of a /ru/ request active in this thread.
    yield
    translation.activate("en")


def random_ontario_codes(count, seed):
    rng = random.Random(seed)
    letters = "ABCEGHJKLMNPRSTVWXYZ"
    return [
        f"{rng.choice('KLMNP')}{rng.randint(0, 9)}{rng.choice(letters)} "
        f"{rng.randint(0, 9)}{rng.choice(letters)}{rng.randint(0, 9)}"
        for _ in range(count)
    ]


def find_post(address, code, language="en"):
    return Client(REMOTE_ADDR=address).post(find_url(language), {"postal_code": code})


def lookup_post(address, code):
    return Client(REMOTE_ADDR=address).post("/en/letters/lookup/", {"postal_code": code})


@pytest.mark.parametrize(
    "addresses",
    [["203.0.113.5"], [f"2001:db8:1::{n:x}" for n in range(1, 71)]],
    ids=["one-ipv4-address", "seventy-addresses-of-one-ipv6-64"],
)
@pytest.mark.parametrize("ask", [find_post, lookup_post], ids=["find-step", "json-lookup"])
def test_seventy_codes_from_one_client_use_a_small_share_of_the_budget(
    letter_site, represent_server, addresses, ask
):
    for n, code in enumerate(random_ontario_codes(70, seed=len(addresses))):
        response = ask(addresses[n % len(addresses)], code)
        assert response.status_code in (200, 303, 429), response.status_code
    share = django_settings.REPRESENT_LOOKUPS_PER_CLIENT_PER_MINUTE
    # A minute may turn during the run: at most two windows' worth.
    assert represent_server.postcode_calls() <= 2 * share <= SHARED_BUDGET // 5

    # Another supporter still reaches Represent and finds their MP.
    represent_server.add_postcode("L1S2J5", ["35001"])
    before = represent_server.postcode_calls()
    other = Client(REMOTE_ADDR="198.51.100.20")
    if ask is find_post:
        found = other.post(find_url("en"), {"postal_code": "L1S 2J5"})
        assert found.status_code == 303 and found["Location"].endswith("/write/")
    else:
        data = other.post("/en/letters/lookup/", {"postal_code": "L1S 2J5"}).json()
        assert data["status"] == "found" and data["ridings"][0]["fed_code"] == "35001"
    assert represent_server.postcode_calls() == before + 1


def test_an_over_share_client_is_told_and_offered_the_list(letter_site, represent_server):
    client = Client(REMOTE_ADDR="203.0.113.77")
    for code in random_ontario_codes(django_settings.REPRESENT_LOOKUPS_PER_CLIENT_PER_MINUTE, 7):
        client.post(find_url("ru"), {"postal_code": code})
    calls = represent_server.postcode_calls()
    step = client.post(find_url("ru"), {"postal_code": "K2B 7Y4"})
    assert step.status_code == 303
    content = client.get(step["Location"]).content.decode()
    assert "Вы проверили много почтовых индексов" in content  # translated, with the list
    assert "<li data-search" in content
    assert represent_server.postcode_calls() == calls


def test_answers_from_the_cache_are_not_limited(letter_site, represent_server):
    codes = random_ontario_codes(40, seed=11)
    for code in codes:
        remember(PostalCode.parse(code), ["35001"])
    for code in codes:
        response = find_post("203.0.113.9", code)
        assert response.status_code == 303 and response["Location"].endswith("/write/")
    assert represent_server.postcode_calls() == 0
