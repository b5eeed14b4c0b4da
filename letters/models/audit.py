"""The audit trail of personal-data work, and the suppression list left behind by erasures."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    """Who did what to supporters' personal data, when, and with which filter.

    The filter names the supporter only by their keyed hash (`Letter.sender_hash`), so the trail
    itself keeps no email address, even after an erasure."""

    class Action(models.TextChoices):
        EXPORT = "export", _("export supporter data")
        ERASE = "erase", _("erase supporter")
        PURGE = "purge", _("retention purge")

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
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
    """An erased supporter: only the keyed hash of their normalised email stays, so no campaign
    email given before the erasure is ever sent to them again."""

    sender_hash = models.CharField(_("supporter fingerprint"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("erased"), default=timezone.now)

    class Meta:
        verbose_name = _("suppressed supporter")
        verbose_name_plural = _("suppressed supporters")

    def __str__(self):
        return self.sender_hash[:12]
