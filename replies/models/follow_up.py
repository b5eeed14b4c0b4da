"""One "did your MP reply?" follow-up per letter whose supporter asked for it.

A follow-up keeps the MP and riding itself, so the answer still counts for that MP after the
retention purge has blanked the letter and after the letter link is cut (see
replies/personal_data.py). The reply's text is the only personal part, and is purged."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.fields import optional_link


class Answer(models.TextChoices):
    """What a supporter says happened, in WriteToThem's richer-than-yes/no terms."""

    REPLIED = "replied", _("They replied and answered my points")
    FORM_LETTER = "form_letter", _("They replied with a form letter")
    ACKNOWLEDGED = "acknowledged", _("They only acknowledged my letter")
    NO_REPLY = "no_reply", _("No reply yet")
    NOT_EXPECTED = "not_expected", _("I didn't expect a reply")


class QuoteStatus(models.TextChoices):
    """Where a pasted reply stands on its way to publication."""

    NONE = "", _("no quote")
    PENDING = "pending", _("waiting for approval")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("not published")


class FollowUp(models.Model):
    """The question "did your MP reply?" for one sent letter, and the supporter's answer.

    `first_sent_at` and `second_sent_at` make the question go at most twice: once
    REPLY_FOLLOW_UP_DAYS after sending, and once more that long after a "no reply yet"."""

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    letter = models.OneToOneField(
        "letters.Letter",
        verbose_name=_("letter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reply_follow_up",
    )
    mp = models.ForeignKey(
        "directory.MemberOfParliament",
        verbose_name=_("MP"),
        related_name="reply_follow_ups",
        on_delete=models.PROTECT,
    )
    riding = models.ForeignKey(
        "directory.Riding",
        verbose_name=_("riding"),
        related_name="reply_follow_ups",
        on_delete=models.PROTECT,
    )
    language = models.CharField(_("supporter's language"), max_length=8)
    created_at = models.DateTimeField(_("created"))
    first_sent_at = models.DateTimeField(_("first asked"), null=True, blank=True)
    second_queued_at = models.DateTimeField(null=True, blank=True, editable=False)
    second_sent_at = models.DateTimeField(_("asked again"), null=True, blank=True)
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True, db_index=True)

    reply_text = models.TextField(_("reply's text"), blank=True)
    quote_consent = models.BooleanField(_("may be quoted"), default=False)
    quote_status = models.CharField(
        _("quote"), max_length=10, choices=QuoteStatus.choices, blank=True, default=""
    )
    quote = models.TextField(
        _("quote to publish"),
        blank=True,
        help_text=_("The part of the reply organizers publish; never a supporter's name."),
    )
    quote_reviewed_by = optional_link(settings.AUTH_USER_MODEL)
    quote_reviewed_at = models.DateTimeField(null=True, blank=True)
    reply_text_removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reply follow-up")
        verbose_name_plural = _("reply follow-ups")
        indexes = [models.Index(fields=["mp", "answer"])]
        permissions = [
            ("view_reply_figures", _("Can see the reply figures and quotes")),
            ("review_quotes", _("Can approve supporters' reply quotes")),
        ]

    def __str__(self):
        return f"Follow-up {self.pk} ({self.get_answer_display() or '-'})"
