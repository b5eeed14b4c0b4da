"""Who is asking: the client's address behind the trusted proxies, and the network it counts as.

`client_ip` is the address itself (for logs that need one); `client_network` is what every
limit counts by (letters, lookups, CSP reports, the admin lockout): an IPv4 address, or the
/64 an IPv6 address belongs to, since one subscriber gets a whole /64 and can rotate within it.
"""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries):
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def is_trusted_proxy(address):
    """True when `address` is in `TRUSTED_PROXIES` (addresses or networks)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request):
    """The client's IP address, trusting only proxies listed in `TRUSTED_PROXIES`.

    Each proxy appends the address it received the request from to X-Forwarded-For, so the
    `TRUSTED_PROXY_COUNT`-th entry from the right was written by our outermost proxy; anything
    further left was sent by the client and may be forged. The header counts only when the
    socket's peer is a listed proxy (whoever reaches gunicorn directly can write anything in it),
    and only when the hops between are listed proxies too. Otherwise the socket address counts."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0 or not is_trusted_proxy(remote):
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        # Not every trusted proxy was passed: the header cannot be trusted at all.
        return remote
    inner_hops = forwarded[len(forwarded) - count + 1 :]
    if not all(is_trusted_proxy(hop) for hop in inner_hops):
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def network_of(address):
    """What a limit counts for `address`: itself for IPv4 (and IPv4-mapped IPv6), the first
    address of its /64 for IPv6. Not an IP address at all: the text as it is."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address)
    return str(ip)


def client_network(request):
    """The client's address as limits count it (see `network_of`). Also django-axes'
    `AXES_CLIENT_IP_CALLABLE`, so the admin lockout keys an IPv6 client by its /64."""
    return network_of(client_ip(request))


def is_rate_limit_exempt(request):
    """True for the load generators listed in `RATE_LIMIT_EXEMPT_IPS` (never in production)."""
    return client_ip(request) in settings.RATE_LIMIT_EXEMPT_IPS
