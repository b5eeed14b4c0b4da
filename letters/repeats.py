"""Repeats and the per-address limit, decided when the address's owner confirms (issue 12,
holes 4 and 6).

The letter form answers every valid POST the same way, so it tells nobody whether an address
already wrote to an MP, and letters nobody confirmed cannot use up the owner's allowance.
Only confirmed letters count: when a letter is confirmed (`letters.pipeline._confirm_locked`),
`decline_reason` says whether it must not go:

- `REPEAT`: the same sender (`privacy.identity.sender_hash`, the normalised address) confirmed
  a letter to the same MP in any translation of the campaign in the last 24 hours;
- `LIMIT`: the sender confirmed `LETTER_RATE_LIMIT_PER_EMAIL` letters within
  `LETTER_RATE_LIMIT_EMAIL_WINDOW_SECONDS`.

Such a letter becomes `declined` and `send_declined_notice` tells the address's owner, by
email only, why it was not sent. A transaction-scoped advisory lock on the sender's hash makes
two confirmations at the same moment count one after the other.

At submission `too_many_unconfirmed` stops sending confirmation emails to an address that
already has `LETTER_UNCONFIRMED_PER_EMAIL` unconfirmed letters from the last day (nobody can
flood a mailbox through the form); the form still answers as usual.
"""

from datetime import timedelta

from django.conf import settings
from django.db import connection
from django.db.models import Count, Q, Subquery
from django.tasks import task
from django.utils import timezone
from wagtail.models import Page

from letters import mail
from letters.models.letter import Letter
from letters.supporter_mail import send_to_supporter

REPEAT = "repeat"
LIMIT = "limit"
DECLINED_NOTE = "not sent: "
NOT_COUNTED = (Letter.Status.PENDING_CONFIRMATION, Letter.Status.SPAM, Letter.Status.DECLINED)


def lock_sender(sender):
    """Serialise confirmations of one sender until the transaction ends."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"sender:{sender}"])


def decline_reason(letter):
    """REPEAT, LIMIT or "" for a letter about to be confirmed (inside its transaction).

    Two queries: the sender's lock, then one count of both rules (the campaign's translation
    key read in a subquery), so confirming stays within its query budget."""
    lock_sender(letter.sender_hash)
    now = timezone.now()
    day = now - timedelta(days=1)
    window = now - timedelta(seconds=settings.LETTER_RATE_LIMIT_EMAIL_WINDOW_SECONDS)
    translation_key = Page.objects.filter(pk=letter.campaign_id).values("translation_key")
    counted = (
        Letter.objects.filter(sender_hash=letter.sender_hash, confirmed_at__gte=min(day, window))
        .exclude(pk=letter.pk)
        .exclude(status__in=NOT_COUNTED)
        .aggregate(
            repeats=Count(
                "pk",
                filter=Q(
                    mp_id=letter.mp_id,
                    campaign__translation_key=Subquery(translation_key[:1]),
                    confirmed_at__gte=day,
                ),
            ),
            recent=Count("pk", filter=Q(confirmed_at__gte=window)),
        )
    )
    if counted["repeats"]:
        return REPEAT
    if counted["recent"] >= settings.LETTER_RATE_LIMIT_PER_EMAIL:
        return LIMIT
    return ""


def decline(letter, reason):
    """Mark the (locked) letter declined and enqueue the owner's notice, in one transaction."""
    letter.transition(Letter.Status.DECLINED, note=f"{DECLINED_NOTE}{reason}")
    send_declined_notice.enqueue(letter.pk)


def too_many_unconfirmed(sender):
    """True when `sender` has LETTER_UNCONFIRMED_PER_EMAIL letters unconfirmed from 24 hours."""
    return (
        Letter.objects.filter(
            sender_hash=sender,
            status=Letter.Status.PENDING_CONFIRMATION,
            created_at__gte=timezone.now() - timedelta(days=1),
        ).count()
        >= settings.LETTER_UNCONFIRMED_PER_EMAIL
    )


@task()
def send_declined_notice(letter_id):
    """Tell the address's owner that the letter they confirmed was not sent, and why."""
    letter = Letter.objects.select_related("mp", "riding").filter(pk=letter_id).first()
    if letter is None or letter.status != Letter.Status.DECLINED:
        return "skipped"
    event = letter.events.filter(to_status=Letter.Status.DECLINED).first()
    reason = event.note.removeprefix(DECLINED_NOTE) if event else REPEAT
    return send_to_supporter(send_declined_notice, letter, mail.declined_email(letter, reason))
