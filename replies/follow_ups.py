"""Asking supporters whether their MP replied, and recording what they say.

    send_reply_follow_ups (daily cron) ─► schedule_follow_ups(): a FollowUp for every sent
        letter whose supporter ticked "ask me in two weeks" REPLY_FOLLOW_UP_DAYS ago, and a
        second round for every "no reply yet" answered that long ago ─► send_follow_up task
    send_follow_up (db_worker) ─► one email in the supporter's language with one-click answers,
        unless the consent was withdrawn, the supporter erased or suppressed, or the letter's
        identity purged; never twice for one round, never a third round
    record_answer (the answer page's POST) ─► the answer, the reply's text, the quote consent

Time comes from `core.clock.now()`, so an end-to-end test can move it for the worker too.
"""

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.tasks import task
from django.utils import translation

from core import clock
from core.invalidation import content_changed
from letters.models.letter import Letter
from letters.outgoing import describe_failure, is_permanent_failure
from privacy.models import Consent, Suppression

from . import mail
from .models.follow_up import Answer, FollowUp, QuoteStatus

logger = logging.getLogger(__name__)

TOKEN_SALT = "replies.follow-up"  # noqa: S105 - a namespace, not a secret
RETRY_DELAY = timedelta(minutes=5)
GIVE_UP_AFTER = timedelta(days=1)
REPLY_TEXT_MAX_CHARS = 10_000


# Tokens: the follow-up's random public id, signed. They never expire: the answer can be
# changed later from the same email.


class BadToken(Exception):
    """A follow-up link that was tampered with, cut short, or names no follow-up."""


def answer_token(follow_up):
    return signing.Signer(salt=TOKEN_SALT).sign(follow_up.public_id.hex)


def follow_up_for_token(token):
    try:
        public_id = uuid.UUID(signing.Signer(salt=TOKEN_SALT).unsign(token))
        return FollowUp.objects.select_related("mp", "riding").get(public_id=public_id)
    except (signing.BadSignature, ValueError, FollowUp.DoesNotExist) as error:
        raise BadToken from error


# Scheduling -----------------------------------------------------------------------------------


def follow_up_delay():
    return timedelta(days=settings.REPLY_FOLLOW_UP_DAYS)


def schedule_follow_ups():
    """Create and enqueue the follow-ups that are due now; returns (first, second) counts."""
    now = clock.now()
    cutoff = now - follow_up_delay()
    letter_ids = (
        Consent.objects.filter(
            kind=Consent.Kind.REPLY_FOLLOW_UP,
            withdrawn_at__isnull=True,
            letter__status__in=Letter.COUNTED_AS_SENT,
            letter__sent_at__lte=cutoff,
            letter__reply_follow_up__isnull=True,
        )
        .values_list("given_with_id", flat=True)
        .distinct()
    )
    first = 0
    for letter in Letter.objects.filter(pk__in=list(letter_ids)).select_related("riding"):
        with transaction.atomic():
            follow_up, created = FollowUp.objects.get_or_create(
                letter=letter,
                defaults={
                    "mp_id": letter.mp_id,
                    "riding_id": letter.riding_id,
                    "language": letter.language,
                    "created_at": now,
                },
            )
            if created:
                send_follow_up.enqueue(follow_up.pk, 1)
                first += 1
    second = 0
    again = FollowUp.objects.filter(
        answer=Answer.NO_REPLY,
        answered_at__lte=cutoff,
        first_sent_at__isnull=False,
        second_sent_at__isnull=True,
        second_queued_at__isnull=True,
    ).values_list("pk", flat=True)
    for follow_up_id in list(again):
        with transaction.atomic():
            updated = FollowUp.objects.filter(
                pk=follow_up_id, second_queued_at__isnull=True
            ).update(second_queued_at=now)
            if updated:
                send_follow_up.enqueue(follow_up_id, 2)
                second += 1
    logger.info("reply_follow_ups.scheduled first=%s second=%s", first, second)
    return first, second


