"""What the email service reports about our emails, and what each report changes (TRUST 35-36).

django-anymail turns each service's webhook into `AnymailTrackingEvent`s and sends them on its
`tracking` signal (letters/webhooks.py mounts the view); `receive` handles them here:

- **Which email.** The metadata every email carries (`mail.tracking_metadata`: the letter's
  public id and which email), else the service's message id (`Letter.esp_message_id`), else the
  Message-ID header when the service quotes it.
- **What happened** (`classify`): delivered; a hard bounce (5.x.x, or the service says
  permanent); a soft bounce (4.x.x, or 5.2.2 mailbox full, or the service says transient); a
  spam complaint; anything else is only recorded.
- **The letter to the MP.** Delivered → `delivered`, and the MP's hard-bounce count starts
  again. Hard bounce → `bounced`, one translated email to the supporter offering the print
  letter, and the MP's count goes up: at MP_HARD_BOUNCES_BEFORE_FAILING the contact is marked
  failing (refused from then on, and an alert on the dashboard). Soft bounce → `queued` again,
  sent after SOFT_BOUNCE_RETRY_DELAYS, no email; past them, it counts as a hard bounce.
  Complaint → letters to that MP are paused (held by the worker) and organizers are alerted.
- **Mail to the supporter** (confirmation, copy, notices, campaign updates): a hard bounce or a
  complaint puts the address on privacy's suppression list (its keyed hash only).

Every report about a letter's email is one `LetterEvent` (type, email, time, a status code in
the note; nothing personal), made unique by a keyed hash of the service's event, so replaying a
webhook changes nothing the second time, even when two copies arrive at once. The raw event is
kept apart in `TrackingPayload` for WEBHOOK_PAYLOAD_RETENTION_DAYS, and never stored for a
letter whose personal data is already gone.
"""

import json
import logging
import re
import uuid
from datetime import timedelta

from anymail.signals import EventType, tracking
from django.conf import settings
from django.db import IntegrityError, transaction
from django.tasks import task
from django.utils import timezone
from django.utils.crypto import salted_hmac

from directory.models import MemberOfParliament
from privacy import suppression
from privacy.identity import sender_hash
from privacy.models import Suppression

from . import mail, pipeline
from .models.letter import Letter, LetterEvent, TrackingPayload

logger = logging.getLogger(__name__)
Status = Letter.Status
Tracking = LetterEvent.Tracking
Mail = LetterEvent.Mail

SOFT_BOUNCE_RETRY_DELAYS = [timedelta(hours=h) for h in (1, 6, 24)]
STATUS_CODE = re.compile(r"(?<![\d.])([245])\.(\d{1,3})\.(\d{1,3})(?![\d.])")
MAILBOX_FULL = "5.2.2"
# What the services themselves say, where no status code settles it.
HARD_TYPES = {"HardBounce", "Permanent", "BadEmailAddress", "ManuallyDeactivated"}


class NotYet(Exception):
    """A report about a letter whose send is not recorded yet: the service should retry."""


def connect_receivers():
    tracking.connect(receive, dispatch_uid="letters-tracking")


def receive(sender, event, esp_name, **kwargs):
    """anymail's `tracking` signal: apply one event. Raises NotYet (→ 503) when too early."""
    outcome = apply_report(event, esp_name)
    logger.info("tracking %s %s: %s", esp_name, event.event_type, outcome)
    return outcome


def apply_report(event, esp_name):
    """Apply one anymail tracking event; returns what was done, as a word, for the logs."""
    kind = classify(event)
    letter, mail_kind = find_email(event)
    if letter is None:
        if mail_kind and mail_kind != Mail.LETTER and event.recipient:
            return _suppress_if_needed(kind, sender_hash(event.recipient))
        return "unmatched"
    with transaction.atomic():
        letter = Letter.objects.select_for_update(of=("self",)).get(pk=letter.pk)
        key = event_key(event, esp_name)
        if LetterEvent.objects.filter(esp_event_key=key).exists():
            return "duplicate"
        fields = {
            "tracking": kind,
            "mail": mail_kind,
            "esp_event_key": key,
            "reported_at": event.timestamp,
            "note": note(kind, event),
        }
        try:
            with transaction.atomic():  # a concurrent copy may insert the same key first
                if mail_kind == Mail.LETTER:
                    recorded, outcome = _apply_to_letter(letter, kind, fields)
                else:
                    recorded = _record(letter, fields)
                    outcome = _suppress_if_needed(kind, letter.sender_hash)
        except IntegrityError:
            if LetterEvent.objects.filter(esp_event_key=key).exists():
                return "duplicate"
            raise
        if letter.personal_data_removed_at is None:
            TrackingPayload.objects.create(event=recorded, esp=esp_name, payload=event.esp_event)
    return outcome


