"""Consents as given, the audit trail of personal-data work, the suppression list left by
erasures, and the permissions over supporters' personal data."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import optional_link


class SupporterData(models.Model):
    """Not a table: the holder of the permissions over supporters' personal data, wherever an app
    keeps it. Grant them to the Data stewards group only (privacy/migrations/0002)."""

    class Meta:
        managed = False
        default_permissions = ()
        verbose_name = _("supporter data")
        verbose_name_plural = _("supporter data")
        permissions = [
            ("view_personal_data", _("Can see supporters' personal data")),
            ("export_personal_data", _("Can export supporters' personal data")),
            ("erase_personal_data", _("Can erase a supporter's personal data")),
        ]

    def __str__(self):
        return str(self._meta.verbose_name)


class ConsentQuerySet(models.QuerySet):
    """Consents by supporter and by state."""

    def for_supporter(self, email, fingerprint):
        """One supporter's consents: by the keyed hash of their email (`identity.sender_hash`),
        and by the email itself for rows written before the hash was set."""
        return self.filter(Q(sender_hash=fingerprint) | Q(email__iexact=str(email).strip()))

    def subscribed(self):
        """Campaign-updates consents still in force."""
        return self.filter(kind=Consent.Kind.CAMPAIGN_UPDATES, withdrawn_at__isnull=True)


class Consent(models.Model):
    """A consent as given: which words, in which language, when; withdrawn by unsubscribing.

    `given_with` is the record the consent came with (a letter): a generic relation, because the
    apps that collect consents sit above this one."""

    # Written with every letter: no Wagtail reference-index task per consent (its source page
    # would otherwise make it "indexable").
    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        SEND_LETTER = "send_letter", _("send this letter")
        CAMPAIGN_UPDATES = "campaign_updates", _("campaign updates")
        REPLY_FOLLOW_UP = "reply_follow_up", _("ask whether the MP replied")

    # The optional emails a supporter can stop with one unsubscribe link.
    EMAIL_KINDS = (Kind.CAMPAIGN_UPDATES, Kind.REPLY_FOLLOW_UP)

    kind = models.CharField(max_length=20, choices=Kind.choices)
    given_with_type = optional_link(ContentType)
    given_with_id = models.PositiveBigIntegerField(null=True, blank=True)
    given_with = GenericForeignKey("given_with_type", "given_with_id")
    email = models.EmailField(blank=True, help_text=_("Kept only for campaign updates."))
    sender_hash = models.CharField(max_length=64, db_index=True)
    language = models.CharField(max_length=8)
    wording_version = models.CharField(max_length=20)
    wording_hash = models.CharField(max_length=64)
    source_page = optional_link("wagtailcore.Page")
    given_at = models.DateTimeField(default=timezone.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        indexes = [models.Index(fields=["given_with_type", "given_with_id"])]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.given_at:%Y-%m-%d})"

    @property
    def active(self):
        return self.withdrawn_at is None


class AuditEntry(models.Model):
    """Who did what to supporters' personal data, when, and with which filter.

    The filter names the supporter only by their keyed hash (`identity.sender_hash`), so the
    trail itself keeps no email address, even after an erasure."""

    wagtail_reference_index_ignore = True  # a log, not content: see Consent

    class Action(models.TextChoices):
        EXPORT = "export", _("export supporter data")
        ERASE = "erase", _("erase supporter")
        PURGE = "purge", _("retention purge")
        SAFETY_SWITCH = "safety_switch", _("safety switch changed")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = optional_link(settings.AUTH_USER_MODEL, verbose_name=_("who"))
    actor_username = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    subject_hash = models.CharField(_("supporter fingerprint"), max_length=64, blank=True)
    filter = models.CharField(_("filter"), max_length=300, blank=True)
    result = models.CharField(_("result"), max_length=300, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username or '-'} {self.action}"


class Suppression(models.Model):
    """An address we must not write to again: only the keyed hash of the normalised email.

    Left by an erasure, or by the email service reporting that our mail to the supporter
    bounced for good or was marked as spam (privacy/suppression.py). No email about anything
    from before `created_at` is sent to them again; a letter they write later still gets its
    confirmation, since they asked for it."""

    class Reason(models.TextChoices):
        ERASED = "erased", _("erased")
        BOUNCED = "bounced", _("address bounced")
        COMPLAINED = "complained", _("marked our email as spam")

    sender_hash = models.CharField(_("supporter fingerprint"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("since"), default=timezone.now)
    reason = models.CharField(
        _("reason"), max_length=20, choices=Reason.choices, default=Reason.ERASED
    )

    class Meta:
        verbose_name = _("suppressed supporter")
        verbose_name_plural = _("suppressed supporters")

    def __str__(self):
        return self.sender_hash[:12]
