"""Campaign-update emails to supporters who opted in, with one-click unsubscribe (RFC 8058).

Every message carries `List-Unsubscribe` (an opaque signed link) and
`List-Unsubscribe-Post: List-Unsubscribe=One-Click`, the organisation's identification and
contact, and the unsubscribe link in its footer (CASL). The token is signed with the site's key
and never expires, so a link from an old email keeps working; it holds only the consent's id."""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from privacy.models import Consent, Suppression

logger = logging.getLogger(__name__)
# The salt is part of every unsubscribe link already sent: it never changes.
UNSUBSCRIBE_SALT = "trust.unsubscribe"


def unsubscribe_token(consent):
    return signing.dumps(consent.pk, salt=UNSUBSCRIBE_SALT)


def consent_for_token(token):
    """The optional-email consent (campaign updates or reply follow-ups) a token names; raises
    `signing.BadSignature` otherwise."""
    pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    consent = Consent.objects.filter(pk=pk, kind__in=Consent.EMAIL_KINDS).first()
    if consent is None:
        raise signing.BadSignature("no such consent")
    return consent


def unsubscribe_url(consent):
    with translation.override(consent.language or settings.LANGUAGE_CODE):
        path = reverse("unsubscribe", args=[unsubscribe_token(consent)])
    return settings.LETTERS_SITE_URL.rstrip("/") + path


def withdraw(consent):
    """Withdraw at once every optional-email consent of this supporter (campaign updates and
    "ask me whether my MP replied"); True the first time."""
    same_supporter = Q(pk=consent.pk) | Q(sender_hash=consent.sender_hash)
    if consent.email:
        same_supporter |= Q(email__iexact=consent.email)
    return bool(
        Consent.objects.filter(
            same_supporter, kind__in=Consent.EMAIL_KINDS, withdrawn_at=None
        ).update(withdrawn_at=timezone.now())
    )


def campaign_message(consent, subject, body):
    """One campaign update to one supporter, with the unsubscribe headers and footer."""
    url = unsubscribe_url(consent)
    with translation.override(consent.language or settings.LANGUAGE_CODE):
        text = render_to_string(
            "privacy/email/campaign_update.txt",
            {
                "body": body,
                "unsubscribe_url": url,
                "organisation": settings.CAMPAIGN_ORGANISATION,
                "postal_address": settings.CAMPAIGN_POSTAL_ADDRESS,
                "contact_email": settings.CAMPAIGN_CONTACT_EMAIL,
                "privacy_url": settings.LETTERS_SITE_URL.rstrip("/")
                + f"/{consent.language or settings.LANGUAGE_CODE}/privacy/",
            },
        )
    message = EmailMessage(
        subject=" ".join(str(subject).split()),
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[consent.email],
        headers={
            "List-Unsubscribe": f"<{url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.tags = ["campaign"]  # the ESP's tag (django-anymail); ignored by other backends
    return message


def active_update_consents():
    """Active opt-ins with an address, minus supporters erased after they opted in."""
    consents = Consent.objects.subscribed().exclude(email="")
    suppressed = dict(Suppression.objects.values_list("sender_hash", "created_at"))
    return [
        consent
        for consent in consents.order_by("pk")
        if not (
            consent.sender_hash in suppressed
            and consent.given_at <= suppressed[consent.sender_hash]
        )
    ]


def send_campaign_update(messages):
    """Send an update to every active opt-in. `messages` maps a language to (subject, body);
    English is used where the supporter's language is missing. Returns the number sent."""
    sent = 0
    seen = set()
    for consent in active_update_consents():
        address = consent.email.strip().lower()
        if address in seen:
            continue  # one email per address, however many letters they wrote
        seen.add(address)
        subject, body = messages.get(consent.language) or messages["en"]
        campaign_message(consent, subject, body).send()
        sent += 1
    logger.info("campaign_update.sent count=%s", sent)
    return sent
