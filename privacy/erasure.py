"""Erasure (TRUST 19): every trace of one supporter goes, but the keyed hash of their email,
kept in the suppression list so that no campaign email reaches them again."""

import logging

from django.db import transaction
from django.utils import timezone

from privacy import registry
from privacy.audit import audit
from privacy.identity import sender_hash
from privacy.models import AuditEntry, Consent, Suppression

logger = logging.getLogger(__name__)


def erase_supporter(email, actor):
    """Erase `email` everywhere, in one transaction; returns the holders' counts."""
    fingerprint = sender_hash(email)
    now = timezone.now()
    counts = {}
    with transaction.atomic():
        for holder in registry.holders():
            counts.update(holder.erase(email, fingerprint, actor=actor, now=now))
        consents = Consent.objects.for_supporter(email, fingerprint)
        consents.filter(withdrawn_at=None).update(withdrawn_at=now)
        consents.update(email="")
        Suppression.objects.get_or_create(sender_hash=fingerprint)
        summary = " ".join(f"{key}={value}" for key, value in counts.items())
        audit(
            actor,
            AuditEntry.Action.ERASE,
            subject=fingerprint,
            filter_text="email (normalised, hashed)",
            result=summary,
        )
    logger.info("privacy.erase %s", summary)
    return counts


def is_suppressed(email):
    return Suppression.objects.filter(sender_hash=sender_hash(email)).exists()
