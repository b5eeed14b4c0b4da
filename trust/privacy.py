"""Supporters' personal data: the retention purge, the access export and the erasure.

Each of them writes an `AuditEntry` and logs counts only. Supporters are found by the keyed hash
of their normalised email (`letters.abuse.sender_hash`), and by the email itself for rows
written before the hash was set."""

import csv
import io
import json
import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat, Length
from django.utils import timezone, translation

from letters.abuse import sender_hash
from letters.models import AuditEntry, Consent, Letter, LetterEvent, Suppression

logger = logging.getLogger("trust.privacy")

REMOVED_PREFIX = "[removed "
IDENTITY_FIELDS = ["first_name", "last_name", "email", "street_address", "city", "postal_code"]
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
    *IDENTITY_FIELDS,
    "hold_reason",
]
CONSENT_EXPORT_FIELDS = ["kind", "email", "language", "wording_version", "given_at", "withdrawn_at"]
EVENT_EXPORT_FIELDS = ["at", "from_status", "to_status", "note"]
AUDIT_EXPORT_FIELDS = ["at", "actor_username", "action", "filter"]
EXPORT_LANGUAGES = ["en", "ru"]


def audit(actor, action, *, subject="", filter_text="", result=""):
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_username=getattr(actor, "get_username", lambda: "")() if actor else "system",
        action=action,
        subject_hash=subject,
        filter=filter_text[:300],
        result=result[:300],
    )


def removed_marker():
    """`[removed N chars]`, computed in SQL from the current body."""
    return Concat(
        Value(REMOVED_PREFIX),
        Cast(Length("body"), CharField()),
        Value(" chars]"),
        output_field=CharField(),
    )


# ---------------------------------------------------------------------------------------------
# Retention purge


