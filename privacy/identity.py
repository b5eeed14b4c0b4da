"""Who a supporter is, without keeping who they are: the normalised email and its keyed hash.

`sender_hash` is stored on letters and consents, survives erasure in the suppression list, and
keys the abuse limits, so every app that needs "the same supporter" asks it here."""

from core.ratelimit import hashed_key

GMAIL_DOMAINS = {"gmail.com", "googlemail.com"}


def normalise_email(email):
    """The mailbox an address reaches: lower case; for Gmail, without dots or a "+tag".

    So that one person cannot get around the limits with `A.B+1@Gmail.com`,
    `ab@googlemail.com`… and is found again by an export or an erasure."""
    local, _at, domain = str(email).strip().lower().rpartition("@")
    if domain in GMAIL_DOMAINS:
        local = local.split("+", 1)[0].replace(".", "")
        domain = "gmail.com"
    return f"{local}@{domain}"


def sender_hash(email):
    """The keyed fingerprint stored in `Letter.sender_hash` and `Consent.sender_hash`."""
    return hashed_key("sender", normalise_email(email))
