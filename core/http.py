"""Who is asking: the client's address behind the trusted proxies."""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The client's IP address, trusting only the `TRUSTED_PROXY_COUNT` proxies in front of us.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For, so
    the n-th entry from the right was written by our outermost proxy; anything further left was
    sent by the client and may be forged. With 0 trusted proxies the header is ignored.
    Also django-axes' `AXES_CLIENT_IP_CALLABLE`, so lockouts count the same address."""
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        # Not every trusted proxy was passed: the header cannot be trusted at all.
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
