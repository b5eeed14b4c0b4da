"""How the letters admin shows a letter's values: every time in one zone (TIME_ZONE, named),
exports in ISO 8601 with the offset, and statuses, languages and yes/no as words in the admin's
language, never stored codes."""

from django.conf import settings
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from letters.models.letter import Letter

LANGUAGE_NAMES = {"en": _("English"), "fr": _("French"), "ru": _("Russian")}


def zone_name():
    """The zone every time is shown in, as organizers know it ("America/Toronto")."""
    return settings.TIME_ZONE


def local_datetime(value):
    """A moment in TIME_ZONE, in the admin language's format, with the zone's abbreviation:
    "2 December 2026 14:05 EST"."""
    if value is None:
        return "—"
    local = timezone.localtime(value)
    return f"{formats.date_format(local, 'DATETIME_FORMAT')} {local.strftime('%Z')}"


def iso_datetime(value):
    """A moment for a spreadsheet: ISO 8601 in TIME_ZONE with its offset, to the second."""
    if value is None:
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


def language_name(code):
    """A language code as its name in the admin language ("English", "французский")."""
    name = LANGUAGE_NAMES.get(code) or dict(settings.LANGUAGES).get(code)
    return str(name) if name else code


def status_name(code):
    """A letter status as its words ("waiting for confirmation")."""
    if not code:
        return "—"
    try:
        return str(Letter.Status(code).label)
    except ValueError:
        return code


def yes_no(value):
    return gettext("yes") if value else gettext("no")


def time_zone_note():
    return gettext("Times are in %(zone)s.") % {"zone": zone_name()}
