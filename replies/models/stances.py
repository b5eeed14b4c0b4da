"""The campaign's demands, as the demands page holds them, and MPs' stances on each.

A demand is identified by its block's id in the demands page's StreamField: the id stays the
same when organizers re-order the demands, edit their titles, or translate the page
(wagtail-localize keeps block ids), so a stance never jumps to another demand. Adding a fifth
demand on the page adds a fifth `Demand` row when the page is published (replies/demands.py)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import optional_link


class Position(models.TextChoices):
    """An MP's public position on one demand."""

    SUPPORTS = "supports", _("Supports")
    OPPOSES = "opposes", _("Opposes")
    UNDECIDED = "undecided", _("Undecided")
    NO_POSITION = "no_position", _("No public position")


class Demand(models.Model):
    """One demand of the demands page (its block), kept in step by replies/demands.py."""

    block_id = models.UUIDField(_("block id"), unique=True, editable=False)
    anchor = models.CharField(_("anchor"), max_length=80, blank=True)
    title = models.CharField(_("title"), max_length=200)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    retired = models.BooleanField(
        _("removed from the demands page"),
        default=False,
        help_text=_("Kept with its stances for the record, but no longer shown."),
    )

    class Meta:
        ordering = ["retired", "position", "pk"]
        verbose_name = _("demand")
        verbose_name_plural = _("demands")

    def __str__(self):
        return self.title


class StanceQuerySet(models.QuerySet):
    """Stances, newest first; `current()` keeps each MP's latest per demand."""

    def current(self):
        return self.order_by("mp_id", "demand_id", "-stated_on", "-recorded_at", "-pk").distinct(
            "mp_id", "demand_id"
        )


class Stance(models.Model):
    """One recorded position of one MP on one demand. Never edited in place: recording a new
    stance adds a row, so the history of what each MP said, and who recorded it, is kept."""

    mp = models.ForeignKey(
        "directory.MemberOfParliament",
        verbose_name=_("MP"),
        related_name="stances",
        on_delete=models.PROTECT,
    )
    demand = models.ForeignKey(
        Demand, verbose_name=_("demand"), related_name="stances", on_delete=models.PROTECT
    )
    position = models.CharField(_("position"), max_length=12, choices=Position.choices)
    stated_on = models.DateField(_("date"), default=timezone.localdate)
    source_url = models.URLField(_("source link"), blank=True)
    quote = models.TextField(
        _("short quote"), blank=True, help_text=_("In its original language, as said.")
    )
    quote_language = models.CharField(
        _("quote's language"),
        max_length=2,
        blank=True,
        choices=[("en", "English"), ("fr", "Français")],
    )
    source_reply = models.ForeignKey(
        "replies.FollowUp",
        verbose_name=_("source: a supporter's approved reply"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="stances",
        limit_choices_to={"quote_status": "approved"},
    )
    recorded_by = optional_link(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    objects = StanceQuerySet.as_manager()

    class Meta:
        ordering = ["-stated_on", "-recorded_at", "-pk"]
        verbose_name = _("MP's stance")
        verbose_name_plural = _("MPs' stances")
        indexes = [models.Index(fields=["mp", "demand", "stated_on"])]

    def __str__(self):
        return f"{self.mp} · {self.demand}: {self.get_position_display()}"
