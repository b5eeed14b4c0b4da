"""Every state change of a letter, top to bottom, with the tasks that drive them.

    submit_letter ──► pending_confirmation  (+ consents, + send_confirmation_email task)
    confirm_letter ─► queued | held         (+ send_letter task)
    send_letter ────► sending ─► sent        (+ send_supporter_copy task, on the first send)
                               └► queued    (transient failure: retried after 1, 5, 15, 60, 240 min)
                               └► failed    (refused, or still failing 24 h after confirmation;
                                             + send_failure_notice task)
    release_held / reject_held (organizers), requeue_stuck / expire_unconfirmed (sweep_letters)

    What the email service reports afterwards (its webhooks; letters/tracking.py):
    sent ─────────► delivered               (the MP's mail server took it)
    sent|delivered ► bounced                (hard bounce, or soft bounces past the retries;
                                             + send_bounce_notice task, the MP's bounce count)
                   ► queued                 (soft bounce: 4.x.x or 5.2.2; sent again later)
    A spam complaint from the MP's office changes no status: it pauses letters to that MP,
    which send_letter then holds. Reports about supporters' emails suppress their address.

Each change happens in one transaction holding the letter's row lock, and a task enqueued with
it commits with it (django-tasks-db stores tasks in the same database: an outbox). Tasks carry
only the letter's id. Delivery is at least once: the Message-ID is fixed when the letter is
written, so the rare re-send after a crash is recognisable as the same message.
"""

import hashlib
import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Count, Q
from django.db.models.signals import post_save
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from privacy.identity import sender_hash
from privacy.models import Consent

from . import mail, outgoing, repeats
from .models.letter import DeliverySettings, Letter, LetterEvent
from .outgoing import describe_failure, is_permanent_failure
from .supporter_mail import GIVE_UP_AFTER, send_to_supporter

logger = logging.getLogger(__name__)
Status = Letter.Status

TOKEN_SALT = "letters.confirmation"  # noqa: S105 - a namespace, not a secret
TOKEN_MAX_AGE = timedelta(days=7)
RETRY_DELAYS = [timedelta(minutes=m) for m in (1, 5, 15, 60, 240)]
# The worker takes tasks by priority: first the confirmation emails supporters are waiting for,
# then the letters to MPs; the copies and notices to supporters follow (seconds later in a
# surge, at once otherwise).
PRIORITY_SUPPORTER_WAITING = 20
PRIORITY_LETTER = 10


# Tokens -------------------------------------------------------------------------------------


class TokenError(Exception):
    """A confirmation token that cannot be used."""


class BadToken(TokenError):
    """Tampered with, malformed, or for a letter that no longer exists."""


class ExpiredToken(TokenError):
    """Genuine, but older than seven days."""


