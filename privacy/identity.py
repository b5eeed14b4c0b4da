"""Who a supporter is, without keeping who they are: the normalised email and its keyed hash.

`sender_hash` is stored on letters and consents, survives erasure in the suppression list, and
keys the abuse limits, so every app that needs "the same supporter" asks it here."""

from core.ratelimit import hashed_key

GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}


def normalise_email(email):
    """The mailbox an address reaches, as the limits and repeat rules count it (issue 12, hole 9).

    Lower case; the "+tag" removed for every domain (most providers deliver `anna+1@` to
    `anna@`); the domain in its ASCII (punycode) form, so `пример.рф` and `xn--e1afmkfd.xn--p1ai`
    are one domain; for Gmail, dots removed and googlemail.com read as gmail.com. So one person
    cannot get around the limits with `A.B+1@Gmail.com`, `ab@googlemail.com`… and is found again
    by an export or an erasure. This is the one place that decides it."""
    local, _at, domain = str(email).strip().lower().rpartition("@")
    local = local.split("+", 1)[0]
    domain = ascii_domain(domain.rstrip("."))
    if domain in GMAIL_DOMAINS:
        local = local.replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"


def ascii_domain(domain):
    """The domain's IDNA (punycode) spelling; an unencodable one is kept as it is."""
    try:
        return domain.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return domain


def sender_hash(email):
    """The keyed fingerprint stored in `Letter.sender_hash` and `Consent.sender_hash`."""
    return hashed_key("sender", normalise_email(email))
