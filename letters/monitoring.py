"""Alarms for organizers: letters that wait too long, tasks that hang (TRUST.md item 37), MPs
whose address bounces or whose office reported a letter as spam (item 36, letters/tracking.py).

Shown on the Wagtail dashboard to every admin user (counts, ages and MPs' names only, no
supporter's data) and logged as warnings by `sweep_letters`, so log-based monitoring can page
someone too."""

from datetime import timedelta

from django.db.models import Min
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks_db.models import DBTaskResult

from directory.models import MemberOfParliament
from letters.models.letter import DeliverySettings, Letter

QUEUED_TOO_LONG = timedelta(minutes=15)
RUNNING_TOO_LONG = timedelta(minutes=10)
NAMES_SHOWN = 5


def delivery_alerts(now=None):
    """Translated alert messages; an empty list while delivery is healthy."""
    now = now or timezone.now()
    alerts = []
    # A letter sent once and queued again after a soft bounce waits for its retry on purpose.
    waiting = Letter.objects.filter(status=Letter.Status.QUEUED, sent_at__isnull=True)
    oldest = waiting.aggregate(oldest=Min(Coalesce("confirmed_at", "created_at")))["oldest"]
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
    return alerts + mp_alerts()


def mp_alerts():
    """Sitting MPs whose contact is failing, or whose letters are paused after a complaint."""
    alerts = []
    sitting = MemberOfParliament.objects.filter(active=True).order_by("name")
    failing = list(sitting.filter(contact_failing=True).values_list("name", flat=True))
    if failing:
        alerts.append(
            ngettext(
                "Letters cannot reach %(names)s: the address is marked failing after repeated "
                "hard bounces. Correct it in the MP directory, then clear “contact failing”.",
                "Letters cannot reach %(count)d MPs (%(names)s): their addresses are marked "
                "failing after repeated hard bounces. Correct them in the MP directory, then "
                "clear “contact failing”.",
                len(failing),
            )
            % {"count": len(failing), "names": _names(failing)}
        )
    paused = list(sitting.filter(letters_paused=True).values_list("name", flat=True))
    if paused:
        alerts.append(
            ngettext(
                "Letters to %(names)s are paused: their office reported one of our letters as "
                "spam. New letters wait in Held letters; clear “letters paused” in the MP "
                "directory once you have spoken with the office.",
                "Letters to %(count)d MPs (%(names)s) are paused: their offices reported our "
                "letters as spam. New letters wait in Held letters; clear “letters paused” in "
                "the MP directory once you have spoken with each office.",
                len(paused),
            )
            % {"count": len(paused), "names": _names(paused)}
        )
    return alerts


def _names(names):
    shown = ", ".join(names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown += " " + _("and %(count)d more") % {"count": len(names) - NAMES_SHOWN}
    return shown
