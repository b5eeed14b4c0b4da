"""Alarms for organizers (TRUST.md item 37): letters that wait too long, tasks that hang.

Shown on the Wagtail dashboard to every admin user (counts and ages only, no personal data) and
logged as warnings by `sweep_letters`, so log-based monitoring can page someone too."""

from datetime import timedelta

from django.db.models import Min
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult

from letters.models.letter import DeliverySettings, Letter

QUEUED_TOO_LONG = timedelta(minutes=15)
RUNNING_TOO_LONG = timedelta(minutes=10)


def delivery_alerts(now=None):
    """Translated alert messages; an empty list while delivery is healthy."""
    now = now or timezone.now()
    alerts = []
    oldest = Letter.objects.filter(status=Letter.Status.QUEUED).aggregate(
        oldest=Min(Coalesce("confirmed_at", "created_at"))
    )["oldest"]
    if oldest and now - oldest > QUEUED_TOO_LONG:
        minutes = int((now - oldest).total_seconds() // 60)
        message = ngettext(
            "The oldest queued letter has waited %(minutes)d minute.",
            "The oldest queued letter has waited %(minutes)d minutes.",
            minutes,
        ) % {"minutes": minutes}
        if DeliverySettings.load().pause_sending:
            message += " " + _("Sending is paused in Settings → Letter delivery.")
        else:
            message += " " + _("Check that the task worker is running and that mail is accepted.")
        alerts.append(message)
    stuck = DBTaskResult.objects.running().filter(started_at__lt=now - RUNNING_TOO_LONG).count()
    if stuck:
        alerts.append(
            ngettext(
                "%(count)d task has been running for more than 10 minutes: "
                "a worker may be stuck or dead.",
                "%(count)d tasks have been running for more than 10 minutes: "
                "a worker may be stuck or dead.",
                stuck,
            )
            % {"count": stuck}
        )
    return alerts
