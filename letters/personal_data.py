"""The letters' part of privacy's purge, export and erasure (registered in LettersConfig.ready).

Supporters are found by the keyed hash of their normalised email (`privacy.identity`), and by
the email itself for rows written before the hash was set. Counts only are returned and logged."""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat, Length
from django_tasks_db.models import DBTaskResult

from letters.models.letter import Letter, LetterEvent, TrackingPayload
from privacy.export import section
from privacy.models import Consent

REMOVED_PREFIX = "[removed "
LETTER_EXPORT_FIELDS = [
    "public_id",
    "status",
    "created_at",
    "confirmed_at",
    "sent_at",
    "language",
    "letter_language",
    "subject",
    "body",
    *Letter.PERSONAL_FIELDS,
    "hold_reason",
]
EVENT_EXPORT_FIELDS = ["at", "from_status", "to_status", "note", "tracking", "mail", "reported_at"]
PAYLOAD_EXPORT_FIELDS = ["received_at", "esp", "payload"]


def removed_marker():
    """`[removed N chars]`, computed in SQL from the current body."""
    return Concat(
        Value(REMOVED_PREFIX),
        Cast(Length("body"), CharField()),
        Value(" chars]"),
        output_field=CharField(),
    )


def supporter_letters(email, fingerprint):
    return Letter.objects.filter(Q(sender_hash=fingerprint) | Q(email__iexact=str(email).strip()))


def blank_personal_fields():
    return dict.fromkeys(Letter.PERSONAL_FIELDS, "")


@dataclass(frozen=True)
class LetterData:
    """Letters and their events, as a `privacy.registry.PersonalDataHolder`."""

    def purge(self, now):
        body_cutoff = now - timedelta(days=settings.LETTER_BODY_RETENTION_DAYS)
        unconfirmed_cutoff = now - timedelta(days=settings.UNCONFIRMED_LETTER_RETENTION_DAYS)
        identity_cutoff = now - timedelta(days=settings.IDENTITY_RETENTION_DAYS)
        counts = {}
        finished = Q(
            status__in=[*Letter.COUNTED_AS_SENT, Letter.Status.BOUNCED], sent_at__lt=body_cutoff
        ) | Q(
            status__in=[Letter.Status.FAILED, Letter.Status.SPAM, Letter.Status.DECLINED],
            created_at__lt=body_cutoff,
        )
        counts["bodies_removed"] = (
            Letter.objects.filter(finished)
            .exclude(body__startswith=REMOVED_PREFIX)
            .update(body=removed_marker())
        )

        unconfirmed = Letter.objects.filter(
            status__in=[Letter.Status.PENDING_CONFIRMATION, Letter.Status.EXPIRED],
            created_at__lt=unconfirmed_cutoff,
        )
        # Their consents were never confirmed by email: they go with the letter.
        Consent.objects.filter(letter__in=unconfirmed).delete()
        counts["unconfirmed_deleted"] = unconfirmed.delete()[1].get("letters.Letter", 0)

        payload_cutoff = now - timedelta(days=settings.WEBHOOK_PAYLOAD_RETENTION_DAYS)
        counts["webhook_payloads_deleted"] = TrackingPayload.objects.filter(
            received_at__lt=payload_cutoff
        ).delete()[0]

        subscribed = Consent.objects.subscribed().values("sender_hash")
        counts["identities_removed"] = (
            Letter.objects.filter(created_at__lt=identity_cutoff, personal_data_removed_at=None)
            .exclude(sender_hash__in=subscribed)
            .update(personal_data_removed_at=now, **blank_personal_fields())
        )
        return counts

    def export(self, email, fingerprint):
        letters = list(supporter_letters(email, fingerprint).order_by("created_at"))
        events = LetterEvent.objects.filter(letter__in=letters).order_by("at")
        payloads = TrackingPayload.objects.filter(event__letter__in=letters).order_by("pk")
        sections = {
            "letters": section(Letter, letters, LETTER_EXPORT_FIELDS),
            "events": section(LetterEvent, events, EVENT_EXPORT_FIELDS),
            "webhook_payloads": section(TrackingPayload, payloads, PAYLOAD_EXPORT_FIELDS),
        }
        return {"letters": len(letters)}, sections

    def erase(self, email, fingerprint, *, actor, now):
        letters = supporter_letters(email, fingerprint)
        letter_ids = list(letters.select_for_update().values_list("pk", flat=True))
        for letter in Letter.objects.filter(pk__in=letter_ids):
            stop_sending(letter, actor)
        Letter.objects.filter(pk__in=letter_ids).exclude(body__startswith=REMOVED_PREFIX).update(
            body=removed_marker()
        )
        Letter.objects.filter(pk__in=letter_ids).update(
            subject="", personal_data_removed_at=now, **blank_personal_fields()
        )
        # Finished task results may hold an error message naming the address.
        tasks = DBTaskResult.objects.filter(
            args_kwargs__args__0__in=letter_ids + [str(pk) for pk in letter_ids]
        ).exclude(status__in=["READY", "RUNNING"])
        tasks_deleted = tasks.delete()[0]
        # The email service's raw reports quote the address and the name in the headers.
        payloads = TrackingPayload.objects.filter(event__letter_id__in=letter_ids).delete()[0]
        return {
            "letters": len(letter_ids),
            "task_results": tasks_deleted,
            "webhook_payloads": payloads,
        }


def stop_sending(letter, actor):
    """A letter still waiting to go out is stopped: there is nothing left to send."""
    ending = {
        Letter.Status.PENDING_CONFIRMATION: Letter.Status.EXPIRED,
        Letter.Status.HELD: Letter.Status.EXPIRED,
        Letter.Status.QUEUED: Letter.Status.FAILED,
    }.get(letter.status)
    if ending:
        letter.transition(ending, note="supporter erased", actor=actor if actor else None)