def active_consent(letter):
    """The letter's "ask me whether my MP replied" consent while it is in force, else None."""
    consent = (
        Consent.objects.filter(
            kind=Consent.Kind.REPLY_FOLLOW_UP,
            given_with_type__model="letter",
            given_with_type__app_label="letters",
            given_with_id=letter.pk,
        )
        .order_by("-given_at")
        .first()
    )
    if consent is None or consent.withdrawn_at is not None:
        return None
    suppressed = Suppression.objects.filter(
        sender_hash=letter.sender_hash, created_at__gte=consent.given_at
    ).exists()
    return None if suppressed else consent


def may_ask(follow_up):
    """The consent in force for this follow-up, or None when nothing may be sent: no letter
    (unlinked), an identity purged or erased, a withdrawn consent, a suppressed supporter."""
    letter = follow_up.letter
    if letter is None or letter.personal_data_removed_at or not letter.email:
        return None
    return active_consent(letter)


@task()
def send_follow_up(follow_up_id, round_number):
    """Ask once for `round_number` (1, or 2 after "no reply yet"). Safe to run twice."""
    with transaction.atomic():
        follow_up = (
            FollowUp.objects.select_for_update(of=("self",))
            .select_related("letter", "mp")
            .filter(pk=follow_up_id)
            .first()
        )
        if follow_up is None:
            return "skipped"
        sent_field = "first_sent_at" if round_number == 1 else "second_sent_at"
        if getattr(follow_up, sent_field) is not None:
            return "already sent"
        if round_number == 2 and follow_up.answer != Answer.NO_REPLY:
            return "answered meanwhile"
        consent = may_ask(follow_up)
        if consent is None:
            return "not allowed"
        try:
            mail.follow_up_email(follow_up, consent, answer_token(follow_up), round_number).send()
        except Exception as error:  # noqa: BLE001 - every failure is recorded; none is lost
            return _after_failure(follow_up, round_number, error)
        setattr(follow_up, sent_field, clock.now())
        follow_up.save(update_fields=[sent_field])
    return "sent"


def _after_failure(follow_up, round_number, error):
    reason = describe_failure(error)
    queued_at = follow_up.created_at if round_number == 1 else follow_up.second_queued_at
    if is_permanent_failure(error) or clock.now() - queued_at > GIVE_UP_AFTER:
        logger.warning("Follow-up %s: given up: %s", follow_up.pk, reason)
        return "given up"
    logger.warning("Follow-up %s: will be retried: %s", follow_up.pk, reason)
    send_follow_up.using(run_after=clock.now() + RETRY_DELAY).enqueue(follow_up.pk, round_number)
    return "retry"


# Answers --------------------------------------------------------------------------------------


def record_answer(follow_up, *, answer, reply_text="", quote_consent=False):
    """Store the supporter's (new) answer; a changed text or consent sends a quote back to the
    organizers. Returns the follow-up as saved."""
    reply_text = reply_text.strip()[:REPLY_TEXT_MAX_CHARS]
    quote_consent = bool(quote_consent and reply_text)
    with transaction.atomic():
        locked = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
        was_public = locked.quote_status == QuoteStatus.APPROVED
        text_changed = reply_text != locked.reply_text
        locked.answer = answer
        locked.answered_at = clock.now()
        locked.reply_text = reply_text
        if not quote_consent:
            locked.quote_consent = False
            locked.quote_status = QuoteStatus.NONE
            locked.quote = ""
        elif text_changed or not locked.quote_consent or not locked.quote_status:
            locked.quote_consent = True
            locked.quote_status = QuoteStatus.PENDING
            locked.quote = ""
        if answer != Answer.NO_REPLY:
            # A later "no reply yet" may bring the second question; any other answer ends it.
            locked.second_queued_at = locked.second_queued_at or locked.answered_at
        locked.save()
        if was_public or publicly_counted(locked.mp_id):
            content_changed()
    return locked


def publicly_counted(mp_id):
    """True once the MP's answers are numerous enough to be shown (REPLY_MIN_ANSWERS)."""
    answered = FollowUp.objects.filter(mp_id=mp_id).exclude(answer="").count()
    return answered >= settings.REPLY_MIN_ANSWERS


def answer_choices(language):
    """The answers as (value, label) in `language`, for emails and the answer page."""
    with translation.override(language):
        return [(value, str(label)) for value, label in Answer.choices]
