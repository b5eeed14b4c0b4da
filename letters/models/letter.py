"""Letters, their event log, the ESP's webhook payloads and the delivery switch.

A letter's status only moves along `Letter.TRANSITIONS`; every move writes a `LetterEvent`, and
so does every tracking event the email service reports (letters/tracking.py). The functions
that drive the moves live in `letters/pipeline.py`."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.cache import cache
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


def sent_count_cache_key(translation_key):
    """The cache key of a campaign's letters-sent count (all its translations)."""
    return f"letters:sent-count:{translation_key}"


class InvalidTransition(Exception):
    """A status change the state machine does not allow."""


class LetterQuerySet(models.QuerySet):
    """Letters by what they count as."""

    def counted_as_sent(self):
        """Letters that count in every counter, total and public figure: sent, and not
        refused since (a bounced letter stops counting)."""
        return self.filter(status__in=Letter.COUNTED_AS_SENT)


def written_for(model, verbose_name):
    """What a letter was written for (its campaign, MP, riding): kept while the letter is."""
    return models.ForeignKey(
        model, verbose_name=verbose_name, related_name="letters", on_delete=models.PROTECT
    )


class Letter(models.Model):
    """One supporter's letter to one MP, written before anything is sent (the outbox row).

    `PERSONAL_FIELDS` name who the supporter is: the retention purge blanks them after
    IDENTITY_RETENTION_DAYS, an erasure at once, and exports list them (letters/personal_data.py,
    the letters admin). The letter's own text (subject, body) is personal too, and handled apart:
    its body is replaced by a "[removed N chars]" marker."""

    PERSONAL_FIELDS = ("first_name", "last_name", "email", "street_address", "city", "postal_code")
    # Wagtail would otherwise enqueue a reference-index task at every save of a letter (it
    # points at the campaign page): one more task per state change, for an admin "usage" list
    # nobody needs of the campaign page.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        PENDING_CONFIRMATION = "pending_confirmation", _("waiting for confirmation")
        QUEUED = "queued", _("queued")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        DELIVERED = "delivered", _("delivered")
        BOUNCED = "bounced", _("bounced")
        FAILED = "failed", _("failed")
        HELD = "held", _("held for review")
        EXPIRED = "expired", _("expired")
        SPAM = "spam", _("spam")
        # Confirmed by the address's owner but not sent: a second letter to the same MP within
        # a day, or past the day's limit of letters from one address (letters/repeats.py).
        DECLINED = "declined", _("not sent: a repeat or over the daily limit")

    S = Status
    TRANSITIONS = {
        S.PENDING_CONFIRMATION: {S.QUEUED, S.HELD, S.EXPIRED, S.SPAM, S.DECLINED},
        S.HELD: {S.QUEUED, S.SPAM, S.EXPIRED},
        S.QUEUED: {S.SENDING, S.HELD, S.FAILED},
        S.SENDING: {S.SENT, S.QUEUED, S.FAILED},
        # The email service reports what became of a sent letter (letters/tracking.py): the
        # MP's server took it, refused it for good, or refused it for now (sent again later).
        S.SENT: {S.DELIVERED, S.BOUNCED, S.QUEUED},
        S.DELIVERED: {S.BOUNCED, S.QUEUED},
        S.BOUNCED: set(),
        S.FAILED: set(),
        S.EXPIRED: set(),
        S.SPAM: set(),
        S.DECLINED: set(),
    }
    COUNTED_AS_SENT = (S.SENT, S.DELIVERED)

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    campaign = written_for("letters.LetterCampaignPage", _("campaign"))
    mp = written_for("directory.MemberOfParliament", _("MP"))
    riding = written_for("directory.Riding", _("riding"))
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=Status.choices,
        default=Status.PENDING_CONFIRMATION,
        db_index=True,
    )
    language = models.CharField(_("supporter's language"), max_length=8)
    letter_language = models.CharField(_("letter's language"), max_length=2, default="en")

    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("letter"))

    # The supporter, as MPs need them to answer. Blanked by purge_personal_data and erasure.
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"))
    street_address = models.CharField(_("street address"), max_length=200)
    city = models.CharField(_("city"), max_length=100)
    postal_code = models.CharField(_("postal code"), max_length=7)
    sender_hash = models.CharField(
        _("sender fingerprint"),
        max_length=64,
        db_index=True,
        help_text=_("A keyed hash of the normalised email; survives erasure for abuse limits."),
    )

    consents = GenericRelation(
        "privacy.Consent",
        content_type_field="given_with_type",
        object_id_field="given_with_id",
        related_query_name="letter",
    )

    message_id = models.CharField(_("Message-ID"), max_length=200, unique=True)
    esp_message_id = models.CharField(
        _("email service's message id"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("Given by the email service when it accepts the letter; empty with SMTP."),
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    hold_reason = models.CharField(_("reason held"), max_length=200, blank=True)

    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    personal_data_removed_at = models.DateTimeField(
        _("personal data removed"), null=True, blank=True
    )

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        indexes = [models.Index(fields=["mp", "status", "sent_at"])]

    def __str__(self):
        return f"Letter {self.pk} ({self.get_status_display()})"

    @property
    def supporter_name(self):
        return f"{self.first_name} {self.last_name}".strip()

    def can_move_to(self, to_status):
        return to_status in self.TRANSITIONS[self.Status(self.status)]

    def forget_sent_count(self):
        """The letter started or stopped counting: drop its campaign's cached letters-sent
        figure once this transaction commits (letters/counter.py)."""
        key = sent_count_cache_key(self.campaign.translation_key)
        transaction.on_commit(lambda: cache.delete(key))

    def transition(self, to_status, *, note="", actor=None, save_fields=(), **event_fields):
        """Move to `to_status` if the state machine allows it, save, and log the event
        (`event_fields`: a tracking event's own fields, see `LetterEvent`).

        Call inside a transaction holding the row lock (see letters.pipeline)."""
        if not self.can_move_to(to_status):
            raise InvalidTransition(f"{self.status} → {to_status}")
        from_status = self.status
        self.status = to_status
        self.save(update_fields=["status", *save_fields])
        if (from_status in self.COUNTED_AS_SENT) != (to_status in self.COUNTED_AS_SENT):
            self.forget_sent_count()
        return LetterEvent.objects.create(
            letter=self,
            from_status=from_status,
            to_status=to_status,
            note=note,
            actor=actor,
            **event_fields,
        )


class LetterEvent(models.Model):
    """One step in a letter's life: a status change, or what the email service reported about
    one of the letter's emails (`tracking`, `mail`), which may change the status too.

    Nothing here names the supporter: notes hold status codes, never addresses, and the ESP's
    event is known by a keyed hash (`esp_event_key`, unique, so a replayed webhook is one row).
    The ESP's raw payload, which does name people, is kept apart (`TrackingPayload`)."""

    class Tracking(models.TextChoices):
        DELIVERED = "delivered", _("delivered")
        HARD_BOUNCE = "hard_bounce", _("hard bounce")
        SOFT_BOUNCE = "soft_bounce", _("soft bounce")
        COMPLAINT = "complaint", _("spam complaint")
        DEFERRED = "deferred", _("delayed")
        OTHER = "other", _("other report")

    class Mail(models.TextChoices):
        LETTER = "letter", _("the letter to the MP")
        CONFIRMATION = "confirmation", _("confirmation email")
        COPY = "copy", _("supporter's copy")
        FAILURE = "failure", _("failure notice")
        BOUNCE_NOTICE = "bounce_notice", _("bounce notice")
        OTHER = "other", _("another email to the supporter")

    wagtail_reference_index_ignore = True  # see Letter

    letter = models.ForeignKey(Letter, related_name="events", on_delete=models.CASCADE)
    at = models.DateTimeField(default=timezone.now)
    from_status = models.CharField(max_length=24, blank=True)
    to_status = models.CharField(max_length=24)
    note = models.CharField(max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    tracking = models.CharField(
        _("email service report"), max_length=20, choices=Tracking.choices, blank=True
    )
    mail = models.CharField(_("about the email"), max_length=20, choices=Mail.choices, blank=True)
    esp_event_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    reported_at = models.DateTimeField(_("reported at"), null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        if self.tracking:
            return f"{self.get_tracking_display()} ({self.get_mail_display()})"
        return f"{self.from_status} → {self.to_status}"


class TrackingPayload(models.Model):
    """The ESP's raw webhook event behind a tracking `LetterEvent`, for diagnosing delivery.

    It can hold addresses and names (the recipient, the message's headers), so it is kept
    WEBHOOK_PAYLOAD_RETENTION_DAYS (30) only, removed with the supporter's data on erasure, and
    never stored for a letter whose personal data is already gone."""

    event = models.OneToOneField(LetterEvent, related_name="payload", on_delete=models.CASCADE)
    received_at = models.DateTimeField(_("received"), default=timezone.now, db_index=True)
    esp = models.CharField(_("email service"), max_length=40)
    payload = models.JSONField(_("the service's report"))

    def __str__(self):
        return f"{self.esp} {self.received_at:%Y-%m-%d %H:%M}"


@register_setting(icon="mail")
class DeliverySettings(BaseGenericSetting):
    """The kill switch: while paused, letters are accepted and stored but none is sent."""

    pause_sending = models.BooleanField(
        _("pause sending"),
        default=False,
        help_text=_(
            "Letters are still accepted and kept in the queue; none is sent until "
            "this is turned off."
        ),
    )

    class Meta:
        verbose_name = _("letter delivery")