def confirmation_token(letter):
    """An opaque signed token naming the letter by its random public id (no personal data)."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(letter.public_id.hex)


def letter_for_token(token):
    try:
        public_id = signing.TimestampSigner(salt=TOKEN_SALT).unsign(token, max_age=TOKEN_MAX_AGE)
        return Letter.objects.select_related("mp", "riding", "campaign").get(
            public_id=uuid.UUID(public_id)
        )
    except signing.SignatureExpired as error:
        raise ExpiredToken from error
    except (signing.BadSignature, ValueError, Letter.DoesNotExist) as error:
        raise BadToken from error


# 1. Written: pending_confirmation -------------------------------------------------------------


def submit_letter(
    *,
    campaign,
    mp,
    language,
    letter_language,
    subject,
    body,
    first_name,
    last_name,
    email,
    street_address,
    city,
    postal_code,
    wants_updates,
    consent_wordings,
    hold_reason="",
    source_page=None,
    optional_consents=(),
):
    """Write the letter, its consents and its confirmation email task in one transaction.

    `optional_consents` are the kinds of the other apps' consents the supporter ticked
    (letters/extensions.py); their wordings are in `consent_wordings` too.
    The form validates everything first; this refuses again what could corrupt an email
    (an invalid address, an oversize body) and flattens line breaks out of header values."""
    email = email.strip()
    validate_email(email)
    if len(body) > settings.LETTER_MAX_BODY_CHARS:
        raise ValidationError("The letter is longer than LETTER_MAX_BODY_CHARS.")
    public_id = uuid.uuid4()
    fingerprint = sender_hash(email)
    with transaction.atomic():
        letter = Letter.objects.create(
            public_id=public_id,
            campaign=campaign,
            mp=mp,
            riding=mp.riding,
            language=language,
            letter_language=letter_language,
            subject=mail.one_line(subject),
            body=body,
            first_name=mail.one_line(first_name),
            last_name=mail.one_line(last_name),
            email=email,
            street_address=mail.one_line(street_address),
            city=mail.one_line(city),
            postal_code=mail.one_line(postal_code),
            sender_hash=fingerprint,
            message_id=f"<letter-{public_id}@{mail.domain_of(settings.LETTERS_FROM_EMAIL)}>",
            hold_reason=mail.one_line(hold_reason)[:200],
        )
        letter.events.create(to_status=Status.PENDING_CONFIRMATION)
        kinds = [Consent.Kind.SEND_LETTER]
        if wants_updates:
            kinds.append(Consent.Kind.CAMPAIGN_UPDATES)
        kinds.extend(kind for kind in optional_consents if kind not in kinds)
        Consent.objects.bulk_create(  # one INSERT for them all (no receiver listens)
            Consent(
                kind=kind,
                given_with=letter,
                email=email if kind == Consent.Kind.CAMPAIGN_UPDATES else "",
                sender_hash=fingerprint,
                language=language,
                wording_version=consent_wordings[kind][0],
                wording_hash=hashlib.sha256(consent_wordings[kind][1].encode()).hexdigest(),
                source_page=source_page,
            )
            for kind in kinds
        )
        if campaign.require_confirmation:
            send_confirmation_email.enqueue(letter.pk)
        else:
            _confirm_locked(letter)
    return letter


@task(priority=PRIORITY_SUPPORTER_WAITING)
def send_confirmation_email(letter_id):
    letter = _letter(letter_id)
    if letter is None or letter.status != Status.PENDING_CONFIRMATION:
        return "skipped"
    confirm_url = mail.site_url(f"/{letter.language}/letters/confirm/{confirmation_token(letter)}/")
    return send_to_supporter(
        send_confirmation_email, letter, mail.confirmation_email(letter, confirm_url)
    )


# 2. Confirmed: queued (or held for review) ----------------------------------------------------


def confirm_letter(letter, *, refresh=True):
    """Confirm once: True if this call moved the letter on, False if it had already moved.

    `refresh=False` leaves `letter` as it was read (the confirm view only redirects after it,
    one query fewer on the busiest POST after the submit: issue 15's budget)."""
    with transaction.atomic():
        locked = _locked(letter.pk)
        if locked.status != Status.PENDING_CONFIRMATION:
            return False
        _confirm_locked(locked)
    if refresh:
        letter.refresh_from_db()
    return True


def _confirm_locked(letter):
    if reason := repeats.decline_reason(letter):
        repeats.decline(letter, reason)  # the owner is told by email (letters/repeats.py)
        return
    letter.confirmed_at = timezone.now()
    if letter.hold_reason:
        letter.transition(Status.HELD, note="held for review", save_fields=["confirmed_at"])
    else:
        _queue(letter, note="confirmed", save_fields=["confirmed_at"])


def _queue(letter, *, note, actor=None, save_fields=()):
    """Move to queued and enqueue the send task, due now (inside the caller's transaction)."""
    letter.next_attempt_at = timezone.now()
    letter.transition(
        Status.QUEUED, note=note, actor=actor, save_fields=["next_attempt_at", *save_fields]
    )
    send_letter.enqueue(letter.pk)


def release_held(letter, actor):
    """An organizer lets a held letter go. False if it was no longer held."""
    with transaction.atomic():
        locked = _locked(letter.pk)
        if locked.status != Status.HELD:
            return False
        _queue(locked, note="released by an organizer", actor=actor)
    return True


def reject_held(letter, actor):
    """An organizer marks a held letter as spam: it is never sent."""
    with transaction.atomic():
        locked = _locked(letter.pk)
        if locked.status != Status.HELD:
            return False
        locked.transition(Status.SPAM, note="rejected by an organizer", actor=actor)
    return True


# 3. Delivered: sending → sent | queued (retry) | failed ---------------------------------------


@task(priority=PRIORITY_LETTER)
def send_letter(letter_id):
    """Deliver one letter to its MP. Safe to run twice: only a `queued` letter is sent."""
    now = timezone.now()
    with transaction.atomic():
        letter = _locked_with_mp(letter_id)
        if letter.status != Status.QUEUED:
            return "skipped"
        if letter.next_attempt_at and letter.next_attempt_at > now:
            return "not due"  # a stale task; the letter's own task is scheduled later
        if not letter.mp.can_receive_letters:
            # Blocked, vacated or failing since the letter was written: an organizer decides.
            letter.hold_reason = "recipient can no longer receive letters"
            letter.transition(Status.HELD, note=letter.hold_reason, save_fields=["hold_reason"])
            return "held"
        if letter.mp.letters_paused:
            # The MP's office reported a letter as spam: organizers talk to them first.
            letter.hold_reason = "letters to this MP are paused after a spam complaint"
            letter.transition(Status.HELD, note=letter.hold_reason, save_fields=["hold_reason"])
            return "held"
        if DeliverySettings.load().pause_sending:
            # The letter waits in the queue without a task; resume_sending() or the sweeper
            # enqueues the backlog, in order, once the switch is off.
            return "paused"
        next_slot = _next_slot_for_mp(letter.mp_id, now)
        if next_slot is not None:
            _retry_at(letter, next_slot)
            return "paced"
        letter.attempts += 1
        letter.transition(
            Status.SENDING, note=f"attempt {letter.attempts}", save_fields=["attempts"]
        )

    first_send = letter.sent_at is None  # a soft bounce's retry sends no second copy
    message = mail.letter_to_mp(letter)
    try:
        outgoing.send(message)
    except Exception as error:  # noqa: BLE001 - every failure is recorded; none is lost
        return _after_failure(letter_id, error)

    with transaction.atomic():
        # One conditional UPDATE instead of lock, read and save: only a letter still `sending`
        # becomes `sent` (the sweeper may have re-queued it meanwhile; it will go again).
        moved = Letter.objects.filter(pk=letter_id, status=Status.SENDING).update(
            status=Status.SENT,
            sent_at=timezone.now(),
            last_error="",
            esp_message_id=mail.esp_message_id(message),
        )
        if not moved:
            return "already moved"
        LetterEvent.objects.create(
            letter_id=letter_id, from_status=Status.SENDING, to_status=Status.SENT
        )
        letter.forget_sent_count()  # it counts now (the update above skips transition())
        if first_send:
            send_supporter_copy.enqueue(letter_id)
    return "sent"


def _next_slot_for_mp(mp_id, now):
    """None while the MP has had fewer than LETTERS_PER_MP_PER_HOUR letters in the last hour
    (sent, or being sent), else when the oldest of them leaves the window. The caller holds
    the MP's row lock (`_locked_with_mp`), so concurrent workers count one after the other."""
    recent = Q(status__in=[*Letter.COUNTED_AS_SENT, Status.BOUNCED])
    recent &= Q(sent_at__gte=now - timedelta(hours=1))
    counted = Letter.objects.filter(mp_id=mp_id).aggregate(
        recent=Count("pk", filter=recent), in_flight=Count("pk", filter=Q(status=Status.SENDING))
    )
    if counted["recent"] + counted["in_flight"] < settings.LETTERS_PER_MP_PER_HOUR:
        return None
    oldest = Letter.objects.filter(recent, mp_id=mp_id).order_by("sent_at")
    oldest = oldest.values_list("sent_at", flat=True).first()
    if oldest is None:  # the hour is full of letters still being sent: look again soon
        return now + timedelta(minutes=1)
    return oldest + timedelta(hours=1, seconds=1)


def _after_failure(letter_id, error):
    permanent = is_permanent_failure(error)
    reason = describe_failure(error)
    logger.warning("Letter %s: delivery attempt failed: %s", letter_id, reason)
    with transaction.atomic():
        letter = _locked(letter_id)
        if letter.status != Status.SENDING:
            return "already moved"
        letter.last_error = reason
        since = letter.confirmed_at or letter.created_at
        if permanent or timezone.now() - since > GIVE_UP_AFTER:
            letter.transition(Status.FAILED, note=reason[:300], save_fields=["last_error"])
            send_failure_notice.enqueue(letter.pk)
            return "failed"
        delay = RETRY_DELAYS[min(letter.attempts, len(RETRY_DELAYS)) - 1]
        letter.next_attempt_at = timezone.now() + delay
        letter.transition(
            Status.QUEUED,
            note=f"retry in {delay}: {reason}"[:300],
            save_fields=["next_attempt_at", "last_error"],
        )
        send_letter.using(run_after=letter.next_attempt_at).enqueue(letter.pk)
    return "retry"


def _retry_at(letter, when):
    letter.next_attempt_at = when
    letter.save(update_fields=["next_attempt_at"])
    send_letter.using(run_after=when).enqueue(letter.pk)


@task()
def send_supporter_copy(letter_id):
    letter = _letter(letter_id)
    if letter is None or letter.status not in Letter.COUNTED_AS_SENT:
        return "skipped"
    return send_to_supporter(send_supporter_copy, letter, mail.copy_email(letter))


@task()
def send_failure_notice(letter_id):
    letter = _letter(letter_id)
    if letter is None or letter.status != Status.FAILED:
        return "skipped"
    return send_to_supporter(send_failure_notice, letter, mail.failure_email(letter))


# 4. Housekeeping: the pause switch and the sweeper (sweep_letters) ----------------------------


def resume_sending():
    """Enqueue every queued letter that has no live task, oldest first. Does nothing while
    sending is paused. Returns how many were enqueued."""
    if DeliverySettings.load().pause_sending:
        return 0
    now = timezone.now()
    live = letters_with_live_send_task()
    due = (
        Letter.objects.filter(status=Status.QUEUED)
        .exclude(next_attempt_at__gt=now)
        .order_by("confirmed_at", "pk")
        .values_list("pk", flat=True)
    )
    count = 0
    for letter_id in due:
        if letter_id not in live:
            send_letter.enqueue(letter_id)
            count += 1
    return count


def _on_delivery_settings_saved(sender, instance, **kwargs):
    if not instance.pause_sending:
        transaction.on_commit(resume_sending)


def connect_receivers():
    """Connect the pipeline's signal receivers (LettersConfig.ready, in every process)."""
    post_save.connect(
        _on_delivery_settings_saved, sender=DeliverySettings, dispatch_uid="letters-resume"
    )


def letters_with_live_send_task():
    """Ids of the letters that have a send task waiting or running."""
    args = DBTaskResult.objects.filter(
        task_path=send_letter.module_path, status__in=["READY", "RUNNING"]
    ).values_list("args_kwargs", flat=True)
    return {value["args"][0] for value in args if value.get("args")}


def requeue_stuck(older_than):
    """Letters left in `sending` (a killed worker) go back to the queue, same Message-ID."""
    stuck = Letter.objects.filter(status=Status.SENDING).values_list("pk", flat=True)
    cutoff = timezone.now() - older_than
    count = 0
    for letter_id in stuck:
        with transaction.atomic():
            letter = _locked(letter_id)
            last_event = letter.events.order_by("-at", "-pk").first()
            if letter.status != Status.SENDING or (last_event and last_event.at > cutoff):
                continue
            _queue(letter, note="re-queued by the sweeper after a stalled send")
            count += 1
    return count


def expire_unconfirmed(older_than=TOKEN_MAX_AGE):
    """Letters never confirmed within the token's lifetime become `expired`."""
    cutoff = timezone.now() - older_than
    candidates = Letter.objects.filter(
        status=Status.PENDING_CONFIRMATION, created_at__lt=cutoff
    ).values_list("pk", flat=True)
    count = 0
    for letter_id in candidates:
        with transaction.atomic():
            letter = _locked(letter_id)
            if letter.status == Status.PENDING_CONFIRMATION:
                letter.transition(Status.EXPIRED, note="not confirmed within 7 days")
                count += 1
    return count


# Helpers --------------------------------------------------------------------------------------


def _locked(letter_id):
    """The letter, row-locked until the transaction ends (its MP and riding not locked)."""
    return (
        Letter.objects.select_for_update(of=("self",))
        .select_related("mp", "riding")
        .get(pk=letter_id)
    )


def _locked_with_mp(letter_id):
    """The letter and its MP, both row-locked (the MP's lock orders the pacing counts); its
    campaign comes along (unlocked) for the letter's text and the letters-sent counter."""
    letters = Letter.objects.select_for_update(of=("self", "mp"))
    return letters.select_related("mp__riding", "riding", "campaign").get(pk=letter_id)


def _letter(letter_id):
    return Letter.objects.select_related("mp", "riding").filter(pk=letter_id).first()
