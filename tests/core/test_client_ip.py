"""The client's address behind the trusted proxies (core/http.py): TRUST 21."""

import pytest
from django.test import override_settings

from core.http import client_ip

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
    assert client_ip(post_request(remote="10.0.0.2", forwarded=forwarded)) == client


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_a_short_or_garbled_header_falls_back_to_the_peer(post_request):
    assert client_ip(post_request(remote="10.0.0.2", forwarded="203.0.113.99")) == "10.0.0.2"
    assert client_ip(post_request(remote="10.0.0.2", forwarded="x, not-an-ip, y")) == "10.0.0.2"
