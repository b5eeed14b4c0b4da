"""The client's address behind the trusted proxies, and the network limits count it by
(core/http.py): TRUST 21, and issue 12 holes 5 and 16."""

import pytest
from django.test import override_settings

from core.http import client_ip, client_network, network_of
from tests.letusbelong.test_headers import run_production

# --- trusted client IP ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        (0, "1.2.3.4", "10.0.0.2"),
        (1, "6.6.6.6, 203.0.113.99", "203.0.113.99"),
        (2, "6.6.6.6, 203.0.113.99, 10.0.0.1", "203.0.113.99"),
    ],
    ids=[
        "without-trusted-proxies-the-forwarded-header-is-ignored",
        "one-proxy-takes-the-address-it-appended-not-the-forged-one",
        "two-proxies-take-the-second-from-the-right",
    ],
)
def test_the_client_is_found_behind_the_trusted_proxies(
    settings, post_request, proxies, forwarded, client
):
    settings.TRUSTED_PROXY_COUNT = proxies
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    assert client_ip(post_request(remote="10.0.0.2", forwarded=forwarded)) == client


@override_settings(TRUSTED_PROXY_COUNT=2, TRUSTED_PROXIES=["10.0.0.2", "10.0.0.1"])
def test_a_short_or_garbled_header_falls_back_to_the_peer(post_request):
    assert client_ip(post_request(remote="10.0.0.2", forwarded="203.0.113.99")) == "10.0.0.2"
    assert client_ip(post_request(remote="10.0.0.2", forwarded="x, not-an-ip, y")) == "10.0.0.2"


@override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXIES=["10.0.0.1"])
def test_whoever_reaches_gunicorn_directly_cannot_forge_the_header(post_request):
    """Hole 16: a proxy count alone trusted X-Forwarded-For from any peer."""
    direct = post_request(remote="198.51.100.7", forwarded="203.0.113.99")
    assert client_ip(direct) == "198.51.100.7"
    via_proxy = post_request(remote="10.0.0.1", forwarded="6.6.6.6, 203.0.113.99")
    assert client_ip(via_proxy) == "203.0.113.99"


@override_settings(TRUSTED_PROXY_COUNT=2, TRUSTED_PROXIES=["10.0.0.0/24"])
def test_an_inner_hop_must_be_a_listed_proxy_too(post_request):
    forged = post_request(remote="10.0.0.2", forwarded="203.0.113.99, 198.51.100.7")
    assert client_ip(forged) == "10.0.0.2"


@override_settings(TRUSTED_PROXY_COUNT=1, TRUSTED_PROXIES=[])
def test_without_a_proxy_list_the_socket_address_counts(post_request):
    assert client_ip(post_request(remote="10.0.0.2", forwarded="203.0.113.99")) == "10.0.0.2"


def test_production_refuses_a_proxy_count_without_a_proxy_list():
    result = run_production("manage.py", "check", TRUSTED_PROXIES="", TRUSTED_PROXY_COUNT="1")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES" in result.stderr


# --- the network a limit counts ------------------------------------------------------------


@pytest.mark.parametrize(
    ("address", "network"),
    [
        ("203.0.113.7", "203.0.113.7"),
        ("2001:db8:1::1", "2001:db8:1::"),
        ("2001:db8:1:0:ffff:ffff:ffff:7", "2001:db8:1::"),
        ("2001:db8:1:1::1", "2001:db8:1:1::"),
        ("::ffff:203.0.113.7", "203.0.113.7"),
    ],
)
def test_an_ipv6_client_counts_by_its_64(address, network):
    assert network_of(address) == network


def test_client_network_reads_the_trusted_address(post_request):
    assert client_network(post_request(remote="2001:db8:1::7")) == "2001:db8:1::"
