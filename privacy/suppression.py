"""The suppression list: addresses we must not write to again, kept as keyed hashes only.

An erasure adds the supporter (privacy/erasure.py); so does the email service reporting that
mail to a supporter bounced for good or was marked as spam (letters/tracking.py). Senders ask
`blocks()` before each email to a supporter: mail about anything written before the
suppression is never sent, while a letter written after it still gets its confirmation, because
the supporter asked for that one."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from privacy.identity import sender_hash
from privacy.models import Suppression


def suppress(fingerprint, reason, now=None):
    """Add the keyed hash `fingerprint` (`identity.sender_hash`) to the list, or move an
    existing row's date forward. An erasure's reason is kept: it says more."""
    now = now or timezone.now()
    try:
        with transaction.atomic():
            row, created = Suppression.objects.get_or_create(
                sender_hash=fingerprint, defaults={"reason": reason, "created_at": now}
            )
    except IntegrityError:  # the same address, suppressed by a concurrent request
        row, created = Suppression.objects.get(sender_hash=fingerprint), False
    if not created:
        if row.reason != Suppression.Reason.ERASED:
            row.reason = reason
        row.created_at = max(row.created_at, now)
        row.save(update_fields=["reason", "created_at"])
    return row


def suppress_address(email, reason, now=None):
    return suppress(sender_hash(email), reason, now)


def blocks(fingerprint, written_at):
    """True if mail about something written at `written_at` must not go to this supporter."""
    return Suppression.objects.filter(sender_hash=fingerprint, created_at__gte=written_at).exists()