def purge_personal_data(now=None):
    """Apply the retention periods; idempotent. Returns the counts (also logged and audited)."""
    now = now or timezone.now()
    body_cutoff = now - timedelta(days=settings.LETTER_BODY_RETENTION_DAYS)
    unconfirmed_cutoff = now - timedelta(days=settings.UNCONFIRMED_LETTER_RETENTION_DAYS)
    identity_cutoff = now - timedelta(days=settings.IDENTITY_RETENTION_DAYS)
    counts = {}
    with transaction.atomic():
        finished = Q(status=Letter.Status.SENT, sent_at__lt=body_cutoff) | Q(
            status__in=[Letter.Status.FAILED, Letter.Status.SPAM], created_at__lt=body_cutoff
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

        subscribed = Consent.objects.filter(
            kind=Consent.Kind.CAMPAIGN_UPDATES, withdrawn_at__isnull=True
        ).values("sender_hash")
        counts["identities_removed"] = (
            Letter.objects.filter(created_at__lt=identity_cutoff, personal_data_removed_at=None)
            .exclude(sender_hash__in=subscribed)
            .update(personal_data_removed_at=now, **dict.fromkeys(IDENTITY_FIELDS, ""))
        )
        counts["consent_emails_removed"] = (
            Consent.objects.filter(withdrawn_at__lt=identity_cutoff)
            .exclude(email="")
            .update(email="")
        )
        summary = " ".join(f"{key}={value}" for key, value in counts.items())
        if any(counts.values()):
            audit(None, AuditEntry.Action.PURGE, result=summary)
    logger.info("privacy.purge %s", summary)
    return counts


# ---------------------------------------------------------------------------------------------
# Finding one supporter's rows


def supporter_letters(email):
    fingerprint = sender_hash(email)
    return Letter.objects.filter(
        Q(sender_hash=fingerprint) | Q(email__iexact=str(email).strip())
    ), fingerprint


def supporter_consents(email, fingerprint):
    return Consent.objects.filter(Q(sender_hash=fingerprint) | Q(email__iexact=str(email).strip()))


# ---------------------------------------------------------------------------------------------
# Access export


def field_labels(model, names):
    """{field: {"en": label, "ru": label}} for the export's header."""
    labels = {}
    for name in names:
        field = model._meta.get_field(name)
        labels[name] = {}
        for language in EXPORT_LANGUAGES:
            with translation.override(language):
                labels[name][language] = str(field.verbose_name)
    return labels


def plain(value):
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value if isinstance(value, int | float | bool | type(None)) else str(value)


def rows(queryset, names):
    return [{name: plain(getattr(obj, name)) for name in names} for obj in queryset]


def export_supporter(email, actor):
    """Everything kept about `email`: letters, consents, events and audit entries."""
    letters, fingerprint = supporter_letters(email)
    letters = list(letters.order_by("created_at"))
    data = {
        "generated_at": timezone.now().isoformat(),
        "sections": {
            "letters": {
                "labels": field_labels(Letter, LETTER_EXPORT_FIELDS),
                "rows": rows(letters, LETTER_EXPORT_FIELDS),
            },
            "consents": {
                "labels": field_labels(Consent, CONSENT_EXPORT_FIELDS),
                "rows": rows(supporter_consents(email, fingerprint), CONSENT_EXPORT_FIELDS),
            },
            "events": {
                "labels": field_labels(LetterEvent, EVENT_EXPORT_FIELDS),
                "rows": rows(
                    LetterEvent.objects.filter(letter__in=letters).order_by("at"),
                    EVENT_EXPORT_FIELDS,
                ),
            },
        },
    }
    entry = audit(
        actor,
        AuditEntry.Action.EXPORT,
        subject=fingerprint,
        filter_text="email (normalised, hashed)",
        result=f"letters={len(letters)}",
    )
    data["sections"]["audit"] = {
        "labels": field_labels(AuditEntry, AUDIT_EXPORT_FIELDS),
        "rows": rows(
            AuditEntry.objects.filter(subject_hash=fingerprint).order_by("at"),
            AUDIT_EXPORT_FIELDS,
        ),
    }
    logger.info("privacy.export audit=%s letters=%s", entry.pk, len(letters))
    return data


def export_as_json(data):
    return json.dumps(data, ensure_ascii=False, indent=2)


def export_as_csv(data):
    """One line per value: section, row number, field, English label, Russian label, value."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["section", "row", "field", "label (en)", "label (ru)", "value"])
    for section, content in data["sections"].items():
        for number, row in enumerate(content["rows"], start=1):
            for name, value in row.items():
                label = content["labels"][name]
                writer.writerow([section, number, name, label["en"], label["ru"], value])
    return out.getvalue()


# ---------------------------------------------------------------------------------------------
# Erasure


def erase_supporter(email, actor):
    """Remove every trace of `email` but the keyed hash in the suppression list."""
    from django_tasks_db.models import DBTaskResult

    letters, fingerprint = supporter_letters(email)
    now = timezone.now()
    with transaction.atomic():
        letter_ids = list(letters.select_for_update().values_list("pk", flat=True))
        for letter in Letter.objects.filter(pk__in=letter_ids):
            stop_sending(letter, actor)
        Letter.objects.filter(pk__in=letter_ids).exclude(body__startswith=REMOVED_PREFIX).update(
            body=removed_marker()
        )
        Letter.objects.filter(pk__in=letter_ids).update(
            subject="", personal_data_removed_at=now, **dict.fromkeys(IDENTITY_FIELDS, "")
        )
        consents = supporter_consents(email, fingerprint)
        consents.filter(withdrawn_at=None).update(withdrawn_at=now)
        consents.update(email="")
        # Finished task results may hold an error message naming the address.
        tasks = DBTaskResult.objects.filter(
            args_kwargs__args__0__in=letter_ids + [str(pk) for pk in letter_ids]
        ).exclude(status__in=["READY", "RUNNING"])
        tasks_deleted = tasks.delete()[0]
        Suppression.objects.get_or_create(sender_hash=fingerprint)
        audit(
            actor,
            AuditEntry.Action.ERASE,
            subject=fingerprint,
            filter_text="email (normalised, hashed)",
            result=f"letters={len(letter_ids)} task_results={tasks_deleted}",
        )
    logger.info("privacy.erase letters=%s task_results=%s", len(letter_ids), tasks_deleted)
    return len(letter_ids)


def stop_sending(letter, actor):
    """A letter still waiting to go out is stopped: there is nothing left to send."""
    ending = {
        Letter.Status.PENDING_CONFIRMATION: Letter.Status.EXPIRED,
        Letter.Status.HELD: Letter.Status.EXPIRED,
        Letter.Status.QUEUED: Letter.Status.FAILED,
    }.get(letter.status)
    if ending:
        letter.transition(ending, note="supporter erased", actor=actor if actor else None)


def is_suppressed(email):
    return Suppression.objects.filter(sender_hash=sender_hash(email)).exists()
