"""The client's address behind the trusted proxies (core/http.py): TRUST 21."""

from django.test import override_settings

from core.http import client_ip

# --- trusted client IP ---------------------------------------------------------------------


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_without_trusted_proxies_the_forwarded_header_is_ignored(post_request):
    request = post_request(remote="198.51.100.7", forwarded="1.2.3.4")
    assert client_ip(request) == "198.51.100.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_one_proxy_takes_the_address_it_appended_not_the_forged_one(post_request):
    request = post_request(remote="10.0.0.2", forwarded="6.6.6.6, 203.0.113.99")
    assert client_ip(request) == "203.0.113.99"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_two_proxies_take_the_second_from_the_right(post_request):
    request = post_request(remote="10.0.0.2", forwarded="6.6.6.6, 203.0.113.99, 10.0.0.1")
    assert client_ip(request) == "203.0.113.99"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_a_short_or_garbled_header_falls_back_to_the_peer(post_request):
    assert client_ip(post_request(remote="10.0.0.2", forwarded="203.0.113.99")) == "10.0.0.2"
    assert client_ip(post_request(remote="10.0.0.2", forwarded="x, not-an-ip, y")) == "10.0.0.2"