# What happened ------------------------------------------------------------------------------


def classify(event):
    """One of LetterEvent.Tracking for an anymail event."""
    if event.event_type == EventType.DELIVERED:
        return Tracking.DELIVERED
    if event.event_type == EventType.COMPLAINED:
        return Tracking.COMPLAINT
    if event.event_type == EventType.DEFERRED:
        return Tracking.DEFERRED
    if event.event_type != EventType.BOUNCED:
        return Tracking.OTHER
    code = status_code(event)
    if code:
        return (
            Tracking.SOFT_BOUNCE if code[0] == "4" or code == MAILBOX_FULL else Tracking.HARD_BOUNCE
        )
    said = service_bounce_type(event.esp_event)
    return Tracking.HARD_BOUNCE if said in HARD_TYPES else Tracking.SOFT_BOUNCE


def status_code(event):
    """The enhanced status code (RFC 3463) of a bounce, e.g. "5.1.1", or ""."""
    raw = event.esp_event if isinstance(event.esp_event, dict) else {}
    for recipient in (raw.get("bounce") or {}).get("bouncedRecipients") or []:
        if recipient.get("emailAddress") == event.recipient and recipient.get("status"):
            found = STATUS_CODE.search(str(recipient["status"]))
            if found:
                return found.group(0)
    for text in (event.mta_response, raw.get("Details")):
        found = STATUS_CODE.search(str(text or ""))
        if found:
            return found.group(0)
    return ""


def service_bounce_type(raw):
    """Postmark's Type (or SuppressionReason), Amazon SES's bounceType; "" if neither."""
    if not isinstance(raw, dict):
        return ""
    return str(
        raw.get("Type")
        or raw.get("SuppressionReason")
        or (raw.get("bounce") or {}).get("bounceType")
        or ""
    )


def note(kind, event):
    """The event's note: its kind and status code, never the service's text (it quotes
    addresses)."""
    code = status_code(event) if kind in (Tracking.HARD_BOUNCE, Tracking.SOFT_BOUNCE) else ""
    return f"{kind.value} {code}".strip()[:300]


def event_key(event, esp_name):
    """A keyed hash naming the service's event, per recipient: the same webhook twice gives
    the same key. Services without event ids (Postmark's deliveries) are named by their whole
    event, which is just as stable when replayed."""
    identity = event.event_id or json.dumps(event.esp_event, sort_keys=True, default=str)
    parts = [esp_name, str(event.event_type), identity, (event.recipient or "").lower()]
    return salted_hmac("letters.tracking", "\n".join(parts), algorithm="sha256").hexdigest()


# Which email --------------------------------------------------------------------------------


def find_email(event):
    """(letter or None, LetterEvent.Mail or "") for the email the event is about."""
    metadata = event.metadata if isinstance(event.metadata, dict) else {}
    mail_kind = str(metadata.get("mail") or "")
    if mail_kind and mail_kind not in Mail.values:
        mail_kind = Mail.OTHER
    letter = None
    try:
        public_id = uuid.UUID(str(metadata.get("letter")))
    except ValueError:
        public_id = None
    letters = Letter.objects.select_related("mp")
    if public_id:
        letter = letters.filter(public_id=public_id).first()
    if letter is None and event.message_id:
        letter = letters.filter(esp_message_id=str(event.message_id)).first()
        mail_kind = Mail.LETTER if letter else mail_kind
    if letter is None and (header := message_id_header(event.esp_event)):
        letter = letters.filter(message_id=header).first()
        mail_kind = Mail.LETTER if letter else mail_kind
    if letter is not None and not mail_kind:
        is_mp = (event.recipient or "").lower() == (letter.mp.delivery_email or "").lower()
        mail_kind = Mail.LETTER if is_mp else Mail.OTHER
    return letter, mail_kind


def message_id_header(raw):
    """The Message-ID header, where the service quotes the message's headers (Amazon SES)."""
    if not isinstance(raw, dict):
        return ""
    sent = raw.get("mail") or {}
    common = sent.get("commonHeaders") or {}
    if common.get("messageId"):
        return str(common["messageId"])
    for header in sent.get("headers") or []:
        if str(header.get("name", "")).lower() == "message-id":
            return str(header.get("value", ""))
    return ""


# What it changes ----------------------------------------------------------------------------


def _record(letter, fields):
    return LetterEvent.objects.create(
        letter=letter, from_status=letter.status, to_status=letter.status, **fields
    )


def _apply_to_letter(letter, kind, fields):
    """(the LetterEvent, outcome) for a report about the letter to the MP."""
    if letter.status == Status.SENDING:
        raise NotYet  # the worker has not recorded the send yet
    if kind == Tracking.DELIVERED and letter.can_move_to(Status.DELIVERED):
        MemberOfParliament.objects.filter(pk=letter.mp_id, hard_bounces__gt=0).update(
            hard_bounces=0
        )
        return letter.transition(Status.DELIVERED, **fields), "delivered"
    if kind == Tracking.SOFT_BOUNCE and letter.can_move_to(Status.QUEUED):
        retries = letter.events.filter(tracking=Tracking.SOFT_BOUNCE, mail=Mail.LETTER).count()
        if retries < len(SOFT_BOUNCE_RETRY_DELAYS):
            letter.next_attempt_at = timezone.now() + SOFT_BOUNCE_RETRY_DELAYS[retries]
            event = letter.transition(Status.QUEUED, save_fields=["next_attempt_at"], **fields)
            pipeline.send_letter.using(run_after=letter.next_attempt_at).enqueue(letter.pk)
            return event, "retry"
        fields["note"] = f"{fields['note']}; no retry left"[:300]
        kind = Tracking.HARD_BOUNCE
    if kind == Tracking.HARD_BOUNCE and letter.can_move_to(Status.BOUNCED):
        event = letter.transition(Status.BOUNCED, **fields)
        send_bounce_notice.enqueue(letter.pk)
        _count_hard_bounce(letter.mp_id)
        return event, "bounced"
    if kind == Tracking.COMPLAINT:
        MemberOfParliament.objects.filter(pk=letter.mp_id).update(letters_paused=True)
        logger.warning("delivery alert: letters to MP %s paused after a complaint", letter.mp_id)
        return _record(letter, fields), "paused"
    return _record(letter, fields), "recorded"


def _count_hard_bounce(mp_id):
    """One more hard bounce in a row for the MP; at the threshold the contact is failing."""
    mp = MemberOfParliament.objects.select_for_update().get(pk=mp_id)
    mp.hard_bounces += 1
    if mp.hard_bounces >= settings.MP_HARD_BOUNCES_BEFORE_FAILING:
        mp.contact_failing = True
        mp.hard_bounces = 0
        logger.warning("delivery alert: MP %s contact marked failing after hard bounces", mp_id)
    mp.save(update_fields=["hard_bounces", "contact_failing", "updated_at"])


def _suppress_if_needed(kind, fingerprint):
    reason = {
        Tracking.HARD_BOUNCE: Suppression.Reason.BOUNCED,
        Tracking.COMPLAINT: Suppression.Reason.COMPLAINED,
    }.get(kind)
    if reason is None:
        return "recorded"
    suppression.suppress(fingerprint, reason)
    return "suppressed"


@task()
def send_bounce_notice(letter_id):
    """The supporter's one email about a bounced letter, with the print-ready letter's link."""
    letter = Letter.objects.select_related("mp", "riding").filter(pk=letter_id).first()
    if letter is None or letter.status != Status.BOUNCED:
        return "skipped"
    token = pipeline.confirmation_token(letter)
    print_url = mail.site_url(f"/{letter.language}/letters/print/{token}/")
    return pipeline.send_to_supporter(
        send_bounce_notice, letter, mail.bounce_email(letter, print_url)
    )
